"""Running action plans end to end: the states a user sees afterwards."""
import threading
import time

import fixtures

from watcher.applier.action_plan import default as plan_handler
from watcher.applier.actions import nop
from watcher.applier.actions import sleep
from watcher.tests.unit.applier import base

SERVER = '73b09e16-35b7-4922-804e-e8f5d9b740fc'


class TimeLog:
    """Wraps an action class's ``execute`` to record when each one ran."""

    def __init__(self):
        self.spans = {}
        self.lock = threading.Lock()

    def wrap(self, original):
        log = self

        def execute(action):
            start = time.monotonic()
            try:
                return original(action)
            finally:
                with log.lock:
                    log.spans[action.uuid] = (start, time.monotonic())
        return execute


class TestPlanExecution(base.ApplierTestCase):

    def run_plan(self, plan):
        plan_handler.DefaultActionPlanHandler(
            self.context, plan.uuid).execute()
        return self.plan(plan)

    def test_dummy_plan_succeeds(self):
        plan = self.create_plan()
        first = self.create_action(plan, parameters={'message': 'Welcome'})
        second = self.create_action(plan, 'sleep', {'duration': 0},
                                    parents=[first])
        third = self.create_action(plan, parameters={'message': 'Bye'},
                                   parents=[second])
        done = self.run_plan(plan)
        self.assertEqual('SUCCEEDED', done.state)
        self.assertIsNone(done.status_message)
        self.assertEqual(base.HOST, done.hostname)
        self.assertEqual(['SUCCEEDED'] * 3, self.states(first, second, third))
        events = self.event_types('action_plan.execution')
        self.assertEqual(['action_plan.execution.start',
                          'action_plan.execution.end'], events)
        self.assertEqual(3, self.event_types().count(
            'action.execution.end'))
        self.assertEqual([('PENDING', 'ONGOING'), ('ONGOING', 'SUCCEEDED')],
                         self.plan_transitions())

    def test_failed_action_fails_the_plan_and_stops_its_dependants(self):
        plan = self.create_plan()
        first = self.create_action(plan)
        failing = self.create_action(
            plan, parameters={'message': 'x', 'fail_execute': True},
            parents=[first])
        child = self.create_action(plan, parents=[failing])
        grandchild = self.create_action(plan, parents=[child])
        independent = self.create_action(plan, parents=[first])
        done = self.run_plan(plan)
        self.assertEqual('FAILED', done.state)
        self.assertEqual(['SUCCEEDED', 'FAILED', 'CANCELLED', 'CANCELLED',
                          'SUCCEEDED'],
                         self.states(first, failing, child, grandchild,
                                     independent))
        self.assertEqual(
            'Action failed in execute: The action %s execution failed.'
            % failing.uuid, self.action(failing).status_message)
        self.assertEqual(
            'Action was not run because its parent action %s failed.'
            % failing.uuid, self.action(child).status_message)
        self.assertEqual(
            'Action was not run because its parent action %s was not run.'
            % child.uuid, self.action(grandchild).status_message)
        [(priority, payload)] = self.messages('action.execution.error')
        self.assertEqual('ERROR', priority)
        self.assertEqual(failing.uuid, payload['uuid'])
        self.assertEqual('ActionExecutionFailure', payload['fault'][
            'watcher_object.data']['exception'])
        [(priority, payload)] = self.messages('action_plan.execution.error')
        self.assertEqual(('ERROR', 'FAILED'), (priority, payload['state']))
        self.assertEqual([('PENDING', 'ONGOING'), ('ONGOING', 'FAILED')],
                         self.plan_transitions())

    def test_failures_in_conditions_name_the_phase(self):
        plan = self.create_plan()
        pre = self.create_action(
            plan, parameters={'message': 'x', 'fail_pre_condition': True})
        post = self.create_action(
            plan, parameters={'message': 'x', 'fail_post_condition': True})
        self.assertEqual('FAILED', self.run_plan(plan).state)
        self.assertEqual(('FAILED', 'Action failed in pre_condition: '
                          'Failed in pre_condition'),
                         (self.action(pre).state,
                          self.action(pre).status_message))
        self.assertEqual(('FAILED', 'Action failed in post_condition: '
                          'Failed in post_condition'),
                         (self.action(post).state,
                          self.action(post).status_message))

    def test_user_skipped_action_is_not_run_and_plan_succeeds(self):
        plan = self.create_plan()
        skipped = self.create_action(
            plan, state='SKIPPED', status_message='Action skipped by user.',
            parameters={'message': 'x', 'fail_execute': True})
        after = self.create_action(plan, parents=[skipped])
        done = self.run_plan(plan)
        self.assertEqual('SUCCEEDED', done.state)
        self.assertEqual('One or more actions were skipped.',
                         done.status_message)
        self.assertEqual(('SKIPPED', 'Action skipped by user.'),
                         (self.action(skipped).state,
                          self.action(skipped).status_message))
        self.assertEqual('SUCCEEDED', self.action(after).state)

    def test_pre_condition_skip(self):
        plan = self.create_plan()
        skipped = self.create_action(
            plan, parameters={'message': 'x', 'skip_pre_condition': True})
        failed = self.create_action(
            plan, parameters={'message': 'x', 'fail_execute': True})
        done = self.run_plan(plan)
        self.assertEqual('FAILED', done.state)
        self.assertEqual('One or more actions were skipped.',
                         done.status_message)
        self.assertEqual(
            ('SKIPPED',
             'Action was skipped automatically: Skipped in pre_condition'),
            (self.action(skipped).state, self.action(skipped).status_message))
        self.assertEqual('FAILED', self.action(failed).state)

    def test_invalid_parameters_fail_before_any_cloud_call(self):
        connections = []
        self.useFixture(fixtures.MonkeyPatch(
            'watcher.common.clients.get_sdk_connection',
            lambda *a, **k: connections.append(1)))
        plan = self.create_plan()
        bad = self.create_action(plan, 'migrate', {
            'migration_type': 'live', 'resource_id': 'not-a-uuid',
            'source_node': 'compute-1'})
        self.assertEqual('FAILED', self.run_plan(plan).state)
        action = self.action(bad)
        self.assertEqual('FAILED', action.state)
        self.assertTrue(action.status_message.startswith(
            'Action failed in pre_condition: Invalid input parameters '
            '(resource_id):'), action.status_message)
        self.assertEqual([], connections)

    def test_unknown_action_type_fails_the_action(self):
        plan = self.create_plan()
        unknown = self.create_action(plan, 'teleport', {})
        self.assertEqual('FAILED', self.run_plan(plan).state)
        self.assertEqual(
            'Action failed in pre_condition: Provided teleport is not '
            'supported yet', self.action(unknown).status_message)

    def test_parents_graph_is_respected_in_parallel(self):
        self.config(max_workers=4, group='watcher_workflow_engines.taskflow')
        times = TimeLog()
        self.useFixture(fixtures.MonkeyPatch(
            'watcher.applier.actions.sleep.Sleep.execute',
            times.wrap(sleep.Sleep.execute)))
        self.useFixture(fixtures.MonkeyPatch(
            'watcher.applier.actions.nop.Nop.execute',
            times.wrap(nop.Nop.execute)))
        plan = self.create_plan()
        left = self.create_action(plan, 'sleep', {'duration': 1})
        right = self.create_action(plan, 'sleep', {'duration': 1})
        join = self.create_action(plan, parents=[left, right])
        self.assertEqual('SUCCEEDED', self.run_plan(plan).state)
        left_span = times.spans[left.uuid]
        right_span = times.spans[right.uuid]
        join_span = times.spans[join.uuid]
        # Independent actions overlap; the child starts after both ended.
        self.assertLess(left_span[0], right_span[1])
        self.assertLess(right_span[0], left_span[1])
        self.assertGreaterEqual(join_span[0], max(left_span[1],
                                                  right_span[1]))

    def test_one_worker_runs_actions_one_at_a_time(self):
        self.config(max_workers=1, group='watcher_workflow_engines.taskflow')
        times = TimeLog()
        self.useFixture(fixtures.MonkeyPatch(
            'watcher.applier.actions.sleep.Sleep.execute',
            times.wrap(sleep.Sleep.execute)))
        plan = self.create_plan()
        left = self.create_action(plan, 'sleep', {'duration': 1})
        right = self.create_action(plan, 'sleep', {'duration': 1})
        self.assertEqual('SUCCEEDED', self.run_plan(plan).state)
        spans = sorted([times.spans[left.uuid], times.spans[right.uuid]])
        self.assertGreaterEqual(spans[1][0], spans[0][1])

    def test_cycle_in_parents_fails_the_plan_clearly(self):
        plan = self.create_plan()
        first = self.create_action(plan)
        second = self.create_action(plan, parents=[first])
        self.dbapi.update('action', first.uuid, {'parents': [second.uuid]})
        done = self.run_plan(plan)
        self.assertEqual('FAILED', done.state)
        self.assertIn('cycle', done.status_message)
        self.assertEqual(['CANCELLED', 'CANCELLED'],
                         self.states(first, second))

    def test_plan_claimed_elsewhere_is_not_run(self):
        plan = self.create_plan(state='ONGOING', hostname='applier-b')
        action = self.create_action(plan)
        self.assertEqual('ONGOING', self.run_plan(plan).state)
        self.assertEqual('applier-b', self.plan(plan).hostname)
        self.assertEqual(['PENDING'], self.states(action))

    def test_cancelled_plan_cancels_its_pending_actions(self):
        plan = self.create_plan(state='CANCELLED')
        pending = self.create_action(plan)
        skipped = self.create_action(plan, state='SKIPPED')
        self.assertEqual('CANCELLED', self.run_plan(plan).state)
        self.assertEqual(['CANCELLED', 'SKIPPED'],
                         self.states(pending, skipped))

    def test_finished_plan_is_not_run_again(self):
        plan = self.create_plan()
        action = self.create_action(plan)
        self.run_plan(plan)
        executions = []
        self.useFixture(fixtures.MonkeyPatch(
            'watcher.applier.actions.nop.Nop.execute',
            lambda action: executions.append(action.uuid) or True))
        self.assertEqual('SUCCEEDED', self.run_plan(plan).state)
        self.assertEqual([], executions)
        self.assertEqual(['SUCCEEDED'], self.states(action))


class TestCancel(base.ApplierTestCase):

    def test_cancel_lets_the_running_action_finish(self):
        plan = self.create_plan()
        long_sleep = self.create_action(plan, 'sleep', {'duration': 2})
        after = self.create_action(plan, parents=[long_sleep])
        last = self.create_action(plan, parents=[after])
        handler = plan_handler.DefaultActionPlanHandler(self.context,
                                                        plan.uuid)
        worker = threading.Thread(target=handler.execute)
        worker.start()
        self.addCleanup(worker.join, 10)
        self.wait_for(lambda: self.action(long_sleep).state == 'ONGOING',
                      message='the sleep to start')
        self.dbapi.update('action_plan', plan.uuid, {'state': 'CANCELLING'},
                          expected={'state': 'ONGOING'})
        worker.join(10)
        self.assertFalse(worker.is_alive())
        self.assertEqual('CANCELLED', self.plan(plan).state)
        self.assertEqual(['SUCCEEDED', 'CANCELLED', 'CANCELLED'],
                         self.states(long_sleep, after, last))
        events = self.event_types()
        self.assertEqual(1, events.count('action_plan.cancel.start'))
        self.assertIn('action_plan.cancel.end', events)
        self.assertEqual(2, events.count('action.cancel.end'))
        self.assertNotIn('action_plan.execution.end', events)


class TestExecutionRuleAny(base.ApplierTestCase):
    """``ANY``: a child is an alternative, run only if its parent failed."""

    def setUp(self):
        super().setUp()
        self.config(action_execution_rule={'dummy': 'ANY'},
                    group='watcher_workflow_engines.taskflow')

    def test_alternative_runs_only_after_a_failure(self):
        plan = self.create_plan()
        failing = self.create_action(
            plan, parameters={'message': 'x', 'fail_execute': True})
        alternative = self.create_action(plan, parents=[failing])
        succeeding = self.create_action(plan)
        unneeded = self.create_action(plan, parents=[succeeding])
        plan_handler.DefaultActionPlanHandler(self.context,
                                              plan.uuid).execute()
        self.assertEqual(['FAILED', 'SUCCEEDED', 'SUCCEEDED', 'SKIPPED'],
                         self.states(failing, alternative, succeeding,
                                     unneeded))
        self.assertEqual('FAILED', self.plan(plan).state)
