"""Coercion rules of the Watcher field types."""
import decimal

from oslo_versionedobjects import base as ovo_base
import testtools

from watcher.objects import fields as wfields


@ovo_base.VersionedObjectRegistry.register_if(False)
class Sample(ovo_base.VersionedObject):
    """A throw-away object carrying one field of each kind under test."""

    fields = {
        'uuid': wfields.UUIDField(),
        'maybe_uuid': wfields.UUIDField(nullable=True),
        'flex_dict': wfields.FlexibleDictField(nullable=True),
        'strict_dict': wfields.FlexibleDictField(),
        'flex_list': wfields.FlexibleListOfDictField(nullable=True),
        'number': wfields.NumericField(nullable=True),
        'params': wfields.DictField(nullable=True),
        'parents': wfields.ListOfUUIDsField(default=[]),
        'priority': wfields.NotificationPriorityField(),
    }


class TestUUIDField(testtools.TestCase):

    def test_empty_string_is_null_when_nullable(self):
        obj = Sample(maybe_uuid='')
        self.assertIsNone(obj.maybe_uuid)

    def test_empty_string_is_refused_when_not_nullable(self):
        obj = Sample()
        self.assertRaises(ValueError, setattr, obj, 'uuid', '')

    def test_uuid_is_kept(self):
        uuid = 'f9f1ea3d-0f06-4cf3-8b8a-0a73d42e0b7c'
        self.assertEqual(uuid, Sample(uuid=uuid).uuid)


class TestFlexibleDictField(testtools.TestCase):

    def test_python_literal_string_is_parsed(self):
        obj = Sample(flex_dict="{'threshold': 0.5, 'period': 60}")
        self.assertEqual({'threshold': 0.5, 'period': 60}, obj.flex_dict)

    def test_json_string_is_parsed(self):
        obj = Sample(flex_dict='{"enabled": true, "x": null}')
        self.assertEqual({'enabled': True, 'x': None}, obj.flex_dict)

    def test_null_becomes_empty_dict_when_nullable(self):
        self.assertEqual({}, Sample(flex_dict=None).flex_dict)

    def test_null_is_refused_when_not_nullable(self):
        self.assertRaises(ValueError, Sample, strict_dict=None)

    def test_non_dict_is_refused(self):
        self.assertRaises(ValueError, Sample, flex_dict='[1, 2]')
        self.assertRaises(ValueError, Sample, flex_dict='not a literal {')


class TestFlexibleListOfDictField(testtools.TestCase):

    def test_string_and_tuple_become_lists(self):
        self.assertEqual([{'compute': []}],
                         Sample(flex_list="[{'compute': []}]").flex_list)
        self.assertEqual([{'a': 1}], Sample(flex_list=({'a': 1},)).flex_list)

    def test_null_becomes_empty_list(self):
        self.assertEqual([], Sample(flex_list=None).flex_list)

    def test_dict_is_refused(self):
        self.assertRaises(ValueError, Sample, flex_list={'a': 1})


class TestNumericField(testtools.TestCase):

    def test_integral_values_become_int(self):
        for value in (3, 3.0, '3', decimal.Decimal('3.000')):
            number = Sample(number=value).number
            self.assertEqual(3, number)
            self.assertIsInstance(number, int)

    def test_fractions_stay_float(self):
        self.assertEqual(12.345, Sample(number=decimal.Decimal(
            '12.345')).number)
        self.assertEqual(0.25, Sample(number='0.25').number)

    def test_garbage_is_refused(self):
        for value in ('many', [1], True):
            self.assertRaises(ValueError, Sample, number=value)

    def test_null_is_kept(self):
        self.assertIsNone(Sample(number=None).number)


class TestOtherFields(testtools.TestCase):

    def test_dict_field_keeps_any_json_value(self):
        params = {'migration_type': 'live', 'retries': 3,
                  'hosts': ['a', 'b'], 'nested': {'x': None}}
        self.assertEqual(params, Sample(params=params).params)

    def test_list_of_uuids_defaults_to_empty(self):
        obj = Sample()
        obj.obj_set_defaults('parents')
        self.assertEqual([], obj.parents)

    def test_priority_enum_refuses_unknown_value(self):
        self.assertEqual('warning', Sample(priority='warning').priority)
        self.assertRaises(ValueError, Sample, priority='loud')

    def test_enum_valid_values_are_the_reference_ones(self):
        self.assertEqual(('debug', 'info', 'warning', 'error', 'critical'),
                         wfields.NotificationPriority.ALL)
        self.assertEqual(('start', 'end', 'error'),
                         wfields.NotificationPhase.ALL)
        self.assertEqual(('create', 'update', 'exception', 'delete',
                          'strategy', 'planner', 'execution', 'cancel'),
                         wfields.NotificationAction.ALL)
