"""The ten shipped goals, as the syncer and strategies see them."""
import testtools

from watcher.decision_engine import loading
from watcher.decision_engine.goal.efficacy import specs

EXPECTED = {
    'unclassified': ('Unclassified', specs.Unclassified),
    'dummy': ('Dummy goal', specs.Unclassified),
    'server_consolidation': ('Server Consolidation',
                             specs.ServerConsolidation),
    'thermal_optimization': ('Thermal Optimization', specs.Unclassified),
    'workload_balancing': ('Workload Balancing', specs.WorkloadBalancing),
    'airflow_optimization': ('Airflow Optimization', specs.Unclassified),
    'noisy_neighbor': ('Noisy Neighbor', specs.Unclassified),
    'saving_energy': ('Saving Energy', specs.Unclassified),
    'hardware_maintenance': ('Hardware Maintenance',
                             specs.HardwareMaintenance),
    'cluster_maintaining': ('Cluster Maintaining', specs.Unclassified),
}


class TestGoals(testtools.TestCase):

    def test_every_goal_is_an_entry_point_with_its_names_and_spec(self):
        available = loading.PluginLoader(loading.GOALS).list_available()
        self.assertEqual(sorted(EXPECTED), sorted(available))
        for name, goal_class in available.items():
            display_name, spec_class = EXPECTED[name]
            self.assertEqual(name, goal_class.get_name())
            self.assertEqual(display_name,
                             goal_class.get_translatable_display_name())
            self.assertEqual(display_name,
                             str(goal_class.get_display_name()))
            self.assertIsInstance(goal_class.get_efficacy_specification(),
                                  spec_class)

    def test_loaded_goal_exposes_its_specification(self):
        goal = loading.PluginLoader(loading.GOALS).load(
            'server_consolidation')
        self.assertEqual('server_consolidation', goal.name)
        self.assertEqual(3, len(goal.efficacy_specification
                                .indicators_specs))
