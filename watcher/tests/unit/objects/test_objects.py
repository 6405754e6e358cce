"""Object definitions: versions, fingerprints, registry, serialisation."""
import subprocess
import sys

from oslo_versionedobjects import fixture
import testtools

from watcher import objects
from watcher.objects import base

# The reference's fingerprints (api-contract §11). They hash the field
# types/nullability/defaults and the remotable method signatures, so a
# match means an ovo client of the reference would see identical objects.
REFERENCE_FINGERPRINTS = {
    'Goal': '1.0-93881622db05e7b67a65ca885b4a022e',
    'Strategy': '1.1-73f164491bdd4c034f48083a51bdeb7b',
    'AuditTemplate': '1.2-9d775b1dbb7cc1219cac5707e8a70e27',
    'Audit': '1.8-9cadb11a1fbe7200fb32891b37672a62',
    'ActionPlan': '2.3-dad26bdb60307f461572739463108a59',
    'Action': '2.1-71073c74c2ecc3a3d7c7103d0072d366',
    'EfficacyIndicator': '1.0-655b71234a82bc7478aff964639c4bb0',
    'ScoringEngine': '1.0-4abbe833544000728e17bd9e83f97576',
    'Service': '1.0-4b35b99ada9677a882c9de2b30212f35',
    'ActionDescription': '1.0-5761a3d16651046e7a0c357b57a6583e',
}


class TestFingerprints(testtools.TestCase):

    def test_objects_match_the_reference(self):
        checker = fixture.ObjectVersionChecker(
            {name: base.WatcherObjectRegistry.obj_classes()[name]
             for name in REFERENCE_FINGERPRINTS})
        expected, actual = checker.test_hashes(REFERENCE_FINGERPRINTS)
        self.assertEqual(expected, actual,
                         'Object fingerprints differ from the reference')


class TestRegistry(testtools.TestCase):

    def test_objects_are_published_in_the_package(self):
        for name in REFERENCE_FINGERPRINTS:
            cls = getattr(objects, name)
            self.assertEqual(name, cls.obj_name())
            self.assertEqual('watcher', cls.OBJ_PROJECT_NAMESPACE)

    def test_notification_classes_are_not_published_in_objects(self):
        import watcher.notifications  # noqa: F401
        self.assertFalse(hasattr(objects, 'EventType'))
        self.assertFalse(hasattr(objects, 'AuditCreatePayload'))

    def test_importing_objects_does_not_import_notifications(self):
        # A fresh interpreter: this test process may already hold both.
        code = ('import sys, watcher.objects; '
                'print("watcher.notifications" in sys.modules)')
        result = subprocess.run([sys.executable, '-W', 'ignore', '-c', code],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual('False', result.stdout.strip().splitlines()[-1])


class TestSerialisation(testtools.TestCase):

    def test_primitive_uses_the_watcher_namespace(self):
        goal = objects.Goal(name='dummy', display_name='Dummy',
                            efficacy_specification=[])
        primitive = goal.obj_to_primitive()
        self.assertEqual('Goal', primitive['watcher_object.name'])
        self.assertEqual('watcher', primitive['watcher_object.namespace'])
        self.assertEqual('1.0', primitive['watcher_object.version'])
        self.assertEqual('dummy', primitive['watcher_object.data']['name'])

    def test_serializer_round_trip_with_nested_object(self):
        goal = objects.Goal(id=1, uuid='3fa2c7ac-76a3-4ad8-8d03-e9d9bd3c8b7e',
                            name='dummy', display_name='Dummy',
                            efficacy_specification=[])
        strategy = objects.Strategy(id=2, name='basic', display_name='Basic',
                                    goal_id=1, parameters_spec=None,
                                    goal=goal)
        serializer = base.WatcherObjectSerializer()
        primitive = serializer.serialize_entity(None, strategy)
        copy = serializer.deserialize_entity(None, primitive)
        self.assertIsInstance(copy, objects.Strategy)
        self.assertEqual({}, copy.parameters_spec)
        self.assertEqual('dummy', copy.goal.name)
        self.assertIsInstance(copy.goal, objects.Goal)

    def test_as_dict_and_item_access(self):
        goal = objects.Goal(name='dummy', display_name='Dummy')
        self.assertEqual({'name': 'dummy', 'display_name': 'Dummy'},
                         goal.as_dict())
        self.assertEqual('Dummy', goal['display_name'])

    def test_audit_force_defaults_to_false(self):
        audit = objects.Audit()
        audit.obj_set_defaults('force')
        self.assertIs(False, audit.force)
