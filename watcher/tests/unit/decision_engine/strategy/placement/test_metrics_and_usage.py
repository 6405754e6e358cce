"""Bulk metric reads and the incremental node usage."""
import testtools

from watcher.common import exception
from watcher.decision_engine.strategy.placement import metrics
from watcher.decision_engine.strategy.placement import usage
from watcher.tests.unit.decision_engine.strategy import fakes
from watcher.tests.unit.decision_engine.strategy import metric_fakes


class TestWarm(testtools.TestCase):

    def test_one_backend_query_then_cache_hits(self):
        ds = metric_fakes.FakeDataSource({('a', 'instance_cpu_usage'): 5.0})
        model = fakes.build_model([{'hostname': 'c1'}], [
            {'uuid': 'a', 'node': 'c1'}, {'uuid': 'b', 'node': 'c1'}])
        instances = list(model.get_all_instances().values())
        values = metrics.warm(ds, instances, 'instance',
                              'instance_cpu_usage', 300, 'mean', 300)
        self.assertEqual({'a': 5.0, 'b': None}, values)
        self.assertEqual(1, ds.bulk_queries['instance_cpu_usage'])
        for instance in instances:
            ds.get_instance_cpu_usage(instance, 300, 'mean', 300)
        self.assertEqual(0, sum(ds.single_queries.values()))

    def test_datasource_without_bulk_call_is_asked_one_by_one(self):
        class OneByOne(object):
            NAME = 'plain'
            asked = []

            def statistic_aggregation(self, resource, *args):
                self.asked.append(resource.uuid)
                return 1.0

        model = fakes.build_model([{'hostname': 'c1', 'uuid': 'n1'}])
        values = metrics.warm(OneByOne(), model.get_all_compute_nodes()
                              .values(), 'compute_node', 'host_cpu_usage',
                              300, 'mean', 300)
        self.assertEqual({'n1': 1.0}, values)

    def test_no_value_at_all_is_a_clear_error(self):
        ds = metric_fakes.FakeDataSource()
        error = self.assertRaises(
            exception.NoMetricData, metrics.require_values,
            {'a': None, 'b': None}, ds, 'host_cpu_usage', 'compute_node',
            600)
        self.assertIn('fake returned no host_cpu_usage value for any of '
                      'the 2 compute_node resources', str(error))
        metrics.require_values({}, ds, 'x', 'instance', 1)
        metrics.require_values({'a': None, 'b': 0.0}, ds, 'x', 'instance',
                               1)


class TestNodeUsage(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.model = fakes.build_model(
            [{'hostname': 'c1', 'vcpus': 8}, {'hostname': 'c2', 'vcpus': 8}],
            [{'uuid': 'a', 'node': 'c1', 'memory': 1000},
             {'uuid': 'b', 'node': 'c1', 'memory': 1000}])
        self.used = {'a': usage.Usage(1.5, 700, 10),
                     'b': usage.Usage(0.5, 300, 20)}
        self.c1 = self.model.get_node_by_name('c1')
        self.c2 = self.model.get_node_by_name('c2')

    def usage_of(self, readings):
        return usage.NodeUsage(
            self.model, [self.c1, self.c2],
            lambda instance: self.used[instance.uuid], readings)

    def test_sum_of_instances_without_host_readings(self):
        book = self.usage_of({})
        self.assertEqual(usage.Usage(2.0, 1000, 30), book.of_node(self.c1))
        self.assertEqual(usage.Usage(0, 0, 0), book.of_node(self.c2))

    def test_host_reading_wins_when_higher(self):
        # 50 % of 8 cores = 4 cores; 2,048,000 KiB = 2000 MB.
        book = self.usage_of({self.c1.uuid: (50.0, 2048000.0)})
        self.assertEqual(usage.Usage(4.0, 2000.0, 30), book.of_node(self.c1))

    def test_moves_shift_sums_and_host_deltas(self):
        book = self.usage_of({self.c1.uuid: (50.0, 2048000.0),
                              self.c2.uuid: (25.0, None)})
        instance = self.model.get_instance_by_uuid('a')
        book.move(instance, self.c1, self.c2)
        # host reading minus the instance's CPU and flavor memory
        self.assertEqual(usage.Usage(2.5, 1000.0, 20), book.of_node(self.c1))
        self.assertEqual(usage.Usage(3.5, 700, 10), book.of_node(self.c2))
        # Undoing a replaced move restores the sums, not the host deltas
        # (as the reference's optimisation step).
        book.move_back(instance, self.c2, self.c1)
        self.assertEqual(usage.Usage(2.5, 1000.0, 30), book.of_node(self.c1))
        self.assertEqual(usage.Usage(3.5, 0, 0), book.of_node(self.c2))
