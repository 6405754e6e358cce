"""``/v1/services``: the decision engine and applier processes.

``status`` is computed at read time from the last heartbeat.
"""

import datetime

from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher._i18n import _
from watcher.api.controllers import base
from watcher.api.controllers import link
from watcher.api.controllers.v1 import collection
from watcher.api.controllers.v1 import listing
from watcher.api.controllers.v1 import utils as api_utils
from watcher.common import exception
from watcher import objects

SORT_KEYS = ('id', 'name', 'host', 'last_seen_up', 'created_at',
             'updated_at', 'deleted_at')
BRIEF_FIELDS = ('id', 'name', 'host', 'status', 'links')


def _naive_utc(value):
    if value is not None and value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


class Service(base.APIBase):
    """API representation of a service."""

    id = wtypes.wsattr(int, readonly=True)
    """ID for this service."""

    name = wtypes.text
    """Name of the service."""

    host = wtypes.text
    """Host where the service is placed on."""

    last_seen_up = wtypes.wsattr(datetime.datetime, readonly=True)
    """Time when the service sent its last heartbeat (naive UTC)."""

    status = wtypes.text
    """ACTIVE or FAILED."""

    links = wtypes.wsattr([link.Link], readonly=True)
    """Self and bookmark links (by id)."""

    @classmethod
    def convert(cls, service, detail=True):
        api_service = cls(id=service.id, name=service.name,
                          host=service.host,
                          last_seen_up=_naive_utc(service.last_seen_up),
                          status=objects.service.get_status(service))
        api_service.set_timestamps(service)
        api_service.links = link.self_and_bookmark(
            listing.host_url(), 'services', service.id)
        if not detail:
            api_service.unset_fields_except(BRIEF_FIELDS)
        return api_service


class ServiceCollection(collection.Collection):
    """API representation of a collection of services."""

    services = [Service]
    _type = 'services'


def get_service(ident):
    """A service by integer id, else by name (unique among hosts)."""
    ctx = api_utils.context()
    if api_utils.is_int_like(ident):
        return objects.Service.get_by_id(ctx, int(ident))
    matches = objects.Service.list(ctx, filters={'name': ident}, limit=2)
    if not matches:
        raise exception.ServiceNotFound(service=ident)
    if len(matches) > 1:
        # NOTE: the reference fails with a 500 here.
        raise exception.Conflict(
            _('Several services are named %s; use the service id.') % ident)
    return matches[0]


class ServicesController(rest.RestController):
    """REST controller for services."""

    _custom_actions = {
        'detail': ['GET'],
    }

    def _get_collection(self, marker, limit, sort_key, sort_dir, detail,
                        resource_url='services'):
        return listing.get_collection(
            obj_cls=objects.Service, collection_cls=ServiceCollection,
            convert=lambda s: Service.convert(s, detail=detail),
            resource_url=resource_url, marker=marker, limit=limit,
            sort_key=sort_key, sort_dir=sort_dir, sort_keys=SORT_KEYS,
            marker_field='id')

    @wsme_pecan.wsexpose(ServiceCollection, int, int, wtypes.text,
                         wtypes.text)
    def get_all(self, marker=None, limit=None, sort_key='id',
                sort_dir='asc'):
        """Retrieve a list of services."""
        api_utils.enforce('service:get_all')
        return self._get_collection(marker, limit, sort_key, sort_dir,
                                    detail=False)

    @wsme_pecan.wsexpose(ServiceCollection, int, int, wtypes.text,
                         wtypes.text)
    def detail(self, marker=None, limit=None, sort_key='id',
               sort_dir='asc'):
        """Retrieve a list of services with detail."""
        api_utils.enforce('service:detail')
        api_utils.check_parent('services')
        return self._get_collection(marker, limit, sort_key, sort_dir,
                                    detail=True,
                                    resource_url='services/detail')

    @wsme_pecan.wsexpose(Service, wtypes.text)
    def get_one(self, service):
        """Retrieve one service by id or name."""
        rpc_service = get_service(service)
        api_utils.enforce('service:get', rpc_service)
        return Service.convert(rpc_service)
