"""Basic offline consolidation: empty the least loaded hosts.

Nodes hosting instances are scored by their measured CPU use and ranked,
most loaded first. The least loaded node is emptied: its active instances,
busiest first, go live to the first node of the ranking whose Placement
allocation can take them; a node left empty is disabled. When a node
cannot lose any more instances it leaves the ranking and the next least
loaded one is tried, until the ranking is empty or ``migration_attempts``
unsuccessful nodes in a row were tried.

Deliberate differences from the reference are listed in
``doc/source/strategies/basic.rst``.
"""
from oslo_log import log
from oslo_utils import strutils

from watcher._i18n import _
from watcher.conf import plugins
from watcher.decision_engine.model import element
from watcher.decision_engine.strategy.placement import capacity
from watcher.decision_engine.strategy.placement import firstfit
from watcher.decision_engine.strategy.placement import metrics
from watcher.decision_engine.strategy.placement import nodes as node_rules
from watcher.decision_engine.strategy.strategies import base

LOG = log.getLogger(__name__)

ACTIVE = element.InstanceState.ACTIVE.value
# Score used when the datasource has no CPU reading (a busy resource).
MISSING_CPU_PERCENT = 100


def weight(resource, cores_used):
    """The reference's score: CPU share over three.

    Its disk and memory terms are always zero since only cores are passed.
    """
    if not resource.vcpus:
        return 0.0
    total = float(resource.vcpus)
    score_cores = 1 - (total - float(cores_used)) / total
    score_disk = 0 if not resource.disk else 1 - (
        float(resource.disk) - 0.0) / float(resource.disk)
    score_memory = 0 if not resource.memory else 1 - (
        float(resource.memory) - 0.0) / float(resource.memory)
    return (score_cores + score_disk + score_memory) / 3


class BasicConsolidation(base.ServerConsolidationBaseStrategy):
    """Release the least loaded compute nodes by live migration."""

    DATASOURCE_METRICS = ['host_cpu_usage', 'instance_cpu_usage']
    CHANGE_NOVA_SERVICE_STATE = 'change_nova_service_state'
    REASON_FOR_DISABLE = node_rules.REASON_FOR_DISABLE

    def __init__(self, config=None, osc=None):
        super().__init__(config, osc)
        self.number_of_enabled_nodes = 0
        self.number_of_released_nodes = 0
        self.number_of_migrations = 0
        self._cpu_of_instances = {}

    @classmethod
    def get_name(cls):
        return 'basic'

    @classmethod
    def get_display_name(cls):
        return _('Basic offline consolidation')

    @classmethod
    def get_translatable_display_name(cls):
        return 'Basic offline consolidation'

    @classmethod
    def get_schema(cls):
        return {
            'properties': {
                'migration_attempts': {
                    'description': 'How many nodes in a row may fail to '
                                   'lose an instance before the search '
                                   'stops; 0 (the default) means no limit.',
                    'type': 'number',
                    'default': 0,
                },
                'period': {
                    'description': 'Length in seconds of the time window '
                                   'the metrics are aggregated over.',
                    'type': 'number',
                    'default': 7200,
                },
                'granularity': {
                    'description': 'Seconds between two measures of an '
                                   'aggregated metric series.',
                    'type': 'number',
                    'default': 300,
                },
                'aggregation_method': {
                    'description': 'Function aggregating the measures of '
                                   'the period into one value (mean, min, '
                                   'max...), per resource type.',
                    'type': 'object',
                    'properties': {
                        'instance': {'type': 'string', 'default': 'mean'},
                        'compute_node': {'type': 'string',
                                         'default': 'mean'},
                        # Deprecated name of compute_node.
                        'node': {'type': 'string', 'default': ''},
                    },
                    'default': {'instance': 'mean', 'compute_node': 'mean',
                                'node': ''},
                },
            },
        }

    @classmethod
    def get_config_opts(cls):
        return plugins.strategy_opts(cls.get_name())

    # -- parameters ---------------------------------------------------------

    @property
    def migration_attempts(self):
        return self.input_parameters.get('migration_attempts', 0)

    @property
    def period(self):
        return self.input_parameters.get('period', 7200)

    @property
    def granularity(self):
        return self.input_parameters.get('granularity', 300)

    @property
    def aggregation_method(self):
        return self.input_parameters.setdefault(
            'aggregation_method',
            {'instance': 'mean', 'compute_node': 'mean', 'node': ''})

    def pre_execute(self):
        self._pre_execute()
        method = self.aggregation_method
        if method.get('node'):
            LOG.warning('aggregation_method.node is deprecated; use '
                        'aggregation_method.compute_node')
            method['compute_node'] = method['node']
        method.setdefault('instance', 'mean')
        method.setdefault('compute_node', 'mean')
        # Fails now, with the reason, when no datasource has the metrics.
        self.datasource_backend

    # -- scores -------------------------------------------------------------

    def _read_cpu(self, resources, resource_type, metric, aggregate):
        values = metrics.warm(self.datasource_backend, resources,
                              resource_type, metric, self.period, aggregate,
                              self.granularity)
        metrics.require_values(values, self.datasource_backend, metric,
                               resource_type, self.period)
        return values

    def score_nodes(self, candidates):
        """[(node, score)] of the candidates hosting instances."""
        hosting = [node for node in candidates
                   if self.compute_model.get_node_instances(node)]
        self._read_cpu(hosting, 'compute_node', 'host_cpu_usage',
                       self.aggregation_method['compute_node'])
        scores = []
        for node in hosting:
            percent = self.datasource_backend.get_host_cpu_usage(
                node, self.period, self.aggregation_method['compute_node'],
                self.granularity)
            if percent is None:
                LOG.error('No host_cpu_usage for %s (%s): counted as 100%%',
                          node.hostname, node.uuid)
                percent = MISSING_CPU_PERCENT
            cores = node.vcpus * (percent / 100.0)
            scores.append((node, weight(node, cores)))
        return scores

    def score_instances(self, instances):
        """[(instance, score)] from measured CPU (100% when missing)."""
        values = self._cpu_of_instances
        scored = []
        for instance in instances:
            percent = values.get(instance.uuid)
            if percent is None:
                LOG.error('No instance_cpu_usage for %s: counted as 100%%',
                          instance.uuid)
                percent = MISSING_CPU_PERCENT
            scored.append((instance, weight(
                instance, instance.vcpus * (percent / 100.0))))
        return scored

    def candidate_instances(self, node):
        """Active instances of ``node`` the strategy may move."""
        instances = self.compute_model.get_node_instances(node)
        if self.config.get('check_optimize_metadata'):
            instances = [i for i in instances if self._may_optimize(i)]
        return [i for i in instances if i.state == ACTIVE]

    @staticmethod
    def _may_optimize(instance):
        if not instance.metadata:
            return True
        # A missing or unreadable "optimize" key means "do not move".
        return strutils.bool_from_string(instance.metadata.get('optimize'))

    # -- actions ------------------------------------------------------------

    def add_action_disable_node(self, node):
        self.solution.add_action(
            self.CHANGE_NOVA_SERVICE_STATE,
            input_parameters={'state': node_rules.DISABLED,
                              'disabled_reason': self.REASON_FOR_DISABLE,
                              'resource_name': node.hostname},
            resource_id=node.uuid)

    def migrate(self, instance, source, destination):
        if self.compute_model.migrate_instance(instance, source,
                                               destination):
            self.add_action_migrate(instance, 'live', source, destination)
        if not self.compute_model.get_node_instances(source):
            self.add_action_disable_node(source)
            self.number_of_released_nodes += 1

    # -- run ----------------------------------------------------------------

    def _headroom(self, node):
        if not node_rules.is_destination(node):
            return None
        free = self.compute_model.get_node_free_resources(node)
        return [free['vcpu'], free['memory'], free['disk']]

    def _empty(self, source, ranking, index):
        """Move what can leave ``source`` (the last of ``ranking``)."""
        moved = 0
        last = len(ranking) - 2
        scored = sorted(self.score_instances(
            self.candidate_instances(source)), key=lambda x: x[1],
            reverse=True)
        for instance, __ in scored:
            if self.is_excluded(instance):
                continue
            demand = (instance.vcpus, instance.memory, instance.disk)
            for position in index.candidates(0, last, demand):
                destination = ranking[position]
                used = self.compute_model.get_node_used_resources(
                    destination)
                if capacity.fits_capacity(destination, used, instance):
                    self.migrate(instance, source, destination)
                    index.update(position, self._headroom(destination))
                    moved += 1
                    break
        return moved

    def do_execute(self, audit=None):
        candidates = node_rules.available_nodes(self.compute_model,
                                                node_rules.ONLINE)
        self.number_of_enabled_nodes = sum(
            1 for node in candidates if node.status == node_rules.ENABLED)
        scores = self.score_nodes(candidates)
        if not scores:
            LOG.warning('No compute node of the audit scope hosts an '
                        'instance: nothing to consolidate')
            return
        ranked = sorted(scores, key=lambda item: item[1], reverse=True)
        ranking = [node for node, __ in ranked]
        instances = [i for node in ranking
                     for i in self.candidate_instances(node)]
        self._cpu_of_instances = self._read_cpu(
            instances, 'instance', 'instance_cpu_usage',
            self.aggregation_method['instance'])

        # Positions of the ranking; a node leaves it only from the end.
        rows = [self._headroom(node) for node in ranking]
        index = firstfit.FirstFitIndex(
            [row if row is not None else [firstfit.NEG_INF] * 3
             for row in rows])
        for position, row in enumerate(rows):
            if row is None:
                index.block(position)

        unsuccessful = 0
        while ranking and (not self.migration_attempts or
                           self.migration_attempts >= unsuccessful):
            moved = self._empty(ranking[-1], ranking, index)
            if moved:
                self.number_of_migrations += moved
                unsuccessful = 0
            else:
                unsuccessful += 1
                index.block(len(ranking) - 1)
                ranking.pop()
        LOG.info('basic: %d migrations, %d of %d enabled nodes released',
                 self.number_of_migrations, self.number_of_released_nodes,
                 self.number_of_enabled_nodes)

    def post_execute(self):
        self.solution.set_efficacy_indicators(
            compute_nodes_count=self.number_of_enabled_nodes,
            released_compute_nodes_count=self.number_of_released_nodes,
            instance_migrations_count=self.number_of_migrations,
        )
