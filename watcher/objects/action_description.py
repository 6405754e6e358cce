"""ActionDescription: the human description of an action type (written by
the applier at start-up)."""
from watcher.objects import base
from watcher.objects import fields as wfields


@base.WatcherObjectRegistry.register
class ActionDescription(base.WatcherPersistentObject, base.WatcherObject,
                        base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    VERSION = '1.0'

    RESOURCE = 'action_description'

    fields = {
        'id': wfields.IntegerField(),
        'action_type': wfields.StringField(),
        'description': wfields.StringField(),
    }

    @classmethod
    @base.remotable
    def get(cls, context, action_id):
        """Find an action description by id."""
        return cls._get_by_ident(context, action_id)

    @classmethod
    def get_by_id(cls, context, action_id):
        return cls._get(context, id=action_id)

    @classmethod
    @base.remotable
    def get_by_type(cls, context, action_type):
        return cls._get(context, action_type=action_type)

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
