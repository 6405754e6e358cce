"""Actuator: turns the actions given as audit parameters into a plan.

Each item of ``actions`` becomes one action, in order; an item equal to an
earlier one is dropped, like any duplicate action.
"""
from watcher._i18n import _
from watcher.common import exception
from watcher.decision_engine.strategy.strategies import base

ACTION_KEYS = ('action_type', 'resource_id', 'input_parameters')


class Actuator(base.UnclassifiedStrategy):
    """Run the given actions as they are."""

    @classmethod
    def get_name(cls):
        return 'actuator'

    @classmethod
    def get_display_name(cls):
        return _('Actuator')

    @classmethod
    def get_translatable_display_name(cls):
        return 'Actuator'

    @classmethod
    def get_schema(cls):
        return {
            '$schema': 'http://json-schema.org/draft-04/schema#',
            'type': 'object',
            'properties': {
                'actions': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {
                            'action_type': {'type': 'string'},
                            'resource_id': {'type': 'string'},
                            'input_parameters': {
                                'type': 'object',
                                'additionalProperties': True,
                            },
                        },
                        'required': ['action_type', 'input_parameters'],
                        'additionalProperties': True,
                    },
                },
            },
            'required': ['actions'],
        }

    @property
    def actions(self):
        return self.input_parameters.get('actions', [])

    def do_execute(self, audit=None):
        for item in self.actions:
            unknown = sorted(set(item) - set(ACTION_KEYS))
            if unknown:
                raise exception.AuditParameterNotAllowed(
                    parameter=', '.join(unknown))
            self.solution.add_action(**item)
