"""Every static option group registers with the reference's defaults."""
import socket

import testtools

from watcher import conf as watcher_conf
from watcher.conf import ksa
from watcher.tests.unit.conf import helpers


def _fresh_conf(files=()):
    return helpers.load_conf(files)


class TestStaticDefaults(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.conf = _fresh_conf()

    def test_default_group(self):
        self.assertEqual(60, self.conf.periodic_interval)
        self.assertEqual(socket.gethostname(), self.conf.host)
        self.assertEqual(90, self.conf.service_down_time)
        self.assertFalse(self.conf.print_thread_pool_stats)
        self.assertTrue(self.conf.enable_authentication)
        self.assertFalse(self.conf.fatal_exception_format_errors)
        self.assertEqual('info', self.conf.notification_level)
        self.assertEqual(self.conf.pybasedir + '/bin', self.conf.bindir)
        self.assertEqual(self.conf.pybasedir, self.conf.state_path)

    def test_database(self):
        self.assertEqual(
            'sqlite:///%s/watcher.sqlite' % self.conf.state_path,
            self.conf.database.connection)
        self.assertEqual('InnoDB', self.conf.database.mysql_engine)

    def test_api(self):
        api = self.conf.api
        self.assertEqual((9322, '127.0.0.1', 1000, None, False, True),
                         (api.port, api.host, api.max_limit, api.workers,
                          api.enable_ssl_api, api.enable_webhooks_auth))

    def test_applier_and_decision_engine(self):
        applier = self.conf.watcher_applier
        self.assertEqual(1, applier.workers)
        self.assertEqual('watcher.applier.control', applier.conductor_topic)
        self.assertEqual('watcher.applier.api', applier.publisher_id)
        self.assertEqual('taskflow', applier.workflow_engine)
        self.assertFalse(applier.rollback_when_actionplan_failed)
        de = self.conf.watcher_decision_engine
        self.assertEqual('watcher.decision.control', de.conductor_topic)
        self.assertEqual(['nova.versioned_notifications',
                          'openstack.notifications'], de.notification_topics)
        self.assertEqual('watcher.decision.api', de.publisher_id)
        self.assertEqual((2, 4, 24, 1800, 10),
                         (de.max_audit_workers, de.max_general_workers,
                          de.action_plan_expiry, de.check_periodic_interval,
                          de.continuous_audit_interval))
        self.assertEqual('/etc/watcher/metric_map.yaml', de.metric_map_path)
        self.assertEqual('weight', self.conf.watcher_planner.planner)

    def test_collector_and_datasources(self):
        col = self.conf.collector
        self.assertEqual(['compute', 'storage'], col.collector_plugins)
        self.assertEqual((10, 1, 600),
                         (col.api_query_max_retries, col.api_query_interval,
                          col.compute_resources_collector_timeout))
        ds = self.conf.watcher_datasources
        self.assertEqual(['gnocchi', 'grafana', 'aetos'], ds.datasources)
        self.assertEqual((10, 1), (ds.query_max_retries, ds.query_interval))
        self.assertFalse(self.conf.compute_model.enable_extended_attributes)

    def test_nova(self):
        nova = self.conf.nova
        self.assertEqual((180, 5.0, 3, 2.0, '2.56'),
                         (nova.migration_max_retries, nova.migration_interval,
                          nova.http_retries, nova.http_retry_interval,
                          nova.api_version))
        self.assertEqual('2.56', self.conf.nova_client.api_version)
        self.assertEqual('publicURL', self.conf.nova_client.endpoint_type)

    def test_keystoneauth_groups(self):
        for group in ('nova', 'cinder', 'placement', 'keystone'):
            section = self.conf[group]
            # adapter, session and auth options
            self.assertIsNone(section.valid_interfaces)
            self.assertIsNone(section.region_name)
            self.assertFalse(section.insecure)
            self.assertIsNone(section.auth_type)
        self.assertFalse(self.conf.watcher_clients_auth.insecure)
        self.assertIsNone(self.conf.watcher_clients_auth.auth_type)

    def test_legacy_client_groups(self):
        self.assertEqual(('3', 'publicURL'),
                         (self.conf.cinder_client.api_version,
                          self.conf.cinder_client.endpoint_type))
        self.assertEqual(('1.29', 'public'),
                         (self.conf.placement_client.api_version,
                          self.conf.placement_client.interface))
        self.assertEqual('public', self.conf.keystone_client.interface)

    def test_other_client_groups(self):
        self.assertEqual(('1', 'public'),
                         (self.conf.gnocchi_client.api_version,
                          self.conf.gnocchi_client.endpoint_type))
        self.assertEqual(('1', 'publicURL'),
                         (self.conf.ironic_client.api_version,
                          self.conf.ironic_client.endpoint_type))
        self.assertEqual(60, self.conf.maas_client.timeout)
        prom = self.conf.prometheus_client
        self.assertEqual((None, 9090, 'fqdn', 'resource'),
                         (prom.host, prom.port, prom.fqdn_label,
                          prom.instance_uuid_label))
        aetos = self.conf.aetos_client
        self.assertEqual(('public', 'fqdn', 'resource'),
                         (aetos.interface, aetos.fqdn_label,
                          aetos.instance_uuid_label))

    def test_grafana(self):
        grafana = self.conf.grafana_client
        for name in ('project_id_map', 'database_map', 'translator_map',
                     'attribute_map', 'query_map'):
            value = grafana[name]
            self.assertEqual(11, len(value), name)
            self.assertEqual({None}, set(value.values()), name)
            self.assertIn('instance_root_disk_size', value)
        self.assertEqual(60, grafana.http_timeout)
        self.assertEqual({'one_week': 604800, 'one_month': 2592000,
                          'five_years': 31556952},
                         self.conf.grafana_translators.retention_periods)

    def test_mutable_options(self):
        mutable = {(group, opt.name)
                   for group, opts in [
                       ('DEFAULT', watcher_conf.default.DEFAULT_OPTS),
                       ('watcher_decision_engine',
                        watcher_conf.decision_engine.DECISION_ENGINE_OPTS),
                       ('watcher_datasources',
                        watcher_conf.datasources.DATASOURCES_OPTS)]
                   for opt in opts if opt.mutable}
        self.assertEqual({('DEFAULT', 'periodic_interval'),
                          ('watcher_decision_engine', 'action_plan_expiry'),
                          ('watcher_decision_engine',
                           'check_periodic_interval'),
                          ('watcher_decision_engine',
                           'continuous_audit_interval'),
                          ('watcher_datasources', 'query_max_retries'),
                          ('watcher_datasources', 'query_interval')},
                         mutable)

    def test_global_conf_has_every_group(self):
        for group in ('api', 'database', 'nova', 'nova_client', 'cinder',
                      'placement', 'keystone', 'watcher_clients_auth',
                      'grafana_client', 'aetos_client', 'collector'):
            self.assertIn(group, watcher_conf.CONF)


class TestLegacyInterfaces(testtools.TestCase):

    def _conf_with(self, text):
        return _fresh_conf(files=[helpers.write_file(self, text)])

    def test_legacy_endpoint_type_used_when_unset(self):
        conf = self._conf_with('[nova_client]\nendpoint_type = internalURL\n'
                               '[placement_client]\ninterface = admin\n')
        self.assertEqual(['internal'], ksa.valid_interfaces(conf, 'nova'))
        self.assertEqual(['admin'], ksa.valid_interfaces(conf, 'placement'))
        self.assertEqual(['public'], ksa.valid_interfaces(conf, 'cinder'))

    def test_valid_interfaces_wins(self):
        conf = self._conf_with('[nova_client]\nendpoint_type = internalURL\n'
                               '[nova]\nvalid_interfaces = admin,public\n')
        self.assertEqual(['admin', 'public'],
                         ksa.valid_interfaces(conf, 'nova'))
