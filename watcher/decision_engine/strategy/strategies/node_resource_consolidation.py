"""Node resource consolidation: gather instances on fewer nodes.

Nodes are ranked by the vCPUs their instances allocate, least first. From
the least allocated node on, a node whose instances fit (by Placement
allocation) on nodes ranked above it becomes a *source* and those nodes
*destinations*; the walk stops at the first node already chosen as a
destination. Every instance of a source is then migrated live: with
``host_choice`` ``auto`` the source and the empty nodes are disabled first
(so Nova's scheduler does not pick them), the scheduler chooses where each
instance goes, and the disabled nodes are enabled again at the end; with
any other value the strategy names the destination, the fullest
destination that can take the instance. Nodes hosting instances whose
migration failed in an earlier run of a continuous audit are never
sources again.

Deliberate differences from the reference are listed in
``doc/source/strategies/node_resource_consolidation.rst``.
"""
import bisect

from oslo_log import log

from watcher._i18n import _
from watcher.common import context as watcher_context
from watcher.common import exception
from watcher.conf import plugins
from watcher.decision_engine.strategy.placement import capacity
from watcher.decision_engine.strategy.placement import nodes as node_rules
from watcher.decision_engine.strategy.strategies import base

LOG = log.getLogger(__name__)

AUTO = 'auto'
MIGRATION = 'migrate'
FAILED = 'FAILED'
ONESHOT = 'ONESHOT'


def place_some(servers, free):
    """Place what fits of ``servers`` in ``free``; True if any was placed.

    Placed servers are removed from ``servers`` and taken from ``free``.
    As in the reference (which removed them from the list it was
    iterating), the server right after a placed one is not considered
    for this node; it stays in ``servers`` for the next node.
    """
    placed = False
    position = 0
    while position < len(servers):
        server = servers[position]
        if capacity.fits_free(server, free):
            for name, value in capacity.demand(server).items():
                free[name] -= value
            del servers[position]
            placed = True
        position += 1
    return placed


class NodeResourceConsolidation(base.ServerConsolidationBaseStrategy):
    """Consolidate the resources of nodes by migrating servers."""

    CHANGE_NOVA_SERVICE_STATE = 'change_nova_service_state'
    REASON_FOR_DISABLE = 'Watcher node resource consolidation strategy'

    def __init__(self, config=None, osc=None):
        super().__init__(config, osc)
        self.host_choice = AUTO
        self.compute_nodes_count = 0
        self.number_of_released_nodes = 0
        self.number_of_migrations = 0

    @classmethod
    def get_name(cls):
        return 'node_resource_consolidation'

    @classmethod
    def get_display_name(cls):
        return _('Node Resource Consolidation strategy')

    @classmethod
    def get_translatable_display_name(cls):
        return 'Node Resource Consolidation strategy'

    @classmethod
    def get_schema(cls):
        return {
            'properties': {
                'host_choice': {
                    'description': 'How migration destinations are chosen: '
                                   '"auto" lets the Nova scheduler choose, '
                                   'any other value ("specify") makes the '
                                   'strategy name them.',
                    'type': 'string',
                    'default': AUTO,
                },
            },
        }

    @classmethod
    def get_config_opts(cls):
        return plugins.strategy_opts(cls.get_name())

    def pre_execute(self):
        self._pre_execute()
        self.host_choice = self.input_parameters.get('host_choice', AUTO)
        self.planner = 'node_resource_consolidation'

    # -- grouping ------------------------------------------------------------

    def get_nodes_migrate_failed(self):
        """Nodes hosting instances whose migration in this audit failed.

        Only continuous (and event) audits look back at earlier runs.
        """
        audit = self.audit
        if audit is None or audit.audit_type == ONESHOT:
            return []
        from watcher import objects
        context = getattr(audit, '_context', None) or \
            watcher_context.get_admin_context()
        failed = []
        for action in objects.Action.list(
                context, filters={'audit_uuid': audit.uuid}):
            if action.state != FAILED or action.action_type != MIGRATION:
                continue
            uuid = (action.input_parameters or {}).get('resource_id')
            try:
                node = self.compute_model.get_node_by_instance_uuid(uuid)
            except exception.WatcherException:
                continue
            if node.uuid not in {n.uuid for n in failed}:
                failed.append(node)
        return failed

    def _may_leave(self, node):
        """Whether every instance of ``node`` may be moved away."""
        if node.state != node_rules.UP:
            return False
        return not any(self.is_excluded(instance) for instance in
                       self.compute_model.get_node_instances(node))

    @staticmethod
    def _may_receive(node):
        return node_rules.is_destination(node)

    def group_nodes(self, nodes):
        """(free nodes, source nodes, destination nodes)."""
        free_nodes, sources, destinations = [], [], []
        chosen = set()
        failed = {node.uuid for node in self.get_nodes_migrate_failed()}
        if failed:
            LOG.info('Nodes with failed migrations: %s', sorted(failed))
        ranked = sorted(nodes, key=lambda n: self.compute_model.
                        get_node_used_resources(n)['vcpu'])
        for node in ranked:
            if node.uuid in chosen:
                break
            if node.uuid in failed:
                # Never a source again; may still take instances.
                if self._may_receive(node):
                    destinations.append(node)
                    chosen.add(node.uuid)
                continue
            if self.compute_model.get_node_used_resources(node)['vcpu'] <= 0:
                free_nodes.append(node)
                continue
            if not self._may_leave(node):
                # Down, or hosting excluded instances: it stays.
                if self._may_receive(node):
                    destinations.append(node)
                    chosen.add(node.uuid)
                continue
            servers = self.compute_model.get_node_instances(node)
            for destination in reversed(ranked):
                if not self._may_receive(destination):
                    continue
                if destination.uuid in chosen:
                    continue
                if destination.uuid == node.uuid:
                    destinations.append(destination)
                    chosen.add(destination.uuid)
                    break
                free = self.compute_model.get_node_free_resources(
                    destination)
                if place_some(servers, free):
                    destinations.append(destination)
                    chosen.add(destination.uuid)
                    if node not in sources:
                        sources.append(node)
                if not servers:
                    break
        return free_nodes, sources, destinations

    # -- actions -------------------------------------------------------------

    def change_node_states(self, nodes, status):
        """Plan the status change of the nodes not in ``status`` yet.

        Returns their updated records.
        """
        changed = []
        for node in nodes:
            if node.status == status:
                continue
            parameters = {'state': status, 'resource_name': node.hostname}
            if status == node_rules.DISABLED:
                parameters['disabled_reason'] = self.REASON_FOR_DISABLE
            self.solution.add_action(self.CHANGE_NOVA_SERVICE_STATE,
                                     input_parameters=parameters,
                                     resource_id=node.uuid)
            changed.append(self.compute_model.update_node(node,
                                                          status=status))
        return changed

    def _destination_order(self, destinations):
        """Destinations sorted by free vCPU (then their own order)."""
        entries = []
        for rank, node in enumerate(destinations):
            free = self.compute_model.get_node_free_resources(node)
            entries.append((free['vcpu'], rank, node))
        entries.sort(key=lambda entry: entry[:2])
        return entries

    def _resort(self, entries, node, rank):
        for at, entry in enumerate(entries):
            if entry[1] == rank:
                del entries[at]
                break
        free = self.compute_model.get_node_free_resources(node)
        keys = [entry[:2] for entry in entries]
        entries.insert(bisect.bisect_left(keys, (free['vcpu'], rank)),
                       (free['vcpu'], rank, node))

    def select_destination(self, server, source, entries):
        """First destination (least free vCPU) taking ``server``."""
        start = bisect.bisect_left([entry[0] for entry in entries],
                                   server.vcpus)
        for free_vcpu, rank, node in entries[start:]:
            if node.uuid == source.uuid:
                continue
            free = self.compute_model.get_node_free_resources(node)
            if not capacity.fits_free(server, free):
                continue
            if self.compute_model.migrate_instance(server, source, node):
                return node, rank
        return None, None

    def add_migrate_actions(self, sources, destinations):
        if not sources or not destinations:
            return
        entries = (self._destination_order(destinations)
                   if self.host_choice != AUTO else None)
        ranks = {node.uuid: rank for rank, node in enumerate(destinations)}
        for node in sources:
            servers = sorted(self.compute_model.get_node_instances(node),
                             key=lambda server: server.vcpus, reverse=True)
            for server in servers:
                if self.is_excluded(server):
                    continue
                parameters = {'migration_type': 'live',
                              'source_node': node.hostname,
                              'resource_name': server.name}
                if entries is not None:
                    destination, rank = self.select_destination(
                        server, node, entries)
                    if destination is None:
                        continue
                    parameters['destination_node'] = destination.hostname
                    self._resort(entries, destination, rank)
                    if node.uuid in ranks:
                        self._resort(entries, node, ranks[node.uuid])
                self.number_of_migrations += 1
                self.solution.add_action(MIGRATION,
                                         input_parameters=parameters,
                                         resource_id=server.uuid)

    def do_execute(self, audit=None):
        nodes = node_rules.available_nodes(self.compute_model,
                                           node_rules.ANY)
        free_nodes, sources, destinations = self.group_nodes(nodes)
        self.compute_nodes_count = len(nodes)
        self.number_of_released_nodes = len(sources)
        LOG.info('node_resource_consolidation: %d free, %d source and %d '
                 'destination nodes', len(free_nodes), len(sources),
                 len(destinations))
        if not sources:
            LOG.info('No compute node needs to be consolidated')
            return
        disabled = []
        if self.host_choice == AUTO:
            disabled = self.change_node_states(free_nodes + sources,
                                               node_rules.DISABLED)
        self.add_migrate_actions(sources, destinations)
        if disabled:
            self.change_node_states(disabled, node_rules.ENABLED)

    def post_execute(self):
        self.solution.set_efficacy_indicators(
            compute_nodes_count=self.compute_nodes_count,
            released_compute_nodes_count=self.number_of_released_nodes,
            instance_migrations_count=self.number_of_migrations,
        )
