"""Keystone emulation, the admin API, the exporter routes and the app."""
import unittest

from prometheus_client.parser import text_string_to_metric_families

from watcher.emulated_cloud import wsgi
from watcher.tests.unit.emulated_cloud import utils


def password_body(user='watcher', password='watcherpass',
                  project='service'):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'name': user, 'domain': {'name': 'Default'},
                 'password': password}}}}}
    if project:
        body['auth']['scope'] = {'project': {'name': project,
                                             'domain': {'name': 'Default'}}}
    return body


class IdentityTest(unittest.TestCase):

    def setUp(self):
        self.cloud = utils.make_cloud(
            extra_endpoints={'infra-optim': 'http://127.0.0.1:9322'})
        self.app = self.cloud.app

    def issue(self, **kwargs):
        return utils.call(self.app, 'POST', '/identity/v3/auth/tokens',
                          password_body(**kwargs))

    def test_discovery(self):
        status, _, body = utils.call(self.app, 'GET', '/identity')
        self.assertEqual(300, status)
        self.assertEqual('http://cloud.test/identity/v3/',
                         body['versions']['values'][0]['links'][0]['href'])
        status, _, body = utils.call(self.app, 'GET', '/identity/v3/')
        self.assertEqual('stable', body['version']['status'])

    def test_password_token_with_catalog(self):
        status, headers, body = self.issue()
        self.assertEqual(201, status)
        self.assertTrue(headers['X-Subject-Token'])
        token = body['token']
        self.assertEqual(('watcher', 'service'), (token['user']['name'],
                                                  token['project']['name']))
        catalog = {entry['type']: entry for entry in token['catalog']}
        self.assertEqual({'identity', 'compute', 'placement',
                          'block-storage', 'volumev3', 'baremetal',
                          'infra-optim'}, set(catalog))
        compute = catalog['compute']['endpoints']
        self.assertEqual({'public', 'internal', 'admin'},
                         {e['interface'] for e in compute})
        self.assertEqual('http://cloud.test/compute/v2.1', compute[0]['url'])
        self.assertEqual('RegionOne', compute[0]['region'])

    def test_bad_credentials_and_unknown_project(self):
        status, headers, body = self.issue(password='wrong')
        self.assertEqual(401, status)
        self.assertEqual(401, body['error']['code'])
        self.assertIn('WWW-Authenticate', headers)
        status, _, _ = self.issue(project='nope')
        self.assertEqual(401, status)
        status, _, _ = utils.call(self.app, 'POST', '/identity/v3/auth/tokens',
                                  raw_body=b'{')
        self.assertEqual(400, status)

    def test_validate_and_revoke(self):
        _, headers, _ = self.issue()
        token = headers['X-Subject-Token']
        auth = {'X-Auth-Token': token, 'X-Subject-Token': token}
        status, _, body = utils.call(self.app, 'GET',
                                     '/identity/v3/auth/tokens',
                                     headers=auth)
        self.assertEqual(200, status)
        self.assertEqual('service', body['token']['project']['name'])
        status, _, _ = utils.call(self.app, 'DELETE',
                                  '/identity/v3/auth/tokens', headers=auth)
        self.assertEqual(204, status)
        status, _, _ = utils.call(self.app, 'GET',
                                  '/identity/v3/auth/tokens', headers=auth)
        self.assertEqual(404, status)

    def test_project_token_scopes_server_listing(self):
        self.cloud.state.identity['projects']['p1'] = 'p1'
        _, headers, _ = self.issue(user='admin', password='adminpass',
                                   project='p1')
        _, _, body = utils.call(
            self.app, 'GET', '/compute/v2.1/servers',
            headers={'X-Auth-Token': headers['X-Subject-Token']})
        self.assertEqual(['vm-3', 'vm-1'], [s['name']
                                            for s in body['servers']])

    def test_services_and_endpoints(self):
        _, _, body = utils.call(self.app, 'GET', '/identity/v3/services',
                                query='type=block-storage')
        self.assertEqual(['block-storage'], [s['type']
                                             for s in body['services']])
        service_id = body['services'][0]['id']
        _, _, body = utils.call(
            self.app, 'GET', '/identity/v3/endpoints',
            query='service_id=%s&interface=public' % service_id)
        self.assertEqual(['http://cloud.test/volume/v3'],
                         [e['url'] for e in body['endpoints']])

    def test_unscoped_token_has_no_catalog(self):
        _, _, body = self.issue(project=None)
        self.assertNotIn('catalog', body['token'])


class AdminAndExporterTest(unittest.TestCase):

    def setUp(self):
        self.clock = utils.Clock()
        self.cloud = utils.make_cloud(clock=self.clock)
        self.app = self.cloud.app

    def test_admin_load_changes_the_metrics(self):
        status, _, body = utils.call(self.app, 'PUT', '/admin/load',
                                     {'vm-1': 0.0})
        self.assertEqual(200, status)
        self.assertEqual({'vm-1': 0.0}, body['overrides'])
        self.clock.advance(10)
        _, headers, text = utils.call(self.app, 'GET', '/ceilometer')
        self.assertTrue(headers['Content-Type'].startswith('text/plain'))
        values = {s.labels['resource_name']: s.value
                  for f in text_string_to_metric_families(text.decode())
                  for s in f.samples if s.name == 'ceilometer_cpu'}
        self.assertEqual(0.0, values['vm-1'])
        self.assertGreater(values['vm-2'], 0.0)
        status, _, body = utils.call(self.app, 'PUT', '/admin/load',
                                     {'vm-1': 7})
        self.assertEqual(400, status)

    def test_state_and_exporter_routes(self):
        _, _, body = utils.call(self.app, 'GET', '/admin/state')
        self.assertEqual(['11111111-1111-1111-1111-000000000001',
                          '11111111-1111-1111-1111-000000000002'],
                         body['hosts']['compute-1']['servers'])
        status, _, text = utils.call(self.app, 'GET', '/node/compute-2')
        self.assertEqual(200, status)
        self.assertIn(b'node_memory_MemAvailable_bytes', text)
        status, _, text = utils.call(self.app, 'GET', '/node/nowhere')
        self.assertEqual(404, status)
        status, _, text = utils.call(self.app, 'GET', '/libvirt/compute-1')
        self.assertIn(b'domain="instance-00000002"', text)
        _, _, text = utils.call(self.app, 'GET', '/admin/prometheus.yml',
                                query='exporter=10.0.0.1:1234')
        self.assertIn(b'10.0.0.1:1234', text)

    def test_unknown_service_and_index(self):
        status, _, body = utils.call(self.app, 'GET', '/network/v2.0')
        self.assertEqual(404, status)
        _, _, body = utils.call(self.app, 'GET', '/')
        self.assertEqual('http://cloud.test/compute',
                         body['services']['compute'])

    def test_head_requests_have_no_body(self):
        status, headers, body = utils.call(self.app, 'HEAD',
                                           '/compute/v2.1/servers')
        self.assertEqual((200, b''), (status, body))


class WsgiTest(unittest.TestCase):

    def test_as_bool(self):
        self.assertTrue(wsgi.as_bool(''))
        self.assertTrue(wsgi.as_bool('True'))
        self.assertFalse(wsgi.as_bool('0'))
        self.assertFalse(wsgi.as_bool(None))

    def test_handler_crash_is_a_500_fault_not_a_dropped_connection(self):
        def broken(req):
            raise RuntimeError('boom')

        router = wsgi.Router([('GET', '/x', broken)],
                             lambda code, msg: {'code': code, 'msg': msg})
        with self.assertLogs('watcher.emulated_cloud.wsgi', 'ERROR'):
            response = router.handle(wsgi.Request(
                {'REQUEST_METHOD': 'GET'}, '/x', 'http://h'))
        self.assertEqual(500, response.status)
        self.assertEqual(500, response.body['code'])
