"""Repack the instances of a cloud onto as few nodes as they fit.

A first-fit consolidation (the reference's ``vm_workload_consolidation``)
stops with many nodes partly filled: together their free room would hold
several more nodes' instances, but no single move it tries fits. This
module plans as bin packing does instead, from any placement (the
strategy gives it the one before its first-fit walk):

1. order the nodes to keep: nodes that cannot be emptied (an instance
   that may not move) first, then the largest, then the fullest in the
   resources the cloud uses most (fewest migrations);
2. keep the fewest of them whose capacity covers the whole demand in every
   dimension (the simple lower bound), and place every instance of the
   other nodes on the kept ones, largest first (sizes weigh each
   dimension by how scarce it is: demand to move over room left), each
   on the node whose room has the most similar shape (cosine of the
   weighted vectors: room one dimension cannot use is not stranded, and
   a large node is not filled first merely for being large);
3. small movable instances of the kept nodes may make way: they stay
   home when it still has room at their turn, else they move too. Kept
   nodes' own remainders (room no released instance fits exactly) are
   what leaves a packing a few nodes short; letting the smallest
   instances move closes most of that gap;
4. if some instance fits nowhere, keep more nodes (doubling the step, then
   halving it back) until everything fits; no count is tried whose room
   (headroom, measured use included) cannot take what the others hold.

Plans run in two safe phases: first the instances that make way, each to
a node that had room for it before anything left (so their order does not
matter), then the instances of the released nodes, onto nodes that only
receive from then on.

It works on plain vectors so that any strategy can use it: a node's
headroom (what it can still take, per dimension, exactly as the strategy's
own fit test counts it), its capacity, and an item's demand in the same
dimensions. Ties keep the caller's order, so plans are deterministic.
"""
import numpy

# Instances of kept nodes no larger than this quantile of the instances
# that must move may make way (0 would move none).
MAKE_WAY_QUANTILE = 25


class Repacker(object):
    """Plans which nodes to keep and where the others' items go."""

    def __init__(self, nodes, headroom, capacity, scale):
        """``nodes``: keys of the nodes that may be kept (used or empty),
        in a stable order;
        ``headroom`` and ``capacity``: ``{node: vector}``; ``scale``: one
        positive number per dimension (a typical capacity) to compare
        sizes across dimensions."""
        self.nodes = list(nodes)
        # How many of the last plan's first moves make way (the rest
        # need the room those leave).
        self.making_way = 0
        dims = len(scale)
        self._scale = numpy.asarray(scale, dtype=float).reshape(dims, 1)
        self._headroom = self._columns([headroom[n] for n in self.nodes],
                                       dims) / self._scale
        self._capacity = self._columns([capacity[n] for n in self.nodes],
                                       dims) / self._scale

    @staticmethod
    def _columns(rows, dims):
        return numpy.array(rows, dtype=float).reshape(len(rows), dims).T

    def plan(self, contents, pinned=(), fixed=()):
        """``[(item, source node, destination node)]`` leaving the fewest
        nodes used, or ``[]`` when that is not fewer than now.

        ``contents``: ``{node: [(item, demand vector)]}`` of every node;
        ``pinned``: nodes that must stay (an item there may not move);
        ``fixed``: the items that may not move (none of them is moved; if
        given, ``pinned`` may be left out). The first ``making_way`` moves
        make way for the others, which must wait for them.
        """
        fixed = set(fixed)
        scale = self._scale[:, 0]
        by_node = [[(item, numpy.asarray(vector, dtype=float) / scale,
                     item not in fixed)
                    for item, vector in contents.get(node, ())]
                   for node in self.nodes]
        pinned = set(pinned) | {
            node for node, items in zip(self.nodes, by_node)
            if any(not movable for __, __, movable in items)}
        # What each node holds, one row per node (summed once: the keep
        # order, the total and the room bound all read it).
        held = numpy.array([sum((need for __, need, __ in items),
                                numpy.zeros(len(scale)))
                            for items in by_node]).reshape(-1, len(scale))
        demand = held.sum(axis=0)
        order = self._keep_order(held, pinned, demand)
        low = max(self._covering(order, demand), self._roomy(order, held),
                  len(pinned), 1)
        # Keeping as many nodes as are used now would gain nothing.
        high = sum(1 for items in by_node if items)
        self.making_way = 0
        if low >= high:
            return []

        def attempt(keep):
            return self._try(order[:keep], order[keep:], by_node)

        # Gallop up from the lower bound to a count that fits...
        keep, step, failed = low, 1, low - 1
        while True:
            moves = attempt(keep)
            if moves is not None:
                best = moves
                break
            failed = keep
            if keep == high - 1:
                return []
            keep = min(keep + step, high - 1)
            step *= 2
        # ... then search back down for the fewest that fits.
        low_ok, high_ok = failed + 1, keep - 1
        while low_ok <= high_ok:
            middle = (low_ok + high_ok) // 2
            moves = attempt(middle)
            if moves is None:
                low_ok = middle + 1
            else:
                best = moves
                high_ok = middle - 1
        self.making_way = best[1]
        return best[0]

    def _keep_order(self, held, pinned, demand):
        """Positions of the nodes, in the order they are kept."""
        # What a node holds counts each dimension by how much of the
        # cloud's capacity the demand uses: keeping nodes full of what is
        # scarce leaves the least of it to move.
        use = demand / numpy.maximum(self._capacity.sum(axis=1), 1e-12)
        fullness = held @ use
        room = self._capacity.sum(axis=0)
        return sorted(range(len(self.nodes)), key=lambda index: (
            self.nodes[index] not in pinned, -room[index], -fullness[index],
            index))

    def _covering(self, order, demand):
        """Fewest nodes, in ``order``, whose capacity covers ``demand``."""
        total = numpy.zeros_like(demand)
        for count, index in enumerate(order, 1):
            total += self._capacity[:, index]
            if (total >= demand).all():
                return count
        return len(order)

    def _roomy(self, order, held):
        """Fewest nodes, in ``order``, whose room (headroom, as the fit
        test counts it) covers the demand of all the others: no count
        below it can fit, so none is tried."""
        demand = held[order]
        room = self._headroom[:, order].T
        # kept = order[:count]: room of the first ``count`` nodes against
        # the demand of the rest.
        kept_room = numpy.cumsum(room, axis=0)
        rest = demand.sum(axis=0) - numpy.cumsum(demand, axis=0)
        enough = (kept_room >= rest - 1e-9).all(axis=1)
        return int(numpy.argmax(enough)) + 1 if enough.any() else len(order)

    def _try(self, kept, released, by_node):
        """Place the released nodes' items (and let the kept nodes' small
        ones make way) on the kept nodes; (the moves, how many of the
        first make way), or None if an item fits nowhere."""
        room = self._headroom[:, kept].copy()
        items = [(item, index, need, -1)
                 for index in released for item, need, __ in by_node[index]]
        if not items:
            return [], 0
        needs = numpy.array([need for __, __, need, __ in items])
        # How scarce each dimension is: what must move in over the room
        # there is. An item's size weighs each dimension by it, so the
        # items that fill the scarce dimensions go first while there is
        # still room to spread them, and what one dimension has plenty of
        # does not make an item look large.
        scarcity = needs.sum(axis=0) / numpy.maximum(room.sum(axis=1),
                                                     1e-12)
        small = numpy.percentile(needs @ scarcity, MAKE_WAY_QUANTILE)
        # Room before anything leaves: where an item making way may go.
        early = room.copy()
        for position, index in enumerate(kept):
            for item, need, movable in by_node[index]:
                if movable and need @ scarcity <= small:
                    items.append((item, index, need, position))
                    room[:, position] += need
        needs = numpy.array([need for __, __, need, __ in items])
        sizes = needs @ scarcity
        shape = _Shapes(room, scarcity)
        making_way, moving = [], []
        for order in numpy.argsort(-sizes, kind='stable'):
            item, source, need, home = items[order]
            if home >= 0 and (room[:, home] >= need).all():
                shape.take(home, need)
                continue
            fits = (room >= need[:, None]).all(axis=0)
            if home >= 0:
                fits &= (early >= need[:, None]).all(axis=0)
            position = shape.closest(need, fits)
            if position is None:
                return None
            shape.take(position, need)
            move = (item, self.nodes[source], self.nodes[kept[position]])
            if home >= 0:
                early[:, position] -= need
                making_way.append(move)
            else:
                moving.append(move)
        return making_way + moving, len(making_way)


class _Shapes(object):
    """The kept nodes' room, and which is most like an item's demand."""

    def __init__(self, room, weight):
        self.room = room
        self.weight = weight
        self.norms = numpy.linalg.norm(room * weight[:, None], axis=0)

    def take(self, position, need):
        self.room[:, position] -= need
        self.norms[position] = numpy.linalg.norm(
            self.room[:, position] * self.weight)

    def closest(self, need, fits):
        """Among the nodes that fit, the one whose weighted room points
        most the way the weighted demand does; the first on ties."""
        if not fits.any():
            return None
        weighted = need * self.weight * self.weight
        score = (weighted @ self.room) / numpy.maximum(self.norms, 1e-12)
        score[~fits] = -numpy.inf
        return int(numpy.argmax(score))
