"""Storage and baremetal models, and the Cinder notification endpoints."""
import testtools

from watcher.common import exception
from watcher.decision_engine.model import baremetal_root
from watcher.decision_engine.model import element
from watcher.decision_engine.model.notification import cinder as events
from watcher.decision_engine.model import storage_root
from watcher.tests.unit.decision_engine.model import payloads
from watcher.tests.unit.decision_engine.model import test_collector_base


def storage_model():
    model = storage_root.StorageModelRoot()
    for host, zone, types in (('storage1@lvm', 'zone1', ['gold']),
                              ('storage2@ceph', 'zone2', ['silver'])):
        model.add_node(element.StorageNode(host=host, zone=zone,
                                           volume_type=types))
    for name in ('storage1@lvm#pool1', 'storage2@ceph#pool2'):
        model.add_pool(element.Pool(name=name, total_capacity_gb=1000))
        model.map_pool(name, name)
    for uuid, pool, project in (('v1', 'storage1@lvm#pool1', 'p1'),
                                ('v2', 'storage1@lvm#pool1', 'p2'),
                                ('v3', 'storage2@ceph#pool2', 'p1')):
        model.map_volume(element.Volume(uuid=uuid, size=10, host=pool,
                                        project_id=project), pool)
    return model


class TestStorageModel(testtools.TestCase):

    def test_lookups_and_order(self):
        model = storage_model()
        self.assertEqual(['storage1@lvm', 'storage2@ceph'],
                         list(model.get_all_storage_nodes()))
        self.assertEqual('storage1@lvm', model.get_node_by_name(
            'storage1@lvm#pool1').host)
        self.assertEqual('storage1@lvm', model.get_node_by_pool_name(
            'storage1@lvm#pool1').host)
        self.assertEqual(['v1', 'v2'], [volume.uuid for volume in
                                        model.get_pool_volumes(
                                            'storage1@lvm#pool1')])
        self.assertEqual('storage2@ceph#pool2',
                         model.get_pool_by_volume('v3').name)
        self.assertRaises(exception.PoolNotFound,
                          model.get_pool_by_pool_name, 'nope')
        self.assertRaises(exception.VolumeNotFound,
                          model.get_volume_by_uuid, 'v9')
        self.assertRaises(exception.StorageNodeNotFound,
                          model.get_node_by_name, 'x@y')

    def test_copy_is_independent(self):
        model = storage_model()
        before = model.to_xml()
        copy = model.copy()
        copy.remove_volume('v1')
        copy.map_volume('v2', 'storage2@ceph#pool2')
        copy.update_pool('storage1@lvm#pool1', free_capacity_gb=1)
        copy.remove_node('storage2@ceph')
        self.assertEqual(before, model.to_xml())

    def test_xml_round_trip(self):
        model = storage_model()
        model.add_volume(element.Volume(uuid='orphan'))
        parsed = storage_root.StorageModelRoot.from_xml(model.to_xml())
        self.assertTrue(model.same_content(parsed))

    def test_remove_pool_unmaps_its_volumes(self):
        model = storage_model()
        model.remove_pool('storage1@lvm#pool1')
        self.assertRaises(exception.PoolNotFound, model.get_pool_by_volume,
                          'v1')
        self.assertEqual([], model.get_node_pools('storage1@lvm'))


class TestBaremetalModel(testtools.TestCase):

    def test_nodes(self):
        model = baremetal_root.BaremetalModelRoot()
        model.add_node(element.IronicNode(uuid='b', power_state='power on'))
        model.add_node(element.IronicNode(uuid='a', power_state='power off'))
        self.assertEqual(['a', 'b'], list(model.get_all_ironic_nodes()))
        copy = model.copy()
        copy.update_node('a', maintenance=True)
        self.assertFalse(model.get_node_by_uuid('a').maintenance)
        parsed = baremetal_root.BaremetalModelRoot.from_xml(model.to_xml())
        self.assertTrue(model.same_content(parsed))
        model.remove_node('a')
        self.assertRaises(exception.IronicNodeNotFound,
                          model.get_node_by_uuid, 'a')


class CinderCollector(test_collector_base.FakeCollector):
    NAME = 'storage'

    def __init__(self, model):
        super().__init__([])
        self.set_cluster_data_model(model)
        self.pools = {}
        self.nodes = {}
        self.type_lookups = []

    def new_empty_model(self, stale=False):
        return storage_root.StorageModelRoot(stale=stale)

    def fetch_pool(self, name):
        return self.pools.get(name)

    def fetch_storage_node(self, host):
        return self.nodes.get(host)

    def volume_type_name(self, type_id):
        self.type_lookups.append(type_id)
        return {'type-id-1': 'gold'}.get(type_id, '')


class TestCinderNotifications(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.collector = CinderCollector(storage_model())
        self.volumes = events.VolumeNotificationEndpoint(self.collector)
        self.capacity = events.CapacityNotificationEndpoint(self.collector)

    @property
    def model(self):
        return self.collector.cluster_data_model

    def volume_event(self, event_type, payload):
        self.volumes.info({}, 'volume.storage1@lvm', event_type, payload, {})

    def test_filters(self):
        self.assertTrue(self.volumes.filter_rule.match(
            {}, 'volume.host1', 'volume.attach.end', {}, {}))
        self.assertFalse(self.volumes.filter_rule.match(
            {}, 'volume.host1', 'volume.attach.start', {}, {}))
        self.assertTrue(self.capacity.filter_rule.match(
            {}, 'capacity.host1', 'capacity.pool', {}, {}))

    def test_create_adds_the_volume_to_its_pool(self):
        self.collector.pools['storage1@lvm#pool1'] = element.Pool(
            name='storage1@lvm#pool1', total_capacity_gb=1000,
            free_capacity_gb=100)
        self.volume_event('volume.create.end', payloads.volume_payload(
            'v9', size=20, attachments=['server-1'], bootable=True))
        volume = self.model.get_volume_by_uuid('v9')
        self.assertEqual(('gold', 'true', 20, 'project-a'),
                         (volume.volume_type, volume.bootable, volume.size,
                          volume.project_id))
        self.assertEqual([{'server_id': 'server-1',
                           'attachment_id': 'att-0'}],
                         volume.as_dict()['attachments'])
        self.assertEqual({'purpose': 'db'}, dict(volume.metadata))
        self.assertEqual('storage1@lvm#pool1',
                         self.model.get_pool_by_volume('v9').name)
        self.assertEqual(100, self.model.get_pool_by_pool_name(
            'storage1@lvm#pool1').free_capacity_gb)

    def test_type_names_are_looked_up_once(self):
        self.volume_event('volume.update.end', payloads.volume_payload('v1'))
        self.volume_event('volume.resize.end', payloads.volume_payload(
            'v1', size=30))
        self.assertEqual(['type-id-1'], self.collector.type_lookups)
        self.assertEqual(30, self.model.get_volume_by_uuid('v1').size)

    def test_delete_removes_the_volume(self):
        self.volume_event('volume.delete.end', payloads.volume_payload('v1'))
        self.assertNotIn('v1', self.model.get_all_volumes())

    def test_capacity_updates_the_pool_and_adds_unknown_backends(self):
        self.capacity.info({}, 'capacity.storage1', 'capacity.pool',
                           payloads.capacity_payload(
                               'storage1@lvm#pool1', free=123), {})
        self.assertEqual(123, self.model.get_pool_by_pool_name(
            'storage1@lvm#pool1').free_capacity_gb)
        self.collector.nodes['storage3@nfs'] = element.StorageNode(
            host='storage3@nfs', zone='zone3')
        self.capacity.info({}, 'capacity.storage3', 'capacity.pool',
                           payloads.capacity_payload('storage3@nfs#pool3'),
                           {})
        self.assertEqual('storage3@nfs', self.model.get_node_by_pool_name(
            'storage3@nfs#pool3').host)

    def test_garbage_capacity_is_dropped(self):
        self.capacity.info({}, 'capacity.storage1', 'capacity.pool',
                           payloads.capacity_payload(
                               'storage1@lvm#pool1', free='unknown'), {})
        self.assertEqual(0, self.model.get_pool_by_pool_name(
            'storage1@lvm#pool1').free_capacity_gb)
