"""An in-memory datasource for strategy tests.

A real ``DataSourceBase`` subclass (so the per-audit cache and the bulk
call behave as in production) whose backend is a dict of values; it
counts the backend queries so tests can check that a strategy asks once
per metric.
"""
import collections

from watcher.decision_engine.datasources import base


class FakeDataSource(base.DataSourceBase):
    """``values[(resource uuid, watcher metric)] = value``."""

    NAME = 'fake'
    METRIC_MAP = {metric: metric for metric in base.WATCHER_METRICS}

    def __init__(self, values=None):
        super().__init__()
        self.values = dict(values or {})
        self.single_queries = collections.Counter()
        self.bulk_queries = collections.Counter()

    def set(self, uuid, metric, value):
        self.values[(uuid, metric)] = value

    def _statistic_aggregation(self, resource, resource_type, meter_name,
                               period, aggregate, granularity):
        self.single_queries[meter_name] += 1
        return self.values.get((resource.uuid, meter_name))

    def _statistic_aggregation_bulk(self, resources, resource_type,
                                    meter_name, period, aggregate,
                                    granularity):
        self.bulk_queries[meter_name] += 1
        return {r.uuid: self.values.get((r.uuid, meter_name))
                for r in resources}

    def list_metrics(self):
        return set(self.METRIC_MAP.values())

    def check_availability(self):
        return base.AVAILABLE
