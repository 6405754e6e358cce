"""State changes of plans and actions, each a compare-and-swap.

The applier never overwrites a state it did not expect: a change is
written only if the row still holds the expected state (the objects'
``compare_and_save``), so two appliers never claim the same plan, an action
is recorded ONGOING *before* the cloud is called, and a plan the failover
monitor already closed is not reopened by a late worker. Every change
sends the ``<object>.update`` notification with the old state (through
the objects' listeners).
"""
from oslo_log import log

from watcher.common import exception
from watcher import objects

LOG = log.getLogger(__name__)

STATUS_MESSAGE_MAX = 255
_UNSET = object()


def clip(message):
    """``message`` shortened to fit the ``status_message`` column."""
    if message is None:
        return None
    message = str(message)
    if len(message) <= STATUS_MESSAGE_MAX:
        return message
    return message[:STATUS_MESSAGE_MAX - 3] + '...'


def _expected(expected):
    if isinstance(expected, (list, tuple, set, frozenset)):
        return tuple(expected)
    return (expected,)


def _change(object_class, context, uuid, values, expected):
    """Write ``values`` if the stored state is in ``expected``.

    The object is read fresh so the update notification reports the
    state actually replaced. Returns the saved object or None.
    """
    expected = _expected(expected)
    current = object_class.get_by_uuid(context, uuid)
    if current.state not in expected:
        LOG.info('%s %s is %s, not %s; not moved to %s',
                 object_class.obj_name(), uuid, current.state,
                 '/'.join(expected), values['state'])
        return None
    stored_state = current.state
    for field, value in values.items():
        setattr(current, field, value)
    try:
        current.compare_and_save({'state': stored_state})
    except exception.Conflict:
        LOG.info('%s %s changed meanwhile; not moved to %s',
                 object_class.obj_name(), uuid, values['state'])
        return None
    return current


def _values(state, status_message, extra=None):
    values = {'state': state}
    if status_message is not _UNSET:
        values['status_message'] = clip(status_message)
    values.update(extra or {})
    return values


def set_plan_state(context, plan, state, expected, status_message=_UNSET,
                   hostname=_UNSET):
    """Move ``plan`` to ``state`` if it is in ``expected`` (one or many).

    Returns the saved plan (``action_plan.update`` is sent), or None when
    the plan was in another state (nothing is written then).
    """
    extra = {} if hostname is _UNSET else {'hostname': hostname}
    return _change(objects.ActionPlan, context, plan.uuid,
                   _values(state, status_message, extra), expected)


def set_action_state(context, action, state, expected, status_message=_UNSET):
    """Move ``action`` to ``state`` if it is in ``expected`` (one or many).

    Returns the saved action (``action.update`` is sent), or None.
    """
    return _change(objects.Action, context, action.uuid,
                   _values(state, status_message), expected)


def set_plan_hostname(context, plan_uuid, hostname, expected_state,
                      expected_hostname=_UNSET):
    """Record which applier owns the plan (only in ``expected_state``).

    With ``expected_hostname`` the plan must also still belong to that
    host. Returns the saved plan or None.
    """
    expected = {'state': expected_state}
    if expected_hostname is not _UNSET:
        expected['hostname'] = expected_hostname
    try:
        plan = objects.ActionPlan.get_by_uuid(context, plan_uuid)
        plan.hostname = hostname
        plan.compare_and_save(expected)
    except (exception.Conflict, exception.ActionPlanNotFound):
        return None
    return plan
