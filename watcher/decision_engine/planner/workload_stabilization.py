"""Workload-stabilization planner: weight order, almost no dependencies.

Actions are sorted by the weight of their type (heaviest first, stable).
Only ``migrate``, ``resize``, ``change_nova_service_state``, ``sleep`` and
``nop`` are accepted. The only dependency is that a ``resize`` waits for the
earlier migrations of the same instance; everything else may run in
parallel (bounded by the applier's workers).

The reference also looks the resized instance's host up in Nova, to order
``turn_host_to_acpi_s3_state`` actions after the resizes of that host. That
action type is rejected by this planner (in the reference too), so the
lookup can never matter and is not done: planning needs no Nova access.
"""
import collections

from oslo_log import log

from watcher.common import exception
from watcher.conf import plugins
from watcher.decision_engine.planner import base

LOG = log.getLogger(__name__)

SUPPORTED_ACTION_TYPES = ('migrate', 'resize', 'change_nova_service_state',
                          'sleep', 'nop')


class WorkloadStabilizationPlanner(base.BasePlanner):
    """Weight-ordered plan where resizes follow their migrations."""

    NAME = 'workload_stabilization'

    @classmethod
    def get_config_opts(cls):
        return plugins.workload_stabilization_planner_opts()

    def build_plan(self, solution):
        weights = self.integer_map('weights')
        actions = [base.PlannedAction.from_solution(action)
                   for action in solution.actions]
        for action in actions:
            self.weight_of(weights, action.action_type, self.NAME)
            if action.action_type not in SUPPORTED_ACTION_TYPES:
                raise exception.UnsupportedActionType(
                    action_type=action.action_type)
        actions.sort(key=lambda a: weights[a.action_type], reverse=True)

        # resource -> uuids of the actions recorded under it, in order.
        actions_by_resource = collections.defaultdict(list)
        for action in actions:
            params = action.input_parameters
            resource_id = params.get('resource_id')
            if action.action_type == 'migrate':
                actions_by_resource[resource_id].append(action.uuid)
                actions_by_resource[params.get('source_node')].append(
                    action.uuid)
            elif action.action_type == 'resize':
                action.parents = list(actions_by_resource.get(resource_id,
                                                              []))
            elif action.action_type == 'change_nova_service_state':
                actions_by_resource[resource_id].append(action.uuid)
        LOG.debug('Workload stabilization planner built %d actions',
                  len(actions))
        return actions
