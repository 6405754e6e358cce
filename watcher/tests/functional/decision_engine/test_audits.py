"""Audits through the real services: API, decision engine(s), RabbitMQ.

A real emulated cloud (Keystone, Nova, Placement over HTTP) provides the
compute model; watcher-api and watcher-decision-engine run as processes
of ``WatcherSuite`` on the private RabbitMQ and a SQLite database.
"""
import os
import subprocess
import sys
import threading

import testtools

from watcher.emulated_cloud import cloud as emulated_cloud
from watcher.tests.functional.fixtures import suite as suite_fixture

TOPOLOGY = {
    'hosts': [{'name': 'compute-1'}, {'name': 'compute-2'}],
    'flavors': [{'name': 'm1.small', 'vcpus': 1, 'ram': 512, 'disk': 1}],
    'servers': [
        {'name': 'vm-1', 'flavor': 'm1.small', 'host': 'compute-1'},
        {'name': 'vm-2', 'flavor': 'm1.small', 'host': 'compute-2'},
    ],
}


class GatedApp(object):
    """WSGI middleware holding Nova requests while the gate is closed."""

    def __init__(self, app):
        self.app = app
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, environ, start_response):
        if '/compute/' in environ.get('PATH_INFO', ''):
            self.gate.wait(120)
        return self.app(environ, start_response)


class AuditServicesTestCase(testtools.TestCase):

    services = ('api', 'decision-engine')
    service_down_time = 90
    periodic_interval = 60

    def setUp(self):
        super().setUp()
        self.cloud = emulated_cloud.EmulatedCloud(TOPOLOGY)
        self.gated = GatedApp(self.cloud.app)
        self.cloud.app = self.gated
        endpoints = self.cloud.start()
        self.addCleanup(self.cloud.stop)
        self.addCleanup(self.gated.gate.set)
        self.suite = self.useFixture(suite_fixture.WatcherSuite(
            services=self.services,
            service_down_time=self.service_down_time,
            periodic_interval=self.periodic_interval,
            config=self.cloud_config(endpoints)))
        self.suite.wait_for_api()
        self.suite.wait_for_registration(['decision-engine'])

    def cloud_config(self, endpoints):
        return suite_fixture.emulated_cloud_config(
            self.cloud,
            watcher_decision_engine={'continuous_audit_interval': 1})

    # -- API helpers ----------------------------------------------------------

    def api(self, method, path, body=None, expected=200):
        status, answer = self.suite.api(method, path, body)
        self.assertEqual(expected, status, answer)
        return answer

    def create_audit(self, **body):
        body = dict({'audit_type': 'ONESHOT', 'goal': 'dummy',
                     'strategy': 'dummy'}, **body)
        return self.api('POST', '/v1/audits', body, expected=201)

    def audit(self, uuid):
        return self.api('GET', '/v1/audits/%s' % uuid)

    def wait_for_state(self, uuid, states, timeout=60):
        def reached():
            audit = self.audit(uuid)
            return audit if audit['state'] in states else None
        return suite_fixture.wait_for(
            reached, timeout, message='audit %s in %s' % (uuid, states))

    def plans(self, audit_uuid):
        return self.api('GET', '/v1/action_plans/detail?audit_uuid=%s'
                        % audit_uuid)['action_plans']

    def start_peer_engine(self, host):
        """A second decision engine on its own host name."""
        extra = os.path.join(self.suite.path, 'peer-%s.conf' % host)
        with open(extra, 'w') as handle:
            handle.write('[DEFAULT]\nhost = %s\n' % host)
        log = open(os.path.join(self.suite.path, 'peer-%s.log' % host),
                   'ab')
        process = subprocess.Popen(
            [sys.executable, '-m', 'watcher.cmd.decisionengine',
             '--config-file', self.suite.config_file,
             '--config-file', extra],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=self.suite.path, start_new_session=True)
        log.close()
        self.addCleanup(self._stop_process, process)
        return process

    @staticmethod
    def _stop_process(process):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class TestAudits(AuditServicesTestCase):

    def test_dummy_oneshot_audit_succeeds(self):
        audit = self.create_audit()
        done = self.wait_for_state(audit['uuid'], ('SUCCEEDED', 'FAILED'))
        self.assertEqual('SUCCEEDED', done['state'], done)
        self.assertEqual(self.suite.host, done['hostname'])
        [plan] = self.plans(audit['uuid'])
        self.assertEqual('RECOMMENDED', plan['state'])
        actions = self.api('GET', '/v1/actions/detail?action_plan_uuid=%s'
                           % plan['uuid'])['actions']
        self.assertEqual(['nop', 'nop', 'sleep'],
                         [a['action_type'] for a in actions])
        by_uuid = {a['uuid']: a for a in actions}
        chained = [a for a in actions if a['parents']]
        self.assertEqual(2, len(chained))
        for action in chained:
            [parent] = action['parents']
            self.assertIn(parent, by_uuid)

    def test_failing_audit_says_why(self):
        audit = self.create_audit(
            goal='cluster_maintaining', strategy='host_maintenance',
            parameters={'maintenance_node': 'no-such-node'})
        done = self.wait_for_state(audit['uuid'], ('SUCCEEDED', 'FAILED'))
        self.assertEqual('FAILED', done['state'])
        status, detail = self.suite.api(
            'GET', '/v1/audits/%s' % audit['uuid'],
            headers={'OpenStack-API-Version': 'infra-optim 1.5'})
        self.assertIn('no-such-node', detail['status_message'])

    def test_continuous_audit_keeps_one_recommended_plan(self):
        audit = self.create_audit(audit_type='CONTINUOUS', interval='2')
        suite_fixture.wait_for(lambda: len(self.plans(audit['uuid'])) >= 3,
                               timeout=90, message='three continuous runs')
        self.api('PATCH', '/v1/audits/%s' % audit['uuid'],
                 [{'op': 'replace', 'path': '/state',
                   'value': 'CANCELLED'}])
        plans = sorted(self.plans(audit['uuid']),
                       key=lambda p: p['created_at'])
        states = [p['state'] for p in plans]
        self.assertEqual(1, states.count('RECOMMENDED'), states)
        self.assertEqual('RECOMMENDED', states[-1])
        self.assertEqual({'CANCELLED'}, set(states[:-1]))


class TestKilledEngine(AuditServicesTestCase):

    service_down_time = 4
    periodic_interval = 1

    def cloud_config(self, endpoints):
        # The audits must reach Nova to be held there: the engines build
        # their model on the first audit, not at start.
        config = super().cloud_config(endpoints)
        config['collector']['build_models_at_start'] = False
        return config

    def hold_nova_and_start_audit(self):
        """An audit ONGOING on an engine stuck in a Nova call."""
        self.gated.gate.clear()
        audit = self.create_audit()
        return self.wait_for_state(audit['uuid'], ('ONGOING',))

    def test_restarted_engine_cancels_the_interrupted_audit(self):
        audit = self.hold_nova_and_start_audit()
        self.suite.kill('decision-engine')
        self.gated.gate.set()
        self.suite.start('decision-engine')
        done = self.wait_for_state(audit['uuid'], ('CANCELLED', 'FAILED',
                                                   'SUCCEEDED'))
        self.assertEqual('CANCELLED', done['state'])

    def test_peer_engine_ends_the_audit_of_a_killed_engine(self):
        peer_host = 'peer-' + self.suite.suite_id
        peer = self.start_peer_engine(peer_host)
        suite_fixture.wait_for(
            lambda: any(row['host'] == peer_host
                        for row in self.suite.service_rows()),
            timeout=60, message='the peer engine to register')
        audit = self.hold_nova_and_start_audit()
        owner = audit['hostname']
        if owner == peer_host:
            peer.kill()
            peer.wait(30)
        else:
            self.suite.kill('decision-engine')
        self.gated.gate.set()

        def ended():
            if owner == peer_host:
                self.suite.assert_running('decision-engine')
            else:
                self.assertIsNone(peer.poll())
            state = self.api('GET', '/v1/audits/%s' % audit['uuid'])
            return state if state['state'] != 'ONGOING' else None
        done = suite_fixture.wait_for(ended, 90,
                                      message='the audit to be ended')
        self.assertEqual('FAILED', done['state'])
        status, detail = self.suite.api(
            'GET', '/v1/audits/%s' % audit['uuid'],
            headers={'OpenStack-API-Version': 'infra-optim 1.5'})
        self.assertIn(owner, detail['status_message'])
