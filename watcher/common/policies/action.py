"""Policy rules of the actions API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'action:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'detail',
        check_str=base.RULE_ADMIN_API,
        description='List actions with their details.',
        operations=[
            {'path': '/v1/actions/detail',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get',
        check_str=base.RULE_ADMIN_API,
        description='Show one action.',
        operations=[
            {'path': '/v1/actions/{action_id}',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get_all',
        check_str=base.RULE_ADMIN_API,
        description='List actions.',
        operations=[
            {'path': '/v1/actions',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'update',
        check_str=base.RULE_ADMIN_API,
        description='Update an action (skip it or change its status message).',
        operations=[
            {'path': '/v1/actions/{action_id}',
             'method': 'PATCH'},
        ],
    ),
]


def list_rules():
    return rules
