"""Bare metal (Ironic) operations of the change_node_power_state action.

Power changes are requested through the openstacksdk ``baremetal`` proxy
and polled every ``poll_interval`` seconds at most ``max_polls`` times
(10 s x 60 by default), so a node that never changes gives a clear error.
"""
from oslo_log import log

from watcher.common import cloud_polling
from watcher.common import exception
from watcher import conf

CONF = conf.CONF
LOG = log.getLogger(__name__)

POWER_ON = 'on'
POWER_OFF = 'off'
# Ironic power states -> the action's two states (anything else: unknown).
_POWER_MAP = {
    'power on': POWER_ON,
    'rebooting': POWER_ON,
    'soft reboot': POWER_ON,
    'power off': POWER_OFF,
    'soft power off': POWER_OFF,
}
_TARGETS = {POWER_ON: 'power on', POWER_OFF: 'power off'}


def simple_power_state(ironic_state):
    """``on``, ``off`` or None for an Ironic ``power_state``."""
    return _POWER_MAP.get(ironic_state)


class IronicHelper(cloud_polling.ProxyHelper):
    """Node reads and power changes with bounded waits."""

    proxy_name = 'baremetal'
    service_label = 'Ironic'
    error_class = exception.IronicClientError

    poll_interval = 10.0
    max_polls = 60

    def retry_settings(self):
        return CONF.nova.http_retries, CONF.nova.http_retry_interval

    def find_node(self, node_id):
        return self.find('get_node', node_id)

    def get_node(self, node_id):
        node = self.find_node(node_id)
        if node is None:
            raise exception.IronicNodeNotFound(uuid=node_id)
        return node

    def set_power_state(self, node_id, state):
        """Ask for ``state`` (``on``/``off``) and wait until it is reached."""
        if state not in _TARGETS:
            raise exception.IllegalArgumentException(
                message='Unknown power state %r' % state)
        self.call('set_node_power_state', node_id, _TARGETS[state])
        result = cloud_polling.wait_for(
            lambda: self.get_node(node_id),
            lambda node: simple_power_state(node.power_state) == state,
            retries=self.max_polls, interval=self.poll_interval)
        if not result.done:
            raise exception.IronicClientError(
                reason='node %s is still %r after %d polls every %s s' % (
                    node_id, result.value.power_state, self.max_polls,
                    self.poll_interval))
        return result.value
