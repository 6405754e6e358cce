"""``service.update``: a decision engine or applier went FAILED (warning)
or came back ACTIVE (info)."""
from watcher.notifications import base
from watcher.objects import base as obj_base
from watcher.objects import fields as wfields
from watcher.objects import states

_STATUS = states.ServiceStatus
_PRIORITY = wfields.NotificationPriority


@obj_base.WatcherObjectRegistry.register_notification
class ServicePayload(base.NotificationPayloadBase):
    # 'sevice_host' (sic) is the reference's wire key; consumers match it.
    SCHEMA = {
        'sevice_host': ('failed_service', 'host'),
        'name': ('failed_service', 'name'),
        'last_seen_up': ('failed_service', 'last_seen_up'),
    }

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'sevice_host': wfields.StringField(),
        'name': wfields.StringField(),
        'last_seen_up': wfields.DateTimeField(nullable=True),
    }

    def __init__(self, failed_service, **kwargs):
        super().__init__(**kwargs)
        self.populate_schema(failed_service=failed_service)


@obj_base.WatcherObjectRegistry.register_notification
class ServiceStatusUpdatePayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'old_state': wfields.StringField(nullable=True),
        'state': wfields.StringField(nullable=True),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ServiceUpdatePayload(ServicePayload):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'status_update': wfields.ObjectField('ServiceStatusUpdatePayload'),
    }

    def __init__(self, failed_service, status_update):
        super().__init__(failed_service=failed_service,
                         status_update=status_update)


@obj_base.WatcherObjectRegistry.register_notification
class ServiceUpdateNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ServiceUpdatePayload'),
    }


def send_service_update(context, failed_service, state, service=None,
                        host=None, old_state=None):
    """``service.update`` for ``failed_service`` now in ``state``.

    FAILED is sent as a warning, ACTIVE as info; ``old_state`` defaults to
    the other status.
    """
    if state == _STATUS.ACTIVE:
        priority = _PRIORITY.INFO
        default_old_state = _STATUS.FAILED
    else:
        priority = _PRIORITY.WARNING
        default_old_state = _STATUS.ACTIVE
    if not base.is_enabled(priority):
        return
    status_update = ServiceStatusUpdatePayload(
        old_state=old_state or default_old_state, state=state)
    payload = ServiceUpdatePayload(failed_service=failed_service,
                                   status_update=status_update)
    base.send(context, ServiceUpdateNotification, payload, 'service',
              wfields.NotificationAction.UPDATE, priority=priority,
              service=service, host=host)
