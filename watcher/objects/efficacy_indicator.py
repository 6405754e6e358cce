"""EfficacyIndicator: one measured indicator of an action plan."""
from watcher.objects import base
from watcher.objects import fields as wfields


@base.WatcherObjectRegistry.register
class EfficacyIndicator(base.WatcherPersistentObject, base.WatcherObject,
                        base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    VERSION = '1.0'

    RESOURCE = 'efficacy_indicator'

    fields = {
        'id': wfields.IntegerField(),
        'uuid': wfields.UUIDField(),
        'action_plan_id': wfields.IntegerField(),
        'name': wfields.StringField(),
        'description': wfields.StringField(nullable=True),
        'unit': wfields.StringField(nullable=True),
        'value': wfields.NumericField(),
    }

    @classmethod
    def _db_value(cls, db_object, field):
        # ``data`` (Float) is authoritative; the legacy Numeric ``value``
        # column lost decimals (bug 2103458) and is only a fallback.
        if field == 'value':
            data = getattr(db_object, 'data', None)
            return data if data is not None else db_object.value
        return super()._db_value(db_object, field)

    def _db_values(self, values):
        values = super()._db_values(values)
        if 'value' in values:
            values['data'] = values['value']
        return values

    @classmethod
    @base.remotable
    def get(cls, context, efficacy_indicator_id):
        """Find an efficacy indicator by id or UUID."""
        return cls._get_by_ident(context, efficacy_indicator_id)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, efficacy_indicator_id):
        return cls._get(context, id=efficacy_indicator_id)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        return cls._get(context, uuid=uuid)

    @classmethod
    def get_by_name(cls, context, name):
        """The first indicator called ``name`` (names are not unique)."""
        return cls._get(context, name=name)

    @classmethod
    @base.remotable
    def list(cls, context, limit=None, marker=None, filters=None,
             sort_key=None, sort_dir=None):
        return cls._list(context, limit, marker, filters, sort_key, sort_dir)

    @base.remotable
    def create(self, context=None):
        self._create()

    def destroy(self, context=None):
        self._destroy()

    @base.remotable
    def save(self, context=None):
        self._save()

    @base.remotable
    def refresh(self, context=None):
        self._refresh()

    @base.remotable
    def soft_delete(self, context=None):
        self._soft_delete()
