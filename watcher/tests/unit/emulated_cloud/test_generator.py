"""The seeded generator: deterministic, realistic and uneven."""
import collections
import unittest

from watcher.emulated_cloud import generator
from watcher.emulated_cloud import topology


class GeneratorTest(unittest.TestCase):

    def test_same_seed_gives_the_same_cloud(self):
        first = generator.generate(40, 600, seed=3)
        second = generator.generate(40, 600, seed=3)
        self.assertEqual(first, second)
        a, b = topology.build(first), topology.build(second)
        self.assertEqual(a.placement_map(), b.placement_map())

    def test_another_seed_gives_another_cloud(self):
        first = generator.generate(40, 600, seed=3)
        other = generator.generate(40, 600, seed=4)
        self.assertNotEqual([s['uuid'] for s in first['servers']],
                            [s['uuid'] for s in other['servers']])

    def test_placement_is_uneven_but_within_capacity(self):
        state = topology.build(generator.generate(50, 1000, seed=11))
        self.assertEqual(1000, len(state.servers))
        counts = collections.Counter(s.host for s in
                                     state.servers.values())
        busiest = max(counts.values())
        quietest = min(counts.get(h, 0) for h in state.hosts)
        self.assertGreater(busiest, 3 * max(quietest, 1))
        for host in state.hosts.values():
            for rc in ('VCPU', 'MEMORY_MB', 'DISK_GB'):
                self.assertLessEqual(host.used[rc], host.capacity(rc))

    def test_load_profile_is_skewed(self):
        servers = generator.generate(20, 500, seed=5)['servers']
        loads = sorted(s['cpu_load'] for s in servers)
        self.assertLess(loads[len(loads) // 2], 0.35)
        self.assertGreater(loads[-1], 0.75)

    def test_realistic_content(self):
        data = generator.generate(12, 200, seed=1)
        state = topology.build(data)
        self.assertEqual(12 + 1, len(state.ironic_nodes))
        self.assertTrue(any(s.boot_from_volume
                            for s in state.servers.values()))
        self.assertTrue(any(s.vm_state == 'stopped'
                            for s in state.servers.values()))
        self.assertEqual({'az-1', 'az-2'}, {h.availability_zone
                                            for h in state.hosts.values()})
        bfv = [s for s in state.servers.values() if s.boot_from_volume]
        self.assertTrue(all(s.volumes for s in bfv))

    def test_full_cloud_stops_with_fewer_servers(self):
        data = generator.generate(1, 5000, seed=1, ironic=False,
                                  storage=False)
        self.assertLess(len(data['servers']), 5000)
        self.assertNotIn('ironic_nodes', data)

    def test_rejects_impossible_sizes(self):
        self.assertRaises(topology.TopologyError, generator.generate, 0, 1)
