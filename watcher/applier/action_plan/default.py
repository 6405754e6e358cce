"""Runs one action plan from PENDING to its end state.

The plan is claimed PENDING -> ONGOING with a compare-and-swap, so two
appliers that both received it never run it twice. The workflow engine
then runs the actions; the plan ends

* CANCELLED when it was being cancelled (the running actions finished,
  the pending ones were cancelled),
* FAILED when an action FAILED (dependants of a failed action are not
  run),
* SUCCEEDED otherwise,

with ``status_message`` "One or more actions were skipped." when any
action was SKIPPED, whatever the end state.
"""
from oslo_log import log

from watcher.applier import loading
from watcher.applier import notify
from watcher.applier import transitions
from watcher.applier.workflow_engine import runner
from watcher.common import exception
from watcher import conf
from watcher import objects

CONF = conf.CONF
LOG = log.getLogger(__name__)

ACTION = objects.action.State
PLAN = objects.action_plan.State

SKIPPED_MESSAGE = 'One or more actions were skipped.'


def plan_actions(context, plan_uuid):
    """The plan's actions in creation order."""
    return objects.Action.list(
        context, filters={'action_plan_uuid': plan_uuid},
        sort_key='id', sort_dir='asc')


def cancel_pending_actions(context, plan_uuid, status_message=None):
    """Every PENDING action of the plan -> CANCELLED; how many."""
    cancelled = 0
    for action in plan_actions(context, plan_uuid):
        if action.state != ACTION.PENDING:
            continue
        values = {}
        if status_message is not None:
            values['status_message'] = status_message
        if transitions.set_action_state(context, action, ACTION.CANCELLED,
                                        ACTION.PENDING, **values):
            cancelled += 1
    return cancelled


class DefaultActionPlanHandler:
    """Claims, runs and closes one action plan."""

    def __init__(self, context, action_plan_uuid, applier_manager=None,
                 host=None):
        self.context = context
        self.action_plan_uuid = action_plan_uuid
        self.applier_manager = applier_manager
        self.host = host or CONF.host

    def execute(self):
        """Run the plan; never raises (the outcome is in the DB)."""
        try:
            plan = objects.ActionPlan.get_by_uuid(self.context,
                                                  self.action_plan_uuid)
        except exception.ActionPlanNotFound:
            LOG.warning('Action plan %s no longer exists',
                        self.action_plan_uuid)
            return
        if plan.state == PLAN.CANCELLED:
            cancel_pending_actions(self.context, plan.uuid)
            return
        if plan.state != PLAN.PENDING:
            LOG.info('Action plan %s is %s, not PENDING; not run',
                     plan.uuid, plan.state)
            return
        plan = transitions.set_plan_state(
            self.context, plan, PLAN.ONGOING, PLAN.PENDING,
            hostname=self.host)
        if plan is None:
            LOG.info('Action plan %s was claimed by someone else',
                     self.action_plan_uuid)
            return
        LOG.info('Running action plan %s', plan.uuid)
        notify.plan_execution(self.context, plan, notify.START)
        try:
            self._run_actions(plan)
        except Exception as exc:
            self._fail(plan, exc)
            return
        self._close(plan)

    def _run_actions(self, plan):
        engine = loading.load_workflow_engine(
            context=self.context, applier_manager=self.applier_manager)
        engine.execute(plan_actions(self.context, plan.uuid),
                       action_plan=plan)

    def _skipped_message(self, actions):
        if any(action.state == ACTION.SKIPPED for action in actions):
            return SKIPPED_MESSAGE
        return None

    def _close(self, plan):
        """Set the end state from what the actions became."""
        current = objects.ActionPlan.get_by_uuid(self.context, plan.uuid)
        if current.state in (PLAN.CANCELLING, PLAN.CANCELLED):
            self._close_cancelled(current)
            return
        if current.state != PLAN.ONGOING:
            LOG.warning('Action plan %s became %s while it ran; left as is',
                        plan.uuid, current.state)
            return
        actions = plan_actions(self.context, plan.uuid)
        failed = [a for a in actions if a.state == ACTION.FAILED]
        state = PLAN.FAILED if failed else PLAN.SUCCEEDED
        closed = transitions.set_plan_state(
            self.context, current, state, PLAN.ONGOING,
            status_message=self._skipped_message(actions))
        if closed is None:
            # Cancelled between the last action and now.
            self._close(plan)
            return
        if failed:
            notify.plan_execution(self.context, closed, notify.ERROR,
                                  fault=exception.ActionExecutionFailure(
                                      action_id=failed[0].uuid))
        else:
            notify.plan_execution(self.context, closed, notify.END)
        LOG.info('Action plan %s %s', plan.uuid, state)

    def _close_cancelled(self, plan):
        cancel_pending_actions(self.context, plan.uuid)
        if plan.state == PLAN.CANCELLED:
            return
        actions = plan_actions(self.context, plan.uuid)
        closed = transitions.set_plan_state(
            self.context, plan, PLAN.CANCELLED, PLAN.CANCELLING,
            status_message=self._skipped_message(actions))
        if closed is not None:
            notify.plan_cancel(self.context, closed, notify.END)
            LOG.info('Action plan %s CANCELLED', plan.uuid)

    def _fail(self, plan, exc):
        LOG.error('Action plan %s failed: %s', plan.uuid,
                  runner.failure_reason(exc))
        current = objects.ActionPlan.get_by_uuid(self.context, plan.uuid)
        was_cancelling = current.state == PLAN.CANCELLING
        closed = transitions.set_plan_state(
            self.context, current, PLAN.FAILED,
            (PLAN.ONGOING, PLAN.CANCELLING),
            status_message=runner.failure_reason(exc))
        if closed is None:
            return
        cancel_pending_actions(self.context, plan.uuid)
        if was_cancelling:
            notify.plan_cancel(self.context, closed, notify.ERROR, fault=exc)
        else:
            notify.plan_execution(self.context, closed, notify.ERROR,
                                  fault=exc)
