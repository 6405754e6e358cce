"""Policy rules of the goals API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'goal:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'detail',
        check_str=base.RULE_ADMIN_API,
        description='List goals with their details.',
        operations=[
            {'path': '/v1/goals/detail',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get',
        check_str=base.RULE_ADMIN_API,
        description='Show one goal.',
        operations=[
            {'path': '/v1/goals/{goal_uuid}',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get_all',
        check_str=base.RULE_ADMIN_API,
        description='List goals.',
        operations=[
            {'path': '/v1/goals',
             'method': 'GET'},
        ],
    ),
]


def list_rules():
    return rules
