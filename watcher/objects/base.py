"""Base classes of Watcher's versioned objects.

``WatcherObject`` fixes the serialisation namespace (``watcher_object.*``
keys, project ``watcher``). ``WatcherPersistentObject`` maps an object to one
resource of the generic DB API (``watcher.db.api``): the per-object modules
only declare fields and thin, reference-compatible method signatures and
delegate to the ``_get``/``_list``/``_create``/``_save``... helpers here.

Objects never import ``watcher.notifications`` (it sits above them). Instead
``create()``, ``save()`` and ``soft_delete()`` call the functions registered
with ``register_listener``; ``watcher.notifications`` registers one when it
is imported and turns those calls into versioned notifications.
"""
import copy
import datetime
import sys
import threading
import types

from oslo_log import log
from oslo_utils import strutils
from oslo_utils import uuidutils
from oslo_utils import versionutils
from oslo_versionedobjects import base as ovo_base

from watcher.common import exception
from watcher.db import api as db_api
from watcher.objects import fields as wfields

LOG = log.getLogger(__name__)

remotable = ovo_base.remotable

# Events given to listeners.
CREATE = 'create'
UPDATE = 'update'
DELETE = 'delete'

_LISTENERS = []
# Per-thread memo of the _create_many batch being notified (batch_memo()).
_BATCH = threading.local()


def register_listener(listener):
    """Call ``listener(event, obj, old_state)`` after each object change.

    ``event`` is ``CREATE``, ``UPDATE`` or ``DELETE``; ``old_state`` is the
    state before the change for objects that track it, else None.
    Registering the same function twice has no effect.
    """
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def unregister_listener(listener):
    """Stop calling ``listener`` (no error if it was not registered)."""
    if listener in _LISTENERS:
        _LISTENERS.remove(listener)


def notify_listeners(event, obj, old_state=None):
    """Run every listener; a failing listener never fails the DB change."""
    for listener in tuple(_LISTENERS):
        try:
            listener(event, obj, old_state)
        except Exception:
            LOG.exception('Listener %s failed on %s of %s %s', listener,
                          event, obj.obj_name(), _describe(obj))


def batch_memo():
    """A dict shared by the listener calls of one ``_create_many`` batch.

    Outside a batch it is None. Listeners keep there what is the same for
    every object of the batch (e.g. the plan of 10,000 actions), so it is
    built once; nothing changes the related objects during the batch.
    """
    return getattr(_BATCH, 'memo', None)


def _describe(obj):
    """uuid (else id) of ``obj`` for log messages, never raising."""
    for field in ('uuid', 'id'):
        if field in obj.fields and obj.obj_attr_is_set(field):
            return getattr(obj, field)
    return '(unsaved)'


class WatcherObjectRegistry(ovo_base.VersionedObjectRegistry):
    """Registry that also exposes each object as ``watcher.objects.<Name>``.

    Notification classes are registered too (so their primitives can be
    read back) but are not published in ``watcher.objects``.
    """

    notification_classes = []

    def registration_hook(self, cls, index):
        if not cls.__module__.startswith('watcher.objects'):
            return
        package = sys.modules['watcher.objects']
        current = getattr(package, cls.obj_name(), None)
        version = versionutils.convert_version_to_tuple
        if current is None or \
                version(cls.VERSION) >= version(current.VERSION):
            setattr(package, cls.obj_name(), cls)

    @classmethod
    def register_notification(cls, notification_cls):
        """Register a notification (or payload) class."""
        registered = cls.register(notification_cls)
        if notification_cls not in cls.notification_classes:
            cls.notification_classes.append(notification_cls)
        return registered


class WatcherObject(ovo_base.VersionedObject):
    """Base of every Watcher object and notification."""

    OBJ_SERIAL_NAMESPACE = 'watcher_object'
    OBJ_PROJECT_NAMESPACE = 'watcher'

    def as_dict(self):
        """The fields that are set, as a plain dict."""
        return {name: getattr(self, name) for name in self.fields
                if self.obj_attr_is_set(name)}


class WatcherObjectDictCompat(ovo_base.VersionedObjectDictCompat):
    """``obj['field']`` access, for code written against dict rows."""


class WatcherObjectSerializer(ovo_base.VersionedObjectSerializer):
    """RPC serializer that rebuilds Watcher objects from primitives."""

    OBJ_BASE_CLASS = WatcherObject


def _naive_utc(value):
    """The DB stores naive UTC datetimes."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


# Rows written per INSERT by ``_create_many`` (all in one transaction).
CREATE_CHUNK = 1000


def _written_as_is(changes):
    """Fields of a change set the database stores unchanged (datetimes are
    not: they come back naive UTC)."""
    return frozenset(field for field, value in changes.items()
                     if not isinstance(value, datetime.datetime))


def _deleted_visible(context):
    """A context that also sees soft-deleted rows (for related objects)."""
    if context is None:
        return types.SimpleNamespace(show_deleted=True)
    visible = copy.copy(context)
    visible.show_deleted = True
    return visible


def _list_arguments(limit, marker, filters):
    """Accept ``list(ctx, {filters})`` whatever the positional order.

    The reference orders the parameters ``limit, marker, filters`` on most
    objects and ``filters, limit, marker`` on others; the architecture
    documents the latter. A dict can only be filters, so a dict given as
    ``limit`` means the caller used the documented order.
    """
    if isinstance(limit, dict):
        return marker, filters, limit
    return limit, marker, filters


class WatcherPersistentObject:
    """Mixin of objects stored in one resource of the generic DB API.

    Subclasses set ``RESOURCE`` (the DB resource name) and
    ``object_fields`` ({field: (object class name, foreign key field)})
    for related objects that ``eager`` loads (or that are loaded on first
    access otherwise).
    """

    fields = {
        'created_at': wfields.DateTimeField(nullable=True),
        'updated_at': wfields.DateTimeField(nullable=True),
        'deleted_at': wfields.DateTimeField(nullable=True),
    }

    RESOURCE = None
    object_fields = {}

    # -- loading -----------------------------------------------------------

    @staticmethod
    def _object_class(name):
        return getattr(sys.modules['watcher.objects'], name)

    @classmethod
    def _db_value(cls, db_object, field):
        """The value of ``field`` read from a DB row."""
        return getattr(db_object, field)

    @classmethod
    def _from_db_object(cls, obj, db_object, eager=False, keep=()):
        """Fill ``obj`` from a DB row; with ``eager``, related objects too
        (the row must have been read with ``eager``). Fields in ``keep``
        already hold what was just written and are left as they are."""
        for field in obj.fields:
            if field in cls.object_fields or field in keep:
                continue
            setattr(obj, field, cls._db_value(db_object, field))
        if eager:
            for field, (class_name, _fk) in cls.object_fields.items():
                related_row = getattr(db_object, field)
                related = None
                if related_row is not None:
                    related_cls = cls._object_class(class_name)
                    related = related_cls._from_db_object(
                        related_cls(obj._context), related_row)
                setattr(obj, field, related)
        obj.obj_reset_changes()
        return obj

    def obj_load_attr(self, attrname):
        """Load a related object on first access (soft-deleted included)."""
        if attrname not in self.object_fields:
            raise exception.WatcherException(
                message="%s.%s is not set and cannot be loaded" %
                (self.obj_name(), attrname))
        class_name, fk_field = self.object_fields[attrname]
        fk_value = getattr(self, fk_field)
        related = None
        if fk_value is not None:
            related_cls = self._object_class(class_name)
            try:
                row = db_api.get_instance().get(
                    _deleted_visible(self._context), related_cls.RESOURCE,
                    id=fk_value)
            except exception.ResourceNotFound:
                row = None
            if row is not None:
                related = related_cls._from_db_object(
                    related_cls(self._context), row)
        setattr(self, attrname, related)
        self.obj_reset_changes([attrname])

    def obj_refresh(self, loaded_object):
        """Copy the fields of ``loaded_object`` that differ into self.

        A related object whose foreign key changed is dropped, so that the
        next access loads the new one.
        """
        for field in self.fields:
            if field in self.object_fields:
                continue
            if not loaded_object.obj_attr_is_set(field):
                continue
            value = getattr(loaded_object, field)
            if not self.obj_attr_is_set(field) or \
                    getattr(self, field) != value:
                setattr(self, field, value)
        for field, (_class_name, fk_field) in self.object_fields.items():
            if loaded_object.obj_attr_is_set(field):
                setattr(self, field, getattr(loaded_object, field))
            elif self.obj_attr_is_set(field):
                related = getattr(self, field)
                if related is None or related.id != getattr(self, fk_field):
                    delattr(self, field)

    # -- class-level reads ---------------------------------------------------

    @classmethod
    def _get(cls, context, eager=False, **by):
        eager = bool(eager and cls.object_fields)
        row = db_api.get_instance().get(context, cls.RESOURCE, eager=eager,
                                        **by)
        return cls._from_db_object(cls(context), row, eager=eager)

    @classmethod
    def _get_by_ident(cls, context, ident, eager=False):
        """Look up by integer id, UUID or (for named objects) name."""
        if strutils.is_int_like(ident):
            return cls._get(context, eager, id=int(ident))
        if 'uuid' in cls.fields and uuidutils.is_uuid_like(ident):
            return cls._get(context, eager, uuid=ident)
        if 'name' in cls.fields and isinstance(ident, str) and ident:
            return cls._get(context, eager, name=ident)
        raise exception.InvalidIdentity(identity=ident)

    @classmethod
    def _list(cls, context, limit=None, marker=None, filters=None,
              sort_key=None, sort_dir=None, eager=False):
        limit, marker, filters = _list_arguments(limit, marker, filters)
        eager = bool(eager and cls.object_fields)
        rows = db_api.get_instance().list(
            context, cls.RESOURCE, filters=filters, limit=limit,
            marker=marker, sort_key=sort_key, sort_dir=sort_dir, eager=eager)
        return [cls._from_db_object(cls(context), row, eager=eager)
                for row in rows]

    # -- writes --------------------------------------------------------------

    def _ident(self):
        if 'uuid' in self.fields and self.obj_attr_is_set('uuid') \
                and self.uuid:
            return self.uuid
        return self.id

    def _db_values(self, values):
        """Column values of a change set (related objects left out)."""
        return {field: _naive_utc(value) for field, value in values.items()
                if field not in self.object_fields}

    def _old_state_for_listeners(self):
        return None

    def _forget_old_state(self):
        pass

    def _create(self):
        dbapi = db_api.get_instance()
        row = dbapi.create(self.RESOURCE,
                           self._db_values(self.obj_get_changes()))
        eager = bool(self.object_fields)
        if eager:
            # Notifications describe the related objects too.
            row = dbapi.get(_deleted_visible(self._context), self.RESOURCE,
                            id=row.id, eager=True)
        self._from_db_object(self, row, eager=eager)
        self._forget_old_state()
        notify_listeners(CREATE, self, None)

    @classmethod
    def _create_many(cls, context, objs, **related):
        """Create ``objs`` in one DB transaction, then notify each.

        ``related`` sets already-loaded related objects on every created
        object (e.g. ``action_plan=plan``) so the notifications need no
        extra query per row.
        """
        objs = list(objs)
        dbapi = db_api.get_instance()
        # One transaction, written CREATE_CHUNK rows at a time: the rows of
        # a 10,000-action plan are never all held at once (about 40 MB).
        with dbapi.transaction():
            for start in range(0, len(objs), CREATE_CHUNK):
                chunk = objs[start:start + CREATE_CHUNK]
                changes = [obj.obj_get_changes() for obj in chunk]
                rows = dbapi.create_many(
                    cls.RESOURCE, [obj._db_values(changed)
                                   for obj, changed in zip(chunk, changes)])
                for obj, row, changed in zip(chunk, rows, changes):
                    # Only what the database added (id, timestamps,
                    # defaults) is read back: coercing every field of
                    # every row again was most of the cost of storing a
                    # large plan.
                    cls._from_db_object(obj, row,
                                        keep=_written_as_is(changed))
                    for field, value in related.items():
                        setattr(obj, field, value)
                    obj.obj_reset_changes()
                    obj._forget_old_state()
                del rows
        outer = batch_memo()
        _BATCH.memo = {}
        try:
            for obj in objs:
                notify_listeners(CREATE, obj, None)
        finally:
            _BATCH.memo = outer
        return objs

    def _save(self, expected=None):
        updates = self._db_values(self.obj_get_changes())
        if updates or expected:
            row = db_api.get_instance().update(
                self.RESOURCE, self._ident(), updates, expected=expected)
            self._refresh_from_row(row)
        notify_listeners(UPDATE, self, self._old_state_for_listeners())
        self._forget_old_state()
        self.obj_reset_changes()

    def _refresh_from_row(self, row):
        loaded = self._from_db_object(self.__class__(self._context), row)
        self.obj_refresh(loaded)

    def _refresh(self, eager=False):
        current = self._get(self._context, eager, id=self.id)
        self.obj_refresh(current)
        self.obj_reset_changes()

    def _soft_delete(self):
        row = db_api.get_instance().soft_delete(self.RESOURCE, self._ident())
        if row is not None:
            self._refresh_from_row(row)
        self.obj_reset_changes()
        notify_listeners(DELETE, self, None)

    def _destroy(self):
        db_api.get_instance().destroy(self.RESOURCE, self._ident())
        self.obj_reset_changes()

    def compare_and_save(self, expected):
        """Save only if the row still holds ``expected`` ({field: value}).

        Raises ``exception.Conflict`` otherwise (nothing is written). Used
        to claim audits and action plans so that two services never take
        the same one. Listeners are called as for ``save()``.
        """
        self._save(expected=dict(expected))


class StateTrackingMixin:
    """Remember the state an object had before its unsaved state change.

    ``old_state`` is the state last read from or written to the DB, kept
    from the first assignment of a different ``state`` until the next
    save; update notifications report it as ``state_update.old_state``.
    """

    STATE_DELETED = 'DELETED'

    def __setattr__(self, name, value):
        if name == 'state' and not getattr(self, '_state_tracking_paused',
                                           False):
            if self.obj_attr_is_set('state') and self.state != value and \
                    getattr(self, '_old_state', None) is None:
                object.__setattr__(self, '_old_state', self.state)
        super().__setattr__(name, value)

    @property
    def old_state(self):
        return getattr(self, '_old_state', None)

    def _old_state_for_listeners(self):
        return self.old_state

    def _forget_old_state(self):
        object.__setattr__(self, '_old_state', None)

    def obj_refresh(self, loaded_object):
        # A refresh reads what is stored: it is not a change to report.
        object.__setattr__(self, '_state_tracking_paused', True)
        try:
            super().obj_refresh(loaded_object)
        finally:
            object.__setattr__(self, '_state_tracking_paused', False)

    @classmethod
    def _from_db_object(cls, obj, db_object, eager=False):
        object.__setattr__(obj, '_state_tracking_paused', True)
        try:
            return super()._from_db_object(obj, db_object, eager=eager)
        finally:
            object.__setattr__(obj, '_state_tracking_paused', False)

    def _soft_delete(self):
        """State DELETED (saved, so ``<obj>.update`` is sent), then the
        soft delete itself."""
        self.state = self.STATE_DELETED
        self._save()
        super()._soft_delete()
