"""Model records: typed fields, immutability, capacities, disk rule."""
import copy
import datetime
import pickle

import testtools

from watcher.decision_engine.model import element


class TestComputeNode(testtools.TestCase):

    def test_defaults(self):
        node = element.ComputeNode(uuid='n1', hostname='host1')
        self.assertEqual('enabled', node.status)
        self.assertEqual('up', node.state)
        self.assertIsNone(node.disabled_reason)
        self.assertEqual(1.0, node.vcpu_ratio)
        self.assertEqual(0, node.memory)

    def test_capacity_is_total_minus_reserved_times_ratio(self):
        node = element.ComputeNode(
            uuid='n1', vcpus=16, vcpu_reserved=2, vcpu_ratio=4.0,
            memory=32768, memory_mb_reserved=512, memory_ratio=1.5,
            disk=500, disk_gb_reserved=10, disk_ratio=1.0)
        self.assertEqual(56.0, node.vcpu_capacity)
        self.assertEqual((32768 - 512) * 1.5, node.memory_mb_capacity)
        self.assertEqual(490.0, node.disk_gb_capacity)

    def test_strings_from_xml_are_coerced(self):
        node = element.ComputeNode(uuid='n1', vcpus='40', vcpu_ratio='2.5',
                                   disabled_reason='None')
        self.assertEqual(40, node.vcpus)
        self.assertEqual(2.5, node.vcpu_ratio)
        self.assertIsNone(node.disabled_reason)

    def test_bad_values_are_refused_with_the_field_name(self):
        error = self.assertRaises(ValueError, element.ComputeNode,
                                  uuid='n1', vcpus=-1)
        self.assertIn('ComputeNode.vcpus', str(error))
        self.assertRaises(ValueError, element.ComputeNode, uuid='n1',
                          memory='lots')
        self.assertRaises(TypeError, element.ComputeNode, uuid='n1',
                          colour='blue')

    def test_records_are_read_only(self):
        node = element.ComputeNode(uuid='n1')
        error = self.assertRaises(AttributeError, setattr, node, 'status',
                                  'disabled')
        self.assertIn('update_node', str(error))
        self.assertEqual('enabled', node.status)

    def test_replace_returns_a_new_record(self):
        node = element.ComputeNode(uuid='n1', hostname='h')
        disabled = node.replace(status='disabled', disabled_reason='maint')
        self.assertEqual('enabled', node.status)
        self.assertEqual('disabled', disabled.status)
        self.assertEqual('maint', disabled.disabled_reason)
        self.assertEqual('h', disabled.hostname)

    def test_equality_hash_and_dict_access(self):
        first = element.ComputeNode(uuid='n1', vcpus=4)
        same = element.ComputeNode(uuid='n1', vcpus=4)
        other = element.ComputeNode(uuid='n1', vcpus=8)
        self.assertEqual(first, same)
        self.assertNotEqual(first, other)
        self.assertEqual(hash(first), hash(other))
        self.assertEqual(4, first['vcpus'])
        self.assertRaises(KeyError, first.__getitem__, 'nope')
        self.assertEqual(len(element.ComputeNode.FIELDS), len(first.fields))


class TestInstance(testtools.TestCase):

    def test_mappings_are_frozen_copies(self):
        metadata = {'optimize': 'false'}
        instance = element.Instance(uuid='i1', metadata=metadata)
        metadata['optimize'] = 'true'
        self.assertEqual('false', instance.metadata['optimize'])

        def write():
            instance.metadata['a'] = 1
        self.assertRaises(TypeError, write)
        self.assertEqual({'optimize': 'false'}, instance.as_dict()['metadata'])

    def test_metadata_from_json_text(self):
        instance = element.Instance(
            uuid='i1', metadata='{"optimize": true, "nested": {"x": "y"}}')
        self.assertEqual({'optimize': True, 'nested': {'x': 'y'}},
                         instance.as_dict()['metadata'])

    def test_created_is_parsed(self):
        instance = element.Instance(uuid='i1',
                                    created='2026-01-02T03:04:05Z')
        self.assertEqual(2026, instance.created.year)
        self.assertIsInstance(instance.created, datetime.datetime)
        self.assertEqual('2026-01-02T03:04:05+00:00',
                         instance.as_dict()['created'])

    def test_bool_strings(self):
        self.assertTrue(element.Instance(uuid='i', locked='True').locked)
        self.assertFalse(element.Instance(uuid='i',
                                          watcher_exclude='False')
                         .watcher_exclude)
        self.assertRaises(ValueError, element.Instance, uuid='i',
                          locked='maybe')

    def test_pickle_and_copies(self):
        instance = element.Instance(uuid='i1', vcpus=2, metadata={'a': 1})
        self.assertEqual(instance, pickle.loads(pickle.dumps(instance)))
        self.assertIs(instance, copy.deepcopy(instance))

    def test_resources(self):
        instance = element.Instance(uuid='i1', vcpus=2, memory=2048, disk=20)
        self.assertEqual((2, 2048, 20), instance.resources)


class TestDiskRule(testtools.TestCase):

    def test_root_ephemeral_and_swap_rounded_up(self):
        self.assertEqual(20 + 5 + 1,
                         element.instance_disk_gb(20, 5, 512, False))
        self.assertEqual(20 + 2, element.instance_disk_gb(20, 0, 1025, False))
        self.assertEqual(20, element.instance_disk_gb(20, 0, 0, False))

    def test_boot_from_volume_has_no_local_root(self):
        self.assertEqual(5 + 1, element.instance_disk_gb(20, 5, 1024, True))
        self.assertEqual(0, element.instance_disk_gb(20, None, None, True))


class TestStorageAndBaremetal(testtools.TestCase):

    def test_storage_node_volume_types(self):
        self.assertEqual(('gold',),
                         element.StorageNode(host='h@b',
                                             volume_type='gold').volume_type)
        self.assertEqual(('gold', 'silver'), element.StorageNode(
            host='h@b', volume_type=['gold', 'silver']).volume_type)
        self.assertEqual('h@b', element.StorageNode(host='h@b').key)

    def test_pool_and_volume(self):
        pool = element.Pool(name='h@b#p', total_capacity_gb='500.7',
                            virtual_free=-3)
        self.assertEqual(500, pool.total_capacity_gb)
        self.assertEqual(-3, pool.virtual_free)
        self.assertRaises(ValueError, element.Pool, name='p',
                          free_capacity_gb='unknown')
        volume = element.Volume(uuid='v1', attachments=[
            {'server_id': 's', 'attachment_id': 'a'}])
        self.assertEqual([{'server_id': 's', 'attachment_id': 'a'}],
                         volume.as_dict()['attachments'])

    def test_ironic_node(self):
        node = element.IronicNode(uuid='u', power_state='power on',
                                  extra={'compute_node_id': 'n1'})
        self.assertEqual('n1', node.extra['compute_node_id'])
        self.assertFalse(node.maintenance)
