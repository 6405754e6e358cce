"""basic on small hand-built clouds."""
import testtools

from watcher.common import exception
from watcher.decision_engine import loading
from watcher.decision_engine.strategy.strategies import basic_consolidation
from watcher.tests.unit.decision_engine.strategy import fakes
from watcher.tests.unit.decision_engine.strategy import metric_fakes

BASIC = basic_consolidation.BasicConsolidation


migrate = fakes.migrate
disable = fakes.disable


THREE_NODES = [{'hostname': 'c1'}, {'hostname': 'c2'}, {'hostname': 'c3'}]
HOST_CPU = {'c1': 10, 'c2': 40, 'c3': 70}


class TestBasic(testtools.TestCase):

    def run_strategy(self, nodes, instances, hosts, cpu=None, config=None,
                     **params):
        model = fakes.build_model(nodes, instances)
        self.datasource = metric_fakes.FakeDataSource()
        for name, value in hosts.items():
            self.datasource.set('uuid-' + name, 'host_cpu_usage', value)
        for instance in instances:
            self.datasource.set(instance['uuid'], 'instance_cpu_usage',
                                (cpu or {}).get(instance['uuid'], 50))
        strategy = fakes.new_strategy(BASIC, model, **params)
        if config is not None:
            strategy.config = loading.PluginConfig(config)
        strategy.datasource_backend = self.datasource
        solution = strategy.execute()
        self.indicators = {i.name: i.value
                           for i in solution.efficacy_indicators}
        return fakes.actions_of(solution)

    def test_least_loaded_nodes_are_emptied_into_the_most_loaded(self):
        actions = self.run_strategy(
            THREE_NODES,
            [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c2'},
             {'uuid': 'i3', 'node': 'c2'}, {'uuid': 'i4', 'node': 'c3'}],
            HOST_CPU, cpu={'i2': 30, 'i3': 50})
        self.assertEqual([migrate('i1', 'c1', 'c3'), disable('c1'),
                          migrate('i3', 'c2', 'c3'),
                          migrate('i2', 'c2', 'c3'), disable('c2')],
                         actions)
        self.assertEqual({'compute_nodes_count': 3,
                          'released_compute_nodes_count': 2,
                          'instance_migrations_count': 3}, self.indicators)

    def test_disabled_node_is_never_a_destination(self):
        nodes = [{'hostname': 'c1'}, {'hostname': 'c2'},
                 {'hostname': 'c3', 'status': 'disabled'}]
        actions = self.run_strategy(
            nodes, [{'uuid': 'i1', 'node': 'c1'},
                    {'uuid': 'i2', 'node': 'c2'},
                    {'uuid': 'i4', 'node': 'c3'}], HOST_CPU)
        self.assertEqual([migrate('i1', 'c1', 'c2'), disable('c1')],
                         actions)
        self.assertEqual(2, self.indicators['compute_nodes_count'])

    def test_only_active_instances_move(self):
        actions = self.run_strategy(
            THREE_NODES,
            [{'uuid': 'i0', 'node': 'c1', 'state': 'stopped'},
             {'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i4', 'node': 'c3'}],
            HOST_CPU)
        self.assertEqual([migrate('i1', 'c1', 'c3')], actions)

    def test_excluded_instance_stays(self):
        actions = self.run_strategy(
            THREE_NODES,
            [{'uuid': 'i1', 'node': 'c1', 'watcher_exclude': True},
             {'uuid': 'i4', 'node': 'c3'}], HOST_CPU)
        self.assertEqual([], actions)

    def test_optimize_metadata_when_configured(self):
        instances = [
            {'uuid': 'no', 'node': 'c1', 'metadata': {'optimize': 'false'}},
            {'uuid': 'yes', 'node': 'c1', 'metadata': {'optimize': 'yes'}},
            {'uuid': 'plain', 'node': 'c1'},
            {'uuid': 'other', 'node': 'c1', 'metadata': {'role': 'db'}},
            {'uuid': 'i4', 'node': 'c3'}]
        actions = self.run_strategy(THREE_NODES, instances, HOST_CPU,
                                    config={'check_optimize_metadata': True})
        self.assertEqual({'yes', 'plain'},
                         {p['resource_id'] for __, p in actions})
        actions = self.run_strategy(THREE_NODES, instances, HOST_CPU)
        self.assertEqual({'no', 'yes', 'plain', 'other'},
                         {p['resource_id'] for a, p in actions
                          if a == 'migrate'})

    def test_migration_attempts_bounds_unsuccessful_nodes(self):
        nodes = [{'hostname': 'c%d' % n} for n in range(1, 5)]
        instances = [{'uuid': 'i1', 'node': 'c1', 'vcpus': 16},
                     {'uuid': 'i2', 'node': 'c2', 'vcpus': 16},
                     {'uuid': 'i3', 'node': 'c3'},
                     {'uuid': 'i4', 'node': 'c4'}]
        hosts = {'c1': 10, 'c2': 40, 'c3': 70, 'c4': 90}
        self.assertEqual([], self.run_strategy(nodes, instances, hosts,
                                               migration_attempts=1))
        self.assertEqual([migrate('i3', 'c3', 'c4'), disable('c3')],
                         self.run_strategy(nodes, instances, hosts))

    def test_missing_host_reading_counts_as_fully_busy(self):
        actions = self.run_strategy(
            THREE_NODES,
            [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c2'},
             {'uuid': 'i4', 'node': 'c3'}], {'c2': 40, 'c3': 70})
        # c1 ranks first (100 %); c2 is now the least loaded.
        self.assertEqual(migrate('i2', 'c2', 'c1'), actions[0])

    def test_no_host_reading_at_all_fails_the_run(self):
        self.assertRaises(exception.NoMetricData, self.run_strategy,
                          THREE_NODES, [{'uuid': 'i1', 'node': 'c1'}], {})

    def test_equal_scores_keep_hostname_order(self):
        actions = self.run_strategy(
            THREE_NODES,
            [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c2'},
             {'uuid': 'i3', 'node': 'c3'}], {'c1': 10, 'c2': 50, 'c3': 50})
        self.assertEqual(migrate('i1', 'c1', 'c2'), actions[0])

    def test_no_instance_no_action(self):
        self.assertEqual([], self.run_strategy(THREE_NODES, [], {}))
        self.assertEqual(3, self.indicators['compute_nodes_count'])

    def test_deprecated_node_aggregation_replaces_compute_node(self):
        model = fakes.build_model(THREE_NODES)
        strategy = fakes.new_strategy(
            BASIC, model, aggregation_method={'node': 'max'})
        strategy.datasource_backend = metric_fakes.FakeDataSource()
        strategy.pre_execute()
        self.assertEqual('max',
                         strategy.aggregation_method['compute_node'])
