"""FirstFitIndex and SaturatingWalk against plain walks over every node."""
import random

import testtools

from watcher.decision_engine.strategy.placement import firstfit


def brute_force(rows, blocked, lo, hi, demand):
    return [pos for pos in range(max(lo, 0), min(hi, len(rows) - 1) + 1)
            if pos not in blocked and
            all(h >= d for h, d in zip(rows[pos], demand))]


class TestFirstFitIndex(testtools.TestCase):

    def test_first_and_last_fitting_positions(self):
        index = firstfit.FirstFitIndex([[1, 5], [4, 4], [9, 1], [4, 8]])
        self.assertEqual(1, index.find_first(0, 3, [3, 3]))
        self.assertEqual(3, index.find_last(0, 3, [3, 3]))
        self.assertEqual(3, index.find_first(2, 3, [3, 3]))
        self.assertIsNone(index.find_first(0, 3, [10, 1]))
        self.assertIsNone(index.find_first(2, 1, [0, 0]))

    def test_blocked_positions_and_updates(self):
        index = firstfit.FirstFitIndex([[4], [4], [4]])
        index.block(2)
        self.assertEqual(1, index.find_last(0, 2, [4]))
        index.update(1, [3])
        self.assertEqual(0, index.find_last(0, 2, [4]))
        index.unblock(2)
        self.assertEqual(2, index.find_last(0, 2, [4]))
        self.assertFalse(index.is_blocked(2))

    def test_slack_never_drops_an_exact_fit(self):
        # 0.1 + 0.2 > 0.3 in floating point; the exact test decides.
        index = firstfit.FirstFitIndex([[0.3 - 0.2]])
        self.assertEqual(0, index.find_first(0, 0, [0.1]))

    def test_candidates_match_a_plain_scan(self):
        rng = random.Random(7)
        for __ in range(200):
            size = rng.randint(1, 150)
            rows = [[rng.randint(0, 9) for __ in range(3)]
                    for __ in range(size)]
            index = firstfit.FirstFitIndex(rows)
            blocked = set(rng.sample(range(size), rng.randint(0, size)))
            for pos in blocked:
                index.block(pos)
            for __ in range(5):
                pos = rng.randrange(size)
                rows[pos] = [rng.randint(0, 9) for __ in range(3)]
                index.update(pos, rows[pos])
            lo, hi = sorted(rng.randrange(-2, size + 2) for __ in range(2))
            demand = [rng.randint(0, 9) for __ in range(3)]
            expected = brute_force(rows, blocked, lo, hi, demand)
            self.assertEqual(expected,
                             list(index.candidates(lo, hi, demand)))
            self.assertEqual(expected[::-1], list(index.candidates(
                lo, hi, demand, descending=True)))

    def test_empty_index(self):
        index = firstfit.FirstFitIndex([])
        self.assertIsNone(index.find_first(0, 5, [1]))


class Node(object):
    def __init__(self, uuid, room, full):
        self.uuid = uuid
        self.room = room
        self.full = full


def plain_walk(order, remembered, item, lo, hi):
    """The reference's walk, node by node from the top.

    Saturated nodes that do not fit are remembered.
    """
    for pos in range(hi, lo - 1, -1):
        node = order[pos]
        if node.uuid in remembered:
            continue
        if node.room >= item:
            return node
        if node.full:
            remembered.add(node.uuid)
    return None


class TestSaturatingWalk(testtools.TestCase):

    def walk(self, order):
        return firstfit.SaturatingWalk(
            order, lambda node: ([node.room], node.full),
            lambda item: [item], lambda item, node: node.room >= item)

    def test_saturated_node_passed_over_is_skipped_afterwards(self):
        order = [Node('a', 5, False), Node('b', 1, True)]
        walk = self.walk(order)
        # "b" cannot take 3 and is saturated: remembered ...
        self.assertEqual('a', walk.find(3, 0, 1).uuid)
        self.assertTrue(walk.remembered(order[1]))
        # ... so it is not used for a small item it could take.
        self.assertEqual('a', walk.find(1, 0, 1).uuid)

    def test_saturated_node_that_fits_is_used_and_not_remembered(self):
        order = [Node('a', 5, False), Node('b', 1, True)]
        walk = self.walk(order)
        self.assertEqual('b', walk.find(1, 0, 1).uuid)
        self.assertFalse(walk.remembered(order[1]))

    def test_nodes_below_the_chosen_one_are_not_remembered(self):
        order = [Node('a', 0, True), Node('b', 5, False)]
        walk = self.walk(order)
        self.assertEqual('b', walk.find(1, 0, 1).uuid)
        self.assertFalse(walk.remembered(order[0]))
        self.assertIsNone(walk.find(9, 0, 1))
        self.assertTrue(walk.remembered(order[0]))

    def test_same_choices_as_the_plain_walk(self):
        rng = random.Random(11)
        for __ in range(200):
            order = [Node('n%d' % i, rng.randint(0, 6), rng.random() < 0.4)
                     for i in range(rng.randint(1, 30))]
            walk = self.walk(order)
            remembered = set()
            for __ in range(30):
                item = rng.randint(0, 6)
                lo = rng.randint(0, len(order) - 1)
                expected = plain_walk(order, remembered, item, lo,
                                      len(order) - 1)
                found = walk.find(item, lo, len(order) - 1)
                self.assertEqual(expected and expected.uuid,
                                 found and found.uuid)
                if found is not None and rng.random() < 0.7:
                    # The chosen node takes the item; maybe fills up.
                    found.room -= item
                    found.full = found.room <= 1
                    walk.refresh(found)
                self.assertEqual(
                    remembered, {n.uuid for n in order if walk.remembered(n)})
