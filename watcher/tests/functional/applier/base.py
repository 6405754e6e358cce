"""Applier tests against the emulated cloud, through unmodified openstacksdk.

Each test gets a fresh cloud (Keystone, Nova, Placement, Cinder, Ironic
emulators on one local port) and a watcher.conf pointing at it the way an
operator would write it: password credentials in
``[watcher_clients_auth]``, the region and interface in ``[nova]``,
``[cinder]`` and ``[placement]``. Plans run through the real plan handler
and workflow engine on a real SQLite database.
"""
from keystoneauth1 import loading as ks_loading

from watcher.applier.action_plan import default as plan_handler
from watcher import conf
from watcher.emulated_cloud import cloud as emulated_cloud
from watcher.tests.unit.applier import base

CONF = conf.CONF

TOPOLOGY = {
    'hosts': [{'name': 'compute-1'}, {'name': 'compute-2'},
              {'name': 'compute-3'}],
    'flavors': [{'name': 'm1.small', 'vcpus': 1, 'ram': 512, 'disk': 1},
                {'name': 'm1.medium', 'vcpus': 2, 'ram': 1024, 'disk': 1}],
    'servers': [
        {'name': 'vm-1', 'flavor': 'm1.small', 'host': 'compute-1'},
        {'name': 'vm-2', 'flavor': 'm1.small', 'host': 'compute-1'},
        {'name': 'vm-3', 'flavor': 'm1.small', 'host': 'compute-2'},
        {'name': 'vm-off', 'flavor': 'm1.small', 'host': 'compute-2',
         'state': 'stopped'},
    ],
    'volume_types': [{'name': 'lvm', 'extra_specs': {}},
                     {'name': 'ceph', 'extra_specs': {}}],
    'storage_backends': [
        {'host': 'storage-1@lvm', 'pools': [{'name': 'pool-a'}]},
        {'host': 'storage-2@lvm', 'pools': [{'name': 'pool-b'}]},
    ],
    'volumes': [{'name': 'data-1', 'size': 1, 'pool': 'storage-1@lvm#pool-a',
                 'volume_type': 'lvm'}],
    'ironic_nodes': [
        {'name': 'metal-1', 'compute_host': 'compute-3'},
        {'name': 'metal-2', 'compute_host': 'compute-1'},
    ],
}


class EmulatedCloudTestCase(base.ApplierTestCase):

    topology = TOPOLOGY
    action_delay = None

    def setUp(self):
        super().setUp()
        self.cloud = emulated_cloud.EmulatedCloud(
            self.topology, action_delay=self.action_delay)
        endpoints = self.cloud.start()
        self.addCleanup(self.cloud.stop)
        CONF.register_opts(ks_loading.get_auth_plugin_conf_options(
            'password'), group='watcher_clients_auth')
        self.config(group='watcher_clients_auth', auth_type='password',
                    auth_url=endpoints.identity, username='watcher',
                    password=self.cloud.state.identity['users'][
                        'watcher']['password'],
                    project_name='service', user_domain_name='Default',
                    project_domain_name='Default')
        for group in ('nova', 'cinder', 'placement'):
            self.config(group=group, region_name=self.cloud.state.region,
                        valid_interfaces=['public'])
        self.config(group='nova', migration_interval=0.1,
                    migration_max_retries=50, http_retry_interval=0.1)
        self.admin = self.cloud.connection()

    # -- cloud views -----------------------------------------------------

    def server(self, name):
        return self.admin.compute.find_server(name, ignore_missing=False,
                                              all_projects=True)

    def host_of(self, name):
        return self.server(name).compute_host

    # -- plans -----------------------------------------------------------

    def run_actions(self, *specs):
        """Create a plan of ``(type, parameters)`` actions, run it."""
        plan = self.create_plan()
        actions = []
        for action_type, parameters in specs:
            actions.append(self.create_action(
                plan, action_type, parameters,
                parents=actions[-1:]))
        plan_handler.DefaultActionPlanHandler(self.context,
                                              plan.uuid).execute()
        return self.plan(plan), [self.action(a) for a in actions]
