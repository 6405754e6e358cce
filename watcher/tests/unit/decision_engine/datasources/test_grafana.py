"""The Grafana datasource (InfluxDB translator) against recorded answers."""
import fixtures
from oslo_config import fixture as config_fixture
import testtools

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import grafana
from watcher.decision_engine.datasources.grafana_translator import influxdb
from watcher.decision_engine.datasources import session
from watcher.decision_engine.model.element import compute
from watcher.tests.unit.decision_engine.datasources import recorded_http

CONF = conf.CONF
RECORDED = recorded_http.load('influxdb.json')
Reply = recorded_http.Reply
HOST_CPU_QUERY = ('SELECT 100-{0}("{0}_value") FROM {4}.cpu_percent WHERE '
                  '("host" =~ /^{1}$/ AND "type_instance" =~/^idle$/ AND '
                  'time > now()-{2}s) GROUP BY time({3}s)')


class GrafanaTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.config.config(group='watcher_datasources', query_max_retries=2,
                           query_interval=0)
        self.config.config(
            group='grafana_client', token='s3cr3t',
            base_url='https://grafana.test/api/datasources/proxy',
            project_id_map={'host_cpu_usage': '7',
                            'instance_cpu_usage': '8',
                            'host_ram_usage': '7'},
            database_map={'host_cpu_usage': 'telegraf',
                          'instance_cpu_usage': 'telegraf',
                          'host_ram_usage': 'telegraf'},
            attribute_map={'host_cpu_usage': 'hostname',
                           'instance_cpu_usage': 'uuid'},
            translator_map={'host_cpu_usage': 'influxdb',
                            'instance_cpu_usage': 'influxdb',
                            'host_ram_usage': 'elasticsearch'},
            query_map={'host_cpu_usage': HOST_CPU_QUERY,
                       'instance_cpu_usage': 'SELECT {0}(cpu) FROM vm',
                       'host_ram_usage': 'SELECT 1'})
        self.http = recorded_http.RecordedHTTP({
            ('GET', '/api/datasources/proxy/7/query'):
                Reply(body=RECORDED['host_cpu_mean']),
            ('GET', '/api/datasources/proxy/7/ping'): Reply(204),
        })
        self.useFixture(fixtures.MockPatchObject(
            session, 'http_session',
            side_effect=lambda: recorded_http.session_with(self.http)))

    def helper(self):
        return grafana.GrafanaHelper(
            metric_map=grafana.configured_metric_map())

    @staticmethod
    def host():
        return compute.ComputeNode(uuid='node-1', hostname='compute-1')


class TestMetricMap(GrafanaTestCase):

    def test_only_complete_influxdb_metrics(self):
        mapped = {metric: entry for metric, entry in
                  grafana.configured_metric_map().items() if entry}
        self.assertEqual(['host_cpu_usage', 'instance_cpu_usage'],
                         sorted(mapped))
        self.assertEqual({'project': '7', 'db': 'telegraf',
                          'attribute': 'hostname', 'translator': 'influxdb',
                          'query': HOST_CPU_QUERY},
                         mapped['host_cpu_usage'])

    def test_defaults_map_nothing(self):
        self.config.config(group='grafana_client',
                           project_id_map={}, database_map={})
        self.assertEqual(set(), {m for m, e in
                                 grafana.configured_metric_map().items()
                                 if e})

    def test_base_url_is_required(self):
        self.config.config(group='grafana_client', base_url=None)
        self.assertRaises(exception.MissingParameter, self.helper)


class TestQueries(GrafanaTestCase):

    def test_request_and_value(self):
        value = self.helper().get_host_cpu_usage(self.host(), period=3600,
                                                 aggregate='mean',
                                                 granularity=60)
        self.assertEqual(42.75, value)
        seen = self.http.requests[0]
        self.assertEqual(
            'https://grafana.test/api/datasources/proxy/7/query',
            seen.url.split('?')[0])
        self.assertEqual('Bearer s3cr3t', seen.headers['Authorization'])
        self.assertEqual({
            'db': 'telegraf', 'epoch': 'ms',
            'q': 'SELECT 100-mean("mean_value") FROM one_week.cpu_percent '
                 'WHERE ("host" =~ /^compute-1$/ AND "type_instance" '
                 '=~/^idle$/ AND time > now()-3600s) GROUP BY time(60s)'},
            seen.params)

    def test_granularity_defaults_to_one(self):
        self.helper().get_host_cpu_usage(self.host(), granularity=None)
        self.assertIn('GROUP BY time(1s)', self.http.requests[0].params['q'])

    def test_value_of_another_aggregate_is_absent(self):
        self.assertIsNone(self.helper().get_host_cpu_usage(
            self.host(), aggregate='max'))

    def test_answers_without_a_value(self):
        for name in ('no_series', 'query_error'):
            self.http.routes[('GET', '/api/datasources/proxy/7/query')] = \
                Reply(body=RECORDED[name])
            helper = self.helper()
            self.assertIsNone(helper.get_host_cpu_usage(self.host()))

    def test_rejected_token_is_not_retried(self):
        self.http.routes[('GET', '/api/datasources/proxy/7/query')] = \
            Reply(401, RECORDED['bad_token'])
        self.assertIsNone(self.helper().get_host_cpu_usage(self.host()))
        self.assertEqual(1, len(self.http.requests))

    def test_server_errors_are_retried(self):
        self.http.routes[('GET', '/api/datasources/proxy/7/query')] = \
            Reply(502, {})
        self.assertIsNone(self.helper().get_host_cpu_usage(self.host()))
        self.assertEqual(2, len(self.http.requests))

    def test_resource_without_the_attribute(self):
        self.config.config(group='grafana_client',
                           attribute_map={'host_cpu_usage': 'fqdn'})
        error = self.assertRaises(exception.InvalidParameter,
                                  self.helper().get_host_cpu_usage,
                                  self.host())
        self.assertIn("no attribute 'fqdn'", str(error))

    def test_unmapped_metric(self):
        self.assertRaises(exception.MetricNotAvailable,
                          self.helper().get_host_ram_usage, self.host())


class TestRetention(GrafanaTestCase):

    def test_shortest_policy_longer_than_the_period(self):
        self.assertEqual('one_week', influxdb.retention_period(3600))
        self.assertEqual('one_month', influxdb.retention_period(604800))
        self.assertEqual('five_years', influxdb.retention_period(2592000))

    def test_beyond_every_policy_the_longest(self):
        self.assertEqual('five_years', influxdb.retention_period(10 ** 9))

    def test_configured_policies(self):
        self.config.config(group='grafana_translators',
                           retention_periods={'short': '60', 'long': '600'})
        self.assertEqual('long', influxdb.retention_period(60))


class TestAvailability(GrafanaTestCase):

    def test_configured_metrics_and_ping(self):
        helper = self.helper()
        self.assertEqual({'host_cpu_usage', 'instance_cpu_usage'},
                         helper.list_metrics())
        self.assertEqual('available', helper.check_availability())
        self.assertEqual(
            [{'host_cpu_usage': 'available'},
             {'host_ram_usage': 'not available'}],
            helper.metrics_availability(['host_cpu_usage',
                                         'host_ram_usage']))

    def test_no_database_answers(self):
        self.http.routes[('GET', '/api/datasources/proxy/7/ping')] = \
            Reply(502, {})
        self.assertEqual('not available', self.helper().check_availability())
