"""node_resource_consolidation on small hand-built clouds."""
from oslo_utils import uuidutils
import testtools

from watcher.decision_engine.strategy.strategies import \
    node_resource_consolidation as nrc
from watcher import objects
from watcher.tests.unit.decision_engine import de_base
from watcher.tests.unit.decision_engine.strategy import fakes

NRC = nrc.NodeResourceConsolidation
REASON = 'Watcher node resource consolidation strategy'

NODES = [{'hostname': 'c0'}, {'hostname': 'c1'}, {'hostname': 'c2'},
         {'hostname': 'c3'}]
INSTANCES = [{'uuid': 'i1', 'node': 'c1'},
             {'uuid': 'i2', 'node': 'c2'}, {'uuid': 'i3', 'node': 'c2'},
             {'uuid': 'i4', 'node': 'c3', 'vcpus': 8}]


def disable(node):
    return fakes.disable(node, REASON)


def enable(node):
    return ('change_nova_service_state',
            {'state': 'enabled', 'resource_name': node,
             'resource_id': 'uuid-' + node})


migrate = fakes.migrate


def run(nodes=NODES, instances=INSTANCES, audit=None, **params):
    model = fakes.build_model(nodes, instances)
    strategy = fakes.new_strategy(NRC, model, **params)
    solution = strategy.execute(audit=audit)
    indicators = {i.name: i.value for i in solution.efficacy_indicators}
    return fakes.actions_of(solution), indicators, strategy


class TestNodeResourceConsolidation(testtools.TestCase):

    def test_auto_disables_migrates_and_enables_again(self):
        actions, indicators, strategy = run()
        self.assertEqual([disable('c0'), disable('c1'), migrate('i1', 'c1'),
                          enable('c0'), enable('c1')], actions)
        self.assertEqual({'compute_nodes_count': 4,
                          'released_compute_nodes_count': 1,
                          'instance_migrations_count': 1}, indicators)
        self.assertEqual('node_resource_consolidation', strategy.planner)

    def test_specify_names_the_fullest_destination_that_fits(self):
        actions, indicators, strategy = run(host_choice='specify')
        # Destinations c3 (8 vCPUs free) and c2 (12 free): c3 first.
        self.assertEqual([migrate('i1', 'c1', 'c3')], actions)
        self.assertEqual('uuid-c3', strategy.compute_model.
                         get_node_by_instance_uuid('i1').uuid)

    def test_server_after_a_placed_one_waits_for_the_next_node(self):
        # c1's a, b, c (1 vCPU each) go to c4 except b, skipped right
        # after a was placed (as the reference's list mutation did); b
        # takes c3, so c2 finds no destination left and stays.
        nodes = [{'hostname': 'c1'}, {'hostname': 'c2'}, {'hostname': 'c3'},
                 {'hostname': 'c4', 'vcpus': 64}]
        instances = [
            {'uuid': 'a', 'node': 'c1', 'vcpus': 1},
            {'uuid': 'b', 'node': 'c1', 'vcpus': 1},
            {'uuid': 'c', 'node': 'c1', 'vcpus': 1},
            {'uuid': 'd', 'node': 'c2', 'vcpus': 4},
            {'uuid': 'e', 'node': 'c3', 'vcpus': 10},
            {'uuid': 'f', 'node': 'c4', 'vcpus': 12}]
        actions, indicators, __ = run(nodes, instances)
        self.assertEqual([disable('c1'), migrate('a', 'c1'),
                          migrate('b', 'c1'), migrate('c', 'c1'),
                          enable('c1')], actions)
        self.assertEqual(1, indicators['released_compute_nodes_count'])

    def test_node_with_excluded_instance_is_not_drained(self):
        instances = [dict(i, watcher_exclude=True) if i['uuid'] == 'i1'
                     else i for i in INSTANCES]
        actions, indicators, __ = run(instances=instances)
        # c1 stays and takes c2's instances instead.
        self.assertEqual([disable('c0'), disable('c2'), migrate('i2', 'c2'),
                          migrate('i3', 'c2'), enable('c0'), enable('c2')],
                         actions)

    def test_disabled_or_down_nodes_take_nothing(self):
        nodes = [{'hostname': 'c1'}, {'hostname': 'c2', 'state': 'down'},
                 {'hostname': 'c3', 'status': 'disabled'}]
        instances = [{'uuid': 'i1', 'node': 'c1'},
                     {'uuid': 'i2', 'node': 'c2', 'vcpus': 4},
                     {'uuid': 'i3', 'node': 'c3', 'vcpus': 8}]
        actions, __, __ = run(nodes, instances, host_choice='specify')
        self.assertEqual([], actions)

    def test_disk_allocation_is_honoured(self):
        instances = [{'uuid': 'i1', 'node': 'c1', 'disk': 400},
                     {'uuid': 'i4', 'node': 'c3', 'vcpus': 8, 'disk': 200}]
        actions, __, __ = run(NODES[1:], instances, host_choice='specify')
        self.assertEqual([], actions)

    def test_nothing_to_consolidate(self):
        actions, indicators, __ = run(NODES[:2], [])
        self.assertEqual([], actions)
        self.assertEqual(0, indicators['released_compute_nodes_count'])


class TestFailedMigrations(de_base.DecisionEngineTestCase):
    """Continuous audits: a node whose migration failed is kept."""

    def failed_migration(self, audit, instance_uuid):
        plan = objects.ActionPlan(
            self.context, uuid=uuidutils.generate_uuid(), audit_id=audit.id,
            strategy_id=self.strategy('node_resource_consolidation').id,
            state='FAILED', global_efficacy=[])
        plan.create()
        for state in ('FAILED', 'SUCCEEDED'):
            objects.Action(
                self.context, uuid=uuidutils.generate_uuid(),
                action_plan_id=plan.id, action_type='migrate',
                input_parameters={'resource_id': instance_uuid,
                                  'migration_type': 'live'},
                state=state, parents=[]).create()

    def test_node_of_a_failed_migration_is_not_a_source_again(self):
        audit = self.create_audit(goal='server_consolidation',
                                  strategy='node_resource_consolidation',
                                  audit_type='CONTINUOUS', interval='3600')
        self.failed_migration(audit, 'i1')
        actions, indicators, __ = run(audit=audit)
        # c1 is kept (as a destination) and c2 is drained instead.
        self.assertEqual([disable('c0'), disable('c2'), migrate('i2', 'c2'),
                          migrate('i3', 'c2'), enable('c0'), enable('c2')],
                         actions)

    def test_oneshot_audits_ignore_past_failures(self):
        audit = self.create_audit(goal='server_consolidation',
                                  strategy='node_resource_consolidation')
        self.failed_migration(audit, 'i1')
        actions, __, __ = run(audit=audit)
        self.assertIn(migrate('i1', 'c1'), actions)
