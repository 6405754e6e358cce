"""The emulated Placement over WSGI."""
import unittest

from watcher.tests.unit.emulated_cloud import utils

VM1 = '11111111-1111-1111-1111-000000000001'
PV = {'OpenStack-API-Version': 'placement 1.39'}


class PlacementAPITest(unittest.TestCase):

    def setUp(self):
        self.cloud = utils.make_cloud()
        self.app = self.cloud.app
        self.host = self.cloud.state.hosts['compute-1']

    def get(self, path, query='', headers=PV):
        return utils.call(self.app, 'GET', '/placement' + path,
                          headers=headers, query=query)

    def test_root_document(self):
        _, _, body = self.get('/', headers={})
        self.assertEqual(('1.0', '1.39'), (
            body['versions'][0]['min_version'],
            body['versions'][0]['max_version']))

    def test_providers_and_inventories(self):
        _, headers, body = self.get('/resource_providers',
                                    query='name=compute-2')
        self.assertEqual('placement 1.39', headers['OpenStack-API-Version'])
        [provider] = body['resource_providers']
        self.assertEqual(self.cloud.state.hosts['compute-2'].uuid,
                         provider['uuid'])
        _, _, body = self.get('/resource_providers/%s/inventories'
                              % provider['uuid'])
        self.assertEqual({'total': 16384, 'reserved': 1024, 'min_unit': 1,
                          'max_unit': 16384, 'step_size': 1,
                          'allocation_ratio': 1.0},
                         body['inventories']['MEMORY_MB'])
        status, _, body = self.get('/resource_providers/nope/inventories')
        self.assertEqual(404, status)
        self.assertEqual(404, body['errors'][0]['status'])

    def test_usages_and_allocations_follow_a_resize(self):
        path = '/resource_providers/%s' % self.host.uuid
        _, _, body = self.get(path + '/usages')
        self.assertEqual({'VCPU': 6, 'MEMORY_MB': 6144, 'DISK_GB': 32},
                         body['usages'])
        _, _, body = self.get('/allocations/%s' % VM1)
        self.assertEqual({self.host.uuid: {
            'generation': self.host.generation,
            'resources': {'VCPU': 2, 'MEMORY_MB': 2048, 'DISK_GB': 20}}},
            body['allocations'])
        self.assertEqual(('p1', 'INSTANCE'), (body['project_id'],
                                              body['consumer_type']))
        status, _, _ = utils.call(
            self.app, 'POST', '/compute/v2.1/servers/%s/action' % VM1,
            {'resize': {'flavorRef': '2'}}, headers=utils.nova())
        self.assertEqual(202, status)
        _, _, body = self.get(path + '/allocations')
        migration = [c for c in body['allocations'] if c != VM1 and
                     c != '11111111-1111-1111-1111-000000000002']
        self.assertEqual(1, len(migration))
        _, _, body = self.get('/allocations/%s' % migration[0])
        self.assertEqual('MIGRATION', body['consumer_type'])
        _, _, body = self.get('/usages', query='project_id=p1')
        self.assertEqual(1, body['usages']['MIGRATION']['consumer_count'])
        self.assertEqual(2 + 4, body['usages']['INSTANCE']['VCPU'])
        _, _, body = self.get('/allocations/unknown-consumer')
        self.assertEqual({'allocations': {}}, body)

    def test_set_inventories_with_generation(self):
        path = '/resource_providers/%s/inventories' % self.host.uuid
        inventories = self.host.inventory()
        inventories['VCPU']['allocation_ratio'] = 4.0
        status, _, body = utils.call(
            self.app, 'PUT', '/placement' + path,
            {'resource_provider_generation': self.host.generation,
             'inventories': inventories}, headers=PV)
        self.assertEqual(200, status)
        self.assertEqual(32, self.host.capacity('VCPU'))
        status, _, body = utils.call(
            self.app, 'PUT', '/placement' + path,
            {'resource_provider_generation': 0,
             'inventories': inventories}, headers=PV)
        self.assertEqual(409, status)
        self.assertEqual('placement.concurrent_update',
                         body['errors'][0]['code'])

    def test_traits_and_aggregates(self):
        self.host.status = 'disabled'
        _, _, body = self.get('/resource_providers/%s/traits'
                              % self.host.uuid)
        self.assertIn('COMPUTE_STATUS_DISABLED', body['traits'])
        _, _, body = self.get('/resource_providers/%s/aggregates'
                              % self.host.uuid)
        self.assertEqual([self.cloud.state.aggregates[1].uuid],
                         body['aggregates'])
        _, _, body = self.get('/resource_providers',
                              query='resources=VCPU:5')
        self.assertNotIn(self.host.uuid, [
            p['uuid'] for p in body['resource_providers']])
