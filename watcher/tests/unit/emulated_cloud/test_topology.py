"""Loading topologies: the records they build and the errors they raise."""
import json
import os
import tempfile
import unittest

from watcher.emulated_cloud import topology
from watcher.tests.unit.emulated_cloud import utils


class TopologyTest(unittest.TestCase):

    def test_builds_every_kind_of_record(self):
        state = topology.build(utils.small_topology())
        self.assertEqual(['compute-1', 'compute-2', 'compute-3'],
                         list(state.hosts))
        self.assertEqual(3, len(state.servers))
        vm2 = state.servers['11111111-1111-1111-1111-000000000002']
        self.assertTrue(vm2.boot_from_volume)
        self.assertEqual(['22222222-2222-2222-2222-000000000001'],
                         vm2.volumes)
        self.assertEqual('in-use', state.volumes[vm2.volumes[0]].status)
        self.assertEqual(['storage-1@lvm#a', 'storage-1@lvm#b',
                          'storage-2@ceph#rbd'], list(state.pools))
        node = state.ironic_nodes['33333333-3333-3333-3333-000000000001']
        self.assertEqual(state.hosts['compute-1'].uuid,
                         node.extra['compute_node_id'])
        self.assertEqual({'ssd': 'true'}, state.aggregates[1].metadata)

    def test_same_names_give_same_ids(self):
        first = topology.build(utils.small_topology())
        second = topology.build(utils.small_topology())
        self.assertEqual([h.uuid for h in first.hosts.values()],
                         [h.uuid for h in second.hosts.values()])

    def test_listing_order_is_newest_first(self):
        state = topology.build(utils.small_topology())
        self.assertEqual(['vm-3', 'vm-2', 'vm-1'],
                         [s.name for s in state.ordered_servers()])

    def test_powered_off_node_takes_its_compute_down(self):
        data = utils.small_topology()
        data['ironic_nodes'][1]['power_state'] = 'power off'
        state = topology.build(data)
        self.assertEqual('down', state.hosts['compute-3'].service_state)

    def test_loads_yaml_and_json_files(self):
        data = utils.small_topology()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'cloud.json')
            with open(path, 'w') as stream:
                json.dump(data, stream)
            self.assertEqual(3, len(topology.build(path).servers))
            path = os.path.join(tmp, 'cloud.yaml')
            with open(path, 'w') as stream:
                stream.write('hosts:\n  - name: h1\n')
            self.assertEqual(['h1'], list(topology.build(path).hosts))
            path = os.path.join(tmp, 'bad.yaml')
            with open(path, 'w') as stream:
                stream.write('hosts: [\n')
            self.assertRaises(topology.TopologyError, topology.build, path)
        self.assertRaises(topology.TopologyError, topology.build,
                          '/nonexistent/cloud.yaml')

    def assertTopologyError(self, data, text):
        with self.assertRaises(topology.TopologyError) as ctx:
            topology.build(data)
        self.assertIn(text, str(ctx.exception))

    def test_mistakes_name_the_entry(self):
        base = utils.small_topology
        data = base()
        data['servers'][0]['flavor'] = 'medium'
        self.assertTopologyError(data, "servers[0]: unknown flavor 'medium'")
        data = base()
        data['servers'][1]['host'] = 'compute-9'
        self.assertTopologyError(data, 'servers[1]: unknown host compute-9')
        data = base()
        data['hosts'][0]['vcpu'] = 4
        self.assertTopologyError(data, 'hosts[0]: unknown key(s) vcpu')
        data = base()
        data['hosts'][2]['memory_mb'] = 'lots'
        self.assertTopologyError(data, 'hosts[2]: memory_mb must be a number')
        data = base()
        data['servers'][0]['state'] = 'resized'
        self.assertTopologyError(data, 'servers[0]: state must be one of')
        data = base()
        data['volumes'][0]['pool'] = 'storage-9@x#y'
        self.assertTopologyError(data, "volumes[0]: unknown pool")
        data = base()
        data['hosts'].append({'name': 'compute-1'})
        self.assertTopologyError(data, 'duplicate host compute-1')
        self.assertTopologyError({'color': 'blue'}, 'unknown key(s) color')
        self.assertTopologyError({'servers': [{'name': 'x',
                                               'flavor': 'f'}]},
                                 'unknown flavor')
