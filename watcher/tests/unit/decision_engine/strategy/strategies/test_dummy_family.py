"""dummy, dummy_with_resize, dummy_with_scorer and actuator outputs."""
import jsonschema
import testtools

from watcher.common import exception
from watcher.decision_engine.scoring import scoring_factory
from watcher.decision_engine.strategy.strategies import actuation
from watcher.decision_engine.strategy.strategies import dummy_strategy
from watcher.decision_engine.strategy.strategies import dummy_with_resize
from watcher.decision_engine.strategy.strategies import dummy_with_scorer
from watcher.tests.unit.decision_engine.strategy import fakes


class FakeAudit(object):
    def __init__(self, uuid='a1', scope=None):
        self.uuid = uuid
        self.scope = scope or []


def one_node_model():
    return fakes.build_model([{'hostname': 'compute1'}])


class TestDummy(testtools.TestCase):

    def test_actions_with_default_parameters(self):
        strategy = fakes.new_strategy(dummy_strategy.DummyStrategy,
                                      one_node_model())
        solution = strategy.execute(FakeAudit())
        self.assertEqual([('nop', {'message': 'hello World'}),
                          ('nop', {'message': 'hello'}),
                          ('sleep', {'duration': 3.2})],
                         fakes.actions_of(solution))
        self.assertEqual([], solution.global_efficacy)

    def test_parameters_are_used(self):
        strategy = fakes.new_strategy(dummy_strategy.DummyStrategy,
                                      one_node_model(), para1=2, para2='x')
        solution = strategy.execute(FakeAudit())
        self.assertEqual([('nop', {'message': 'hello World'}),
                          ('nop', {'message': 'x'}),
                          ('sleep', {'duration': 2})],
                         fakes.actions_of(solution))

    def test_needs_a_compute_model(self):
        strategy = fakes.new_strategy(dummy_strategy.DummyStrategy)
        strategy._scoped_model = lambda name: None
        self.assertRaises(exception.ClusterStateNotDefined,
                          strategy.execute, FakeAudit())

    def test_stale_model_is_refused(self):
        model = one_node_model()
        model.stale = True
        strategy = fakes.new_strategy(dummy_strategy.DummyStrategy, model)
        self.assertRaises(exception.ClusterStateStale, strategy.execute,
                          FakeAudit())

    def test_identity(self):
        cls = dummy_strategy.DummyStrategy
        self.assertEqual(('dummy', 'dummy', 'Dummy strategy'),
                         (cls.get_name(), cls.get_goal_name(),
                          cls.get_translatable_display_name()))
        self.assertEqual('weight', cls().planner)
        self.assertEqual([], cls.get_config_opts())


class TestDummyWithResize(testtools.TestCase):

    def test_six_fixed_actions(self):
        strategy = fakes.new_strategy(dummy_with_resize.DummyWithResize,
                                      one_node_model())
        migration = {'source_node': 'compute2',
                     'destination_node': 'compute3',
                     'migration_type': 'live'}
        self.assertEqual(
            [('nop', {'message': 'hello World'}),
             ('nop', {'message': 'Welcome'}),
             ('sleep', {'duration': 5.0}),
             ('migrate', dict(migration, resource_id=(
                 'b199db0c-1408-4d52-b5a5-5ca14de0ff36'))),
             ('migrate', dict(migration, resource_id=(
                 '8db1b3c1-7938-4c34-8c03-6de14b874f8f'))),
             ('resize', {'flavor': 'x2', 'resource_id':
                         '8db1b3c1-7938-4c34-8c03-6de14b874f8f'})],
            fakes.actions_of(strategy.execute(FakeAudit())))


class TestDummyWithScorer(testtools.TestCase):

    def setUp(self):
        super().setUp()
        scoring_factory.clear()

    def run_for(self, audit_uuid):
        strategy = fakes.new_strategy(dummy_with_scorer.DummyWithScorer,
                                      one_node_model())
        return fakes.actions_of(strategy.execute(FakeAudit(audit_uuid)))

    def test_shape_of_the_plan(self):
        actions = self.run_for('audit-1')
        self.assertEqual(['nop', 'nop', 'nop', 'sleep'],
                         [a[0] for a in actions])
        self.assertEqual('Hello from Dummy Strategy with Scorer!',
                         actions[0][1]['message'])
        workload = actions[1][1]['message']
        self.assertTrue(workload.startswith('Detected Workload: '))
        self.assertIn(workload.split(': ')[1],
                      ['idle', 'cpu-intensive', 'memory-intensive',
                       'disk-intensive'])
        average = float(actions[2][1]['message'].split(': ')[1])
        self.assertTrue(0 <= average <= 999)
        self.assertEqual({'duration': 5.0}, actions[3][1])

    def test_same_audit_same_plan(self):
        self.assertEqual(self.run_for('audit-1'), self.run_for('audit-1'))

    def test_different_audits_see_different_telemetry(self):
        averages = {self.run_for('audit-%d' % i)[2][1]['message']
                    for i in range(5)}
        self.assertGreater(len(averages), 1)


class TestActuator(testtools.TestCase):

    def test_given_actions_in_order_without_duplicates(self):
        actions = [
            {'action_type': 'nop', 'input_parameters': {'message': 'a'}},
            {'action_type': 'change_nova_service_state',
             'resource_id': 'node-uuid',
             'input_parameters': {'state': 'disabled'}},
            {'action_type': 'nop', 'input_parameters': {'message': 'a'}},
        ]
        strategy = fakes.new_strategy(actuation.Actuator, one_node_model(),
                                      actions=actions)
        self.assertEqual(
            [('nop', {'message': 'a'}),
             ('change_nova_service_state', {'state': 'disabled',
                                            'resource_id': 'node-uuid'})],
            fakes.actions_of(strategy.execute(FakeAudit())))
        self.assertEqual('unclassified', strategy.goal.name)

    def test_resource_id_inside_input_parameters_is_refused(self):
        strategy = fakes.new_strategy(
            actuation.Actuator, one_node_model(),
            actions=[{'action_type': 'nop',
                      'input_parameters': {'resource_id': 'x'}}])
        self.assertRaises(exception.ReservedWord, strategy.execute,
                          FakeAudit())

    def test_schema_requires_actions_and_their_type(self):
        self.assertRaises(jsonschema.ValidationError, fakes.new_strategy,
                          actuation.Actuator, one_node_model())
        self.assertRaises(jsonschema.ValidationError, fakes.new_strategy,
                          actuation.Actuator, one_node_model(),
                          actions=[{'input_parameters': {}}])
