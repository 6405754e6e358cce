"""Malformed input never makes an emulated API answer 500."""
import itertools
import unittest

from watcher.tests.unit.emulated_cloud import utils

VM1 = '11111111-1111-1111-1111-000000000001'
VOL2 = '22222222-2222-2222-2222-000000000002'
NODE1 = '33333333-3333-3333-3333-000000000001'

BODIES = [None, [], 'text', 7, {}, {'x': 1}, {'x': None}, {'x': []},
          {'x': {'y': 'z'}}]
ACTIONS = ['os-migrateLive', 'migrate', 'resize', 'confirmResize',
           'revertResize', 'os-stop', 'os-start', 'lock', 'pause',
           'os-migrate_volume', 'os-retype']
VALUES = [None, [], 'text', 3, {'host': 5}, {'host': []},
          {'host': 'compute-2', 'block_migration': 'maybe'},
          {'flavorRef': ['1']}, {'new_type': ['x']},
          {'new_type': 'lvm', 'migration_policy': 5}]


class BadInputTest(unittest.TestCase):

    def setUp(self):
        self.cloud = utils.make_cloud()
        self.service = self.cloud.state.hosts['compute-1'].service_uuid
        self.provider = self.cloud.state.hosts['compute-1'].uuid

    def assertNot500(self, method, path, body=None, raw_body=None,
                     query='', headers=None):
        status, _, payload = utils.call(
            self.cloud.app, method, path, body, raw_body=raw_body,
            query=query, headers=headers or utils.nova())
        self.assertLess(status, 500, (method, path, body, raw_body,
                                      query, payload))
        return status

    def test_garbage_bodies(self):
        targets = [
            ('POST', '/identity/v3/auth/tokens'),
            ('POST', '/compute/v2.1/servers'),
            ('POST', '/compute/v2.1/servers/%s/action' % VM1),
            ('PUT', '/compute/v2.1/os-services/%s' % self.service),
            ('PUT', '/compute/v2.1/os-services/disable-log-reason'),
            ('PUT', '/placement/resource_providers/%s/inventories'
             % self.provider),
            ('POST', '/volume/v3/volumes/%s/action' % VOL2),
            ('PUT', '/baremetal/v1/nodes/%s/states/power' % NODE1),
            ('PUT', '/baremetal/v1/nodes/%s/maintenance' % NODE1),
            ('PUT', '/admin/load'),
        ]
        for (method, path), body in itertools.product(targets, BODIES):
            self.assertNot500(method, path, body)
        for method, path in targets:
            self.assertEqual(400, self.assertNot500(
                method, path, raw_body=b'{"broken": '), path)

    def test_garbage_action_arguments(self):
        for action, value in itertools.product(ACTIONS, VALUES):
            self.assertNot500('POST', '/compute/v2.1/servers/%s/action' % VM1,
                              {action: value})
            self.assertNot500('POST', '/volume/v3/volumes/%s/action' % VOL2,
                              {action: value})

    def test_garbage_structured_bodies(self):
        bodies = [
            {'auth': {'identity': {'methods': ['password'],
                                   'password': 'x'}}},
            {'auth': {'identity': {'methods': ['password'],
                                   'password': {'user': 'x'}}}},
            {'auth': {'identity': {'methods': 'password'}}},
            {'auth': {'identity': {'methods': ['token'], 'token': 'x'}}},
            {'auth': {'identity': {'methods': ['password'], 'password': {
                'user': {'name': 'admin', 'password': 'adminpass'}}},
                'scope': {'project': 'admin'}}},
            {'server': {'name': 'a', 'flavorRef': '1', 'imageRef': 'i',
                        'metadata': 'x'}},
            {'server': {'name': 'a', 'flavorRef': ['1'], 'imageRef': 'i'}},
            {'server': {'name': 'a', 'flavorRef': '1',
                        'block_device_mapping_v2': 'x'}},
            {'server': {'name': 'a', 'flavorRef': '1', 'imageRef': 'i',
                        'availability_zone': 5}},
            {'status': 'disabled', 'disabled_reason': 5},
            {'status': ['enabled']},
            {'host': ['compute-1'], 'binary': 'nova-compute'},
            {'resource_provider_generation': 1, 'inventories': {
                'VCPU': {'total': 4, 'reserved': 'x'},
                'MEMORY_MB': {'total': 4}, 'DISK_GB': {'total': 4}}},
            {'resource_provider_generation': 1, 'inventories': {
                'VCPU': {'total': 4, 'allocation_ratio': 'x'},
                'MEMORY_MB': {'total': 4}, 'DISK_GB': {'total': 4}}},
            {'target': ['power on']},
            {'vm-1': None},
        ]
        for body in bodies:
            for method, path in (
                    ('POST', '/identity/v3/auth/tokens'),
                    ('POST', '/compute/v2.1/servers'),
                    ('PUT', '/compute/v2.1/os-services/%s' % self.service),
                    ('PUT', '/compute/v2.1/os-services/disable'),
                    ('PUT', '/placement/resource_providers/%s/inventories'
                     % self.provider),
                    ('PUT', '/baremetal/v1/nodes/%s/states/power' % NODE1),
                    ('PUT', '/admin/load')):
                self.assertNot500(method, path, body)

    def test_garbage_query_strings(self):
        queries = ['limit=x', 'limit=-3', 'marker=zzz', 'minRam=lots',
                   'minDisk=-', 'name=(', 'with_servers=maybe',
                   'hypervisor_hostname_pattern=', 'detail=x',
                   'resources=VCPU:x', 'member_of=in:', 'fields=',
                   'all_tenants=perhaps', 'changes-since=yesterday']
        paths = ['/compute/v2.1/servers/detail', '/compute/v2.1/flavors',
                 '/compute/v2.1/os-hypervisors/detail',
                 '/compute/v2.1/os-migrations',
                 '/placement/resource_providers', '/placement/usages',
                 '/volume/v3/volumes/detail',
                 '/volume/v3/scheduler-stats/get_pools',
                 '/baremetal/v1/nodes']
        for path, query in itertools.product(paths, queries):
            self.assertNot500('GET', path, query=query)
