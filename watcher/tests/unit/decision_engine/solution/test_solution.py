"""Solutions: action de-duplication, resource ids and efficacy."""
import testtools

from watcher.common import exception
from watcher.decision_engine import loading
from watcher.decision_engine.solution import base


class FakeStrategy(object):
    name = 'fake_strategy'


def make_solution(goal_name='server_consolidation'):
    goal = loading.PluginLoader(loading.GOALS).load(goal_name)
    return base.Solution(goal=goal, strategy=FakeStrategy())


class FakeRecord(object):
    def __init__(self, **fields):
        self.__dict__.update(fields)


class TestActions(testtools.TestCase):

    def test_resource_id_goes_into_input_parameters(self):
        solution = make_solution()
        solution.add_action('migrate', {'migration_type': 'live'},
                            resource_id='i-1')
        self.assertEqual([{'action_type': 'migrate',
                           'input_parameters': {'migration_type': 'live',
                                                'resource_id': 'i-1'},
                           'stage': 0}],
                         solution.actions)

    def test_actions_after_next_stage_are_of_a_later_stage(self):
        solution = make_solution()
        solution.add_action('nop', {'message': 'a'})
        solution.next_stage()
        solution.add_action('nop', {'message': 'b'})
        self.assertEqual([0, 1], [a['stage'] for a in solution.actions])

    def test_an_action_added_in_an_earlier_stage_goes_at_its_end(self):
        solution = make_solution()
        solution.add_action('nop', {'message': 'a'})
        solution.next_stage()
        solution.add_action('nop', {'message': 'b'})
        with solution.in_stage(0):
            solution.add_action('nop', {'message': 'a2'})
        solution.add_action('nop', {'message': 'c'})
        self.assertEqual([('a', 0), ('a2', 0), ('b', 1), ('c', 1)],
                         [(a['input_parameters']['message'], a['stage'])
                          for a in solution.actions])

    def test_equal_actions_are_kept_once(self):
        solution = make_solution()
        solution.add_action('nop', {'message': 'a'})
        solution.add_action('nop', {'message': 'b'})
        solution.add_action('nop', {'message': 'a'})
        solution.add_action('nop', {'message': 'a'}, resource_id='x')
        self.assertEqual(
            [{'message': 'a'}, {'message': 'b'},
             {'message': 'a', 'resource_id': 'x'}],
            [a['input_parameters'] for a in solution.actions])

    def test_resource_id_inside_parameters_is_reserved(self):
        solution = make_solution()
        self.assertRaises(exception.ReservedWord, solution.add_action,
                          'nop', {'resource_id': 'x'})

    def test_no_parameters_gives_empty_dict(self):
        solution = make_solution()
        solution.add_action('stop', resource_id='i-9')
        self.assertEqual({'resource_id': 'i-9'},
                         solution.actions[0]['input_parameters'])

    def test_caller_dict_is_not_modified(self):
        solution = make_solution()
        parameters = {'message': 'x'}
        solution.add_action('nop', parameters, resource_id='r')
        self.assertEqual({'message': 'x'}, parameters)

    def test_add_action_migrate(self):
        solution = make_solution()
        instance = FakeRecord(uuid='i-1', name='vm1')
        solution.add_action_migrate(instance, 'live',
                                    FakeRecord(hostname='src'),
                                    FakeRecord(hostname='dst'))
        self.assertEqual(
            {'action_type': 'migrate',
             'input_parameters': {'migration_type': 'live',
                                  'source_node': 'src',
                                  'destination_node': 'dst',
                                  'resource_name': 'vm1',
                                  'resource_id': 'i-1'},
             'stage': 0},
            solution.actions[0])


class TestEfficacy(testtools.TestCase):

    def test_global_efficacy_and_indicators_in_map_order(self):
        solution = make_solution()
        solution.set_efficacy_indicators(instance_migrations_count=3,
                                         compute_nodes_count=4)
        solution.set_efficacy_indicators(released_compute_nodes_count=1)
        solution.compute_global_efficacy()
        self.assertEqual([{'name': 'released_nodes_ratio', 'unit': '%',
                           'value': 25.0,
                           'description': solution.global_efficacy[0]
                           .description}],
                         [i.to_dict() for i in solution.global_efficacy])
        self.assertEqual(['instance_migrations_count', 'compute_nodes_count',
                          'released_compute_nodes_count'],
                         [i.name for i in solution.efficacy_indicators])
        self.assertEqual([3, 4, 1],
                         [i.value for i in solution.efficacy_indicators])
        self.assertTrue(all(i.description
                            for i in solution.efficacy_indicators))

    def test_unclassified_goal_gives_empty_global_efficacy(self):
        solution = make_solution('dummy')
        solution.compute_global_efficacy()
        self.assertEqual([], solution.global_efficacy)
        self.assertEqual([], solution.efficacy_indicators)

    def test_unknown_indicator_fails(self):
        solution = make_solution('workload_balancing')
        solution.set_efficacy_indicators(instance_migrations_count=0,
                                         bogus=1)
        error = self.assertRaises(exception.GlobalEfficacyComputationError,
                                  solution.compute_global_efficacy)
        self.assertIn('workload_balancing', str(error))
        self.assertIn('fake_strategy', str(error))

    def test_invalid_indicator_value_fails(self):
        solution = make_solution()
        solution.set_efficacy_indicators(compute_nodes_count='four',
                                         released_compute_nodes_count=0,
                                         instance_migrations_count=0)
        self.assertRaises(exception.GlobalEfficacyComputationError,
                          solution.compute_global_efficacy)

    def test_missing_required_indicator_fails(self):
        solution = make_solution()
        solution.set_efficacy_indicators(compute_nodes_count=2)
        self.assertRaises(exception.GlobalEfficacyComputationError,
                          solution.compute_global_efficacy)
