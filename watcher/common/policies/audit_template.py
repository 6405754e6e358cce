"""Policy rules of the audit templates API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'audit_template:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'create',
        check_str=base.RULE_ADMIN_API,
        description='Create an audit template.',
        operations=[
            {'path': '/v1/audit_templates',
             'method': 'POST'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'delete',
        check_str=base.RULE_ADMIN_API,
        description='Delete an audit template.',
        operations=[
            {'path': '/v1/audit_templates/{audit_template_uuid}',
             'method': 'DELETE'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'detail',
        check_str=base.RULE_ADMIN_API,
        description='List audit templates with their details.',
        operations=[
            {'path': '/v1/audit_templates/detail',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get',
        check_str=base.RULE_ADMIN_API,
        description='Show one audit template.',
        operations=[
            {'path': '/v1/audit_templates/{audit_template_uuid}',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get_all',
        check_str=base.RULE_ADMIN_API,
        description='List audit templates.',
        operations=[
            {'path': '/v1/audit_templates',
             'method': 'GET'},
        ],
    ),
    policy.DocumentedRuleDefault(
        name=PREFIX % 'update',
        check_str=base.RULE_ADMIN_API,
        description='Update an audit template.',
        operations=[
            {'path': '/v1/audit_templates/{audit_template_uuid}',
             'method': 'PATCH'},
        ],
    ),
]


def list_rules():
    return rules
