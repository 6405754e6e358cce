"""The compute model: operations, accounting, copies, order, rows."""
import random
import time

import testtools

from watcher.common import exception
from watcher.decision_engine.model import element
from watcher.decision_engine.model import model_root


def make_node(uuid, hostname=None, **fields):
    values = dict(vcpus=16, memory=32768, disk=500)
    values.update(fields)
    return element.ComputeNode(uuid=uuid, hostname=hostname or uuid,
                               **values)


def make_instance(uuid, vcpus=2, memory=2048, disk=20, **fields):
    return element.Instance(uuid=uuid, vcpus=vcpus, memory=memory, disk=disk,
                            **fields)


class Shadow(object):
    """What the model should contain, kept with plain dicts."""

    def __init__(self):
        self.nodes = {}
        self.instances = {}
        self.placement = {}

    def copy(self):
        other = Shadow()
        other.nodes = dict(self.nodes)
        other.instances = dict(self.instances)
        other.placement = dict(self.placement)
        return other

    def used(self, node_uuid):
        total = [0, 0, 0]
        for uuid, host in self.placement.items():
            if host == node_uuid:
                for index, value in enumerate(self.instances[uuid].resources):
                    total[index] += value
        return {'vcpu': total[0], 'memory': total[1], 'disk': total[2]}


class RandomOperations(object):
    """Applies the same random operation to a model and its shadow."""

    HOSTNAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo']

    def __init__(self, rng):
        self.rng = rng
        self.counter = 0

    def _new_uuid(self, prefix):
        self.counter += 1
        return '%s-%05d' % (prefix, self.counter)

    def apply(self, model, shadow):
        rng = self.rng
        choice = rng.choice(['add_node', 'add_instance', 'map', 'map',
                             'unmap', 'migrate', 'migrate', 'remove_instance',
                             'update_instance', 'update_node', 'remove_node'])
        nodes = sorted(shadow.nodes)
        instances = sorted(shadow.instances)
        mapped = sorted(shadow.placement)
        if choice == 'add_node' or not nodes:
            node = make_node(self._new_uuid('node'),
                             rng.choice(self.HOSTNAMES),
                             vcpus=rng.randint(1, 64))
            model.add_node(node)
            shadow.nodes[node.uuid] = node
        elif choice == 'add_instance' or not instances:
            instance = make_instance(self._new_uuid('inst'),
                                     vcpus=rng.randint(0, 8),
                                     memory=rng.randint(0, 8192),
                                     disk=rng.randint(0, 80))
            model.add_instance(instance)
            shadow.instances[instance.uuid] = instance
        elif choice == 'map':
            uuid, node = rng.choice(instances), rng.choice(nodes)
            if rng.random() < 0.5:
                model.map_instance(shadow.instances[uuid], node)
            else:
                model.map_instance(uuid, shadow.nodes[node])
            shadow.placement[uuid] = node
        elif choice == 'unmap' and mapped:
            uuid = rng.choice(mapped)
            model.unmap_instance(uuid, shadow.placement.pop(uuid))
        elif choice == 'migrate' and mapped:
            uuid, destination = rng.choice(mapped), rng.choice(nodes)
            moved = model.migrate_instance(
                shadow.instances[uuid], shadow.nodes[shadow.placement[uuid]],
                shadow.nodes[destination])
            assert moved == (destination != shadow.placement[uuid])
            shadow.placement[uuid] = destination
        elif choice == 'remove_instance':
            uuid = rng.choice(instances)
            model.remove_instance(uuid)
            del shadow.instances[uuid]
            shadow.placement.pop(uuid, None)
        elif choice == 'update_instance':
            uuid = rng.choice(instances)
            shadow.instances[uuid] = model.update_instance(
                uuid, vcpus=rng.randint(0, 8), memory=rng.randint(0, 8192),
                disk=rng.randint(0, 80))
        elif choice == 'update_node':
            uuid = rng.choice(nodes)
            shadow.nodes[uuid] = model.update_node(
                uuid, hostname=rng.choice(self.HOSTNAMES),
                status=rng.choice(['enabled', 'disabled']))
        elif choice == 'remove_node':
            uuid = rng.choice(nodes)
            model.remove_node(shadow.nodes[uuid])
            del shadow.nodes[uuid]
            for instance_uuid, host in list(shadow.placement.items()):
                if host == uuid:
                    del shadow.placement[instance_uuid]


class ModelAssertions(object):

    def assertMatchesShadow(self, model, shadow):
        nodes = model.get_all_compute_nodes()
        self.assertEqual(shadow.nodes, nodes)
        self.assertEqual(
            sorted(nodes, key=lambda uuid: (nodes[uuid].hostname, uuid)),
            list(nodes))
        self.assertEqual(shadow.instances, model.get_all_instances())
        for uuid in shadow.nodes:
            self.assertEqual(shadow.used(uuid),
                             model.get_node_used_resources(uuid))
            expected = sorted(i for i, host in shadow.placement.items()
                              if host == uuid)
            self.assertEqual(expected, [instance.uuid for instance
                                        in model.get_node_instances(uuid)])
        for uuid in shadow.instances:
            if uuid in shadow.placement:
                self.assertEqual(shadow.placement[uuid],
                                 model.get_node_by_instance_uuid(uuid).uuid)
            else:
                self.assertRaises(exception.InstanceNotMapped,
                                  model.get_node_by_instance_uuid, uuid)


class TestIncrementalAccounting(testtools.TestCase, ModelAssertions):

    def test_random_operations_match_a_brute_force_recount(self):
        for seed in range(5):
            rng = random.Random(seed)
            operations = RandomOperations(rng)
            model, shadow = model_root.ModelRoot(), Shadow()
            for _step in range(300):
                operations.apply(model, shadow)
                self.assertMatchesShadow(model, shadow)

    def test_random_operations_on_copies_never_leak(self):
        rng = random.Random(42)
        operations = RandomOperations(rng)
        model, shadow = model_root.ModelRoot(), Shadow()
        for _step in range(60):
            operations.apply(model, shadow)
        for _round in range(20):
            copy, copy_shadow = model.copy(), shadow.copy()
            for _step in range(15):
                operations.apply(copy, copy_shadow)
                self.assertMatchesShadow(copy, copy_shadow)
            self.assertMatchesShadow(model, shadow)
            for _step in range(15):
                operations.apply(model, shadow)
            self.assertMatchesShadow(copy, copy_shadow)
            if rng.random() < 0.5:
                model, shadow = copy, copy_shadow

    def test_free_resources_are_capacity_minus_used(self):
        model = model_root.ModelRoot()
        node = make_node('n1', vcpus=10, vcpu_reserved=2, vcpu_ratio=2.0,
                         memory=1000, memory_mb_reserved=100, disk=100)
        model.add_node(node)
        model.map_instance(make_instance('i1', vcpus=4, memory=300, disk=30),
                           node)
        model.map_instance(make_instance('i2', vcpus=20, memory=0, disk=0),
                           'n1')
        self.assertEqual({'vcpu': 16.0 - 24, 'memory': 900.0 - 300,
                          'disk': 70.0},
                         model.get_node_free_resources(node))


class TestOperations(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.model = model_root.ModelRoot()
        self.node1 = make_node('n1', 'host1')
        self.node2 = make_node('n2', 'host2')
        self.model.add_node(self.node1)
        self.model.add_node(self.node2)
        self.instance = make_instance('i1')
        self.model.map_instance(self.instance, self.node1)

    def test_lookups(self):
        self.assertEqual(self.node1, self.model.get_node_by_name('host1'))
        self.assertEqual(self.node1, self.model.get_node_by_uuid('n1'))
        self.assertEqual(self.node1,
                         self.model.get_node_by_instance_uuid('i1'))
        self.assertRaises(exception.ComputeNodeNotFound,
                          self.model.get_node_by_name, 'nowhere')
        self.assertRaises(exception.ComputeNodeNotFound,
                          self.model.get_node_by_uuid, 'n9')
        self.assertRaises(exception.InstanceNotFound,
                          self.model.get_instance_by_uuid, 'i9')
        self.assertRaises(exception.InstanceNotFound,
                          self.model.get_node_by_instance_uuid, 'i9')

    def test_migrate_to_same_node_is_a_no_op(self):
        self.assertFalse(self.model.migrate_instance(
            self.instance, self.node1, self.node1))
        self.assertTrue(self.model.migrate_instance(
            self.instance, self.node1, self.node2))
        self.assertEqual([], self.model.get_node_instances(self.node1))
        self.assertEqual({'vcpu': 2, 'memory': 2048, 'disk': 20},
                         self.model.get_node_used_resources(self.node2))

    def test_migrate_from_the_wrong_node_is_refused(self):
        self.assertRaises(exception.InstanceNotMapped,
                          self.model.migrate_instance, self.instance,
                          self.node2, self.node1)
        self.assertEqual(self.node1,
                         self.model.get_node_by_instance_uuid('i1'))

    def test_unmap_from_the_wrong_node_is_refused(self):
        self.assertRaises(exception.InstanceNotMapped,
                          self.model.unmap_instance, 'i1', 'n2')

    def test_resize_moves_the_accounting(self):
        self.model.update_instance('i1', vcpus=8, memory=4096, disk=40)
        self.assertEqual({'vcpu': 8, 'memory': 4096, 'disk': 40},
                         self.model.get_node_used_resources('n1'))

    def test_remove_node_leaves_instances_unmapped(self):
        self.model.remove_node(self.node1)
        self.assertIn('i1', self.model.get_all_instances())
        self.assertRaises(exception.InstanceNotMapped,
                          self.model.get_node_by_instance_uuid, 'i1')
        self.assertRaises(exception.ComputeNodeNotFound,
                          self.model.get_node_by_name, 'host1')

    def test_remove_node_and_instances(self):
        self.model.remove_node_and_instances('n1')
        self.assertEqual({}, self.model.get_all_instances())

    def test_hostname_change_is_indexed(self):
        self.model.update_node('n1', hostname='renamed')
        self.assertEqual('n1', self.model.get_node_by_name('renamed').uuid)
        self.assertRaises(exception.ComputeNodeNotFound,
                          self.model.get_node_by_name, 'host1')

    def test_uuid_cannot_change(self):
        self.assertRaises(exception.IllegalArgumentException,
                          self.model.update_node, 'n1', uuid='n3')
        self.assertRaises(exception.IllegalArgumentException,
                          self.model.update_instance, 'i1', uuid='i3')

    def test_wrong_types_are_refused(self):
        self.assertRaises(exception.IllegalArgumentException,
                          self.model.add_node, self.instance)
        self.assertRaises(exception.IllegalArgumentException,
                          self.model.add_instance, self.node1)

    def test_stale_model_is_falsy(self):
        self.assertTrue(self.model)
        self.assertFalse(model_root.ModelRoot(stale=True))


class TestCopies(testtools.TestCase):

    def _model(self):
        model = model_root.ModelRoot()
        for index in range(3):
            model.add_node(make_node('n%d' % index, 'host%d' % index))
        for index in range(6):
            model.map_instance(make_instance('i%d' % index), 'n%d' % (
                index % 3))
        return model

    def test_copy_shares_records_but_not_state(self):
        master = self._model()
        before = master.to_xml()
        copy = master.copy()
        self.assertIs(master.get_instance_by_uuid('i0'),
                      copy.get_instance_by_uuid('i0'))
        copy.migrate_instance('i0', 'n0', 'n1')
        copy.update_instance('i1', vcpus=6)
        copy.update_node('n2', status='disabled')
        copy.remove_node_and_instances('n2')
        copy.add_node(make_node('n9'))
        self.assertEqual(before, master.to_xml())
        self.assertEqual({'vcpu': 4, 'memory': 4096, 'disk': 40},
                         master.get_node_used_resources('n0'))
        self.assertEqual('enabled', master.get_node_by_uuid('n2').status)

    def test_master_changes_do_not_reach_a_copy(self):
        master = self._model()
        copy = master.copy()
        snapshot = copy.to_xml()
        master.migrate_instance('i0', 'n0', 'n2')
        master.remove_instance('i3')
        master.update_instance('i4', memory=1)
        self.assertEqual(snapshot, copy.to_xml())

    def test_copy_of_a_large_model_is_cheap(self):
        model = model_root.ModelRoot()
        for index in range(1000):
            model.add_node(make_node('node-%04d' % index))
        for index in range(20000):
            model.map_instance(make_instance('inst-%05d' % index),
                               'node-%04d' % (index % 1000))
        started = time.perf_counter()
        copy = model.copy()
        elapsed = time.perf_counter() - started
        self.assertLess(elapsed, 0.25)
        copy.migrate_instance('inst-00000', 'node-0000', 'node-0001')
        self.assertEqual(20, len(model.get_node_instances('node-0000')))
        self.assertEqual(19, len(copy.get_node_instances('node-0000')))


class TestOrderAndRows(testtools.TestCase):

    def test_nodes_sorted_by_hostname_then_uuid_whatever_the_insertion(self):
        orders = []
        for seed in range(3):
            nodes = [make_node('u%d' % index, 'host%d' % (index % 3))
                     for index in range(9)]
            random.Random(seed).shuffle(nodes)
            model = model_root.ModelRoot()
            for node in nodes:
                model.add_node(node)
            orders.append(list(model.get_all_compute_nodes()))
        self.assertEqual(orders[0], orders[1])
        self.assertEqual(orders[0], orders[2])
        self.assertEqual(['u0', 'u3', 'u6', 'u1', 'u4', 'u7', 'u2', 'u5',
                          'u8'], orders[0])

    def test_duplicate_hostname_resolves_to_lowest_uuid(self):
        model = model_root.ModelRoot()
        model.add_node(make_node('b', 'same'))
        model.add_node(make_node('a', 'same'))
        self.assertEqual('a', model.get_node_by_name('same').uuid)

    def test_to_list_rows(self):
        model = model_root.ModelRoot()
        model.add_node(make_node('n2', 'host2'))
        model.add_node(make_node('n1', 'host1', disabled_reason='x'))
        model.map_instance(make_instance('i2', metadata={'k': 'v'},
                                         host='host1'), 'n1')
        model.map_instance(make_instance('i1'), 'n1')
        rows = model.to_list()
        self.assertEqual([('n1', 'i1'), ('n1', 'i2'), ('n2', None)],
                         [(row['node_uuid'], row.get('server_uuid'))
                          for row in rows])
        node_keys = {'node_' + name for name
                     in model_root.NODE_LIST_FIELDS}
        server_keys = {'server_' + name for name
                       in model_root.SERVER_LIST_FIELDS}
        self.assertEqual(node_keys | server_keys, set(rows[0]))
        self.assertEqual(node_keys, set(rows[2]))
        self.assertEqual({'k': 'v'}, rows[1]['server_metadata'])
        self.assertIs(dict, type(rows[1]['server_metadata']))
        self.assertNotIn('server_host', rows[1])
        self.assertNotIn('server_created', rows[1])
        self.assertEqual('x', rows[0]['node_disabled_reason'])

    def test_list_keys_per_microversion(self):
        keys_13 = model_root.list_keys_for_version(1, 3)
        keys_16 = model_root.list_keys_for_version(1, 6)
        self.assertNotIn('server_pinned_az', keys_13)
        self.assertIn('server_pinned_az', keys_16)
        self.assertIn('server_flavor_extra_specs', keys_16)
        self.assertEqual({'server_pinned_az', 'server_flavor_extra_specs'},
                         keys_16 - keys_13)
        self.assertEqual(frozenset(), model_root.list_keys_for_version(1, 2))


class TestSerialisation(testtools.TestCase):

    def test_xml_round_trip(self):
        model = model_root.ModelRoot()
        model.add_node(make_node('n1', 'host1', vcpu_ratio=4.0,
                                 disabled_reason='maintenance'))
        model.map_instance(make_instance(
            'i1', metadata={'optimize': False}, locked=True,
            created='2026-05-01T10:00:00Z', flavor_extra_specs={'hw': '1'}),
            'n1')
        model.add_instance(make_instance('orphan'))
        parsed = model_root.ModelRoot.from_xml(model.to_xml())
        self.assertTrue(model.same_content(parsed))
        self.assertTrue(model_root.ModelRoot.is_isomorphic(model, parsed))

    def test_dict_round_trip(self):
        model = model_root.ModelRoot()
        model.add_node(make_node('n1'))
        model.map_instance(make_instance('i1'), 'n1')
        parsed = model_root.ModelRoot.from_dict(model.to_dict())
        self.assertTrue(model.same_content(parsed))

    def test_reference_scenario_attributes_are_tolerated(self):
        xml = """<ModelRoot>
          <ComputeNode human_id="" uuid="Node_0" status="enabled"
              state="up" id="0" hostname="hostname_0" vcpus="40"
              disk="250" disk_capacity="250" memory="132">
            <Instance state="active" human_id="" uuid="INSTANCE_0"
                vcpus="10" disk="20" disk_capacity="20" memory="2"
                metadata='{"optimize": true,"top": "floor"}'/>
          </ComputeNode>
        </ModelRoot>"""
        model = model_root.ModelRoot.from_xml(xml)
        self.assertEqual(40, model.get_node_by_uuid('Node_0').vcpus)
        self.assertEqual({'vcpu': 10, 'memory': 2, 'disk': 20},
                         model.get_node_used_resources('Node_0'))
        self.assertTrue(model.get_instance_by_uuid(
            'INSTANCE_0').metadata['optimize'])


class TestChangeTracking(testtools.TestCase):

    def test_node_generation_grows_with_hosted_changes(self):
        model = model_root.ModelRoot()
        model.add_node(make_node('n1'))
        model.add_node(make_node('n2'))
        model.map_instance(make_instance('i1'), 'n1')
        model.drain_touched()
        before = {uuid: model.get_node_generation(uuid)
                  for uuid in ('n1', 'n2')}
        model.update_instance('i1', state='stopped')
        self.assertEqual(before['n1'] + 1, model.get_node_generation('n1'))
        self.assertEqual(before['n2'], model.get_node_generation('n2'))
        model.migrate_instance('i1', 'n1', 'n2')
        self.assertGreater(model.get_node_generation('n2'), before['n2'])
        self.assertEqual(frozenset({'n1', 'n2'}), model.drain_touched())
        self.assertEqual(frozenset(), model.drain_touched())
        self.assertIsNone(model.get_node_generation('n9'))

    def test_a_copy_reports_the_generations_of_its_origin(self):
        master = model_root.ModelRoot()
        master.add_node(make_node('n1'))
        master.add_node(make_node('n2'))
        master.map_instance(make_instance('i1'), 'n1')
        copy = master.copy()
        before = (copy.generation, copy.get_node_generation('n1'),
                  copy.get_node_generation('n2'))
        copy.migrate_instance('i1', 'n1', 'n2')
        copy.update_instance('i1', watcher_exclude=True)
        self.assertEqual(before, (copy.generation,
                                  copy.get_node_generation('n1'),
                                  copy.get_node_generation('n2')))
        self.assertEqual(before[1], master.get_node_generation('n1'))
        master.update_instance('i1', state='stopped')
        self.assertEqual(before[1] + 1, master.get_node_generation('n1'))

    def test_inherit_generations_reports_only_changed_nodes(self):
        old = model_root.ModelRoot()
        for uuid in ('n1', 'n2', 'n3'):
            old.add_node(make_node(uuid))
        old.map_instance(make_instance('i1'), 'n1')
        old.map_instance(make_instance('i2'), 'n2')
        new = model_root.ModelRoot.from_xml(old.to_xml())
        new.update_instance('i2', state='stopped')
        new.remove_node('n3')
        new.add_node(make_node('n4'))
        changed = new.inherit_generations(old)
        self.assertEqual(frozenset({'n2', 'n3', 'n4'}), changed)
        self.assertEqual(old.get_node_generation('n1'),
                         new.get_node_generation('n1'))
        self.assertEqual(old.get_node_generation('n2') + 1,
                         new.get_node_generation('n2'))
        self.assertGreater(new.generation, old.generation)
