"""The solution's duplicate check stays right at scale and after edits."""
import time

import testtools

from watcher.tests.unit.decision_engine.solution import test_solution


class TestDuplicateIndex(testtools.TestCase):

    def test_thousands_of_actions_stay_fast_and_unique(self):
        solution = test_solution.make_solution()
        started = time.monotonic()
        for n in range(20000):
            solution.add_action('migrate', {'source_node': 'c%d' % (n % 50)},
                                resource_id='i-%d' % n)
            solution.add_action('change_nova_service_state',
                                {'state': 'enabled'},
                                resource_id='c%d' % (n % 50))
        self.assertLess(time.monotonic() - started, 5.0)
        self.assertEqual(20050, len(solution))

    def test_nested_parameters_are_compared_by_value(self):
        solution = test_solution.make_solution()
        solution.add_action('nop', {'message': {'a': [1, 2]}})
        solution.add_action('nop', {'message': {'a': [1, 2]}})
        solution.add_action('nop', {'message': {'a': [2, 1]}})
        self.assertEqual(2, len(solution))

    def test_removed_actions_can_be_added_again(self):
        solution = test_solution.make_solution()
        for name in ('a', 'b', 'c'):
            solution.add_action('nop', {'message': name})
        solution.remove_actions([solution.actions[0], solution.actions[2]])
        self.assertEqual([{'message': 'b'}],
                         [a['input_parameters'] for a in solution.actions])
        solution.add_action('nop', {'message': 'a'})
        self.assertEqual(2, len(solution))

    def test_direct_edits_of_the_list_are_noticed(self):
        # The reference's strategies edit ``solution.actions`` directly.
        solution = test_solution.make_solution()
        solution.add_action('nop', {'message': 'a'})
        solution.actions.remove(solution.actions[0])
        solution.add_action('nop', {'message': 'a'})
        self.assertEqual(1, len(solution))
        solution.actions.append({'action_type': 'nop',
                                 'input_parameters': {'message': 'x'}})
        solution.add_action('nop', {'message': 'x'})
        self.assertEqual(2, len(solution))
