"""``resize``: gives an instance another flavor and confirms the resize.

Skipped when the instance is gone; fails when the flavor (id or name)
does not exist.
"""
from oslo_log import log

from watcher.applier.actions import base

LOG = log.getLogger(__name__)


class Resize(base.BaseAction):

    FLAVOR = 'flavor'

    schema = {
        'type': 'object',
        'properties': {
            'resource_id': {'type': 'string',
                            'pattern': base.UUID_PATTERN},
            'flavor': {'type': 'string', 'minLength': 1},
        },
        'required': ['resource_id', 'flavor'],
        'additionalProperties': False,
    }

    @property
    def flavor(self):
        return self.input_parameters.get(self.FLAVOR)

    def pre_condition(self):
        nova = self.osc.nova
        if nova.find_server(self.resource_id) is None:
            self.skip('Instance %s not found' % self.resource_id)
        if nova.find_flavor(self.flavor) is None:
            self.fail('Flavor %s not found' % self.flavor)

    def execute(self):
        nova = self.osc.nova
        flavor = nova.find_flavor(self.flavor)
        if flavor is None:
            self.fail('Flavor %s not found' % self.flavor)
        nova.resize(self.resource_id, flavor.id)
        LOG.info('Instance %s resized to flavor %s', self.resource_id,
                 self.flavor)
        return True

    @classmethod
    def get_description(cls):
        return 'Resize a server with specified flavor.'
