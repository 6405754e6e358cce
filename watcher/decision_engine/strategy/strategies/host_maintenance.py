"""Host maintenance: empty one compute node so it can be serviced.

The maintenance node is disabled (reason ``watcher_maintaining``) and its
instances leave it: to the backup node when one is given and can take the
node's whole load (vCPU and memory), otherwise wherever Nova's scheduler
places them. Active instances are live migrated (cold when live migration
is disabled); other instances are cold migrated; with both migrations
disabled active instances are stopped and the others left alone.

Difference from the reference: instances the audit scope excludes
(``watcher_exclude``) are left where they are (the reference moved them,
bug #2154805).
"""
from oslo_log import log

from watcher._i18n import _
from watcher.common import exception
from watcher.decision_engine.strategy.strategies import base

LOG = log.getLogger(__name__)

REASON_FOR_MAINTAINING = 'watcher_maintaining'
CHANGE_NOVA_SERVICE_STATE = 'change_nova_service_state'
MIGRATION = 'migrate'
STOP = 'stop'
LIVE = 'live'
COLD = 'cold'


class HostMaintenance(base.HostMaintenanceBaseStrategy):
    """Move every instance off the maintenance node and disable it."""

    @classmethod
    def get_name(cls):
        return 'host_maintenance'

    @classmethod
    def get_display_name(cls):
        return _('Host Maintenance Strategy')

    @classmethod
    def get_translatable_display_name(cls):
        return 'Host Maintenance Strategy'

    @classmethod
    def get_schema(cls):
        return {
            'properties': {
                'maintenance_node': {
                    'description': 'The name of the compute node to '
                                   'maintain.',
                    'type': 'string',
                },
                'backup_node': {
                    'description': 'The name of the compute node that '
                                   'takes the instances of the maintenance '
                                   'node.',
                    'type': 'string',
                },
                'disable_live_migration': {
                    'description': 'Do not live migrate: active instances '
                                   'are cold migrated, or stopped when '
                                   'cold migration is disabled too.',
                    'type': 'boolean',
                    'default': False,
                },
                'disable_cold_migration': {
                    'description': 'Do not cold migrate: instances that are '
                                   'not active stay where they are.',
                    'type': 'boolean',
                    'default': False,
                },
            },
            'required': ['maintenance_node'],
        }

    # -- model helpers ----------------------------------------------------

    def _node(self, name):
        node = self.compute_model.get_node_by_name(name)
        if node is None:
            raise exception.ComputeNodeNotFound(name=name)
        return node

    def _instances(self, node):
        """Instances of ``node`` in the model's (stable) order."""
        return list(self.compute_model.get_node_instances(node))

    def host_fits(self, source, destination):
        """True if the destination's free vCPU and memory hold the
        source's used vCPU and memory (disk is not checked)."""
        used = self.compute_model.get_node_used_resources(source)
        free = self.compute_model.get_node_free_resources(destination)
        return (used['vcpu'] <= free['vcpu'] and
                used['memory'] <= free['memory'])

    # -- actions ----------------------------------------------------------

    def add_action_enable_compute_node(self, node):
        self.solution.add_action(
            CHANGE_NOVA_SERVICE_STATE,
            input_parameters={'state': base.NODE_ENABLED,
                              'resource_name': node.hostname},
            resource_id=node.uuid)

    def add_action_maintain_compute_node(self, node):
        self.solution.add_action(
            CHANGE_NOVA_SERVICE_STATE,
            input_parameters={'state': base.NODE_DISABLED,
                              'disabled_reason': REASON_FOR_MAINTAINING,
                              'resource_name': node.hostname},
            resource_id=node.uuid)

    def _add_migration(self, instance, migration_type, source, destination):
        parameters = {'migration_type': migration_type,
                      'source_node': source.hostname,
                      'resource_name': instance.name}
        if destination is not None:
            parameters['destination_node'] = destination.hostname
        self.solution.add_action(MIGRATION, input_parameters=parameters,
                                 resource_id=instance.uuid)

    def instance_handle(self, instance, source, destination=None):
        """Add the action that moves (or stops) one instance."""
        if self.is_excluded(instance):
            LOG.info('Instance %s is excluded from the audit scope; it '
                     'stays on %s', instance.uuid, source.hostname)
            return
        live_disabled = self.input_parameters.get(
            'disable_live_migration', False)
        cold_disabled = self.input_parameters.get(
            'disable_cold_migration', False)
        active = instance.state == base.ACTIVE
        if live_disabled and cold_disabled:
            if active:
                self.solution.add_action(STOP, resource_id=instance.uuid)
            return
        if active:
            migration_type = COLD if live_disabled else LIVE
        elif not cold_disabled:
            migration_type = COLD
        else:
            return
        self._add_migration(instance, migration_type, source, destination)

    def safe_maintain(self, maintenance_node, backup_node):
        """Send everything to the backup node if it can take it all."""
        if not self.host_fits(maintenance_node, backup_node):
            return False
        if backup_node.status != base.NODE_ENABLED:
            self.add_action_enable_compute_node(backup_node)
        self.add_action_maintain_compute_node(maintenance_node)
        for instance in self._instances(maintenance_node):
            self.instance_handle(instance, maintenance_node, backup_node)
        return True

    def try_maintain(self, maintenance_node):
        """Disable the node and let the scheduler place its instances."""
        self.add_action_maintain_compute_node(maintenance_node)
        for instance in self._instances(maintenance_node):
            self.instance_handle(instance, maintenance_node)

    def do_execute(self, audit=None):
        LOG.info('Executing Host Maintenance Migration Strategy')
        maintenance_node = self._node(self.input_parameters.maintenance_node)
        backup_name = self.input_parameters.get('backup_node')

        if (not self.compute_model.get_node_instances(maintenance_node) and
                maintenance_node.disabled_reason != REASON_FOR_MAINTAINING):
            self.add_action_maintain_compute_node(maintenance_node)
            return

        if backup_name:
            backup_node = self._node(backup_name)
            if self.safe_maintain(maintenance_node, backup_node):
                return
        self.try_maintain(maintenance_node)
