"""The API's RPC casts, received by fake services over the fake transport.

The gabbi stories check what a client sees; these tests check what the
decision engine and the applier receive for the same requests.
"""

import json
import time

import testtools
import webob

from watcher.tests.functional.fixtures import api_data
from watcher.tests.functional.fixtures import gabbits as fixtures


class TestAPICasts(testtools.TestCase):

    def setUp(self):
        super(TestAPICasts, self).setUp()
        self.fixture = fixtures.AuditFixture()
        self.fixture.start_fixture()
        self.addCleanup(self.fixture.stop_fixture)
        self.app = fixtures._APP['app']

    def _request(self, method, path, body=None, version='1.5'):
        request = webob.Request.blank(path, method=method)
        request.headers['X-Roles'] = 'admin'
        request.headers['OpenStack-API-Version'] = 'infra-optim ' + version
        if body is not None:
            request.body = json.dumps(body).encode('utf-8')
            request.content_type = 'application/json'
        return request.get_response(self.app)

    def _wait_for_casts(self, count, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            casts = fixtures.recorded_casts()
            if len(casts) >= count:
                return casts
            time.sleep(0.02)
        return fixtures.recorded_casts()

    def test_oneshot_audit_is_triggered(self):
        response = self._request('POST', '/v1/audits', {
            'audit_type': 'ONESHOT', 'goal': 'dummy', 'name': 'cast-me'})
        self.assertEqual(201, response.status_int)
        self.assertEqual([('trigger_audit', response.json['uuid'])],
                         self._wait_for_casts(1))

    def test_continuous_and_event_audits_are_not_triggered(self):
        for audit_type, extra in (('CONTINUOUS', {'interval': '60'}),
                                  ('EVENT', {})):
            body = dict(audit_type=audit_type, goal='dummy', **extra)
            self.assertEqual(201, self._request('POST', '/v1/audits',
                                                body).status_int)
        # A later ONESHOT cast proves the earlier requests sent nothing.
        response = self._request('POST', '/v1/audits', {
            'audit_type': 'ONESHOT', 'goal': 'dummy'})
        self.assertEqual([('trigger_audit', response.json['uuid'])],
                         self._wait_for_casts(1))

    def test_start_launches_the_plan(self):
        plan = api_data.UUIDS['PLAN_TO_START']
        response = self._request('POST', '/v1/action_plans/%s/start' % plan,
                                 {})
        self.assertEqual(200, response.status_int)
        self.assertEqual([('launch_action_plan', plan)],
                         self._wait_for_casts(1))

    def test_patch_to_pending_launches_the_plan(self):
        plan = api_data.UUIDS['PLAN_RECOMMENDED']
        response = self._request('PATCH', '/v1/action_plans/%s' % plan, [
            {'op': 'replace', 'path': '/state', 'value': 'PENDING'}])
        self.assertEqual(200, response.status_int)
        self.assertEqual([('launch_action_plan', plan)],
                         self._wait_for_casts(1))

    def test_cancel_sends_nothing(self):
        plan = api_data.UUIDS['PLAN_TO_CANCEL']
        response = self._request('PATCH', '/v1/action_plans/%s' % plan, [
            {'op': 'replace', 'path': '/state', 'value': 'CANCELLED'}])
        self.assertEqual(200, response.status_int)
        start = api_data.UUIDS['PLAN_TO_START']
        self._request('POST', '/v1/action_plans/%s/start' % start, {})
        self.assertEqual([('launch_action_plan', start)],
                         self._wait_for_casts(1))

    def test_webhook_triggers_the_event_audit(self):
        audit = api_data.UUIDS['AUDIT_EVENT']
        response = self._request('POST', '/v1/webhooks/audit-event', {})
        self.assertEqual(202, response.status_int)
        self.assertEqual(b'', response.body)
        self.assertEqual([('trigger_audit', audit)], self._wait_for_casts(1))

    def test_refused_requests_send_nothing(self):
        self.assertEqual(400, self._request(
            'POST', '/v1/webhooks/audit-pending', {}).status_int)
        self.assertEqual(400, self._request(
            'POST', '/v1/action_plans/%s/start'
            % api_data.UUIDS['PLAN_SUCCEEDED'], {}).status_int)
        self.assertEqual(400, self._request('POST', '/v1/audits', {
            'audit_type': 'ONESHOT', 'goal': 'dummy', 'strategy': 'dummy',
            'parameters': {'para1': 99}}).status_int)
        time.sleep(0.2)
        self.assertEqual([], fixtures.recorded_casts())
