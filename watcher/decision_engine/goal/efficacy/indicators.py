"""Efficacy indicator specifications.

An indicator is a number a strategy reports about its solution (how many
nodes it releases, how many migrations it plans...). Its specification gives
the name, a description, a unit, whether strategies of the goal must report
it, and the JSON schema its value must satisfy. The specifications are
stored, serialised, in ``goals.efficacy_specification``.
"""
import numbers

from oslo_serialization import jsonutils

from watcher._i18n import _
from watcher.common import exception

NON_NEGATIVE_INTEGER = {'type': 'integer', 'minimum': 0}
NON_NEGATIVE_NUMBER = {'type': 'number', 'minimum': 0}


class IndicatorSpecification(object):
    """Describes one efficacy indicator of a goal."""

    def __init__(self, name, description, unit=None, schema=None,
                 required=True):
        self.name = name
        self.description = description
        self.unit = unit
        self.schema = schema
        self.required = required

    def to_dict(self):
        """Serialised form kept in ``goals.efficacy_specification``."""
        return {
            'name': self.name,
            'description': self.description,
            'unit': self.unit,
            'schema': (jsonutils.dumps(self.schema, sort_keys=True)
                       if self.schema else None),
        }

    def __str__(self):
        return str(self.to_dict())


class Indicator(object):
    """A computed indicator value: one row of ``efficacy_indicators``."""

    def __init__(self, name, description, unit, value):
        if not isinstance(value, numbers.Number) or isinstance(value, bool):
            raise exception.InvalidIndicatorValue(
                name=name, value=value, spec_type=type(value).__name__)
        self.name = name
        self.description = description
        self.unit = unit
        self.value = value

    def to_dict(self):
        return {'name': self.name, 'description': self.description,
                'unit': self.unit, 'value': self.value}

    def __repr__(self):
        return 'Indicator(%s=%r%s)' % (self.name, self.value,
                                       self.unit or '')


def _count(name, description, required=True):
    return IndicatorSpecification(name, description, None,
                                  NON_NEGATIVE_INTEGER, required)


def compute_nodes_count():
    return _count('compute_nodes_count',
                  _('The total number of enabled compute nodes.'))


def released_compute_nodes_count():
    return _count('released_compute_nodes_count',
                  _('The number of compute nodes the solution releases.'))


def instance_migrations_count():
    return _count('instance_migrations_count',
                  _('The number of instance migrations the solution '
                    'plans.'))


def instances_count():
    return _count('instances_count',
                  _('The number of instances the strategy audited.'),
                  required=False)


def live_migrate_instance_count():
    return _count('live_migrate_instance_count',
                  _('The number of instances actually live migrated.'))


def planned_live_migrate_instance_count():
    return _count('planned_live_migrate_instance_count',
                  _('The number of instances planned for live migration.'))


def cold_migrate_instance_count():
    return _count('cold_migrate_instance_count',
                  _('The number of instances actually cold migrated.'))


def planned_cold_migrate_instance_count():
    return _count('planned_cold_migrate_instance_count',
                  _('The number of instances planned for cold migration.'))


def volume_migrate_count():
    return _count('volume_migrate_count',
                  _('The number of detached volumes actually migrated.'))


def planned_volume_migrate_count():
    return _count('planned_volume_migrate_count',
                  _('The number of detached volumes planned for '
                    'migration.'))


def volume_update_count():
    return _count('volume_update_count',
                  _('The number of attached volumes actually migrated.'))


def planned_volume_update_count():
    return _count('planned_volume_update_count',
                  _('The number of attached volumes planned for '
                    'migration.'))


def standard_deviation_after_audit():
    return IndicatorSpecification(
        'standard_deviation_after_audit',
        _('The standard deviation of the load once the solution is '
          'applied.'),
        None, NON_NEGATIVE_NUMBER, required=False)


def standard_deviation_before_audit():
    return IndicatorSpecification(
        'standard_deviation_before_audit',
        _('The standard deviation of the load before the solution is '
          'applied.'),
        None, NON_NEGATIVE_NUMBER, required=False)
