"""Many clients at once: no 5xx, and Placement stays consistent."""
import concurrent.futures
import unittest

import requests

from watcher.emulated_cloud import cloud as cloud_mod

HEADERS = {'OpenStack-API-Version': 'compute 2.96',
           'Content-Type': 'application/json'}


class ConcurrencyTest(unittest.TestCase):

    def setUp(self):
        self.cloud = cloud_mod.EmulatedCloud.generated(8, 120, seed=5,
                                                       storage=False)
        self.endpoints = self.cloud.start()
        self.addCleanup(self.cloud.stop)

    def _worker(self, index):
        statuses = []
        compute = self.endpoints.compute
        with requests.Session() as session:
            servers = session.get(compute + '/servers?all_tenants=1',
                                  headers=HEADERS, timeout=30).json()
            uuids = [s['id'] for s in servers['servers']]
            for step in range(25):
                uuid = uuids[(index * 25 + step) % len(uuids)]
                action = ({'os-migrateLive': {'host': None,
                                              'block_migration': 'auto'}}
                          if step % 2 else {'migrate': None})
                response = session.post(
                    '%s/servers/%s/action' % (compute, uuid), json=action,
                    headers=HEADERS, timeout=30)
                statuses.append(response.status_code)
                if response.status_code == 202 and 'migrate' in action:
                    statuses.append(session.post(
                        '%s/servers/%s/action' % (compute, uuid),
                        json={'confirmResize': None}, headers=HEADERS,
                        timeout=30).status_code)
                statuses.append(session.get(
                    compute + '/os-hypervisors/detail?with_servers=1',
                    headers=HEADERS, timeout=30).status_code)
                statuses.append(session.get(
                    self.endpoints.exporter + '/ceilometer',
                    timeout=30).status_code)
        return statuses

    def test_parallel_moves_and_reads(self):
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = [s for result in pool.map(self._worker, range(8))
                        for s in result]
        self.assertFalse([s for s in statuses if s >= 500])
        self.assertIn(202, statuses)
        state = self.cloud.state
        with state.lock:
            for host in state.hosts.values():
                expected = {'VCPU': 0, 'MEMORY_MB': 0, 'DISK_GB': 0}
                for uuid in host.servers:
                    server = state.servers[uuid]
                    self.assertEqual(host.name, server.host)
                    for rc, amount in server.flavor.resources(
                            server.boot_from_volume).items():
                        expected[rc] += amount
                for uuid, server in state.servers.items():
                    if server.resize and \
                            server.resize.source_host == host.name:
                        for rc, amount in server.resize.old_flavor \
                                .resources(server.boot_from_volume).items():
                            expected[rc] += amount
                self.assertEqual(expected, host.used, host.name)
