"""A real openstacksdk Connection against the emulated cloud over HTTP.

Password auth against the Keystone emulator, then the calls Watcher's
collectors and actions make, checking both the answers and the state
changes behind them.
"""
import unittest

import openstack.connection
from openstack import exceptions as sdk_exc
import requests

from watcher.emulated_cloud import cloud as cloud_mod
from watcher.tests.unit.emulated_cloud import utils

VM1 = '11111111-1111-1111-1111-000000000001'
VM2 = '11111111-1111-1111-1111-000000000002'
VM3 = '11111111-1111-1111-1111-000000000003'


class SDKTest(unittest.TestCase):

    def setUp(self):
        self.cloud = cloud_mod.EmulatedCloud(utils.small_topology())
        self.endpoints = self.cloud.start()
        self.addCleanup(self.cloud.stop)
        # Watcher's default [nova] api_version.
        self.conn = self.cloud.connection(username='watcher',
                                          project='service',
                                          compute_api_version='2.56')
        self.addCleanup(self.conn.close)

    def test_servers_paged(self):
        servers = list(self.conn.compute.servers(
            details=True, all_projects=True, limit=2))
        self.assertEqual(['vm-3', 'vm-2', 'vm-1'], [s.name for s in servers])
        vm2 = servers[1]
        self.assertEqual(('compute-1', 'active', 'p2', True),
                         (vm2.compute_host, vm2.vm_state, vm2.project_id,
                          vm2.is_locked))
        self.assertEqual((4, 4096, 10, 1500), (
            vm2.flavor.vcpus, vm2.flavor.ram, vm2.flavor.ephemeral,
            vm2.flavor.swap))
        on_host = list(self.conn.compute.servers(
            details=True, all_projects=True, compute_host='compute-2'))
        self.assertEqual(['vm-3'], [s.name for s in on_host])

    def test_hypervisors_services_flavors_aggregates(self):
        hypervisors = list(self.conn.compute.hypervisors(
            details=True, with_servers=True))
        self.assertEqual(['compute-1', 'compute-2', 'compute-3'],
                         [h.name for h in hypervisors])
        self.assertEqual([VM1, VM2], [s['uuid']
                                      for s in hypervisors[0].servers])
        self.assertEqual('compute-1', hypervisors[0].service_details['host'])
        [found] = self.conn.compute.hypervisors(
            details=True, with_servers=True,
            hypervisor_hostname_pattern='compute-3')
        self.assertEqual(hypervisors[2].id, found.id)
        services = list(self.conn.compute.services(binary='nova-compute'))
        self.assertEqual(3, len(services))
        self.assertEqual(['big', 'huge', 'small'],
                         sorted(f.name for f in self.conn.compute.flavors()))
        self.assertEqual('small', self.conn.compute.find_flavor('small').name)
        [aggregate] = self.conn.compute.aggregates()
        self.assertEqual(['compute-1', 'compute-2'], aggregate.hosts)
        zones = [z.name for z in self.conn.compute.availability_zones()]
        self.assertEqual(['nova'], zones)

    def test_placement(self):
        hypervisor = next(self.conn.compute.hypervisors(details=True))
        inventories = {i.resource_class: i for i in
                       self.conn.placement.resource_provider_inventories(
                           hypervisor.id)}
        self.assertEqual((8, 0, 1.0), (inventories['VCPU'].total,
                                       inventories['VCPU'].reserved,
                                       inventories['VCPU'].allocation_ratio))
        provider = self.conn.placement.get_resource_provider(hypervisor.id)
        usages = provider.fetch_usages(self.conn.placement).usages
        self.assertEqual({'VCPU': 6, 'MEMORY_MB': 6144, 'DISK_GB': 32},
                         usages)

    def test_block_storage(self):
        volumes = list(self.conn.block_storage.volumes(all_projects=True))
        self.assertEqual(2, len(volumes))
        boot = next(v for v in volumes if v.name == 'boot-2')
        self.assertEqual(('storage-1@lvm#a', True, 'lvm'),
                         (boot.host, boot.is_bootable, boot.volume_type))
        pools = {p.name: p.capabilities
                 for p in self.conn.block_storage.backend_pools()}
        self.assertEqual(30, pools['storage-1@lvm#a']['free_capacity_gb'])
        services = [s.host for s in self.conn.block_storage.services(
            binary='cinder-volume')]
        self.assertEqual(['storage-1@lvm', 'storage-2@ceph'], services)
        self.assertEqual(['ceph', 'lvm', 'plain'], sorted(
            t.name for t in self.conn.block_storage.types()))
        data = self.conn.block_storage.get_volume(
            '22222222-2222-2222-2222-000000000002')
        self.conn.block_storage.migrate_volume(data, host='storage-1@lvm#b')
        self.assertEqual('storage-1@lvm#b', self.conn.block_storage
                         .get_volume(data.id).host)
        self.conn.block_storage.retype_volume(data, 'plain')
        self.assertEqual('plain', self.cloud.state.volumes[data.id]
                         .volume_type)

    def test_baremetal(self):
        nodes = list(self.conn.baremetal.nodes(details=True))
        self.assertEqual(['n-1', 'n-3'], [n.name for n in nodes])
        self.assertEqual(self.cloud.state.hosts['compute-3'].uuid,
                         nodes[1].extra['compute_node_id'])
        self.conn.baremetal.set_node_power_state(nodes[1], 'power off')
        self.assertEqual('power off', self.conn.baremetal.get_node(
            nodes[1].id).power_state)
        [hypervisor] = self.conn.compute.hypervisors(
            details=True, hypervisor_hostname_pattern='compute-3')
        self.assertEqual('down', hypervisor.state)

    def test_live_migrations(self):
        server = self.conn.compute.get_server(VM1)
        self.conn.compute.live_migrate_server(server, host='compute-3',
                                              block_migration='auto')
        self.assertEqual('compute-3', self.conn.compute.get_server(
            VM1).compute_host)
        self.assertEqual('compute-3', self.cloud.where()[VM1])
        self.conn.compute.live_migrate_server(server, host=None,
                                              block_migration='auto')
        self.assertEqual('compute-2', self.cloud.where()[VM1])
        self.assertEqual([], list(self.conn.compute.server_migrations(VM1)))
        with self.assertRaises(sdk_exc.BadRequestException):
            self.conn.compute.live_migrate_server(
                self.conn.compute.get_server(VM2), host='compute-1',
                block_migration='auto')
        with self.assertRaises(sdk_exc.ConflictException):
            self.conn.compute.live_migrate_server(
                self.conn.compute.get_server(VM3), host='compute-1',
                block_migration='auto')

    def test_cold_migration_and_resize_with_confirm(self):
        self.conn.compute.migrate_server(VM1, host='compute-2')
        server = self.conn.compute.get_server(VM1)
        self.assertEqual(('VERIFY_RESIZE', 'compute-2'),
                         (server.status, server.compute_host))
        self.conn.compute.confirm_server_resize(VM1)
        self.assertEqual('ACTIVE', self.conn.compute.get_server(VM1).status)
        big = self.conn.compute.find_flavor('big')
        self.conn.compute.resize_server(VM1, big.id)
        server = self.conn.compute.get_server(VM1)
        self.assertEqual(('VERIFY_RESIZE', 'big'), (server.status,
                                                    server.flavor.name))
        self.conn.compute.confirm_server_resize(VM1)
        server = self.conn.compute.get_server(VM1)
        self.assertEqual(('ACTIVE', 4), (server.status, server.flavor.vcpus))

    def test_stop_and_disable_service(self):
        self.conn.compute.stop_server(VM1)
        server = self.conn.compute.get_server(VM1)
        self.assertEqual(('SHUTOFF', 'stopped'), (server.status,
                                                  server.vm_state))
        self.assertRaises(sdk_exc.ConflictException,
                          self.conn.compute.stop_server, VM1)
        service = next(self.conn.compute.services(
            host='compute-2', binary='nova-compute'))
        updated = self.conn.compute.disable_service(
            service, host='compute-2', binary='nova-compute',
            disabled_reason='watcher maintenance')
        self.assertEqual(('disabled', 'watcher maintenance'),
                         (updated.status, updated.disabled_reason))
        [hypervisor] = self.conn.compute.hypervisors(
            details=True, hypervisor_hostname_pattern='compute-2')
        self.assertEqual('disabled', hypervisor.status)
        self.assertEqual('watcher maintenance',
                         hypervisor.service_details['disabled_reason'])
        self.conn.compute.enable_service(updated, host='compute-2',
                                         binary='nova-compute')
        self.assertEqual('enabled', self.cloud.state.hosts['compute-2']
                         .status)

    def test_errors_look_like_nova(self):
        with self.assertRaises(sdk_exc.NotFoundException) as ctx:
            self.conn.compute.get_server(
                '00000000-0000-0000-0000-000000000000')
        self.assertIn('could not be found', str(ctx.exception))
        response = requests.post(
            self.endpoints.compute + '/servers/%s/action' % VM1,
            data='{"os-stop": ', headers={'Content-Type': 'application/json'},
            timeout=10)
        self.assertEqual(400, response.status_code)
        self.assertEqual({'badRequest': {'code': 400,
                                         'message': 'Malformed request body'}},
                         response.json())

    def test_auth_none_with_endpoint_overrides(self):
        conn = openstack.connection.Connection(
            auth_type='none',
            compute_endpoint_override=self.endpoints.compute,
            placement_endpoint_override=self.endpoints.placement,
            block_storage_endpoint_override=self.endpoints.block_storage,
            baremetal_endpoint_override=self.endpoints.baremetal)
        self.addCleanup(conn.close)
        self.assertEqual(3, len(list(conn.compute.servers(
            details=True, all_projects=True))))
        hypervisor = next(conn.compute.hypervisors())
        self.assertEqual(3, len(list(
            conn.placement.resource_provider_inventories(hypervisor.id))))
        self.assertEqual(2, len(list(conn.block_storage.volumes())))
        self.assertEqual(2, len(list(conn.baremetal.nodes())))

    def test_watcher_conf_snippet_names_the_endpoints(self):
        text = self.cloud.watcher_conf()
        self.assertIn('auth_url = %s' % self.endpoints.identity, text)
        for section in ('[watcher_clients_auth]', '[nova]', '[placement]',
                        '[cinder]'):
            self.assertIn(section, text)


class FixtureTest(unittest.TestCase):

    def test_fixture_serves_a_generated_cloud_and_stops(self):
        from watcher.tests.functional.emulated_cloud import fixture
        cloud_fixture = fixture.EmulatedCloudFixture(hosts=2, servers=5,
                                                     seed=1)
        with cloud_fixture:
            url = cloud_fixture.endpoints.compute
            self.assertEqual(200, requests.get(url, timeout=10).status_code)
            self.assertEqual(5, len(cloud_fixture.cloud.where()))
        self.assertRaises(requests.ConnectionError, requests.get, url,
                          timeout=5)
