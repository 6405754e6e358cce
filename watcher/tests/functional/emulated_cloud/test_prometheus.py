"""A real Prometheus scrapes the synthetic exporter; Watcher's PromQL works.

Skipped when the ``prometheus`` binary is not installed (Debian package
``prometheus``), except under ``CI=true`` where that is a failure.
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

import requests

from watcher.emulated_cloud import cloud as cloud_mod
from watcher.emulated_cloud import exposition
from watcher.tests.functional.fixtures import rabbitmq
from watcher.tests.unit.emulated_cloud import utils

VM1 = '11111111-1111-1111-1111-000000000001'
# The reference's PromQL over a 20 s window: the exporter computes its
# counters when scraped and Prometheus stamps samples when the scrape
# starts, so on a busy machine a sample can be stamped a second early or
# late; over 20 s that stays within 10 %.
WINDOW = 20
HOST_CPU = ("100 - (avg by (fqdn)(rate(node_cpu_seconds_total{mode='idle',"
            "fqdn='%%s'}[%ds])) * 100)" % WINDOW)
INSTANCE_CPU = ("clamp_max((avg by (resource)(rate(ceilometer_cpu{"
                "resource='%%s'}[%ds]))/10e+8) *(100/%%d), 100)" % WINDOW)
HOST_RAM = ("(node_memory_MemTotal_bytes{fqdn='%%s'} - avg_over_time("
            "node_memory_MemAvailable_bytes{fqdn='%%s'}[%ds])) / 1024"
            % WINDOW)


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class RealPrometheusTest(unittest.TestCase):

    def setUp(self):
        if not shutil.which('prometheus'):
            if rabbitmq.in_ci():
                self.fail('prometheus is required under CI=true')
            self.skipTest('prometheus is not installed')
        self.cloud = cloud_mod.EmulatedCloud(utils.small_topology())
        endpoints = self.cloud.start()
        self.addCleanup(self.cloud.stop)
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp, True)
        config = os.path.join(tmp, 'prometheus.yml')
        with open(config, 'w') as stream:
            stream.write(exposition.scrape_config(
                endpoints.base.split('://')[1], list(self.cloud.state.hosts),
                '1s'))
        self.url = 'http://127.0.0.1:%d' % _free_port()
        self.process = subprocess.Popen(
            ['prometheus', '--config.file=' + config,
             '--storage.tsdb.path=' + os.path.join(tmp, 'data'),
             '--web.listen-address=' + self.url.split('://')[1],
             '--log.level=warn'],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(self._stop)
        self._wait(lambda: requests.get(self.url + '/-/ready',
                                        timeout=2).ok)

    def _stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _wait(self, predicate, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if predicate():
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.fail('Prometheus condition not met in %d s' % timeout)

    def query(self, promql):
        body = requests.get(self.url + '/api/v1/query',
                            params={'query': promql}, timeout=5).json()
        self.assertEqual('success', body['status'], body)
        result = body['data']['result']
        return float(result[0]['value'][1]) if result else None

    def test_watcher_queries_return_the_load(self):
        def targets_up():
            active = requests.get(self.url + '/api/v1/targets', timeout=2)\
                .json()['data']['activeTargets']
            return len(active) == 7 and all(t['health'] == 'up'
                                            for t in active)

        self._wait(targets_up)
        active = requests.get(self.url + '/api/v1/targets',
                              params={'state': 'active'}, timeout=2).json()
        fqdns = {t['labels'].get('fqdn')
                 for t in active['data']['activeTargets']}
        self.assertEqual({'compute-1', 'compute-2', 'compute-3', None},
                         fqdns)
        # rate() is only exact once the window is full of samples, of the
        # host's exporter and of the instances' one alike.
        self._wait(lambda: min(self.query(
            "count_over_time(node_cpu_seconds_total{fqdn='compute-1',"
            "cpu='0',mode='idle'}[%ds])" % WINDOW) or 0, self.query(
            "count_over_time(ceilometer_cpu{resource='%s'}[%ds])"
            % (VM1, WINDOW)) or 0) >= WINDOW - 1, timeout=WINDOW + 30)
        # Within 10 %: the formulas are right (a wrong label, CPU count or
        # unit is off by far more), whatever the machine's load.
        self.assertAlmostEqual(50.0, self.query(INSTANCE_CPU % (VM1, 2)),
                               delta=5)
        tracker = self.cloud.tracker
        host = self.cloud.state.hosts['compute-1']
        expected = 100.0 * tracker.host_busy(host) / host.vcpus
        self.assertAlmostEqual(expected, self.query(HOST_CPU % 'compute-1'),
                               delta=max(3.0, 0.1 * expected))
        used_kib = self.query(HOST_RAM % ('compute-1', 'compute-1'))
        self.assertEqual((2048 + 4096 + 1024) * 1024, used_kib)

        conn = self.cloud.connection()
        self.addCleanup(conn.close)
        conn.compute.live_migrate_server(VM1, host='compute-3',
                                         block_migration='auto')
        self._wait(lambda: self.query(
            "ceilometer_cpu{resource='%s',host='compute-3'}" % VM1)
            is not None)
