"""Action: one step of an action plan (migrate, resize, nop...)."""
from watcher.objects import base
from watcher.objects import fields as wfields
from watcher.objects import states

State = states.ActionState


@base.WatcherObjectRegistry.register
class Action(base.WatcherPersistentObject, base.WatcherObject,
             base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    # Version 1.1: Added 'action_plan' object field
    # Version 2.0: Removed 'next' object field, Added 'parents' object field
    # Version 2.1: Added 'status_message' field
    VERSION = '2.1'

    RESOURCE = 'action'

    fields = {
        'id': wfields.IntegerField(),
        'uuid': wfields.UUIDField(),
        'action_plan_id': wfields.IntegerField(),
        'action_type': wfields.StringField(nullable=True),
        'input_parameters': wfields.DictField(nullable=True),
        'state': wfields.StringField(nullable=True),
        'parents': wfields.ListOfStringsField(nullable=True),
        'status_message': wfields.StringField(nullable=True),
        'action_plan': wfields.ObjectField('ActionPlan', nullable=True),
    }

    object_fields = {'action_plan': ('ActionPlan', 'action_plan_id')}

    @classmethod
    @base.remotable
    def get(cls, context, action_id, eager=False):
        """Find an action by id or UUID."""
        return cls._get_by_ident(context, action_id, eager)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, action_id, eager=False):
        return cls._get(context, eager, id=action_id)

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

    @classmethod
    def create_many(cls, context, actions, action_plan=None):
        """Create the actions of one plan in a single transaction."""
        related = {} if action_plan is None else {'action_plan': action_plan}
        return cls._create_many(context, actions, **related)

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
        """State DELETED (``action.update``), then soft delete
        (``action.delete``)."""
        self.state = State.DELETED
        self._save()
        self._soft_delete()
