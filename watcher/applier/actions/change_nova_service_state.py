"""``change_nova_service_state``: enables or disables a nova-compute service.

The compute host is ``resource_name`` (``resource_id`` is the compute node
id the strategy saw). Skipped when the service is gone or already in the
asked state; ``disabled_reason`` is recorded in Nova when disabling.
"""
from oslo_log import log

from watcher.applier.actions import base
from watcher.common import exception

LOG = log.getLogger(__name__)

ENABLED = 'enabled'
DISABLED = 'disabled'
UP = 'up'
DOWN = 'down'


class ChangeNovaServiceState(base.BaseAction):

    STATE = 'state'
    REASON = 'disabled_reason'

    schema = {
        'type': 'object',
        'properties': {
            'resource_id': {'type': 'string', 'minLength': 1},
            'resource_name': {'type': 'string', 'minLength': 1},
            'state': {'type': 'string',
                      'enum': [UP, DOWN, ENABLED, DISABLED]},
            'disabled_reason': {'type': 'string'},
        },
        'required': ['resource_id', 'state'],
        'additionalProperties': False,
    }

    @property
    def host(self):
        return self.resource_name

    @property
    def state(self):
        return self.input_parameters.get(self.STATE)

    @property
    def reason(self):
        return self.input_parameters.get(self.REASON)

    def pre_condition(self):
        if not self.host:
            self.fail('The compute host (resource_name) is missing')
        service = self.osc.nova.find_compute_service(self.host)
        if service is None:
            self.skip('nova-compute service %s not found' % self.host)
        if service.status == self.state:
            self.skip('nova-compute service %s is already %s' % (
                self.host, self.state))

    def _set(self, state):
        nova = self.osc.nova
        if state == ENABLED:
            service = nova.enable_service(self.host)
        elif state == DISABLED:
            service = nova.disable_service(self.host, reason=self.reason)
        else:
            raise exception.IllegalArgumentException(
                message='The service state %r cannot be set by Watcher; '
                        'use enabled or disabled' % state)
        if service is None or service.status != state:
            self.fail('nova-compute service %s is %s instead of %s' % (
                self.host, getattr(service, 'status', 'unknown'), state))
        LOG.info('nova-compute service %s is now %s', self.host, state)
        return True

    def execute(self):
        return self._set(self.state)

    def revert(self):
        opposite = {ENABLED: DISABLED, DISABLED: ENABLED}.get(self.state)
        return self._set(opposite)

    @classmethod
    def get_description(cls):
        return 'Disables or enables the nova-compute service.'
