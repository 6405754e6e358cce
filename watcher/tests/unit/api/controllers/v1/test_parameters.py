"""Strategy parameter validation messages."""

import testtools

from watcher.api.controllers.v1 import parameters
from watcher.common import exception

SCHEMA = {'properties': {
    'para1': {'type': 'number', 'default': 3.2, 'minimum': 1.0},
    'nested': {'type': 'object', 'default': {},
               'properties': {'x': {'type': 'integer', 'default': 1}}}}}


class TestParameters(testtools.TestCase):

    def test_defaults_are_injected(self):
        values = {}
        parameters.validate_audit_parameters(SCHEMA, values)
        self.assertEqual({'para1': 3.2, 'nested': {'x': 1}}, values)

    def test_unknown_key(self):
        error = self.assertRaises(exception.AuditParameterNotAllowed,
                                  parameters.validate_audit_parameters,
                                  SCHEMA, {'other': 1})
        self.assertEqual(400, error.code)

    def test_invalid_value(self):
        error = self.assertRaises(exception.Invalid,
                                  parameters.validate_audit_parameters,
                                  SCHEMA, {'para1': 0})
        self.assertIn('Invalid parameters for strategy: ', str(error))

    def test_default_parameters_are_not_filled(self):
        values = {'para1': 2.0}
        parameters.validate_default_parameters(SCHEMA, values)
        self.assertEqual({'para1': 2.0}, values)

    def test_invalid_default_parameters(self):
        error = self.assertRaises(exception.Invalid,
                                  parameters.validate_default_parameters,
                                  SCHEMA, {'para1': 'x'})
        self.assertIn('Invalid default_parameters for strategy: ',
                      str(error))
