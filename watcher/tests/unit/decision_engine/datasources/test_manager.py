"""Datasource selection, configuration conflicts and the metric map file."""
import os
import types

import fixtures
from keystoneauth1 import session as ks_session
from keystoneauth1 import token_endpoint
from oslo_config import fixture as config_fixture
import testtools

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import aetos
from watcher.decision_engine.datasources import gnocchi
from watcher.decision_engine.datasources import grafana
from watcher.decision_engine.datasources import manager
from watcher.decision_engine.datasources import metric_map
from watcher.decision_engine.datasources import prometheus
from watcher.decision_engine.datasources import session
from watcher.decision_engine import loading
from watcher.tests.unit.decision_engine.datasources import recorded_http

CONF = conf.CONF
RECORDED = recorded_http.load('prometheus.json')
Reply = recorded_http.Reply


class Catalog(token_endpoint.Token):
    """A token whose catalog has only the given service types."""

    def __init__(self, endpoints):
        super().__init__(None, 'tok')
        self.endpoints = endpoints
        self.asked = []

    def get_endpoint(self, session, service_type=None, **kwargs):
        self.asked.append(dict(kwargs, service_type=service_type))
        return self.endpoints.get(service_type)


class ManagerTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.tmp = self.useFixture(fixtures.TempDir()).path
        self.map_path = os.path.join(self.tmp, 'metric_map.yaml')
        self.config.config(group='watcher_decision_engine',
                           metric_map_path=self.map_path)
        self.config.config(group='prometheus_client', host='prom.test')
        self.http = recorded_http.RecordedHTTP({
            ('GET', '/api/v1/targets'): Reply(body=RECORDED['targets'])})
        self.useFixture(fixtures.MockPatchObject(
            session, 'http_session',
            side_effect=lambda: recorded_http.session_with(self.http)))
        self.catalog = Catalog({'metric': 'http://gnocchi.test:8041',
                                'metric-storage': 'http://aetos.test/prom'})
        self.osc = types.SimpleNamespace(session=ks_session.Session(
            auth=self.catalog, session=recorded_http.session_with(self.http)))

    def manager(self, datasources=None):
        config = None
        if datasources is not None:
            config = loading.PluginConfig(datasources=datasources)
        return manager.DataSourceManager(config=config, osc=self.osc)

    def write_map(self, text):
        with open(self.map_path, 'w', encoding='utf-8') as stream:
            stream.write(text)


class TestSelection(ManagerTestCase):

    def test_default_preference_picks_gnocchi(self):
        self.assertEqual(['gnocchi', 'grafana', 'aetos'],
                         CONF.watcher_datasources.datasources)
        backend = manager.DataSourceManager(osc=self.osc).get_backend(
            ['host_cpu_usage', 'instance_cpu_usage'])
        self.assertIsInstance(backend, gnocchi.GnocchiHelper)

    def test_first_datasource_with_every_metric_wins(self):
        self.config.config(
            group='grafana_client', base_url='http://grafana.test/',
            project_id_map={'host_cpu_usage': '1'},
            database_map={'host_cpu_usage': 'db'},
            translator_map={'host_cpu_usage': 'influxdb'},
            query_map={'host_cpu_usage': 'SELECT 1'})
        ds_manager = self.manager(['grafana', 'aetos'])
        self.assertIsInstance(ds_manager.get_backend(['host_cpu_usage']),
                              grafana.GrafanaHelper)
        backend = ds_manager.get_backend(['host_cpu_usage',
                                          'instance_ram_usage'])
        self.assertIsInstance(backend, aetos.AetosHelper)

    def test_strategy_override(self):
        self.config.config(group='watcher_datasources',
                           datasources=['gnocchi'])
        backend = self.manager(['prometheus']).get_backend(
            ['host_cpu_usage'])
        self.assertIsInstance(backend, prometheus.PrometheusHelper)

    def test_one_helper_per_manager(self):
        ds_manager = self.manager(['prometheus'])
        self.assertIs(ds_manager.get_backend(['host_cpu_usage']),
                      ds_manager.prometheus)

    def test_prometheus_is_deprecated(self):
        logger = self.useFixture(fixtures.FakeLogger(
            name='watcher.decision_engine.datasources.manager'))
        self.manager(['prometheus'])
        self.assertIn('prometheus datasource is deprecated', logger.output)

    def test_prometheus_and_aetos_conflict(self):
        error = self.assertRaises(exception.DataSourceConfigConflict,
                                  self.manager, ['prometheus', 'gnocchi',
                                                 'aetos'])
        self.assertEqual('Datasource prometheus is not supported when '
                         'datasource aetos is also enabled.', str(error))

    def test_no_datasource(self):
        self.assertRaises(exception.NoDatasourceAvailable,
                          self.manager([]).get_backend, ['host_cpu_usage'])

    def test_no_metric(self):
        self.assertRaises(exception.InvalidParameter,
                          self.manager(['gnocchi']).get_backend, [])

    def test_metric_nobody_has(self):
        error = self.assertRaises(
            exception.MetricNotAvailable,
            self.manager(['prometheus', 'grafana']).get_backend,
            ['host_cpu_usage', 'host_outlet_temp'])
        # Like the reference, the metric named is the last one checked.
        self.assertEqual('Metric: host_cpu_usage not available '
                         '(prometheus has no host_outlet_temp; grafana has '
                         'no host_cpu_usage)', str(error))

    def test_datasource_that_fails_to_start_is_skipped(self):
        self.catalog.endpoints.pop('metric')
        backend = self.manager(['gnocchi', 'prometheus']).get_backend(
            ['host_cpu_usage'])
        self.assertIsInstance(backend, prometheus.PrometheusHelper)
        self.config.config(group='prometheus_client', host=None)
        error = self.assertRaises(
            exception.MetricNotAvailable,
            self.manager(['gnocchi', 'prometheus']).get_backend,
            ['host_cpu_usage'])
        self.assertIn('gnocchi failed to start: Datasource gnocchi is not '
                      'available: no metric endpoint', str(error))
        self.assertIn('prometheus failed to start: [prometheus_client] '
                      'host is required', str(error))

    def test_unknown_names_are_skipped(self):
        backend = self.manager(['ceilometer', 'prometheus']).get_backend(
            ['host_cpu_usage'])
        self.assertIsInstance(backend, prometheus.PrometheusHelper)


class TestAetosEndpoint(ManagerTestCase):

    def test_endpoint_from_the_catalog_with_the_token(self):
        self.config.config(group='aetos_client', interface='internalURL',
                           region_name='RegionTwo', fqdn_label='host')
        helper = self.manager(['aetos']).aetos
        self.assertEqual({'service_type': 'metric-storage',
                          'interface': 'internal',
                          'region_name': 'RegionTwo'}, self.catalog.asked[0])
        targets = self.http.requests[0]
        self.assertEqual('http://aetos.test/prom/api/v1/targets?state=active',
                         targets.url)
        self.assertEqual('tok', targets.headers['X-Auth-Token'])
        self.assertEqual('host', helper.fqdn_label)

    def test_no_endpoint(self):
        self.catalog.endpoints.clear()
        error = self.assertRaises(exception.DataSourceNotAvailable,
                                  aetos.AetosHelper, osc=self.osc)
        self.assertIn('no metric-storage endpoint (interface public, region '
                      'any)', str(error))


class TestMetricMapFile(ManagerTestCase):

    def test_names_are_merged_per_manager(self):
        self.write_map('gnocchi:\n  instance_cpu_usage: cpu_vm_util\n'
                       'prometheus:\n  host_ram_usage: null\n')
        ds_manager = self.manager(['prometheus', 'gnocchi'])
        backend = ds_manager.get_backend(['instance_cpu_usage',
                                          'host_ram_usage'])
        self.assertIsInstance(backend, gnocchi.GnocchiHelper)
        self.assertEqual('cpu_vm_util',
                         backend.METRIC_MAP['instance_cpu_usage'])
        # The class defaults stay as they are for the next audit.
        self.assertEqual('cpu', gnocchi.GnocchiHelper.METRIC_MAP[
            'instance_cpu_usage'])
        self.write_map('{}\n')
        self.assertIsInstance(
            self.manager(['prometheus', 'gnocchi']).get_backend(
                ['instance_cpu_usage', 'host_ram_usage']),
            prometheus.PrometheusHelper)

    def test_list_form_and_grafana_entries(self):
        self.write_map(
            'gnocchi:\n  - instance_cpu_usage: cpu_vm_util\n'
            'grafana:\n  host_cpu_usage:\n    project: 1337\n'
            '    db: production\n    attribute: hostname\n'
            '    translator: influxdb\n    query: SELECT {0}(v)\n'
            '  host_ram_usage: {project: 1}\n')
        loaded = metric_map.load()
        self.assertEqual({'instance_cpu_usage': 'cpu_vm_util'},
                         loaded['gnocchi'])
        self.assertEqual({'host_cpu_usage': {
            'project': '1337', 'db': 'production', 'attribute': 'hostname',
            'translator': 'influxdb', 'query': 'SELECT {0}(v)'}},
            loaded['grafana'])
        self.config.config(group='grafana_client', base_url='http://g/')
        backend = self.manager(['grafana']).get_backend(['host_cpu_usage'])
        self.assertEqual({'host_cpu_usage'}, backend.list_metrics())

    def test_unusable_files_are_ignored(self):
        logger = self.useFixture(fixtures.FakeLogger(
            name='watcher.decision_engine.datasources.metric_map'))
        for text in ('gnocchi: [unclosed\n', '- just\n- a list\n',
                     'monasca:\n  host_cpu_usage: cpu\n'):
            self.write_map(text)
            self.assertEqual({}, metric_map.load(
                known_datasources=list(manager.HELPERS)))
        self.assertIn('Cannot read the metric map', logger.output)
        self.assertIn('Unknown datasource monasca', logger.output)

    def test_missing_file_is_normal(self):
        self.assertFalse(os.path.exists(self.map_path))
        self.assertEqual({}, metric_map.load())

    def test_helpers_follow_the_option_choices(self):
        from watcher.conf import datasources as datasources_conf
        self.assertEqual(datasources_conf.DATASOURCE_NAMES,
                         list(manager.HELPERS))
