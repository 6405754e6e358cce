"""Workload balance: move one instance off the busiest host.

Each up and enabled node's workload is the sum of its instances' measured
CPU (in cores) or RAM (in MB); its utilisation is that workload over its
vCPUs or memory, in percent. Nodes at or above ``threshold`` are sources,
the others targets. From the busiest source that has a suitable instance,
the active instance whose workload brings the node closest to (without
going below) the cluster's average is moved live to the least utilised
target that can take it: free Placement allocation for its flavor, and a
workload that stays under the threshold. One migration per audit, so the
strategy is meant for continuous audits.

Deliberate differences from the reference are listed in
``doc/source/strategies/workload_balance.rst``.
"""
from oslo_log import log

from watcher._i18n import _
from watcher.common import exception
from watcher.conf import plugins
from watcher.decision_engine.model import element
from watcher.decision_engine.strategy.placement import capacity
from watcher.decision_engine.strategy.placement import metrics
from watcher.decision_engine.strategy.placement import nodes as node_rules
from watcher.decision_engine.strategy.strategies import base

LOG = log.getLogger(__name__)

CPU = 'instance_cpu_usage'
RAM = 'instance_ram_usage'
ACTIVE = element.InstanceState.ACTIVE.value
# An instance is chosen only if it leaves its node this close to average.
MAX_DELTA = 1000000


class WorkloadBalance(base.WorkloadStabilizationBaseStrategy):
    """Migrate one instance from the most to a least loaded host."""

    DATASOURCE_METRICS = [CPU, RAM]

    def __init__(self, config=None, osc=None):
        super().__init__(config, osc)
        self.instance_migrations_count = 0
        self.threshold = None
        self._meter = None
        self._period = None
        self._granularity = None

    @classmethod
    def get_name(cls):
        return 'workload_balance'

    @classmethod
    def get_display_name(cls):
        return _('Workload Balance Migration Strategy')

    @classmethod
    def get_translatable_display_name(cls):
        return 'Workload Balance Migration Strategy'

    @classmethod
    def get_schema(cls):
        return {
            'properties': {
                'metrics': {
                    'description': 'Metric to balance: instance_cpu_usage '
                                   'or instance_ram_usage.',
                    'type': 'string',
                    # "choice" (not "enum") as in the reference: the API
                    # accepts any string, the strategy rejects others.
                    'choice': [CPU, RAM],
                    'default': CPU,
                },
                'threshold': {
                    'description': 'Utilisation (percent) from which a '
                                   'node sheds an instance.',
                    'type': 'number',
                    'default': 25.0,
                },
                'period': {
                    'description': 'Length in seconds of the time window '
                                   'the metric is averaged over.',
                    'type': 'number',
                    'default': 300,
                },
                'granularity': {
                    'description': 'Seconds between two measures of an '
                                   'aggregated metric series.',
                    'type': 'number',
                    'default': 300,
                },
            },
        }

    @classmethod
    def get_config_opts(cls):
        return plugins.strategy_opts(cls.get_name())

    @property
    def granularity(self):
        return self.input_parameters.get('granularity', 300)

    def pre_execute(self):
        self._pre_execute()
        self.threshold = self.input_parameters.get('threshold', 25.0)
        self._period = self.input_parameters.get('period', 300)
        self._meter = self.input_parameters.get('metrics', CPU)
        self._granularity = self.granularity
        if self._meter not in (CPU, RAM):
            raise exception.InvalidParameter(message=_(
                'workload_balance cannot balance %(metric)s: metrics must be '
                '%(cpu)s or %(ram)s') % {'metric': self._meter, 'cpu': CPU,
                                         'ram': RAM})
        # Fails now, with the reason, when no datasource has the metrics.
        self.datasource_backend

    # -- load -----------------------------------------------------------------

    def _size(self, node):
        return node.vcpus if self._meter == CPU else node.memory

    def group_hosts_by_cpu_or_ram_util(self):
        """(sources, targets, average workload, {instance uuid: workload})."""
        nodes = node_rules.available_nodes(self.compute_model,
                                           node_rules.ACTIVE)
        instances = [i for node in nodes
                     for i in self.compute_model.get_node_instances(node)]
        readings = metrics.warm(self.datasource_backend, instances,
                                'instance', self._meter, self._period,
                                'mean', self._granularity)
        metrics.require_values(readings, self.datasource_backend,
                               self._meter, 'instance', self._period)
        sources, targets, workloads = [], [], {}
        cluster_workload = 0.0
        for node in nodes:
            node_workload = 0.0
            for instance in self.compute_model.get_node_instances(node):
                util = readings.get(instance.uuid)
                if util is None:
                    continue
                if self._meter == CPU:
                    workloads[instance.uuid] = util * instance.vcpus / 100
                else:
                    workloads[instance.uuid] = util
                node_workload += workloads[instance.uuid]
            cluster_workload += node_workload
            if not self._size(node):
                LOG.warning('Node %s has no %s capacity; left out',
                            node.hostname, self._meter)
                continue
            entry = {'compute_node': node, 'workload': node_workload,
                     self._meter: node_workload / self._size(node) * 100}
            if entry[self._meter] >= self.threshold:
                sources.append(entry)
            else:
                targets.append(entry)
        average = cluster_workload / len(nodes) if nodes else 0
        return sources, targets, average, workloads

    # -- choices --------------------------------------------------------------

    def choose_instance_to_migrate(self, sources, average, workloads):
        """(node, instance) from the first source with a fitting instance.

        The instance leaves its node the closest above the average.
        """
        for entry in sources:
            node = entry['compute_node']
            delta = entry['workload'] - average
            best, chosen = MAX_DELTA, None
            for instance in self.compute_model.get_node_instances(node):
                if self.is_excluded(instance) or instance.state != ACTIVE:
                    continue
                if instance.uuid not in workloads:
                    continue
                left = delta - workloads[instance.uuid]
                if 0 <= left < best:
                    best, chosen = left, instance
            if chosen is not None:
                return node, chosen
        return None

    def filter_destination_hosts(self, targets, instance, workloads):
        """Targets with room for the flavor and the instance's workload."""
        limit_share = self.threshold / 100
        moving = workloads[instance.uuid]
        chosen = []
        for entry in targets:
            node = entry['compute_node']
            free = self.compute_model.get_node_free_resources(node)
            if not capacity.fits_free(instance, free):
                continue
            if moving + entry['workload'] < limit_share * self._size(node):
                chosen.append(entry)
        return chosen

    def do_execute(self, audit=None):
        sources, targets, average, workloads = (
            self.group_hosts_by_cpu_or_ram_util())
        if not sources:
            LOG.debug('No node at or above %s%% %s', self.threshold,
                      self._meter)
            return
        if not targets:
            LOG.warning('Every node is at or above %s%% %s: no target for '
                        'a migration', self.threshold, self._meter)
            return
        sources = sorted(sources, key=lambda e: e[self._meter], reverse=True)
        picked = self.choose_instance_to_migrate(sources, average, workloads)
        if picked is None:
            return
        source, instance = picked
        destinations = self.filter_destination_hosts(targets, instance,
                                                     workloads)
        if not destinations:
            LOG.warning('No target can take instance %s (allocation or '
                        'threshold)', instance.uuid)
            return
        destination = sorted(destinations,
                             key=lambda e: e[self._meter])[0]['compute_node']
        if self.compute_model.migrate_instance(instance, source, destination):
            self.add_action_migrate(instance, 'live', source, destination)
            self.instance_migrations_count += 1

    def post_execute(self):
        self.solution.set_efficacy_indicators(
            instance_migrations_count=self.instance_migrations_count,
            instances_count=len(self.compute_model.get_all_instances()),
        )
