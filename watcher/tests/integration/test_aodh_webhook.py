"""Scenario c: an Aodh alarm triggers an EVENT audit through our webhook.

An EVENT audit waits for a webhook call. A real Aodh ``prometheus`` alarm
whose rule is always true has the action
``trust+http://127.0.0.1:<api port>/v1/webhooks/<audit uuid>``: Aodh's
notifier gets a trust-scoped token for the alarm's owner and POSTs to our
API (Keystone auth on), which must start the audit and produce a plan.
"""
import os

from watcher.tests.integration import base


class TestAodhWebhook(base.IntegrationTestCase):

    def aodh(self, method, path, body=None):
        response = self.watcher.session.request(
            path, method, json=body, raise_exc=False,
            endpoint_filter={'service_type': 'alarming',
                             'interface': 'public'})
        self.assertLess(response.status_code, 400, response.text[:500])
        return response.json() if response.content else None

    def test_alarm_action_starts_event_audit(self):
        audit = self.watcher.post('/v1/audits', {
            'name': 'event-%s' % self.tag, 'goal': 'dummy',
            'strategy': 'dummy', 'audit_type': 'EVENT'})
        self.assertEqual('PENDING', audit['state'])
        api_port = os.environ.get('WATCHER_API_PORT', '9322')
        alarm = self.aodh('POST', '/v2/alarms', {
            'name': 'watcher-hook-%s' % self.tag, 'type': 'prometheus',
            'prometheus_rule': {'query': 'vector(1)', 'threshold': 0,
                                'comparison_operator': 'gt'},
            'alarm_actions': ['trust+http://127.0.0.1:%s/v1/webhooks/%s'
                              % (api_port, audit['uuid'])]})
        self.addCleanup(self.aodh, 'DELETE', '/v2/alarms/%s'
                        % alarm['alarm_id'])

        base.wait_for('the alarm to fire', lambda: self.aodh(
            'GET', '/v2/alarms/%s' % alarm['alarm_id'])['state'] == 'alarm',
            90, interval=2)
        self.watcher.wait_audit(audit['uuid'], timeout=120)
        plans = self.watcher.action_plans(audit['uuid'])
        self.assertEqual(1, len(plans))
        self.assertTrue(self.watcher.actions(plans[0]['uuid']))
