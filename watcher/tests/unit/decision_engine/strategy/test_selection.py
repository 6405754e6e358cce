"""Which strategy runs for an audit."""
import testtools

from watcher.common import exception
from watcher.decision_engine.strategy import selection


class FakeStrategyClass(object):
    def __init__(self, goal):
        self.goal = goal

    def get_goal_name(self):
        return self.goal


class TestStrategySelector(testtools.TestCase):

    def selector_with(self, available, goal, strategy=None):
        selector = selection.StrategySelector(goal, strategy)
        selector.loader.list_available = lambda: available
        return selector

    def test_named_strategy_wins(self):
        selector = selection.StrategySelector('dummy', 'dummy_with_resize')
        self.assertEqual('dummy_with_resize', selector.select().name)

    def test_goal_only_takes_the_reference_default(self):
        available = {
            'node_resource_consolidation': FakeStrategyClass(
                'server_consolidation'),
            'basic': FakeStrategyClass('server_consolidation'),
            'vm_workload_consolidation': FakeStrategyClass(
                'server_consolidation'),
            'workload_balance': FakeStrategyClass('workload_balancing'),
            'workload_stabilization': FakeStrategyClass(
                'workload_balancing'),
        }
        self.assertEqual('basic', self.selector_with(
            available, 'server_consolidation').select_name())
        self.assertEqual('workload_stabilization', self.selector_with(
            available, 'workload_balancing').select_name())

    def test_unknown_strategies_come_after_known_ones_by_name(self):
        available = {'zz_plugin': FakeStrategyClass('dummy'),
                     'aa_plugin': FakeStrategyClass('dummy')}
        self.assertEqual('aa_plugin', self.selector_with(
            available, 'dummy').select_name())
        available['dummy'] = FakeStrategyClass('dummy')
        self.assertEqual('dummy', self.selector_with(
            available, 'dummy').select_name())

    def test_installed_default_for_the_dummy_goal(self):
        self.assertEqual('dummy',
                         selection.StrategySelector('dummy').select().name)

    def test_goal_without_strategy(self):
        selector = selection.StrategySelector('saving_energy')
        error = self.assertRaises(exception.NoAvailableStrategyForGoal,
                                  selector.select)
        self.assertIn('saving_energy', str(error))

    def test_unknown_strategy_name(self):
        selector = selection.StrategySelector('dummy', 'no_such_strategy')
        error = self.assertRaises(exception.LoadingError, selector.select)
        self.assertIn('no_such_strategy', str(error))
