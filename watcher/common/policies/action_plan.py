"""Policy rules of the action plans API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'action_plan:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'delete',
        check_str=base.RULE_ADMIN_API,
        description='Delete an action plan.',
        operations=[
            {'path': '/v1/action_plans/{action_plan_uuid}',
             'method': 'DELETE'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'detail',
        check_str=base.RULE_ADMIN_API,
        description='List action plans with their details.',
        operations=[
            {'path': '/v1/action_plans/detail',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get',
        check_str=base.RULE_ADMIN_API,
        description='Show one action plan.',
        operations=[
            {'path': '/v1/action_plans/{action_plan_id}',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get_all',
        check_str=base.RULE_ADMIN_API,
        description='List action plans.',
        operations=[
            {'path': '/v1/action_plans',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'update',
        check_str=base.RULE_ADMIN_API,
        description='Update an action plan (change its state).',
        operations=[
            {'path': '/v1/action_plans/{action_plan_uuid}',
             'method': 'PATCH'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'start',
        check_str=base.RULE_ADMIN_API,
        description='Start an action plan.',
        operations=[
            {'path': '/v1/action_plans/{action_plan_uuid}/start',
             'method': 'POST'},
        ],
    ),
]


def list_rules():
    return rules
