"""Audit template scope normalisation and validation."""

import testtools

from watcher.api.controllers.v1 import scope
from watcher.common import exception


class TestScope(testtools.TestCase):

    def test_empty(self):
        self.assertEqual([], scope.validate([]))
        self.assertEqual([], scope.validate(None))

    def test_old_format_is_wrapped(self):
        rules = [{'availability_zones': [{'name': 'nova'}]}]
        self.assertEqual([{'compute': rules}], scope.validate(rules))

    def test_new_format_is_kept(self):
        value = [{'compute': [{'host_aggregates': [{'id': '*'}]}]},
                 {'storage': [{'volume_types': [{'name': 'fast'}]}]}]
        self.assertEqual(value, scope.validate(value))

    def test_storage_first_is_validated(self):
        value = [{'storage': [{'exclude': [{'volumes': [{'uuid': 'v'}]}]}]}]
        self.assertEqual(value, scope.validate(value))

    def test_schema_violation(self):
        self.assertRaises(exception.Invalid, scope.validate,
                          [{'compute': [{'host_aggregates': 'all'}]}])

    def test_unknown_kind(self):
        self.assertRaises(exception.Invalid, scope.validate,
                          [{'compute': []}, {'network': []}])

    def test_aggregates_in_and_out(self):
        value = [{'compute': [
            {'host_aggregates': [{'name': 'a'}]},
            {'exclude': [{'host_aggregates': [{'name': 'b'}]}]}]}]
        error = self.assertRaises(exception.Invalid, scope.validate, value)
        self.assertIn("host_aggregates can't be included and excluded "
                      "together", str(error))

    def test_not_a_list(self):
        self.assertRaises(exception.Invalid, scope.validate, {'compute': []})
