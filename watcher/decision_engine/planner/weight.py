"""Weight planner (the default): actions by type weight, in layers.

Actions are grouped by the weight of their type and the groups run from the
heaviest to the lightest. Each group is cut into chunks of at most
``parallelization[type]`` actions of one solution stage (a strategy's
moves that need room earlier moves make start a new stage); every action of
a chunk has as parents all the actions of the previous chunk (of the same
group or of the previous one). The first chunk has no parents. For example
three migrations with a parallelization of 2 give ``[m1, m2]`` then ``m3``
(parents m1 and m2).

Weights and parallelization are read as integers (the reference compared
weights from configuration files as strings). A type missing from
``parallelization`` runs one at a time. Two types must not share a weight:
their actions would form one group.
"""
import collections

from oslo_log import log

from watcher.conf import plugins
from watcher.decision_engine.planner import base

LOG = log.getLogger(__name__)


class WeightPlanner(base.BasePlanner):
    """Layered plan ordered by action-type weight."""

    NAME = 'weight'

    @classmethod
    def get_config_opts(cls):
        return plugins.weight_planner_opts()

    @staticmethod
    def chunks(items, size):
        """Runs of at most ``size`` actions of one solution stage."""
        chunk = []
        for item in items:
            if chunk and (len(chunk) == size or
                          item.stage != chunk[-1].stage):
                yield chunk
                chunk = []
            chunk.append(item)
        if chunk:
            yield chunk

    def build_plan(self, solution):
        weights = self.integer_map('weights')
        parallelization = self.integer_map('parallelization')

        groups = collections.defaultdict(list)
        for action in solution.actions:
            planned = base.PlannedAction.from_solution(action)
            weight = self.weight_of(weights, planned.action_type, self.NAME)
            groups[weight].append(planned)

        type_of_weight = {weight: action_type
                          for action_type, weight in weights.items()}
        ordered = []
        previous_chunk = []
        for weight in sorted(groups, reverse=True):
            action_type = type_of_weight[weight]
            size = max(1, parallelization.get(action_type, 1))
            for chunk in self.chunks(groups[weight], size):
                parents = [action.uuid for action in previous_chunk]
                for action in chunk:
                    action.parents = list(parents)
                ordered.extend(chunk)
                previous_chunk = chunk
        LOG.debug('Weight planner built %d actions', len(ordered))
        return ordered
