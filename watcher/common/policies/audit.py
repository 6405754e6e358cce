"""Policy rules of the audits API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'audit:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'create',
        check_str=base.RULE_ADMIN_API,
        description='Create an audit.',
        operations=[
            {'path': '/v1/audits',
             'method': 'POST'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'delete',
        check_str=base.RULE_ADMIN_API,
        description='Delete an audit.',
        operations=[
            {'path': '/v1/audits/{audit_uuid}',
             'method': 'DELETE'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'detail',
        check_str=base.RULE_ADMIN_API,
        description='List audits with their details.',
        operations=[
            {'path': '/v1/audits/detail',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get',
        check_str=base.RULE_ADMIN_API,
        description='Show one audit.',
        operations=[
            {'path': '/v1/audits/{audit_uuid}',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get_all',
        check_str=base.RULE_ADMIN_API,
        description='List audits.',
        operations=[
            {'path': '/v1/audits',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'update',
        check_str=base.RULE_ADMIN_API,
        description='Update an audit.',
        operations=[
            {'path': '/v1/audits/{audit_uuid}',
             'method': 'PATCH'},
        ],
    ),
]


def list_rules():
    return rules
