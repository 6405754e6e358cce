"""Policy rules of the scoring engines API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'scoring_engine:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'detail',
        check_str=base.RULE_ADMIN_API,
        description='List scoring engines with their details.',
        operations=[
            {'path': '/v1/scoring_engines/detail',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get',
        check_str=base.RULE_ADMIN_API,
        description='Show one scoring engine.',
        operations=[
            {'path': '/v1/scoring_engines/{scoring_engine_id}',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get_all',
        check_str=base.RULE_ADMIN_API,
        description='List scoring engines.',
        operations=[
            {'path': '/v1/scoring_engines',
             'method': 'GET'},
        ],
    ),
]


def list_rules():
    return rules
