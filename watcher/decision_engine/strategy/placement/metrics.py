"""Metric reads of a strategy run: one bulk query per metric.

``warm`` asks the datasource for one metric of every resource at once
(``statistic_aggregation_bulk``: a single query on Prometheus/Aetos) and
leaves the values in the datasource's per-audit cache, so the
per-resource calls a strategy then makes are answered without a query.
``require_values`` turns "the datasource has nothing at all for this
metric" into a clear failure of the audit instead of a plan built on
fallback values only.
"""
from oslo_log import log

from watcher.common import exception

LOG = log.getLogger(__name__)


def warm(backend, resources, resource_type, metric, period, aggregate,
         granularity):
    """``{uuid: value or None}`` of ``metric`` for ``resources``."""
    resources = [r for r in resources if getattr(r, 'uuid', None)]
    if not resources:
        return {}
    bulk = getattr(backend, 'statistic_aggregation_bulk', None)
    if bulk is not None:
        values = bulk(resources, resource_type, metric, period=period,
                      aggregate=aggregate, granularity=granularity)
        return {r.uuid: values.get(r.uuid) for r in resources}
    # A datasource without the bulk call (third-party): one query each.
    return {r.uuid: backend.statistic_aggregation(
        r, resource_type, metric, period, aggregate, granularity)
        for r in resources}


def backend_name(backend):
    return getattr(backend, 'NAME', None) or type(backend).__name__


def require_values(values, backend, metric, resource_type, period):
    """Raise ``NoMetricData`` when ``values`` is non-empty but all None."""
    if values and all(value is None for value in values.values()):
        raise exception.NoMetricData(
            datasource=backend_name(backend), metric=metric,
            count=len(values), resource_type=resource_type, period=period)
    missing = sum(1 for value in values.values() if value is None)
    if missing:
        LOG.warning('%s has no %s for %d of %d %s resources',
                    backend_name(backend), metric, missing, len(values),
                    resource_type)
