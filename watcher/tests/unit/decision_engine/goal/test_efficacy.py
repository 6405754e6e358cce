"""Efficacy specifications: indicator schemas and global formulas."""
import json

import jsonschema
import testtools

from watcher.decision_engine.goal.efficacy import base
from watcher.decision_engine.goal.efficacy import specs


def global_values(spec, **indicators):
    result = spec.get_global_efficacy_indicator(
        base.IndicatorsMap(indicators))
    return {indicator.name: indicator.value for indicator in result}


class TestServerConsolidation(testtools.TestCase):

    def test_indicator_names_in_order(self):
        self.assertEqual(
            ['compute_nodes_count', 'released_compute_nodes_count',
             'instance_migrations_count'],
            [s.name for s in specs.ServerConsolidation().indicators_specs])

    def test_released_nodes_ratio(self):
        values = global_values(specs.ServerConsolidation(),
                               compute_nodes_count=8,
                               released_compute_nodes_count=2,
                               instance_migrations_count=5)
        self.assertEqual({'released_nodes_ratio': 25.0}, values)

    def test_ratio_is_zero_without_nodes_or_map(self):
        spec = specs.ServerConsolidation()
        self.assertEqual({'released_nodes_ratio': 0}, global_values(
            spec, compute_nodes_count=0, released_compute_nodes_count=0,
            instance_migrations_count=0))
        self.assertEqual({'released_nodes_ratio': 0}, global_values(spec))

    def test_unit_is_percent(self):
        [indicator] = specs.ServerConsolidation(
        ).get_global_efficacy_indicator(base.IndicatorsMap())
        self.assertEqual('%', indicator.unit)

    def test_all_three_indicators_are_required(self):
        spec = specs.ServerConsolidation()
        self.assertRaises(
            jsonschema.ValidationError, spec.validate_efficacy_indicators,
            {'compute_nodes_count': 3})
        self.assertRaises(
            jsonschema.ValidationError, spec.validate_efficacy_indicators,
            {'compute_nodes_count': -1, 'released_compute_nodes_count': 0,
             'instance_migrations_count': 0})
        # An empty map is not validated.
        spec.validate_efficacy_indicators({})


class TestWorkloadBalancing(testtools.TestCase):

    def test_migration_ratio(self):
        values = global_values(specs.WorkloadBalancing(),
                               instance_migrations_count=3,
                               instances_count=12)
        self.assertEqual({'live_migrations_count': 25.0}, values)

    def test_no_migration_gives_zero_even_without_instances(self):
        values = global_values(specs.WorkloadBalancing(),
                               instance_migrations_count=0)
        self.assertEqual({'live_migrations_count': 0}, values)

    def test_zero_instances_with_migrations_is_not_guarded(self):
        # Same as the reference: the computation fails (and the solution
        # reports GlobalEfficacyComputationError).
        self.assertRaises(ZeroDivisionError, global_values,
                          specs.WorkloadBalancing(),
                          instance_migrations_count=2, instances_count=0)

    def test_only_migrations_count_is_required(self):
        spec = specs.WorkloadBalancing()
        spec.validate_efficacy_indicators({'instance_migrations_count': 1})
        self.assertRaises(jsonschema.ValidationError,
                          spec.validate_efficacy_indicators,
                          {'instances_count': 4})

    def test_standard_deviations_accept_floats(self):
        specs.WorkloadBalancing().validate_efficacy_indicators(
            {'instance_migrations_count': 1,
             'standard_deviation_before_audit': 12.5,
             'standard_deviation_after_audit': 0.25})


class TestHardwareMaintenance(testtools.TestCase):

    def full_map(self, **overrides):
        values = {
            'live_migrate_instance_count': 4,
            'planned_live_migrate_instance_count': 2,
            'cold_migrate_instance_count': 5,
            'planned_cold_migrate_instance_count': 5,
            'volume_migrate_count': 8,
            'planned_volume_migrate_count': 0,
            'volume_update_count': 10,
            'planned_volume_update_count': 1,
        }
        values.update(overrides)
        return values

    def test_ratios_divide_planned_by_actual(self):
        values = global_values(specs.HardwareMaintenance(),
                               **self.full_map())
        self.assertEqual({'live_instance_migrate_ratio': 50.0,
                          'cold_instance_migrate_ratio': 100.0,
                          'volume_migrate_ratio': 0,
                          'volume_update_ratio': 10.0}, values)

    def test_four_global_indicators_in_order(self):
        result = specs.HardwareMaintenance().get_global_efficacy_indicator(
            base.IndicatorsMap(self.full_map()))
        self.assertEqual(['live_instance_migrate_ratio',
                          'cold_instance_migrate_ratio',
                          'volume_migrate_ratio', 'volume_update_ratio'],
                         [i.name for i in result])

    def test_eight_required_indicators(self):
        spec = specs.HardwareMaintenance()
        self.assertEqual(8, len(spec.schema['required']))
        spec.validate_efficacy_indicators(self.full_map())
        partial = self.full_map()
        del partial['volume_update_count']
        self.assertRaises(jsonschema.ValidationError,
                          spec.validate_efficacy_indicators, partial)


class TestUnclassified(testtools.TestCase):

    def test_no_indicator_and_no_global_efficacy(self):
        spec = specs.Unclassified()
        self.assertEqual([], spec.serialize_indicators_specifications())
        self.assertIsNone(spec.get_global_efficacy_indicator(
            base.IndicatorsMap()))


class TestSerialization(testtools.TestCase):

    def test_specification_rows_carry_a_json_schema_string(self):
        rows = specs.ServerConsolidation(
        ).serialize_indicators_specifications()
        self.assertEqual({'name', 'description', 'unit', 'schema'},
                         set(rows[0]))
        self.assertIsNone(rows[0]['unit'])
        self.assertEqual({'type': 'integer', 'minimum': 0},
                         json.loads(rows[0]['schema']))
        self.assertTrue(rows[0]['description'])
