"""tools/run-local.sh: up, status, re-up, down, and a busy port."""
import os
import signal
import socket
import subprocess
import sys
import uuid

import fixtures
import testtools

from watcher.tests.functional.db import backends
from watcher.tests.functional.fixtures import rabbitmq

RUN_LOCAL = os.path.join(rabbitmq.REPO, 'tools', 'run-local.sh')
SERVICES = ('api', 'decision_engine', 'applier')


class TestRunLocal(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.state = self.useFixture(fixtures.TempDir()).path
        self.env = dict(
            os.environ,
            WATCHER_STATE=self.state,
            WATCHER_RABBIT_STATE=os.path.join(rabbitmq.state_dir(),
                                              'rabbit'),
            WATCHER_VENV=os.path.dirname(os.path.dirname(sys.executable)),
            WATCHER_HOST='runlocal-%s' % uuid.uuid4().hex[:8],
            WATCHER_API_PORT=str(self._free_port()),
            # The services only; the cloud components have their own tests.
            WATCHER_CLOUD='none')

    @staticmethod
    def _free_port():
        with socket.socket() as sock:
            sock.bind(('127.0.0.1', 0))
            return sock.getsockname()[1]

    def run_local(self, command, timeout=240):
        return subprocess.run([RUN_LOCAL, command], env=self.env,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              timeout=timeout)

    def pids(self):
        found = {}
        for name in SERVICES:
            path = os.path.join(self.state, 'pids', '%s.pid' % name)
            if os.path.exists(path):
                with open(path) as handle:
                    found[name] = int(handle.read().strip())
        return found

    @staticmethod
    def alive(pid):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # A zombie (exited, not yet reaped) does not count as running.
        with open('/proc/%d/stat' % pid) as handle:
            return handle.read().split(') ', 1)[1][0] != 'Z'

    def _kill_leftovers(self):
        for pid in self.pids().values():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def test_busy_port_is_reported_and_nothing_starts(self):
        holder = socket.socket()
        self.addCleanup(holder.close)
        holder.bind(('127.0.0.1', 0))
        holder.listen(1)
        self.env['WATCHER_API_PORT'] = str(holder.getsockname()[1])
        result = self.run_local('up', timeout=60)
        self.assertEqual(1, result.returncode, result.stdout)
        self.assertIn('port %s is already taken by another process'
                      % self.env['WATCHER_API_PORT'], result.stdout)
        self.assertEqual({}, self.pids())

    def test_up_status_up_again_down(self):
        self.useFixture(rabbitmq.RabbitMQFixture())
        self.addCleanup(self._kill_leftovers)
        result = self.run_local('up')
        self.assertEqual(0, result.returncode, result.stdout)
        self.assertIn('decision engine and applier are ACTIVE',
                      result.stdout)
        pids = self.pids()
        self.assertEqual(set(SERVICES), set(pids))
        self.assertTrue(all(self.alive(pid) for pid in pids.values()))

        status = self.run_local('status')
        self.assertEqual(0, status.returncode, status.stdout)
        for name in SERVICES:
            self.assertIn('%s: running (pid %d)' % (name, pids[name]),
                          status.stdout)
        self.assertIn('watcher-applier %s ACTIVE' % self.env['WATCHER_HOST'],
                      status.stdout)

        again = self.run_local('up')
        self.assertEqual(0, again.returncode, again.stdout)
        self.assertIn('already up', again.stdout)
        self.assertEqual(pids, self.pids())

        down = self.run_local('down')
        self.assertEqual(0, down.returncode, down.stdout)
        self.assertFalse(any(self.alive(pid) for pid in pids.values()))
        # The broker was not started by "up" here, so it keeps running.
        self.assertTrue(rabbitmq.broker_answers())
        self.assertEqual(3, self.run_local('status').returncode)


class TestRunLocalOnMariaDB(TestRunLocal):
    """The same story with WATCHER_DB=mysql (a private MariaDB)."""

    backend = 'mysql'
    url_prefix = 'mysql+pymysql://'
    # The busy-port check does not depend on the database.
    test_busy_port_is_reported_and_nothing_starts = None

    def setUp(self):
        super().setUp()
        # Start (or reuse) the shared server first: run-local then reuses
        # it and leaves it running for the other database tests.
        backends.require_server(self, self.backend)
        self.env.update(
            WATCHER_DB=self.backend,
            WATCHER_DB_STATE=os.environ.get('WATCHER_DB_STATE',
                                            '/tmp/watcher-db'))

    def test_up_status_up_again_down(self):
        super().test_up_status_up_again_down()
        with open(os.path.join(self.state, 'watcher.conf')) as handle:
            self.assertIn('connection = ' + self.url_prefix, handle.read())


class TestRunLocalOnPostgreSQL(TestRunLocalOnMariaDB):
    """The same story with WATCHER_DB=postgresql."""

    backend = 'postgresql'
    url_prefix = 'postgresql'
