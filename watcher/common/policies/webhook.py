"""Policy rules of the webhooks API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'webhook:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'trigger',
        check_str=base.RULE_ADMIN_OR_SERVICE_API,
        description='Trigger an event-driven audit.',
        operations=[
            {'path': '/v1/webhooks/{audit_uuid}',
             'method': 'POST'},
        ],
    ),
]


def list_rules():
    return rules
