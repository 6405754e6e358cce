"""``change_node_power_state``: powers a bare metal node on or off (Ironic).

``resource_id`` is the Ironic node. Powering off is refused while the
Nova compute host running on that node (``extra.compute_node_id``) still
hosts instances; servers are counted through the compute API because the
SDK's hypervisor has no running-VM count. MAAS is not supported: when
``[maas_client] url`` is set the action fails and says so.
"""
from oslo_log import log

from watcher.applier.actions import base
from watcher.common import ironic_helper
from watcher import conf

CONF = conf.CONF
LOG = log.getLogger(__name__)

POWER_ON = ironic_helper.POWER_ON
POWER_OFF = ironic_helper.POWER_OFF


class ChangeNodePowerState(base.BaseAction):

    STATE = 'state'

    schema = {
        'type': 'object',
        'properties': {
            'resource_id': {'type': 'string', 'minLength': 1},
            'resource_name': {'type': 'string'},
            'state': {'type': 'string', 'enum': [POWER_ON, POWER_OFF]},
        },
        'required': ['resource_id', 'state'],
        'additionalProperties': False,
    }

    @property
    def state(self):
        return self.input_parameters.get(self.STATE)

    def _check_backend(self):
        if 'maas_client' in CONF and CONF.maas_client.url:
            self.fail('MAAS is not supported by this applier; unset '
                      '[maas_client] url to power nodes through Ironic')

    def _hosted_instances(self, node):
        """(compute host, instance count) on the node, or (None, 0)."""
        compute_node_id = (node.extra or {}).get('compute_node_id')
        if not compute_node_id:
            return None, 0
        nova = self.osc.nova
        hypervisor = nova.get_hypervisor(compute_node_id)
        if hypervisor is None:
            return None, 0
        host = (hypervisor.service_details or {}).get('host')
        if not host:
            return None, 0
        return host, nova.count_servers_on_host(host)

    def _set(self, state):
        self._check_backend()
        ironic = self.osc.ironic
        node = ironic.get_node(self.resource_id)
        if ironic_helper.simple_power_state(node.power_state) == state:
            LOG.info('Node %s is already powered %s', self.resource_id,
                     state)
            return True
        if state == POWER_OFF:
            host, count = self._hosted_instances(node)
            if count:
                self.fail('Node %s cannot be powered off: compute host %s '
                          'still hosts %d instance(s)' % (
                              self.resource_id, host, count))
        ironic.set_power_state(self.resource_id, state)
        LOG.info('Node %s powered %s', self.resource_id, state)
        return True

    def execute(self):
        return self._set(self.state)

    def revert(self):
        opposite = {POWER_ON: POWER_OFF, POWER_OFF: POWER_ON}[self.state]
        return self._set(opposite)

    @classmethod
    def get_description(cls):
        return 'Compute node power on/off through Ironic.'
