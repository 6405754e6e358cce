"""Policy rules of the data models API."""
from oslo_policy import policy

from watcher.common.policies import base

PREFIX = 'data_model:%s'

rules = [
    policy.DocumentedRuleDefault(
        name=PREFIX % 'get_all',
        check_str=base.RULE_ADMIN_API,
        description='Show the cluster data model.',
        operations=[
            {'path': '/v1/data_model',
             'method': 'GET'},
        ],
    ),
]


def list_rules():
    return rules
