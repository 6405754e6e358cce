"""``sleep``: waits ``duration`` seconds (a pause between other actions)."""
import threading

from oslo_log import log

from watcher.applier.actions import base

LOG = log.getLogger(__name__)


class Sleep(base.BaseAction):

    DURATION = 'duration'

    schema = {
        'type': 'object',
        'properties': {
            'duration': {'type': 'number', 'minimum': 0},
        },
        'required': ['duration'],
        'additionalProperties': False,
    }

    def __init__(self, config=None, osc=None):
        super().__init__(config=config, osc=osc)
        self._aborted = threading.Event()

    @property
    def duration(self):
        return int(self.input_parameters.get(self.DURATION, 1))

    @property
    def check_abort(self):
        return True

    def execute(self):
        LOG.debug('Sleeping %d second(s)', self.duration)
        self._aborted.wait(self.duration)
        return True

    def revert(self):
        LOG.debug('Nothing to revert after a sleep')
        return True

    def abort(self):
        self._aborted.set()
        return True

    @classmethod
    def get_description(cls):
        return 'Wait for a given interval in seconds.'
