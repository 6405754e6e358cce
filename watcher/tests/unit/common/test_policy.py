"""Policy defaults, overrides and the error users see on denial."""
import testtools

from watcher.common import context
from watcher.common import exception
from watcher.common import policies
from watcher.common import policy
from watcher.tests import policy_fixture

ALL_RESOURCE_RULES = [
    'action:detail', 'action:get', 'action:get_all', 'action:update',
    'action_plan:delete', 'action_plan:detail', 'action_plan:get',
    'action_plan:get_all', 'action_plan:update', 'action_plan:start',
    'audit:create', 'audit:delete', 'audit:detail', 'audit:get',
    'audit:get_all', 'audit:update',
    'audit_template:create', 'audit_template:delete',
    'audit_template:detail', 'audit_template:get', 'audit_template:get_all',
    'audit_template:update',
    'data_model:get_all',
    'goal:detail', 'goal:get', 'goal:get_all',
    'scoring_engine:detail', 'scoring_engine:get', 'scoring_engine:get_all',
    'service:detail', 'service:get', 'service:get_all',
    'strategy:detail', 'strategy:get', 'strategy:get_all', 'strategy:state',
    'webhook:trigger',
]


def _ctx(*roles, **kwargs):
    return context.RequestContext(user_id='u-1', project_id='p-1',
                                  roles=list(roles), **kwargs)


class TestDefaultRules(testtools.TestCase):

    def test_rule_names_and_defaults(self):
        rules = {r.name: r for r in policies.list_rules()}
        self.assertEqual(
            sorted(['admin_api', 'admin_or_service_api', 'show_password'] +
                   ALL_RESOURCE_RULES), sorted(rules))
        self.assertEqual('role:admin or role:administrator',
                         rules['admin_api'].check_str)
        self.assertEqual('rule:admin_api or role:service',
                         rules['admin_or_service_api'].check_str)
        self.assertEqual('!', rules['show_password'].check_str)
        self.assertEqual('rule:admin_or_service_api',
                         rules['webhook:trigger'].check_str)
        for name in ALL_RESOURCE_RULES[:-1]:
            self.assertEqual('rule:admin_api', rules[name].check_str, name)

    def test_documented_operations(self):
        rules = {r.name: r for r in policies.list_rules()}
        self.assertEqual(
            [{'path': '/v1/action_plans/{action_plan_uuid}/start',
              'method': 'POST'}], rules['action_plan:start'].operations)
        self.assertEqual(
            [{'path': '/v1/strategies{strategy_uuid}/state',
              'method': 'GET'}], rules['strategy:state'].operations)
        for name in ALL_RESOURCE_RULES:
            self.assertTrue(rules[name].description, name)


class TestEnforce(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.policy = self.useFixture(policy_fixture.PolicyFixture())

    def test_admin_allowed_everywhere(self):
        for role in ('admin', 'administrator'):
            for rule in ALL_RESOURCE_RULES:
                self.assertTrue(policy.enforce(_ctx(role), rule), rule)

    def test_member_denied_everywhere(self):
        for rule in ALL_RESOURCE_RULES:
            self.assertFalse(policy.enforce(_ctx('member', 'reader'), rule,
                                            do_raise=False), rule)

    def test_denial_message(self):
        error = self.assertRaises(exception.PolicyNotAuthorized,
                                  policy.enforce, _ctx('member'),
                                  'audit:create')
        self.assertEqual("Policy doesn't allow audit:create to be performed.",
                         str(error))
        self.assertEqual(403, error.code)

    def test_service_role_may_trigger_webhooks_only(self):
        self.assertTrue(policy.enforce(_ctx('service'), 'webhook:trigger'))
        self.assertFalse(policy.enforce(_ctx('service'), 'audit:get_all',
                                        do_raise=False))

    def test_no_roles_denied(self):
        self.assertFalse(policy.enforce(_ctx(), 'goal:get_all',
                                        do_raise=False))

    def test_policy_file_override(self):
        self.policy.set_rules({'goal:get_all': 'role:reader',
                               'audit:create': 'project_id:%(project_id)s'})
        self.assertTrue(policy.enforce(_ctx('reader'), 'goal:get_all'))
        self.assertFalse(policy.enforce(_ctx('admin'), 'goal:get_all',
                                        do_raise=False))
        # default target is the caller's own project
        self.assertTrue(policy.enforce(_ctx('member'), 'audit:create'))
        self.assertFalse(policy.enforce(_ctx('member'), 'audit:create',
                                        target={'project_id': 'other'},
                                        do_raise=False))
        # rules not overridden keep their defaults
        self.assertFalse(policy.enforce(_ctx('reader'), 'goal:get',
                                        do_raise=False))

    def test_override_of_base_rule_applies_to_resources(self):
        self.policy.set_rules({'admin_api': 'role:cloud_admin'})
        self.assertTrue(policy.enforce(_ctx('cloud_admin'), 'audit:get'))
        self.assertFalse(policy.enforce(_ctx('admin'), 'audit:get',
                                        do_raise=False))

    def test_object_target(self):
        self.policy.set_rules({'audit:get': 'project_id:%(project_id)s'})

        class FakeAudit:
            def as_dict(self):
                return {'project_id': 'p-1'}

        self.assertTrue(policy.enforce(_ctx('member'), 'audit:get',
                                       target=FakeAudit()))

    def test_rules_see_user_id_and_is_admin(self):
        self.policy.set_rules(
            {'goal:get': 'user_id:%(user_id)s and is_admin:False'})
        self.assertTrue(policy.enforce(_ctx('member'), 'goal:get',
                                       target={'user_id': 'u-1'}))

    def test_admin_context_passes_default_rules(self):
        self.assertTrue(policy.enforce(context.get_admin_context(),
                                       'action_plan:start'))

    def test_get_enforcer_lists_watcher_rules(self):
        enforcer = policy.get_enforcer()
        self.assertIn('webhook:trigger', enforcer.registered_rules)
