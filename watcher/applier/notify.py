"""The applier's own versioned notifications.

``action_plan.execution.*``, ``action_plan.cancel.*``,
``action.execution.*`` and ``action.cancel.*``; the ``*.update`` sent on
every state change come from the objects' listeners. The error phase has
priority ``error`` and carries the exception as ``fault``. A notification
that cannot be sent is logged and never changes the outcome of a plan.
"""
from oslo_log import log

from watcher.notifications import action as action_notifications
from watcher.notifications import action_plan as plan_notifications

LOG = log.getLogger(__name__)

EXECUTION = 'execution'
CANCEL = 'cancel'
START = 'start'
END = 'end'
ERROR = 'error'


def _send(function, *args, **kwargs):
    try:
        function(*args, **kwargs)
    except Exception:
        LOG.exception('Could not send the notification %s',
                      getattr(function, '__name__', function))


def plan_execution(context, plan, phase, fault=None):
    """``action_plan.execution.<phase>``."""
    _send(plan_notifications.send_action_notification, context, plan,
          action=EXECUTION, phase=phase, fault=fault)


def plan_cancel(context, plan, phase, fault=None):
    """``action_plan.cancel.<phase>``."""
    _send(plan_notifications.send_cancel_notification, context, plan,
          action=CANCEL, phase=phase, fault=fault)


def action_execution(context, action, phase, fault=None):
    """``action.execution.<phase>``."""
    _send(action_notifications.send_execution_notification, context, action,
          notification_action=EXECUTION, phase=phase, fault=fault)


def action_cancel(context, action, phase, fault=None):
    """``action.cancel.<phase>``."""
    _send(action_notifications.send_cancel_notification, context, action,
          notification_action=CANCEL, phase=phase, fault=fault)
