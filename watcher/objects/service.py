"""Service: a running decision engine or applier (heartbeat rows).

A service has no stored status: it is ACTIVE while its last heartbeat is
recent enough (``[DEFAULT] service_down_time``), else FAILED. ``status``
and ``get_status`` compute it the same way for the API and the monitors.
"""
import datetime

from oslo_utils import timeutils

from watcher import conf
from watcher.objects import base
from watcher.objects import fields as wfields
from watcher.objects import states

CONF = conf.CONF

ServiceStatus = states.ServiceStatus


def _naive_utc(value):
    if value is not None and value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def _set_or_none(obj, field):
    if hasattr(obj, 'obj_attr_is_set') and not obj.obj_attr_is_set(field):
        return None
    return getattr(obj, field, None)


def last_heartbeat(service):
    """``last_seen_up``, else ``updated_at``, else ``created_at`` (naive
    UTC); None if the service never reported."""
    for field in ('last_seen_up', 'updated_at', 'created_at'):
        value = _set_or_none(service, field)
        if value is not None:
            return _naive_utc(value)
    return None


def get_status(service, now=None, down_time=None):
    """ACTIVE if the last heartbeat is within ``down_time`` seconds of
    ``now`` (defaults: UTC now and ``[DEFAULT] service_down_time``).

    The distance is taken in absolute value, as the reference does, so a
    clock slightly ahead on the service host does not mark it FAILED.
    """
    heartbeat = last_heartbeat(service)
    if heartbeat is None:
        return ServiceStatus.FAILED
    now = _naive_utc(now) if now is not None else timeutils.utcnow()
    if down_time is None:
        down_time = CONF.service_down_time
    elapsed = abs((now - heartbeat).total_seconds())
    return ServiceStatus.ACTIVE if elapsed <= down_time else \
        ServiceStatus.FAILED


@base.WatcherObjectRegistry.register
class Service(base.WatcherPersistentObject, base.WatcherObject,
              base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    VERSION = '1.0'

    RESOURCE = 'service'

    fields = {
        'id': wfields.IntegerField(),
        'name': wfields.StringField(),
        'host': wfields.StringField(),
        'last_seen_up': wfields.DateTimeField(tzinfo_aware=False,
                                              nullable=True),
    }

    @property
    def status(self):
        """ACTIVE or FAILED, computed now (see ``get_status``)."""
        return get_status(self)

    @classmethod
    @base.remotable
    def get(cls, context, service_id):
        """Find a service by id (or the first one with that name)."""
        return cls._get_by_ident(context, service_id)

    @classmethod
    def get_by_id(cls, context, service_id):
        return cls._get(context, id=service_id)

    @classmethod
    @base.remotable
    def get_by_name(cls, context, name):
        """The first service called ``name`` (one row per host)."""
        return cls._get(context, name=name)

    @classmethod
    @base.remotable
    def list(cls, context, limit=None, marker=None, filters=None,
             sort_key=None, sort_dir=None):
        return cls._list(context, limit, marker, filters, sort_key, sort_dir)

    @base.remotable
    def create(self):
        self._create()

    def destroy(self):
        self._destroy()

    @base.remotable
    def save(self):
        self._save()

    def refresh(self):
        self._refresh()

    def soft_delete(self):
        self._soft_delete()
