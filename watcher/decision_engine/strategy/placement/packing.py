"""Repack the instances of a cloud onto as few nodes as they fit.

A first-fit consolidation (the reference's ``vm_workload_consolidation``)
stops with many nodes partly filled: together their free room would hold
several more nodes' instances, but no single move it tries fits. This
module plans as bin packing does instead, from any placement (the
strategy gives it the one before its first-fit walk):

1. order the nodes to keep: nodes that cannot be emptied (an instance
   that may not move) first, then the largest, then the fullest (fewest
   migrations);
2. keep the fewest of them whose capacity covers the whole demand in every
   dimension (the simple lower bound), and place every instance of the
   other nodes on the kept ones, largest first (sizes weigh each
   dimension by how scarce it is: demand to move over room left), each
   on the node whose room is most like its demand (dot product, so that
   room one dimension cannot use is not stranded);
3. if some instance fits nowhere, keep more nodes (doubling the step, then
   halving it back) until everything fits.

It works on plain vectors so that any strategy can use it: a node's
headroom (what it can still take, per dimension, exactly as the strategy's
own fit test counts it), its capacity, and an item's demand in the same
dimensions. Ties keep the caller's order, so plans are deterministic.
"""
import numpy


class Repacker(object):
    """Plans which nodes to keep and where the others' items go."""

    def __init__(self, nodes, headroom, capacity, scale):
        """``nodes``: keys of the nodes that may be kept (used or empty),
        in a stable order;
        ``headroom`` and ``capacity``: ``{node: vector}``; ``scale``: one
        positive number per dimension (a typical capacity) to compare
        sizes across dimensions."""
        self.nodes = list(nodes)
        dims = len(scale)
        self._scale = numpy.asarray(scale, dtype=float).reshape(dims, 1)
        self._headroom = self._columns([headroom[n] for n in self.nodes],
                                       dims)
        self._capacity = self._columns([capacity[n] for n in self.nodes],
                                       dims)

    @staticmethod
    def _columns(rows, dims):
        return numpy.array(rows, dtype=float).reshape(len(rows), dims).T

    def size(self, demand):
        """An item's size: its largest share of a typical capacity."""
        vector = numpy.asarray(demand, dtype=float).reshape(-1, 1)
        return float((vector / self._scale).max())

    def plan(self, contents, pinned=()):
        """``[(item, source node, destination node)]`` leaving the fewest
        nodes used, or ``[]`` when that is not fewer than now.

        ``contents``: ``{node: [(item, demand vector)]}`` of every node;
        ``pinned``: nodes that must stay (an item there may not move).
        """
        order = self._keep_order(contents, pinned)
        demand = numpy.zeros(self._capacity.shape[0])
        for items in contents.values():
            for __, vector in items:
                demand += numpy.asarray(vector, dtype=float)
        low = max(self._covering(order, demand), len(pinned), 1)
        # Keeping as many nodes as are used now would gain nothing.
        high = sum(1 for node in self.nodes if contents.get(node))
        if low >= high:
            return []
        # Gallop up from the lower bound to a count that fits...
        keep, step, failed = low, 1, low - 1
        while True:
            moves = self._try(order[:keep], order[keep:], contents)
            if moves is not None:
                best = (keep, moves)
                break
            failed = keep
            if keep == high - 1:
                return []
            keep = min(keep + step, high - 1)
            step *= 2
        # ... then search back down for the fewest that fits.
        low_ok, high_ok = failed + 1, best[0] - 1
        while low_ok <= high_ok:
            middle = (low_ok + high_ok) // 2
            moves = self._try(order[:middle], order[middle:], contents)
            if moves is None:
                low_ok = middle + 1
            else:
                best = (middle, moves)
                high_ok = middle - 1
        return best[1]

    def _keep_order(self, contents, pinned):
        """Positions of the nodes, in the order they are kept."""
        held = [sum(self.size(vector) for __, vector in
                    contents.get(node, ())) for node in self.nodes]
        room = (self._capacity / self._scale).sum(axis=0)
        return sorted(range(len(self.nodes)), key=lambda index: (
            self.nodes[index] not in pinned, -room[index], -held[index],
            index))

    def _covering(self, order, demand):
        """Fewest nodes, in ``order``, whose capacity covers ``demand``."""
        total = numpy.zeros_like(demand)
        for count, index in enumerate(order, 1):
            total += self._capacity[:, index]
            if (total >= demand).all():
                return count
        return len(order)

    def _try(self, kept, released, contents):
        """Best-fit decreasing of the released nodes' items into the kept
        ones; the moves, or None if an item fits nowhere."""
        scale = self._scale
        room = self._headroom[:, kept] / scale
        items = []
        for index in released:
            node = self.nodes[index]
            for item, vector in contents.get(node, ()):
                items.append((item, node, numpy.asarray(
                    vector, dtype=float) / scale[:, 0]))
        if not items:
            return []
        needs = numpy.array([need for __, __, need in items])
        # How scarce each dimension is: what must move in over the room
        # there is. An item's size weighs each dimension by it, so the
        # items that fill the scarce dimensions go first while there is
        # still room to spread them, and what one dimension has plenty of
        # does not make an item look large.
        scarcity = needs.sum(axis=0) / numpy.maximum(room.sum(axis=1),
                                                     1e-12)
        sizes = needs @ scarcity
        moves = []
        for index in numpy.argsort(-sizes, kind='stable'):
            item, source, need = items[index]
            position = self._best_fit(room, need)
            if position is None:
                return None
            room[:, position] -= need
            moves.append((item, source, self.nodes[kept[position]]))
        return moves

    @staticmethod
    def _best_fit(room, need):
        """The node where ``need`` fits whose room is most like it (the
        largest dot product of demand and room: what one dimension
        cannot use is not stranded); the first on ties."""
        fits = ((room - need[:, None]) >= 0).all(axis=0)
        if not fits.any():
            return None
        score = need @ room
        score[~fits] = -numpy.inf
        return int(numpy.argmax(score))
