"""Managers load their endpoints lazily and own background jobs."""
import fixtures
import testtools

from watcher.applier import manager as applier_manager
from watcher.common import manager_base
from watcher.decision_engine import manager as de_manager


class Job:
    def __init__(self, name, log, accepts_timeout=False):
        self.name = name
        self.log = log
        if accepts_timeout:
            self.stop = self._stop_with_timeout

    def start(self):
        self.log.append(('start', self.name))

    def stop(self):
        self.log.append(('stop', self.name))

    def _stop_with_timeout(self, timeout=None):
        self.log.append(('stop', self.name, timeout))


class TestManagerBase(testtools.TestCase):

    def test_missing_endpoint_is_logged_and_skipped(self):
        logger = self.useFixture(fixtures.FakeLogger())
        endpoints = manager_base.load_endpoints(
            [('watcher.no_such_module', 'Endpoint'),
             ('collections', 'OrderedDict')], 'watcher-test')
        self.assertEqual(1, len(endpoints))
        self.assertIn('RPC endpoint watcher.no_such_module.Endpoint is not '
                      'available', logger.output)

    def test_jobs_start_in_order_and_stop_in_reverse(self):
        log = []
        manager = manager_base.ManagerBase()
        manager.add_background_job(Job('a', log))
        manager.add_background_job(Job('b', log, accepts_timeout=True))
        manager.start()
        manager.stop(timeout=7)
        self.assertEqual([('start', 'a'), ('start', 'b'),
                          ('stop', 'b', 7), ('stop', 'a')], log)


class TestServiceManagers(testtools.TestCase):

    def test_decision_engine_description(self):
        manager = de_manager.DecisionEngineManager()
        self.assertEqual('watcher-decision-engine', manager.service_name)
        self.assertEqual('watcher.decision.control', manager.conductor_topic)
        self.assertEqual(['nova.versioned_notifications',
                          'openstack.notifications'],
                         manager.notification_topics)

    def test_applier_description(self):
        manager = applier_manager.ApplierManager()
        self.assertEqual('watcher-applier', manager.service_name)
        self.assertEqual('watcher.applier.control', manager.conductor_topic)
