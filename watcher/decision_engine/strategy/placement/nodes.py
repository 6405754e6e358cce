"""Which compute nodes a strategy looks at, as data, in a stable order.

Each strategy names a ``NodeRule``: the service states and statuses a node
must have to be considered at all. Order is always (hostname, uuid), the
order of the model, so that ties between equal scores are broken the same
way on every run (the reference's order came from its collector threads).
"""
import collections

from watcher.decision_engine.model import element

UP = element.ServiceState.ONLINE.value
DOWN = element.ServiceState.OFFLINE.value
ENABLED = element.ServiceState.ENABLED.value
DISABLED = element.ServiceState.DISABLED.value

# Disabled reason of the nodes consolidation strategies release.
REASON_FOR_DISABLE = 'watcher_disabled'

NodeRule = collections.namedtuple('NodeRule', ('states', 'statuses'))
NodeRule.__doc__ = ('Node service states and statuses a strategy accepts '
                    '(None: any).')

# Up and enabled: what the balancing strategies and every migration
# destination need (Nova does not schedule to a disabled or down host).
ACTIVE = NodeRule(states=(UP,), statuses=(ENABLED,))
# Up, enabled or disabled: the consolidation strategies also look at
# disabled nodes (to release them or, for vm_workload_consolidation, to
# enable them again).
ONLINE = NodeRule(states=(UP,), statuses=(ENABLED, DISABLED))
# Every node of the model (node_resource_consolidation).
ANY = NodeRule(states=None, statuses=None)


def matches(node, rule):
    """Whether ``node`` satisfies ``rule``."""
    return ((rule.states is None or node.state in rule.states) and
            (rule.statuses is None or node.status in rule.statuses))


def available_nodes(model, rule):
    """Nodes of ``model`` matching ``rule``, in (hostname, uuid) order."""
    return [node for node in model.get_all_compute_nodes().values()
            if matches(node, rule)]


def is_destination(node):
    """Whether Nova would place an instance on ``node`` (up, enabled)."""
    return matches(node, ACTIVE)
