"""Repacker: which nodes to keep and where the others' items go."""
import testtools

from watcher.decision_engine.strategy.placement import packing


def repack(capacity, contents, pinned=(), headroom=None):
    """One-dimension-per-entry vectors; headroom = capacity - contents."""
    nodes = sorted(capacity)
    if headroom is None:
        headroom = {node: [c - sum(v[i] for __, v in contents.get(node, ()))
                           for i, c in enumerate(capacity[node])]
                    for node in nodes}
    dims = len(next(iter(capacity.values())))
    repacker = packing.Repacker(nodes, headroom, capacity, [10.0] * dims)
    return [(item, source, destination) for item, source, destination
            in repacker.plan(contents, set(pinned))]


class TestRepacker(testtools.TestCase):

    def test_everything_onto_the_fullest_node_that_holds_it(self):
        moves = repack({'n1': [10], 'n2': [10], 'n3': [10]},
                       {'n1': [('a', [3])], 'n2': [('b', [4])],
                        'n3': [('c', [2])]})
        self.assertEqual([('a', 'n1', 'n2'), ('c', 'n3', 'n2')], moves)

    def test_largest_nodes_are_kept_first(self):
        moves = repack({'n1': [10], 'n2': [30]},
                       {'n1': [('a', [5])], 'n2': [('b', [1])]})
        self.assertEqual([('a', 'n1', 'n2')], moves)

    def test_a_pinned_node_is_kept_whatever_its_size(self):
        moves = repack({'n1': [10], 'n2': [30]},
                       {'n1': [('a', [5])], 'n2': [('b', [1])]},
                       pinned=['n1'])
        self.assertEqual([('b', 'n2', 'n1')], moves)

    def test_more_nodes_are_kept_when_the_bound_is_not_enough(self):
        # Demand 18 of capacity 10 + 10 + 10: the bound says 2 nodes, but
        # three items of 6 cannot share two nodes of 10.
        moves = repack({'n1': [10], 'n2': [10], 'n3': [10]},
                       {'n1': [('a', [6])], 'n2': [('b', [6])],
                        'n3': [('c', [6])]})
        self.assertEqual([], moves)
        moves = repack({'n1': [10], 'n2': [10], 'n3': [10], 'n4': [10]},
                       {'n1': [('a', [6])], 'n2': [('b', [2])],
                        'n3': [('c', [6])], 'n4': [('d', [2])]})
        self.assertEqual([('b', 'n2', 'n1'), ('d', 'n4', 'n3')], moves)

    def test_every_dimension_must_fit(self):
        moves = repack({'n1': [10, 10], 'n2': [10, 10]},
                       {'n1': [('a', [2, 9])], 'n2': [('b', [2, 2])]})
        self.assertEqual([], moves)

    def test_room_alike_the_demand_is_chosen(self):
        # x needs mostly the first resource and y the second: each goes
        # where that kind of room is (neither fits the other node).
        capacity = {'n1': [10, 10], 'n2': [10, 10], 'n3': [10, 10]}
        contents = {'n1': [('m', [2, 8])], 'n2': [('k', [8, 2])],
                    'n3': [('x', [4, 1]), ('y', [1, 4])]}
        self.assertEqual([('x', 'n3', 'n1'), ('y', 'n3', 'n2')],
                         repack(capacity, contents))

    def test_the_item_larger_in_the_scarcer_resource_goes_first(self):
        # n3 and n1 are kept; b and d must move in. The first resource is
        # the scarcer (8 of 9 left, against 9 of 11), so d goes first and
        # takes n1, the only node with 5 of it; b then fits n3. Sized by
        # their largest share alone (0.5 each), b went first, took n1
        # and left d nowhere: three nodes instead of two.
        capacity = {'n1': [10, 10], 'n2': [10, 10], 'n3': [10, 10],
                    'n4': [10, 10]}
        contents = {'n1': [('a', [5, 4])], 'n2': [('b', [3, 5])],
                    'n3': [('c', [6, 5])], 'n4': [('d', [5, 4])]}
        self.assertEqual([('d', 'n4', 'n1'), ('b', 'n2', 'n3')],
                         repack(capacity, contents))

    def test_empty_nodes_may_be_kept_to_release_more(self):
        moves = repack({'big': [30], 'n1': [10], 'n2': [10], 'n3': [10]},
                       {'n1': [('a', [6])], 'n2': [('b', [6])],
                        'n3': [('c', [6])]})
        self.assertEqual({'a', 'b', 'c'}, {item for item, __, __ in moves})
        self.assertEqual({'big'}, {dest for __, __, dest in moves})

    def test_nothing_to_gain(self):
        self.assertEqual([], repack({'n1': [10]}, {'n1': [('a', [3])]}))
        self.assertEqual([], repack({'n1': [10], 'n2': [10]}, {}))
