"""Metric datasources of the decision engine.

Strategies read host and instance metrics through one interface
(:class:`base.DataSourceBase`); :class:`manager.DataSourceManager` picks the
first configured backend (gnocchi, grafana, prometheus, aetos) that maps
every metric a strategy needs. See doc/source/datasources/.
"""
