"""Audit notifications: ``audit.create|update|delete`` and
``audit.strategy|planner.start|end|error``."""
from watcher.notifications import base
from watcher.notifications import exception as exception_notifications
from watcher.notifications import goal as goal_notifications
from watcher.notifications import strategy as strategy_notifications
from watcher.objects import base as obj_base
from watcher.objects import fields as wfields

INFO = wfields.NotificationPriority.INFO
_ACTION = wfields.NotificationAction


@obj_base.WatcherObjectRegistry.register_notification
class TerseAuditPayload(base.NotificationPayloadBase):
    SCHEMA = {
        'uuid': ('audit', 'uuid'),
        'name': ('audit', 'name'),
        'audit_type': ('audit', 'audit_type'),
        'state': ('audit', 'state'),
        'parameters': ('audit', 'parameters'),
        'interval': ('audit', 'interval'),
        'scope': ('audit', 'scope'),
        'auto_trigger': ('audit', 'auto_trigger'),
        'next_run_time': ('audit', 'next_run_time'),
        'created_at': ('audit', 'created_at'),
        'updated_at': ('audit', 'updated_at'),
        'deleted_at': ('audit', 'deleted_at'),
        'status_message': ('audit', 'status_message'),
    }

    # Version 1.0: Initial version
    # Version 1.1: Added 'auto_trigger' boolean field
    # Version 1.2: Added 'next_run_time' field
    # Version 1.3: Added 'status_message' string field
    VERSION = '1.3'

    fields = {
        'uuid': wfields.UUIDField(),
        'name': wfields.StringField(),
        'audit_type': wfields.StringField(),
        'state': wfields.StringField(),
        'parameters': wfields.FlexibleDictField(nullable=True),
        'interval': wfields.StringField(nullable=True),
        'scope': wfields.FlexibleListOfDictField(nullable=True),
        'goal_uuid': wfields.UUIDField(),
        'strategy_uuid': wfields.UUIDField(nullable=True),
        'auto_trigger': wfields.BooleanField(),
        'next_run_time': wfields.DateTimeField(nullable=True),
        'created_at': wfields.DateTimeField(nullable=True),
        'updated_at': wfields.DateTimeField(nullable=True),
        'deleted_at': wfields.DateTimeField(nullable=True),
        'status_message': wfields.StringField(nullable=True),
    }

    def __init__(self, audit, goal_uuid, strategy_uuid=None, **kwargs):
        super().__init__(goal_uuid=goal_uuid, strategy_uuid=strategy_uuid,
                         **kwargs)
        self.populate_schema(audit=audit)


@obj_base.WatcherObjectRegistry.register_notification
class AuditPayload(TerseAuditPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'auto_trigger' field
    # Version 1.2: Added 'next_run_time' field
    # Version 1.3: Added 'status_message' string field
    VERSION = '1.3'

    fields = {
        'goal': wfields.ObjectField('GoalPayload'),
        'strategy': wfields.ObjectField('StrategyPayload', nullable=True),
    }

    def __init__(self, audit, goal, strategy=None, **kwargs):
        super().__init__(audit=audit, goal_uuid=goal.uuid,
                         strategy_uuid=strategy.uuid if strategy else None,
                         goal=goal, strategy=strategy, **kwargs)


@obj_base.WatcherObjectRegistry.register_notification
class AuditStateUpdatePayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    # Version 1.1: Added 'status_message' string field
    VERSION = '1.1'

    fields = {
        'old_state': wfields.StringField(nullable=True),
        'state': wfields.StringField(nullable=True),
        'status_message': wfields.StringField(nullable=True),
    }


@obj_base.WatcherObjectRegistry.register_notification
class AuditCreatePayload(AuditPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'auto_trigger' field
    # Version 1.2: Added 'next_run_time' field
    VERSION = '1.2'
    fields = {}


@obj_base.WatcherObjectRegistry.register_notification
class AuditUpdatePayload(AuditPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'auto_trigger' field
    # Version 1.2: Added 'next_run_time' field
    VERSION = '1.2'
    fields = {
        'state_update': wfields.ObjectField('AuditStateUpdatePayload'),
    }

    def __init__(self, audit, state_update, goal, strategy=None):
        super().__init__(audit=audit, goal=goal, strategy=strategy,
                         state_update=state_update)


@obj_base.WatcherObjectRegistry.register_notification
class AuditActionPayload(AuditPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'auto_trigger' field
    # Version 1.2: Added 'next_run_time' field
    VERSION = '1.2'
    fields = {
        'fault': wfields.ObjectField('ExceptionPayload', nullable=True),
    }

    def __init__(self, audit, goal, strategy=None, **kwargs):
        super().__init__(audit=audit, goal=goal, strategy=strategy,
                         **kwargs)


@obj_base.WatcherObjectRegistry.register_notification
class AuditDeletePayload(AuditPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'auto_trigger' field
    # Version 1.2: Added 'next_run_time' field
    VERSION = '1.2'
    fields = {}


@obj_base.WatcherObjectRegistry.register_notification
class AuditCreateNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('AuditCreatePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class AuditUpdateNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('AuditUpdatePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class AuditDeleteNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('AuditDeletePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class AuditActionNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('AuditActionPayload'),
    }


def _common_payloads(audit):
    """Goal and strategy payloads of ``audit`` (strategy may be None)."""
    goal = goal_notifications.GoalPayload(goal=audit.goal)
    strategy = None
    if audit.strategy is not None:
        strategy = strategy_notifications.StrategyPayload(
            strategy=audit.strategy)
    return goal, strategy


def send_create(context, audit, service=None, host=None):
    """``audit.create``."""
    if not base.is_enabled(INFO):
        return
    goal, strategy = _common_payloads(audit)
    payload = AuditCreatePayload(audit=audit, goal=goal, strategy=strategy)
    base.send(context, AuditCreateNotification, payload, 'audit',
              _ACTION.CREATE, service=service, host=host)


def send_update(context, audit, service=None, host=None, old_state=None):
    """``audit.update``; ``state_update`` is filled when ``old_state`` is
    known."""
    if not base.is_enabled(INFO):
        return
    goal, strategy = _common_payloads(audit)
    state_update = AuditStateUpdatePayload(
        old_state=old_state,
        state=audit.state if old_state else None,
        status_message=audit.status_message if old_state else None)
    payload = AuditUpdatePayload(audit=audit, state_update=state_update,
                                 goal=goal, strategy=strategy)
    base.send(context, AuditUpdateNotification, payload, 'audit',
              _ACTION.UPDATE, service=service, host=host)


def send_delete(context, audit, service=None, host=None):
    """``audit.delete``."""
    if not base.is_enabled(INFO):
        return
    goal, strategy = _common_payloads(audit)
    payload = AuditDeletePayload(audit=audit, goal=goal, strategy=strategy)
    base.send(context, AuditDeleteNotification, payload, 'audit',
              _ACTION.DELETE, service=service, host=host)


def send_action_notification(context, audit, action, phase=None,
                             priority=None, fault=None, service=None,
                             host=None, exception=None, subject=None):
    """``audit.<action>.<phase>`` with ``action`` ``strategy`` or
    ``planner``.

    ``priority`` defaults to ``error`` for the error phase and ``info``
    otherwise. The error phase carries ``fault`` (also accepted as
    ``exception`` or ``subject``; by default the exception being handled).
    """
    priority = priority or base.default_priority(phase)
    if not base.is_enabled(priority):
        return
    goal, strategy = _common_payloads(audit)
    payload = AuditActionPayload(
        audit=audit, goal=goal, strategy=strategy,
        fault=exception_notifications.fault_payload(
            phase, fault or exception or subject))
    base.send(context, AuditActionNotification, payload, 'audit', action,
              phase=phase, priority=priority, service=service, host=host)
