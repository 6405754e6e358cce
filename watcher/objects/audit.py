"""Audit: one request to optimize the cloud for a goal.

``State`` and ``AuditType`` live in ``watcher.objects.states`` with the
transition tables; they are re-exported here under the reference's names.
"""
from watcher.objects import base
from watcher.objects import fields as wfields
from watcher.objects import states

State = states.AuditState
AuditType = states.AuditType


@base.WatcherObjectRegistry.register
class Audit(base.StateTrackingMixin, base.WatcherPersistentObject,
            base.WatcherObject, base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    # Version 1.1: Added 'goal' and 'strategy' object field
    # Version 1.2: Added 'auto_trigger' boolean field
    # Version 1.3: Added 'next_run_time' field, 'interval' type to string
    # Version 1.4: Added 'name' string field
    # Version 1.5: Added 'hostname' field
    # Version 1.6: Added 'start_time' and 'end_time' DateTime fields
    # Version 1.7: Added 'force' boolean field
    # Version 1.8: Added 'status_message' string field
    VERSION = '1.8'

    RESOURCE = 'audit'
    STATE_DELETED = State.DELETED

    fields = {
        'id': wfields.IntegerField(),
        'uuid': wfields.UUIDField(),
        'name': wfields.StringField(),
        'audit_type': wfields.StringField(),
        'state': wfields.StringField(),
        'parameters': wfields.FlexibleDictField(nullable=True),
        'interval': wfields.StringField(nullable=True),
        'scope': wfields.FlexibleListOfDictField(nullable=True),
        'goal_id': wfields.IntegerField(),
        'strategy_id': wfields.IntegerField(nullable=True),
        'auto_trigger': wfields.BooleanField(),
        'next_run_time': wfields.DateTimeField(nullable=True,
                                               tzinfo_aware=False),
        'hostname': wfields.StringField(nullable=True),
        'start_time': wfields.DateTimeField(nullable=True,
                                            tzinfo_aware=False),
        'end_time': wfields.DateTimeField(nullable=True, tzinfo_aware=False),
        'force': wfields.BooleanField(default=False, nullable=False),
        'goal': wfields.ObjectField('Goal', nullable=True),
        'strategy': wfields.ObjectField('Strategy', nullable=True),
        'status_message': wfields.StringField(nullable=True),
    }

    object_fields = {
        'goal': ('Goal', 'goal_id'),
        'strategy': ('Strategy', 'strategy_id'),
    }

    @classmethod
    def _db_value(cls, db_object, field):
        value = super()._db_value(db_object, field)
        if field == 'force' and value is None:
            # The migration made the column nullable (model: not null).
            return False
        return value

    @classmethod
    @base.remotable
    def get(cls, context, audit_id, eager=False):
        """Find an audit by id, UUID or name."""
        return cls._get_by_ident(context, audit_id, eager)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, audit_id, eager=False):
        return cls._get(context, eager, id=audit_id)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid, eager=False):
        return cls._get(context, eager, uuid=uuid)

    @classmethod
    @base.remotable
    def get_by_name(cls, context, name, eager=False):
        return cls._get(context, eager, name=name)

    @classmethod
    @base.remotable
    def list(cls, context, limit=None, marker=None, filters=None,
             sort_key=None, sort_dir=None, eager=False):
        return cls._list(context, limit, marker, filters, sort_key, sort_dir,
                         eager)

    @base.remotable
    def create(self):
        self._create()

    @base.remotable
    def destroy(self):
        self._destroy()

    @base.remotable
    def save(self):
        self._save()

    @base.remotable
    def refresh(self, eager=False):
        self._refresh(eager)

    @base.remotable
    def soft_delete(self):
        """State DELETED (``audit.update``), then soft delete
        (``audit.delete``)."""
        self._soft_delete()
