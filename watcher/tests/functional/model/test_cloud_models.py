"""Cluster data models built through openstacksdk from the emulated cloud.

Each test starts a real emulated cloud (Keystone, Nova, Placement, Cinder,
Ironic over HTTP), points watcher.conf at it the way an operator would
([watcher_clients_auth] credentials, [nova]/[placement]/[cinder] adapter
options) and checks that the models hold what the topology says.
"""
import os
import uuid

import fixtures
from keystoneauth1 import loading as ks_loading
from oslo_config import fixture as config_fixture
import testtools

from watcher.common import clients
from watcher.common import exception
from watcher import conf
from watcher.decision_engine.model.collector import cinder
from watcher.decision_engine.model.collector import ironic
from watcher.decision_engine.model.collector import manager
from watcher.decision_engine.model.collector import nova
from watcher.decision_engine.model.collector import nova_builder
from watcher.emulated_cloud import EmulatedCloud

CONF = conf.CONF

TOPOLOGY = {
    'hosts': [
        {'name': 'compute-1', 'uuid': 'aaaa0001-0000-0000-0000-000000000001',
         'vcpus': 16, 'vcpu_reserved': 2, 'cpu_allocation_ratio': 4.0,
         'memory_mb': 65536, 'memory_mb_reserved': 512,
         'ram_allocation_ratio': 1.5, 'disk_gb': 1000,
         'disk_gb_reserved': 20, 'availability_zone': 'az-east'},
        {'name': 'compute-2', 'uuid': 'aaaa0002-0000-0000-0000-000000000002',
         'status': 'disabled', 'disabled_reason': 'hardware check',
         'availability_zone': 'az-east'},
        {'name': 'compute-3', 'uuid': 'aaaa0003-0000-0000-0000-000000000003',
         'forced_down': True, 'availability_zone': 'az-west'},
        {'name': 'compute-4', 'uuid': 'aaaa0004-0000-0000-0000-000000000004',
         'availability_zone': 'az-west'},
        {'name': 'baremetal-1', 'hypervisor_type': 'ironic'},
    ],
    'flavors': [
        {'name': 'plain', 'vcpus': 2, 'ram': 2048, 'disk': 20},
        {'name': 'rich', 'vcpus': 4, 'ram': 4096, 'disk': 40,
         'ephemeral': 10, 'swap': 1536,
         'extra_specs': {'hw:cpu_policy': 'dedicated'}},
        {'name': 'metal', 'vcpus': 1, 'ram': 512, 'disk': 10},
    ],
    'aggregates': [
        {'id': 7, 'name': 'gpu', 'hosts': ['compute-1', 'compute-3']},
        {'id': 8, 'name': 'spare', 'hosts': ['compute-2']},
    ],
    'servers': [
        {'name': 'vm-plain', 'flavor': 'plain', 'host': 'compute-1',
         'uuid': 'bbbb0001-0000-0000-0000-000000000001',
         'metadata': {'optimize': 'true'}, 'project_id': 'tenant-a'},
        {'name': 'vm-rich', 'flavor': 'rich', 'host': 'compute-1',
         'uuid': 'bbbb0002-0000-0000-0000-000000000002', 'locked': True,
         'pinned_availability_zone': 'az-east'},
        {'name': 'vm-bfv', 'flavor': 'rich', 'host': 'compute-2',
         'uuid': 'bbbb0003-0000-0000-0000-000000000003',
         'boot_from_volume': True, 'state': 'stopped'},
        {'name': 'vm-error', 'flavor': 'plain', 'state': 'error',
         'uuid': 'bbbb0004-0000-0000-0000-000000000004'},
        {'name': 'vm-metal', 'flavor': 'metal', 'host': 'baremetal-1',
         'uuid': 'bbbb0005-0000-0000-0000-000000000005'},
    ],
    'volume_types': [
        {'name': 'gold', 'extra_specs': {'volume_backend_name': 'lvm'}},
        {'name': 'silver', 'extra_specs': {'volume_backend_name': 'ceph'}},
    ],
    'storage_backends': [
        {'host': 'storage-1@lvm', 'zone': 'zone-a',
         'pools': [{'name': 'fast', 'total_capacity_gb': 500}]},
        {'host': 'storage-2@ceph', 'zone': 'zone-b', 'state': 'down',
         'pools': [{'name': 'big', 'total_capacity_gb': 2000}]},
    ],
    'volumes': [
        {'id': 'cccc0001-0000-0000-0000-000000000001', 'name': 'root',
         'pool': 'storage-1@lvm#fast', 'volume_type': 'gold', 'size': 40,
         'bootable': True, 'attached_to': 'vm-bfv',
         'project_id': 'tenant-a'},
        {'id': 'cccc0002-0000-0000-0000-000000000002', 'name': 'data',
         'pool': 'storage-2@ceph#big', 'volume_type': 'silver', 'size': 100,
         'multiattach': True, 'metadata': {'purpose': 'db'}},
    ],
    'ironic_nodes': [
        {'uuid': 'dddd0001-0000-0000-0000-000000000001', 'name': 'bm-1',
         'power_state': 'power off', 'maintenance': True,
         'maintenance_reason': 'disk swap', 'compute_host': 'compute-1'},
        {'uuid': 'dddd0002-0000-0000-0000-000000000002', 'name': 'bm-2'},
    ],
}


class OperatorConfig(fixtures.Fixture):
    """watcher.conf as an operator writes it, read from a file.

    Credentials in [watcher_clients_auth], endpoints found in the catalog
    through [nova]/[placement]/[cinder] adapter options. Cleanup forgets the
    file and the auth plugin options its loading registered, so later tests
    see the defaults again.
    """

    def __init__(self, cloud):
        super().__init__()
        self.cloud = cloud

    def _setUp(self):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'watcher.conf')
        password = self.cloud.state.identity['users']['watcher']['password']
        with open(path, 'w') as handle:
            handle.write(
                '[watcher_clients_auth]\nauth_type = password\n'
                'auth_url = %s\nusername = watcher\npassword = %s\n'
                'project_name = service\nuser_domain_name = Default\n'
                'project_domain_name = Default\n' % (
                    self.cloud.endpoints.identity, password))
            for group in ('nova', 'placement', 'cinder'):
                handle.write('[%s]\nregion_name = RegionOne\n'
                             'valid_interfaces = internal\n' % group)
        self.addCleanup(self._forget)
        CONF(['--config-file', path], project='watcher',
             default_config_files=[])

    @staticmethod
    def _forget():
        CONF.clear()
        CONF.unregister_opts(
            ks_loading.get_auth_plugin_conf_options('password'),
            group='watcher_clients_auth')


class CloudTestCase(testtools.TestCase):
    """An emulated cloud and a watcher.conf pointing at it."""

    topology = TOPOLOGY

    def cloud_options(self):
        """Extra EmulatedCloud keyword arguments."""
        return {}

    def setUp(self):
        super().setUp()
        self.cloud = EmulatedCloud(self.topology, **self.cloud_options())
        self.endpoints = self.cloud.start()
        self.addCleanup(self.cloud.stop)
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.useFixture(OperatorConfig(self.cloud))
        self.config.config(group='collector', api_query_max_retries=1,
                           api_query_interval=0)

    def build(self, collector_class):
        collector = collector_class(config={'period': 3600})
        model = collector.get_latest_cluster_data_model()
        self.assertTrue(model, 'the %s model could not be built'
                        % collector.NAME)
        return collector, model


class TestComputeModel(CloudTestCase):

    def test_nodes_carry_placement_capacities_and_service_states(self):
        _collector, model = self.build(nova.NovaClusterDataModelCollector)
        nodes = model.get_all_compute_nodes()
        self.assertEqual(['compute-1', 'compute-2', 'compute-3',
                          'compute-4'],
                         [node.hostname for node in nodes.values()])
        first = model.get_node_by_name('compute-1')
        self.assertEqual('aaaa0001-0000-0000-0000-000000000001', first.uuid)
        self.assertEqual((16, 2, 4.0), (first.vcpus, first.vcpu_reserved,
                                        first.vcpu_ratio))
        self.assertEqual((65536, 512, 1.5), (first.memory,
                                             first.memory_mb_reserved,
                                             first.memory_ratio))
        self.assertEqual((1000, 20, 1.0), (first.disk, first.disk_gb_reserved,
                                           first.disk_ratio))
        self.assertEqual(56.0, first.vcpu_capacity)
        second = model.get_node_by_name('compute-2')
        self.assertEqual(('disabled', 'hardware check', 'up'),
                         (second.status, second.disabled_reason,
                          second.state))
        self.assertEqual('down', model.get_node_by_name('compute-3').state)

    def test_instances_and_the_disk_rule(self):
        _collector, model = self.build(nova.NovaClusterDataModelCollector)
        plain = model.get_instance_by_uuid(
            'bbbb0001-0000-0000-0000-000000000001')
        rich = model.get_instance_by_uuid(
            'bbbb0002-0000-0000-0000-000000000002')
        bfv = model.get_instance_by_uuid(
            'bbbb0003-0000-0000-0000-000000000003')
        self.assertEqual((2, 2048, 20), plain.resources)
        self.assertEqual((4, 4096, 40 + 10 + 2), rich.resources)
        self.assertEqual((4, 4096, 0 + 10 + 2), bfv.resources)
        self.assertEqual('stopped', bfv.state)
        self.assertEqual(('vm-plain', 'active', 'tenant-a', 'compute-1'),
                         (plain.name, plain.state, plain.project_id,
                          plain.host))
        self.assertEqual({'optimize': 'true'}, dict(plain.metadata))
        self.assertTrue(rich.locked)
        self.assertIsNotNone(plain.created)
        # Extended attributes are off by default.
        self.assertEqual(('', {}), (rich.pinned_az,
                                    dict(rich.flavor_extra_specs)))
        self.assertEqual({'vcpu': 6, 'memory': 6144, 'disk': 72},
                         model.get_node_used_resources('aaaa0001-0000-0000'
                                                       '-0000-000000000001'))
        self.assertEqual('compute-2', model.get_node_by_instance_uuid(
            bfv.uuid).hostname)

    def test_unplaced_and_baremetal_servers_are_left_out(self):
        _collector, model = self.build(nova.NovaClusterDataModelCollector)
        instances = model.get_all_instances()
        self.assertEqual(3, len(instances))
        self.assertNotIn('bbbb0004-0000-0000-0000-000000000004', instances)
        self.assertNotIn('bbbb0005-0000-0000-0000-000000000005', instances)
        self.assertRaises(exception.ComputeNodeNotFound,
                          model.get_node_by_name, 'baremetal-1')

    def test_extended_attributes(self):
        self.config.config(group='compute_model',
                           enable_extended_attributes=True)
        self.config.config(group='nova', api_version='2.96')
        _collector, model = self.build(nova.NovaClusterDataModelCollector)
        rich = model.get_instance_by_uuid(
            'bbbb0002-0000-0000-0000-000000000002')
        self.assertEqual('az-east', rich.pinned_az)
        self.assertEqual({'hw:cpu_policy': 'dedicated'},
                         dict(rich.flavor_extra_specs))

    def test_rows_for_the_api(self):
        _collector, model = self.build(nova.NovaClusterDataModelCollector)
        rows = model.to_list()
        self.assertEqual(
            [('aaaa0001-0000-0000-0000-000000000001',
              'bbbb0001-0000-0000-0000-000000000001'),
             ('aaaa0001-0000-0000-0000-000000000001',
              'bbbb0002-0000-0000-0000-000000000002'),
             ('aaaa0002-0000-0000-0000-000000000002',
              'bbbb0003-0000-0000-0000-000000000003'),
             ('aaaa0003-0000-0000-0000-000000000003', None),
             ('aaaa0004-0000-0000-0000-000000000004', None)],
            [(row['node_uuid'], row.get('server_uuid')) for row in rows])

    def test_scope_reads_aggregates_and_zones_from_nova(self):
        collector, model = self.build(nova.NovaClusterDataModelCollector)
        scope = collector.get_audit_scope_handler([{'compute': [
            {'host_aggregates': [{'name': 'gpu'}]},
            {'exclude': [{'instances': [
                {'uuid': 'bbbb0002-0000-0000-0000-000000000002'}]}]}]}])
        scoped = scope.get_scoped_model(model)
        self.assertEqual(['compute-1', 'compute-3'], [
            node.hostname for node in scoped.get_all_compute_nodes().values()])
        self.assertTrue(scoped.get_instance_by_uuid(
            'bbbb0002-0000-0000-0000-000000000002').watcher_exclude)
        zone_scope = collector.get_audit_scope_handler([{'compute': [
            {'availability_zones': [{'name': 'az-west'}]}]}])
        self.assertEqual(['compute-3', 'compute-4'], [
            node.hostname for node in zone_scope.get_scoped_model(
                collector.get_latest_cluster_data_model())
            .get_all_compute_nodes().values()])
        unknown = collector.get_audit_scope_handler([{'compute': [
            {'host_aggregates': [{'id': 99}]}]}])
        self.assertRaises(exception.ScopeResourceNotFound,
                          unknown.get_scoped_model,
                          collector.get_latest_cluster_data_model())

    def test_a_collection_past_its_deadline_fails_cleanly(self):
        builder = nova_builder.NovaModelBuilder(clients.get_sdk_connection(),
                                                timeout=1e-6)
        self.assertRaises(exception.ClusterDataModelCollectionError,
                          builder.execute)

    def test_changes_made_in_nova_show_after_a_sync(self):
        collector, model = self.build(nova.NovaClusterDataModelCollector)
        changes = []
        collector.add_change_listener(
            lambda name, nodes: changes.append(set(nodes)))
        conn = clients.get_sdk_connection()
        conn.compute.live_migrate_server(
            'bbbb0001-0000-0000-0000-000000000001', host='compute-4',
            block_migration='auto')
        collector.synchronize()
        model = collector.get_latest_cluster_data_model()
        self.assertEqual('compute-4', model.get_node_by_instance_uuid(
            'bbbb0001-0000-0000-0000-000000000001').hostname)
        self.assertEqual([{'aaaa0001-0000-0000-0000-000000000001',
                           'aaaa0004-0000-0000-0000-000000000004'}], changes)


class TestStorageAndBaremetalModels(CloudTestCase):

    def test_storage_model(self):
        _collector, model = self.build(cinder.CinderClusterDataModelCollector)
        nodes = model.get_all_storage_nodes()
        self.assertEqual(['storage-1@lvm', 'storage-2@ceph'], list(nodes))
        self.assertEqual(('zone-a', ('gold',), 'up'), (
            nodes['storage-1@lvm'].zone, nodes['storage-1@lvm'].volume_type,
            nodes['storage-1@lvm'].state))
        self.assertEqual('down', nodes['storage-2@ceph'].state)
        fast = model.get_pool_by_pool_name('storage-1@lvm#fast')
        self.assertEqual(500, fast.total_capacity_gb)
        self.assertEqual('storage-1@lvm',
                         model.get_node_by_pool_name(fast.name).host)
        root = model.get_volume_by_uuid('cccc0001-0000-0000-0000-000000000001')
        self.assertEqual((40, 'true', 'gold', 'in-use', 'tenant-a'),
                         (root.size, root.bootable, root.volume_type,
                          root.status, root.project_id))
        self.assertEqual(['bbbb0003-0000-0000-0000-000000000003'],
                         [item['server_id'] for item in root.attachments])
        data = model.get_volume_by_uuid('cccc0002-0000-0000-0000-000000000002')
        self.assertTrue(data.multiattach)
        self.assertEqual({'purpose': 'db'}, dict(data.metadata))
        self.assertEqual('storage-2@ceph#big',
                         model.get_pool_by_volume(data.uuid).name)

    def test_storage_scope_by_volume_type(self):
        collector, model = self.build(cinder.CinderClusterDataModelCollector)
        scoped = collector.get_audit_scope_handler(
            [{'storage': [{'volume_types': [{'name': 'silver'}]}]}]) \
            .get_scoped_model(model)
        self.assertEqual(['storage-2@ceph'],
                         list(scoped.get_all_storage_nodes()))
        self.assertEqual(['cccc0002-0000-0000-0000-000000000002'],
                         list(scoped.get_all_volumes()))

    def test_baremetal_model(self):
        _collector, model = self.build(
            ironic.BaremetalClusterDataModelCollector)
        first = model.get_node_by_uuid('dddd0001-0000-0000-0000-000000000001')
        self.assertEqual(('power off', True, 'disk swap'),
                         (first.power_state, first.maintenance,
                          first.maintenance_reason))
        self.assertEqual('aaaa0001-0000-0000-0000-000000000001',
                         first.extra['compute_node_id'])
        self.assertEqual(2, len(model.get_all_ironic_nodes()))


class TestCollectorManager(CloudTestCase):

    def setUp(self):
        super().setUp()
        manager.reset_collectors()
        self.addCleanup(manager.reset_collectors)

    def test_enabled_collectors_with_their_services(self):
        self.config.config(group='collector', collector_plugins=[
            'compute', 'storage', 'baremetal', 'network'])
        collectors = manager.CollectorManager().get_collectors()
        self.assertEqual(['compute', 'storage', 'baremetal'],
                         list(collectors))
        self.assertEqual(4, len(manager.CollectorManager()
                                .get_notification_endpoints()))

    def test_service_missing_from_the_catalog_disables_its_collector(self):
        self.config.config(group='cinder',
                           service_type='no-such-service-%s' %
                           uuid.uuid4().hex[:6])
        self.config.config(group='collector',
                           collector_plugins=['compute', 'storage'])
        self.assertEqual(['compute'],
                         list(manager.CollectorManager().get_collectors()))
