"""Action parameters are checked against each action's schema.

Checked before any cloud call: a plan built with bad parameters must fail
with a message naming the problem, not half-change the cloud.
"""
import types

import testtools

from watcher.applier.actions import factory
from watcher.common import exception

SERVER = '73b09e16-35b7-4922-804e-e8f5d9b740fc'
VOLUME = 'f7a2c0f4-7f11-4f0b-9a6f-5d8b3c1b2e10'

VALID = {
    'nop': {'message': 'hello'},
    'sleep': {'duration': 3},
    'migrate': {'migration_type': 'live', 'resource_id': SERVER,
                'source_node': 'compute-1', 'destination_node': 'compute-2',
                'resource_name': 'vm-1'},
    'change_nova_service_state': {'resource_id': 'node-uuid',
                                  'resource_name': 'compute-1',
                                  'state': 'disabled',
                                  'disabled_reason': 'watcher'},
    'resize': {'resource_id': SERVER, 'flavor': 'm1.small'},
    'change_node_power_state': {'resource_id': 'ironic-node',
                                'state': 'off'},
    'volume_migrate': {'resource_id': VOLUME, 'migration_type': 'migrate',
                       'destination_node': 'host@lvm#pool'},
    'stop': {'resource_id': SERVER},
}

# (action type, parameters, text the error must mention)
INVALID = [
    ('nop', {}, "'message' is a required property"),
    ('nop', {'message': 'x', 'fail_execute': 'yes'}, 'fail_execute'),
    ('nop', {'message': 'x', 'resource_id': SERVER},
     'Additional properties are not allowed'),
    ('sleep', {'duration': -1}, 'duration'),
    ('sleep', {'duration': 'long'}, 'duration'),
    ('migrate', dict(VALID['migrate'], migration_type='warm'), 'warm'),
    ('migrate', dict(VALID['migrate'], resource_id='not-a-uuid'),
     'resource_id'),
    ('migrate', {'migration_type': 'live', 'resource_id': SERVER},
     "'source_node' is a required property"),
    ('migrate', dict(VALID['migrate'], source_node=''), 'source_node'),
    ('change_nova_service_state', {'resource_id': 'n', 'state': 'off'},
     'state'),
    ('resize', dict(VALID['resize'], resource_name='vm-1'),
     'Additional properties are not allowed'),
    ('resize', {'resource_id': SERVER}, "'flavor' is a required property"),
    ('change_node_power_state', {'resource_id': 'n', 'state': 'reboot'},
     'reboot'),
    ('volume_migrate', dict(VALID['volume_migrate'],
                            migration_type='copy'), 'copy'),
    ('stop', {'resource_id': SERVER, 'force': True},
     'Additional properties are not allowed'),
]


def db_action(action_type, parameters):
    return types.SimpleNamespace(
        uuid='2f9f6d6e-3a8b-4b59-9d0f-0d6a3c1e5b77', action_type=action_type,
        input_parameters=parameters, action_plan_uuid=None)


class TestActionParameters(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.factory = factory.ActionFactory()

    def test_every_action_type_accepts_its_documented_parameters(self):
        for action_type, parameters in sorted(VALID.items()):
            action = self.factory.make_action(
                db_action(action_type, dict(parameters)))
            self.assertEqual(parameters, action.input_parameters)
            self.assertEqual(parameters.get('resource_id'),
                             action.resource_id)

    def test_invalid_parameters_are_refused_with_a_clear_message(self):
        for action_type, parameters, expected in INVALID:
            error = self.assertRaises(
                exception.InvalidParameter, self.factory.make_action,
                db_action(action_type, parameters))
            message = str(error)
            self.assertTrue(message.startswith('Invalid input parameters'),
                            message)
            self.assertIn(expected, message,
                          '%s %s' % (action_type, parameters))

    def test_unknown_action_type(self):
        error = self.assertRaises(exception.UnsupportedActionType,
                                  self.factory.make_action,
                                  db_action('teleport', {}))
        self.assertIn('teleport', str(error))

    def test_destination_may_be_left_to_nova(self):
        parameters = dict(VALID['migrate'], destination_node=None)
        action = self.factory.make_action(db_action('migrate', parameters))
        self.assertIsNone(action.destination_node)

    def test_live_migrations_and_sleeps_can_be_aborted(self):
        live = self.factory.make_action(
            db_action('migrate', dict(VALID['migrate'])))
        cold = self.factory.make_action(db_action(
            'migrate', dict(VALID['migrate'], migration_type='cold')))
        self.assertTrue(live.check_abort)
        self.assertFalse(cold.check_abort)
        self.assertTrue(self.factory.make_action(
            db_action('sleep', {'duration': 1})).check_abort)

    def test_every_action_has_a_description(self):
        for action_type in sorted(VALID):
            action_class = self.factory.get_class(action_type)
            description = action_class.get_description()
            self.assertTrue(description)
            self.assertLessEqual(len(description), 255)
