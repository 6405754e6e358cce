"""ONESHOT and EVENT audits run end to end on a real database."""
from watcher.decision_engine.audit import event
from watcher.decision_engine.audit import oneshot
from watcher.tests.unit.decision_engine import de_base


class TestOneShot(de_base.DecisionEngineTestCase):

    def run_audit(self, audit, handler=None):
        (handler or oneshot.OneShotAuditHandler()).execute(audit,
                                                           self.context)
        return self.reload(audit)

    def test_dummy_audit_succeeds_with_one_chained_plan(self):
        audit = self.run_audit(self.create_audit())
        self.assertEqual('SUCCEEDED', audit.state)
        self.assertEqual(de_base.HOST, audit.hostname)
        [plan] = self.plans_of(audit)
        self.assertEqual('RECOMMENDED', plan.state)
        self.assertEqual(self.strategy('dummy').id, plan.strategy_id)
        actions = self.actions_of(plan)
        self.assertEqual(['nop', 'nop', 'sleep'],
                         [a.action_type for a in actions])
        self.assertEqual([[], [actions[0].uuid], [actions[1].uuid]],
                         [a.parents for a in actions])
        self.assertEqual({'duration': 3.2}, actions[2].input_parameters)
        self.assertEqual(['PENDING'] * 3, [a.state for a in actions])

    def test_notifications_of_a_run(self):
        self.run_audit(self.create_audit())
        types = self.event_types('audit.')
        for event_type in ('audit.strategy.start', 'audit.strategy.end',
                           'audit.planner.start', 'audit.planner.end'):
            self.assertIn(event_type, types)
        self.assertLess(types.index('audit.strategy.end'),
                        types.index('audit.planner.start'))
        self.assertIn('action_plan.create', self.event_types('action_plan'))

    def test_goal_only_audit_uses_the_default_strategy(self):
        audit = self.run_audit(self.create_audit(strategy=None))
        self.assertEqual('SUCCEEDED', audit.state)
        [plan] = self.plans_of(audit)
        self.assertEqual(self.strategy('dummy').id, plan.strategy_id)

    def test_parameters_reach_the_strategy(self):
        audit = self.run_audit(self.create_audit(
            parameters={'para1': 2.5, 'para2': 'bonjour'}))
        actions = self.actions_of(self.plans_of(audit)[0])
        self.assertEqual({'message': 'bonjour'},
                         actions[1].input_parameters)
        self.assertEqual({'duration': 2.5}, actions[2].input_parameters)

    def test_parameter_outside_the_schema_fails_with_a_message(self):
        audit = self.run_audit(self.create_audit(parameters={'para1': 99}))
        self.assertEqual('FAILED', audit.state)
        self.assertIn('Invalid parameters for strategy dummy',
                      audit.status_message)
        self.assertIn('para1', audit.status_message)
        self.assertEqual([], self.plans_of(audit))
        self.assertIn('audit.strategy.error', self.event_types('audit.'))

    def test_unknown_parameter_fails_with_a_message(self):
        audit = self.run_audit(self.create_audit(parameters={'nope': 1}))
        self.assertEqual('FAILED', audit.state)
        self.assertIn('nope', audit.status_message)

    def test_failing_strategy_fails_the_audit(self):
        audit = self.run_audit(self.create_audit(
            goal='cluster_maintaining', strategy='host_maintenance',
            parameters={'maintenance_node': 'compute9'}))
        self.assertEqual('FAILED', audit.state)
        self.assertIn('Strategy host_maintenance failed',
                      audit.status_message)
        self.assertIn('compute9', audit.status_message)

    def test_missing_model_fails_the_audit(self):
        self.set_compute_model(None)
        collector = self.set_compute_model(None)
        collector.build_model = lambda: (_ for _ in ()).throw(
            RuntimeError('Nova is unreachable'))
        audit = self.run_audit(self.create_audit())
        self.assertEqual('FAILED', audit.state)
        self.assertIn('cluster state', audit.status_message.lower())

    def test_planner_error_fails_the_audit(self):
        self.config(group='watcher_planners.weight',
                    weights={'sleep': 40})
        audit = self.run_audit(self.create_audit())
        self.assertEqual('FAILED', audit.state)
        self.assertIn('Planner weight failed', audit.status_message)
        self.assertIn('nop', audit.status_message)
        self.assertIn('audit.planner.error', self.event_types('audit.'))
        self.assertEqual([], self.plans_of(audit))

    def test_ongoing_plan_cancels_the_audit_unless_forced(self):
        first = self.run_audit(self.create_audit())
        plan = self.plans_of(first)[0]
        plan.state = 'ONGOING'
        plan.save()
        blocked = self.run_audit(self.create_audit())
        self.assertEqual('CANCELLED', blocked.state)
        self.assertIn(plan.uuid, blocked.status_message)
        forced = self.run_audit(self.create_audit(force=True))
        self.assertEqual('SUCCEEDED', forced.state)

    def test_cancelled_audit_does_not_run(self):
        audit = self.create_audit(state='CANCELLED')
        self.assertEqual('CANCELLED', self.run_audit(audit).state)
        self.assertEqual([], self.plans_of(audit))

    def test_audit_claimed_elsewhere_is_not_run_twice(self):
        audit = self.create_audit()
        stale_copy = self.reload(audit)
        other = self.reload(audit)
        other.state = 'ONGOING'
        other.hostname = 'de-b'
        other.save()
        self.run_audit(stale_copy)
        current = self.reload(audit)
        self.assertEqual(('ONGOING', 'de-b'),
                         (current.state, current.hostname))
        self.assertEqual([], self.plans_of(audit))

    def test_auto_trigger_casts_launch_action_plan(self):
        from watcher.applier import rpcapi as applier_rpcapi
        launched = []
        self.patch(applier_rpcapi.ApplierAPI, 'launch_action_plan',
                   lambda api, ctx, action_plan_uuid: launched.append(
                       action_plan_uuid))
        audit = self.run_audit(self.create_audit(auto_trigger=True))
        self.assertEqual([self.plans_of(audit)[0].uuid], launched)

    def test_empty_solution_gives_a_succeeded_plan(self):
        audit = self.run_audit(self.create_audit(
            goal='unclassified', strategy='actuator',
            parameters={'actions': []}))
        self.assertEqual('SUCCEEDED', audit.state)
        [plan] = self.plans_of(audit)
        self.assertEqual('SUCCEEDED', plan.state)
        self.assertEqual([], self.actions_of(plan))


class TestEvent(de_base.DecisionEngineTestCase):

    def test_event_audit_runs_again_from_succeeded(self):
        handler = event.EventAuditHandler()
        audit = self.create_audit(audit_type='EVENT')
        handler.execute(audit, self.context)
        audit = self.reload(audit)
        self.assertEqual('SUCCEEDED', audit.state)
        handler.execute(audit, self.context)
        self.assertEqual('SUCCEEDED', self.reload(audit).state)
        self.assertEqual(2, len(self.plans_of(audit)))
        self.assertEqual({'RECOMMENDED'},
                         {p.state for p in self.plans_of(audit)})


class TestRunner(de_base.DecisionEngineTestCase):

    def test_an_audit_waits_in_the_queue_once(self):
        import threading

        from watcher.decision_engine.audit import runner as runner_mod
        audit_runner = runner_mod.AuditRunner()
        self.addCleanup(audit_runner.stop, timeout=10)
        release = threading.Event()
        busy = [audit_runner.pool.submit(release.wait, 10)
                for _worker in range(audit_runner.pool.max_workers)]
        audit = self.create_audit()
        first = audit_runner.submit(audit.uuid)
        self.assertIsNotNone(first)
        self.assertIsNone(audit_runner.submit(audit.uuid))
        release.set()
        first.result(timeout=30)
        for future in busy:
            future.result(timeout=5)
        self.assertEqual('SUCCEEDED', self.reload(audit).state)
        # Once it ran, it may be queued again (an EVENT re-trigger).
        self.assertIsNotNone(audit_runner.submit(audit.uuid))
