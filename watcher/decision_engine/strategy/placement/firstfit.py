"""Find the first node, in a strategy's own order, that can take an item.

First-fit strategies walk their candidate nodes in a fixed order and take
the first one that fits; with thousands of nodes and instances, walking
them one by one in Python is quadratic. ``FirstFitIndex`` keeps, for each
candidate position, a vector of headrooms (for example free vCPU, free
memory, spare measured CPU...) in a column array and finds the positions
of a range whose headroom covers a demand in one vectorised comparison.

The index only *prunes*: it compares with a small ``slack`` so that it
never drops a node the strategy's exact test would accept; the caller
runs its exact test on the positions returned, in order, and takes the
first that passes. Blocked positions are never returned.
"""
import bisect

import numpy

DEFAULT_SLACK = 1e-6
# Positions looked at first, at the end of the range a search starts from.
FIRST_WINDOW = 64
NEG_INF = float('-inf')


class FirstFitIndex(object):
    """Headroom vectors of ``n`` ordered positions, searchable by demand."""

    def __init__(self, rows, slack=DEFAULT_SLACK):
        self.size = len(rows)
        self.dims = len(rows[0]) if rows else 0
        self.slack = slack
        # One row per dimension, one column per position.
        self._headroom = numpy.array(rows, dtype=float).reshape(
            self.size, self.dims).T.copy()
        self._open = numpy.ones(self.size, dtype=bool)

    def __len__(self):
        return self.size

    # -- changes ------------------------------------------------------------

    def update(self, position, row):
        """New headroom vector of ``position``."""
        self._headroom[:, position] = row

    def block(self, position):
        """Never return ``position`` again (until ``unblock``)."""
        self._open[position] = False

    def unblock(self, position):
        self._open[position] = True

    def is_blocked(self, position):
        return not self._open[position]

    def row(self, position):
        return tuple(float(v) for v in self._headroom[:, position])

    # -- searches -----------------------------------------------------------

    def _fitting(self, lo, hi, need):
        window = slice(lo, hi + 1)
        fitting = numpy.logical_and.reduce(
            self._headroom[:, window] >= need, axis=0)
        fitting &= self._open[window]
        return numpy.flatnonzero(fitting) + lo

    def candidates(self, lo, hi, demand, descending=False):
        """Unblocked positions of ``[lo, hi]`` covering ``demand``.

        Compared less the slack; ascending, or descending. A generator:
        the end of the range searched first is looked at alone, so the
        usual case (a fit near that end) costs little.
        """
        lo = max(lo, 0)
        hi = min(hi, self.size - 1)
        if lo > hi or not self.dims:
            return
        need = (numpy.asarray(demand, dtype=float) - self.slack)[:, None]
        if descending:
            split = max(lo, hi - FIRST_WINDOW + 1)
            windows = ((split, hi), (lo, split - 1))
        else:
            split = min(hi, lo + FIRST_WINDOW - 1)
            windows = ((lo, split), (split + 1, hi))
        for start, stop in windows:
            if start > stop:
                continue
            found = self._fitting(start, stop, need)
            for position in (found[::-1] if descending else found):
                yield int(position)

    def find_first(self, lo, hi, demand):
        """Lowest unblocked position in ``[lo, hi]`` covering ``demand``."""
        return next(self.candidates(lo, hi, demand), None)

    def find_last(self, lo, hi, demand):
        """Highest unblocked position in ``[lo, hi]`` covering ``demand``."""
        return next(self.candidates(lo, hi, demand, descending=True), None)


class SaturatingWalk(object):
    """Walk destinations down from the last position, remembering full ones.

    This is how the reference's vm_workload_consolidation walks, with its
    memory of saturated nodes: it tries each candidate in turn, and one
    that does not fit and is saturated is skipped by every later walk of
    the same phase. ``find`` gives exactly that result without trying
    every node: the index jumps to the next candidate that may fit, and
    the saturated nodes the reference would have passed over (they did
    not fit, or they would have been chosen) are remembered in one step.
    Saturation only changes when a node's load changes, which the caller
    reports with ``refresh``.

    ``describe(node)`` gives the node's headroom vector and whether it is
    saturated, ``demand(item)`` the matching vector of an item and
    ``fits(item, node)`` the exact test.
    """

    def __init__(self, order, describe, demand, fits):
        self.order = list(order)
        self.position = {node.uuid: pos for pos, node in enumerate(self.order)}
        self._describe = describe
        self._demand = demand
        self._fits = fits
        described = [describe(node) for node in self.order]
        self.index = FirstFitIndex([row for row, __ in described])
        # Saturated nodes not remembered yet, by position (sorted).
        self._pending = [pos for pos, (__, saturated) in enumerate(described)
                         if saturated]

    def remembered(self, node):
        """Whether ``node`` is skipped as saturated from now on."""
        return self.index.is_blocked(self.position[node.uuid])

    def refresh(self, node):
        """``node``'s load changed: new headroom and saturation."""
        pos = self.position.get(node.uuid)
        if pos is None:
            return
        row, saturated = self._describe(node)
        self.index.update(pos, row)
        if self.index.is_blocked(pos):
            return
        at = bisect.bisect_left(self._pending, pos)
        present = at < len(self._pending) and self._pending[at] == pos
        if saturated:
            if not present:
                self._pending.insert(at, pos)
        elif present:
            del self._pending[at]

    def find(self, item, lo, hi):
        """Last node in positions ``[lo, hi]`` (walking down) taking ``item``.

        Saturated nodes above the chosen one (or in the whole range when
        none fits) are remembered, as the reference's walk would have.
        """
        lo = max(lo, 0)
        hi = min(hi, len(self.order) - 1)
        if lo > hi:
            return None
        chosen = None
        for pos in self.index.candidates(lo, hi, self._demand(item),
                                         descending=True):
            if self._fits(item, self.order[pos]):
                chosen = pos
                break
        self._remember_passed(chosen + 1 if chosen is not None else lo, hi)
        return self.order[chosen] if chosen is not None else None

    def _remember_passed(self, lo, hi):
        start = bisect.bisect_left(self._pending, lo)
        stop = bisect.bisect_right(self._pending, hi)
        if start >= stop:
            return
        for pos in self._pending[start:stop]:
            self.index.block(pos)
        del self._pending[start:stop]
