"""AuditTemplate: reusable audit settings (goal, strategy, scope and,
from API 1.7, default strategy parameters)."""
from watcher.objects import base
from watcher.objects import fields as wfields


@base.WatcherObjectRegistry.register
class AuditTemplate(base.WatcherPersistentObject, base.WatcherObject,
                    base.WatcherObjectDictCompat):
    # Version 1.0: Initial version
    # Version 1.1: Added 'goal' and 'strategy' object field
    # Version 1.2: Added 'default_parameters'
    VERSION = '1.2'

    RESOURCE = 'audit_template'

    fields = {
        'id': wfields.IntegerField(),
        'uuid': wfields.UUIDField(),
        'name': wfields.StringField(),
        'description': wfields.StringField(nullable=True),
        'scope': wfields.FlexibleListOfDictField(nullable=True),
        'default_parameters': wfields.FlexibleDictField(nullable=True),
        'goal_id': wfields.IntegerField(),
        'strategy_id': wfields.IntegerField(nullable=True),
        'goal': wfields.ObjectField('Goal', nullable=True),
        'strategy': wfields.ObjectField('Strategy', nullable=True),
    }

    object_fields = {
        'goal': ('Goal', 'goal_id'),
        'strategy': ('Strategy', 'strategy_id'),
    }

    @classmethod
    @base.remotable
    def get(cls, context, audit_template_id, eager=False):
        """Find an audit template by id, UUID or name."""
        return cls._get_by_ident(context, audit_template_id, eager)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, audit_template_id, eager=False):
        return cls._get(context, eager, id=audit_template_id)

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
    def list(cls, context, filters=None, limit=None, marker=None,
             sort_key=None, sort_dir=None, eager=False):
        return cls._list(context, limit, marker, filters, sort_key, sort_dir,
                         eager)

    @base.remotable
    def create(self):
        self._create()

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
        self._soft_delete()
