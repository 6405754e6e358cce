"""workload_stabilization on small hand-built clouds."""
import testtools

from watcher.common import exception
from watcher.decision_engine.strategy.strategies import \
    workload_stabilization
from watcher.tests.unit.decision_engine.strategy import fakes
from watcher.tests.unit.decision_engine.strategy import metric_fakes
from watcher.tests.unit.decision_engine.strategy import reference_models

WS = workload_stabilization.WorkloadStabilization


migrate = fakes.migrate


class Audit(object):
    def __init__(self, uuid):
        self.uuid = uuid
        self.scope = []


class TestWorkloadStabilization(testtools.TestCase):

    def run_strategy(self, hosts, instances, cpu=None, audit=None,
                     nodes=None, **params):
        nodes = nodes or [{'hostname': name, 'vcpus': 8} for name in hosts]
        model = fakes.build_model(nodes, instances)
        datasource = metric_fakes.FakeDataSource()
        for name, value in hosts.items():
            if value is not None:
                datasource.set('uuid-' + name, 'host_cpu_usage', value)
        for instance in instances:
            datasource.set(instance['uuid'], 'instance_cpu_usage',
                           (cpu or {}).get(instance['uuid'], 100))
        params.setdefault('host_choice', 'fullsearch')
        strategy = fakes.new_strategy(WS, model, **params)
        strategy.datasource_backend = datasource
        solution = strategy.execute(audit=audit)
        self.indicators = {i.name: i.value
                           for i in solution.efficacy_indicators}
        return fakes.actions_of(solution)

    def test_one_move_balances_two_hosts(self):
        # 80 % and 20 %: moving 2 of 8 cores gives 55 % and 45 %.
        actions = self.run_strategy(
            {'c1': 80, 'c2': 20}, [{'uuid': 'i1', 'node': 'c1'}],
            host_choice='cycle')
        self.assertEqual([migrate('i1', 'c1', 'c2')], actions)
        self.assertAlmostEqual(0.3, self.indicators[
            'standard_deviation_before_audit'])
        self.assertAlmostEqual(0.05, self.indicators[
            'standard_deviation_after_audit'])
        self.assertEqual(1, self.indicators['instance_migrations_count'])
        self.assertEqual(1, self.indicators['instances_count'])

    def test_balanced_cluster_is_left_alone(self):
        self.assertEqual([], self.run_strategy(
            {'c1': 50, 'c2': 45}, [{'uuid': 'i1', 'node': 'c1'}]))
        self.assertEqual(0, self.indicators[
            'standard_deviation_before_audit'])

    def test_best_candidate_first_and_later_ones_of_a_moved_instance(self):
        # i1 improves the spread on c2 (first) then more on c3: both are
        # candidates; c3 is applied and the c2 one is dropped.
        actions = self.run_strategy(
            {'c1': 90, 'c2': 50, 'c3': 10}, [{'uuid': 'i1', 'node': 'c1'}])
        self.assertEqual([migrate('i1', 'c1', 'c3')], actions)
        self.assertAlmostEqual(0.1224744871391589, self.indicators[
            'standard_deviation_after_audit'])

    def test_destination_without_free_allocation_is_not_a_candidate(self):
        nodes = [{'hostname': 'c1', 'vcpus': 8},
                 {'hostname': 'c2', 'vcpus': 8},
                 {'hostname': 'c3', 'vcpus': 8}]
        actions = self.run_strategy(
            {'c1': 90, 'c2': 50, 'c3': 10},
            [{'uuid': 'i1', 'node': 'c1'},
             {'uuid': 'full', 'node': 'c3', 'vcpus': 8}],
            cpu={'full': 0}, nodes=nodes)
        self.assertEqual([migrate('i1', 'c1', 'c2')], actions)

    def test_host_without_reading_is_left_out(self):
        actions = self.run_strategy(
            {'c1': 80, 'c2': 20, 'c3': None},
            [{'uuid': 'i1', 'node': 'c1'}, {'uuid': 'i2', 'node': 'c3'}],
            host_choice='cycle')
        self.assertEqual([migrate('i1', 'c1', 'c2')], actions)

    def test_no_host_reading_at_all_fails_the_run(self):
        self.assertRaises(exception.NoMetricData, self.run_strategy,
                          {'c1': None, 'c2': None},
                          [{'uuid': 'i1', 'node': 'c1'}])

    def test_bad_parameters_are_clear_errors(self):
        error = self.assertRaises(
            exception.InvalidParameter, self.run_strategy,
            {'c1': 80, 'c2': 20}, [], host_choice='random')
        self.assertIn('host_choice', str(error))
        error = self.assertRaises(
            exception.InvalidParameter, self.run_strategy,
            {'c1': 80, 'c2': 20}, [],
            metrics=['instance_cpu_usage', 'instance_ram_usage'],
            thresholds={'instance_cpu_usage': 0.1})
        self.assertIn('thresholds has no value for instance_ram_usage',
                      str(error))

    def test_retry_draws_are_the_same_for_the_same_audit(self):
        model, datasource = reference_models.random_cloud(
            12, max_nodes=12, max_instances=60, node_states=False)

        def plan(uuid):
            strategy = fakes.new_strategy(
                WS, model.copy(), retry_count=2,
                thresholds={'instance_cpu_usage': 0.01,
                            'instance_ram_usage': 0.01})
            strategy.datasource_backend = datasource
            return fakes.actions_of(strategy.execute(audit=Audit(uuid)))

        first = plan('audit-a')
        self.assertTrue(first)
        self.assertEqual(first, plan('audit-a'))
        # Another audit draws other hosts (here: another plan).
        self.assertNotEqual(first, plan('audit-c'))

    def test_single_host_has_no_destination(self):
        self.assertEqual([], self.run_strategy(
            {'c1': 80}, [{'uuid': 'i1', 'node': 'c1'}],
            thresholds={'instance_cpu_usage': 0.0,
                        'instance_ram_usage': 0.1}))

    def test_no_metric_chosen_means_nothing_to_balance(self):
        self.assertEqual([], self.run_strategy(
            {'c1': 90, 'c2': 10}, [{'uuid': 'i1', 'node': 'c1'}],
            metrics=[]))
