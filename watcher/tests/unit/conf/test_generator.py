"""oslo-config-generator produces a sample listing every Watcher group."""
import os
import re
import subprocess
import sys

import fixtures
import testtools
from unittest import mock

from watcher.conf import opts
from watcher.conf import plugins
from watcher.conf import validation
from watcher.tests.unit.conf import helpers
from watcher.tests.unit.conf import test_operator_config as operator

# Groups of the reference watcher.conf (engine inventory 8.1).
REFERENCE_GROUPS = [
    'DEFAULT', 'api', 'watcher_applier', 'watcher_decision_engine',
    'watcher_planner', 'collector', 'watcher_datasources', 'compute_model',
    'nova', 'nova_client', 'cinder', 'cinder_client', 'placement',
    'placement_client', 'keystone', 'keystone_client',
    'watcher_clients_auth', 'gnocchi_client', 'ironic_client',
    'maas_client', 'grafana_client', 'grafana_translators',
    'prometheus_client', 'aetos_client', 'database', 'keystone_authtoken',
    'watcher_strategies.basic', 'watcher_strategies.workload_stabilization',
    'watcher_strategies.storage_capacity_balance',
    'watcher_planners.weight', 'watcher_planners.workload_stabilization',
    'watcher_workflow_engines.taskflow',
    'watcher_cluster_data_model_collectors.compute',
    'watcher_cluster_data_model_collectors.storage',
    'watcher_cluster_data_model_collectors.baremetal',
]


class TestSampleGenerator(testtools.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = fixtures.TempDir()
        cls.tmp.setUp()
        cls.sample_path = os.path.join(cls.tmp.path, 'watcher.conf.sample')
        subprocess.run(
            [sys.executable, '-m', 'oslo_config.generator',
             '--config-file', operator.GENERATOR_CONF,
             '--output-file', cls.sample_path],
            check=True, cwd=operator.REPO_ROOT, capture_output=True)
        with open(cls.sample_path) as handle:
            cls.sample = handle.read()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanUp()
        super().tearDownClass()

    def test_every_reference_group_is_listed(self):
        sections = set(re.findall(r'^\[([^\]]+)\]$', self.sample, re.M))
        missing = [g for g in REFERENCE_GROUPS if g not in sections]
        self.assertEqual([], missing)

    def test_library_groups_are_listed(self):
        for group in ('oslo_messaging_rabbit', 'oslo_policy',
                      'oslo_concurrency', 'cors', 'oslo_middleware'):
            self.assertTrue('[%s]' % group in self.sample, group)

    def test_options_and_deprecations_documented(self):
        for line in ('#api_query_max_retries = 10',
                     '# Deprecated group/name - [collector]/api_call_retries',
                     '# Deprecated group/name - [nova_client]/api_version',
                     '# Deprecated group/name - [nova_client]/region_name',
                     '#connection = <None>',
                     '#mysql_engine = InnoDB',
                     '#max_workers = <number of CPUs>',
                     '#host = <hostname>',
                     '#retention_periods = five_years:31556952,'
                     'one_month:2592000,one_week:604800'):
            self.assertTrue(line in self.sample, line)

    def test_uncommented_sample_loads(self):
        # Every "#opt = default" line of a Watcher group, uncommented, must
        # load and validate: the documented defaults are real values.
        watcher_groups = {getattr(g, 'name', g) for g, _ in opts.list_opts()}
        lines, section = [], None
        for line in self.sample.splitlines():
            match = re.match(r'^\[(.+)\]$', line)
            if match:
                section = match.group(1)
                lines.append(line)
                continue
            candidate = re.match(r'^#([a-z_]+) = (.*)$', line)
            if (candidate and section in watcher_groups and
                    '<' not in candidate.group(2)):
                lines.append('%s = %s' % candidate.groups())
        path = helpers.write_file(self, '\n'.join(lines) + '\n')
        conf = helpers.load_conf([path], with_plugins=True)
        self.assertEqual([], validation.find_invalid_values(conf))
        self.assertEqual(9322, conf.api.port)
        self.assertEqual(70, int(conf['watcher_planners.weight']
                                 .weights['nop']))


class TestPluginOpts(testtools.TestCase):

    def test_missing_plugins_fall_back_to_declarations(self):
        with mock.patch.object(opts, '_load_plugin_classes',
                               return_value={}):
            listed = dict(opts.list_plugin_opts())
        self.assertEqual(
            ['check_optimize_metadata', 'datasources'],
            sorted(o.name for o in listed['watcher_strategies.basic']))
        self.assertEqual(
            ['parallelization', 'weights'],
            sorted(o.name for o in listed['watcher_planners.weight']))
        self.assertEqual(
            ['action_execution_rule', 'max_workers'],
            sorted(o.name
                   for o in listed['watcher_workflow_engines.taskflow']))
        self.assertNotIn('watcher_strategies.dummy', listed)

    def test_loaded_plugin_options_win(self):
        from oslo_config import cfg

        class FakeStrategy:
            @classmethod
            def get_config_opts(cls):
                return [cfg.IntOpt('threshold', default=5)]

        class BrokenStrategy:
            @classmethod
            def get_config_opts(cls):
                raise RuntimeError('boom')

        def fake_loader(namespace):
            if namespace == plugins.STRATEGIES_NAMESPACE:
                return {'basic': BrokenStrategy, 'my_strategy': FakeStrategy}
            return {}

        with mock.patch.object(opts, '_load_plugin_classes', fake_loader):
            listed = dict(opts.list_plugin_opts())
        self.assertEqual(['threshold'], [
            o.name for o in listed['watcher_strategies.my_strategy']])
        # A plugin whose get_config_opts() fails uses the declaration.
        self.assertIn('check_optimize_metadata', [
            o.name for o in listed['watcher_strategies.basic']])

    def test_weight_planner_defaults(self):
        weights, parallel = plugins.weight_planner_opts()
        self.assertEqual(70, weights.default['nop'])
        self.assertEqual(9, weights.default['change_node_power_state'])
        self.assertEqual(2, parallel.default['migrate'])
        self.assertEqual(1, parallel.default['change_nova_service_state'])
        self.assertEqual(len(set(weights.default.values())),
                         len(weights.default))

    def test_register_plugin_opts_after_parse(self):
        path = helpers.write_file(
            self, '[watcher_strategies.basic]\ndatasources = aetos\n')
        conf = helpers.load_conf([path])
        plugins.register_plugin_opts(conf, 'watcher_strategies', 'basic',
                                     plugins.strategy_opts('basic'))
        # registering twice (a second load of the plugin) is harmless
        plugins.register_plugin_opts(conf, 'watcher_strategies', 'basic',
                                     plugins.strategy_opts('basic'))
        self.assertEqual(['aetos'],
                         conf['watcher_strategies.basic'].datasources)
