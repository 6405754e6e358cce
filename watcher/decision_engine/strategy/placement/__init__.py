"""Destination selection shared by the consolidation and balancing strategies.

The reference pasted its "available compute nodes" filter into six
strategies and let each one compute host load its own way. Here the rules
live once:

* ``nodes``: which compute nodes a strategy considers, and which may take
  instances, written as data (``NodeRule``), always in a stable order
  (hostname, then uuid);
* ``capacity``: whether an instance fits a node by its Placement
  allocation (capacity = (total - reserved) * allocation ratio, never
  beyond) and when a node is saturated;
* ``usage``: measured use of nodes kept incrementally while a strategy
  simulates moves (no rescan of instances);
* ``firstfit``: finding the first node, in a strategy's own order, that
  can take an instance, in logarithmic time;
* ``metrics``: one bulk datasource query per metric and audit, and the
  clear failure when a datasource has no data at all;
* ``packing``: repacking instances onto the fewest nodes they fit
  (best-fit decreasing), for strategies that go beyond first fit.
"""
