"""The goal payload embedded in audit notifications."""
from watcher.notifications import base
from watcher.objects import base as obj_base
from watcher.objects import fields as wfields


@obj_base.WatcherObjectRegistry.register_notification
class GoalPayload(base.NotificationPayloadBase):
    SCHEMA = {
        'uuid': ('goal', 'uuid'),
        'name': ('goal', 'name'),
        'display_name': ('goal', 'display_name'),
        'efficacy_specification': ('goal', 'efficacy_specification'),
        'created_at': ('goal', 'created_at'),
        'updated_at': ('goal', 'updated_at'),
        'deleted_at': ('goal', 'deleted_at'),
    }

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'uuid': wfields.UUIDField(),
        'name': wfields.StringField(),
        'display_name': wfields.StringField(),
        'efficacy_specification': wfields.FlexibleListOfDictField(),
        'created_at': wfields.DateTimeField(nullable=True),
        'updated_at': wfields.DateTimeField(nullable=True),
        'deleted_at': wfields.DateTimeField(nullable=True),
    }

    def __init__(self, goal, **kwargs):
        super().__init__(**kwargs)
        self.populate_schema(goal=goal)
