"""Pick the datasource a strategy reads its metrics from.

``DataSourceManager(config, osc)`` takes the preference list from
``config.datasources``: ``[watcher_datasources]`` or a strategy's own
``[watcher_strategies.<name>]`` group. ``get_backend(metrics)`` returns
the first datasource whose metric map (its defaults, then
``[grafana_client]`` for Grafana, then the metric map file) has every
requested metric and that starts; a datasource that fails to start is
skipped. One manager, and so one set of caches, serves one audit run.
"""
from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import aetos
from watcher.decision_engine.datasources import gnocchi
from watcher.decision_engine.datasources import grafana
from watcher.decision_engine.datasources import metric_map as metric_map_mod
from watcher.decision_engine.datasources import prometheus

CONF = conf.CONF
LOG = log.getLogger(__name__)

# In the order of [watcher_datasources] choices.
HELPERS = {
    gnocchi.GnocchiHelper.NAME: gnocchi.GnocchiHelper,
    grafana.GrafanaHelper.NAME: grafana.GrafanaHelper,
    prometheus.PrometheusHelper.NAME: prometheus.PrometheusHelper,
    aetos.AetosHelper.NAME: aetos.AetosHelper,
}


def default_metric_map(name):
    """The map of a datasource before the metric map file."""
    if name == grafana.GrafanaHelper.NAME:
        return grafana.configured_metric_map()
    return dict(HELPERS[name].METRIC_MAP)


class DataSourceManager(object):
    """Builds (lazily) and chooses among the configured datasources."""

    def __init__(self, config=None, osc=None):
        self.config = config if config is not None \
            else CONF.watcher_datasources
        self.osc = osc
        self.datasources = list(getattr(self.config, 'datasources', None)
                                or [])
        if 'prometheus' in self.datasources and 'aetos' in self.datasources:
            raise exception.DataSourceConfigConflict(
                datasource_one='prometheus', datasource_two='aetos')
        if 'prometheus' in self.datasources:
            LOG.warning('The prometheus datasource is deprecated since '
                        '2026.1 and will be removed in 2027.1; use aetos.')
        from_file = metric_map_mod.load(known_datasources=list(HELPERS))
        self.metric_map = {}
        for name in HELPERS:
            merged = default_metric_map(name)
            merged.update(from_file.get(name, {}))
            self.metric_map[name] = merged
        self._helpers = {}

    def get_helper(self, name):
        """The (single) helper of datasource ``name``, built on first use."""
        if name not in self._helpers:
            self._helpers[name] = HELPERS[name](
                metric_map=self.metric_map[name], osc=self.osc)
        return self._helpers[name]

    @property
    def gnocchi(self):
        return self.get_helper('gnocchi')

    @property
    def grafana(self):
        return self.get_helper('grafana')

    @property
    def prometheus(self):
        return self.get_helper('prometheus')

    @property
    def aetos(self):
        return self.get_helper('aetos')

    def get_backend(self, metrics):
        """The first configured datasource that provides every metric."""
        if not self.datasources:
            raise exception.NoDatasourceAvailable()
        if not metrics:
            raise exception.InvalidParameter(
                parameter='metrics', parameter_type='non-empty list')
        reasons = []
        last_metric = metrics[-1]
        for name in self.datasources:
            if name not in HELPERS:
                LOG.warning('Unknown datasource %s is skipped', name)
                continue
            missing = [m for m in metrics
                       if self.metric_map[name].get(m) is None]
            if missing:
                last_metric = missing[0]
                reasons.append('%s has no %s' % (name, missing[0]))
                LOG.info('Datasource %s cannot serve %s', name, missing[0])
                continue
            try:
                return self.get_helper(name)
            except Exception as exc:
                reasons.append('%s failed to start: %s' % (name, exc))
                LOG.warning('Datasource %s failed to start: %s', name, exc)
        raise exception.MetricNotAvailable(message=(
            'Metric: %s not available (%s)' % (
                last_metric, '; '.join(reasons) or 'no known datasource')))
