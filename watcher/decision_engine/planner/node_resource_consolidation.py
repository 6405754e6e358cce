"""Node-resource-consolidation planner.

Disable nodes first, then run one chain of migrations per source node (the
chains in parallel, each migration after the previous one of its chain and
after every disable), and re-enable nodes once the last migration of every
chain is done.
"""
import collections

from oslo_log import log

from watcher.common import exception
from watcher.decision_engine.planner import base

LOG = log.getLogger(__name__)


class NodeResourceConsolidationPlanner(base.BasePlanner):
    """Disable, migrate per source node, enable."""

    NAME = 'node_resource_consolidation'

    def build_plan(self, solution):
        disables = []
        enables = []
        chains = collections.OrderedDict()
        for action in solution.actions:
            planned = base.PlannedAction.from_solution(action)
            if planned.action_type == 'change_nova_service_state':
                if planned.input_parameters.get('state') == 'disabled':
                    disables.append(planned)
                else:
                    enables.append(planned)
            elif planned.action_type == 'migrate':
                source = planned.input_parameters.get('source_node')
                chains.setdefault(source, []).append(planned)
            else:
                raise exception.UnsupportedActionType(
                    action_type=planned.action_type)

        disable_uuids = [action.uuid for action in disables]
        ordered = list(disables)
        for chain in chains.values():
            previous = None
            for migration in chain:
                migration.parents = list(disable_uuids)
                if previous is not None:
                    migration.parents.append(previous.uuid)
                previous = migration
            ordered.extend(chain)
        last_migrations = [chain[-1].uuid for chain in chains.values()]
        for enable in enables:
            enable.parents = list(last_migrations)
        ordered.extend(enables)
        LOG.debug('Node resource consolidation planner built %d actions',
                  len(ordered))
        return ordered
