"""Notification classes: versions, fingerprints, event types, gate."""
from oslo_config import fixture as config_fixture
from oslo_versionedobjects import fixture
import testtools

from watcher.common import rpc
from watcher import conf
from watcher.notifications import base
from watcher.objects import base as objects_base

# From the reference's test_notification.py (api-contract §12.3).
PAYLOAD_FINGERPRINTS = {
    'EventType': '1.3-bc4f4bc4a497d789e5a3c30f921edae1',
    'NotificationPublisher': '1.0-bbbc1402fb0e443a3eb227cc52b61545',
    'ExceptionPayload': '1.0-4516ae282a55fe2fd5c754967ee6248b',
    'TerseAuditPayload': '1.3-f4fa23834af600ae71b15e2eaff41dc4',
    'AuditPayload': '1.3-c6f2aa269a6ea020a0371ad4ac7236bb',
    'AuditStateUpdatePayload': '1.1-74b6a28fb14d1f8e9da6cc8a9033fbaf',
    'AuditCreatePayload': '1.2-c6f2aa269a6ea020a0371ad4ac7236bb',
    'AuditUpdatePayload': '1.2-12970dec38cd622f7bb5670ac1c5dc1f',
    'AuditDeletePayload': '1.2-c6f2aa269a6ea020a0371ad4ac7236bb',
    'AuditActionPayload': '1.2-1558683dda8c4d947878cd721db6c50c',
    'GoalPayload': '1.0-fa1fecb8b01dd047eef808ded4d50d1a',
    'StrategyPayload': '1.0-94f01c137b083ac236ae82573c1fcfc1',
    'TerseActionPlanPayload': '1.2-4c63201dc30b407be0e39be2aecc3f2b',
    'ActionPlanPayload': '1.2-d5a0360b23d976d66bc8d572a54177f2',
    'ActionPlanStateUpdatePayload': '1.1-74b6a28fb14d1f8e9da6cc8a9033fbaf',
    'ActionPlanCreatePayload': '1.2-d5a0360b23d976d66bc8d572a54177f2',
    'ActionPlanUpdatePayload': '1.2-29d6519e04e7fa041b6b732bc2a8638a',
    'ActionPlanDeletePayload': '1.2-d5a0360b23d976d66bc8d572a54177f2',
    'ActionPlanActionPayload': '1.2-9c2a2ddf6128b3ea1ad95d2fc965fdd1',
    'ActionPlanCancelPayload': '1.2-9c2a2ddf6128b3ea1ad95d2fc965fdd1',
    'ActionPayload': '1.1-2ac8ce2b37757c7bbb5c794f2021d4ce',
    'ActionStateUpdatePayload': '1.1-74b6a28fb14d1f8e9da6cc8a9033fbaf',
    'ActionCreatePayload': '1.1-2ac8ce2b37757c7bbb5c794f2021d4ce',
    'ActionUpdatePayload': '1.1-97da2932212857c4340e9d114dfd8985',
    'ActionDeletePayload': '1.1-2ac8ce2b37757c7bbb5c794f2021d4ce',
    'ActionExecutionPayload': '1.1-b1932d855cc2081d45de50e9705c77fd',
    'ActionCancelPayload': '1.1-b1932d855cc2081d45de50e9705c77fd',
    'ServicePayload': '1.0-9c5a9bc51e6606e0ec3cf95baf698f4f',
    'ServiceStatusUpdatePayload': '1.0-1a1b606bf14a2c468800c2b010801ce5',
    'ServiceUpdatePayload': '1.0-e0e9812a45958974693a723a2c820c3f',
}

NOTIFICATION_CLASSES = (
    'AuditCreateNotification', 'AuditUpdateNotification',
    'AuditDeleteNotification', 'AuditActionNotification',
    'ActionPlanCreateNotification', 'ActionPlanUpdateNotification',
    'ActionPlanDeleteNotification', 'ActionPlanActionNotification',
    'ActionPlanCancelNotification', 'ActionCreateNotification',
    'ActionUpdateNotification', 'ActionDeleteNotification',
    'ActionExecutionNotification', 'ActionCancelNotification',
    'ServiceUpdateNotification', 'ExceptionNotification')
NOTIFICATION_FINGERPRINT = '1.0-9b69de0724fda8310d05e18418178866'


class TestFingerprints(testtools.TestCase):

    def test_every_class_matches_the_reference(self):
        expected = dict(PAYLOAD_FINGERPRINTS)
        expected.update({name: NOTIFICATION_FINGERPRINT
                         for name in NOTIFICATION_CLASSES})
        registered = {cls.obj_name(): [cls] for cls in
                      objects_base.WatcherObjectRegistry.notification_classes}
        self.assertEqual(set(expected), set(registered))
        checker = fixture.ObjectVersionChecker(registered)
        differ_expected, differ_actual = checker.test_hashes(expected)
        self.assertEqual(differ_expected, differ_actual)


class TestEventType(testtools.TestCase):

    def test_without_phase(self):
        event = base.make_event_type('audit', 'create')
        self.assertEqual('audit.create',
                         event.to_notification_event_type_field())
        self.assertNotIn('phase',
                         event.obj_to_primitive()['watcher_object.data'])

    def test_with_phase(self):
        event = base.make_event_type('action_plan', 'execution', 'error')
        self.assertEqual('action_plan.execution.error',
                         event.to_notification_event_type_field())

    def test_unknown_action_or_phase_is_refused(self):
        self.assertRaises(ValueError, base.make_event_type, 'audit',
                          'explode')
        self.assertRaises(ValueError, base.make_event_type, 'audit',
                          'strategy', 'middle')


class TestLevelGate(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.conf = self.useFixture(config_fixture.Config(conf.CONF))

    def test_default_level_is_info(self):
        self.assertFalse(base.is_enabled('debug'))
        for priority in ('info', 'warning', 'error', 'critical'):
            self.assertTrue(base.is_enabled(priority))

    def test_warning_level_drops_info(self):
        self.conf.config(notification_level='warning')
        self.assertFalse(base.is_enabled('info'))
        self.assertTrue(base.is_enabled('warning'))
        self.assertTrue(base.is_enabled('error'))

    def test_empty_level_sends_nothing(self):
        self.conf.config(notification_level='')
        for priority in ('debug', 'info', 'warning', 'error', 'critical'):
            self.assertFalse(base.is_enabled(priority))

    def _notifier_with(self, drivers):
        self.conf.config(transport_url='fake:/')
        self.conf.config(driver=drivers, group='oslo_messaging_notifications')
        rpc.cleanup()
        rpc.init(conf.CONF)
        self.addCleanup(rpc.cleanup)

    def test_nothing_is_built_when_the_notifier_sends_nowhere(self):
        for drivers in ([], ['noop']):
            self._notifier_with(drivers)
            self.assertFalse(base.is_enabled('error'), drivers)

    def test_a_real_driver_enables_notifications(self):
        self._notifier_with(['noop', 'messagingv2'])
        self.assertTrue(base.is_enabled('info'))

    def test_publisher_id(self):
        self.conf.config(host='node0')
        self.assertEqual('infra-optim:node0', base.publisher_id())
        self.assertEqual('other:h', base.publisher_id('other', 'h'))
