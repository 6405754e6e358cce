"""``migrate``: moves an instance to another compute host (live or cold).

Skipped when the instance is gone or no longer on ``source_node`` (the
plan is stale); fails when the destination is unknown or disabled, or a
live migration is asked for an instance that is not ACTIVE. A cold
migration is confirmed so the instance ends in its previous state.
"""
from oslo_log import log

from watcher.applier.actions import base
from watcher.common import exception

LOG = log.getLogger(__name__)

LIVE = 'live'
COLD = 'cold'


class Migrate(base.BaseAction):

    MIGRATION_TYPE = 'migration_type'
    DESTINATION_NODE = 'destination_node'
    SOURCE_NODE = 'source_node'

    schema = {
        'type': 'object',
        'properties': {
            'destination_node': {'type': ['string', 'null']},
            'migration_type': {'type': 'string', 'enum': [LIVE, COLD]},
            'resource_id': {'type': 'string',
                            'pattern': base.UUID_PATTERN},
            'resource_name': {'type': 'string'},
            'source_node': {'type': 'string', 'minLength': 1},
        },
        'required': ['migration_type', 'resource_id', 'source_node'],
        'additionalProperties': False,
    }

    @property
    def migration_type(self):
        return self.input_parameters.get(self.MIGRATION_TYPE)

    @property
    def source_node(self):
        return self.input_parameters.get(self.SOURCE_NODE)

    @property
    def destination_node(self):
        return self.input_parameters.get(self.DESTINATION_NODE) or None

    @property
    def check_abort(self):
        return self.migration_type == LIVE

    def pre_condition(self):
        nova = self.osc.nova
        server = nova.find_server(self.resource_id)
        if server is None:
            self.skip('Instance %s not found' % self.resource_id)
        if server.compute_host != self.source_node:
            self.skip('Instance %s is not running on source node %s '
                      '(it is on %s)' % (self.resource_id, self.source_node,
                                         server.compute_host))
        if self.destination_node:
            hypervisor = nova.find_hypervisor(self.destination_node)
            if hypervisor is None:
                self.fail('Destination node %s not found' %
                          self.destination_node)
            if hypervisor.status != 'enabled':
                self.fail('Destination node %s is not enabled (status %s)'
                          % (self.destination_node, hypervisor.status))
        if self.migration_type == LIVE and server.status != 'ACTIVE':
            self.fail('Live migration of instance %s requires the ACTIVE '
                      'status, not %s' % (self.resource_id, server.status))

    def _migrate(self, destination):
        nova = self.osc.nova
        if self.migration_type == LIVE:
            nova.live_migrate(self.resource_id, destination)
        elif self.migration_type == COLD:
            nova.cold_migrate(self.resource_id, destination)
        else:
            raise exception.IllegalArgumentException(
                message='Unknown migration type %r' % self.migration_type)
        LOG.info('Instance %s migrated (%s) from %s to %s',
                 self.resource_id, self.migration_type, self.source_node,
                 destination or 'a host chosen by Nova')
        return True

    def execute(self):
        return self._migrate(self.destination_node)

    def revert(self):
        return self._migrate(self.source_node)

    def abort(self):
        if self.migration_type != LIVE:
            return None
        return self.osc.nova.abort_live_migration(self.resource_id,
                                                  self.source_node)

    @classmethod
    def get_description(cls):
        return 'Moving a VM instance from source_node to destination_node'
