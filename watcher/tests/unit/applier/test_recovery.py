"""Plans of an applier that stopped mid-plan: closed, never run twice."""
import datetime
import threading

from oslo_utils import timeutils

from watcher.applier.action_plan import default
from watcher.applier import monitor
from watcher.applier import recovery
from watcher.applier import sync
from watcher.tests.unit.applier import base

PLAN_MESSAGE = ('Action plan was cancelled because Applier %s was stopped '
                'while the action plan was ongoing.')


class RecordingApplierAPI:
    """Stands for the RPC client: records the plans launched again."""

    def __init__(self):
        self.launched = []

    def launch_action_plan(self, context, action_plan_uuid):
        self.launched.append(action_plan_uuid)


class TestStartupSync(base.ApplierTestCase):

    def test_action_descriptions_are_upserted(self):
        sync.Syncer().sync()
        rows = self.dbapi.list(self.context, 'action_description',
                               sort_key='action_type')
        self.assertEqual(
            ['change_node_power_state', 'change_nova_service_state',
             'migrate', 'nop', 'resize', 'sleep', 'stop', 'volume_migrate'],
            [row.action_type for row in rows])
        nop_row = [r for r in rows if r.action_type == 'nop'][0]
        self.dbapi.update('action_description', nop_row.id,
                          {'description': 'outdated'})
        sync.Syncer().sync()
        rows = self.dbapi.list(self.context, 'action_description')
        self.assertEqual(8, len(rows))
        self.assertEqual('Logging a NOP message', self.dbapi.get(
            self.context, 'action_description', action_type='nop'
        ).description)

    def test_plans_left_ongoing_by_this_host_are_cancelled(self):
        plan = self.create_plan(state='ONGOING', hostname=base.HOST)
        done = self.create_action(plan, state='SUCCEEDED')
        running = self.create_action(plan, state='ONGOING')
        pending = self.create_action(plan)
        skipped = self.create_action(plan, state='SKIPPED')
        other_host = self.create_plan(state='ONGOING', hostname='applier-b')
        other_action = self.create_action(other_host, state='ONGOING')

        sync.Syncer().sync()

        closed = self.plan(plan)
        self.assertEqual('CANCELLED', closed.state)
        self.assertEqual(PLAN_MESSAGE % base.HOST, closed.status_message)
        self.assertEqual(['SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED'],
                         self.states(done, running, pending, skipped))
        self.assertIn('interrupted', self.action(running).status_message)
        self.assertEqual('ONGOING', self.plan(other_host).state)
        self.assertEqual(['ONGOING'], self.states(other_action))

    def test_interrupted_action_is_not_run_again(self):
        plan = self.create_plan(state='ONGOING', hostname=base.HOST)
        running = self.create_action(plan, 'sleep', {'duration': 0},
                                     state='ONGOING')
        sync.Syncer().sync()
        # A late launch of the same plan (e.g. a duplicate message) finds
        # it closed and runs nothing.
        default.DefaultActionPlanHandler(self.context, plan.uuid).execute()
        self.assertEqual(['FAILED'], self.states(running))
        self.assertEqual('CANCELLED', self.plan(plan).state)

    def test_cancelling_plan_of_this_host_is_closed_too(self):
        plan = self.create_plan(state='CANCELLING', hostname=base.HOST)
        pending = self.create_action(plan)
        sync.Syncer().sync()
        self.assertEqual('CANCELLED', self.plan(plan).state)
        self.assertEqual(['CANCELLED'], self.states(pending))


class TestApplierMonitor(base.ApplierTestCase):

    def setUp(self):
        super().setUp()
        self.api = RecordingApplierAPI()
        self.monitor = monitor.ApplierMonitor(applier_api=self.api,
                                              interval=3600)
        now = timeutils.utcnow()
        self.dbapi.create('service', {'name': 'watcher-applier',
                                      'host': base.HOST,
                                      'last_seen_up': now})
        self.dbapi.create('service', {
            'name': 'watcher-applier', 'host': 'applier-b',
            'last_seen_up': now - datetime.timedelta(minutes=10)})

    def test_start_launches_again_plans_queued_on_this_host(self):
        queued = self.create_plan(hostname=base.HOST)
        elsewhere = self.create_plan(hostname='applier-c')
        self.monitor.start()
        self.addCleanup(self.monitor.stop)
        self.assertEqual([queued.uuid], self.api.launched)
        self.assertIsNone(self.plan(queued).hostname)
        self.assertEqual('PENDING', self.plan(queued).state)
        self.assertEqual('applier-c', self.plan(elsewhere).hostname)

    def test_leader_recovers_the_plans_of_a_dead_applier(self):
        running = self.create_plan(state='ONGOING', hostname='applier-b')
        ongoing_action = self.create_action(running, state='ONGOING')
        pending_action = self.create_action(running)
        queued = self.create_plan(hostname='applier-b')
        mine = self.create_plan(state='ONGOING', hostname=base.HOST)

        self.monitor.monitor.check()

        self.assertTrue(self.monitor.monitor.is_leader())
        self.assertEqual('CANCELLED', self.plan(running).state)
        self.assertEqual(PLAN_MESSAGE % 'applier-b',
                         self.plan(running).status_message)
        self.assertEqual(['FAILED', 'CANCELLED'],
                         self.states(ongoing_action, pending_action))
        self.assertEqual([queued.uuid], self.api.launched)
        self.assertIsNone(self.plan(queued).hostname)
        self.assertEqual('ONGOING', self.plan(mine).state)

    def test_follower_does_nothing(self):
        self.dbapi.create('service', {'name': 'watcher-applier',
                                      'host': 'applier-0',
                                      'last_seen_up': timeutils.utcnow()})
        running = self.create_plan(state='ONGOING', hostname='applier-b')
        self.monitor.monitor.check()
        self.assertFalse(self.monitor.monitor.is_leader())
        self.assertEqual('ONGOING', self.plan(running).state)
        self.assertEqual([], self.api.launched)


class TestRecoveryRaces(base.ApplierTestCase):

    def test_plan_started_meanwhile_is_not_requeued(self):
        plan = self.create_plan(state='ONGOING', hostname='applier-b')
        api = RecordingApplierAPI()
        self.assertEqual([], recovery.requeue_pending_plans(
            self.context, 'applier-b', api))
        self.assertEqual([], api.launched)
        self.assertEqual('applier-b', self.plan(plan).hostname)

    def test_running_applier_stops_when_its_plan_was_closed(self):
        """A worker still alive after being declared dead runs nothing."""
        plan = self.create_plan()
        gate = self.create_action(plan, 'sleep', {'duration': 1})
        after = self.create_action(plan, parents=[gate])
        handler = default.DefaultActionPlanHandler(self.context, plan.uuid)
        worker = threading.Thread(target=handler.execute)
        worker.start()
        self.addCleanup(worker.join, 10)
        self.wait_for(lambda: self.action(gate).state == 'ONGOING')
        recovery.cancel_interrupted_plans(self.context, base.HOST)
        worker.join(10)
        self.assertEqual('CANCELLED', self.plan(plan).state)
        # The sleep was already running (FAILED: interrupted); the next
        # action was cancelled and never claimed by the late worker.
        self.assertEqual(['FAILED', 'CANCELLED'], self.states(gate, after))
