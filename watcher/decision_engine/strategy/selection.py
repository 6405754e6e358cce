"""Choose the strategy of an audit.

An audit names its strategy, or only its goal. In the latter case the first
strategy of that goal wins, in the order the reference lists its strategies
(its setup.cfg order): ``basic`` for server_consolidation,
``workload_stabilization`` for workload_balancing. Installed metadata sorts
entry points by name, so the order is kept here explicitly; strategies not
listed (third-party plugins) come after, by name.
"""
from oslo_log import log

from watcher.common import exception
from watcher.decision_engine import loading

LOG = log.getLogger(__name__)

PREFERRED_ORDER = (
    'dummy',
    'dummy_with_scorer',
    'dummy_with_resize',
    'actuator',
    'basic',
    'outlet_temperature',
    'saving_energy',
    'vm_workload_consolidation',
    'workload_stabilization',
    'workload_balance',
    'uniform_airflow',
    'noisy_neighbor',
    'storage_capacity_balance',
    'zone_migration',
    'host_maintenance',
    'node_resource_consolidation',
)


def ordered_strategy_names(available):
    """Names of ``available`` in selection order."""
    rank = {name: index for index, name in enumerate(PREFERRED_ORDER)}
    return sorted(available,
                  key=lambda name: (rank.get(name, len(rank)), name))


class StrategySelector(object):
    """Loads the audit's strategy, or the default one of its goal."""

    def __init__(self, goal_name, strategy_name=None, osc=None):
        self.goal_name = goal_name
        self.strategy_name = strategy_name
        self.osc = osc
        self.loader = loading.PluginLoader(loading.STRATEGIES)

    def select_name(self):
        """Name of the strategy to run; raises if the goal has none."""
        if self.strategy_name:
            return self.strategy_name
        available = self.loader.list_available()
        for name in ordered_strategy_names(available):
            if available[name].get_goal_name() == self.goal_name:
                LOG.info('Strategy %s selected for goal %s', name,
                         self.goal_name)
                return name
        raise exception.NoAvailableStrategyForGoal(goal=self.goal_name)

    def select(self):
        """A new instance of the selected strategy."""
        return self.loader.load(self.select_name(), osc=self.osc)
