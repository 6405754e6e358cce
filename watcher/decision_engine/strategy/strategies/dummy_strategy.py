"""Dummy strategy: a fixed three-action plan, for tests and demos."""
from oslo_log import log

from watcher._i18n import _
from watcher.decision_engine.strategy.strategies import base

LOG = log.getLogger(__name__)

NOP = 'nop'
SLEEP = 'sleep'


def dummy_parameters_schema():
    """Schema shared by ``dummy`` and ``dummy_with_resize``."""
    return {
        'properties': {
            'para1': {
                'description': 'number parameter example',
                'type': 'number',
                'default': 3.2,
                'minimum': 1.0,
                'maximum': 10.2,
            },
            'para2': {
                'description': 'string parameter example',
                'type': 'string',
                'default': 'hello',
            },
        },
    }


class DummyStrategy(base.DummyBaseStrategy):
    """Emits ``nop``, ``nop`` and ``sleep``; needs a compute model."""

    @classmethod
    def get_name(cls):
        return 'dummy'

    @classmethod
    def get_display_name(cls):
        return _('Dummy strategy')

    @classmethod
    def get_translatable_display_name(cls):
        return 'Dummy strategy'

    @classmethod
    def get_schema(cls):
        return dummy_parameters_schema()

    def do_execute(self, audit=None):
        para1 = self.input_parameters.para1
        para2 = self.input_parameters.para2
        LOG.debug('Executing dummy strategy with para1=%s para2=%s',
                  para1, para2)
        self.solution.add_action(NOP,
                                 input_parameters={'message': 'hello World'})
        self.solution.add_action(NOP, input_parameters={'message': para2})
        self.solution.add_action(SLEEP, input_parameters={'duration': para1})
