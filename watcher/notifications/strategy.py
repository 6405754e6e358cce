"""The strategy payload embedded in audit and action plan notifications."""
from watcher.notifications import base
from watcher.objects import base as obj_base
from watcher.objects import fields as wfields


@obj_base.WatcherObjectRegistry.register_notification
class StrategyPayload(base.NotificationPayloadBase):
    SCHEMA = {
        'uuid': ('strategy', 'uuid'),
        'name': ('strategy', 'name'),
        'display_name': ('strategy', 'display_name'),
        'parameters_spec': ('strategy', 'parameters_spec'),
        'created_at': ('strategy', 'created_at'),
        'updated_at': ('strategy', 'updated_at'),
        'deleted_at': ('strategy', 'deleted_at'),
    }

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'uuid': wfields.UUIDField(),
        'name': wfields.StringField(),
        'display_name': wfields.StringField(),
        'parameters_spec': wfields.FlexibleDictField(nullable=True),
        'created_at': wfields.DateTimeField(nullable=True),
        'updated_at': wfields.DateTimeField(nullable=True),
        'deleted_at': wfields.DateTimeField(nullable=True),
    }

    def __init__(self, strategy, **kwargs):
        super().__init__(**kwargs)
        self.populate_schema(strategy=strategy)
