"""Goal: an optimization goal known to the decision engine (read-only
for users, written by the catalogue syncer)."""
from watcher.objects import base
from watcher.objects import fields as wfields


@base.WatcherObjectRegistry.register
class Goal(base.WatcherPersistentObject, base.WatcherObject,
           base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    VERSION = '1.0'

    RESOURCE = 'goal'

    fields = {
        'id': wfields.IntegerField(),
        'uuid': wfields.UUIDField(),
        'name': wfields.StringField(),
        'display_name': wfields.StringField(),
        'efficacy_specification': wfields.FlexibleListOfDictField(),
    }

    @classmethod
    @base.remotable
    def get(cls, context, goal_id):
        """Find a goal by id, UUID or name."""
        return cls._get_by_ident(context, goal_id)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, goal_id):
        return cls._get(context, id=goal_id)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        return cls._get(context, uuid=uuid)

    @classmethod
    @base.remotable
    def get_by_name(cls, context, name):
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

    @base.remotable
    def refresh(self):
        self._refresh()

    @base.remotable
    def soft_delete(self):
        self._soft_delete()
