"""The aetos datasource through a real Keystone.

The real Keystone of tools/keystone.sh holds a ``metric-storage`` endpoint
(in a region of its own, so nothing else in the catalog changes) that
points at an Aetos-like proxy: it checks every token with Keystone and
forwards to a real Prometheus scraping the emulated cloud.
"""
import os

from keystoneauth1 import loading as ks_loading
import openstack
from oslo_config import fixture as config_fixture
import testtools

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import aetos
from watcher.decision_engine.datasources import manager
from watcher.decision_engine.datasources import requirements
from watcher.tests.functional.datasources import aetos_proxy
from watcher.tests.functional.datasources import servers
from watcher.tests.functional.datasources import test_prometheus

CONF = conf.CONF
REGION = 'WatcherDatasourceTest'
ADMIN_PASSWORD = os.environ.get('KEYSTONE_ADMIN_PASSWORD', 'admin')
READER = 'watcher-ds-reader'
READER_PASSWORD = 'reader-pass'


def admin_connection(keystone_url):
    return openstack.connection.Connection(
        auth={'auth_url': keystone_url, 'username': 'admin',
              'password': ADMIN_PASSWORD, 'project_name': 'admin',
              'user_domain_name': 'Default',
              'project_domain_name': 'Default'},
        auth_type='password', region_name='RegionOne')


class Catalog(object):
    """The test's own metric-storage endpoints, removed afterwards."""

    def __init__(self, connection):
        self.identity = connection.identity
        self.undo = []

    def register(self, url):
        identity = self.identity
        if identity.find_region(REGION) is None:
            identity.create_region(id=REGION)
            self.undo.append(lambda: identity.delete_region(REGION))
        service = next(iter(identity.services(type=aetos.SERVICE_TYPE)),
                       None)
        if service is None:
            service = identity.create_service(
                name='aetos', type=aetos.SERVICE_TYPE, enabled=True)
            self.undo.append(lambda: identity.delete_service(service))
        for endpoint in list(identity.endpoints(service_id=service.id,
                                                region_id=REGION)):
            identity.delete_endpoint(endpoint)
        for interface in ('public', 'internal'):
            endpoint = identity.create_endpoint(
                service_id=service.id, interface=interface, url=url,
                region_id=REGION, enabled=True)
            self.undo.append(
                lambda e=endpoint: identity.delete_endpoint(e))

    def add_reader(self):
        """A user with only the member role (no admin, no service)."""
        identity = self.identity
        user = identity.find_user(READER)
        if user is None:
            user = identity.create_user(name=READER,
                                        password=READER_PASSWORD,
                                        domain_id='default')
            self.undo.append(lambda: identity.delete_user(user))
        project = identity.find_project('admin')
        role = identity.find_role('member')
        identity.assign_project_role_to_user(project, user, role)

    def cleanup(self):
        while self.undo:
            self.undo.pop()()


class TestAetosThroughKeystone(testtools.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.keystone_url = servers.ensure_keystone()
        cls.servers = servers.PrometheusScrapingCloud(hosts=3, servers=8,
                                                      seed=4)
        cls.proxy = None
        cls.catalog = None
        try:
            cls.servers.start()
            cls.proxy = aetos_proxy.AetosProxy(cls.servers.url,
                                               cls.keystone_url)
            cls.catalog = Catalog(admin_connection(cls.keystone_url))
            cls.catalog.register(cls.proxy.start())
            cls.catalog.add_reader()
            cls.servers.wait_for_rates(test_prometheus.PERIOD)
        except BaseException:
            cls._stop_all()
            raise
        cls.cloud = cls.servers.cloud

    @classmethod
    def _stop_all(cls):
        if cls.catalog is not None:
            cls.catalog.cleanup()
        if cls.proxy is not None:
            cls.proxy.stop()
        cls.servers.stop()

    @classmethod
    def tearDownClass(cls):
        cls._stop_all()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.config.register_opts(
            ks_loading.get_auth_plugin_conf_options('password'),
            group='watcher_clients_auth')
        self.login('admin', ADMIN_PASSWORD)
        self.config.config(group='aetos_client', region_name=REGION)
        self.config.config(group='watcher_datasources',
                           datasources=['gnocchi', 'aetos'],
                           query_max_retries=2, query_interval=0)
        del self.proxy.log[:]

    def login(self, username, password):
        self.config.config(
            group='watcher_clients_auth', auth_type='password',
            auth_url=self.keystone_url, username=username, password=password,
            project_name='admin', user_domain_name='Default',
            project_domain_name='Default')

    def test_metrics_with_a_keystone_token(self):
        backend = manager.DataSourceManager().get_backend(
            ['host_cpu_usage', 'instance_ram_usage'])
        # No metric endpoint in the catalog: gnocchi was skipped.
        self.assertIsInstance(backend, aetos.AetosHelper)
        self.assertEqual(sorted(self.cloud.state.hosts),
                         sorted(backend.host_labels))
        nodes = test_prometheus.model_nodes(self.cloud)
        values = backend.statistic_aggregation_bulk(
            nodes, 'compute_node', 'host_cpu_usage', test_prometheus.PERIOD)
        tracker = self.cloud.tracker
        for node in nodes:
            with self.cloud.state.lock:
                host = self.cloud.state.hosts[node.hostname]
                expected = 100.0 * tracker.host_busy(host) / host.vcpus
            self.assertAlmostEqual(expected, values[node.uuid],
                                   delta=test_prometheus.CPU_TOLERANCE)
        queries = [entry for entry in self.proxy.log
                   if entry[2] == '/prometheus/api/v1/query']
        self.assertEqual([('admin', 200)], [q[:2] for q in queries])
        self.assertEqual({'admin'}, {entry[0] for entry in self.proxy.log})

    def test_state_report(self):
        helper = aetos.AetosHelper()
        self.assertEqual('aetos: available',
                         requirements.datasource_state(helper))
        self.assertEqual([{'ceilometer_cpu': 'available'}],
                         requirements.metrics_state(helper,
                                                    ['instance_cpu_usage']))

    def test_internal_interface(self):
        self.config.config(group='aetos_client', interface='internalURL')
        helper = aetos.AetosHelper()
        self.assertEqual(self.proxy.url + '/', helper.client.base_url)

    def test_region_without_aetos(self):
        self.config.config(group='aetos_client', region_name='NoSuchRegion')
        error = self.assertRaises(exception.DataSourceNotAvailable,
                                  aetos.AetosHelper)
        self.assertIn('no metric-storage endpoint (interface public, region '
                      'NoSuchRegion)', str(error))

    def test_wrong_password(self):
        self.login('admin', 'not-the-password')
        error = self.assertRaises(
            exception.MetricNotAvailable,
            manager.DataSourceManager().get_backend, ['host_cpu_usage'])
        self.assertIn('aetos failed to start', str(error))

    def test_token_without_the_needed_role(self):
        self.login(READER, READER_PASSWORD)
        helper = aetos.AetosHelper()
        self.assertEqual({}, helper.host_labels)
        self.assertEqual('aetos: not available',
                         requirements.datasource_state(helper))
        vm = test_prometheus.model_instances(self.cloud)[0]
        self.assertIsNone(helper.get_instance_ram_usage(
            vm, test_prometheus.PERIOD))
        refused = [entry for entry in self.proxy.log
                   if entry[2] == '/prometheus/api/v1/query']
        # Refused once, not retried.
        self.assertEqual([(READER, 403)], [r[:2] for r in refused])
