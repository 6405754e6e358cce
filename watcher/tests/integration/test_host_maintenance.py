"""Scenario a: a host_maintenance audit empties a real nova-compute.

Two servers are booted on fake-compute-3; a ONESHOT audit of the
cluster_maintaining goal with the host_maintenance strategy must propose
disabling that compute service and live-migrating both servers, and
running the plan must make real Nova do it: the service ends disabled and
the servers run on other hosts (read back with openstacksdk).
"""
from watcher.tests.integration import base

MAINTAINED = 'fake-compute-3'


class TestHostMaintenance(base.IntegrationTestCase):

    def test_audit_disables_host_and_live_migrates_its_servers(self):
        servers = self.wait_active([
            self.boot('maint-a', 'm1.small', MAINTAINED),
            self.boot('maint-b', 'm1.medium', MAINTAINED)])
        self.addCleanup(self.enable_host, MAINTAINED)
        for server in servers:
            self.assertEqual(MAINTAINED, server.compute_host)
        self.watcher.wait_model({server.id: MAINTAINED for server in servers})

        audit = self.watcher.post('/v1/audits', {
            'name': 'maintenance-%s' % self.tag,
            'goal': 'cluster_maintaining', 'strategy': 'host_maintenance',
            'audit_type': 'ONESHOT',
            'parameters': {'maintenance_node': MAINTAINED}})
        self.watcher.wait_audit(audit['uuid'])
        plans = self.watcher.action_plans(audit['uuid'])
        self.assertEqual(1, len(plans))
        self.assertEqual('RECOMMENDED', plans[0]['state'])
        actions = self.watcher.actions(plans[0]['uuid'])
        self.assertEqual(
            ['change_nova_service_state', 'migrate', 'migrate'],
            sorted(action['action_type'] for action in actions))
        migrated = sorted(action['input_parameters']['resource_id']
                          for action in actions
                          if action['action_type'] == 'migrate')
        self.assertEqual(sorted(server.id for server in servers), migrated)

        plan = self.watcher.run_plan(plans[0]['uuid'])
        self.assertEqual('SUCCEEDED', plan['state'])

        service = self.compute_service(MAINTAINED)
        self.assertEqual('disabled', service.status)
        for server in servers:
            server = self.conn.compute.get_server(server.id)
            self.assertEqual('ACTIVE', server.status)
            self.assertIn(server.compute_host, set(base.HOSTS) - {MAINTAINED})
        migrations = [m for m in self.conn.compute.migrations(
            migration_type='live-migration')
            if m.server_id in migrated]
        self.assertEqual(['completed'] * 2,
                         [m.status for m in migrations][:2])
