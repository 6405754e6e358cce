"""ActionPlan: the actions an audit recommends, run by the applier."""
from watcher.objects import base
from watcher.objects import fields as wfields
from watcher.objects import states

State = states.ActionPlanState


@base.WatcherObjectRegistry.register
class ActionPlan(base.StateTrackingMixin, base.WatcherPersistentObject,
                 base.WatcherObject, base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    # Version 1.1: Added 'audit' and 'strategy' object field
    # Version 1.2: audit_id is not nullable anymore
    # Version 2.0: Removed 'first_action_id' object field
    # Version 2.1: Changed global_efficacy type
    # Version 2.2: Added 'hostname' field
    # Version 2.3: Added 'status_message' field
    VERSION = '2.3'

    RESOURCE = 'action_plan'
    STATE_DELETED = State.DELETED

    fields = {
        'id': wfields.IntegerField(),
        'uuid': wfields.UUIDField(),
        'audit_id': wfields.IntegerField(),
        'strategy_id': wfields.IntegerField(),
        'state': wfields.StringField(nullable=True),
        'global_efficacy': wfields.FlexibleListOfDictField(nullable=True),
        'hostname': wfields.StringField(nullable=True),
        'audit': wfields.ObjectField('Audit', nullable=True),
        'strategy': wfields.ObjectField('Strategy', nullable=True),
        'status_message': wfields.StringField(nullable=True),
    }

    object_fields = {
        'audit': ('Audit', 'audit_id'),
        'strategy': ('Strategy', 'strategy_id'),
    }

    @classmethod
    @base.remotable
    def get(cls, context, action_plan_id, eager=False):
        """Find an action plan by id or UUID."""
        return cls._get_by_ident(context, action_plan_id, eager)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, action_plan_id, eager=False):
        return cls._get(context, eager, id=action_plan_id)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid, eager=False):
        return cls._get(context, eager, uuid=uuid)

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
        """State DELETED (``action_plan.update``), then soft delete
        (``action_plan.delete``). Actions and efficacy indicators are the
        caller's business (the API cascades)."""
        self._soft_delete()
