"""Repacker: which nodes to keep and where the others' items go."""
import random

import testtools

from watcher.decision_engine.strategy.placement import packing


def repack(capacity, contents, pinned=(), headroom=None, fixed=()):
    """One-dimension-per-entry vectors; headroom = capacity - contents."""
    nodes = sorted(capacity)
    if headroom is None:
        headroom = {node: [c - sum(v[i] for __, v in contents.get(node, ()))
                           for i, c in enumerate(capacity[node])]
                    for node in nodes}
    dims = len(next(iter(capacity.values())))
    repacker = packing.Repacker(nodes, headroom, capacity, [10.0] * dims)
    return [(item, source, destination) for item, source, destination
            in repacker.plan(contents, set(pinned), fixed=fixed)]


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
        # One dimension: every room has the same shape, so the first
        # node that fits takes each item (first fit decreasing).
        self.assertEqual([('b', 'n2', 'n1'), ('d', 'n4', 'n1')], moves)

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

    def test_a_small_item_of_a_kept_node_makes_way(self):
        # c (4) fits neither kept node (room 3 each); s leaving n1 makes
        # room for it and fits n2: two nodes instead of three. The move
        # making way comes first.
        capacity = {'n1': [10], 'n2': [10], 'n3': [10]}
        contents = {'n1': [('a', [6]), ('s', [1])], 'n2': [('b', [7])],
                    'n3': [('c', [4])]}
        self.assertEqual([('s', 'n1', 'n2'), ('c', 'n3', 'n1')],
                         repack(capacity, contents))
        # An item that may not move never makes way.
        self.assertEqual([], repack(capacity, contents, fixed={'s'}))

    def test_an_item_stays_home_when_it_still_fits(self):
        # s could make way but need not: n1 still has room for it after c.
        capacity = {'n1': [10], 'n2': [10], 'n3': [10]}
        contents = {'n1': [('a', [5]), ('s', [1])], 'n2': [('b', [7])],
                    'n3': [('c', [3])]}
        self.assertEqual([('c', 'n3', 'n1')], repack(capacity, contents))

    def test_moves_in_their_order_never_overfill_a_node(self):
        # Random clouds (seeded): applying the moves one by one, in the
        # order given, never puts a node over its capacity, never moves a
        # fixed item, and uses no more nodes than before.
        rng = random.Random(7)
        for trial in range(300):
            capacity, contents, fixed = {}, {}, set()
            for n in range(rng.randint(2, 6)):
                node = 'n%d' % n
                capacity[node] = [10, 10]
                load, items = [0, 0], []
                for k in range(rng.randint(0, 4)):
                    need = [rng.randint(1, 5), rng.randint(1, 5)]
                    if load[0] + need[0] > 10 or load[1] + need[1] > 10:
                        continue
                    item = '%s-%d' % (node, k)
                    load = [load[0] + need[0], load[1] + need[1]]
                    items.append((item, need))
                    if rng.random() < 0.1:
                        fixed.add(item)
                contents[node] = items
            moves = repack(capacity, contents, fixed=fixed)
            where = {item: node for node, items in contents.items()
                     for item, __ in items}
            need = {item: vector for items in contents.values()
                    for item, vector in items}
            used = {node: [sum(v[i] for __, v in items) for i in (0, 1)]
                    for node, items in contents.items()}
            for item, source, destination in moves:
                self.assertNotIn(item, fixed)
                self.assertEqual(where[item], source)
                where[item] = destination
                for i in (0, 1):
                    used[source][i] -= need[item][i]
                    used[destination][i] += need[item][i]
                    self.assertLessEqual(used[destination][i], 10,
                                         (trial, moves))
            before = sum(1 for items in contents.values() if items)
            after = len(set(where.values()))
            self.assertLessEqual(after, before)
            if moves:
                self.assertLess(after, before)

    def test_counts_whose_room_cannot_hold_the_rest_are_not_tried(self):
        # Capacity says 2 nodes hold all 12, but the headroom (as the fit
        # test counts it: 1 on each node here) says no 2 nodes can take
        # what the other holds; 3 is what is left to try, and it gains
        # nothing.
        tried = []

        class Counting(packing.Repacker):
            def _try(self, kept, released, by_node):
                tried.append(len(kept))
                return super()._try(kept, released, by_node)

        capacity = {'n1': [10], 'n2': [10], 'n3': [10], 'n4': [10]}
        contents = {'n1': [('a', [4])], 'n2': [('b', [4])],
                    'n3': [('c', [4])]}
        headroom = {'n1': [1], 'n2': [1], 'n3': [1], 'n4': [0]}
        repacker = Counting(sorted(capacity), headroom, capacity, [10.0])
        self.assertEqual([], repacker.plan(contents))
        self.assertEqual([], tried)
