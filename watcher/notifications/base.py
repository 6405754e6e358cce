"""Envelope of Watcher's versioned notifications.

A notification is an object with ``priority``, ``event_type``
(``<object>.<action>[.<phase>]``), ``publisher`` (``<binary>:<host>``,
``infra-optim:<host>`` by default) and a versioned ``payload`` sent as its
oslo.versionedobjects primitive. Nothing is sent when ``[DEFAULT]
notification_level`` is empty or above the notification's priority.
"""
from oslo_log import log

from watcher.common import exception
from watcher.common import rpc
from watcher import conf
from watcher.objects import base
from watcher.objects import fields as wfields

CONF = conf.CONF
LOG = log.getLogger(__name__)

# Binary of every Watcher notification publisher (API, DE and applier).
DEFAULT_BINARY = 'infra-optim'

PRIORITY_ORDER = wfields.NotificationPriority.ALL


def is_enabled(priority):
    """Tell whether ``priority`` passes ``[DEFAULT] notification_level``
    and the notifier delivers anywhere at all."""
    level = CONF.notification_level
    if not level:
        return False
    return (PRIORITY_ORDER.index(priority) >= PRIORITY_ORDER.index(level)
            and rpc.notifier_delivers())


def publisher_id(binary=None, host=None):
    """``<binary>:<host>``, e.g. ``infra-optim:node0``."""
    return '%s:%s' % (binary or DEFAULT_BINARY, host or CONF.host)


def make_publisher(service=None, host=None):
    return NotificationPublisher(host=host or CONF.host,
                                 binary=service or DEFAULT_BINARY)


@base.WatcherObjectRegistry.register_if(False)
class NotificationObject(base.WatcherObject):
    """Base of notifications and payloads: built fully populated, so the
    primitive carries no ``changes`` key."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.obj_reset_changes(recursive=False)


@base.WatcherObjectRegistry.register_notification
class EventType(NotificationObject):
    # Version 1.0: Initial version
    # Version 1.1: Added STRATEGY and PLANNER actions
    # Version 1.2: Added EXECUTION action
    # Version 1.3: Added CANCEL action
    VERSION = '1.3'

    fields = {
        'object': wfields.StringField(),
        'action': wfields.NotificationActionField(),
        'phase': wfields.NotificationPhaseField(nullable=True),
    }

    def to_notification_event_type_field(self):
        """The wire ``event_type``: ``object.action[.phase]``."""
        parts = [self.object, self.action]
        if self.obj_attr_is_set('phase') and self.phase is not None:
            parts.append(self.phase)
        return '.'.join(parts)


@base.WatcherObjectRegistry.register_if(False)
class NotificationPayloadBase(NotificationObject):
    """A payload filled from objects through ``SCHEMA``.

    ``SCHEMA`` maps a payload field to ``(source name, source field)``;
    ``populate_schema(source_name=obj, ...)`` copies the values.
    """

    SCHEMA = {}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.populated = not self.SCHEMA

    def populate_schema(self, **sources):
        for payload_field, (source_name, field) in self.SCHEMA.items():
            source = sources[source_name]
            if hasattr(source, 'obj_attr_is_set') and \
                    not source.obj_attr_is_set(field):
                continue
            setattr(self, payload_field, getattr(source, field))
        self.populated = True
        self.obj_reset_changes(recursive=False)


@base.WatcherObjectRegistry.register_notification
class NotificationPublisher(NotificationObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'host': wfields.StringField(nullable=False),
        'binary': wfields.StringField(nullable=False),
    }


@base.WatcherObjectRegistry.register_if(False)
class NotificationBase(NotificationObject):
    """A notification; subclasses add a ``payload`` object field."""

    fields = {
        'priority': wfields.NotificationPriorityField(),
        'event_type': wfields.ObjectField('EventType'),
        'publisher': wfields.ObjectField('NotificationPublisher'),
    }

    def should_notify(self):
        return is_enabled(self.priority)

    def emit(self, context):
        """Send the notification (if the configured level lets it)."""
        if not self.should_notify():
            return
        if not self.payload.populated:
            raise exception.NotificationPayloadError(
                class_name=self.__class__.__name__)
        event_type = self.event_type.to_notification_event_type_field()
        try:
            notifier = rpc.get_notifier(publisher_id(
                self.publisher.binary, self.publisher.host))
        except RuntimeError as exc:
            # Messaging not set up (tools, some tests): nothing to send to.
            LOG.debug('Notification %s not sent: %s', event_type, exc)
            return
        # Changes are cleared so the primitive has no 'changes' key.
        self.payload.obj_reset_changes(recursive=True)
        send = getattr(notifier, self.priority)
        send(context, event_type=event_type,
             payload=self.payload.obj_to_primitive())


def send(context, notification_cls, payload, object_name, action,
         phase=None, priority=wfields.NotificationPriority.INFO,
         service=None, host=None):
    """Build ``notification_cls`` around ``payload`` and emit it."""
    event_type = make_event_type(object_name, action, phase)
    notification = notification_cls(
        priority=priority, event_type=event_type,
        publisher=make_publisher(service, host), payload=payload)
    notification.emit(context)


def make_event_type(object_name, action, phase=None):
    """An EventType; ``phase`` is left unset (not null) when None."""
    if phase is None:
        return EventType(object=object_name, action=action)
    return EventType(object=object_name, action=action, phase=phase)


def default_priority(phase):
    """``error`` for the error phase, ``info`` otherwise."""
    if phase == wfields.NotificationPhase.ERROR:
        return wfields.NotificationPriority.ERROR
    return wfields.NotificationPriority.INFO
