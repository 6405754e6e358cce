"""The quickstart's helpers (tools/quickstart/*.py) on a real emulated cloud.

The helpers are scripts, not a package: they are loaded from their files.
"""
import importlib.util
import io
import os
import tempfile
import unittest
from unittest import mock

import yaml

from watcher.emulated_cloud import cloud as cloud_mod
from watcher.emulated_cloud import topology as topology_mod

HELPERS = os.path.abspath(os.path.join(
    os.path.dirname(__file__), '..', '..', '..', '..', 'tools',
    'quickstart'))


def load(name):
    spec = importlib.util.spec_from_file_location(
        'quickstart_' + name, os.path.join(HELPERS, name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


topology = load('topology')
cloud_snapshot = load('cloud_snapshot')
tables = load('tables')
chart = load('chart')


class TestTopology(unittest.TestCase):

    def test_servers_are_spread_evenly_and_the_cloud_accepts_it(self):
        data = topology.build(8, 40, seed=7)
        state = topology_mod.build(data)  # the emulator's own validation
        self.assertEqual({5}, {len(h.servers) for h in state.hosts.values()})
        self.assertEqual(40, len(state.servers))

    def test_a_quarter_of_the_hosts_is_busy(self):
        data = topology.build(8, 40, seed=7)
        load_of = {}
        for server in data['servers']:
            load_of.setdefault(server['host'], []).append(server['cpu_load'])
        busy = [h for h, loads in load_of.items() if min(loads) >= 0.5]
        self.assertEqual(['compute-1', 'compute-2'], sorted(busy))
        self.assertTrue(all(max(load_of[h]) <= 0.25 for h in load_of
                            if h not in busy))

    def test_same_arguments_same_file(self):
        out = []
        for _ in range(2):
            with mock.patch('sys.stdout', new_callable=io.StringIO) as cap:
                topology.main(['--hosts', '3', '--servers', '7'])
            out.append(cap.getvalue())
        self.assertEqual(out[0], out[1])
        self.assertEqual(7, len(yaml.safe_load(out[0])['servers']))

    def test_no_host_is_refused(self):
        with mock.patch('sys.stderr', new_callable=io.StringIO) as err:
            with self.assertRaises(SystemExit):
                topology.main(['--hosts', '0'])
        self.assertIn('at least one host', err.getvalue())


class TestSnapshotTablesAndChart(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.cloud = cloud_mod.EmulatedCloud(topology.build(4, 8, seed=1))
        cls.url = cls.cloud.start().base
        cls.before = cloud_snapshot.take(cls.url, interval=0.3)
        # Empty compute-4 onto compute-1, as a plan would.
        conn = cls.cloud.connection()
        for server in sorted(cls.before['hosts']['compute-4']['servers']):
            uuid = next(u for u, s in cls.before['servers'].items()
                        if s['name'] == server)
            conn.compute.live_migrate_server(uuid, host='compute-1',
                                             block_migration='auto')
        cls.after = cloud_snapshot.take(cls.url, interval=0.3)

    @classmethod
    def tearDownClass(cls):
        cls.cloud.stop()

    def test_snapshot_follows_placement_and_load(self):
        before, after = self.before['hosts'], self.after['hosts']
        self.assertEqual(['compute-1', 'compute-2', 'compute-3',
                          'compute-4'], list(before))
        self.assertEqual([], after['compute-4']['servers'])
        self.assertEqual(4, len(after['compute-1']['servers']))
        self.assertEqual(16, before['compute-1']['cpus'])
        # compute-1 is the busy host of this topology; moving idle servers
        # onto it adds their load and allocation.
        self.assertGreater(before['compute-1']['cpu_utilisation'],
                           before['compute-3']['cpu_utilisation'])
        self.assertGreater(after['compute-1']['cpu_utilisation'],
                           before['compute-1']['cpu_utilisation'])
        self.assertGreater(after['compute-1']['ram_allocated'],
                           before['compute-1']['ram_allocated'])
        self.assertAlmostEqual(2.0, after['compute-4']['cpu_utilisation'],
                               delta=0.2)  # base load only

    def test_cloud_table_summarises_hosts_used(self):
        text = tables.cloud_table(self.before, self.after)
        self.assertIn('Hosts running servers: 4 before, 3 after (emptied: '
                      'compute-4)', text)
        row = next(line for line in text.splitlines()
                   if line.startswith('compute-4'))
        self.assertEqual(['compute-4', '2', '0'], row.split()[:3])

    def test_chart_is_a_png(self):
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            self.skipTest('matplotlib is not installed')
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'chart.png')
            chart.draw(self.before, self.after, path, title='test')
            with open(path, 'rb') as stream:
                self.assertEqual(b'\x89PNG', stream.read(4))


def action(uuid, kind, params, parents=(), state='PENDING'):
    return {'UUID': uuid, 'Action': kind, 'Parameters': params,
            'Parents': list(parents), 'State': state}


class TestPlanTable(unittest.TestCase):

    PLAN = {'UUID': 'p-1', 'State': 'RECOMMENDED', 'Strategy': 'basic',
            'Efficacy indicators': [
                {'name': 'instance_migrations_count', 'value': 2.0,
                 'unit': None, 'description': 'Migrations.'}],
            'Global efficacy': [
                {'name': 'released_nodes_ratio', 'value': 50.0, 'unit': '%',
                 'description': 'Released nodes.'}]}

    def test_actions_by_step_with_their_changes(self):
        actions = [
            action('m2', 'migrate', {'migration_type': 'live',
                                     'source_node': 'c-2',
                                     'destination_node': 'c-1',
                                     'resource_name': 'vm-2'}, ['d']),
            action('d', 'change_nova_service_state',
                   {'state': 'disabled', 'resource_name': 'c-2'}),
            action('m1', 'migrate', {'migration_type': 'live',
                                     'source_node': 'c-2',
                                     'resource_id': 'u-1'}, ['d']),
        ]
        lines = tables.plan_table(self.PLAN, actions).splitlines()
        self.assertEqual('Action plan p-1 (RECOMMENDED, strategy basic): 3 '
                         'action(s)', lines[0])
        rows = [line.split() for line in lines[3:6]]
        self.assertEqual(
            [['1', 'change_nova_service_state', 'c-2', 'service',
              'disabled', 'PENDING'],
             ['2', 'migrate', '(live)', 'vm-2', 'c-2', '->', 'c-1',
              'PENDING'],
             ['2', 'migrate', '(live)', 'u-1', 'c-2', '->', 'scheduler',
              'PENDING']], rows)
        text = '\n'.join(lines)
        self.assertRegex(text, r'instance_migrations_count\s+2\s+Migr')
        self.assertRegex(text, r'global: released_nodes_ratio\s+50%')

    def test_a_cycle_is_reported(self):
        with self.assertRaisesRegex(ValueError, 'cycle'):
            tables.steps([action('a', 'nop', {}, ['b']),
                          action('b', 'nop', {}, ['a'])])
