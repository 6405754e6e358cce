"""Base rules the resource rules are built from."""
from oslo_policy import policy

RULE_ADMIN_API = 'rule:admin_api'
RULE_ADMIN_OR_SERVICE_API = 'rule:admin_or_service_api'
ROLE_ADMIN_OR_ADMINISTRATOR = 'role:admin or role:administrator'
ALWAYS_DENY = '!'

rules = [
    policy.RuleDefault(
        name='admin_api',
        check_str=ROLE_ADMIN_OR_ADMINISTRATOR),
    policy.RuleDefault(
        name='admin_or_service_api',
        check_str='rule:admin_api or role:service',
        description='Allowed to cloud administrators and to service '
                    'users.'),
    policy.RuleDefault(
        name='show_password',
        check_str=ALWAYS_DENY),
]


def list_rules():
    return rules
