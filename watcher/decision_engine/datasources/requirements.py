"""Datasource lines of ``GET /v1/strategies/{s}/state``.

The decision engine's strategy endpoint reports whether the datasource a
strategy would use answers, and which of its metrics the backend holds.
Unlike the reference, the datasource chosen through the global
``[watcher_datasources] datasources`` list is reported too (the reference
says "not presented" unless the strategy has its own list).
"""
from oslo_log import log

from watcher.decision_engine.datasources import base

LOG = log.getLogger(__name__)


def datasource_state(backend):
    """``"<datasource>: available"`` or ``"<datasource>: not available"``."""
    try:
        state = backend.check_availability()
    except Exception as exc:
        LOG.warning('Datasource %s check failed: %s', backend.NAME, exc)
        state = base.NOT_AVAILABLE
    return '%s: %s' % (backend.NAME, state)


def metrics_state(backend, metrics):
    """``[{<backend metric name>: available|not available}]``.

    When the backend cannot list its metrics, every one is not available.
    """
    try:
        return backend.metrics_availability(metrics)
    except Exception as exc:
        LOG.warning('Cannot list the metrics of %s: %s', backend.NAME, exc)
        return [{backend.metric_name(metric): base.NOT_AVAILABLE}
                for metric in metrics]
