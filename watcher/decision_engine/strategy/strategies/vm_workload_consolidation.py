"""VM workload consolidation: pack instances by measured use, free hosts.

A first-fit heuristic in four phases (the ZHAW load consolidation spec):

1. offload: nodes whose measured CPU use exceeds their capacity, most
   loaded first, shed their least busy instances to the most loaded node
   that can take them, until they are no longer overloaded;
2. consolidation: nodes, least loaded first, move their busiest instances
   to the most loaded node ranked above them that can take them;
3. optimisation: an instance moved more than once gets one migration from
   where it was to where it ends (none if it ends where it started);
4. every candidate node left empty is disabled.

An instance fits a node when its measured CPU, RAM and disk added to the
node's fit the node's capacity, and its flavor fits the node's free
Placement allocation. Candidate nodes are up, enabled or disabled; a
disabled node that receives an instance is enabled first.

Deliberate differences from the reference are listed in
``doc/source/strategies/vm_workload_consolidation.rst``.
"""
import collections

from oslo_log import log

from watcher._i18n import _
from watcher.conf import plugins
from watcher.decision_engine.model import element
from watcher.decision_engine.strategy.placement import capacity
from watcher.decision_engine.strategy.placement import firstfit
from watcher.decision_engine.strategy.placement import metrics
from watcher.decision_engine.strategy.placement import nodes as node_rules
from watcher.decision_engine.strategy.placement import packing
from watcher.decision_engine.strategy.placement import usage as usage_mod
from watcher.decision_engine.strategy.strategies import base

LOG = log.getLogger(__name__)

ACTIVE = element.InstanceState.ACTIVE.value
PAUSED = element.InstanceState.PAUSED.value
STOPPED = element.InstanceState.STOPPED.value
LIVE = 'live'
COLD = 'cold'
USAGE_METRICS = capacity.USAGE_METRICS


class VMWorkloadConsolidation(base.ServerConsolidationBaseStrategy):
    """Consolidate instances by measured use; release emptied hosts."""

    AGGREGATE = 'mean'
    DATASOURCE_METRICS = ['instance_ram_allocated', 'instance_cpu_usage',
                          'instance_ram_usage', 'instance_root_disk_size',
                          'host_cpu_usage', 'host_ram_usage']
    MIGRATION = 'migrate'
    CHANGE_NOVA_SERVICE_STATE = 'change_nova_service_state'
    REASON_FOR_DISABLE = node_rules.REASON_FOR_DISABLE
    # Capacity coefficients: 1.0 uses the whole capacity of a node.
    CAPACITY_COEFFICIENTS = {'cpu': 1.0, 'ram': 1.0, 'disk': 1.0}

    def __init__(self, config=None, osc=None):
        super().__init__(config, osc)
        self.number_of_migrations = 0
        self.number_of_released_nodes = 0
        self.candidate_nodes = []
        self.usage = None
        self._instance_usage = {}
        self._enabled_nodes = set()

    @classmethod
    def get_name(cls):
        return 'vm_workload_consolidation'

    @classmethod
    def get_display_name(cls):
        return _('VM Workload Consolidation Strategy')

    @classmethod
    def get_translatable_display_name(cls):
        return 'VM Workload Consolidation Strategy'

    @classmethod
    def get_schema(cls):
        return {
            'properties': {
                'period': {
                    'description': 'Length in seconds of the time window '
                                   'the metrics are aggregated over.',
                    'type': 'number',
                    'default': 3600,
                },
                'granularity': {
                    'description': 'Seconds between two measures of an '
                                   'aggregated metric series.',
                    'type': 'number',
                    'default': 300,
                },
                'repack': {
                    'description': 'After the reference\'s phases, empty '
                                   'more hosts: take the host holding '
                                   'least, move all its instances to the '
                                   'hosts still in use (largest first, '
                                   'each where it fits most tightly) if '
                                   'they all fit, then the next host. '
                                   'False gives the reference\'s plan.',
                    'type': 'boolean',
                    'default': False,
                },
            },
        }

    @classmethod
    def get_config_opts(cls):
        return plugins.strategy_opts(cls.get_name())

    @property
    def period(self):
        return self.input_parameters.get('period', 3600)

    @property
    def granularity(self):
        return self.input_parameters.get('granularity', 300)

    @property
    def repack(self):
        return bool(self.input_parameters.get('repack', False))

    def pre_execute(self):
        self._pre_execute()
        # Fails now, with the reason, when no datasource has the metrics.
        self.datasource_backend

    # -- measured use ------------------------------------------------------

    def _read_metrics(self, candidates):
        """Instance and host readings: one bulk query per metric."""
        backend = self.datasource_backend
        window = (self.period, self.AGGREGATE, self.granularity)
        instances = [instance for node in candidates
                     for instance in self.compute_model.get_node_instances(
                         node)]
        cpu = metrics.warm(backend, instances, 'instance',
                           'instance_cpu_usage', *window)
        metrics.require_values(cpu, backend, 'instance_cpu_usage',
                               'instance', self.period)
        ram = metrics.warm(backend, instances, 'instance',
                           'instance_ram_usage', *window)
        allocated = metrics.warm(
            backend, [i for i in instances if not ram.get(i.uuid)],
            'instance', 'instance_ram_allocated', *window)
        disk = metrics.warm(backend, instances, 'instance',
                            'instance_root_disk_size', *window)
        for instance in instances:
            self._instance_usage[instance.uuid] = self._usage_of(
                instance, cpu.get(instance.uuid),
                ram.get(instance.uuid) or allocated.get(instance.uuid),
                disk.get(instance.uuid))
        for metric in ('host_cpu_usage', 'host_ram_usage'):
            metrics.warm(backend, candidates, 'compute_node', metric,
                         *window)
        readings = {}
        for node in candidates:
            readings[node.uuid] = (
                backend.get_host_cpu_usage(node, self.period, self.AGGREGATE,
                                           self.granularity),
                backend.get_host_ram_usage(node, self.period, self.AGGREGATE,
                                           self.granularity))
        return readings

    @staticmethod
    def _usage_of(instance, cpu_percent, ram_mb, disk_gb):
        """Cores, MB and GB an instance uses.

        As in the reference, a CPU reading of 0 (or none) counts as every
        vCPU busy, and missing RAM or disk readings fall back to the
        flavor.
        """
        if cpu_percent:
            cpu = instance.vcpus * (cpu_percent / 100.0)
        else:
            cpu = instance.vcpus
        return usage_mod.Usage(cpu, ram_mb or instance.memory,
                               disk_gb or instance.disk)

    def instance_usage(self, instance):
        found = self._instance_usage.get(instance.uuid)
        if found is None:
            # An instance that was not on a candidate node when metrics
            # were read: flavor values only.
            found = self._usage_of(instance, None, None, None)
            self._instance_usage[instance.uuid] = found
        return found

    @staticmethod
    def node_capacity(node):
        return usage_mod.Usage(node.vcpu_capacity, node.memory_mb_capacity,
                               node.disk_gb_capacity)

    # -- predicates ----------------------------------------------------------

    def is_overloaded(self, node):
        """Measured CPU above capacity (only CPU counts)."""
        return (self.usage.of_node(node).cpu >
                self.node_capacity(node).cpu *
                self.CAPACITY_COEFFICIENTS['cpu'])

    def instance_fits(self, instance, node):
        """Measured use and flavor allocation both fit ``node``."""
        used = self.usage.of_node(node)
        limit = self.node_capacity(node)
        wanted = self.instance_usage(instance)
        for index, name in enumerate(USAGE_METRICS):
            if not (wanted[index] + used[index] <=
                    limit[index] * self.CAPACITY_COEFFICIENTS[name]):
                return False
        return capacity.fits_allocation(self.compute_model, instance, node)

    def is_node_saturated(self, node):
        """Nothing more can go to ``node`` (allocation or measured use)."""
        return self._describe(node)[1]

    def _describe(self, node):
        """(headroom vector, saturated) of ``node`` for the walks."""
        used = self.usage.of_node(node)
        limit = self.node_capacity(node)
        free = self.compute_model.get_node_free_resources(node)
        coefficients = self.CAPACITY_COEFFICIENTS
        row = [limit[index] * coefficients[name] - used[index]
               for index, name in enumerate(USAGE_METRICS)]
        row += [free['vcpu'], free['memory'], free['disk']]
        saturated = (capacity.allocation_saturated(free) or
                     capacity.usage_saturated(used._asdict(),
                                              limit._asdict(),
                                              coefficients))
        return row, saturated

    def _demand(self, instance):
        return list(self.instance_usage(instance)) + [
            instance.vcpus, instance.memory, instance.disk]

    def _walk(self, order):
        return firstfit.SaturatingWalk(order, self._describe, self._demand,
                                       self.instance_fits)

    def _sorted_by_cpu(self, items, usage_of):
        return sorted(items, key=lambda item: usage_of(item).cpu)

    # -- actions -------------------------------------------------------------

    def add_action_enable_compute_node(self, node):
        self.solution.add_action(
            self.CHANGE_NOVA_SERVICE_STATE,
            input_parameters={'state': node_rules.ENABLED,
                              'resource_name': node.hostname},
            resource_id=node.uuid)
        # A node enabled again is one node less released, once (the
        # reference counted every migration to it, down to negative
        # counts that failed the audit).
        if node.uuid not in self._enabled_nodes:
            self._enabled_nodes.add(node.uuid)
            self.number_of_released_nodes -= 1

    def add_action_disable_node(self, node):
        self.solution.add_action(
            self.CHANGE_NOVA_SERVICE_STATE,
            input_parameters={'state': node_rules.DISABLED,
                              'disabled_reason': self.REASON_FOR_DISABLE,
                              'resource_name': node.hostname},
            resource_id=node.uuid)
        self.number_of_released_nodes += 1

    def add_migration(self, instance, source, destination):
        """Plan one move; True when the model changed."""
        if instance.state in (ACTIVE, PAUSED):
            migration_type = LIVE
        elif instance.state == STOPPED:
            migration_type = COLD
        else:
            LOG.error('Cannot migrate instance %s in state %s',
                      instance.uuid, instance.state)
            return False
        if destination.status == node_rules.DISABLED:
            self.add_action_enable_compute_node(destination)
        if not self.compute_model.migrate_instance(instance, source,
                                                   destination):
            return False
        self.add_action_migrate(instance, migration_type, source,
                                destination)
        self.number_of_migrations += 1
        self.usage.move(instance, source, destination)
        return True

    def _move(self, walk, instance, source, destination):
        if self.add_migration(instance, source, destination):
            walk.refresh(source)
            walk.refresh(destination)

    # -- phases --------------------------------------------------------------

    def relative_cluster_utilization(self):
        """Mean of use/capacity per metric over the enabled candidates."""
        totals = [0.0, 0.0, 0.0]
        counts = [0, 0, 0]
        for node in self.candidate_nodes:
            if node.status != node_rules.ENABLED:
                continue
            used = self.usage.of_node(node)
            limit = self.node_capacity(node)
            for index in range(3):
                if limit[index]:
                    totals[index] += float(used[index]) / limit[index]
                    counts[index] += 1
        return {name: (totals[index] / counts[index] if counts[index]
                       else 0.0)
                for index, name in enumerate(USAGE_METRICS)}

    def offload_phase(self):
        """Overloaded nodes shed their least busy instances."""
        order = self._sorted_by_cpu(self.candidate_nodes, self.usage.of_node)
        walk = self._walk(order)
        for node in reversed(order):
            if not self.is_overloaded(node):
                continue
            LOG.debug('Node %s is overloaded', node.hostname)
            instances = self._sorted_by_cpu(
                self.compute_model.get_node_instances(node),
                self.instance_usage)
            for instance in instances:
                if self.is_excluded(instance):
                    continue
                destination = walk.find(instance, 0, len(order) - 1)
                if destination is not None:
                    self._move(walk, instance, node, destination)
                if not self.is_overloaded(node):
                    break

    def consolidation_phase(self):
        """Least loaded nodes move their busiest instances up the ranking."""
        order = self._sorted_by_cpu(self.candidate_nodes, self.usage.of_node)
        walk = self._walk(order)
        last = len(order) - 1
        for rank, node in enumerate(order):
            if rank >= last:
                break
            instances = self._sorted_by_cpu(
                self.compute_model.get_node_instances(node),
                self.instance_usage)
            for instance in reversed(instances):
                if self.is_excluded(instance):
                    continue
                destination = walk.find(instance, rank + 1, last)
                if destination is not None:
                    self._move(walk, instance, node, destination)

    def repack_phase(self):
        """Pack the instances onto as few candidate nodes as they fit;
        True when it planned a move.

        Not in the reference (``repack`` parameter): its first-fit walk
        leaves the free room spread over many partly used nodes. Enabled
        empty nodes may be filled (a large one can take what holds
        several small ones up); disabled nodes never are.
        """
        used = {node.uuid for node in self.candidate_nodes
                if self.compute_model.get_node_instances(node)}
        if len(used) < 2:
            return False
        nodes = [node for node in self.candidate_nodes
                 if node.uuid in used or node.status != node_rules.DISABLED]
        headroom, capacities, contents, fixed = {}, {}, {}, set()
        ram_coefficient = self.CAPACITY_COEFFICIENTS['ram']
        for node in nodes:
            # The fit test's dimensions, with RAM twice: the node's RAM use
            # is the larger of its instances' measured sum and its host
            # reading, which a move shifts by flavor memory instead.
            row = self._describe(node)[0]
            limit = list(self.node_capacity(node))
            ram_sum, ram_host = self.usage.ram_parts(node)
            row[1] = limit[1] * ram_coefficient - ram_sum
            row.append(limit[1] * ram_coefficient - (ram_host or 0))
            if node.status == node_rules.DISABLED:
                row = [0.0] * len(row)
            headroom[node.uuid] = row
            # Measured use and flavor allocations share one capacity.
            capacities[node.uuid] = limit + limit + [limit[1]]
            instances = self.compute_model.get_node_instances(node)
            contents[node.uuid] = [
                (instance, self._demand(instance) + [instance.memory])
                for instance in instances]
            fixed.update(instance for instance in instances
                         if self.is_excluded(instance) or
                         instance.state not in (ACTIVE, PAUSED, STOPPED))
        scale = [max(sum(capacities[node.uuid][index] for node in nodes) /
                     float(len(nodes)), 1.0) for index in range(7)]
        repacker = packing.Repacker([node.uuid for node in nodes],
                                    headroom, capacities, scale)
        by_uuid = {node.uuid: node for node in nodes}
        moved = False
        moves = repacker.plan(contents, fixed=fixed)
        # Moves come in a safe order, each checked against the model as
        # the moves before it left it. The repacker counted the room the
        # offload makes, then the room the moves making way leave: each
        # waits for the moves before it (a stage of the plan).
        for rank, (instance, source, destination) in enumerate(moves):
            if rank in (0, repacker.making_way):
                self.solution.next_stage()
            source, destination = by_uuid[source], by_uuid[destination]
            if self.instance_fits(instance, destination):
                moved = self.add_migration(instance, source,
                                           destination) or moved
            else:
                LOG.warning('Repack: %s no longer fits %s; left on %s',
                            instance.uuid, destination.hostname,
                            source.hostname)
        return moved

    def optimize_solution(self):
        """One migration per instance and stage: first source to last
        destination, at the end of that stage (of the plan, as the
        reference, when there is one stage).

        Instances are taken in the order of their first migration (the
        reference walked a set, in no stable order).
        """
        by_instance = collections.OrderedDict()
        for action in self.solution.actions:
            if action['action_type'] == self.MIGRATION:
                by_instance.setdefault(
                    action['input_parameters']['resource_id'],
                    []).append(action)
        # Moves of different stages stay apart: the later one relies on
        # room made in between, which one early move would not wait for.
        moved_often = [(uuid, actions) for uuid, actions
                       in by_instance.items() if len(actions) > 1 and
                       len({action['stage'] for action in actions}) == 1]
        if not moved_often:
            return
        self.solution.remove_actions(
            action for __, actions in moved_often for action in actions)
        for uuid, actions in moved_often:
            self.number_of_migrations -= len(actions)
            source = self.compute_model.get_node_by_name(
                actions[0]['input_parameters']['source_node'])
            destination = self.compute_model.get_node_by_name(
                actions[-1]['input_parameters']['destination_node'])
            instance = self.compute_model.get_instance_by_uuid(uuid)
            if self.compute_model.migrate_instance(instance, destination,
                                                   source):
                self.usage.move_back(instance, destination, source)
                with self.solution.in_stage(actions[0]['stage']):
                    self.add_migration(instance, source, destination)

    def disable_unused_nodes(self):
        for node in self.candidate_nodes:
            if (node.status != node_rules.DISABLED and
                    not self.compute_model.get_node_instances(node)):
                self.add_action_disable_node(node)

    def do_execute(self, audit=None):
        self.candidate_nodes = node_rules.available_nodes(
            self.compute_model, node_rules.ONLINE)
        readings = self._read_metrics(self.candidate_nodes)
        self.usage = usage_mod.NodeUsage(
            self.compute_model, self.candidate_nodes, self.instance_usage,
            readings)
        before = self.relative_cluster_utilization()
        self.offload_phase()
        # Repacking starts from the placement the offload leaves: the
        # reference's first-fit walk would only fill nodes unevenly first
        # (more migrations, more hosts left). When it finds nothing to
        # release, the reference's walk still runs.
        if not (self.repack and self.repack_phase()):
            self.consolidation_phase()
        self.optimize_solution()
        self.disable_unused_nodes()
        LOG.info('vm_workload_consolidation: %d nodes, %d migrations, %d '
                 'released; relative use before %s, after %s',
                 len(self.candidate_nodes), self.number_of_migrations,
                 self.number_of_released_nodes, before,
                 self.relative_cluster_utilization())

    def post_execute(self):
        self.solution.set_efficacy_indicators(
            compute_nodes_count=len(self.candidate_nodes),
            released_compute_nodes_count=max(0,
                                             self.number_of_released_nodes),
            instance_migrations_count=self.number_of_migrations,
        )
