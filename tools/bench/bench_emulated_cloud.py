"""Benchmark: a generated 1,000-host / 20,000-server cloud, listed (SDK).

Run with ``python tools/bench/bench_emulated_cloud.py``. It checks the
listings are complete and prints the times; it is not part of the test
run. Most of the full listing's time is openstacksdk building its Server
objects; the emulator serves each 1,000-server page in a few tens of
milliseconds.
"""
import sys
import time
import unittest

import requests

from watcher.emulated_cloud import cloud as cloud_mod

HOSTS, SERVERS, SEED = 1000, 20000, 2026


def _log(message):
    sys.stderr.write('[emulated-cloud scale] %s\n' % message)
    sys.stderr.flush()


class ScaleTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        started = time.time()
        cls.cloud = cloud_mod.EmulatedCloud.generated(HOSTS, SERVERS,
                                                      seed=SEED)
        cls.endpoints = cls.cloud.start()
        _log('generated and started in %.1f s' % (time.time() - started))
        cls.conn = cls.cloud.connection(compute_api_version='2.96')

    @classmethod
    def tearDownClass(cls):
        cls.conn.close()
        cls.cloud.stop()

    def test_full_server_listing_through_the_sdk(self):
        started = time.time()
        servers = list(self.conn.compute.servers(details=True,
                                                 all_projects=True))
        _log('SDK listed %d servers in %.1f s' % (len(servers),
                                                  time.time() - started))
        self.assertEqual(SERVERS, len(servers))
        self.assertEqual(SERVERS, len({s.id for s in servers}))
        where = self.cloud.where()
        self.assertTrue(all(where[s.id] == s.compute_host for s in servers))

    def test_raw_pages_and_per_host_listing(self):
        started = time.time()
        url = self.endpoints.compute + '/servers/detail?all_tenants=1'
        headers = {'OpenStack-API-Version': 'compute 2.96'}
        total, pages = 0, 0
        with requests.Session() as session:
            while url:
                body = session.get(url, headers=headers, timeout=60).json()
                total += len(body['servers'])
                pages += 1
                links = body.get('servers_links') or []
                url = links[0]['href'] if links else None
        _log('raw HTTP listed %d servers in %d pages in %.1f s'
             % (total, pages, time.time() - started))
        self.assertEqual(SERVERS, total)
        started = time.time()
        hypervisors = list(self.conn.compute.hypervisors(details=True,
                                                         with_servers=True))
        _log('SDK listed %d hypervisors with servers in %.1f s'
             % (len(hypervisors), time.time() - started))
        self.assertEqual(HOSTS, len(hypervisors))
        started = time.time()
        for hypervisor in hypervisors[:50]:
            host = hypervisor.service_details['host']
            listed = list(self.conn.compute.servers(
                details=True, all_projects=True, compute_host=host))
            self.assertEqual(sorted(s['uuid'] for s in
                                    hypervisor.servers or []),
                             sorted(s.id for s in listed))
        _log('SDK listed the servers of 50 hosts one by one in %.1f s'
             % (time.time() - started))

    def test_exporter_at_scale(self):
        started = time.time()
        text = requests.get(self.endpoints.exporter + '/ceilometer',
                            timeout=60).text
        _log('ceilometer exposition: %d bytes in %.2f s'
             % (len(text), time.time() - started))
        self.assertGreater(text.count('ceilometer_cpu{'), SERVERS // 2)


if __name__ == '__main__':
    unittest.main(verbosity=2)
