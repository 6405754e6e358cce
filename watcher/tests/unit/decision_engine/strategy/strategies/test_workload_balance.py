"""workload_balance on small hand-built clouds."""
import testtools

from watcher.common import exception
from watcher.decision_engine.strategy.strategies import workload_balance
from watcher.tests.unit.decision_engine.strategy import fakes
from watcher.tests.unit.decision_engine.strategy import metric_fakes

WB = workload_balance.WorkloadBalance
NODES = [{'hostname': 'c1'}, {'hostname': 'c2'}, {'hostname': 'c3'}]
# c1: 8 + 2 cores busy (62.5 %), c2: 1 core (6.25 %), c3: 2 cores (12.5 %)
INSTANCES = [{'uuid': 'i1', 'node': 'c1', 'vcpus': 8},
             {'uuid': 'i2', 'node': 'c1', 'vcpus': 4},
             {'uuid': 'i3', 'node': 'c2'},
             {'uuid': 'i4', 'node': 'c3'}]
CPU = {'i1': 100, 'i2': 50, 'i3': 50, 'i4': 100}


migrate = fakes.migrate


class TestWorkloadBalance(testtools.TestCase):

    def run_strategy(self, instances=INSTANCES, readings=CPU,
                     metric='instance_cpu_usage', nodes=NODES, **params):
        model = fakes.build_model(nodes, instances)
        datasource = metric_fakes.FakeDataSource()
        for uuid, value in readings.items():
            datasource.set(uuid, metric, value)
        strategy = fakes.new_strategy(WB, model, metrics=metric, **params)
        strategy.datasource_backend = datasource
        self.strategy = strategy
        solution = strategy.execute()
        self.indicators = {i.name: i.value
                           for i in solution.efficacy_indicators}
        return fakes.actions_of(solution)

    def test_moves_the_instance_leaving_its_node_closest_to_average(self):
        # average 13/3 cores; i2 leaves c1 3.67 above it (i1 would go
        # below); c3 would reach the 4-core threshold, c2 stays under.
        self.assertEqual([migrate('i2', 'c1', 'c2')], self.run_strategy())
        self.assertEqual({'instance_migrations_count': 1,
                          'instances_count': 4}, self.indicators)
        self.assertEqual('workload_stabilization', self.strategy.planner)

    def test_target_without_free_allocation_is_skipped(self):
        instances = INSTANCES + [{'uuid': 'i5', 'node': 'c2', 'vcpus': 14}]
        self.assertEqual([], self.run_strategy(
            instances, dict(CPU, i5=1)))

    def test_nothing_above_threshold(self):
        self.assertEqual([], self.run_strategy(threshold=90.0))

    def test_instance_without_reading_is_not_chosen(self):
        readings = dict(CPU)
        del readings['i2']
        self.assertEqual([], self.run_strategy(readings=readings))

    def test_excluded_and_inactive_instances_are_not_chosen(self):
        for change in ({'watcher_exclude': True}, {'state': 'stopped'}):
            instances = [dict(i, **change) if i['uuid'] == 'i2' else i
                         for i in INSTANCES]
            self.assertEqual([], self.run_strategy(instances))

    def test_ram_metric(self):
        instances = [{'uuid': 'i1', 'node': 'c1', 'memory': 16384},
                     {'uuid': 'i2', 'node': 'c1', 'memory': 4096},
                     {'uuid': 'i3', 'node': 'c2', 'memory': 1024}]
        readings = {'i1': 16000.0, 'i2': 4000.0, 'i3': 1000.0}
        self.assertEqual([migrate('i2', 'c1', 'c2')], self.run_strategy(
            instances, readings, metric='instance_ram_usage',
            nodes=NODES[:2]))

    def test_unknown_metric_is_a_clear_error(self):
        error = self.assertRaises(exception.InvalidParameter,
                                  self.run_strategy, metric='cpu_util')
        self.assertIn('cpu_util', str(error))

    def test_no_reading_at_all_fails_the_run(self):
        self.assertRaises(exception.NoMetricData, self.run_strategy,
                          readings={})
