"""Run one audit: claim it, run its strategy, plan, record the outcome.

``AuditHandler.execute(audit, context)``:

1. claim: unless ``force``, a running (ONGOING) action plan anywhere stops
   the audit (a ONESHOT audit is then CANCELLED, other types wait for their
   next trigger). The audit is set ONGOING with ``hostname`` = this host
   by a compare-and-swap on the state and hostname read, so two engines
   never run the same audit and a user's cancel is never overwritten;
2. strategy (``audit.strategy.start/end/error`` notifications);
3. planner (``audit.planner.start/end/error``), then ``launch_action_plan``
   when ``auto_trigger`` is set;
4. ONESHOT and EVENT audits become SUCCEEDED; CONTINUOUS ones stay ONGOING.

Any failure sets the audit FAILED with the reason in ``status_message``.
An audit cancelled (or suspended) while its strategy ran gets no plan.
"""
import threading
import time

from oslo_log import log

from watcher.common import exception
from watcher.common import memory
from watcher import conf
from watcher.decision_engine.audit import claims
from watcher.decision_engine.planner import base as planner_base
from watcher.decision_engine import stale_plans
from watcher.decision_engine.strategy import context as strategy_context
from watcher import objects

CONF = conf.CONF
LOG = log.getLogger(__name__)

STRATEGY = 'strategy'
PLANNER = 'planner'
START, END, ERROR = 'start', 'end', 'error'


class PhaseError(exception.WatcherException):
    """A failure in one phase of an audit, with a readable message."""
    msg_fmt = '%(message)s'


class RunningAudits(object):
    """Audits this process is running now (for the recovery checks)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._uuids = set()

    def add(self, uuid):
        with self._lock:
            self._uuids.add(uuid)

    def discard(self, uuid):
        with self._lock:
            self._uuids.discard(uuid)

    def __contains__(self, uuid):
        with self._lock:
            return uuid in self._uuids

    def snapshot(self):
        with self._lock:
            return frozenset(self._uuids)


RUNNING = RunningAudits()


def describe_failure(exc):
    """The status message of an audit that failed with ``exc``."""
    if isinstance(exc, PhaseError):
        return claims.short_message(str(exc))
    return claims.short_message('%s: %s' % (type(exc).__name__, exc))


def send_audit_notification(context, audit, action, phase, exc=None):
    """Send ``audit.<action>.<phase>``; never fails the audit."""
    try:
        from watcher.notifications import audit as audit_notifications
        audit_notifications.send_action_notification(
            context, audit, action=action, phase=phase, exception=exc)
    except Exception:
        LOG.exception('Could not send audit.%s.%s for %s', action, phase,
                      audit.uuid)


class AuditHandler(object):
    """Common flow of the ONESHOT, EVENT and CONTINUOUS handlers."""

    AUDIT_TYPE = None
    #: states from which this kind of audit may start a run
    STARTABLE_STATES = ('PENDING',)

    def __init__(self, strategy_context_=None):
        self.strategy_context = (strategy_context_ or
                                 strategy_context.StrategyContext())

    # -- entry point ----------------------------------------------------------

    def execute(self, audit, context):
        """Run the audit once; never raises, never leaves it ONGOING."""
        RUNNING.add(audit.uuid)
        claimed = False
        try:
            if not self.pre_execute(audit, context):
                return
            claimed = True
            started = time.monotonic()
            solution = self.do_execute(audit, context)
            ran = time.monotonic()
            if solution is not None:
                self.post_execute(audit, solution, context)
            LOG.info('Audit %s: strategy %.2f s, plan and store %.2f s',
                     audit.uuid, ran - started, time.monotonic() - ran)
        except Exception as exc:
            LOG.exception('Audit %s failed', audit.uuid)
            self.fail(audit, exc, claimed)
        finally:
            RUNNING.discard(audit.uuid)
            memory.release_if_grown('audit %s' % audit.uuid)

    # -- phases ---------------------------------------------------------------

    def check_ongoing_action_plans(self, context):
        ongoing = objects.ActionPlan.list(
            context, filters={'state': objects.action_plan.State.ONGOING},
            limit=1)
        if ongoing:
            raise exception.ActionPlanIsOngoing(action_plan=ongoing[0].uuid)

    def can_start(self, audit):
        """Whether this engine may start a run of the audit now."""
        if audit.state not in self.STARTABLE_STATES:
            return False
        return True

    def pre_execute(self, audit, context):
        """Claim the audit (ONGOING, this host). False: do not run."""
        LOG.debug('Trigger audit %s', audit.uuid)
        if not audit.force:
            try:
                self.check_ongoing_action_plans(context)
            except exception.ActionPlanIsOngoing as exc:
                self.on_action_plan_ongoing(audit, exc)
                return False
        audit.refresh()
        if audit.state == objects.audit.State.CANCELLED:
            LOG.info('Audit %s was cancelled; not running it', audit.uuid)
            return False
        if not self.can_start(audit):
            LOG.info('Audit %s is %s (host %s); not starting it here',
                     audit.uuid, audit.state, audit.hostname)
            return False
        return claims.try_update(
            audit,
            {'state': objects.audit.State.ONGOING, 'hostname': CONF.host},
            expected={'state': audit.state, 'hostname': audit.hostname},
            what='claim')

    def on_action_plan_ongoing(self, audit, exc):
        LOG.warning('Audit %s not run: %s', audit.uuid, exc)

    def select_strategy(self, audit, context):
        try:
            return self.strategy_context.select_strategy(audit, context)
        except Exception as exc:
            raise PhaseError(message='Cannot prepare the strategy: %s'
                             % exc) from exc

    def do_execute(self, audit, context):
        """Run the strategy; returns its solution."""
        send_audit_notification(context, audit, STRATEGY, START)
        try:
            strategy = self.select_strategy(audit, context)
            try:
                solution = self.strategy_context.execute_strategy(
                    audit, context, strategy=strategy)
            except Exception as exc:
                raise PhaseError(message='Strategy %s failed: %s'
                                 % (strategy.name, exc)) from exc
        except Exception as exc:
            send_audit_notification(context, audit, STRATEGY, ERROR, exc)
            raise
        send_audit_notification(context, audit, STRATEGY, END)
        return solution

    def still_ours(self, audit):
        """Reload; True if the audit is still ONGOING on this host."""
        audit.refresh()
        if (audit.state == objects.audit.State.ONGOING and
                audit.hostname == CONF.host):
            return True
        LOG.info('Audit %s is now %s (host %s): dropping its result',
                 audit.uuid, audit.state, audit.hostname)
        return False

    def plan(self, audit, solution, context):
        """Store the action plan of the solution; returns it."""
        send_audit_notification(context, audit, PLANNER, START)
        planner_name = solution.strategy.planner
        try:
            planner = planner_base.load_planner(planner_name)
            action_plan = planner.schedule(context, audit.id, solution)
        except Exception as exc:
            send_audit_notification(context, audit, PLANNER, ERROR, exc)
            raise PhaseError(message='Planner %s failed: %s'
                             % (planner_name, exc)) from exc
        send_audit_notification(context, audit, PLANNER, END)
        stale_plans.remember_plan(action_plan, solution.strategy)
        return action_plan

    def post_execute(self, audit, solution, context):
        if not self.still_ours(audit):
            return
        action_plan = self.plan(audit, solution, context)
        if (audit.auto_trigger and action_plan.state ==
                objects.action_plan.State.RECOMMENDED):
            from watcher.applier import rpcapi as applier_rpcapi
            LOG.info('Audit %s: launching action plan %s (auto_trigger)',
                     audit.uuid, action_plan.uuid)
            applier_rpcapi.ApplierAPI().launch_action_plan(
                context, action_plan.uuid)
        self.finish(audit)

    def finish(self, audit):
        """What a successful run leaves the audit in (see subclasses)."""

    def set_succeeded(self, audit):
        claims.try_update(
            audit, {'state': objects.audit.State.SUCCEEDED},
            expected={'state': objects.audit.State.ONGOING,
                      'hostname': CONF.host},
            what='success')

    def fail(self, audit, exc, claimed):
        """Set the audit FAILED with the reason, unless someone else
        changed it meanwhile (a cancel, another engine)."""
        expected = ({'state': objects.audit.State.ONGOING,
                     'hostname': CONF.host} if claimed
                    else {'state': audit.state})
        try:
            claims.try_update(
                audit, {'state': objects.audit.State.FAILED,
                        'status_message': describe_failure(exc)},
                expected=expected, what='failure')
        except Exception:
            LOG.exception('Could not record the failure of audit %s',
                          audit.uuid)
