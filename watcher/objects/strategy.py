"""Strategy: an algorithm that achieves a goal (written by the syncer)."""
from watcher.objects import base
from watcher.objects import fields as wfields


@base.WatcherObjectRegistry.register
class Strategy(base.WatcherPersistentObject, base.WatcherObject,
               base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    # Version 1.1: Added Goal object field
    VERSION = '1.1'

    RESOURCE = 'strategy'

    fields = {
        'id': wfields.IntegerField(),
        'uuid': wfields.UUIDField(),
        'name': wfields.StringField(),
        'display_name': wfields.StringField(),
        'goal_id': wfields.IntegerField(),
        'parameters_spec': wfields.FlexibleDictField(nullable=True),
        'goal': wfields.ObjectField('Goal', nullable=True),
    }

    object_fields = {'goal': ('Goal', 'goal_id')}

    @classmethod
    @base.remotable
    def get(cls, context, strategy_id, eager=False):
        """Find a strategy by id, UUID or name."""
        return cls._get_by_ident(context, strategy_id, eager)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, strategy_id, eager=False):
        return cls._get(context, eager, id=strategy_id)

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

    # ``context`` is accepted (and ignored: the object's own context is
    # used) because the reference's signatures have it.
    @base.remotable
    def create(self, context=None):
        self._create()

    def destroy(self, context=None):
        self._destroy()

    @base.remotable
    def save(self, context=None):
        self._save()

    @base.remotable
    def refresh(self, context=None, eager=False):
        self._refresh(eager)

    @base.remotable
    def soft_delete(self, context=None):
        self._soft_delete()
