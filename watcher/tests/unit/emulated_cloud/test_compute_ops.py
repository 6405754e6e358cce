"""Server moves, power actions and service changes of the emulated Nova."""
import time
import unittest

from watcher.emulated_cloud import compute_ops
from watcher.emulated_cloud import errors
from watcher.emulated_cloud import server_lifecycle
from watcher.emulated_cloud import topology
from watcher.tests.unit.emulated_cloud import utils

VM1 = '11111111-1111-1111-1111-000000000001'
VM2 = '11111111-1111-1111-1111-000000000002'
VM3 = '11111111-1111-1111-1111-000000000003'


class ComputeOpsTest(unittest.TestCase):

    def setUp(self):
        self.state = topology.build(utils.small_topology())

    def used(self, host):
        return dict(self.state.hosts[host].used)

    def test_initial_allocations_follow_the_disk_rule(self):
        # vm-1 small from image: 20 GB; vm-2 big BFV: 0 + 10 + ceil(1500/1024)
        self.assertEqual({'VCPU': 6, 'MEMORY_MB': 6144, 'DISK_GB': 32},
                         self.used('compute-1'))
        self.assertEqual({'VCPU': 2, 'MEMORY_MB': 2048, 'DISK_GB': 20},
                         self.used('compute-2'))

    def test_live_migrate_to_a_host_moves_server_and_allocations(self):
        compute_ops.live_migrate(self.state, VM1, host='compute-3')
        server = self.state.servers[VM1]
        self.assertEqual('compute-3', server.host)
        self.assertEqual('compute-3', server.node)
        self.assertIsNone(server.task_state)
        self.assertEqual('ACTIVE', server.status)
        self.assertEqual(2, self.used('compute-3')['VCPU'])
        self.assertEqual(4, self.used('compute-1')['VCPU'])
        self.assertIn(VM1, self.state.hosts['compute-3'].servers)
        self.assertNotIn(VM1, self.state.hosts['compute-1'].servers)
        migration = list(self.state.migrations.values())[-1]
        self.assertEqual(('live-migration', 'completed'),
                         (migration.migration_type, migration.status))

    def test_live_migrate_without_host_picks_most_free_ram(self):
        # compute-3 has 8192 MB free, compute-2 16384-1024-2048 = 13312 MB.
        compute_ops.live_migrate(self.state, VM1)
        self.assertEqual('compute-2', self.state.servers[VM1].host)

    def test_scheduler_skips_disabled_hosts(self):
        compute_ops.update_service(self.state, 'compute-2',
                                   status='disabled')
        compute_ops.live_migrate(self.state, VM1)
        self.assertEqual('compute-3', self.state.servers[VM1].host)

    def test_destination_that_does_not_fit_is_refused(self):
        server_lifecycle.create_server(
            self.state, 'filler', 'big', 'p9', 'u9', image_ref='img',
            availability_zone='nova:compute-3')
        # compute-3: 8192 MB; filler + vm-2 use all of it exactly.
        compute_ops.live_migrate(self.state, VM2, host='compute-3')
        with self.assertRaises(errors.NoValidHost) as ctx:
            compute_ops.live_migrate(self.state, VM1, host='compute-3')
        self.assertEqual(400, ctx.exception.code)
        self.assertIn('No valid host', ctx.exception.message)
        self.assertIn('MEMORY_MB', ctx.exception.message)
        self.assertEqual('compute-1', self.state.servers[VM1].host)
        self.assertEqual(8192, self.used('compute-3')['MEMORY_MB'])

    def test_resize_to_a_flavor_no_host_can_take_is_refused(self):
        self.assertRaises(errors.NoValidHost, compute_ops.resize,
                          self.state, VM1, 'huge')
        self.assertEqual(('small', 'ACTIVE'), (
            self.state.servers[VM1].flavor.name,
            self.state.servers[VM1].status))

    def test_disabled_destination_is_refused_unless_forced(self):
        compute_ops.update_service(self.state, 'compute-3',
                                   status='disabled')
        self.assertRaises(errors.NoValidHost, compute_ops.live_migrate,
                          self.state, VM1, host='compute-3')
        compute_ops.live_migrate(self.state, VM1, host='compute-3',
                                 force=True)
        self.assertEqual('compute-3', self.state.servers[VM1].host)

    def test_unknown_destination_and_same_host_are_bad_requests(self):
        self.assertRaises(errors.BadRequest, compute_ops.live_migrate,
                          self.state, VM1, host='nowhere')
        self.assertRaises(errors.BadRequest, compute_ops.live_migrate,
                          self.state, VM1, host='compute-1')

    def test_live_migrate_of_a_stopped_server_conflicts(self):
        with self.assertRaises(errors.Conflict) as ctx:
            compute_ops.live_migrate(self.state, VM3)
        self.assertIn('vm_state stopped', ctx.exception.message)

    def test_unknown_server_is_not_found(self):
        with self.assertRaises(errors.NotFound) as ctx:
            compute_ops.stop(self.state, 'nope')
        self.assertEqual('Instance nope could not be found.',
                         ctx.exception.message)

    def test_cold_migrate_keeps_source_allocation_until_confirm(self):
        compute_ops.migrate(self.state, VM1, host='compute-3')
        server = self.state.servers[VM1]
        self.assertEqual(('compute-3', 'VERIFY_RESIZE', 'resized'),
                         (server.host, server.status, server.vm_state))
        self.assertEqual(6, self.used('compute-1')['VCPU'])
        self.assertEqual(2, self.used('compute-3')['VCPU'])
        compute_ops.confirm_resize(self.state, VM1)
        self.assertEqual(('ACTIVE', 'active'), (server.status,
                                                server.vm_state))
        self.assertEqual(4, self.used('compute-1')['VCPU'])
        self.assertRaises(errors.Conflict, compute_ops.confirm_resize,
                          self.state, VM1)

    def test_cold_migrate_of_a_stopped_server_returns_to_shutoff(self):
        compute_ops.migrate(self.state, VM3)
        server = self.state.servers[VM3]
        self.assertNotEqual('compute-2', server.host)
        self.assertEqual('VERIFY_RESIZE', server.status)
        compute_ops.confirm_resize(self.state, VM3)
        self.assertEqual('SHUTOFF', server.status)

    def test_resize_changes_flavor_and_revert_restores_it(self):
        compute_ops.resize(self.state, VM1, '2')
        server = self.state.servers[VM1]
        self.assertEqual(('big', 'VERIFY_RESIZE'), (server.flavor.name,
                                                    server.status))
        new_host = server.host
        self.assertNotEqual('compute-1', new_host)
        compute_ops.revert_resize(self.state, VM1)
        self.assertEqual(('small', 'compute-1', 'ACTIVE'),
                         (server.flavor.name, server.host, server.status))
        self.assertEqual(0, self.used(new_host)['VCPU'] -
                         (2 if new_host == 'compute-2' else 0))

    def test_resize_validation(self):
        self.assertRaises(errors.BadRequest, compute_ops.resize, self.state,
                          VM1, 'missing')
        self.assertRaises(errors.BadRequest, compute_ops.resize, self.state,
                          VM1, 'small')
        compute_ops.resize(self.state, VM1, 'big')
        compute_ops.confirm_resize(self.state, VM1)
        with self.assertRaises(errors.BadRequest) as ctx:
            compute_ops.resize(self.state, VM1, 'small')
        self.assertIn('resize disk down', ctx.exception.message)

    def test_stop_and_start(self):
        compute_ops.stop(self.state, VM1)
        server = self.state.servers[VM1]
        self.assertEqual(('SHUTOFF', 4), (server.status, server.power_state))
        self.assertRaises(errors.Conflict, compute_ops.stop, self.state, VM1)
        compute_ops.start(self.state, VM1)
        self.assertEqual(('ACTIVE', 1), (server.status, server.power_state))

    def test_pause_lock_and_transitions(self):
        compute_ops.simple_transition(self.state, VM1, 'pause')
        self.assertEqual('PAUSED', self.state.servers[VM1].status)
        self.assertRaises(errors.Conflict, compute_ops.simple_transition,
                          self.state, VM1, 'resume')
        compute_ops.simple_transition(self.state, VM1, 'unpause')
        compute_ops.set_locked(self.state, VM1, True, 'audit')
        self.assertEqual((True, 'audit'), (
            self.state.servers[VM1].locked,
            self.state.servers[VM1].locked_reason))

    def test_service_update_mirrors_reason_and_enable_clears_it(self):
        host = compute_ops.update_service(
            self.state, 'compute-1', status='disabled',
            disabled_reason='maintenance', set_reason=True)
        self.assertEqual(('disabled', 'maintenance'),
                         (host.status, host.disabled_reason))
        compute_ops.update_service(self.state, 'compute-1', status='enabled')
        self.assertIsNone(host.disabled_reason)
        compute_ops.update_service(self.state, 'compute-1', forced_down=True)
        self.assertEqual('down', host.service_state)

    def test_boot_and_delete(self):
        server = server_lifecycle.create_server(
            self.state, 'new', 'small', 'p9', 'u9', image_ref='img')
        self.assertEqual('ACTIVE', server.status)
        self.assertIn(server.uuid, self.state.hosts[server.host].servers)
        self.assertEqual(server.uuid, self.state.ordered_servers()[0].uuid)
        host = server.host
        before = self.used(host)['VCPU']
        server_lifecycle.delete_server(self.state, server.uuid)
        self.assertNotIn(server.uuid, self.state.servers)
        self.assertEqual(before - 2, self.used(host)['VCPU'])

    def test_boot_without_room_ends_in_error(self):
        server = server_lifecycle.create_server(
            self.state, 'too-big', 'huge', 'p9', 'u9', image_ref='img',
            availability_zone='nova:compute-3')
        self.assertEqual(('ERROR', None), (server.status, server.host))

    def test_delete_detaches_volumes(self):
        server_lifecycle.delete_server(self.state, VM2)
        volume = self.state.volumes['22222222-2222-2222-2222-000000000001']
        self.assertEqual(('available', []), (volume.status,
                                             volume.attachments))


class SlowActionsTest(unittest.TestCase):
    """With action_delay, moves show their task state and can be aborted."""

    def setUp(self):
        self.state = topology.build(dict(utils.small_topology(),
                                         action_delay=0.2))
        self.addCleanup(self.state.cancel_pending)

    def wait_for(self, predicate):
        deadline = time.time() + 5
        while time.time() < deadline:
            with self.state.lock:
                if predicate():
                    return
            time.sleep(0.02)
        self.fail('condition not reached')

    def test_live_migration_is_visible_then_completes(self):
        migration = compute_ops.live_migrate(self.state, VM1,
                                             host='compute-2')
        server = self.state.servers[VM1]
        self.assertEqual(('MIGRATING', 'compute-1'), (server.status,
                                                      server.host))
        self.assertEqual('running', migration.status)
        self.wait_for(lambda: server.host == 'compute-2')
        self.assertEqual(('ACTIVE', 'completed'), (server.status,
                                                   migration.status))

    def test_abort_keeps_server_on_source(self):
        migration = compute_ops.live_migrate(self.state, VM1,
                                             host='compute-2')
        compute_ops.abort_live_migration(self.state, VM1, migration.id)
        server = self.state.servers[VM1]
        self.assertEqual(('compute-1', 'ACTIVE', 'cancelled'),
                         (server.host, server.status, migration.status))
        self.assertEqual(6, self.state.hosts['compute-1'].used['VCPU'])
        self.assertEqual(2, self.state.hosts['compute-2'].used['VCPU'])
        self.assertRaises(errors.BadRequest,
                          compute_ops.abort_live_migration, self.state, VM1,
                          migration.id)

    def test_stop_shows_powering_off(self):
        compute_ops.stop(self.state, VM1)
        server = self.state.servers[VM1]
        self.assertEqual('powering-off', server.task_state)
        self.wait_for(lambda: server.vm_state == 'stopped')
        self.assertIsNone(server.task_state)
