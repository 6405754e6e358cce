"""Policy rules of the services API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'service:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'detail',
        check_str=base.RULE_ADMIN_API,
        description='List Watcher services with their details.',
        operations=[
            {'path': '/v1/services/',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get',
        check_str=base.RULE_ADMIN_API,
        description='Show one Watcher service.',
        operations=[
            {'path': '/v1/services/{service_id}',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get_all',
        check_str=base.RULE_ADMIN_API,
        description='List Watcher services.',
        operations=[
            {'path': '/v1/services/',
             'method': 'GET'},
        ],
    ),
]


def list_rules():
    return rules
