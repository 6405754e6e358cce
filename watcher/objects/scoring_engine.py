"""ScoringEngine: a scoring plugin usable by strategies (synced)."""
from watcher.objects import base
from watcher.objects import fields as wfields


@base.WatcherObjectRegistry.register
class ScoringEngine(base.WatcherPersistentObject, base.WatcherObject,
                    base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    VERSION = '1.0'

    RESOURCE = 'scoring_engine'

    fields = {
        'id': wfields.IntegerField(),
        'uuid': wfields.UUIDField(),
        'name': wfields.StringField(),
        'description': wfields.StringField(nullable=True),
        'metainfo': wfields.StringField(nullable=True),
    }

    @classmethod
    @base.remotable
    def get(cls, context, scoring_engine_id):
        """Find a scoring engine by id, UUID or name."""
        return cls._get_by_ident(context, scoring_engine_id)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, scoring_engine_id):
        return cls._get(context, id=scoring_engine_id)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, scoring_engine_uuid):
        return cls._get(context, uuid=scoring_engine_uuid)

    @classmethod
    @base.remotable
    def get_by_name(cls, context, scoring_engine_name):
        return cls._get(context, name=scoring_engine_name)

    @classmethod
    @base.remotable
    def list(cls, context, filters=None, limit=None, marker=None,
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
