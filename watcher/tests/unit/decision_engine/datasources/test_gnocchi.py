"""The Gnocchi datasource against recorded Gnocchi answers."""
import datetime
import types

from keystoneauth1 import session as ks_session
from keystoneauth1 import token_endpoint
from oslo_config import fixture as config_fixture
import testtools

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import gnocchi
from watcher.decision_engine.model.element import compute
from watcher.tests.unit.decision_engine.datasources import recorded_http

CONF = conf.CONF
RECORDED = recorded_http.load('gnocchi.json')
Reply = recorded_http.Reply
ENDPOINT = 'http://gnocchi.test:8041'
HOST_ID = RECORDED['search_compute_node'][0]['id']
VM = '0b2e9d5c-7a41-4f3e-9c61-2d8f0a4b6e13'
SEARCH = '/v1/search/resource/generic'


def measures_path(resource_id, metric):
    return '/v1/resource/generic/%s/metric/%s/measures' % (resource_id,
                                                           metric)


class NoCatalog(token_endpoint.Token):
    def get_endpoint(self, session, **kwargs):
        return None


class GnocchiTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.config.config(group='watcher_datasources', query_max_retries=2,
                           query_interval=0)
        self.http = recorded_http.RecordedHTTP({
            ('POST', SEARCH): Reply(body=RECORDED['search_compute_node']),
            ('GET', measures_path(HOST_ID, 'compute.node.cpu.percent')):
                Reply(body=RECORDED['measures_host_cpu']),
            ('GET', measures_path(HOST_ID, 'hardware.ipmi.node.airflow')):
                Reply(body=RECORDED['measures_airflow']),
            ('GET', measures_path(VM, 'cpu')):
                Reply(body=RECORDED['measures_instance_cpu_rate']),
            ('GET', measures_path(VM, 'memory.resident')):
                Reply(body=RECORDED['measures_instance_ram']),
            ('GET', '/v1/metric'): Reply(body=RECORDED['metric_list']),
            ('GET', '/v1/status'): Reply(body=RECORDED['status']),
        })
        self.osc = self.osc_with(token_endpoint.Token(ENDPOINT, 'tok'))
        self.helper = gnocchi.GnocchiHelper(osc=self.osc)

    def osc_with(self, auth):
        return types.SimpleNamespace(session=ks_session.Session(
            auth=auth, session=recorded_http.session_with(self.http)))

    def host(self, hostname='compute-1'):
        return compute.ComputeNode(uuid='node-' + hostname,
                                   hostname=hostname)


class TestStatistics(GnocchiTestCase):

    def test_host_metric_is_the_last_measure(self):
        self.assertEqual(17.25, self.helper.get_host_cpu_usage(
            self.host(), period=600, aggregate='mean', granularity=300))
        search = self.http.calls('POST', SEARCH)[0]
        self.assertEqual(
            {'=': {'original_resource_id': 'compute-1_compute-1'}},
            search.json)
        self.assertEqual({'limit': '1'}, search.params)
        self.assertEqual('tok', search.headers['X-Auth-Token'])
        measures = self.http.requests[-1]
        self.assertEqual({'start', 'stop', 'granularity', 'aggregation'},
                         set(measures.params))
        self.assertEqual(('300', 'mean'), (measures.params['granularity'],
                                           measures.params['aggregation']))
        start = datetime.datetime.fromisoformat(measures.params['start'])
        stop = datetime.datetime.fromisoformat(measures.params['stop'])
        self.assertEqual(600, (stop - start).total_seconds())

    def test_count_asks_the_mean_and_falsy_options_are_dropped(self):
        self.helper.get_host_cpu_usage(self.host(), aggregate='count',
                                       granularity=None)
        params = self.http.requests[-1].params
        self.assertEqual('mean', params['aggregation'])
        self.assertNotIn('granularity', params)

    def test_instance_cpu_from_cumulative_nanoseconds(self):
        vm = compute.Instance(uuid=VM, vcpus=2)
        # 1.5e11 ns in 300 s on 2 vCPUs = 25 %.
        self.assertEqual(25.0, self.helper.get_instance_cpu_usage(
            vm, period=300, aggregate='mean', granularity=300))
        self.assertEqual('rate:mean',
                         self.http.requests[-1].params['aggregation'])
        no_vcpus = compute.Instance(uuid=VM, vcpus=0)
        self.helper.cache.clear()
        self.assertEqual(50.0, self.helper.get_instance_cpu_usage(no_vcpus))

    def test_instance_cpu_rules(self):
        vm = compute.Instance(uuid=VM, vcpus=2)
        self.assertRaises(exception.InvalidParameter,
                          self.helper.get_instance_cpu_usage, vm,
                          aggregate='max')
        self.assertRaises(exception.InvalidParameter,
                          self.helper.statistic_aggregation, self.host(),
                          'compute_node', 'instance_cpu_usage')
        self.assertEqual([], self.http.requests)

    def test_instance_metric_uses_the_instance_uuid(self):
        vm = compute.Instance(uuid=VM)
        self.assertEqual(1600.0, self.helper.get_instance_ram_usage(vm))
        self.assertEqual([], self.http.calls('POST', SEARCH))

    def test_airflow_in_cfm(self):
        self.assertAlmostEqual(314.0,
                               self.helper.get_host_airflow(self.host()))

    def test_unknown_compute_node(self):
        self.http.routes[('POST', SEARCH)] = Reply(body=[])
        self.assertIsNone(self.helper.get_host_cpu_usage(self.host('x')))
        self.assertEqual(1, len(self.http.requests))

    def test_missing_metric_is_not_retried(self):
        vm = compute.Instance(uuid='no-such-vm')
        self.assertIsNone(self.helper.get_instance_ram_usage(vm))
        self.assertEqual(1, len(self.http.requests))

    def test_server_errors_are_retried_then_none(self):
        self.http.routes[('GET', measures_path(VM, 'memory.resident'))] = \
            Reply(500, {'description': 'boom'})
        vm = compute.Instance(uuid=VM)
        self.assertIsNone(self.helper.get_instance_ram_usage(vm))
        self.assertEqual(2, len(self.http.requests))

    def test_cached_for_the_audit(self):
        self.helper.get_host_cpu_usage(self.host())
        self.helper.get_host_cpu_usage(self.host())
        self.assertEqual(2, len(self.http.requests))

    def test_bulk_answers_every_resource(self):
        hosts = [self.host('compute-1'), self.host('compute-2')]
        self.http.routes[('POST', SEARCH)] = lambda seen: Reply(
            body=RECORDED['search_compute_node']
            if 'compute-1' in str(seen.json) else [])
        self.assertEqual({'node-compute-1': 17.25, 'node-compute-2': None},
                         self.helper.statistic_aggregation_bulk(
                             hosts, 'compute_node', 'host_cpu_usage'))
        count = len(self.http.requests)
        self.helper.get_host_cpu_usage(hosts[1])
        self.assertEqual(count, len(self.http.requests))

    def test_series(self):
        series = self.helper.statistic_series(
            self.host(), 'compute_node', 'host_cpu_usage',
            datetime.datetime(2026, 8, 20, 10, 0),
            datetime.datetime(2026, 8, 20, 10, 10), 300)
        self.assertEqual({'2026-08-20T10:00:00+00:00': 12.5,
                          '2026-08-20T10:05:00+00:00': 17.25}, series)
        self.assertEqual('2026-08-20T10:00:00',
                         self.http.requests[-1].params['start'])

    def test_unmapped_metric(self):
        helper = gnocchi.GnocchiHelper(
            osc=self.osc, metric_map={'host_cpu_usage': None})
        self.assertRaises(exception.MetricNotAvailable,
                          helper.get_host_cpu_usage, self.host())


class TestAvailability(GnocchiTestCase):

    def test_metrics_and_status(self):
        self.assertEqual({'compute.node.cpu.percent', 'cpu',
                          'memory.resident'}, self.helper.list_metrics())
        self.assertEqual('available', self.helper.check_availability())
        self.assertEqual(
            [{'cpu': 'available'}, {'memory': 'not available'}],
            self.helper.metrics_availability(['instance_cpu_usage',
                                              'instance_ram_allocated']))

    def test_down(self):
        self.http.routes[('GET', '/v1/status')] = Reply(503, {})
        self.http.routes[('GET', '/v1/metric')] = Reply(503, {})
        self.assertEqual('not available', self.helper.check_availability())
        self.assertIsNone(self.helper.list_metrics())
        self.assertRaises(exception.DataSourceNotAvailable,
                          self.helper.metrics_availability, ['cpu'])

    def test_no_endpoint_in_the_catalog(self):
        error = self.assertRaises(
            exception.DataSourceNotAvailable, gnocchi.GnocchiHelper,
            osc=self.osc_with(NoCatalog(ENDPOINT, 'tok')))
        self.assertIn('no metric endpoint', str(error))
