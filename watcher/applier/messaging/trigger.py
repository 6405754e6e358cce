"""RPC endpoint ``launch_action_plan``: queue a plan on this applier.

The cast returns at once: the plan is stamped with this applier's host and
handed to a pool of ``[watcher_applier] workers`` threads (1 by default,
so plans run one after the other). The plan handler claims the plan, so a
plan launched twice still runs once.
"""
from oslo_log import log
import oslo_messaging as messaging

from watcher.applier.action_plan import default
from watcher.applier import transitions
from watcher.common import context as watcher_context
from watcher.common import executor
from watcher import conf
from watcher import objects

CONF = conf.CONF
LOG = log.getLogger(__name__)


class TriggerActionPlan:
    """Receives launches and runs the plans in a thread pool."""

    target = messaging.Target(version='1.0')

    def __init__(self, applier_manager=None):
        self.applier_manager = applier_manager
        self._pool = None

    @property
    def pool(self):
        if self._pool is None:
            self._pool = executor.new_applier_pool()
        return self._pool

    def do_launch_action_plan(self, context, action_plan_uuid):
        """Run the plan (in a pool thread); errors are logged."""
        try:
            handler = default.DefaultActionPlanHandler(
                context, action_plan_uuid, self.applier_manager)
            handler.execute()
        except Exception:
            LOG.exception('Action plan %s could not be run',
                          action_plan_uuid)

    def launch_action_plan(self, context, action_plan_uuid):
        LOG.info('Launching action plan %s', action_plan_uuid)
        # The plan runs long after the request: use the service's own
        # credentials rather than a user token that may expire meanwhile.
        admin_context = watcher_context.get_admin_context()
        transitions.set_plan_hostname(
            admin_context, action_plan_uuid, CONF.host,
            expected_state=objects.action_plan.State.PENDING)
        self.pool.submit(self.do_launch_action_plan, admin_context,
                         action_plan_uuid)
        return action_plan_uuid

    def stop(self, timeout=None):
        """Let the running plan finish; queued plans stay PENDING.

        A queued plan keeps this host's name and stays PENDING; the next
        start of this applier (or the failover monitor of a peer) launches
        it again.
        """
        if self._pool is not None:
            executor.shutdown_pool(self._pool, timeout=timeout)
            self._pool = None
