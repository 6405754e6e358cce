"""Policy rules of the strategies API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'strategy:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'detail',
        check_str=base.RULE_ADMIN_API,
        description='List strategies with their details.',
        operations=[
            {'path': '/v1/strategies/detail',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get',
        check_str=base.RULE_ADMIN_API,
        description='Show one strategy.',
        operations=[
            {'path': '/v1/strategies/{strategy_uuid}',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get_all',
        check_str=base.RULE_ADMIN_API,
        description='List strategies.',
        operations=[
            {'path': '/v1/strategies',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'state',
        check_str=base.RULE_ADMIN_API,
        description='Show whether the requirements of a strategy are met.',
        operations=[
            {'path': '/v1/strategies{strategy_uuid}/state',
             'method': 'GET'},
        ],
    ),
]


def list_rules():
    return rules
