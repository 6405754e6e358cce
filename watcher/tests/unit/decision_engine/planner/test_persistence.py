"""Stored plans: actions with parents, efficacy, empty solutions."""
from watcher.decision_engine import loading
from watcher.decision_engine.planner import base
from watcher.decision_engine.solution import base as solution_base
from watcher import objects
from watcher.tests.unit.decision_engine import de_base


class FakeStrategy(object):
    name = 'dummy'
    planner = 'weight'


def consolidation_solution(migrations=2):
    goal = loading.PluginLoader(loading.GOALS).load('server_consolidation')
    solution = solution_base.Solution(goal=goal, strategy=FakeStrategy())
    for index in range(migrations):
        solution.add_action('migrate', {'migration_type': 'live',
                                        'source_node': 'c1',
                                        'destination_node': 'c2'},
                            resource_id='i%d' % index)
    solution.set_efficacy_indicators(compute_nodes_count=4,
                                     released_compute_nodes_count=1,
                                     instance_migrations_count=migrations)
    solution.compute_global_efficacy()
    return solution


class TestPersistence(de_base.DecisionEngineTestCase):

    def schedule(self, solution):
        audit = self.create_audit()
        return base.load_planner('weight').schedule(self.context, audit.id,
                                                    solution)

    def test_plan_efficacy_and_actions_are_stored(self):
        plan = self.reload(self.schedule(consolidation_solution(3)))
        self.assertEqual('RECOMMENDED', plan.state)
        [ratio] = plan.global_efficacy
        self.assertEqual(('released_nodes_ratio', 25.0, '%'),
                         (ratio['name'], ratio['value'], ratio['unit']))
        indicators = objects.EfficacyIndicator.list(
            self.context, filters={'action_plan_id': plan.id},
            sort_key='id', sort_dir='asc')
        self.assertEqual([('compute_nodes_count', 4),
                          ('released_compute_nodes_count', 1),
                          ('instance_migrations_count', 3)],
                         [(i.name, i.value) for i in indicators])
        actions = self.actions_of(plan)
        self.assertEqual([[], [],
                          sorted([actions[0].uuid, actions[1].uuid])],
                         [sorted(a.parents) for a in actions])
        self.assertEqual('i2', actions[2].input_parameters['resource_id'])
        self.assertIn('action.create', self.event_types('action.'))

    def test_empty_solution_is_a_succeeded_plan(self):
        plan = self.reload(self.schedule(consolidation_solution(0)))
        self.assertEqual('SUCCEEDED', plan.state)
        self.assertEqual([], self.actions_of(plan))
