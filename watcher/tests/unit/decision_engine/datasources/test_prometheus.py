"""The Prometheus datasource against recorded Prometheus answers.

The end-to-end behaviour against a real Prometheus is in
watcher/tests/functional/datasources/; here are the exact PromQL texts,
the host label resolution and the edge cases a live server rarely shows.
"""
import fixtures
from oslo_config import fixture as config_fixture
import requests
import testtools

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import prometheus
from watcher.decision_engine.datasources import prometheus_base
from watcher.decision_engine.datasources import session
from watcher.decision_engine.model.element import compute
from watcher.tests.unit.decision_engine.datasources import recorded_http

CONF = conf.CONF
RECORDED = recorded_http.load('prometheus.json')
Reply = recorded_http.Reply
QUERY = '/api/v1/query'
TARGETS = '/api/v1/targets'
VM1 = '0b2e9d5c-7a41-4f3e-9c61-2d8f0a4b6e13'
VM2 = '9f4c3b2a-1d0e-4f5a-8b6c-7d8e9f0a1b2c'


def node(hostname, uuid=None):
    return compute.ComputeNode(uuid=uuid or 'uuid-' + hostname,
                               hostname=hostname)


def instance(uuid, vcpus=2, memory=2048, disk=20):
    return compute.Instance(uuid=uuid, vcpus=vcpus, memory=memory,
                            disk=disk)


class PrometheusTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.config.config(group='prometheus_client', host='prom.test',
                           port=9090)
        self.config.config(group='watcher_datasources', query_max_retries=3,
                           query_interval=0)
        self.http = recorded_http.RecordedHTTP({
            ('GET', TARGETS): Reply(body=RECORDED['targets']),
            ('GET', QUERY): Reply(body=RECORDED['empty']),
        })
        self.session = recorded_http.session_with(self.http)
        self.useFixture(fixtures.MockPatchObject(
            session, 'http_session', return_value=self.session))

    def helper(self, **kwargs):
        return prometheus.PrometheusHelper(**kwargs)

    def answer(self, name):
        self.http.routes[('GET', QUERY)] = Reply(body=RECORDED[name])

    def queries(self):
        return [r.params['query'] for r in self.http.calls('GET', QUERY)]


class TestClientSetup(PrometheusTestCase):

    def test_plain_http_to_host_and_port(self):
        helper = self.helper()
        self.assertEqual('http://prom.test:9090/', helper.client.base_url)
        self.assertEqual('http://prom.test:9090/api/v1/targets?state=active',
                         self.http.requests[0].url)
        self.assertIsNone(self.session.auth)

    def test_basic_auth_and_tls(self):
        self.config.config(group='prometheus_client', username='watcher',
                           password='secret', cafile='/etc/ca.pem',
                           certfile='/etc/cert.pem', keyfile='/etc/key.pem')
        helper = self.helper()
        self.assertEqual('https://prom.test:9090/', helper.client.base_url)
        self.assertEqual(('watcher', 'secret'), self.session.auth)
        self.assertEqual('/etc/ca.pem', self.session.verify)
        self.assertEqual(('/etc/cert.pem', '/etc/key.pem'),
                         self.session.cert)

    def test_ipv6_host(self):
        self.config.config(group='prometheus_client', host='fd00::5')
        self.assertEqual('http://[fd00::5]:9090/',
                         self.helper().client.base_url)

    def test_missing_host_is_a_clear_error(self):
        self.config.config(group='prometheus_client', host=None)
        error = self.assertRaises(exception.MissingParameter, self.helper)
        self.assertIn('[prometheus_client] host', str(error))

    def test_url_instead_of_host(self):
        self.config.config(group='prometheus_client',
                           host='http://prom.test')
        error = self.assertRaises(exception.InvalidParameter, self.helper)
        self.assertIn('not a URL', str(error))

    def test_certfile_without_keyfile(self):
        self.config.config(group='prometheus_client', certfile='/c.pem')
        self.assertRaises(exception.InvalidParameter, self.helper)

    def test_unreachable_server_still_builds(self):
        self.http.fail('GET', TARGETS, 1)
        helper = self.helper()
        self.assertEqual({}, helper.host_labels)


class TestHostLabels(PrometheusTestCase):

    def test_exact_and_short_names(self):
        helper = self.helper()
        self.assertEqual('compute-2', helper.resolve_host('compute-2'))
        self.assertEqual('compute-1.cloud.test',
                         helper.resolve_host('compute-1'))
        self.assertEqual('compute-1.cloud.test',
                         helper.resolve_host('compute-1.cloud.test'))

    def test_targets_are_read_again_on_a_miss(self):
        helper = self.helper()
        targets = RECORDED['targets']['data']['activeTargets']
        grown = dict(targets[1], labels={'fqdn': 'compute-3.cloud.test'})
        body = {'status': 'success',
                'data': {'activeTargets': targets + [grown]}}
        self.http.routes[('GET', TARGETS)] = Reply(body=body)
        self.assertEqual('compute-3.cloud.test',
                         helper.resolve_host('compute-3'))
        self.assertEqual(2, len(self.http.calls('GET', TARGETS)))

    def test_unknown_host(self):
        helper = self.helper()
        error = self.assertRaises(exception.InvalidParameter,
                                  helper.get_host_cpu_usage, node('nowhere'))
        self.assertIn('fqdn label matching host nowhere', str(error))
        self.assertEqual([], self.queries())

    def test_configured_label_name(self):
        self.config.config(group='prometheus_client', fqdn_label='job')
        self.assertEqual({'node': 'node', 'ceilometer': 'ceilometer'},
                         self.helper().host_labels)


class TestReferenceQueries(PrometheusTestCase):
    """The per-resource PromQL is the reference's, character for character."""

    def test_host_cpu(self):
        self.answer('host_cpu')
        self.assertEqual(27.63, self.helper().get_host_cpu_usage(
            node('compute-1'), period=600, aggregate='mean'))
        self.assertEqual(
            ["100 - (avg by (fqdn)(rate(node_cpu_seconds_total{mode='idle',"
             "fqdn='compute-1.cloud.test'}[600s])) * 100)"], self.queries())

    def test_host_cpu_max_is_the_least_idle(self):
        helper = self.helper()
        helper.get_host_cpu_usage(node('compute-2'), 300, 'max')
        helper.get_host_cpu_usage(node('compute-2'), 300, 'min')
        helper.get_host_cpu_usage(node('compute-2'), 300, 'count')
        self.assertEqual(['min', 'max', 'avg'],
                         [q[7:10] for q in self.queries()])

    def test_host_ram(self):
        self.helper().get_host_ram_usage(node('compute-2'), 300, 'max')
        self.assertEqual(
            ["(node_memory_MemTotal_bytes{fqdn='compute-2'} - "
             "min_over_time(node_memory_MemAvailable_bytes{fqdn='compute-2'}"
             "[300s])) / 1024"], self.queries())

    def test_instance_ram(self):
        self.helper().get_instance_ram_usage(instance(VM1), 300, 'max')
        self.assertEqual(
            ["max_over_time(ceilometer_memory_usage{resource='%s'}[300s])"
             % VM1], self.queries())

    def test_instance_cpu(self):
        self.config.config(group='prometheus_client',
                           instance_uuid_label='vm')
        self.helper().get_instance_cpu_usage(instance(VM1, vcpus=4), 120)
        self.assertEqual(
            ["clamp_max((avg by (vm)(rate(ceilometer_cpu{vm='%s'}[120s]))"
             "/10e+8) *(100/4), 100)" % VM1], self.queries())

    def test_instance_without_vcpus_counts_one(self):
        self.helper().get_instance_cpu_usage(instance(VM1, vcpus=0))
        self.assertIn('*(100/1), 100)', self.queries()[0])

    def test_allocated_ram_and_disk_come_from_the_model(self):
        helper = self.helper()
        vm = instance(VM1, memory=4096, disk=40)
        self.assertEqual(4096.0, helper.get_instance_ram_allocated(vm))
        self.assertEqual(40.0, helper.get_instance_root_disk_size(vm))
        self.assertEqual([], self.queries())

    def test_unknown_aggregate(self):
        self.assertRaises(exception.InvalidParameter,
                          self.helper().get_instance_ram_usage,
                          instance(VM1), 300, 'rate:mean')


class TestValues(PrometheusTestCase):

    def test_idle_host_reads_as_no_value(self):
        self.answer('host_cpu_idle')
        helper = self.helper()
        self.assertIsNone(helper.get_host_cpu_usage(node('compute-2')))
        # statistic_aggregation itself keeps the 0.0.
        self.assertEqual(0.0, helper.statistic_aggregation(
            node('compute-2'), 'compute_node', 'host_cpu_usage', 300, 'mean',
            300))
        self.assertIsNone(helper.get_host_ram_usage(node('compute-2')))

    def test_no_series_is_none(self):
        self.assertIsNone(self.helper().get_instance_ram_usage(instance(VM1)))

    def test_unsupported_resource_type_is_none_without_query(self):
        helper = self.helper()
        for resource_type in ('bare_metal', 'storage'):
            self.assertIsNone(helper.statistic_aggregation(
                node('compute-2'), resource_type, 'host_cpu_usage'))
        self.assertEqual({'uuid-compute-2': None},
                         helper.statistic_aggregation_bulk(
                             [node('compute-2')], 'storage',
                             'host_cpu_usage'))
        self.assertEqual([], self.queries())

    def test_metric_of_another_resource_type(self):
        helper = self.helper()
        error = self.assertRaises(
            exception.InvalidParameter, helper.statistic_aggregation,
            instance(VM1), 'instance', 'host_cpu_usage')
        self.assertEqual('host_cpu_usage is read for a compute_node, not a '
                         'instance', str(error))
        self.assertRaises(exception.InvalidParameter,
                          helper.statistic_aggregation_bulk,
                          [node('compute-2')], 'compute_node',
                          'instance_ram_usage')
        self.assertEqual([], self.queries())

    def test_metric_without_mapping(self):
        self.assertRaises(exception.MetricNotAvailable,
                          self.helper().get_host_outlet_temp,
                          node('compute-2'))

    def test_renamed_meter_the_queries_do_not_know(self):
        helper = self.helper(metric_map={'host_cpu_usage': 'my_cpu'})
        error = self.assertRaises(exception.InvalidParameter,
                                  helper.get_host_cpu_usage,
                                  node('compute-2'))
        self.assertEqual('Cannot process prometheus meter my_cpu', str(error))

    def test_rejected_query_is_not_retried(self):
        self.http.routes[('GET', QUERY)] = Reply(400, RECORDED['bad_query'])
        self.assertIsNone(self.helper().get_host_cpu_usage(
            node('compute-2')))
        self.assertEqual(1, len(self.queries()))

    def test_network_failures_are_retried(self):
        self.answer('host_cpu')
        helper = self.helper()
        self.http.fail('GET', QUERY, 2)
        self.assertEqual(27.63, helper.get_host_cpu_usage(node('compute-1')))
        self.assertEqual(3, len(self.queries()))

    def test_retries_are_bounded(self):
        helper = self.helper()
        self.http.fail('GET', QUERY, 5)
        self.assertIsNone(helper.get_host_cpu_usage(node('compute-1')))
        self.assertEqual(3, len(self.queries()))


class TestBulkQueries(PrometheusTestCase):

    def test_hosts_in_one_query(self):
        self.answer('hosts_cpu_bulk')
        helper = self.helper()
        nodes = [node('compute-1'), node('compute-2')]
        self.assertEqual({'uuid-compute-1': 27.63, 'uuid-compute-2': 61.5},
                         helper.statistic_aggregation_bulk(
                             nodes, 'compute_node', 'host_cpu_usage', 300,
                             'max'))
        self.assertEqual(
            ["100 - (min by (fqdn)(rate(node_cpu_seconds_total{mode='idle',"
             "fqdn=~'compute-1\\\\.cloud\\\\.test|compute-2'}[300s])) * "
             "100)"], self.queries())
        self.assertEqual(61.5, helper.get_host_cpu_usage(nodes[1], 300,
                                                         'max'))
        self.assertEqual(1, len(self.queries()))

    def test_unknown_host_is_left_for_the_per_resource_path(self):
        self.answer('hosts_cpu_bulk')
        helper = self.helper()
        values = helper.statistic_aggregation_bulk(
            [node('compute-2'), node('ghost')], 'compute_node',
            'host_cpu_usage')
        self.assertEqual({'uuid-compute-2': 61.5, 'uuid-ghost': None},
                         values)
        self.assertRaises(exception.InvalidParameter,
                          helper.get_host_cpu_usage, node('ghost'))

    def test_instances_cpu_scaled_per_instance(self):
        self.answer('instances_cpu_bulk')
        helper = self.helper()
        vms = [instance(VM1, vcpus=2), instance(VM2, vcpus=2),
               instance('00000000-0000-4000-8000-000000000000')]
        values = helper.statistic_aggregation_bulk(
            vms, 'instance', 'instance_cpu_usage', 300)
        self.assertEqual(
            ["(avg by (resource)(rate(ceilometer_cpu{resource=~'%s|%s|%s'}"
             "[300s]))/10e+8)" % tuple(sorted(v.uuid for v in vms))],
            self.queries())
        self.assertAlmostEqual(62.4, values[VM1])
        self.assertEqual(100.0, values[VM2])   # clamped like clamp_max
        self.assertIsNone(values['00000000-0000-4000-8000-000000000000'])
        # The instance without data is not asked again on its own.
        self.assertIsNone(helper.get_instance_cpu_usage(vms[2]))
        self.assertEqual(1, len(self.queries()))

    def test_large_sets_fetch_every_series(self):
        self.useFixture(fixtures.MockPatchObject(
            prometheus_base, 'BULK_FILTER_LIMIT', 1))
        self.helper().statistic_aggregation_bulk(
            [instance(VM1), instance(VM2)], 'instance',
            'instance_ram_usage', 300, 'min')
        self.assertEqual(
            ['min_over_time(ceilometer_memory_usage{}[300s])'],
            self.queries())

    def test_model_metrics_need_no_query(self):
        values = self.helper().statistic_aggregation_bulk(
            [instance(VM1, memory=512)], 'instance',
            'instance_ram_allocated')
        self.assertEqual({VM1: 512.0}, values)
        self.assertEqual([], self.queries())

    def test_regex_escaping(self):
        self.assertEqual("a\\\\.b|c\\\\|d|e\\'f",
                         prometheus_base.regex_alternatives(
                             ['a.b', 'c|d', "e'f"]))


class TestAvailability(PrometheusTestCase):

    def test_available(self):
        self.http.routes[('GET', '/api/v1/status/runtimeinfo')] = Reply(
            body=RECORDED['runtimeinfo'])
        self.http.routes[('GET', '/api/v1/label/__name__/values')] = Reply(
            body=RECORDED['metric_names'])
        helper = self.helper()
        self.assertEqual('available', helper.check_availability())
        self.assertIn('ceilometer_cpu', helper.list_metrics())
        self.assertEqual(
            [{'node_cpu_seconds_total': 'available'},
             {'instance.memory': 'available'},
             {'ceilometer_memory_usage': 'available'}],
            helper.metrics_availability(['host_cpu_usage',
                                         'instance_ram_allocated',
                                         'instance_ram_usage']))

    def test_not_available(self):
        helper = self.helper()
        self.http.fail('GET', '/api/v1/status/runtimeinfo', 1,
                       requests.ConnectionError('refused'))
        self.assertEqual('not available', helper.check_availability())
        self.assertEqual(set(), helper.list_metrics())

    def test_no_series(self):
        self.assertRaises(NotImplementedError,
                          self.helper().statistic_series)
