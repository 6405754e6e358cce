"""Node rules: which nodes a strategy considers, in a stable order."""
import testtools

from watcher.decision_engine.strategy.placement import nodes
from watcher.tests.unit.decision_engine.strategy import fakes


class TestNodeRules(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.model = fakes.build_model([
            {'hostname': 'd', 'uuid': 'u4'},
            {'hostname': 'b', 'uuid': 'u2', 'status': 'disabled'},
            {'hostname': 'a', 'uuid': 'u9', 'state': 'down'},
            {'hostname': 'c', 'uuid': 'u1'},
            {'hostname': 'c', 'uuid': 'u0'},
        ])

    def names(self, rule):
        return [(n.hostname, n.uuid)
                for n in nodes.available_nodes(self.model, rule)]

    def test_active_nodes_in_hostname_then_uuid_order(self):
        self.assertEqual([('c', 'u0'), ('c', 'u1'), ('d', 'u4')],
                         self.names(nodes.ACTIVE))

    def test_online_nodes_include_disabled_ones(self):
        self.assertEqual([('b', 'u2'), ('c', 'u0'), ('c', 'u1'),
                          ('d', 'u4')], self.names(nodes.ONLINE))

    def test_any_keeps_every_node(self):
        self.assertEqual(5, len(self.names(nodes.ANY)))

    def test_destination_is_up_and_enabled(self):
        by_uuid = self.model.get_node_by_uuid
        self.assertTrue(nodes.is_destination(by_uuid('u4')))
        self.assertFalse(nodes.is_destination(by_uuid('u2')))
        self.assertFalse(nodes.is_destination(by_uuid('u9')))
