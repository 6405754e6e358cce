"""A watcher.conf written for the reference loads unchanged.

Every section/option of the file must be known to the option namespaces of
our sample generator (or to the keystoneauth plugin named by ``auth_type``),
and deprecated names must feed the new options.
"""
import configparser
import os

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg
import stevedore
import testtools

from watcher.conf import ksa
from watcher.conf import validation
from watcher.tests.unit.conf import helpers

HERE = os.path.dirname(__file__)
REFERENCE_CONF = os.path.join(HERE, 'reference_watcher.conf')
REPO_ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
GENERATOR_CONF = os.path.join(REPO_ROOT, 'etc', 'watcher',
                              'oslo-config-generator', 'watcher.conf')


def generator_namespaces():
    # "namespace" repeats, which configparser rejects: read line by line.
    with open(GENERATOR_CONF) as handle:
        return [line.split('=', 1)[1].strip() for line in handle
                if line.strip().startswith('namespace')]


def known_option_names(namespaces):
    """{(group, name)} of every option and deprecated alias listed."""
    manager = stevedore.named.NamedExtensionManager(
        'oslo.config.opts', names=namespaces, invoke_on_load=True,
        on_load_failure_callback=None)
    known = set()
    for ext in manager.extensions:
        for group, opts in ext.obj:
            group_name = getattr(group, 'name', group) or 'DEFAULT'
            for opt in opts:
                known.add((group_name, opt.dest))
                known.add((group_name, opt.name))
                for old in opt.deprecated_opts:
                    known.add((old.group or group_name,
                               (old.name or opt.dest).replace('-', '_')))
    return known


def unknown_options(path, known):
    parser = configparser.RawConfigParser(strict=False)
    parser.read(path)
    unknown = []
    sections = ['DEFAULT'] + parser.sections()
    for section in sections:
        items = (parser.defaults() if section == 'DEFAULT'
                 else parser._sections[section])
        auth_type = items.get('auth_type')
        plugin_opts = set()
        if auth_type:
            plugin_opts = {o.dest for o in
                           ks_loading.get_auth_plugin_conf_options(auth_type)}
        for key in items:
            key = key.replace('-', '_')
            if (section, key) not in known and key not in plugin_opts:
                unknown.append('[%s] %s' % (section, key))
    return unknown


class TestReferenceConfig(testtools.TestCase):

    def test_every_option_is_known(self):
        known = known_option_names(generator_namespaces())
        self.assertEqual([], unknown_options(REFERENCE_CONF, known))

    def test_unknown_option_detected(self):
        # The check above can fail: a typo is reported.
        known = known_option_names(generator_namespaces())
        path = helpers.write_file(self, '[api]\nprot = 9322\n')
        self.assertEqual(['[api] prot'], unknown_options(path, known))

    def test_values_and_deprecated_aliases(self):
        conf = helpers.load_conf([REFERENCE_CONF], with_plugins=True)
        self.assertEqual([], validation.find_invalid_values(conf))
        self.assertEqual('controller-1', conf.host)
        self.assertEqual('warning', conf.notification_level)
        self.assertEqual((2, 500, False),
                         (conf.api.workers, conf.api.max_limit,
                          conf.api.enable_webhooks_auth))
        self.assertEqual('/var/lib/watcher', conf.state_path)
        self.assertTrue(conf.database.connection.startswith('mysql+pymysql'))
        # deprecated option names
        self.assertEqual(4, conf.collector.api_query_max_retries)
        self.assertEqual(3, conf.collector.api_query_interval)
        self.assertEqual(7, conf.watcher_datasources.query_interval)
        self.assertEqual(['compute', 'storage', 'baremetal'],
                         conf.collector.collector_plugins)
        # deprecated groups
        self.assertEqual('2.79', conf.nova.api_version)
        self.assertEqual('RegionTwo', conf.nova.region_name)
        self.assertEqual('RegionTwo', conf.cinder.region_name)
        self.assertEqual('RegionTwo', conf.placement.region_name)
        self.assertEqual(['internal'], ksa.valid_interfaces(conf, 'nova'))
        self.assertEqual(['internal'], ksa.valid_interfaces(conf, 'cinder'))
        self.assertEqual(['internal'],
                         ksa.valid_interfaces(conf, 'placement'))
        self.assertEqual(['internal'],
                         ksa.valid_interfaces(conf, 'keystone'))
        self.assertEqual((90, 2.5), (conf.nova.migration_max_retries,
                                     conf.nova.migration_interval))
        # credentials group (auth plugin options are loaded on demand)
        self.assertEqual('password', conf.watcher_clients_auth.auth_type)
        # plugin groups
        self.assertEqual(['gnocchi'],
                         conf['watcher_strategies.basic'].datasources)
        self.assertTrue(
            conf['watcher_strategies.basic'].check_optimize_metadata)
        self.assertEqual(
            ['prometheus'],
            conf['watcher_strategies.workload_stabilization'].datasources)
        self.assertIsNone(
            conf['watcher_strategies.workload_balance'].datasources)
        self.assertEqual(
            ['local_vstorage', 'slow_pool'],
            conf['watcher_strategies.storage_capacity_balance'].ex_pools)
        weight = conf['watcher_planners.weight']
        self.assertEqual('30', weight.weights['migrate'])
        self.assertEqual({'migrate': '4', 'resize': '1'},
                         weight.parallelization)
        taskflow = conf['watcher_workflow_engines.taskflow']
        self.assertEqual(8, taskflow.max_workers)
        self.assertEqual({'host_maintenance': 'ANY'},
                         taskflow.action_execution_rule)
        self.assertEqual(
            900,
            conf['watcher_cluster_data_model_collectors.compute'].period)
        self.assertEqual(
            3600,
            conf['watcher_cluster_data_model_collectors.storage'].period)
        self.assertEqual('7', conf.grafana_client.project_id_map[
            'host_cpu_usage'])


class TestBadValues(testtools.TestCase):

    def _load(self, text):
        return helpers.load_conf([helpers.write_file(self, text)])

    def test_port_not_a_number(self):
        conf = self._load('[api]\nport = abc\n')
        error = self.assertRaises(cfg.ConfigFileValueError,
                                  lambda: conf.api.port)
        self.assertIn('port', str(error))
        self.assertIn('abc', str(error))

    def test_notification_level_not_a_choice(self):
        conf = self._load('[DEFAULT]\nnotification_level = loud\n')
        error = self.assertRaises(cfg.ConfigFileValueError,
                                  lambda: conf.notification_level)
        self.assertIn("found 'loud'", str(error))

    def test_below_minimum(self):
        conf = self._load('[collector]\ncompute_resources_collector_timeout'
                          ' = 10\n')
        self.assertRaises(cfg.ConfigFileValueError,
                          lambda: conf.collector
                          .compute_resources_collector_timeout)

    def test_unknown_datasource(self):
        conf = self._load('[watcher_datasources]\ndatasources = ceilometer\n')
        self.assertRaises(cfg.ConfigFileValueError,
                          lambda: conf.watcher_datasources.datasources)

    def test_check_values_names_every_bad_option(self):
        conf = self._load('[DEFAULT]\nnotification_level = loud\n'
                          '[api]\nport = abc\n')
        error = self.assertRaises(cfg.ConfigFileValueError,
                                  validation.check_values, conf)
        self.assertIn('[api] port', str(error))
        self.assertIn('[DEFAULT] notification_level', str(error))

    def test_check_values_accepts_defaults(self):
        conf = helpers.load_conf()
        self.assertIsNone(validation.check_values(conf))
