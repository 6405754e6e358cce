"""Runs one action through its phases and records each step in the DB.

Phases, in order (the task never raises; the outcome is the DB state):

1. checks: plan being cancelled -> CANCELLED; already SKIPPED (by the
   user) -> left alone; a parent that FAILED (or was not run) -> the
   action is not run and ends CANCELLED (the reference ran it anyway);
2. parameters validated against the action schema, then ``pre_condition``:
   ``ActionSkipped`` -> SKIPPED, any error -> FAILED;
3. the action is claimed PENDING -> ONGOING in the DB, *then* ``execute``
   runs (so a crash never leaves an unrecorded cloud change), and
   ``post_condition``; SUCCEEDED only when ``execute`` returned exactly
   True, otherwise FAILED "Action failed in <phase>: <reason>".
"""
import threading

from oslo_log import log

from watcher.applier import notify
from watcher.applier import transitions
from watcher.common import exception
from watcher import objects

LOG = log.getLogger(__name__)

ACTION = objects.action.State
PLAN = objects.action_plan.State

ALWAYS = 'ALWAYS'
ANY = 'ANY'

SKIPPED_PREFIX = 'Action was skipped automatically: '
PLAN_CANCEL_STATES = (PLAN.CANCELLING, PLAN.CANCELLED)


def failure_reason(exc):
    """Short text for a status message: Watcher's message, else the type."""
    if isinstance(exc, exception.WatcherException):
        return str(exc)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ''
    name = type(exc).__name__
    return '%s: %s' % (name, text) if text else name


class PlanRun:
    """What the actions of one plan run share."""

    def __init__(self, context, plan, actions, factory, rule=ALWAYS):
        self.context = context
        self.plan = plan
        self.actions = {action.uuid: action for action in actions}
        self.factory = factory
        self.rule = rule
        self._cancel_announced = False
        self._lock = threading.Lock()

    def plan_state(self):
        return objects.ActionPlan.get_by_uuid(
            self.context, self.plan.uuid).state

    def is_cancelling(self):
        if self.plan_state() not in PLAN_CANCEL_STATES:
            return False
        with self._lock:
            announce = not self._cancel_announced
            self._cancel_announced = True
        if announce:
            # Announced once per run, by the first task that sees it.
            notify.plan_cancel(self.context, self.plan, notify.START)
        return True

    def parents_of(self, action):
        """The parent actions that belong to this plan, in stored order."""
        return [self.actions[uuid] for uuid in (action.parents or [])
                if uuid in self.actions]


class ActionRunner:
    """The life of one action inside a plan run."""

    def __init__(self, plan_run, action):
        self.run_data = plan_run
        self.uuid = action.uuid
        self.action_type = action.action_type
        self.context = plan_run.context

    @property
    def name(self):
        return 'action_type:%s uuid:%s' % (self.action_type, self.uuid)

    def _load(self):
        return objects.Action.get_by_uuid(self.context, self.uuid)

    def run(self):
        """Run the action; True when it SUCCEEDED or was SKIPPED."""
        try:
            return self._run()
        except Exception as exc:  # never let one action stop the flow
            LOG.exception('Unexpected error while running action %s',
                          self.uuid)
            self._fail(self._load(), 'execute', exc,
                       expected=(ACTION.PENDING, ACTION.ONGOING))
            return False

    def _run(self):
        action = self._load()
        if self.run_data.is_cancelling():
            self._cancel_pending(action)
            return False
        if action.state == ACTION.SKIPPED:
            LOG.info('Action %s was skipped by the user; not run',
                     self.uuid)
            return True
        if action.state != ACTION.PENDING:
            LOG.warning('Action %s is %s, not PENDING; not run', self.uuid,
                        action.state)
            return action.state == ACTION.SUCCEEDED
        if not self._parents_allow(action):
            return False
        return self._execute_phases(action)

    # -- dependencies ----------------------------------------------------

    def _parents_allow(self, action):
        """False (and the action closed) when a parent blocks it."""
        parents = [objects.Action.get_by_uuid(self.context, parent.uuid)
                   for parent in self.run_data.parents_of(action)]
        if not parents:
            return True
        if self.run_data.rule == ANY:
            first = parents[0]
            if first.state == ACTION.FAILED:
                return True
            if first.state in (ACTION.SUCCEEDED, ACTION.SKIPPED):
                self._skip(action, 'its alternative action %s did not fail'
                           % first.uuid)
                return False
            self._close_blocked(action, first)
            return False
        for parent in parents:
            if parent.state in (ACTION.FAILED, ACTION.CANCELLED):
                self._close_blocked(action, parent)
                return False
        return True

    def _close_blocked(self, action, parent):
        if parent.state == ACTION.FAILED:
            why = 'its parent action %s failed' % parent.uuid
        else:
            why = 'its parent action %s was not run' % parent.uuid
        transitions.set_action_state(
            self.context, action, ACTION.CANCELLED, ACTION.PENDING,
            status_message='Action was not run because %s.' % why)

    # -- phases ----------------------------------------------------------

    def _execute_phases(self, action):
        try:
            plugin = self.run_data.factory.make_action(action)
            plugin.pre_condition()
        except exception.ActionSkipped as exc:
            self._skip(action, str(exc))
            return True
        except Exception as exc:
            self._fail(action, 'pre_condition', exc)
            return False
        notify.action_execution(self.context, action, notify.START)
        if self.run_data.is_cancelling():
            self._cancel_pending(action)
            return False
        # Recorded ONGOING before the cloud is touched: after a crash the
        # action is known to have (maybe) run and is never run again.
        action = transitions.set_action_state(
            self.context, action, ACTION.ONGOING, ACTION.PENDING)
        if action is None:
            return False
        try:
            result = plugin.execute()
        except Exception as exc:
            self._fail(action, 'execute', exc)
            return False
        if result is not True:
            self._fail(action, 'execute',
                       exception.ActionExecutionFailure(action_id=self.uuid))
            return False
        try:
            plugin.post_condition()
        except Exception as exc:
            self._fail(action, 'post_condition', exc)
            return False
        done = transitions.set_action_state(
            self.context, action, ACTION.SUCCEEDED, ACTION.ONGOING)
        if done is None:
            return False
        notify.action_execution(self.context, done, notify.END)
        return True

    # -- outcomes --------------------------------------------------------

    def _skip(self, action, reason):
        transitions.set_action_state(
            self.context, action, ACTION.SKIPPED, ACTION.PENDING,
            status_message=SKIPPED_PREFIX + reason)
        LOG.info('Action %s skipped: %s', self.uuid, reason)

    def _fail(self, action, phase, exc, expected=None):
        reason = failure_reason(exc)
        LOG.warning('Action %s failed in %s: %s', self.uuid, phase, reason)
        expected = expected or (ACTION.ONGOING if phase != 'pre_condition'
                                else ACTION.PENDING)
        failed = transitions.set_action_state(
            self.context, action, ACTION.FAILED, expected,
            status_message='Action failed in %s: %s' % (phase, reason))
        if failed is not None:
            notify.action_execution(self.context, failed, notify.ERROR,
                                    fault=exc)

    def _cancel_pending(self, action):
        if action.state != ACTION.PENDING:
            return
        notify.action_cancel(self.context, action, notify.START)
        cancelled = transitions.set_action_state(
            self.context, action, ACTION.CANCELLED, ACTION.PENDING)
        if cancelled is not None:
            notify.action_cancel(self.context, cancelled, notify.END)
