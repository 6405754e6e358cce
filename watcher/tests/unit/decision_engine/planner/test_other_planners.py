"""workload_stabilization and node_resource_consolidation graphs."""
import testtools

from watcher.common import exception
from watcher.decision_engine.planner import base
from watcher.tests.unit.decision_engine.planner import helpers


def migrate(label, instance, source):
    return ('migrate', {'label': label, 'resource_id': instance,
                        'source_node': source})


def graph(planner_name, actions):
    planner = base.load_planner(planner_name)
    return helpers.label_graph(planner.build_plan(
        helpers.solution_with(actions)))


class TestWorkloadStabilizationPlanner(testtools.TestCase):

    def test_weight_order_and_resize_after_its_migrations(self):
        actions = [
            ('resize', {'label': 'r1', 'resource_id': 'i1'}),
            migrate('m1', 'i1', 'h1'),
            ('nop', {'label': 'n1'}),
            migrate('m2', 'i2', 'h1'),
            ('change_nova_service_state', {'label': 'c1',
                                           'resource_id': 'h2'}),
            ('sleep', {'label': 's1'}),
            ('resize', {'label': 'r2', 'resource_id': 'i3'}),
        ]
        self.assertEqual([('n1', []), ('c1', []), ('s1', []),
                          ('m1', []), ('m2', []),
                          ('r1', ['m1']), ('r2', [])],
                         graph('workload_stabilization', actions))

    def test_unweighted_type(self):
        self.assertRaises(exception.UnsupportedActionType, graph,
                          'workload_stabilization',
                          [('volume_migrate', {'label': 'v'})])

    def test_weighted_but_unsupported_type(self):
        self.assertRaises(exception.UnsupportedActionType, graph,
                          'workload_stabilization',
                          [('turn_host_to_acpi_s3_state', {'label': 't'})])


class TestNodeResourceConsolidationPlanner(testtools.TestCase):

    def test_disable_then_chains_per_source_then_enable(self):
        actions = [
            ('change_nova_service_state', {'label': 'd1',
                                           'state': 'disabled'}),
            migrate('a1', 'i1', 'hostA'),
            migrate('b1', 'i2', 'hostB'),
            ('change_nova_service_state', {'label': 'd2',
                                           'state': 'disabled'}),
            migrate('a2', 'i3', 'hostA'),
            migrate('a3', 'i4', 'hostA'),
            ('change_nova_service_state', {'label': 'e1',
                                           'state': 'enabled'}),
        ]
        self.assertEqual(
            [('d1', []), ('d2', []),
             ('a1', ['d1', 'd2']), ('a2', ['a1', 'd1', 'd2']),
             ('a3', ['a2', 'd1', 'd2']),
             ('b1', ['d1', 'd2']),
             ('e1', ['a3', 'b1'])],
            graph('node_resource_consolidation', actions))

    def test_only_migrations(self):
        self.assertEqual([('a1', []), ('a2', ['a1'])],
                         graph('node_resource_consolidation',
                               [migrate('a1', 'i1', 'h'),
                                migrate('a2', 'i2', 'h')]))

    def test_other_types_are_refused(self):
        self.assertRaises(exception.UnsupportedActionType, graph,
                          'node_resource_consolidation',
                          [('nop', {'label': 'n'})])
