"""Load profile, integrated counters and their Prometheus exposition."""
import json
import os
import tempfile
import unittest

from prometheus_client.parser import text_string_to_metric_families
import yaml

from watcher.emulated_cloud import compute_ops
from watcher.emulated_cloud import errors
from watcher.emulated_cloud import exposition
from watcher.emulated_cloud import metrics
from watcher.emulated_cloud import topology
from watcher.tests.unit.emulated_cloud import utils

VM1 = '11111111-1111-1111-1111-000000000001'
VM2 = '11111111-1111-1111-1111-000000000002'


def samples(text):
    """{(name, frozenset(labels)): value} parsed by prometheus_client."""
    result = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            result[(sample.name, frozenset(sample.labels.items()))] = \
                sample.value
    return result


class LoadTrackerTest(unittest.TestCase):

    def setUp(self):
        self.clock = utils.Clock()
        self.state = topology.build(utils.small_topology(), clock=self.clock)
        self.tracker = metrics.LoadTracker(self.state)

    def test_host_counters_integrate_utilisation(self):
        host = self.state.hosts['compute-1']
        # vm-1: 0.5 x 2 vCPUs; vm-2: stable hash load x 4; base 0.02 x 8.
        busy = self.tracker.host_busy(host)
        expected = 0.02 * 8 + 0.5 * 2 + self.tracker.cpu_util(
            self.state.servers[VM2]) * 4
        self.assertAlmostEqual(expected, busy)
        self.clock.advance(10)
        idle, user, system = self.tracker.host_cpu_seconds('compute-1')
        self.assertAlmostEqual((8 - busy) * 10, idle)
        self.assertAlmostEqual(busy * 10 * 0.8, user)
        self.assertAlmostEqual(busy * 10 * 0.2, system)

    def test_default_load_is_stable_per_uuid(self):
        server = self.state.servers[VM2]
        value = self.tracker.cpu_util(server)
        self.assertTrue(0.1 <= value <= 0.9)
        other = metrics.LoadTracker(topology.build(utils.small_topology()))
        self.assertEqual(value, other.cpu_util(
            other.state.servers[VM2]))

    def test_counters_follow_a_migration(self):
        self.clock.advance(10)
        compute_ops.live_migrate(self.state, VM1, host='compute-3')
        self.clock.advance(10)
        self.assertAlmostEqual(0.5 * 2 * 20,
                               self.tracker.server_cpu_seconds(VM1))
        idle3, user3, system3 = self.tracker.host_cpu_seconds('compute-3')
        base3 = 0.02 * 4 * 20
        # compute-3 carried vm-1 only during the last 10 s.
        self.assertAlmostEqual(base3 + 0.5 * 2 * 10, user3 + system3)

    def test_stopped_server_stops_counting(self):
        self.clock.advance(5)
        compute_ops.stop(self.state, VM1)
        self.clock.advance(100)
        self.assertAlmostEqual(5.0, self.tracker.server_cpu_seconds(VM1))
        self.assertEqual(0.0, self.tracker.cpu_util(self.state.servers[VM1]))

    def test_overrides_by_name_uuid_and_host(self):
        self.clock.advance(10)
        self.tracker.set_loads({'vm-1': 0.9, 'host:compute-2': 0.5})
        self.clock.advance(10)
        self.assertAlmostEqual(0.5 * 2 * 10 + 0.9 * 2 * 10,
                               self.tracker.server_cpu_seconds(VM1))
        self.assertEqual(0.5, self.tracker.base_load(
            self.state.hosts['compute-2']))
        self.assertRaises(errors.BadRequest, self.tracker.set_loads,
                          {'vm-1': 2})
        self.assertRaises(errors.BadRequest, self.tracker.set_loads,
                          {'vm-1': 'high'})
        self.assertRaises(errors.NotFound, self.tracker.set_loads,
                          {'vm-9': 0.1})

    def test_load_file_is_reread_when_it_changes(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'load.json')
            with open(path, 'w') as stream:
                json.dump({VM1: 0.25, 'unknown-vm': 0.3}, stream)
            tracker = metrics.LoadTracker(self.state, load_file=path)
            self.assertEqual(0.25, tracker.cpu_util(self.state.servers[VM1]))
            with open(path, 'w') as stream:
                json.dump({VM1: 0.75}, stream)
            os.utime(path, (1, 1))
            tracker.reload_file()
            self.assertEqual(0.75, tracker.cpu_util(self.state.servers[VM1]))


class ExpositionTest(unittest.TestCase):

    def setUp(self):
        self.clock = utils.Clock()
        self.state = topology.build(utils.small_topology(), clock=self.clock)
        self.tracker = metrics.LoadTracker(self.state)

    def test_node_series_parse_and_increase(self):
        host = self.state.hosts['compute-1']
        self.clock.advance(30)
        first = samples(exposition.node_text(self.tracker, host))
        self.clock.advance(30)
        second = samples(exposition.node_text(self.tracker, host))
        idle = ('node_cpu_seconds_total',
                frozenset({('cpu', '3'), ('mode', 'idle')}))
        self.assertGreater(second[idle], first[idle] > 0)
        self.assertEqual(8 * 3 + 2, len(second))
        total = second[('node_memory_MemTotal_bytes', frozenset())]
        available = second[('node_memory_MemAvailable_bytes', frozenset())]
        self.assertEqual(16384 * 1048576, total)
        # vm-1 (2048) and vm-2 (4096) run there, plus 1024 MB overhead.
        self.assertEqual(total - (2048 + 4096 + 1024) * 1048576, available)

    def test_ceilometer_series_carry_resource_labels(self):
        self.clock.advance(10)
        parsed = samples(exposition.ceilometer_text(self.tracker))
        labels = frozenset({('host', 'compute-1'), ('resource', VM1),
                            ('resource_name', 'vm-1')})
        self.assertAlmostEqual(0.5 * 2 * 10 * 1e9,
                               parsed[('ceilometer_cpu', labels)])
        self.assertIn(('ceilometer_memory_usage', labels), parsed)
        # vm-3 is stopped: no series.
        self.assertFalse(any(('resource', '11111111-1111-1111-1111-'
                              '000000000003') in key[1] for key in parsed))
        text = exposition.ceilometer_text(self.tracker)
        self.assertIn('# TYPE ceilometer_cpu untyped', text)

    def test_libvirt_series(self):
        self.clock.advance(10)
        parsed = samples(exposition.libvirt_text(
            self.tracker, self.state.hosts['compute-1']))
        base = {('domain', 'instance-00000001'), ('uuid', VM1)}
        self.assertEqual(2, parsed[('libvirt_domain_info_vcpu_current',
                                    frozenset(base))])
        self.assertAlmostEqual(5.0, parsed[(
            'libvirt_domain_vcpu_time_seconds_total',
            frozenset(base | {('vcpu', '1')}))])

    def test_scrape_config(self):
        config = yaml.safe_load(exposition.scrape_config(
            '127.0.0.1:9999', ['compute-1', 'compute-2'], '2s'))
        node = config['scrape_configs'][0]
        self.assertEqual('node', node['job_name'])
        self.assertEqual({'__metrics_path__': '/node/compute-2',
                          'fqdn': 'compute-2'},
                         node['static_configs'][1]['labels'])
        self.assertEqual(['127.0.0.1:9999'],
                         node['static_configs'][0]['targets'])
        self.assertEqual('/ceilometer',
                         config['scrape_configs'][2]['metrics_path'])
