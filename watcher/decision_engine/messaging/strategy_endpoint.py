"""RPC endpoint ``get_strategy_info``: can this strategy run here?

Behind ``GET /v1/strategies/{strategy}/state``. Returns three requirement
entries ``{type, state, mandatory, comment}``:

* ``Datasource`` (mandatory): ``"<datasource>: available"`` or
  ``"<datasource>: not available"`` for the datasource the strategy would
  use (its ``[watcher_strategies.<name>] datasources`` or else
  ``[watcher_datasources] datasources``), or ``"Datasource is not
  presented for this strategy"`` for strategies that read no metric. (The
  reference reports "not presented" for every strategy without a
  per-strategy override: a bug, not reproduced.)
* ``Metrics`` (optional): ``[{<datasource metric name>: available|not
  available}]`` for each metric the strategy reads (``[]`` without
  datasource).
* ``CDM`` (mandatory): ``[{compute_model: a}, {storage_model: a},
  {baremetal_model: a}]``, each found by trying to build the model.

The API appends the fourth entry (``Name``).
"""
from oslo_log import log

from watcher.decision_engine.datasources import requirements
from watcher.decision_engine import loading

LOG = log.getLogger(__name__)

AVAILABLE = 'available'
NOT_AVAILABLE = 'not available'
NO_DATASOURCE = 'Datasource is not presented for this strategy'
MODELS = ('compute_model', 'storage_model', 'baremetal_model')


def _requirement(kind, state, mandatory):
    return {'type': kind, 'state': state, 'mandatory': mandatory,
            'comment': ''}


class StrategyEndpoint(object):

    def _backend(self, strategy):
        if not strategy.DATASOURCE_METRICS:
            return None
        try:
            return strategy.datasource_backend
        except Exception as exc:
            LOG.warning('No datasource for strategy %s: %s', strategy.name,
                        exc)
            return None

    @staticmethod
    def _backend_name(backend):
        return getattr(backend, 'NAME', type(backend).__name__)

    def _datasource_state(self, strategy, backend):
        if not strategy.DATASOURCE_METRICS:
            return NO_DATASOURCE
        if backend is None:
            configured = (strategy.config.get('datasources') or
                          _global_datasources())
            return '%s: %s' % (', '.join(configured or ['none']),
                               NOT_AVAILABLE)
        return requirements.datasource_state(backend)

    def _metrics_state(self, strategy, backend):
        if backend is None:
            return []
        return requirements.metrics_state(backend,
                                          strategy.DATASOURCE_METRICS)

    @staticmethod
    def _model_state(strategy, model_property):
        try:
            getattr(strategy, model_property)
            return AVAILABLE
        except Exception as exc:
            LOG.info('%s of strategy %s not available: %s', model_property,
                     strategy.name, exc)
            return NOT_AVAILABLE

    def get_strategy_info(self, context, strategy_name):
        strategy = loading.PluginLoader(loading.STRATEGIES).load(
            strategy_name)
        backend = self._backend(strategy)
        return [
            _requirement('Datasource',
                         self._datasource_state(strategy, backend), True),
            _requirement('Metrics', self._metrics_state(strategy, backend),
                         False),
            _requirement('CDM', [{name: self._model_state(strategy, name)}
                                 for name in MODELS], True),
        ]


def _global_datasources():
    from watcher import conf
    try:
        return list(conf.CONF.watcher_datasources.datasources)
    except Exception:
        return []
