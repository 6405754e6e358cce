"""Service skeleton on the fake transport: RPC, hooks, graceful stop."""
import threading
import time

from oslo_config import fixture as config_fixture
import oslo_messaging as messaging
import testtools

from watcher import conf
from watcher.common import context
from watcher.common import rpc
from watcher.common import service

CONF = conf.CONF


class SlowEndpoint:
    target = messaging.Target(version='1.0')

    def __init__(self):
        self.started = threading.Event()
        self.finished = threading.Event()

    def ping(self, ctx):
        return 'pong from %s' % CONF.host

    def work(self, ctx, seconds):
        self.started.set()
        time.sleep(seconds)
        self.finished.set()


class Manager:
    service_name = 'watcher-test'
    api_version = '1.0'

    def __init__(self, topic):
        self.conductor_topic = topic
        self.conductor_endpoints = [SlowEndpoint()]
        self.events = []

    def start(self):
        self.events.append('start')

    def stop(self, timeout=None):
        self.events.append(('stop', timeout))


class TestService(testtools.TestCase):

    def setUp(self):
        super().setUp()
        cfg = self.useFixture(config_fixture.Config(CONF))
        cfg.config(transport_url='fake:/', host='host-under-test')
        rpc.cleanup()
        self.addCleanup(rpc.cleanup)
        self.topic = 'topic-%s' % self.id()
        self.manager = Manager(self.topic)
        self.service = service.Service(self.manager, heartbeat=False)
        self.ctx = context.RequestContext()

    def client(self, **kwargs):
        return rpc.get_client(messaging.Target(topic=self.topic,
                                               version='1.0', **kwargs))

    def test_serves_on_topic_and_host_and_runs_hooks(self):
        self.service.start()
        self.addCleanup(self.service.stop, timeout=5)
        self.assertEqual(['start'], self.manager.events)
        self.assertEqual('pong from host-under-test',
                         self.client().call(self.ctx, 'ping'))
        self.assertEqual('pong from host-under-test',
                         self.client(server='host-under-test').call(
                             self.ctx, 'ping'))

    def test_stop_lets_running_work_finish(self):
        self.service.start()
        endpoint = self.manager.conductor_endpoints[0]
        self.client().cast(self.ctx, 'work', seconds=0.5)
        self.assertTrue(endpoint.started.wait(5))
        self.service.stop(timeout=10)
        self.assertTrue(endpoint.finished.is_set())
        self.assertEqual(['start', ('stop', 10)], self.manager.events)

    def test_stop_twice_is_harmless(self):
        self.service.start()
        self.service.stop(timeout=5)
        self.service.stop(timeout=5)
        self.assertEqual(['start', ('stop', 5)], self.manager.events)


class TestNotificationTargets(testtools.TestCase):

    def test_exchange_is_the_part_before_the_dot(self):
        targets = service.notification_targets(
            ['nova.versioned_notifications', 'openstack.notifications',
             'plain'])
        self.assertEqual(
            [('nova', 'versioned_notifications'),
             ('openstack', 'notifications'), (None, 'plain')],
            [(t.exchange, t.topic) for t in targets])


class TestLauncher(testtools.TestCase):

    def test_stop_request_stops_services_in_reverse_order(self):
        stopped = []

        class Recorder:
            def __init__(self, name):
                self.name = name

            def start(self):
                pass

            def stop(self, graceful=True):
                stopped.append(self.name)

        launcher = service.ServiceLauncher()
        launcher.launch_service(Recorder('first'))
        launcher.launch_service(Recorder('second'))
        threading.Timer(0.1, launcher.stop).start()
        self.assertEqual(0, launcher.wait())
        self.assertEqual(['second', 'first'], stopped)


NO_EVENTLET_SCRIPT = r'''
import sys
sys.modules['eventlet'] = None  # "import eventlet" now raises ImportError
from oslo_service import backend
from watcher import conf
from watcher.common import context, rpc, service
import watcher.cmd.api, watcher.cmd.applier, watcher.cmd.decisionengine
import oslo_messaging as messaging
service.init_threading_backend()
conf.CONF([], project='watcher')
conf.CONF.set_override('transport_url', 'fake:/')
rpc.init(conf.CONF)

class Endpoint:
    target = messaging.Target(version='1.0')
    def ping(self, ctx):
        return 'pong'

class Manager:
    service_name = 'watcher-test'
    conductor_topic = 'no-eventlet'
    conductor_endpoints = [Endpoint()]

svc = service.Service(Manager(), heartbeat=False)
svc.start()
client = rpc.get_client(messaging.Target(topic='no-eventlet', version='1.0'))
print(client.call(context.RequestContext(), 'ping'))
svc.stop(timeout=5)
print(backend.get_backend_type().value)
'''


class TestNoEventlet(testtools.TestCase):

    def test_services_run_with_eventlet_unimportable(self):
        import subprocess
        import sys
        result = subprocess.run([sys.executable, '-c', NO_EVENTLET_SCRIPT],
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True,
                                timeout=120)
        self.assertEqual(0, result.returncode, result.stderr[-3000:])
        self.assertEqual(['pong', 'threading'], result.stdout.split())


SIGNAL_DURING_START_SCRIPT = r'''
import os, signal, sys, threading, time
from watcher.common import service
service.STARTUP_STOP_GRACE = 2

class Slow:
    def __init__(self, seconds):
        self.seconds = seconds
    def start(self):
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
        time.sleep(self.seconds)  # still starting when SIGTERM arrives
        print('started', flush=True)
    def stop(self, graceful=True):
        print('stopped', flush=True)

class Never:
    def start(self):
        print('never started', flush=True)
    def stop(self, graceful=True):
        pass

sys.exit(service.launch([Slow(float(sys.argv[1])), Never()]))
'''


class TestSignalDuringStart(testtools.TestCase):

    def run_script(self, start_seconds):
        import subprocess
        import sys
        return subprocess.run(
            [sys.executable, '-c', SIGNAL_DURING_START_SCRIPT,
             str(start_seconds)], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, timeout=60)

    def test_start_finishes_then_stops_gracefully(self):
        result = self.run_script(0.5)
        self.assertEqual(0, result.returncode, result.stderr[-3000:])
        self.assertEqual(['started', 'stopped'], result.stdout.split())

    def test_blocked_start_exits_after_the_grace_period(self):
        result = self.run_script(30)
        self.assertEqual(128 + 15, result.returncode, result.stderr[-3000:])
        self.assertEqual('', result.stdout)
