"""Weight planner graph: weight order, parallelization chunks, parents."""
from oslo_config import cfg
import testtools

from watcher.common import exception
from watcher.decision_engine.planner import base
from watcher.decision_engine.planner import weight
from watcher.tests.unit.decision_engine.planner import helpers


def labelled(action_type, label):
    return (action_type, {'label': label})


class TestWeightPlanner(testtools.TestCase):

    def planner(self, **overrides):
        planner = base.load_planner('weight')
        planner.config.update(overrides)
        return planner

    def graph(self, actions, **overrides):
        return helpers.label_graph(self.planner(**overrides).build_plan(
            helpers.solution_with(actions)))

    def test_dummy_plan_is_a_chain(self):
        graph = self.graph([labelled('nop', 'n1'), labelled('nop', 'n2'),
                            labelled('sleep', 's')])
        self.assertEqual([('n1', []), ('n2', ['n1']), ('s', ['n2'])],
                         graph)

    def test_migrations_in_chunks_of_two(self):
        graph = self.graph([labelled('migrate', 'm1'),
                            labelled('migrate', 'm2'),
                            labelled('migrate', 'm3'),
                            labelled('resize', 'r1')])
        self.assertEqual([('m1', []), ('m2', []), ('m3', ['m1', 'm2']),
                          ('r1', ['m3'])], graph)

    def test_a_later_stage_starts_a_new_chunk(self):
        # m2 relies on room m1 makes: never in one parallel step.
        solution = helpers.solution_with([labelled('migrate', 'm1')])
        solution.next_stage()
        for label in ('m2', 'm3', 'm4'):
            solution.add_action('migrate', {'label': label})
        graph = helpers.label_graph(self.planner().build_plan(solution))
        self.assertEqual([('m1', []), ('m2', ['m1']), ('m3', ['m1']),
                          ('m4', ['m2', 'm3'])], graph)

    def test_groups_run_by_descending_weight(self):
        graph = self.graph([labelled('migrate', 'm1'),
                            labelled('migrate', 'm2'),
                            labelled('change_nova_service_state', 'c1'),
                            labelled('nop', 'n1'),
                            labelled('change_node_power_state', 'p1')])
        self.assertEqual([('n1', []), ('c1', ['n1']), ('m1', ['c1']),
                          ('m2', ['c1']), ('p1', ['m1', 'm2'])], graph)

    def test_config_strings_compare_as_numbers(self):
        # Values from a configuration file are strings: '9' must still
        # rank below '70'.
        weights = {k: str(v) for k, v in
                   weight.plugins.WEIGHT_PLANNER_WEIGHTS.items()}
        parallelization = {'change_node_power_state': '3', 'nop': '1'}
        graph = self.graph([labelled('change_node_power_state', 'p1'),
                            labelled('nop', 'n1'),
                            labelled('change_node_power_state', 'p2')],
                           weights=weights, parallelization=parallelization)
        self.assertEqual([('n1', []), ('p1', ['n1']), ('p2', ['n1'])],
                         graph)

    def test_parallelization_from_config(self):
        graph = self.graph([labelled('nop', 'n%d' % i) for i in range(5)],
                           parallelization={'nop': '2'})
        self.assertEqual([('n0', []), ('n1', []), ('n2', ['n0', 'n1']),
                          ('n3', ['n0', 'n1']), ('n4', ['n2', 'n3'])],
                         graph)

    def test_zero_parallelization_means_one(self):
        graph = self.graph([labelled('nop', 'a'), labelled('nop', 'b')],
                           parallelization={'nop': 0})
        self.assertEqual([('a', []), ('b', ['a'])], graph)

    def test_unknown_action_type(self):
        error = self.assertRaises(exception.UnsupportedActionType,
                                  self.graph, [labelled('teleport', 't')])
        self.assertIn('teleport', str(error))

    def test_bad_weight_value(self):
        self.assertRaises(exception.InvalidParameter, self.graph,
                          [labelled('nop', 'n')], weights={'nop': 'high'})

    def test_empty_solution(self):
        self.assertEqual([], self.graph([]))

    def test_options_are_registered_in_their_group(self):
        planner = base.load_planner('weight')
        self.assertEqual(70, int(planner.config.weights['nop']))
        self.assertEqual(
            2, int(cfg.CONF['watcher_planners.weight'].parallelization[
                'migrate']))
