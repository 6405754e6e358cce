"""Scenario b: a consolidation audit fed by the real Prometheus.

Three lightly loaded servers spread over two hosts; the exporter turns the
real Nova inventory into node/libvirt/ceilometer series that Prometheus
scrapes. A server_consolidation audit (vm_workload_consolidation, metrics
through the prometheus datasource) must pack them onto fewer hosts, and
running the plan must move the servers in real Nova.
"""
import json
import os

import requests

from watcher.tests.integration import base


class TestConsolidation(base.IntegrationTestCase):

    def set_load(self, mapping):
        path = os.path.join(base.STATE, 'prometheus', 'load.json')
        with open(path, 'w') as handle:
            json.dump(mapping, handle)
        self.addCleanup(lambda: open(path, 'w').write('{}'))

    def prometheus_has(self, server_ids):
        url = 'http://127.0.0.1:%s/api/v1/query' % os.environ.get(
            'PROMETHEUS_PORT', '27090')
        result = requests.get(
            url, params={'query': 'rate(ceilometer_cpu[60s])'},
            timeout=5).json()['data']['result']
        seen = {sample['metric'].get('resource') for sample in result}
        return set(server_ids) <= seen

    def test_audit_packs_servers_onto_fewer_hosts(self):
        servers = self.wait_active([
            self.boot('pack-a', 'm1.small', 'fake-compute-1'),
            self.boot('pack-b', 'm1.small', 'fake-compute-2'),
            self.boot('pack-c', 'm1.small', 'fake-compute-3')])
        ids = [server.id for server in servers]
        self.set_load({server_id: 0.1 for server_id in ids})
        self.watcher.wait_model({server.id: server.compute_host
                                 for server in servers})
        base.wait_for('Prometheus series of the servers',
                      lambda: self.prometheus_has(ids), 90, interval=3)
        before = {self.host_of(server_id) for server_id in ids}

        audit = self.watcher.post('/v1/audits', {
            'name': 'consolidation-%s' % self.tag,
            'goal': 'server_consolidation',
            'strategy': 'vm_workload_consolidation',
            'audit_type': 'ONESHOT', 'parameters': {'period': 60}})
        self.watcher.wait_audit(audit['uuid'])
        plans = self.watcher.action_plans(audit['uuid'])
        self.assertEqual(1, len(plans))
        actions = self.watcher.actions(plans[0]['uuid'])
        self.assertIn('migrate', [a['action_type'] for a in actions])

        for host in base.HOSTS:
            self.addCleanup(self.enable_host, host)
        plan = self.watcher.run_plan(plans[0]['uuid'])
        self.assertEqual('SUCCEEDED', plan['state'])
        after = {self.host_of(server_id) for server_id in ids}
        self.assertLess(len(after), len(before))
