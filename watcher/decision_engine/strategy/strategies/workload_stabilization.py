"""Workload stabilization: lower the spread of host loads by migrations.

The load of each up and enabled host is read per metric (CPU as a
fraction of the host, RAM as a fraction of its memory). When the
population standard deviation of one metric exceeds its threshold, every
active or paused instance is tried on some other hosts (``host_choice``:
the next host in turn, ``retry_count`` hosts drawn at random, or all of
them); each move that would lower the weighted deviation is a candidate.
Candidates are then applied best first, each only if it still lowers the
deviation, until one metric's deviation falls below its threshold.

The deviation of a hypothetical move is computed from running sums in
constant time instead of copying every host's load for each candidate.

Deliberate differences from the reference are listed in
``doc/source/strategies/workload_stabilization.rst``.
"""
import hashlib
import itertools
import math
import random

from oslo_log import log

from watcher._i18n import _
from watcher.common import exception
from watcher.conf import plugins
from watcher.decision_engine.model import element
from watcher.decision_engine.strategy.placement import capacity
from watcher.decision_engine.strategy.placement import metrics as metrics_mod
from watcher.decision_engine.strategy.placement import nodes as node_rules
from watcher.decision_engine.strategy.strategies import base

LOG = log.getLogger(__name__)

CPU = 'instance_cpu_usage'
RAM = 'instance_ram_usage'
HOST_CPU = 'host_cpu_usage'
HOST_RAM = 'host_ram_usage'
KIB_PER_MB = 1024
MOVABLE_STATES = (element.InstanceState.ACTIVE.value,
                  element.InstanceState.PAUSED.value)
HOST_CHOICES = ('cycle', 'retry', 'fullsearch')


class HostLoads(object):
    """Normalised host loads and the deviation after a move, in O(1).

    For each metric the values ``y`` are kept with their count ``n`` and
    the sums of ``y - k`` and ``(y - k)**2`` around a shift ``k`` (the mean
    when the sums were last rebuilt), which keeps the variance accurate.
    A move changes two values, so its variance needs only those two.
    """

    def __init__(self, metrics, loads, sizes):
        """Keep ``loads`` and ``sizes``.

        ``loads``: {host: {metric: raw value}} (CPU fraction, RAM MB);
        ``sizes``: {host: (vcpus, memory MB)}.
        """
        self.metrics = list(metrics)
        self.hosts = list(loads)
        self.sizes = sizes
        self.raw = {host: dict(values) for host, values in loads.items()}
        self.values = {}
        self._sums = {}
        for metric in self.metrics:
            self.values[metric] = {host: self._normalise(metric, host)
                                   for host in self.hosts}
            self._rebuild(metric)

    def __contains__(self, host):
        return host in self.raw

    def __len__(self):
        return len(self.hosts)

    def _normalise(self, metric, host):
        value = self.raw[host][metric]
        if metric == RAM:
            return value / float(self.sizes[host][1])
        return value

    def _rebuild(self, metric):
        values = self.values[metric]
        count = len(values)
        shift = sum(values.values()) / count if count else 0.0
        first = second = 0.0
        for value in values.values():
            first += value - shift
            second += (value - shift) ** 2
        self._sums[metric] = (count, shift, first, second)

    def _shift_of(self, metric, load, host, sign):
        """Change of ``host``'s normalised value as the instance moves.

        ``sign`` is -1 when it leaves, +1 when it arrives.
        """
        vcpus, memory = self.sizes[host]
        if metric == CPU:
            return sign * (load[CPU] * (load['vcpus'] / float(vcpus)))
        return sign * load[metric] / float(memory)

    def _sd(self, metric, changes):
        count, shift, first, second = self._sums[metric]
        if not count:
            return 0.0
        values = self.values[metric]
        for host, change in changes:
            centred = values[host] - shift
            first += change
            second += change * (2 * centred + change)
        variance = second / count - (first / count) ** 2
        return math.sqrt(variance) if variance > 0 else 0.0

    def deviations(self):
        """Standard deviation of each metric, in ``metrics`` order."""
        return [self._sd(metric, ()) for metric in self.metrics]

    def case(self, load, source, destination):
        """Deviations per metric if ``load`` moved between two hosts."""
        return [self._sd(metric, (
            (source, self._shift_of(metric, load, source, -1)),
            (destination, self._shift_of(metric, load, destination, 1))))
            for metric in self.metrics]

    def apply(self, load, source, destination):
        """Record the move of ``load`` (raw values follow too)."""
        for metric in self.metrics:
            if metric == CPU:
                for host, sign in ((source, -1), (destination, 1)):
                    self.raw[host][metric] += self._shift_of(
                        metric, load, host, sign)
            else:
                self.raw[source][metric] -= load[metric]
                self.raw[destination][metric] += load[metric]
            for host in (source, destination):
                self.values[metric][host] = self._normalise(metric, host)
            self._rebuild(metric)


class WorkloadStabilization(base.WorkloadStabilizationBaseStrategy):
    """Migrate instances to reduce the deviation of host loads."""

    DATASOURCE_METRICS = [HOST_CPU, CPU, RAM, HOST_RAM]

    def __init__(self, config=None, osc=None):
        super().__init__(config, osc)
        self.weights = None
        self.metrics = None
        self.thresholds = None
        self.host_choice = None
        self.instance_metrics = None
        self.retry_count = None
        self.periods = None
        self.aggregation_method = None
        self.sd_before_audit = 0
        self.sd_after_audit = 0
        self.instance_migrations_count = 0
        self._instance_loads = {}
        self._random = None

    @classmethod
    def get_name(cls):
        return 'workload_stabilization'

    @classmethod
    def get_display_name(cls):
        return _('Workload stabilization')

    @classmethod
    def get_translatable_display_name(cls):
        return 'Workload stabilization'

    @classmethod
    def get_schema(cls):
        fraction = {'type': 'number', 'minimum': 0, 'maximum': 1}
        return {
            'properties': {
                'metrics': {
                    'description': 'Instance metrics whose spread over the '
                                   'hosts is reduced.',
                    'type': 'array',
                    'items': {'type': 'string', 'enum': [CPU, RAM]},
                    'default': [CPU],
                },
                'thresholds': {
                    'description': 'Per metric, the standard deviation '
                                   'above which the strategy acts and below '
                                   'which it stops.',
                    'type': 'object',
                    'properties': {CPU: dict(fraction), RAM: dict(fraction)},
                    'default': {CPU: 0.1, RAM: 0.1},
                },
                'weights': {
                    'description': 'Weight of each metric\'s deviation in '
                                   'the combined deviation; keys are the '
                                   'metric names followed by _weight.',
                    'type': 'object',
                    'properties': {CPU + '_weight': dict(fraction),
                                   RAM + '_weight': dict(fraction)},
                    'default': {CPU + '_weight': 1.0, RAM + '_weight': 1.0},
                },
                'instance_metrics': {
                    'description': 'Host metric giving the host-level load '
                                   'of each instance metric.',
                    'type': 'object',
                    'default': {CPU: HOST_CPU, RAM: HOST_RAM},
                },
                'host_choice': {
                    'description': 'Destinations tried for each instance: '
                                   'cycle (the next host in turn), retry '
                                   '(retry_count hosts drawn at random) or '
                                   'fullsearch (every host).',
                    'type': 'string',
                    'default': 'retry',
                },
                'retry_count': {
                    'description': 'Hosts drawn per instance with retry.',
                    'type': 'number',
                    'minimum': 1,
                    'default': 1,
                },
                'periods': {
                    'description': 'Seconds of history aggregated for '
                                   'instance and host metrics.',
                    'type': 'object',
                    'properties': {
                        'instance': {'type': 'integer', 'minimum': 0},
                        'compute_node': {'type': 'integer', 'minimum': 0},
                        # Deprecated name of compute_node.
                        'node': {'type': 'integer', 'minimum': 0,
                                 'default': 0},
                    },
                    'default': {'instance': 720, 'compute_node': 600,
                                'node': 0},
                },
                'aggregation_method': {
                    'description': 'Function aggregating the measures of '
                                   'a period into one value, per resource '
                                   'type.',
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
                'granularity': {
                    'description': 'Seconds between two measures of an '
                                   'aggregated metric series.',
                    'type': 'number',
                    'minimum': 0,
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

    # -- parameters -----------------------------------------------------------

    def _invalid(self, text):
        return exception.InvalidParameter(
            message=_('workload_stabilization: %s') % text)

    def pre_execute(self):
        self._pre_execute()
        params = self.input_parameters
        self.weights = params.get('weights') or {}
        self.metrics = list(params.get('metrics', [CPU]))
        self.thresholds = params.get('thresholds') or {}
        self.host_choice = params.get('host_choice', 'retry')
        self.instance_metrics = params.get('instance_metrics') or {}
        self.retry_count = params.get('retry_count', 1)
        self.periods = params.get('periods') or {}
        self.aggregation_method = params.get('aggregation_method') or {}
        if self.aggregation_method.get('node'):
            LOG.warning('aggregation_method.node is deprecated; use '
                        'aggregation_method.compute_node')
            self.aggregation_method['compute_node'] = (
                self.aggregation_method['node'])
        if self.periods.get('node'):
            LOG.warning('periods.node is deprecated; use '
                        'periods.compute_node')
            self.periods['compute_node'] = self.periods['node']
        self._check_parameters()
        self._random = random.Random(self._seed())
        # Fails now, with the reason, when no datasource has the metrics.
        self.datasource_backend

    def _check_parameters(self):
        if self.host_choice not in HOST_CHOICES:
            raise self._invalid(_('host_choice must be one of %s, not %r')
                                % (', '.join(HOST_CHOICES), self.host_choice))
        for metric in self.metrics:
            for mapping, key, name in (
                    (self.thresholds, metric, 'thresholds'),
                    (self.weights, metric + '_weight', 'weights'),
                    (self.instance_metrics, metric, 'instance_metrics')):
                if key not in mapping:
                    raise self._invalid(_('%(name)s has no value for '
                                          '%(key)s') % {'name': name,
                                                        'key': key})
        for kind, default in (('instance', 720), ('compute_node', 600)):
            self.periods.setdefault(kind, default)
            self.aggregation_method.setdefault(kind, 'mean')

    def _seed(self):
        """Seed of the ``retry`` draws: the same audit draws the same hosts."""
        name = getattr(self.audit, 'uuid', None) or self.get_name()
        return int(hashlib.sha256(name.encode()).hexdigest()[:16], 16)

    # -- loads ----------------------------------------------------------------

    def get_available_nodes(self):
        return node_rules.available_nodes(self.compute_model,
                                          node_rules.ACTIVE)

    def get_hosts_load(self):
        """HostLoads of the available hosts that have every metric."""
        nodes = self.get_available_nodes()
        period = self.periods['compute_node']
        aggregate = self.aggregation_method['compute_node']
        readings = {}
        for metric in self.metrics:
            meter = self.instance_metrics[metric]
            if meter not in readings:
                readings[meter] = metrics_mod.warm(
                    self.datasource_backend, nodes, 'compute_node', meter,
                    period, aggregate, self.granularity)
                metrics_mod.require_values(
                    readings[meter], self.datasource_backend, meter,
                    'compute_node', period)
        loads, sizes = {}, {}
        for node in nodes:
            host = self._host_load(node, readings)
            if host is not None:
                loads[node.uuid] = host
                sizes[node.uuid] = (node.vcpus, node.memory)
        return HostLoads(self.metrics, loads, sizes)

    def _host_load(self, node, readings):
        if not node.vcpus or not node.memory:
            LOG.warning('Node %s has no vCPU or memory size; left out',
                        node.hostname)
            return None
        load = {}
        for metric in self.metrics:
            meter = self.instance_metrics[metric]
            value = readings[meter].get(node.uuid)
            if value is None:
                LOG.warning('No %s for node %s; left out', meter,
                            node.hostname)
                return None
            if meter == HOST_RAM:
                value /= KIB_PER_MB
            if meter == HOST_CPU:
                value /= 100
            load[metric] = value
        return load

    def read_instance_loads(self, instances):
        """Warm and keep the loads of the instances that may move."""
        period = self.periods['instance']
        aggregate = self.aggregation_method['instance']
        readings = {}
        for metric in self.metrics:
            readings[metric] = metrics_mod.warm(
                self.datasource_backend, instances, 'instance', metric,
                period, aggregate, self.granularity)
            metrics_mod.require_values(readings[metric],
                                       self.datasource_backend, metric,
                                       'instance', period)
        for instance in instances:
            load = {'uuid': instance.uuid, 'vcpus': instance.vcpus}
            for metric in self.metrics:
                value = readings[metric].get(instance.uuid)
                if value is None:
                    load = None
                    break
                load[metric] = value / 100.0 if metric == CPU else value
            self._instance_loads[instance.uuid] = load

    def get_instance_load(self, instance):
        """{uuid, vcpus, metric: value}; None when a metric is missing."""
        return self._instance_loads.get(instance.uuid)

    def weighted_sd(self, deviations):
        return sum(value * float(self.weights[metric + '_weight'])
                   for metric, value in zip(self.metrics, deviations))

    # -- simulation -----------------------------------------------------------

    def _destinations(self, others):
        """Iterator of the destination lists offered to each instance."""
        if not others:
            return itertools.repeat([])
        if self.host_choice == 'cycle':
            return ([host] for host in itertools.cycle(others))
        if self.host_choice == 'retry':
            count = min(max(1, int(self.retry_count)), len(others))
            return (self._random.sample(others, count)
                    for __ in itertools.count())
        return itertools.repeat(others)

    def movable_instances(self, node):
        return [instance for instance in
                self.compute_model.get_node_instances(node)
                if not self.is_excluded(instance) and
                instance.state in MOVABLE_STATES]

    def simulate_migrations(self, loads):
        """Candidate moves that lower the weighted deviation, best first."""
        nodes = sorted(node.uuid for node in self.get_available_nodes())
        movable = {uuid: self.movable_instances(
            self.compute_model.get_node_by_uuid(uuid)) for uuid in nodes}
        self.read_instance_loads([i for uuid in nodes for i in movable[uuid]])
        current = self.weighted_sd(loads.deviations())
        candidates = []
        for source in nodes:
            others = [uuid for uuid in nodes if uuid != source]
            offers = self._destinations(others)
            for instance in movable[source]:
                destinations = next(offers)
                load = self.get_instance_load(instance)
                if load is None or source not in loads:
                    continue
                best = current
                for destination in destinations:
                    if destination not in loads or not self._fits(
                            instance, destination):
                        continue
                    value = self.weighted_sd(
                        loads.case(load, source, destination))
                    if value < best:
                        best = value
                        candidates.append({'host': destination,
                                           'value': value,
                                           's_host': source,
                                           'instance': instance.uuid})
        return sorted(candidates, key=lambda entry: entry['value'])

    def _fits(self, instance, node_uuid):
        """The destination's free allocation takes the instance."""
        return capacity.fits_allocation(
            self.compute_model, instance,
            self.compute_model.get_node_by_uuid(node_uuid))

    def check_threshold(self):
        """Candidate moves if a metric's deviation exceeds its threshold."""
        loads = self.get_hosts_load()
        for metric, deviation in zip(self.metrics, loads.deviations()):
            LOG.info('Standard deviation of %s is %s', metric, deviation)
            if deviation > float(self.thresholds[metric]):
                LOG.info('%s deviation %s exceeds its threshold %s',
                         metric, deviation, self.thresholds[metric])
                self.sd_before_audit = deviation
                return loads, self.simulate_migrations(loads)
        return loads, []

    # -- plan -----------------------------------------------------------------

    def _still_possible(self, instance, source, destination):
        """The instance is still on its source and fits the destination."""
        if instance.disk > destination.disk:
            return False
        try:
            current = self.compute_model.get_node_by_instance_uuid(
                instance.uuid)
        except exception.WatcherException:
            return False
        if current.uuid != source.uuid:
            return False
        return capacity.fits_allocation(self.compute_model, instance,
                                        destination)

    def do_execute(self, audit=None):
        loads, candidates = self.check_threshold()
        min_sd = 1
        for entry in candidates:
            instance = self.compute_model.get_instance_by_uuid(
                entry['instance'])
            source = self.compute_model.get_node_by_uuid(entry['s_host'])
            destination = self.compute_model.get_node_by_uuid(entry['host'])
            if not self._still_possible(instance, source, destination):
                continue
            load = self.get_instance_load(instance)
            deviations = loads.case(load, source.uuid, destination.uuid)
            weighted = self.weighted_sd(deviations)
            if weighted < min_sd:
                min_sd = weighted
                loads.apply(load, source.uuid, destination.uuid)
                if self.compute_model.migrate_instance(instance, source,
                                                       destination):
                    self.add_action_migrate(instance, 'live', source,
                                            destination)
                    self.instance_migrations_count += 1
                self.sd_after_audit = min_sd
            if any(value < float(self.thresholds[metric])
                   for metric, value in zip(self.metrics, deviations)):
                LOG.info('A metric deviation fell below its threshold: '
                         'workload stabilized')
                break

    def post_execute(self):
        self.solution.set_efficacy_indicators(
            instance_migrations_count=self.instance_migrations_count,
            standard_deviation_before_audit=self.sd_before_audit,
            standard_deviation_after_audit=self.sd_after_audit,
            instances_count=len(self.compute_model.get_all_instances()),
        )
