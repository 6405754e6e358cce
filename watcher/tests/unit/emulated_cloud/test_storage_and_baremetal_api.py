"""The emulated Cinder and Ironic over WSGI."""
import json
import unittest

from watcher.tests.unit.emulated_cloud import utils

VOL1 = '22222222-2222-2222-2222-000000000001'
VOL2 = '22222222-2222-2222-2222-000000000002'
NODE1 = '33333333-3333-3333-3333-000000000001'
CV = {'OpenStack-API-Version': 'volume 3.71'}


class CinderAPITest(unittest.TestCase):

    def setUp(self):
        self.cloud = utils.make_cloud()
        self.app = self.cloud.app

    def get(self, path, query=''):
        return utils.call(self.app, 'GET', '/volume' + path, headers=CV,
                          query=query)

    def action(self, volume, body, project='/v3'):
        return utils.call(self.app, 'POST', '/volume%s/volumes/%s/action'
                          % (project, volume), body, headers=CV)

    def test_versions_and_project_urls(self):
        _, _, body = self.get('/')
        self.assertEqual('3.71', body['versions'][0]['version'])
        _, _, with_project = self.get('/v3/someproject/volumes/detail',
                                      query='all_tenants=1')
        _, _, without = self.get('/v3/volumes/detail',
                                 query='all_tenants=1')
        self.assertEqual([v['id'] for v in without['volumes']],
                         [v['id'] for v in with_project['volumes']])

    def test_volume_fields(self):
        _, _, body = self.get('/v3/volumes/%s' % VOL1)
        volume = body['volume']
        self.assertEqual(('storage-1@lvm#a', 'in-use', 'true', 'lvm', 'p2'),
                         (volume['os-vol-host-attr:host'], volume['status'],
                          volume['bootable'], volume['volume_type'],
                          volume['os-vol-tenant-attr:tenant_id']))
        self.assertEqual('11111111-1111-1111-1111-000000000002',
                         volume['attachments'][0]['server_id'])
        status, _, body = self.get('/v3/volumes/nope')
        self.assertEqual(404, status)
        self.assertIn('itemNotFound', body)

    def test_pools_services_and_types(self):
        _, _, body = self.get('/v3/scheduler-stats/get_pools',
                              query='detail=True')
        pool_a = body['pools'][0]
        self.assertEqual('storage-1@lvm#a', pool_a['name'])
        self.assertEqual((100, 30, 70, 2), (
            pool_a['capabilities']['total_capacity_gb'],
            pool_a['capabilities']['free_capacity_gb'],
            pool_a['capabilities']['allocated_capacity_gb'],
            pool_a['capabilities']['total_volumes']))
        _, _, body = self.get('/v3/os-services', query='binary=cinder-volume')
        self.assertEqual(['storage-1@lvm', 'storage-2@ceph'],
                         [s['host'] for s in body['services']])
        _, _, body = self.get('/v3/types')
        self.assertEqual({'volume_backend_name': 'lvm'},
                         body['volume_types'][0]['extra_specs'])

    def test_migrate_volume(self):
        status, _, _ = self.action(VOL2, {'os-migrate_volume': {
            'host': 'storage-1@lvm#b', 'force_host_copy': False,
            'lock_volume': True}})
        self.assertEqual(202, status)
        _, _, body = self.get('/v3/volumes/%s' % VOL2)
        self.assertEqual(('storage-1@lvm#b', 'success', 'available'), (
            body['volume']['os-vol-host-attr:host'],
            body['volume']['os-vol-mig-status-attr:migstat'],
            body['volume']['status']))
        status, _, body = self.action(VOL2, {'os-migrate_volume': {
            'host': 'storage-1@lvm#b'}})
        self.assertEqual(400, status)
        status, _, _ = self.action(VOL2, {'os-migrate_volume': {
            'host': 'storage-9@x#y'}})
        self.assertEqual(400, status)

    def test_migration_that_does_not_fit_fails_after_202(self):
        self.action(VOL2, {'os-migrate_volume': {
            'host': 'storage-1@lvm#b'}})
        status, _, _ = self.action(VOL1, {'os-migrate_volume': {
            'host': 'storage-1@lvm#b'}})
        self.assertEqual(202, status)
        _, _, body = self.get('/v3/volumes/%s' % VOL1)
        self.assertEqual(('storage-1@lvm#a', 'error'), (
            body['volume']['os-vol-host-attr:host'],
            body['volume']['os-vol-mig-status-attr:migstat']))

    def test_retype(self):
        status, _, _ = self.action(VOL2, {'os-retype': {
            'new_type': 'ceph', 'migration_policy': 'on-demand'}},
            project='/v3/p1')
        self.assertEqual(202, status)
        volume = self.cloud.state.volumes[VOL2]
        self.assertEqual(('ceph', 'storage-2@ceph#rbd'), (
            volume.volume_type, volume.pool))
        status, _, _ = self.action(VOL2, {'os-retype': {'new_type': 'ceph'}})
        self.assertEqual(400, status)
        status, _, _ = self.action(VOL2, {'os-retype': {'new_type': 'zz'}})
        self.assertEqual(404, status)
        self.action(VOL2, {'os-retype': {'new_type': 'lvm'}})
        self.assertEqual(('ceph', 'available'), (volume.volume_type,
                                                 volume.status))
        self.action(VOL2, {'os-retype': {'new_type': 'plain'}})
        self.assertEqual('plain', volume.volume_type)


class IronicAPITest(unittest.TestCase):

    def setUp(self):
        self.cloud = utils.make_cloud()
        self.app = self.cloud.app

    def test_nodes_and_power(self):
        status, headers, body = utils.call(
            self.app, 'GET', '/baremetal/v1/nodes/detail',
            headers={'X-OpenStack-Ironic-API-Version': '1.78'})
        self.assertEqual(200, status)
        self.assertEqual('1.96',
                         headers['X-OpenStack-Ironic-API-Maximum-Version'])
        node = body['nodes'][0]
        self.assertEqual(('power on', self.cloud.state.hosts[
            'compute-1'].uuid), (node['power_state'],
                                 node['extra']['compute_node_id']))
        status, _, _ = utils.call(
            self.app, 'PUT', '/baremetal/v1/nodes/%s/states/power' % NODE1,
            {'target': 'power off'})
        self.assertEqual(202, status)
        _, _, body = utils.call(self.app, 'GET',
                                '/baremetal/v1/nodes/n-1')
        self.assertEqual('power off', body['power_state'])
        self.assertEqual('down',
                         self.cloud.state.hosts['compute-1'].service_state)
        status, _, body = utils.call(
            self.app, 'PUT', '/baremetal/v1/nodes/%s/states/power' % NODE1,
            {'target': 'off'})
        self.assertEqual(400, status)
        self.assertIn('faultstring', json.loads(body['error_message']))
        status, _, _ = utils.call(self.app, 'GET', '/baremetal/v1/nodes/zz')
        self.assertEqual(404, status)

    def test_paging_and_fields(self):
        _, _, body = utils.call(self.app, 'GET', '/baremetal/v1/nodes',
                                query='limit=1&fields=uuid,power_state')
        self.assertEqual([{'uuid': NODE1, 'power_state': 'power on'}],
                         body['nodes'])
        self.assertIn('marker=%s' % NODE1, body['next'])
