"""tools/quickstart.sh and tools/run-local.sh on the emulated cloud.

The end-to-end test runs the quickstart as a user would (the real
``openstack optimize`` CLI, RabbitMQ, Prometheus, the emulated cloud and
the three services as processes) on private ports, then checks the cloud
really changed, that the decision engine's model followed the moves, that
a second run changes nothing, and that ``down`` leaves no process behind.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid

import fixtures
import requests
import testtools
from testtools import content

from watcher.tests.functional.fixtures import rabbitmq

TOOLS = os.path.join(rabbitmq.REPO, 'tools')
QUICKSTART = os.path.join(TOOLS, 'quickstart.sh')
RUN_LOCAL = os.path.join(TOOLS, 'run-local.sh')
PROCESSES = ('cloud', 'api', 'decision_engine', 'applier')
VENV = os.path.dirname(os.path.dirname(sys.executable))


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def port_answers(port):
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(('127.0.0.1', port)) == 0


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open('/proc/%d/stat' % pid) as handle:
            return handle.read().split(') ', 1)[1][0] != 'Z'
    except OSError:
        return False


class SuiteTestCase(testtools.TestCase):
    """A private state folder and private ports for one suite."""

    def setUp(self):
        super().setUp()
        self.state = self.useFixture(fixtures.TempDir()).path
        self.ports = {'api': free_port(), 'cloud': free_port(),
                      'prometheus': free_port()}
        self.env = dict(
            os.environ,
            WATCHER_STATE=self.state,
            WATCHER_RABBIT_STATE=os.path.join(rabbitmq.state_dir(),
                                              'rabbit'),
            WATCHER_VENV=VENV,
            QUICKSTART_SKIP_INSTALL='1',
            WATCHER_HOST='quickstart-%s' % uuid.uuid4().hex[:8],
            WATCHER_API_PORT=str(self.ports['api']),
            WATCHER_CLOUD_PORT=str(self.ports['cloud']),
            PROMETHEUS_PORT=str(self.ports['prometheus']))
        for name in ('WATCHER_CLOUD', 'QUICKSTART_STRATEGY', 'WATCHER_DB'):
            self.env.pop(name, None)

    def run_script(self, script, *args, timeout=300, **env):
        return subprocess.run(
            [script] + list(args), env=dict(self.env, **env),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=timeout)

    def pids(self):
        found = {}
        paths = [(name, os.path.join(self.state, 'pids', name + '.pid'))
                 for name in PROCESSES]
        paths.append(('prometheus', os.path.join(
            self.state, 'prometheus', 'prometheus.pid')))
        for name, path in paths:
            if os.path.exists(path):
                with open(path) as handle:
                    found[name] = int(handle.read().strip())
        return found

    def kill_leftovers(self):
        for pid in self.pids().values():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


class TestBadInput(SuiteTestCase):
    """Refused before anything starts, with a message naming the fix."""

    def assert_refused(self, result, message):
        self.assertEqual(1, result.returncode, result.stdout)
        self.assertIn(message, result.stdout)
        self.assertEqual({}, self.pids())

    def test_unknown_cloud_kind(self):
        result = self.run_script(RUN_LOCAL, 'up', WATCHER_CLOUD='openstack')
        self.assert_refused(
            result, "WATCHER_CLOUD must be none, emulated or real "
                    "(got 'openstack')")

    def _hold_port(self, key):
        holder = socket.socket()
        self.addCleanup(holder.close)
        holder.bind(('127.0.0.1', self.ports[key]))
        holder.listen(1)

    def test_busy_cloud_port(self):
        self._hold_port('cloud')
        self.assert_refused(
            self.run_script(RUN_LOCAL, 'up'),
            'port %d (emulated cloud) is already taken by another process '
            '(set WATCHER_CLOUD_PORT)' % self.ports['cloud'])

    def test_busy_prometheus_port(self):
        self._hold_port('prometheus')
        self.assert_refused(
            self.run_script(RUN_LOCAL, 'up'),
            'port %d (Prometheus) is already taken by another process '
            '(set PROMETHEUS_PORT)' % self.ports['prometheus'])

    def test_quickstart_refuses_an_unknown_strategy(self):
        self.assert_refused(
            self.run_script(QUICKSTART, QUICKSTART_STRATEGY='fastest'),
            "QUICKSTART_STRATEGY must be vm_workload_consolidation")

    def test_quickstart_refuses_another_cloud(self):
        self.assert_refused(
            self.run_script(QUICKSTART, WATCHER_CLOUD='none'),
            'the quickstart runs on the emulated cloud')


class TestQuickstart(SuiteTestCase):

    def setUp(self):
        super().setUp()
        missing = [what for what, ok in (
            ('prometheus', shutil.which('prometheus')),
            ('openstack CLI', os.access(os.path.join(VENV, 'bin',
                                                     'openstack'), os.X_OK)),
            ('matplotlib', _importable('matplotlib'))) if not ok]
        if missing:
            if rabbitmq.in_ci():
                self.fail('required under CI=true: %s' % ', '.join(missing))
            self.skipTest('not installed: %s' % ', '.join(missing))
        self.useFixture(rabbitmq.RabbitMQFixture())
        self.addCleanup(self.kill_leftovers)
        self.addCleanup(self.run_script, RUN_LOCAL, 'down')

    def cloud_state(self):
        return requests.get('http://127.0.0.1:%d/admin/state'
                            % self.ports['cloud'], timeout=10).json()

    def model_placement(self):
        """{server uuid: host} of the decision engine's compute model."""
        body = requests.get(
            'http://127.0.0.1:%d/v1/data_model' % self.ports['api'],
            params={'data_model_type': 'compute'},
            headers={'OpenStack-API-Version': 'infra-optim 1.3'},
            timeout=30).json()
        return {row['server_uuid']: row['node_hostname']
                for row in body['context'] if row.get('server_uuid')}

    def test_quickstart_end_to_end(self):
        result = self.run_script(QUICKSTART, timeout=900)
        self.addDetail('quickstart', content.text_content(
            result.stdout))
        self.assertEqual(0, result.returncode, result.stdout[-3000:])
        out = result.stdout
        self.assertIn('strategy vm_workload_consolidation', out)
        self.assertRegex(out, r'Action plan \S+ \(RECOMMENDED, strategy '
                              r'vm_workload_consolidation\): \d+ action')
        self.assertIn('action plan: SUCCEEDED', out)
        self.assertIn('export OS_AUTH_TYPE=none OS_ENDPOINT='
                      'http://127.0.0.1:%d' % self.ports['api'], out)
        used = re.search(r'Hosts running servers: (\d+) before, (\d+) after',
                         out)
        self.assertIsNotNone(used, out)
        before, after = int(used.group(1)), int(used.group(2))
        self.assertEqual(8, before)
        self.assertLess(after, before)

        # The cloud really changed as the table says.
        state = self.cloud_state()
        self.assertEqual(after, sum(1 for host in state['hosts'].values()
                                    if host['servers']))
        chart = os.path.join(self.state, 'quickstart', 'utilisation.png')
        with open(chart, 'rb') as handle:
            self.assertEqual(b'\x89PNG', handle.read(4))
        self.assertGreater(os.path.getsize(chart), 10000)
        with open(os.path.join(self.state, 'quickstart',
                               'actions.json')) as handle:
            actions = json.load(handle)
        self.assertTrue(actions)
        self.assertEqual({'SUCCEEDED'}, {a['State'] for a in actions})

        # Nova's notifications moved the servers in the engine's model.
        where = {uuid: server['host']
                 for uuid, server in state['servers'].items()}
        deadline = time.monotonic() + 30
        while (self.model_placement() != where
               and time.monotonic() < deadline):
            time.sleep(1)
        self.assertEqual(where, self.model_placement())

        # A second run leaves the running suite alone.
        pids = self.pids()
        self.assertEqual(set(PROCESSES) | {'prometheus'}, set(pids))
        again = self.run_script(QUICKSTART, timeout=120)
        self.assertEqual(1, again.returncode, again.stdout)
        self.assertIn('the local suite is already running', again.stdout)
        self.assertEqual(pids, self.pids())
        self.assertTrue(all(alive(pid) for pid in pids.values()))

        down = self.run_script(RUN_LOCAL, 'down', timeout=180)
        self.assertEqual(0, down.returncode, down.stdout)
        self.assertEqual([], [name for name, pid in pids.items()
                              if alive(pid)])
        self.assertEqual([], [name for name, port in self.ports.items()
                              if port_answers(port)])


def _importable(module):
    try:
        __import__(module)
    except ImportError:
        return False
    return True
