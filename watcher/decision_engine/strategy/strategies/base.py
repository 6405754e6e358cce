"""Base classes of the strategy plugins (namespace ``watcher_strategies``).

A strategy reads a cluster data model (and maybe metrics), decides what to
change and records it as actions in a ``Solution``. ``execute(audit)`` runs
``pre_execute``, ``do_execute`` and ``post_execute``, then computes the
global efficacy and returns the solution. The planner named by
``strategy.planner`` turns the solution into an action plan.

Models are deep copies of the collectors' models, restricted to the audit
scope, so a strategy may change them freely to simulate its moves.
"""
import abc
import importlib

from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.conf import plugins
from watcher.decision_engine import loading
from watcher.decision_engine.solution import base as solution_base

CONF = conf.CONF
LOG = log.getLogger(__name__)

# Instance and node states, as the collectors fill them.
ACTIVE = 'active'
NODE_UP = 'up'
NODE_ENABLED = 'enabled'
NODE_DISABLED = 'disabled'


class InputParameters(dict):
    """Audit parameters of the strategy, readable as attributes."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)


def datasources_opt():
    """The ``datasources`` option of strategies that read metrics."""
    return plugins.strategy_datasources_opt()


def _collector_manager():
    manager = importlib.import_module(
        'watcher.decision_engine.model.collector.manager')
    return manager.CollectorManager()


class BaseStrategy(object, metaclass=abc.ABCMeta):
    """Base class of every strategy."""

    # Metrics the strategy reads; the first datasource that has all of
    # them is used.
    DATASOURCE_METRICS = []

    def __init__(self, config=None, osc=None):
        self.config = config if config is not None else loading.PluginConfig()
        self.osc = osc
        self._goal = loading.PluginLoader(loading.GOALS).load(
            self.get_goal_name())
        self._solution = solution_base.Solution(goal=self._goal,
                                                strategy=self)
        self._input_parameters = InputParameters()
        self._planner = 'weight'
        self._compute_model = None
        self._storage_model = None
        self._baremetal_model = None
        self._datasource_backend = None
        self._collector_manager = None
        self._build_errors = {}
        self.audit_scope = None
        self.audit = None

    # -- identity -------------------------------------------------------

    @classmethod
    @abc.abstractmethod
    def get_name(cls):
        """Unique name of the strategy (its entry point name)."""

    @classmethod
    @abc.abstractmethod
    def get_display_name(cls):
        """Translated display name."""

    @classmethod
    @abc.abstractmethod
    def get_translatable_display_name(cls):
        """Untranslated display name, stored in the database."""

    @classmethod
    @abc.abstractmethod
    def get_goal_name(cls):
        """Name of the goal the strategy serves."""

    @classmethod
    def get_schema(cls):
        """Draft-4 JSON schema of the audit parameters ({} if none)."""
        return {}

    @classmethod
    def get_config_opts(cls):
        """Options of ``[watcher_strategies.<name>]``."""
        return []

    @property
    def name(self):
        return self.get_name()

    @property
    def display_name(self):
        return self.get_display_name()

    @property
    def goal(self):
        return self._goal

    # -- run ------------------------------------------------------------

    def execute(self, audit=None):
        """Run the strategy and return its ``Solution``."""
        self.audit = audit
        if audit is not None:
            self.audit_scope = audit.scope
        self.pre_execute()
        self.do_execute(audit=audit)
        self.post_execute()
        self.solution.compute_global_efficacy()
        return self.solution

    def pre_execute(self):
        """Checks before the run; by default the compute model must exist."""
        self._pre_execute()

    def _pre_execute(self):
        LOG.info('Initializing strategy %s', self.name)
        self.compute_model  # raises if the model is missing or stale

    @abc.abstractmethod
    def do_execute(self, audit=None):
        """Compute the solution (add actions to ``self.solution``)."""

    def post_execute(self):
        """Report efficacy indicators; nothing by default."""

    # -- state ----------------------------------------------------------

    @property
    def solution(self):
        return self._solution

    @solution.setter
    def solution(self, value):
        self._solution = value

    @property
    def input_parameters(self):
        return self._input_parameters

    @input_parameters.setter
    def input_parameters(self, value):
        self._input_parameters = InputParameters(value or {})

    @property
    def planner(self):
        return self._planner

    @planner.setter
    def planner(self, value):
        self._planner = value

    @property
    def collector_manager(self):
        if self._collector_manager is None:
            self._collector_manager = _collector_manager()
        return self._collector_manager

    def _scoped_model(self, collector_name):
        collector = self.collector_manager.get_cluster_model_collector(
            collector_name, osc=self.osc)
        scope_handler = collector.get_audit_scope_handler(
            audit_scope=self.audit_scope)
        model = scope_handler.get_scoped_model(
            collector.get_latest_cluster_data_model())
        self._build_errors[collector_name] = getattr(
            collector, 'last_build_error', None)
        return model

    def _check_model(self, model, collector_name='compute'):
        if model is None:
            raise exception.ClusterStateNotDefined()
        if getattr(model, 'stale', False):
            reason = getattr(self, '_build_errors', {}).get(collector_name)
            if reason:
                raise exception.ClusterStateStale(
                    message='The cluster state is stale: building the %s '
                            'model failed (%s)' % (collector_name, reason))
            raise exception.ClusterStateStale()
        return model

    @property
    def compute_model(self):
        """The audit-scoped compute model (a private copy)."""
        if self._compute_model is None:
            model = self._scoped_model('compute')
            if model is not None and hasattr(
                    model, 'invalidate_resource_cache'):
                model.invalidate_resource_cache()
            self._compute_model = model
        return self._check_model(self._compute_model)

    @compute_model.setter
    def compute_model(self, model):
        self._compute_model = model

    @property
    def storage_model(self):
        if self._storage_model is None:
            self._storage_model = self._scoped_model('storage')
        return self._check_model(self._storage_model, 'storage')

    @storage_model.setter
    def storage_model(self, model):
        self._storage_model = model

    @property
    def baremetal_model(self):
        if self._baremetal_model is None:
            self._baremetal_model = self._scoped_model('baremetal')
        return self._check_model(self._baremetal_model, 'baremetal')

    @baremetal_model.setter
    def baremetal_model(self, model):
        self._baremetal_model = model

    @property
    def datasource_backend(self):
        """The first configured datasource that has every needed metric."""
        if self._datasource_backend is None:
            ds_manager = importlib.import_module(
                'watcher.decision_engine.datasources.manager')
            datasources_config = CONF.watcher_datasources
            if self.config.get('datasources'):
                datasources_config = self.config
            manager = ds_manager.DataSourceManager(
                config=datasources_config, osc=self.osc)
            self._datasource_backend = manager.get_backend(
                self.DATASOURCE_METRICS)
        return self._datasource_backend

    @datasource_backend.setter
    def datasource_backend(self, backend):
        self._datasource_backend = backend

    # -- helpers shared by strategies ------------------------------------

    @staticmethod
    def is_excluded(instance):
        """True if the audit scope excluded the instance."""
        return bool(getattr(instance, 'watcher_exclude', False))

    def available_compute_nodes(self, model=None):
        """Nodes up and enabled, sorted by hostname then uuid."""
        model = model if model is not None else self.compute_model
        nodes = [node for node in model.get_all_compute_nodes().values()
                 if node.state == NODE_UP and node.status == NODE_ENABLED]
        return sorted(nodes, key=lambda n: (n.hostname, n.uuid))

    def add_action_migrate(self, instance, migration_type, source_node,
                           destination_node):
        return self.solution.add_action_migrate(
            instance, migration_type, source_node, destination_node)


class DummyBaseStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    @classmethod
    def get_goal_name(cls):
        return 'dummy'


class UnclassifiedStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    """Strategies whose goal is not defined yet."""

    @classmethod
    def get_goal_name(cls):
        return 'unclassified'


class ServerConsolidationBaseStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    @classmethod
    def get_goal_name(cls):
        return 'server_consolidation'


class ThermalOptimizationBaseStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    @classmethod
    def get_goal_name(cls):
        return 'thermal_optimization'


class WorkloadStabilizationBaseStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    """Workload balancing strategies; they use their own planner."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._planner = 'workload_stabilization'

    @classmethod
    def get_goal_name(cls):
        return 'workload_balancing'


class AirflowOptimizationBaseStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    @classmethod
    def get_goal_name(cls):
        return 'airflow_optimization'


class NoisyNeighborBaseStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    @classmethod
    def get_goal_name(cls):
        return 'noisy_neighbor'


class SavingEnergyBaseStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    @classmethod
    def get_goal_name(cls):
        return 'saving_energy'


class ZoneMigrationBaseStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    @classmethod
    def get_goal_name(cls):
        return 'hardware_maintenance'


class HostMaintenanceBaseStrategy(BaseStrategy, metaclass=abc.ABCMeta):
    @classmethod
    def get_goal_name(cls):
        return 'cluster_maintaining'
