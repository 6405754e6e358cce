"""Strict default-filling validation of strategy parameters."""
import jsonschema
import testtools

from watcher.common import exception
from watcher.common import jsonschema_utils

SCHEMA = {
    'properties': {
        'para1': {'type': 'number', 'default': 3.2, 'minimum': 1.0,
                  'maximum': 10.2},
        'para2': {'type': 'string', 'default': 'hello'},
        'nested': {
            'type': 'object',
            'properties': {
                'depth': {'type': 'integer', 'default': 2},
                'label': {'type': 'string'},
            },
        },
        'with_default_object': {
            'type': 'object',
            'default': {},
            'properties': {'size': {'type': 'integer', 'default': 7}},
        },
    },
    'required': [],
}


class TestStrictDefaultValidation(testtools.TestCase):

    def validate(self, parameters):
        return jsonschema_utils.validate_and_fill_defaults(SCHEMA,
                                                           parameters)

    def test_missing_properties_get_their_defaults_in_place(self):
        parameters = {'para2': 'bye'}
        result = self.validate(parameters)
        self.assertIs(parameters, result)
        self.assertEqual(3.2, parameters['para1'])
        self.assertEqual('bye', parameters['para2'])

    def test_nested_defaults_only_when_the_nested_object_exists(self):
        parameters = self.validate({})
        self.assertNotIn('nested', parameters)
        parameters = self.validate({'nested': {'label': 'x'}})
        self.assertEqual({'label': 'x', 'depth': 2}, parameters['nested'])

    def test_object_default_is_created_then_filled(self):
        parameters = self.validate({})
        self.assertEqual({'size': 7}, parameters['with_default_object'])

    def test_defaults_are_not_shared_between_validations(self):
        first = self.validate({})
        first['with_default_object']['size'] = 99
        second = self.validate({})
        self.assertEqual(7, second['with_default_object']['size'])

    def test_unknown_key_is_rejected(self):
        error = self.assertRaises(exception.AuditParameterNotAllowed,
                                  self.validate, {'para3': 1})
        self.assertIn('para3', str(error))
        self.assertEqual(400, error.code)

    def test_unknown_nested_key_is_rejected(self):
        self.assertRaises(exception.AuditParameterNotAllowed,
                          self.validate, {'nested': {'colour': 'red'}})

    def test_out_of_range_value_is_a_validation_error(self):
        error = self.assertRaises(jsonschema.ValidationError,
                                  self.validate, {'para1': 11})
        self.assertIn('para1', jsonschema_utils.error_message(error))

    def test_wrong_type_is_a_validation_error(self):
        self.assertRaises(jsonschema.ValidationError,
                          self.validate, {'para2': 5})

    def test_required_property(self):
        schema = {'properties': {'node': {'type': 'string'}},
                  'required': ['node']}
        self.assertRaises(jsonschema.ValidationError,
                          jsonschema_utils.validate_and_fill_defaults,
                          schema, {})
