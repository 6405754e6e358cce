"""``volume_migrate``: moves a Cinder volume to another pool, or retypes it.

``migrate`` (and its alias ``swap``) moves the volume to the pool
``destination_node``; ``retype`` gives it the type ``destination_type``
(Cinder migrates it when needed). Skipped when the volume is gone or
already where it should go; fails when the pool or type is unknown.
"""
from oslo_log import log

from watcher.applier.actions import base

LOG = log.getLogger(__name__)

MIGRATE = 'migrate'
SWAP = 'swap'
RETYPE = 'retype'
# Server statuses that let Cinder move an attached volume.
MOVABLE_SERVER_STATUSES = ('ACTIVE', 'PAUSED')


class VolumeMigrate(base.BaseAction):

    MIGRATION_TYPE = 'migration_type'
    DESTINATION_NODE = 'destination_node'
    DESTINATION_TYPE = 'destination_type'

    schema = {
        'type': 'object',
        'properties': {
            'resource_id': {'type': 'string',
                            'pattern': base.UUID_PATTERN},
            'resource_name': {'type': ['string', 'null']},
            'migration_type': {'type': 'string',
                               'enum': [SWAP, RETYPE, MIGRATE]},
            'destination_node': {'type': ['string', 'null']},
            'destination_type': {'type': ['string', 'null']},
        },
        'required': ['resource_id', 'migration_type'],
        'additionalProperties': False,
    }

    @property
    def migration_type(self):
        return self.input_parameters.get(self.MIGRATION_TYPE)

    @property
    def destination_node(self):
        return self.input_parameters.get(self.DESTINATION_NODE) or None

    @property
    def destination_type(self):
        return self.input_parameters.get(self.DESTINATION_TYPE) or None

    def _is_move(self):
        return self.migration_type in (MIGRATE, SWAP)

    def pre_condition(self):
        cinder = self.osc.cinder
        volume = cinder.find_volume(self.resource_id)
        if volume is None:
            self.skip('Volume %s not found' % self.resource_id)
        if (self.destination_type and
                cinder.find_volume_type(self.destination_type) is None):
            self.fail('Volume type %s not found' % self.destination_type)
        if (self.destination_node and
                cinder.find_pool(self.destination_node) is None):
            self.fail('Storage pool %s not found' % self.destination_node)
        if self.migration_type == RETYPE:
            if not self.destination_type:
                self.fail('A retype needs destination_type')
            if volume.volume_type == self.destination_type:
                self.skip('Volume %s already has the type %s' % (
                    self.resource_id, self.destination_type))
        elif self._is_move():
            if not self.destination_node:
                self.fail('A migration needs destination_node')
            if volume.host == self.destination_node:
                self.skip('Volume %s is already on %s' % (
                    self.resource_id, self.destination_node))

    def _check_attachment(self, volume):
        """Fail unless Cinder can move the volume in its current state."""
        if not volume.attachments:
            return
        server_id = volume.attachments[0].get('server_id')
        server = self.osc.nova.find_server(server_id) if server_id else None
        if server is None:
            self.fail('Volume %s is attached to instance %s, which does not '
                      'exist' % (self.resource_id, server_id))
        if volume.status != 'in-use':
            self.fail('Attached volume %s has status %s instead of in-use'
                      % (self.resource_id, volume.status))
        if server.status not in MOVABLE_SERVER_STATUSES:
            self.fail('Volume %s is attached to instance %s whose status %s '
                      'does not allow a migration' % (
                          self.resource_id, server_id, server.status))

    def _check_pool_fits_type(self, volume):
        """Fail when the pool lacks a capability the volume type needs."""
        cinder = self.osc.cinder
        volume_type = cinder.find_volume_type(volume.volume_type)
        pool = cinder.find_pool(self.destination_node)
        if pool is None:
            self.fail('Storage pool %s not found' % self.destination_node)
        specs = (volume_type.extra_specs or {}) if volume_type else {}
        capabilities = pool.capabilities or {}
        for key in sorted(specs):
            if key in capabilities and capabilities[key] != specs[key]:
                self.fail('Pool %s does not fit volume type %s (%s is %r, '
                          'the type needs %r)' % (
                              self.destination_node, volume.volume_type, key,
                              capabilities[key], specs[key]))

    def execute(self):
        cinder = self.osc.cinder
        volume = cinder.get_volume(self.resource_id)
        if self._is_move():
            self._check_attachment(volume)
            self._check_pool_fits_type(volume)
            cinder.migrate(self.resource_id, self.destination_node)
        elif self.migration_type == RETYPE:
            if volume.volume_type == self.destination_type:
                self.fail('Volume %s already has the type %s' % (
                    self.resource_id, self.destination_type))
            cinder.retype(self.resource_id, self.destination_type)
        else:
            self.fail('Unknown migration type %r' % self.migration_type)
        LOG.info('Volume %s: %s done', self.resource_id,
                 self.migration_type)
        return True

    @classmethod
    def get_description(cls):
        return 'Moving a volume to destination_node or destination_type'
