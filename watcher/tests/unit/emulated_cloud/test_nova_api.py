"""The emulated Nova over WSGI: shapes by microversion, paging, errors."""
import unittest

from watcher.tests.unit.emulated_cloud import utils

VM1 = '11111111-1111-1111-1111-000000000001'
VM2 = '11111111-1111-1111-1111-000000000002'
V = '/compute/v2.1'


class NovaAPITest(unittest.TestCase):

    def setUp(self):
        self.cloud = utils.make_cloud()
        self.app = self.cloud.app

    def get(self, path, version='2.96', query=''):
        return utils.call(self.app, 'GET', V + path,
                          headers=utils.nova(version), query=query)

    def post(self, path, body, version='2.96', raw_body=None):
        return utils.call(self.app, 'POST', V + path, body,
                          headers=utils.nova(version), raw_body=raw_body)

    def test_version_documents(self):
        status, _, body = utils.call(self.app, 'GET', '/compute/')
        self.assertEqual(200, status)
        version = body['versions'][0]
        self.assertEqual(('v2.1', '2.1', '2.100'), (
            version['id'], version['min_version'], version['version']))
        status, _, body = utils.call(self.app, 'GET', V)
        self.assertEqual('CURRENT', body['version']['status'])

    def test_microversion_headers_and_limits(self):
        status, headers, _ = self.get('/servers', '2.53')
        self.assertEqual('compute 2.53', headers['OpenStack-API-Version'])
        self.assertEqual('2.53', headers['X-OpenStack-Nova-API-Version'])
        status, _, body = self.get('/servers', '2.999')
        self.assertEqual(406, status)
        self.assertEqual(406, body['notAcceptable']['code'])
        status, _, body = self.get('/servers', 'two')
        self.assertEqual(400, status)
        status, headers, _ = self.get('/servers', 'latest')
        self.assertEqual('compute 2.100', headers['OpenStack-API-Version'])

    def test_server_detail_shape_at_2_96(self):
        status, _, body = self.get('/servers/%s' % VM2)
        self.assertEqual(200, status)
        server = body['server']
        self.assertEqual({'vcpus': 4, 'ram': 4096, 'disk': 40,
                          'ephemeral': 10, 'swap': 1500,
                          'original_name': 'big', 'extra_specs': {}},
                         server['flavor'])
        self.assertEqual('', server['image'])
        self.assertEqual(('compute-1', 'compute-1', 'active', 1, True),
                         (server['OS-EXT-SRV-ATTR:host'],
                          server['OS-EXT-SRV-ATTR:hypervisor_hostname'],
                          server['OS-EXT-STS:vm_state'],
                          server['OS-EXT-STS:power_state'],
                          server['locked']))
        self.assertIn('pinned_availability_zone', server)
        self.assertEqual([{'id': '22222222-2222-2222-2222-000000000001',
                           'delete_on_termination': False}],
                         server['os-extended-volumes:volumes_attached'])

    def test_server_detail_shape_at_2_1(self):
        status, _, body = self.get('/servers/%s' % VM1, version='2.1')
        server = body['server']
        self.assertEqual('1', server['flavor']['id'])
        self.assertNotIn('locked', server)
        self.assertNotIn('pinned_availability_zone', server)
        self.assertIn('id', server['image'])

    def test_unknown_server_is_item_not_found(self):
        status, _, body = self.get('/servers/nope')
        self.assertEqual(404, status)
        self.assertEqual({'itemNotFound': {
            'code': 404, 'message': 'Instance nope could not be found.'}},
            body)

    def test_malformed_json_is_bad_request(self):
        status, _, body = self.post('/servers/%s/action' % VM1, None,
                                    raw_body=b'{not json')
        self.assertEqual(400, status)
        self.assertEqual('Malformed request body',
                         body['badRequest']['message'])
        status, _, body = self.post('/servers/%s/action' % VM1,
                                    {'reboot-ish': None})
        self.assertEqual(400, status)
        self.assertIn('no such action', body['badRequest']['message'])

    def test_method_not_allowed(self):
        status, headers, body = utils.call(self.app, 'PATCH',
                                           V + '/servers/%s' % VM1)
        self.assertEqual(405, status)
        self.assertIn('GET', headers['Allow'])

    def test_paging_with_limit_marker_and_next_links(self):
        status, _, body = self.get('/servers/detail', query='limit=2')
        self.assertEqual(['vm-3', 'vm-2'],
                         [s['name'] for s in body['servers']])
        link = body['servers_links'][0]['href']
        self.assertTrue(link.startswith('http://cloud.test/compute/v2.1/'
                                        'servers/detail?'))
        self.assertIn('marker=11111111-1111-1111-1111-000000000002', link)
        status, _, body = self.get(
            '/servers/detail',
            query='limit=2&marker=11111111-1111-1111-1111-000000000002')
        self.assertEqual(['vm-1'], [s['name'] for s in body['servers']])
        self.assertNotIn('servers_links', body)
        status, _, body = self.get('/servers/detail', query='marker=bad')
        self.assertEqual(400, status)
        status, _, body = self.get('/servers/detail', query='limit=-1')
        self.assertEqual(400, status)

    def test_host_and_project_filters(self):
        _, _, body = self.get('/servers/detail',
                              query='all_tenants=1&host=compute-1')
        self.assertEqual(['vm-2', 'vm-1'],
                         [s['name'] for s in body['servers']])
        _, _, body = self.get('/servers', query='all_tenants=1&host=none')
        self.assertEqual([], body['servers'])
        _, _, body = self.get('/servers', query='project_id=p1')
        self.assertEqual(['vm-3', 'vm-1'],
                         [s['name'] for s in body['servers']])
        _, _, body = self.get('/servers', query='status=SHUTOFF')
        self.assertEqual(['vm-3'], [s['name'] for s in body['servers']])

    def test_hypervisors_by_microversion(self):
        _, _, body = self.get('/os-hypervisors/detail', version='2.53',
                              query='with_servers=true')
        compute1 = body['hypervisors'][0]
        self.assertEqual(self.cloud.state.hosts['compute-1'].uuid,
                         compute1['id'])
        self.assertEqual(6, compute1['vcpus_used'])
        self.assertEqual(2, compute1['running_vms'])
        self.assertEqual(['instance-00000001', 'instance-00000002'],
                         [s['name'] for s in compute1['servers']])
        self.assertNotIn('servers', body['hypervisors'][2])
        _, _, body = self.get('/os-hypervisors/detail', version='2.88',
                              query='with_servers=1')
        self.assertNotIn('vcpus', body['hypervisors'][0])
        self.assertEqual([], body['hypervisors'][2]['servers'])
        _, _, body = self.get('/os-hypervisors/detail', version='2.1')
        self.assertEqual(1, body['hypervisors'][0]['id'])

    def test_hypervisor_hostname_pattern(self):
        _, _, body = self.get(
            '/os-hypervisors/detail',
            query='hypervisor_hostname_pattern=compute-2&with_servers=1')
        self.assertEqual(['compute-2'], [h['hypervisor_hostname']
                                         for h in body['hypervisors']])
        self.assertEqual('compute-2', body['hypervisors'][0]['service'][
            'host'])
        status, _, body = self.get(
            '/os-hypervisors', query='hypervisor_hostname_pattern=zzz')
        self.assertEqual(404, status)
        status, _, _ = self.get(
            '/os-hypervisors', query='hypervisor_hostname_pattern=c&limit=1')
        self.assertEqual(400, status)
        _, _, body = self.get('/os-hypervisors/compute-3/search',
                              version='2.1')
        self.assertEqual(3, body['hypervisors'][0]['id'])

    def test_service_disable_mirrors_onto_hypervisor(self):
        host = self.cloud.state.hosts['compute-2']
        status, _, body = utils.call(
            self.app, 'PUT', V + '/os-services/%s' % host.service_uuid,
            {'status': 'disabled', 'disabled_reason': 'watcher'},
            headers=utils.nova())
        self.assertEqual(200, status)
        self.assertEqual(('disabled', 'watcher'), (
            body['service']['status'], body['service']['disabled_reason']))
        _, _, body = self.get('/os-hypervisors/%s' % host.uuid)
        hypervisor = body['hypervisor']
        self.assertEqual(('disabled', 'watcher'), (
            hypervisor['status'], hypervisor['service']['disabled_reason']))
        status, _, body = utils.call(
            self.app, 'PUT', V + '/os-services/%s' % host.service_uuid,
            {'status': 'enabled', 'disabled_reason': 'x'},
            headers=utils.nova())
        self.assertEqual(400, status)
        status, _, body = utils.call(
            self.app, 'PUT', V + '/os-services/disable-log-reason',
            {'host': 'compute-2', 'binary': 'nova-compute',
             'disabled_reason': 'legacy'}, headers=utils.nova('2.11'))
        self.assertEqual(200, status)
        self.assertEqual('legacy', host.disabled_reason)

    def test_services_and_controller(self):
        _, _, body = self.get('/os-services', query='binary=nova-compute')
        self.assertEqual(['compute-1', 'compute-2', 'compute-3'],
                         [s['host'] for s in body['services']])
        _, _, body = self.get('/os-services')
        self.assertIn('nova-conductor', [s['binary']
                                         for s in body['services']])

    def test_flavors_aggregates_and_zones(self):
        _, _, body = self.get('/flavors/detail', version='2.61')
        self.assertEqual(['1', '2', '3'], [f['id'] for f in body['flavors']])
        self.assertEqual(10, body['flavors'][1]['OS-FLV-EXT-DATA:ephemeral'])
        _, _, body = self.get('/flavors/1', version='2.1')
        self.assertEqual('', body['flavor']['swap'])
        status, _, body = self.get('/flavors/99')
        self.assertEqual(404, status)
        _, _, body = self.get('/os-aggregates')
        self.assertEqual(['compute-1', 'compute-2'],
                         body['aggregates'][0]['hosts'])
        status, _, _ = self.get('/os-aggregates/7')
        self.assertEqual(404, status)
        _, _, body = self.get('/os-availability-zone/detail')
        self.assertEqual(['internal', 'nova'],
                         [z['zoneName'] for z in
                          body['availabilityZoneInfo']])

    def test_actions_through_the_api(self):
        status, _, _ = self.post('/servers/%s/action' % VM1,
                                 {'migrate': {'host': 'compute-3'}})
        self.assertEqual(202, status)
        _, _, body = self.get('/servers/%s' % VM1)
        self.assertEqual(('VERIFY_RESIZE', 'compute-3'), (
            body['server']['status'], body['server']['OS-EXT-SRV-ATTR:host']))
        status, _, _ = self.post('/servers/%s/action' % VM1,
                                 {'migrate': {'host': 'compute-2'}},
                                 version='2.55')
        self.assertEqual(400, status)
        status, _, _ = self.post('/servers/%s/action' % VM1,
                                 {'confirmResize': None})
        self.assertEqual(204, status)
        _, _, body = self.get('/os-migrations')
        self.assertEqual('confirmed', body['migrations'][0]['status'])
        _, _, body = self.get('/servers/%s/migrations' % VM1)
        self.assertEqual([], body['migrations'])
        status, _, body = self.post('/servers/%s/action' % VM1,
                                    {'os-migrateLive': {
                                        'host': 'compute-9',
                                        'block_migration': 'auto'}})
        self.assertEqual(400, status)
        status, _, body = self.post('/servers/%s/action' % VM1,
                                    {'resize': {}})
        self.assertEqual(400, status)

    def test_boot_a_server(self):
        status, headers, body = self.post('/servers', {'server': {
            'name': 'web', 'flavorRef': '1', 'imageRef': 'img'}})
        self.assertEqual(202, status)
        uuid = body['server']['id']
        self.assertTrue(headers['Location'].endswith(uuid))
        _, _, body = self.get('/servers/%s' % uuid)
        self.assertEqual('ACTIVE', body['server']['status'])
        status, _, body = self.post('/servers', {'server': {
            'name': 'web', 'flavorRef': '42', 'imageRef': 'img'}})
        self.assertEqual(400, status)
        status, _, body = self.post('/servers', {'server': {'name': 'x'}})
        self.assertEqual(400, status)
