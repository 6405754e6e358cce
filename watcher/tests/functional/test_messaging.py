"""RPC between two real processes over the private RabbitMQ broker."""
import json
import os
import signal
import subprocess
import sys
import time
import uuid

import fixtures
import testtools

from watcher.tests.functional.fixtures import rabbitmq
from watcher.tests.functional.fixtures import suite

PEER = 'watcher.tests.functional.fixtures.rpc_peer'


class TestRPCBetweenProcesses(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.transport_url = self.useFixture(
            rabbitmq.RabbitMQFixture()).transport_url
        self.path = self.useFixture(fixtures.TempDir()).path
        self.suite_id = uuid.uuid4().hex[:8]
        self.config_file = os.path.join(self.path, 'watcher.conf')
        with open(self.config_file, 'w') as handle:
            handle.write(
                '[DEFAULT]\nhost = peer-%(id)s\ntransport_url = %(url)s\n'
                'control_exchange = watcher-%(id)s\n'
                '[watcher_decision_engine]\n'
                'conductor_topic = watcher.decision.control.%(id)s\n'
                % {'id': self.suite_id, 'url': self.transport_url})
        self.record = os.path.join(self.path, 'record.jsonl')

    def _records(self):
        try:
            with open(self.record) as handle:
                return [json.loads(line) for line in handle if line.strip()]
        except FileNotFoundError:
            return []

    def _start_server(self):
        log = open(os.path.join(self.path, 'server.log'), 'wb')
        self.addCleanup(log.close)
        server = subprocess.Popen(
            [sys.executable, '-m', PEER, 'serve', '--record', self.record,
             '--config-file', self.config_file],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        self.addCleanup(self._reap, server)
        suite.wait_for(
            lambda: any('ready' in r for r in self._records()) or
            server.poll() is not None,
            timeout=60, message='the RPC server process to start')
        self.assertIsNone(server.poll(), self._server_log())
        return server

    def _server_log(self):
        with open(os.path.join(self.path, 'server.log'),
                  errors='replace') as handle:
            return handle.read()[-20000:]

    @staticmethod
    def _reap(process):
        if process.poll() is None:
            process.kill()
            process.wait()

    def _run_client(self, *args):
        result = subprocess.run(
            [sys.executable, '-m', PEER, 'client',
             '--config-file', self.config_file] + list(args),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            timeout=120)
        self.assertEqual(0, result.returncode, result.stderr[-4000:])
        return [json.loads(line) for line in result.stdout.splitlines()
                if line.startswith('{')]

    def test_call_and_cast_between_processes(self):
        server = self._start_server()
        audit_uuid = str(uuid.uuid4())
        outcomes = self._run_client('--audit-uuid', audit_uuid,
                                    '--audit-uuid', 'not-a-uuid',
                                    '--strategy', 'dummy',
                                    '--strategy', 'missing')
        by_key = {(o.get('cast') or o.get('call')): o for o in outcomes}

        # The cast went out; the invalid uuid never left the client.
        self.assertTrue(by_key[audit_uuid]['ok'])
        self.assertEqual('InvalidUuidOrName', by_key['not-a-uuid']['error'])

        # The call was answered by the other process.
        answer = by_key['dummy']['result']
        self.assertEqual('dummy', answer[0]['state'])
        self.assertIn('pid %d' % server.pid, answer[0]['comment'])

        # A Watcher exception raised remotely keeps its class and code.
        self.assertEqual('StrategyNotFound', by_key['missing']['error'])
        self.assertEqual(404, by_key['missing']['code'])

        # Private methods are not callable over RPC.
        self.assertNotEqual('reached', by_key['_secret'].get('result'))

        casts = suite.wait_for(
            lambda: [r for r in self._records()
                     if r.get('method') == 'trigger_audit'],
            timeout=30, message='the cast to reach the server')
        self.assertEqual(1, len(casts))
        self.assertEqual(audit_uuid, casts[0]['audit_uuid'])
        self.assertEqual(server.pid, casts[0]['pid'])
        # The request context travelled with the message.
        self.assertEqual('peer-user', casts[0]['user_id'])
        self.assertEqual('peer-project', casts[0]['project_id'])
        self.assertEqual('RequestContext', casts[0]['context_class'])

    def test_server_stops_gracefully_on_sigterm(self):
        server = self._start_server()
        server.terminate()
        try:
            code = server.wait(90)
        except subprocess.TimeoutExpired:
            server.send_signal(signal.SIGUSR2)  # thread dump in the log
            time.sleep(2)
            self.fail('no exit 90 s after SIGTERM:\n%s' % self._server_log())
        self.assertEqual(0, code, self._server_log())
        self.assertIn({'stopped': server.pid}, self._records())
