"""The prometheus datasource against a real Prometheus and a known load.

A private Prometheus (tools/prometheus.sh) scrapes an emulated cloud whose
load profile is known exactly, so every value Watcher reads can be checked
against what the cloud is doing.
"""
import fixtures
from oslo_config import fixture as config_fixture
import testtools

from watcher import conf
from watcher.decision_engine.datasources import manager
from watcher.decision_engine.datasources import prometheus
from watcher.decision_engine.datasources import prometheus_base
from watcher.decision_engine.datasources import requirements
from watcher.decision_engine.messaging import strategy_endpoint
from watcher.decision_engine.model.element import compute
from watcher.decision_engine.strategy.strategies import base as strategy_base
from watcher.tests.functional.datasources import servers

CONF = conf.CONF
PERIOD = 20  # a long window keeps scrape jitter under the tolerance
CPU_TOLERANCE = 1.5   # percentage points: scrape timing jitter


class MetricsStrategy(strategy_base.ServerConsolidationBaseStrategy):
    """A strategy that reads host and instance metrics."""

    DATASOURCE_METRICS = ['host_cpu_usage', 'instance_cpu_usage',
                          'instance_ram_allocated']

    @classmethod
    def get_name(cls):
        return 'metrics_reader'

    @classmethod
    def get_display_name(cls):
        return 'Metrics reader'

    @classmethod
    def get_translatable_display_name(cls):
        return 'Metrics reader'

    def do_execute(self, audit=None):
        pass


def model_nodes(cloud):
    return [compute.ComputeNode(uuid=host.uuid, hostname=host.name,
                                vcpus=host.vcpus, memory=host.memory_mb)
            for host in sorted(cloud.state.hosts.values(),
                               key=lambda h: h.name)]


def model_instances(cloud):
    return [compute.Instance(uuid=server.uuid, name=server.name,
                             vcpus=server.flavor.vcpus,
                             memory=server.flavor.ram,
                             disk=server.flavor.disk, host=server.host or '')
            for server in cloud.state.ordered_servers()]


class CountingQueries(fixtures.Fixture):
    """Counts the PromQL queries a helper sends."""

    def __init__(self, helper):
        super().__init__()
        self.helper = helper
        self.sent = []

    def _setUp(self):
        original = self.helper.client.query

        def query(promql):
            self.sent.append(promql)
            return original(promql)

        self.useFixture(fixtures.MockPatchObject(self.helper.client, 'query',
                                                 side_effect=query))


class RealPrometheusTestCase(testtools.TestCase):
    """One emulated cloud and one Prometheus for the tests of a class."""

    TOPOLOGY = dict(hosts=4, servers=14, seed=11,
                    domain_hosts={'compute-002'})

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.servers = servers.PrometheusScrapingCloud(**cls.TOPOLOGY)
        try:
            cls.servers.start()
            cls.servers.wait_for_rates(PERIOD)
        except BaseException:
            cls.servers.stop()
            raise
        cls.cloud = cls.servers.cloud

    @classmethod
    def tearDownClass(cls):
        cls.servers.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.config.config(group='prometheus_client', host='127.0.0.1',
                           port=self.servers.port)
        self.config.config(group='watcher_datasources',
                           datasources=['prometheus'], query_max_retries=2,
                           query_interval=0)

    def helper(self):
        return prometheus.PrometheusHelper()

    def expected(self):
        """What the cloud is doing: {uuid: (cpu %, ram)} per host / VM."""
        tracker = self.cloud.tracker
        hosts, vms = {}, {}
        with self.cloud.state.lock:
            for host in self.cloud.state.hosts.values():
                total, available = tracker.host_memory(host)
                hosts[host.uuid] = (100.0 * tracker.host_busy(host) /
                                    host.vcpus, (total - available) / 1024)
            for server in self.cloud.state.servers.values():
                if tracker.running(server):
                    vms[server.uuid] = (
                        min(100.0, 100.0 * tracker.cpu_util(server)),
                        tracker.memory_used_mb(server))
                else:
                    vms[server.uuid] = (None, None)
        return hosts, vms


class TestRealPrometheus(RealPrometheusTestCase):

    def test_host_map_from_the_active_targets(self):
        labels = self.helper().host_labels
        self.assertEqual('compute-001', labels['compute-001'])
        # An exporter reporting its FQDN is matched by the short name.
        self.assertEqual('compute-002.cloud.test', labels['compute-002'])
        self.assertEqual(
            sorted(self.cloud.state.hosts),
            sorted(name for name in labels if '.' not in name))

    def test_host_metrics_follow_the_load(self):
        helper = self.helper()
        expected, _ = self.expected()
        for node in model_nodes(self.cloud):
            cpu, ram = expected[node.uuid]
            self.assertAlmostEqual(
                cpu, helper.get_host_cpu_usage(node, PERIOD),
                delta=CPU_TOLERANCE, msg=node.hostname)
            self.assertAlmostEqual(
                ram, helper.get_host_ram_usage(node, PERIOD), places=3,
                msg=node.hostname)

    def test_instance_metrics_follow_the_load(self):
        helper = self.helper()
        _, expected = self.expected()
        self.assertIn((None, None), expected.values())   # stopped servers
        for vm in model_instances(self.cloud):
            cpu, ram = expected[vm.uuid]
            measured_cpu = helper.get_instance_cpu_usage(vm, PERIOD)
            measured_ram = helper.get_instance_ram_usage(vm, PERIOD)
            if cpu is None:
                self.assertEqual((None, None), (measured_cpu, measured_ram))
                continue
            self.assertAlmostEqual(cpu, measured_cpu, delta=CPU_TOLERANCE,
                                   msg=vm.name)
            self.assertAlmostEqual(ram, measured_ram, places=3, msg=vm.name)
            self.assertEqual(float(vm.memory),
                             helper.get_instance_ram_allocated(vm))

    def test_bulk_is_one_query_per_metric_and_agrees(self):
        per_resource = self.helper()
        bulk = self.helper()
        queries = self.useFixture(CountingQueries(bulk))
        nodes = model_nodes(self.cloud)
        vms = model_instances(self.cloud)
        for aggregate in ('mean', 'max'):
            host_cpu = bulk.statistic_aggregation_bulk(
                nodes, 'compute_node', 'host_cpu_usage', PERIOD, aggregate)
            for node in nodes:
                self.assertAlmostEqual(
                    per_resource.get_host_cpu_usage(node, PERIOD, aggregate),
                    host_cpu[node.uuid], delta=CPU_TOLERANCE)
        host_ram = bulk.statistic_aggregation_bulk(
            nodes, 'compute_node', 'host_ram_usage', PERIOD)
        vm_cpu = bulk.statistic_aggregation_bulk(
            vms, 'instance', 'instance_cpu_usage', PERIOD)
        vm_ram = bulk.statistic_aggregation_bulk(
            vms, 'instance', 'instance_ram_usage', PERIOD)
        self.assertEqual(5, len(queries.sent))
        for node in nodes:
            self.assertAlmostEqual(
                per_resource.get_host_ram_usage(node, PERIOD),
                host_ram[node.uuid], places=3)
        for vm in vms:
            single = per_resource.get_instance_cpu_usage(vm, PERIOD)
            if single is None:
                self.assertIsNone(vm_cpu[vm.uuid])
            else:
                self.assertAlmostEqual(single, vm_cpu[vm.uuid],
                                       delta=CPU_TOLERANCE)
            self.assertEqual(per_resource.get_instance_ram_usage(vm, PERIOD),
                             vm_ram[vm.uuid])
        # The per-resource methods of the warmed helper ask nothing more,
        # not even for the stopped servers that have no series.
        for node in nodes:
            bulk.get_host_cpu_usage(node, PERIOD)
            bulk.get_host_ram_usage(node, PERIOD)
        for vm in vms:
            bulk.get_instance_cpu_usage(vm, PERIOD)
            bulk.get_instance_ram_usage(vm, PERIOD)
        self.assertEqual(5, len(queries.sent))

    def test_unfiltered_bulk_for_large_sets(self):
        vms = model_instances(self.cloud)
        filtered = self.helper().statistic_aggregation_bulk(
            vms, 'instance', 'instance_ram_usage', PERIOD)
        self.useFixture(fixtures.MockPatchObject(
            prometheus_base, 'BULK_FILTER_LIMIT', 2))
        helper = self.helper()
        queries = self.useFixture(CountingQueries(helper))
        self.assertEqual(filtered, helper.statistic_aggregation_bulk(
            vms, 'instance', 'instance_ram_usage', PERIOD))
        self.assertNotIn('=~', queries.sent[0])

    def test_selection_and_strategy_state(self):
        # Gnocchi has no endpoint here: it is skipped, prometheus serves.
        self.config.config(group='watcher_datasources',
                           datasources=['gnocchi', 'prometheus'])
        self.config.config(group='watcher_clients_auth', auth_type='none')
        backend = manager.DataSourceManager().get_backend(
            MetricsStrategy.DATASOURCE_METRICS)
        self.assertIsInstance(backend, prometheus.PrometheusHelper)
        # The state report names the globally configured datasource.
        strategy = MetricsStrategy()
        endpoint = strategy_endpoint.StrategyEndpoint()
        backend = endpoint._backend(strategy)
        self.assertEqual('prometheus: available',
                         endpoint._datasource_state(strategy, backend))
        self.assertEqual(
            [{'node_cpu_seconds_total': 'available'},
             {'ceilometer_cpu': 'available'},
             {'instance.memory': 'available'}],
            endpoint._metrics_state(strategy, backend))

    def test_server_gone(self):
        self.config.config(group='prometheus_client',
                           port=servers.free_port())
        helper = self.helper()
        self.assertEqual('prometheus: not available',
                         requirements.datasource_state(helper))
        self.assertEqual({}, helper.host_labels)
        vm = model_instances(self.cloud)[0]
        self.assertIsNone(helper.get_instance_ram_usage(vm, PERIOD))


class TestLoadChange(RealPrometheusTestCase):
    """Changing the load (its own cloud: the other tests need it steady)."""

    TOPOLOGY = dict(hosts=2, servers=4, seed=5)

    def test_load_change_shows_up(self):
        vm = next(v for v in model_instances(self.cloud)
                  if self.cloud.tracker.running(
                      self.cloud.state.servers[v.uuid]))
        before = self.cloud.tracker.cpu_util(self.cloud.state.servers[vm.uuid])
        target = 0.15 if before > 0.5 else 0.85
        self.cloud.set_load({vm.uuid: target})
        self.addCleanup(self.cloud.set_load, {vm.uuid: before})
        servers.wait_for(
            lambda: abs(self.helper().get_instance_cpu_usage(vm, 3) -
                        100 * target) < 3, 30, 'New load visible')
