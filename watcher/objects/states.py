"""State names and state machines of audits, action plans and actions.

Everything here is data: the API checks PATCH/DELETE requests against the
``*_API_TRANSITIONS`` tables, the decision engine and the applier check their
own moves against the full lifecycle tables, and the service monitors read
``OWNER_DIED_POLICY`` / ``OWNER_RESTARTED_POLICY`` to decide what happens to
work whose owning service stopped. Keeping it as data makes the rules
reviewable in one place and testable without a service.
"""
import collections

from watcher.common import exception

# Kinds of stateful resources (the DB resource names).
AUDIT = 'audit'
ACTION_PLAN = 'action_plan'
ACTION = 'action'

# Who asks for a transition.
API = 'api'
SERVICE = 'service'


class AuditState:
    PENDING = 'PENDING'
    ONGOING = 'ONGOING'
    SUCCEEDED = 'SUCCEEDED'
    FAILED = 'FAILED'
    CANCELLED = 'CANCELLED'
    DELETED = 'DELETED'
    SUSPENDED = 'SUSPENDED'

    ALL = (PENDING, ONGOING, SUCCEEDED, FAILED, CANCELLED, DELETED,
           SUSPENDED)


class AuditType:
    ONESHOT = 'ONESHOT'
    CONTINUOUS = 'CONTINUOUS'
    EVENT = 'EVENT'

    ALL = (ONESHOT, CONTINUOUS, EVENT)


class ActionPlanState:
    RECOMMENDED = 'RECOMMENDED'
    PENDING = 'PENDING'
    ONGOING = 'ONGOING'
    FAILED = 'FAILED'
    SUCCEEDED = 'SUCCEEDED'
    DELETED = 'DELETED'
    CANCELLED = 'CANCELLED'
    SUPERSEDED = 'SUPERSEDED'
    CANCELLING = 'CANCELLING'

    ALL = (RECOMMENDED, PENDING, ONGOING, FAILED, SUCCEEDED, DELETED,
           CANCELLED, SUPERSEDED, CANCELLING)
    CANCEL_STATES = (CANCELLING, CANCELLED)


class ActionState:
    PENDING = 'PENDING'
    ONGOING = 'ONGOING'
    FAILED = 'FAILED'
    SUCCEEDED = 'SUCCEEDED'
    DELETED = 'DELETED'
    CANCELLED = 'CANCELLED'
    CANCELLING = 'CANCELLING'
    SKIPPED = 'SKIPPED'

    ALL = (PENDING, ONGOING, FAILED, SUCCEEDED, DELETED, CANCELLED,
           CANCELLING, SKIPPED)


class ServiceStatus:
    ACTIVE = 'ACTIVE'
    FAILED = 'FAILED'

    ALL = (ACTIVE, FAILED)


_AS = AuditState
_PS = ActionPlanState
_XS = ActionState

# --- audits -----------------------------------------------------------------

# The reference's AuditStateTransitionManager table, used by audit PATCH and
# DELETE. QUIRK kept: PATCH to DELETED is allowed (the row is not deleted).
AUDIT_API_TRANSITIONS = {
    _AS.PENDING: frozenset({_AS.ONGOING, _AS.CANCELLED}),
    _AS.ONGOING: frozenset({_AS.FAILED, _AS.SUCCEEDED, _AS.CANCELLED,
                            _AS.SUSPENDED}),
    _AS.FAILED: frozenset({_AS.DELETED}),
    _AS.SUCCEEDED: frozenset({_AS.DELETED}),
    _AS.CANCELLED: frozenset({_AS.DELETED}),
    _AS.SUSPENDED: frozenset({_AS.ONGOING, _AS.DELETED}),
    _AS.DELETED: frozenset(),
}

# What the decision engine may do on top of the API table:
# * any failure, even before the audit started, ends it FAILED;
# * a continuous audit whose end_time passed before it ran ends SUCCEEDED;
# * an EVENT audit is re-run from SUCCEEDED by its webhook.
_AUDIT_SERVICE_EXTRA = {
    _AS.PENDING: frozenset({_AS.FAILED, _AS.SUCCEEDED}),
    _AS.SUCCEEDED: frozenset({_AS.ONGOING}),
}

AUDIT_TRANSITIONS = {
    state: targets | _AUDIT_SERVICE_EXTRA.get(state, frozenset())
    for state, targets in AUDIT_API_TRANSITIONS.items()
}

# The continuous-audit scheduler drops the job of an audit in these states.
AUDIT_INACTIVE_STATES = frozenset({_AS.CANCELLED, _AS.DELETED, _AS.FAILED,
                                   _AS.SUSPENDED})

# DELETE /v1/audits/{audit} is refused in other states.
AUDIT_DELETABLE_STATES = frozenset({_AS.FAILED, _AS.SUCCEEDED, _AS.CANCELLED,
                                    _AS.SUSPENDED})

# --- action plans -----------------------------------------------------------

# DELETE /v1/action_plans/{plan} is refused in other states.
ACTION_PLAN_DELETABLE_STATES = frozenset({_PS.SUCCEEDED, _PS.RECOMMENDED,
                                          _PS.FAILED, _PS.SUPERSEDED,
                                          _PS.CANCELLED})

# State changes a user may ask for (PATCH /state and POST .../start).
ACTION_PLAN_API_TRANSITIONS = {
    _PS.RECOMMENDED: frozenset({_PS.PENDING, _PS.CANCELLED}),
    _PS.PENDING: frozenset({_PS.CANCELLED}),
    _PS.ONGOING: frozenset({_PS.CANCELLING}),
}

# Full lifecycle. ONGOING -> CANCELLED is the "owning applier died" path;
# CANCELLING -> SUCCEEDED happens when the last action ends before the
# applier notices the cancel request.
ACTION_PLAN_TRANSITIONS = {
    _PS.RECOMMENDED: frozenset({_PS.PENDING, _PS.CANCELLED, _PS.SUPERSEDED,
                                _PS.DELETED}),
    _PS.PENDING: frozenset({_PS.ONGOING, _PS.CANCELLED}),
    _PS.ONGOING: frozenset({_PS.SUCCEEDED, _PS.FAILED, _PS.CANCELLING,
                            _PS.CANCELLED}),
    _PS.CANCELLING: frozenset({_PS.CANCELLED, _PS.FAILED, _PS.SUCCEEDED}),
    _PS.SUCCEEDED: frozenset({_PS.DELETED}),
    _PS.FAILED: frozenset({_PS.DELETED}),
    _PS.CANCELLED: frozenset({_PS.DELETED}),
    _PS.SUPERSEDED: frozenset({_PS.DELETED}),
    _PS.DELETED: frozenset(),
}

# --- actions ----------------------------------------------------------------

# PATCH /v1/actions/{uuid} (microversion >= 1.5): only skipping, and only
# while the plan is in ACTION_SKIPPABLE_PLAN_STATES.
ACTION_API_TRANSITIONS = {
    _XS.PENDING: frozenset({_XS.SKIPPED}),
}
ACTION_SKIPPABLE_PLAN_STATES = frozenset({_PS.RECOMMENDED, _PS.PENDING})

# Full lifecycle. Every live action may become DELETED: deleting a plan
# cascades to its actions whatever their state.
ACTION_TRANSITIONS = {
    _XS.PENDING: frozenset({_XS.ONGOING, _XS.SKIPPED, _XS.FAILED,
                            _XS.CANCELLED, _XS.DELETED}),
    _XS.ONGOING: frozenset({_XS.SUCCEEDED, _XS.FAILED, _XS.CANCELLING,
                            _XS.CANCELLED, _XS.DELETED}),
    _XS.CANCELLING: frozenset({_XS.CANCELLED, _XS.SUCCEEDED, _XS.FAILED,
                               _XS.DELETED}),
    _XS.SUCCEEDED: frozenset({_XS.DELETED}),
    _XS.FAILED: frozenset({_XS.DELETED}),
    _XS.CANCELLED: frozenset({_XS.DELETED}),
    _XS.SKIPPED: frozenset({_XS.DELETED}),
    _XS.DELETED: frozenset(),
}

TRANSITIONS = {
    (AUDIT, API): AUDIT_API_TRANSITIONS,
    (AUDIT, SERVICE): AUDIT_TRANSITIONS,
    (ACTION_PLAN, API): ACTION_PLAN_API_TRANSITIONS,
    (ACTION_PLAN, SERVICE): ACTION_PLAN_TRANSITIONS,
    (ACTION, API): ACTION_API_TRANSITIONS,
    (ACTION, SERVICE): ACTION_TRANSITIONS,
}

DELETABLE_STATES = {
    AUDIT: AUDIT_DELETABLE_STATES,
    ACTION_PLAN: ACTION_PLAN_DELETABLE_STATES,
}


def _table(kind, actor):
    try:
        return TRANSITIONS[(kind, actor)]
    except KeyError:
        raise ValueError('no state machine for %s (actor %s)' % (kind, actor))


def allowed_transitions(kind, from_state, actor=SERVICE):
    """Return the states ``from_state`` may move to (empty if unknown)."""
    return _table(kind, actor).get(from_state, frozenset())


def can_transition(kind, from_state, to_state, actor=SERVICE):
    """Tell whether ``kind`` may go from ``from_state`` to ``to_state``.

    ``actor`` is ``API`` for user requests (the reference's PATCH tables)
    or ``SERVICE`` for the decision engine and the applier.
    """
    return to_state in allowed_transitions(kind, from_state, actor)


def check_transition(kind, from_state, to_state, actor=SERVICE):
    """Raise IllegalStateTransition unless the transition is allowed."""
    if not can_transition(kind, from_state, to_state, actor):
        raise exception.IllegalStateTransition(from_state=from_state,
                                               to_state=to_state)


def is_deletable(kind, state):
    """Tell whether a DELETE request is accepted in ``state``."""
    return state in DELETABLE_STATES.get(kind, frozenset())


# --- work left behind by a stopped service -----------------------------------

# What to do with one row whose owning service stopped:
# * TAKE_OVER: keep the state, give the row to a live service
#   (clear or reassign ``hostname``);
# * REQUEUE: clear ``hostname`` and submit it again (the new owner must
#   claim it with a compare-and-swap so that it runs once);
# * END: move it to ``state`` with ``status_message`` (formatted with
#   ``host``, the stopped service's host).
TAKE_OVER = 'take_over'
REQUEUE = 'requeue'
END = 'end'

StuckPolicy = collections.namedtuple(
    'StuckPolicy', ['action', 'state', 'status_message'])

_APPLIER_STOPPED_PLAN = ("Action plan was cancelled because Applier %(host)s "
                         "was stopped while the action plan was ongoing.")
_APPLIER_STOPPED_ACTION = ("Action was cancelled because Applier %(host)s "
                           "was stopped while the action plan was ongoing.")
# An action that was running may have changed the cloud: it is never run
# again blindly (an improvement on the reference, which cancelled it).
_APPLIER_INTERRUPTED_ACTION = ("Action was interrupted because Applier "
                               "%(host)s was stopped while it was running; "
                               "it was not run again.")
_DE_STOPPED_AUDIT = ("Audit failed because Decision Engine %(host)s was "
                     "stopped while the audit was ongoing.")
_DE_RESTARTED_AUDIT = ("Audit was cancelled because Decision Engine %(host)s "
                       "was restarted while the audit was ongoing.")

_PLAN_AND_ACTION_POLICY = {
    (ACTION_PLAN, _PS.PENDING, None): StuckPolicy(REQUEUE, None, None),
    (ACTION_PLAN, _PS.ONGOING, None): StuckPolicy(
        END, _PS.CANCELLED, _APPLIER_STOPPED_PLAN),
    (ACTION_PLAN, _PS.CANCELLING, None): StuckPolicy(
        END, _PS.CANCELLED, _APPLIER_STOPPED_PLAN),
    (ACTION, _XS.PENDING, None): StuckPolicy(
        END, _XS.CANCELLED, _APPLIER_STOPPED_ACTION),
    (ACTION, _XS.ONGOING, None): StuckPolicy(
        END, _XS.FAILED, _APPLIER_INTERRUPTED_ACTION),
    (ACTION, _XS.CANCELLING, None): StuckPolicy(
        END, _XS.FAILED, _APPLIER_INTERRUPTED_ACTION),
}

_CONTINUOUS_POLICY = {
    (AUDIT, _AS.PENDING, AuditType.CONTINUOUS): StuckPolicy(
        TAKE_OVER, None, None),
    (AUDIT, _AS.ONGOING, AuditType.CONTINUOUS): StuckPolicy(
        TAKE_OVER, None, None),
}

# Another service saw the owner die (service monitors).
OWNER_DIED_POLICY = _PLAN_AND_ACTION_POLICY | _CONTINUOUS_POLICY | {
    (AUDIT, _AS.ONGOING, AuditType.ONESHOT): StuckPolicy(
        END, _AS.FAILED, _DE_STOPPED_AUDIT),
    (AUDIT, _AS.ONGOING, AuditType.EVENT): StuckPolicy(
        END, _AS.FAILED, _DE_STOPPED_AUDIT),
}

# The owner itself starts again and finds its own rows (reference: its
# ONESHOT audits left ONGOING become CANCELLED; its ONGOING plans are
# cancelled with the same message as above).
OWNER_RESTARTED_POLICY = _PLAN_AND_ACTION_POLICY | _CONTINUOUS_POLICY | {
    (AUDIT, _AS.ONGOING, AuditType.ONESHOT): StuckPolicy(
        END, _AS.CANCELLED, _DE_RESTARTED_AUDIT),
    (AUDIT, _AS.ONGOING, AuditType.EVENT): StuckPolicy(
        END, _AS.CANCELLED, _DE_RESTARTED_AUDIT),
}


def stuck_policy(kind, state, audit_type=None, restarted=False):
    """Return the StuckPolicy for a row left by a stopped owner, or None.

    ``None`` means "leave it alone" (terminal or unowned states).
    ``audit_type`` is only used for audits.
    """
    table = OWNER_RESTARTED_POLICY if restarted else OWNER_DIED_POLICY
    key_type = audit_type if kind == AUDIT else None
    return table.get((kind, state, key_type))


def stuck_status_message(policy, host):
    """Format the status message of ``policy`` for the stopped ``host``."""
    if policy is None or policy.status_message is None:
        return None
    return policy.status_message % {'host': host}
