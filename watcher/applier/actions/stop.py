"""``stop``: powers an instance off through Nova (os-stop).

Skipped when the instance is gone or already SHUTOFF; ``revert`` starts it
again.
"""
from oslo_log import log

from watcher.applier.actions import base

LOG = log.getLogger(__name__)


class Stop(base.BaseAction):

    schema = {
        'type': 'object',
        'properties': {
            'resource_id': {'type': 'string',
                            'pattern': base.UUID_PATTERN},
        },
        'required': ['resource_id'],
        'additionalProperties': False,
    }

    def pre_condition(self):
        server = self.osc.nova.find_server(self.resource_id)
        if server is None:
            self.skip('Instance %s not found' % self.resource_id)
        if server.status == 'SHUTOFF':
            self.skip('Instance %s is already stopped' % self.resource_id)

    def execute(self):
        self.osc.nova.stop(self.resource_id)
        LOG.info('Instance %s stopped', self.resource_id)
        return True

    def revert(self):
        self.osc.nova.start(self.resource_id)
        return True

    def abort(self):
        return False

    @classmethod
    def get_description(cls):
        return 'Stop a server instance.'
