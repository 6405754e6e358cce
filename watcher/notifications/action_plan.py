"""Action plan notifications: ``action_plan.create|update|delete``,
``action_plan.execution.*`` and ``action_plan.cancel.*``."""
from watcher.notifications import audit as audit_notifications
from watcher.notifications import base
from watcher.notifications import exception as exception_notifications
from watcher.notifications import strategy as strategy_notifications
from watcher.objects import base as obj_base
from watcher.objects import fields as wfields

INFO = wfields.NotificationPriority.INFO
_ACTION = wfields.NotificationAction


@obj_base.WatcherObjectRegistry.register_notification
class TerseActionPlanPayload(base.NotificationPayloadBase):
    SCHEMA = {
        'uuid': ('action_plan', 'uuid'),
        'state': ('action_plan', 'state'),
        'global_efficacy': ('action_plan', 'global_efficacy'),
        'created_at': ('action_plan', 'created_at'),
        'updated_at': ('action_plan', 'updated_at'),
        'deleted_at': ('action_plan', 'deleted_at'),
        'status_message': ('action_plan', 'status_message'),
    }

    # Version 1.0: Initial version
    # Version 1.1: Changed 'global_efficacy' type Dictionary to List
    # Version 1.2: Added 'status_message' string field
    VERSION = '1.2'

    fields = {
        'uuid': wfields.UUIDField(),
        'state': wfields.StringField(),
        'global_efficacy': wfields.FlexibleListOfDictField(nullable=True),
        'audit_uuid': wfields.UUIDField(),
        'strategy_uuid': wfields.UUIDField(nullable=True),
        'status_message': wfields.StringField(nullable=True),
        'created_at': wfields.DateTimeField(nullable=True),
        'updated_at': wfields.DateTimeField(nullable=True),
        'deleted_at': wfields.DateTimeField(nullable=True),
    }

    def __init__(self, action_plan, audit_uuid, strategy_uuid=None,
                 **kwargs):
        super().__init__(audit_uuid=audit_uuid, strategy_uuid=strategy_uuid,
                         **kwargs)
        self.populate_schema(action_plan=action_plan)


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanPayload(TerseActionPlanPayload):
    # Version 1.0: Initial version
    # Version 1.1: Changed 'global_efficacy' type Dictionary to List
    # Version 1.2: Added 'status_message' string field
    VERSION = '1.2'

    fields = {
        'audit': wfields.ObjectField('TerseAuditPayload'),
        'strategy': wfields.ObjectField('StrategyPayload'),
    }

    def __init__(self, action_plan, audit, strategy, **kwargs):
        super().__init__(action_plan=action_plan, audit_uuid=audit.uuid,
                         strategy_uuid=strategy.uuid, audit=audit,
                         strategy=strategy, **kwargs)


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanStateUpdatePayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    # Version 1.1: Added 'status_message' string field
    VERSION = '1.1'

    fields = {
        'old_state': wfields.StringField(nullable=True),
        'state': wfields.StringField(nullable=True),
        'status_message': wfields.StringField(nullable=True),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanCreatePayload(ActionPlanPayload):
    # Version 1.0: Initial version
    # Version 1.1: Changed global_efficacy type
    # Version 1.2: Added 'status_message' string field
    VERSION = '1.2'
    fields = {}


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanUpdatePayload(ActionPlanPayload):
    # Version 1.0: Initial version
    # Version 1.1: Changed global_efficacy type
    # Version 1.2: Added 'status_message' string field
    VERSION = '1.2'
    fields = {
        'state_update': wfields.ObjectField('ActionPlanStateUpdatePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanActionPayload(ActionPlanPayload):
    # Version 1.0: Initial version
    # Version 1.1: Changed global_efficacy type
    # Version 1.2: Added 'status_message' string field
    VERSION = '1.2'
    fields = {
        'fault': wfields.ObjectField('ExceptionPayload', nullable=True),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanDeletePayload(ActionPlanPayload):
    # Version 1.0: Initial version
    # Version 1.1: Changed global_efficacy type
    # Version 1.2: Added 'status_message' string field
    VERSION = '1.2'
    fields = {}


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanCancelPayload(ActionPlanPayload):
    # Version 1.0: Initial version
    # Version 1.1: Changed global_efficacy type
    # Version 1.2: Added 'status_message' string field
    VERSION = '1.2'
    fields = {
        'fault': wfields.ObjectField('ExceptionPayload', nullable=True),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanCreateNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionPlanCreatePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanUpdateNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionPlanUpdatePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanDeleteNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionPlanDeletePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanActionNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionPlanActionPayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionPlanCancelNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionPlanCancelPayload'),
    }


def terse_audit_payload(audit):
    """The TerseAuditPayload of ``audit`` (goal/strategy read by id)."""
    strategy_uuid = audit.strategy.uuid if audit.strategy else None
    return audit_notifications.TerseAuditPayload(
        audit=audit, goal_uuid=audit.goal.uuid, strategy_uuid=strategy_uuid)


def _common_payloads(action_plan):
    """Terse audit and strategy payloads of ``action_plan``."""
    audit = terse_audit_payload(action_plan.audit)
    strategy = strategy_notifications.StrategyPayload(
        strategy=action_plan.strategy)
    return audit, strategy


def send_create(context, action_plan, service=None, host=None):
    """``action_plan.create``."""
    if not base.is_enabled(INFO):
        return
    audit, strategy = _common_payloads(action_plan)
    payload = ActionPlanCreatePayload(action_plan=action_plan, audit=audit,
                                      strategy=strategy)
    base.send(context, ActionPlanCreateNotification, payload, 'action_plan',
              _ACTION.CREATE, service=service, host=host)


def send_update(context, action_plan, service=None, host=None,
                old_state=None):
    """``action_plan.update``; ``state_update`` is filled when
    ``old_state`` is known."""
    if not base.is_enabled(INFO):
        return
    audit, strategy = _common_payloads(action_plan)
    state_update = ActionPlanStateUpdatePayload(
        old_state=old_state,
        state=action_plan.state if old_state else None,
        status_message=action_plan.status_message if old_state else None)
    payload = ActionPlanUpdatePayload(
        action_plan=action_plan, state_update=state_update, audit=audit,
        strategy=strategy)
    base.send(context, ActionPlanUpdateNotification, payload, 'action_plan',
              _ACTION.UPDATE, service=service, host=host)


def send_delete(context, action_plan, service=None, host=None):
    """``action_plan.delete``."""
    if not base.is_enabled(INFO):
        return
    audit, strategy = _common_payloads(action_plan)
    payload = ActionPlanDeletePayload(action_plan=action_plan, audit=audit,
                                      strategy=strategy)
    base.send(context, ActionPlanDeleteNotification, payload, 'action_plan',
              _ACTION.DELETE, service=service, host=host)


def _send_phase(context, action_plan, notification_cls, payload_cls,
                action, phase, priority, fault, service, host):
    priority = priority or base.default_priority(phase)
    if not base.is_enabled(priority):
        return
    audit, strategy = _common_payloads(action_plan)
    payload = payload_cls(
        action_plan=action_plan, audit=audit, strategy=strategy,
        fault=exception_notifications.fault_payload(phase, fault))
    base.send(context, notification_cls, payload, 'action_plan', action,
              phase=phase, priority=priority, service=service, host=host)


def send_action_notification(context, action_plan,
                             action=_ACTION.EXECUTION, phase=None,
                             priority=None, fault=None, service=None,
                             host=None, exception=None, subject=None):
    """``action_plan.execution.<phase>``.

    ``priority`` defaults from the phase (error -> ``error``); the error
    phase carries ``fault`` (also accepted as ``exception`` or
    ``subject``; by default the exception being handled).
    """
    _send_phase(context, action_plan, ActionPlanActionNotification,
                ActionPlanActionPayload, action, phase, priority,
                fault or exception or subject, service, host)


def send_cancel_notification(context, action_plan, action=_ACTION.CANCEL,
                             phase=None, priority=None, fault=None,
                             service=None, host=None, exception=None,
                             subject=None):
    """``action_plan.cancel.<phase>`` (same arguments as
    ``send_action_notification``)."""
    _send_phase(context, action_plan, ActionPlanCancelNotification,
                ActionPlanCancelPayload, action, phase, priority,
                fault or exception or subject, service, host)
