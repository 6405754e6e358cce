"""host_maintenance on hand-built models."""
import testtools

from watcher.common import exception
from watcher.decision_engine.strategy.strategies import host_maintenance
from watcher.tests.unit.decision_engine.strategy import fakes

HM = host_maintenance.HostMaintenance


def disable(node):
    return ('change_nova_service_state',
            {'state': 'disabled', 'disabled_reason': 'watcher_maintaining',
             'resource_name': node, 'resource_id': 'uuid-' + node})


def enable(node):
    return ('change_nova_service_state',
            {'state': 'enabled', 'resource_name': node,
             'resource_id': 'uuid-' + node})


def migrate(uuid, kind, source='compute1', destination=None):
    params = {'migration_type': kind, 'source_node': source,
              'resource_name': 'vm-' + uuid, 'resource_id': uuid}
    if destination:
        params['destination_node'] = destination
    return ('migrate', params)


def stop(uuid):
    return ('stop', {'resource_id': uuid})


def model(instances=(), backup=None, maintenance=None):
    nodes = [dict({'hostname': 'compute1'}, **(maintenance or {})),
             dict({'hostname': 'compute2'}, **(backup or {}))]
    return fakes.build_model(nodes, [
        dict({'node': 'compute1', 'name': 'vm-' + i['uuid']}, **i)
        for i in instances])


MIXED = [{'uuid': 'i1', 'state': 'active'},
         {'uuid': 'i2', 'state': 'stopped'},
         {'uuid': 'i3', 'state': 'error'}]


class TestHostMaintenance(testtools.TestCase):

    def run_strategy(self, cluster, **parameters):
        parameters.setdefault('maintenance_node', 'compute1')
        strategy = fakes.new_strategy(HM, cluster, **parameters)
        return fakes.actions_of(strategy.execute())

    def test_backup_node_that_fits_takes_everything(self):
        actions = self.run_strategy(model(MIXED), backup_node='compute2')
        self.assertEqual([disable('compute1'),
                          migrate('i1', 'live', destination='compute2'),
                          migrate('i2', 'cold', destination='compute2'),
                          migrate('i3', 'cold', destination='compute2')],
                         actions)

    def test_disabled_backup_node_is_enabled_first(self):
        actions = self.run_strategy(
            model(MIXED[:1], backup={'status': 'disabled'}),
            backup_node='compute2')
        self.assertEqual([enable('compute2'), disable('compute1'),
                          migrate('i1', 'live', destination='compute2')],
                         actions)

    def test_without_backup_the_scheduler_chooses(self):
        actions = self.run_strategy(model(MIXED))
        self.assertEqual([disable('compute1'), migrate('i1', 'live'),
                          migrate('i2', 'cold'), migrate('i3', 'cold')],
                         actions)

    def test_backup_too_small_falls_back_to_the_scheduler(self):
        big = [{'uuid': 'i1', 'vcpus': 12}, {'uuid': 'i2', 'vcpus': 12}]
        actions = self.run_strategy(model(big, backup={'vcpus': 20}),
                                    backup_node='compute2')
        self.assertEqual([disable('compute1'), migrate('i1', 'live'),
                          migrate('i2', 'live')], actions)

    def test_backup_memory_counts_but_disk_does_not(self):
        heavy = [{'uuid': 'i1', 'memory': 4096, 'disk': 900}]
        fits = self.run_strategy(model(heavy, backup={'memory': 4096}),
                                 backup_node='compute2')
        self.assertEqual(migrate('i1', 'live', destination='compute2'),
                         fits[-1])
        too_small = self.run_strategy(model(heavy, backup={'memory': 4000}),
                                      backup_node='compute2')
        self.assertEqual(migrate('i1', 'live'), too_small[-1])

    def test_empty_node_is_only_disabled(self):
        self.assertEqual([disable('compute1')], self.run_strategy(
            model(), backup_node='compute2'))

    def test_empty_node_already_maintained_is_disabled_again(self):
        cluster = model(maintenance={
            'status': 'disabled', 'disabled_reason': 'watcher_maintaining'})
        self.assertEqual([disable('compute1')], self.run_strategy(cluster))

    def test_live_migration_disabled(self):
        actions = self.run_strategy(model(MIXED),
                                    disable_live_migration=True)
        self.assertEqual([disable('compute1'), migrate('i1', 'cold'),
                          migrate('i2', 'cold'), migrate('i3', 'cold')],
                         actions)

    def test_cold_migration_disabled(self):
        actions = self.run_strategy(model(MIXED), backup_node='compute2',
                                    disable_cold_migration=True)
        self.assertEqual([disable('compute1'),
                          migrate('i1', 'live', destination='compute2')],
                         actions)

    def test_both_migrations_disabled_stops_active_instances(self):
        actions = self.run_strategy(model(MIXED), backup_node='compute2',
                                    disable_live_migration=True,
                                    disable_cold_migration=True)
        self.assertEqual([disable('compute1'), stop('i1')], actions)

    def test_excluded_instance_is_not_moved(self):
        instances = MIXED + [{'uuid': 'i4', 'state': 'active',
                              'watcher_exclude': True}]
        actions = self.run_strategy(model(instances))
        self.assertNotIn('i4', [params.get('resource_id')
                                for _type, params in actions])
        self.assertEqual(4, len(actions))

    def test_maintenance_node_outside_the_scope(self):
        error = self.assertRaises(exception.ComputeNodeNotFound,
                                  self.run_strategy, model(MIXED),
                                  maintenance_node='compute9')
        self.assertIn('compute9', str(error))

    def test_unknown_backup_node(self):
        self.assertRaises(exception.ComputeNodeNotFound, self.run_strategy,
                          model(MIXED), backup_node='compute9')

    def test_identity(self):
        self.assertEqual('cluster_maintaining', HM.get_goal_name())
        self.assertEqual(['maintenance_node'], HM.get_schema()['required'])
        self.assertEqual([], HM.get_config_opts())
