"""JSON patch helpers: application and error mapping."""

import testtools
import wsme

from watcher.api.controllers.v1 import patch
from watcher.common import exception


def _op(op, path, **value):
    operation = {'op': op, 'path': path}
    operation.update(value)
    return operation


class TestApply(testtools.TestCase):

    def test_replace_and_nested_add(self):
        doc = {'name': 'a', 'parameters': {'x': 1}}
        patched = patch.apply(doc, [
            _op('replace', '/name', value='b'),
            _op('add', '/parameters/y', value=2)])
        self.assertEqual({'name': 'b', 'parameters': {'x': 1, 'y': 2}},
                         patched)
        self.assertEqual({'name': 'a', 'parameters': {'x': 1}}, doc)

    def test_add_of_new_root_attribute_refused(self):
        error = self.assertRaises(wsme.exc.ClientSideError, patch.apply,
                                  {'name': 'a'},
                                  [_op('add', '/colour', value='x')])
        self.assertEqual('Adding a new attribute (/colour) to the root of  '
                         'the resource is not allowed', error.faultstring)

    def test_failure_is_a_patch_error(self):
        operations = [_op('remove', '/missing')]
        error = self.assertRaises(exception.PatchError, patch.apply,
                                  {'name': 'a'}, operations)
        self.assertIn("Couldn't apply patch", str(error))
        self.assertEqual(400, error.code)

    def test_find_returns_last_operation_of_attribute(self):
        operations = [_op('replace', '/state', value='A'),
                      _op('replace', '/name', value='n'),
                      _op('replace', '/state', value='B')]
        self.assertEqual('B', patch.find(operations, 'state')['value'])
        self.assertIsNone(patch.find(operations, 'scope'))


class TestJsonPatchType(testtools.TestCase):

    def _validate(self, cls=patch.JsonPatchType, **fields):
        return cls.validate(cls(**fields))

    def test_internal_attribute(self):
        error = self.assertRaises(wsme.exc.ClientSideError, self._validate,
                                  op='replace', path='/uuid', value='x')
        self.assertEqual("'/uuid' is an internal attribute and can not be "
                         "updated", error.faultstring)

    def test_value_needed(self):
        error = self.assertRaises(wsme.exc.ClientSideError, self._validate,
                                  op='add', path='/name')
        self.assertEqual("'add' and 'replace' operations needs value",
                         error.faultstring)

    def test_remove_without_value(self):
        self.assertEqual({'op': 'remove', 'path': '/name'},
                         self._validate(op='remove', path='/name'))

    def test_null_value_is_kept(self):
        self.assertEqual({'op': 'replace', 'path': '/name', 'value': None},
                         self._validate(op='replace', path='/name',
                                        value=None))

    def test_allowed_and_mandatory(self):
        class Restricted(patch.JsonPatchType):
            @staticmethod
            def allowed_attrs():
                return ['/state']

            @staticmethod
            def mandatory_attrs():
                return ['/state']

        error = self.assertRaises(wsme.exc.ClientSideError, self._validate,
                                  Restricted, op='replace', path='/name',
                                  value='x')
        self.assertIn('is not an allowed attribute', error.faultstring)
        error = self.assertRaises(wsme.exc.ClientSideError, self._validate,
                                  Restricted, op='remove', path='/state')
        self.assertIn('is a mandatory attribute', error.faultstring)
