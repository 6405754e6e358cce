"""Action notifications: ``action.create|update|delete``,
``action.execution.*`` and ``action.cancel.*``."""
from watcher.notifications import action_plan as action_plan_notifications
from watcher.notifications import base
from watcher.notifications import exception as exception_notifications
from watcher.objects import base as obj_base
from watcher.objects import fields as wfields

INFO = wfields.NotificationPriority.INFO
_ACTION = wfields.NotificationAction


@obj_base.WatcherObjectRegistry.register_notification
class ActionPayload(base.NotificationPayloadBase):
    # ``action_plan_uuid`` is declared but, as in the reference, never
    # filled: the plan is described by the ``action_plan`` payload.
    SCHEMA = {
        'uuid': ('action', 'uuid'),
        'action_type': ('action', 'action_type'),
        'input_parameters': ('action', 'input_parameters'),
        'state': ('action', 'state'),
        'parents': ('action', 'parents'),
        'status_message': ('action', 'status_message'),
        'created_at': ('action', 'created_at'),
        'updated_at': ('action', 'updated_at'),
        'deleted_at': ('action', 'deleted_at'),
    }

    # Version 1.0: Initial version
    # Version 1.1: Added 'status_message' string field
    VERSION = '1.1'

    fields = {
        'uuid': wfields.UUIDField(),
        'action_type': wfields.StringField(nullable=False),
        'input_parameters': wfields.DictField(nullable=False, default={}),
        'state': wfields.StringField(nullable=False),
        'parents': wfields.ListOfUUIDsField(nullable=False, default=[]),
        'action_plan_uuid': wfields.UUIDField(),
        'action_plan': wfields.ObjectField('TerseActionPlanPayload'),
        'status_message': wfields.StringField(nullable=True),
        'created_at': wfields.DateTimeField(nullable=True),
        'updated_at': wfields.DateTimeField(nullable=True),
        'deleted_at': wfields.DateTimeField(nullable=True),
    }

    def __init__(self, action, **kwargs):
        super().__init__(**kwargs)
        self.populate_schema(action=action)


@obj_base.WatcherObjectRegistry.register_notification
class ActionStateUpdatePayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    # Version 1.1: Added 'status_message' string field
    VERSION = '1.1'

    fields = {
        'old_state': wfields.StringField(nullable=True),
        'state': wfields.StringField(nullable=True),
        'status_message': wfields.StringField(nullable=True),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionCreatePayload(ActionPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'status_message' string field
    VERSION = '1.1'
    fields = {}


@obj_base.WatcherObjectRegistry.register_notification
class ActionUpdatePayload(ActionPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'status_message' string field
    VERSION = '1.1'
    fields = {
        'state_update': wfields.ObjectField('ActionStateUpdatePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionExecutionPayload(ActionPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'status_message' string field
    VERSION = '1.1'
    fields = {
        'fault': wfields.ObjectField('ExceptionPayload', nullable=True),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionCancelPayload(ActionPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'status_message' string field
    VERSION = '1.1'
    fields = {
        'fault': wfields.ObjectField('ExceptionPayload', nullable=True),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionDeletePayload(ActionPayload):
    # Version 1.0: Initial version
    # Version 1.1: Added 'status_message' string field
    VERSION = '1.1'
    fields = {}


@obj_base.WatcherObjectRegistry.register_notification
class ActionCreateNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionCreatePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionUpdateNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionUpdatePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionDeleteNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionDeletePayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionExecutionNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionExecutionPayload'),
    }


@obj_base.WatcherObjectRegistry.register_notification
class ActionCancelNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': wfields.ObjectField('ActionCancelPayload'),
    }


def terse_action_plan_payload(action_plan):
    """The TerseActionPlanPayload of ``action_plan``.

    Within one ``create_many`` batch it is built once per plan and shared
    by the actions' payloads (the plan does not change meanwhile).
    """
    memo = obj_base.batch_memo()
    if memo is None:
        return _build_terse_action_plan_payload(action_plan)
    key = ('TerseActionPlanPayload', id(action_plan))
    payload = memo.get(key)
    if payload is None:
        payload = memo[key] = _build_terse_action_plan_payload(action_plan)
    return payload


def _build_terse_action_plan_payload(action_plan):
    strategy = action_plan.strategy
    return action_plan_notifications.TerseActionPlanPayload(
        action_plan=action_plan, audit_uuid=action_plan.audit.uuid,
        strategy_uuid=strategy.uuid if strategy else None)


def send_create(context, action, service=None, host=None):
    """``action.create``."""
    if not base.is_enabled(INFO):
        return
    payload = ActionCreatePayload(
        action=action,
        action_plan=terse_action_plan_payload(action.action_plan))
    base.send(context, ActionCreateNotification, payload, 'action',
              _ACTION.CREATE, service=service, host=host)


def send_update(context, action, service=None, host=None, old_state=None):
    """``action.update``; ``state_update`` is all null unless
    ``old_state`` is given (a plain ``Action.save()`` gives none)."""
    if not base.is_enabled(INFO):
        return
    state_update = ActionStateUpdatePayload(
        old_state=old_state,
        state=action.state if old_state else None,
        status_message=action.status_message if old_state else None)
    payload = ActionUpdatePayload(
        action=action, state_update=state_update,
        action_plan=terse_action_plan_payload(action.action_plan))
    base.send(context, ActionUpdateNotification, payload, 'action',
              _ACTION.UPDATE, service=service, host=host)


def send_delete(context, action, service=None, host=None):
    """``action.delete``."""
    if not base.is_enabled(INFO):
        return
    payload = ActionDeletePayload(
        action=action,
        action_plan=terse_action_plan_payload(action.action_plan))
    base.send(context, ActionDeleteNotification, payload, 'action',
              _ACTION.DELETE, service=service, host=host)


def _send_phase(context, action, notification_cls, payload_cls,
                notification_action, phase, priority, fault, service, host):
    priority = priority or base.default_priority(phase)
    if not base.is_enabled(priority):
        return
    payload = payload_cls(
        action=action,
        action_plan=terse_action_plan_payload(action.action_plan),
        fault=exception_notifications.fault_payload(phase, fault))
    base.send(context, notification_cls, payload, 'action',
              notification_action, phase=phase, priority=priority,
              service=service, host=host)


def send_execution_notification(context, action,
                                notification_action=_ACTION.EXECUTION,
                                phase=None, priority=None, fault=None,
                                service=None, host=None, exception=None,
                                subject=None):
    """``action.execution.<phase>``.

    ``priority`` defaults from the phase (error -> ``error``); the error
    phase carries ``fault`` (also accepted as ``exception`` or
    ``subject``; by default the exception being handled).
    """
    _send_phase(context, action, ActionExecutionNotification,
                ActionExecutionPayload, notification_action, phase,
                priority, fault or exception or subject, service, host)


def send_cancel_notification(context, action,
                             notification_action=_ACTION.CANCEL,
                             phase=None, priority=None, fault=None,
                             service=None, host=None, exception=None,
                             subject=None):
    """``action.cancel.<phase>`` (same arguments as
    ``send_execution_notification``)."""
    _send_phase(context, action, ActionCancelNotification,
                ActionCancelPayload, notification_action, phase, priority,
                fault or exception or subject, service, host)
