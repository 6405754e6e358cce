"""volume_migrate and change_node_power_state against the emulated cloud."""
from watcher.common import cinder_helper
from watcher.common import ironic_helper
from watcher.tests.functional.applier import base


class FastPolls(base.EmulatedCloudTestCase):

    def setUp(self):
        super().setUp()
        for helper in (cinder_helper.CinderHelper,
                       ironic_helper.IronicHelper):
            self.patch(helper, 'poll_interval', 0.1)
            self.patch(helper, 'max_polls', 50)
        self.patch(cinder_helper.CinderHelper, 'cleanup_polls', 5)


class TestVolumeMigrate(FastPolls):

    def volume(self, name='data-1'):
        return self.admin.block_storage.find_volume(
            name, ignore_missing=False, all_projects=True)

    def test_migrate_to_another_pool(self):
        plan, [action] = self.run_actions(('volume_migrate', {
            'resource_id': self.volume().id, 'migration_type': 'migrate',
            'destination_node': 'storage-2@lvm#pool-b'}))
        self.assertEqual('SUCCEEDED', action.state, action.status_message)
        self.assertEqual('storage-2@lvm#pool-b', self.volume().host)

    def test_retype(self):
        plan, [action] = self.run_actions(('volume_migrate', {
            'resource_id': self.volume().id, 'migration_type': 'retype',
            'destination_type': 'ceph'}))
        self.assertEqual('SUCCEEDED', action.state, action.status_message)
        self.assertEqual('ceph', self.volume().volume_type)

    def test_migrate_to_the_current_pool_is_skipped(self):
        plan, [action] = self.run_actions(('volume_migrate', {
            'resource_id': self.volume().id, 'migration_type': 'swap',
            'destination_node': 'storage-1@lvm#pool-a'}))
        self.assertEqual('SKIPPED', action.state)

    def test_unknown_pool_fails(self):
        plan, [action] = self.run_actions(('volume_migrate', {
            'resource_id': self.volume().id, 'migration_type': 'migrate',
            'destination_node': 'storage-9@lvm#nowhere'}))
        self.assertEqual('FAILED', action.state)
        self.assertEqual('Action failed in pre_condition: Storage pool '
                         'storage-9@lvm#nowhere not found',
                         action.status_message)
        self.assertEqual('storage-1@lvm#pool-a', self.volume().host)


class TestNodePower(FastPolls):

    def node(self, name):
        return self.admin.baremetal.find_node(name, ignore_missing=False)

    def test_power_off_an_empty_node_then_on_again(self):
        node = self.node('metal-1')
        plan, [action] = self.run_actions(('change_node_power_state', {
            'resource_id': node.id, 'state': 'off'}))
        self.assertEqual('SUCCEEDED', action.state, action.status_message)
        self.assertEqual('power off', self.node('metal-1').power_state)
        plan, [action] = self.run_actions(('change_node_power_state', {
            'resource_id': node.id, 'state': 'on'}))
        self.assertEqual('SUCCEEDED', action.state, action.status_message)
        self.assertEqual('power on', self.node('metal-1').power_state)

    def test_node_hosting_instances_is_not_powered_off(self):
        node = self.node('metal-2')
        plan, [action] = self.run_actions(('change_node_power_state', {
            'resource_id': node.id, 'state': 'off'}))
        self.assertEqual('FAILED', action.state)
        self.assertIn('compute host compute-1 still hosts 2 instance(s)',
                      action.status_message)
        self.assertEqual('power on', self.node('metal-2').power_state)

    def test_maas_is_refused_clearly(self):
        self.config(group='maas_client', url='http://maas.example')
        plan, [action] = self.run_actions(('change_node_power_state', {
            'resource_id': self.node('metal-1').id, 'state': 'off'}))
        self.assertEqual('FAILED', action.state)
        self.assertIn('MAAS is not supported', action.status_message)
        self.assertEqual('power on', self.node('metal-1').power_state)
