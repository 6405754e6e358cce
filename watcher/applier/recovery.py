"""What happens to the plans of an applier that stopped while running them.

An action recorded ONGOING may have changed the cloud, half or fully: it
is never run again blindly, it ends FAILED "interrupted". PENDING actions
of the plan are CANCELLED and the plan ends CANCELLED with the reference
status message. Plans the dead applier had received but not started
(PENDING) are handed back: their host is cleared and they are launched
again through RPC, where any applier can claim them.

Used at applier start (for this host) and by the failover monitor (for a
peer that stopped sending heartbeats).
"""
from oslo_log import log

from watcher.applier import notify
from watcher.applier import transitions
from watcher import objects
from watcher.objects import states

LOG = log.getLogger(__name__)

ACTION = objects.action.State
PLAN = objects.action_plan.State


# Plan states an applier holds while it runs a plan.
RUNNING_PLAN_STATES = (PLAN.ONGOING, PLAN.CANCELLING)
RUNNING_ACTION_STATES = (ACTION.ONGOING, ACTION.CANCELLING)


def _plans(context, host, states):
    return objects.ActionPlan.list(
        context, filters={'hostname': host, 'state__in': list(states)},
        sort_key='id', sort_dir='asc')


def _close_actions(context, plan, host):
    actions = objects.Action.list(
        context, filters={'action_plan_uuid': plan.uuid},
        sort_key='id', sort_dir='asc')
    for action in actions:
        if action.state not in RUNNING_ACTION_STATES + (ACTION.PENDING,):
            continue
        policy = states.stuck_policy(states.ACTION, action.state)
        transitions.set_action_state(
            context, action, policy.state, action.state,
            status_message=states.stuck_status_message(policy, host))


def cancel_interrupted_plans(context, host):
    """Close the plans ``host`` was running; their uuids."""
    closed = []
    for plan in _plans(context, host, RUNNING_PLAN_STATES):
        LOG.warning('Action plan %s was %s on applier %s when it stopped; '
                    'cancelling it', plan.uuid, plan.state, host)
        _close_actions(context, plan, host)
        policy = states.stuck_policy(states.ACTION_PLAN, plan.state)
        done = transitions.set_plan_state(
            context, plan, policy.state, plan.state,
            status_message=states.stuck_status_message(policy, host))
        if done is not None:
            notify.plan_cancel(context, done, notify.END)
            closed.append(plan.uuid)
    return closed


def requeue_pending_plans(context, host, applier_api=None):
    """Launch again the PENDING plans ``host`` had received; their uuids."""
    if applier_api is None:
        from watcher.applier import rpcapi
        applier_api = rpcapi.ApplierAPI()
    requeued = []
    for plan in _plans(context, host, (PLAN.PENDING,)):
        if transitions.set_plan_hostname(
                context, plan.uuid, None, PLAN.PENDING,
                expected_hostname=host) is None:
            continue  # started or cancelled meanwhile
        LOG.info('Launching again action plan %s, received by applier %s '
                 'before it stopped', plan.uuid, host)
        applier_api.launch_action_plan(context, plan.uuid)
        requeued.append(plan.uuid)
    return requeued


def recover_host(context, host, applier_api=None):
    """Both steps for ``host``; ``(cancelled, requeued)`` plan uuids."""
    cancelled = cancel_interrupted_plans(context, host)
    requeued = requeue_pending_plans(context, host, applier_api)
    return cancelled, requeued
