"""``nop``: logs a message; its flags make it skip or fail on purpose.

Used by the dummy and actuator strategies, and to test how the applier
handles each outcome without touching the cloud.
"""
from oslo_log import log

from watcher.applier.actions import base

LOG = log.getLogger(__name__)


class Nop(base.BaseAction):

    MESSAGE = 'message'

    schema = {
        'type': 'object',
        'properties': {
            'message': {'type': ['string', 'null']},
            'skip_pre_condition': {'type': 'boolean', 'default': False},
            'fail_pre_condition': {'type': 'boolean', 'default': False},
            'fail_execute': {'type': 'boolean', 'default': False},
            'fail_post_condition': {'type': 'boolean', 'default': False},
        },
        'required': ['message'],
        'additionalProperties': False,
    }

    @property
    def message(self):
        return self.input_parameters.get(self.MESSAGE)

    def _flag(self, name):
        return bool(self.input_parameters.get(name, False))

    @property
    def check_abort(self):
        return True

    def pre_condition(self):
        if self._flag('skip_pre_condition'):
            self.skip('Skipped in pre_condition')
        if self._flag('fail_pre_condition'):
            self.fail('Failed in pre_condition')

    def execute(self):
        LOG.info('Executing action NOP message: %s', self.message)
        return not self._flag('fail_execute')

    def post_condition(self):
        if self._flag('fail_post_condition'):
            self.fail('Failed in post_condition')

    def revert(self):
        LOG.info('Reverting action NOP')
        return True

    def abort(self):
        LOG.info('Aborting action NOP')
        return True

    @classmethod
    def get_description(cls):
        return 'Logging a NOP message'
