"""``launch_action_plan`` over (fake) RPC runs the plan on this applier."""
from watcher.applier import manager
from watcher.applier.messaging import trigger
from watcher.applier import rpcapi
from watcher.common import service
from watcher.tests.unit.applier import base


class TestTrigger(base.ApplierTestCase):

    def test_launch_stamps_the_host_and_runs_the_plan(self):
        endpoint = trigger.TriggerActionPlan()
        self.addCleanup(endpoint.stop, timeout=10)
        plan = self.create_plan()
        action = self.create_action(plan)
        self.assertEqual(plan.uuid, endpoint.launch_action_plan(
            self.context, plan.uuid))
        self.wait_for(lambda: self.plan(plan).state == 'SUCCEEDED',
                      message='the plan to succeed')
        self.assertEqual(base.HOST, self.plan(plan).hostname)
        self.assertEqual(['SUCCEEDED'], self.states(action))

    def test_plans_run_one_after_the_other_with_one_worker(self):
        self.config(workers=1, group='watcher_applier')
        endpoint = trigger.TriggerActionPlan()
        self.addCleanup(endpoint.stop, timeout=10)
        first = self.create_plan()
        self.create_action(first, 'sleep', {'duration': 1})
        second = self.create_plan()
        self.create_action(second)
        endpoint.launch_action_plan(self.context, first.uuid)
        endpoint.launch_action_plan(self.context, second.uuid)
        self.wait_for(lambda: self.plan(first).state == 'ONGOING')
        self.assertEqual('PENDING', self.plan(second).state)
        self.assertEqual(base.HOST, self.plan(second).hostname)
        self.wait_for(lambda: self.plan(second).state == 'SUCCEEDED')
        self.assertEqual('SUCCEEDED', self.plan(first).state)

    def test_applier_service_runs_a_plan_cast_over_rpc(self):
        applier = service.Service(manager.ApplierManager())
        applier.start()
        self.addCleanup(applier.stop, timeout=10)
        plan = self.create_plan()
        first = self.create_action(plan)
        second = self.create_action(plan, 'sleep', {'duration': 0},
                                    parents=[first])
        rpcapi.ApplierAPI().launch_action_plan(self.context, plan.uuid)
        self.wait_for(lambda: self.plan(plan).state == 'SUCCEEDED',
                      message='the plan to succeed')
        self.assertEqual(['SUCCEEDED', 'SUCCEEDED'],
                         self.states(first, second))
        rows = self.dbapi.list(self.context, 'service',
                               filters={'name': 'watcher-applier'})
        self.assertEqual([base.HOST], [row.host for row in rows])
