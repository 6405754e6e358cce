"""Compute actions change the emulated cloud for real."""
import time

from watcher.tests.functional.applier import base


class TestMigrate(base.EmulatedCloudTestCase):

    def migrate(self, name, migration_type, source, destination=None):
        parameters = {'migration_type': migration_type,
                      'resource_id': self.server(name).id,
                      'source_node': source, 'resource_name': name}
        if destination:
            parameters['destination_node'] = destination
        return self.run_actions(('migrate', parameters))

    def test_live_migration_to_a_destination(self):
        plan, [action] = self.migrate('vm-1', 'live', 'compute-1',
                                      'compute-2')
        self.assertEqual(('SUCCEEDED', 'SUCCEEDED'),
                         (plan.state, action.state))
        self.assertEqual('compute-2', self.host_of('vm-1'))
        self.assertEqual('ACTIVE', self.server('vm-1').status)

    def test_live_migration_where_nova_chooses(self):
        plan, [action] = self.migrate('vm-1', 'live', 'compute-1')
        self.assertEqual('SUCCEEDED', action.state, action.status_message)
        self.assertNotEqual('compute-1', self.host_of('vm-1'))

    def test_cold_migration_is_confirmed(self):
        plan, [action] = self.migrate('vm-2', 'cold', 'compute-1',
                                      'compute-3')
        self.assertEqual('SUCCEEDED', action.state, action.status_message)
        server = self.server('vm-2')
        self.assertEqual('compute-3', server.compute_host)
        self.assertEqual('ACTIVE', server.status)
        self.assertIsNone(server.task_state)

    def test_instance_moved_away_meanwhile_is_skipped(self):
        plan, [action] = self.migrate('vm-3', 'live', 'compute-1',
                                      'compute-3')
        self.assertEqual('SKIPPED', action.state)
        self.assertTrue(action.status_message.startswith(
            'Action was skipped automatically: Instance'))
        self.assertEqual('SUCCEEDED', plan.state)
        self.assertEqual('One or more actions were skipped.',
                         plan.status_message)
        self.assertEqual('compute-2', self.host_of('vm-3'))

    def test_unknown_destination_fails_before_moving(self):
        plan, [action] = self.migrate('vm-1', 'live', 'compute-1',
                                      'compute-9')
        self.assertEqual(('FAILED', 'FAILED'), (plan.state, action.state))
        self.assertEqual('Action failed in pre_condition: Destination node '
                         'compute-9 not found', action.status_message)
        self.assertEqual('compute-1', self.host_of('vm-1'))

    def test_live_migration_of_a_stopped_instance_fails(self):
        plan, [action] = self.migrate('vm-off', 'live', 'compute-2',
                                      'compute-3')
        self.assertEqual('FAILED', action.state)
        self.assertIn('requires the ACTIVE status, not SHUTOFF',
                      action.status_message)
        self.assertEqual('compute-2', self.host_of('vm-off'))

    def test_failed_migration_stops_the_dependent_actions(self):
        vm1 = self.server('vm-1').id
        plan, actions = self.run_actions(
            ('migrate', {'migration_type': 'live', 'resource_id': vm1,
                         'source_node': 'compute-1',
                         'destination_node': 'compute-9'}),
            ('change_nova_service_state', {
                'resource_id': 'x', 'resource_name': 'compute-1',
                'state': 'disabled'}))
        self.assertEqual('FAILED', plan.state)
        self.assertEqual(['FAILED', 'CANCELLED'], [a.state for a in actions])
        service = list(self.admin.compute.services(host='compute-1'))[0]
        self.assertEqual('enabled', service.status)


class TestMigrationThatNeverEnds(base.EmulatedCloudTestCase):

    # Every move takes an hour in this cloud.
    action_delay = 3600

    def test_gives_up_after_the_configured_polls(self):
        self.config(group='nova', migration_interval=0.1,
                    migration_max_retries=5)
        server = self.server('vm-1')
        started = time.monotonic()
        plan, [action] = self.run_actions(('migrate', {
            'migration_type': 'live', 'resource_id': server.id,
            'source_node': 'compute-1', 'destination_node': 'compute-2'}))
        elapsed = time.monotonic() - started
        self.assertEqual(('FAILED', 'FAILED'), (plan.state, action.state))
        self.assertIn('did not finish its live migration after 5 polls '
                      'every 0.1 s', action.status_message)
        self.assertTrue(action.status_message.startswith(
            'Action failed in execute: Nova client error: instance'))
        self.assertLess(elapsed, 10)


class TestOtherComputeActions(base.EmulatedCloudTestCase):

    def test_stop(self):
        plan, [action] = self.run_actions(
            ('stop', {'resource_id': self.server('vm-3').id}))
        self.assertEqual('SUCCEEDED', action.state, action.status_message)
        self.assertEqual('SHUTOFF', self.server('vm-3').status)

    def test_stop_of_a_stopped_instance_is_skipped(self):
        plan, [action] = self.run_actions(
            ('stop', {'resource_id': self.server('vm-off').id}))
        self.assertEqual('SKIPPED', action.state)

    def test_stop_of_a_deleted_instance_is_skipped(self):
        plan, [action] = self.run_actions(
            ('stop', {'resource_id': '0b7e7a43-7e5c-4d1c-9ab3-1e0a1f9d3c5e'}))
        self.assertEqual('SKIPPED', action.state)
        self.assertIn('not found', action.status_message)

    def test_disable_then_enable_a_compute_service(self):
        plan, [action] = self.run_actions(('change_nova_service_state', {
            'resource_id': 'node', 'resource_name': 'compute-3',
            'state': 'disabled', 'disabled_reason': 'watcher_maintaining'}))
        self.assertEqual('SUCCEEDED', action.state, action.status_message)
        service = list(self.admin.compute.services(host='compute-3'))[0]
        self.assertEqual(('disabled', 'watcher_maintaining'),
                         (service.status, service.disabled_reason))
        plan, [again] = self.run_actions(('change_nova_service_state', {
            'resource_id': 'node', 'resource_name': 'compute-3',
            'state': 'disabled'}))
        self.assertEqual('SKIPPED', again.state)
        plan, [enable] = self.run_actions(('change_nova_service_state', {
            'resource_id': 'node', 'resource_name': 'compute-3',
            'state': 'enabled'}))
        self.assertEqual('SUCCEEDED', enable.state, enable.status_message)
        service = list(self.admin.compute.services(host='compute-3'))[0]
        self.assertEqual('enabled', service.status)

    def test_service_state_up_is_refused(self):
        plan, [action] = self.run_actions(('change_nova_service_state', {
            'resource_id': 'node', 'resource_name': 'compute-3',
            'state': 'down'}))
        self.assertEqual('FAILED', action.state)
        self.assertIn('use enabled or disabled', action.status_message)

    def test_resize(self):
        plan, [action] = self.run_actions(('resize', {
            'resource_id': self.server('vm-3').id, 'flavor': 'm1.medium'}))
        self.assertEqual('SUCCEEDED', action.state, action.status_message)
        server = self.server('vm-3')
        self.assertEqual('m1.medium', server.flavor.name)
        self.assertEqual('ACTIVE', server.status)

    def test_resize_to_an_unknown_flavor_fails(self):
        plan, [action] = self.run_actions(('resize', {
            'resource_id': self.server('vm-3').id, 'flavor': 'm9.huge'}))
        self.assertEqual('FAILED', action.state)
        self.assertEqual('Action failed in pre_condition: Flavor m9.huge '
                         'not found', action.status_message)


class TestUnreachableCloud(base.EmulatedCloudTestCase):

    def test_connection_errors_are_retried_then_fail_clearly(self):
        server_id = self.server('vm-1').id
        self.config(group='nova', http_retries=2, http_retry_interval=0.1)
        self.cloud.stop()
        plan, [action] = self.run_actions(('migrate', {
            'migration_type': 'live', 'resource_id': server_id,
            'source_node': 'compute-1'}))
        self.assertEqual(('FAILED', 'FAILED'), (plan.state, action.state))
        self.assertTrue(action.status_message.startswith(
            'Action failed in pre_condition: Nova client error: get_server: '
            'cannot reach Nova after 2 attempt(s)'), action.status_message)
