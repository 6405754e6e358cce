"""What the Prometheus and Aetos datasources share: PromQL and parsing.

Host metrics come from node_exporter series carrying ``fqdn_label`` (the
host name), instance metrics from Ceilometer series carrying
``instance_uuid_label``. A compute node is matched to its label value
through the active scrape targets: exactly, else by the short name (the
part before the first dot). Subclasses only say how to reach the server
(:meth:`_setup_client`) and which option group holds the label names.

Per-resource queries use the reference's PromQL templates unchanged. The
bulk path asks the same expression once for many resources, grouped by
the label, with a regex matcher (or no filter for large sets).
"""
import abc

from oslo_log import log

from watcher.common import exception
from watcher.decision_engine.datasources import base
from watcher.decision_engine.datasources import prometheus_http

LOG = log.getLogger(__name__)

# Watcher aggregate -> PromQL aggregation.
AGGREGATE_FUNCTIONS = {'mean': 'avg', 'max': 'max', 'min': 'min',
                       'count': 'avg'}
# Host CPU and RAM queries measure idle/available resources: the busiest
# sample is the one with the least idle time.
SWAPPED_FOR_HOSTS = {'max': 'min', 'min': 'max'}

HOST_CPU = 'node_cpu_seconds_total'
HOST_RAM = 'node_memory_MemAvailable_bytes'
INSTANCE_CPU = 'ceilometer_cpu'
INSTANCE_RAM = 'ceilometer_memory_usage'
# Backend names answered from the model record, not from Prometheus.
MODEL_ATTRIBUTES = {'instance.memory': 'memory', 'instance.disk': 'disk'}
HOST_METERS = (HOST_CPU, HOST_RAM)
INSTANCE_METERS = (INSTANCE_CPU, INSTANCE_RAM)

# Above this many label values the bulk query fetches every series and
# keeps the requested ones (shorter than a huge regex in the URL).
BULK_FILTER_LIMIT = 100

_RE2_SPECIAL = frozenset('\\.+*?()|[]{}^$')


def regex_alternatives(values):
    """A PromQL string literal body matching exactly one of ``values``."""
    escaped = []
    for value in values:
        escaped.append(''.join('\\' + char if char in _RE2_SPECIAL else char
                               for char in value))
    pattern = '|'.join(escaped)
    return pattern.replace('\\', '\\\\').replace("'", "\\'")


class PrometheusBase(base.DataSourceBase, metaclass=abc.ABCMeta):
    """PromQL datasource over a :class:`PrometheusHTTP` client."""

    METRIC_MAP = dict(
        base.DataSourceBase.METRIC_MAP,
        host_cpu_usage=HOST_CPU,
        host_ram_usage=HOST_RAM,
        instance_cpu_usage=INSTANCE_CPU,
        instance_ram_usage=INSTANCE_RAM,
        instance_ram_allocated='instance.memory',
        instance_root_disk_size='instance.disk',
    )
    MODEL_METRICS = tuple(MODEL_ATTRIBUTES)

    def __init__(self, metric_map=None, osc=None):
        super().__init__(metric_map)
        self.osc = osc
        group = self._config_group()
        self.fqdn_label = group.fqdn_label
        self.instance_uuid_label = group.instance_uuid_label
        self._hosts = (frozenset(), {})   # (fqdn values, short -> fqdn)
        self.client = self._setup_client()
        self._refresh_host_map()

    @abc.abstractmethod
    def _config_group(self):
        """The option group holding fqdn_label and instance_uuid_label."""

    @abc.abstractmethod
    def _setup_client(self):
        """A :class:`prometheus_http.PrometheusHTTP` for the server."""

    # -- host labels ----------------------------------------------------------

    def _refresh_host_map(self):
        """Read the ``fqdn_label`` values of the active scrape targets."""
        try:
            targets = self.client.active_targets()
        except Exception as exc:
            LOG.warning('Cannot list the %s targets: %s', self.NAME, exc)
            return False
        fqdns = sorted({target.get('labels', {}).get(self.fqdn_label)
                        for target in targets} - {None, ''})
        short = {}
        for fqdn in fqdns:
            short.setdefault(fqdn.split('.', 1)[0], fqdn)
        self._hosts = (frozenset(fqdns), short)
        return True

    @property
    def host_labels(self):
        """{compute host name as the model knows it: label value}."""
        fqdns, short = self._hosts
        labels = dict(short)
        labels.update((fqdn, fqdn) for fqdn in fqdns)
        return labels

    def _lookup_host(self, hostname):
        fqdns, short = self._hosts
        if hostname in fqdns:
            return hostname
        return short.get(hostname)

    def resolve_host(self, hostname):
        """The ``fqdn_label`` value of a compute host."""
        label = self._lookup_host(hostname)
        if label is None and self._refresh_host_map():
            label = self._lookup_host(hostname)
        if label is None:
            raise exception.InvalidParameter(message=(
                'No %(ds)s target has a %(label)s label matching host '
                '%(host)s' % {'ds': self.NAME, 'label': self.fqdn_label,
                              'host': hostname}))
        return label

    # -- queries ------------------------------------------------------------

    def _meter(self, meter_name):
        meter = self.METRIC_MAP.get(meter_name)
        if meter is None:
            raise exception.MetricNotAvailable(metric=meter_name)
        return meter

    @staticmethod
    def _aggregate(meter, aggregate):
        if aggregate not in AGGREGATE_FUNCTIONS:
            raise exception.InvalidParameter(message=(
                'Unknown aggregate %s for the Prometheus datasource; use one '
                'of mean, max, min, count' % aggregate))
        if aggregate == 'count':
            LOG.warning('The count aggregate is not supported by the '
                        'Prometheus datasource; mean (avg) is used.')
        if meter in HOST_METERS:
            aggregate = SWAPPED_FOR_HOSTS.get(aggregate, aggregate)
        return AGGREGATE_FUNCTIONS[aggregate]

    @staticmethod
    def _unknown_meter(meter):
        return exception.InvalidParameter(message=(
            'Cannot process prometheus meter %s' % meter))

    def build_query(self, meter, resource, period, aggregate):
        """The reference's PromQL for one resource."""
        agg = self._aggregate(meter, aggregate)
        values = {'agg': agg, 'period': period, 'fqdn': self.fqdn_label,
                  'uuid': self.instance_uuid_label}
        if meter == HOST_CPU:
            values['host'] = self.resolve_host(resource.hostname)
            return ("100 - (%(agg)s by (%(fqdn)s)(rate(node_cpu_seconds_total"
                    "{mode='idle',%(fqdn)s='%(host)s'}[%(period)ss])) * 100)"
                    % values)
        if meter == HOST_RAM:
            values['host'] = self.resolve_host(resource.hostname)
            return ("(node_memory_MemTotal_bytes{%(fqdn)s='%(host)s'} - "
                    "%(agg)s_over_time(node_memory_MemAvailable_bytes"
                    "{%(fqdn)s='%(host)s'}[%(period)ss])) / 1024" % values)
        if meter == INSTANCE_RAM:
            values['id'] = resource.uuid
            return ("%(agg)s_over_time(ceilometer_memory_usage"
                    "{%(uuid)s='%(id)s'}[%(period)ss])" % values)
        if meter == INSTANCE_CPU:
            values['id'] = resource.uuid
            values['vcpus'] = _vcpus(resource)
            return ("clamp_max((%(agg)s by (%(uuid)s)(rate(ceilometer_cpu"
                    "{%(uuid)s='%(id)s'}[%(period)ss]))/10e+8) "
                    "*(100/%(vcpus)s), 100)" % values)
        raise self._unknown_meter(meter)

    def build_bulk_query(self, meter, label_values, period, aggregate):
        """One PromQL for many hosts or instances (None: every series).

        Instance CPU is left unscaled: each instance's vCPU count is
        applied to its own value afterwards.
        """
        agg = self._aggregate(meter, aggregate)
        label = self.fqdn_label if meter in HOST_METERS else \
            self.instance_uuid_label
        matcher = ''
        if label_values is not None:
            matcher = "%s=~'%s'" % (label, regex_alternatives(label_values))
        values = {'agg': agg, 'period': period, 'label': label,
                  'match': matcher, 'sep': ',' if matcher else ''}
        if meter == HOST_CPU:
            return ("100 - (%(agg)s by (%(label)s)(rate(node_cpu_seconds_total"
                    "{mode='idle'%(sep)s%(match)s}[%(period)ss])) * 100)"
                    % values)
        if meter == HOST_RAM:
            return ("(node_memory_MemTotal_bytes{%(match)s} - "
                    "%(agg)s_over_time(node_memory_MemAvailable_bytes"
                    "{%(match)s}[%(period)ss])) / 1024" % values)
        if meter == INSTANCE_RAM:
            return ("%(agg)s_over_time(ceilometer_memory_usage{%(match)s}"
                    "[%(period)ss])" % values)
        if meter == INSTANCE_CPU:
            return ("(%(agg)s by (%(label)s)(rate(ceilometer_cpu{%(match)s}"
                    "[%(period)ss]))/10e+8)" % values)
        raise self._unknown_meter(meter)

    def _run(self, promql):
        return self.query_retry(
            self.client.query, promql,
            ignored_exc=prometheus_http.PrometheusAPIError)

    def _supported(self, resource_type):
        if resource_type in ('compute_node', 'instance'):
            return True
        LOG.warning('The %s datasource has no metrics for resource type %s',
                    self.NAME, resource_type)
        return False

    def _check_resource_type(self, meter, meter_name, resource_type):
        if meter not in HOST_METERS + INSTANCE_METERS + tuple(
                MODEL_ATTRIBUTES):
            raise self._unknown_meter(meter)
        expected = 'compute_node' if meter in HOST_METERS else 'instance'
        if resource_type != expected:
            raise exception.InvalidParameter(message=(
                '%s is read for a %s, not a %s' % (meter_name, expected,
                                                   resource_type)))

    def _statistic_aggregation(self, resource, resource_type, meter_name,
                               period, aggregate, granularity):
        meter = self._meter(meter_name)
        if not self._supported(resource_type):
            return None
        self._check_resource_type(meter, meter_name, resource_type)
        if meter in MODEL_ATTRIBUTES:
            return float(getattr(resource, MODEL_ATTRIBUTES[meter]))
        result = self._run(self.build_query(meter, resource, period,
                                            aggregate))
        if not result:
            return None
        return result[0][1]

    def _statistic_aggregation_bulk(self, resources, resource_type,
                                    meter_name, period, aggregate,
                                    granularity):
        meter = self._meter(meter_name)
        if not self._supported(resource_type):
            return {r.uuid: None for r in resources}
        self._check_resource_type(meter, meter_name, resource_type)
        if meter in MODEL_ATTRIBUTES:
            return {r.uuid: float(getattr(r, MODEL_ATTRIBUTES[meter]))
                    for r in resources}
        if meter in HOST_METERS:
            keys = self._host_keys(resources)
            label = self.fqdn_label
        else:
            keys = {r.uuid: r.uuid for r in resources}
            label = self.instance_uuid_label
        if not keys:
            return {}
        wanted = sorted(set(keys.values()))
        result = self._run(self.build_bulk_query(
            meter, wanted if len(wanted) <= BULK_FILTER_LIMIT else None,
            period, aggregate))
        if result is None:
            return None
        by_label = {}
        for labels, value in result:
            by_label.setdefault(labels.get(label), value)
        values = {}
        for resource in resources:
            if resource.uuid not in keys:
                continue
            value = by_label.get(keys[resource.uuid])
            if value is not None and meter == INSTANCE_CPU:
                value = min(value * (100 / _vcpus(resource)), 100.0)
            values[resource.uuid] = value
        return values

    def _host_keys(self, resources):
        """{node uuid: label value}; unknown hosts are left out."""
        keys = {}
        unknown = []
        for resource in resources:
            label = self._lookup_host(resource.hostname)
            if label is None:
                unknown.append(resource)
            else:
                keys[resource.uuid] = label
        if unknown and self._refresh_host_map():
            for resource in unknown:
                label = self._lookup_host(resource.hostname)
                if label is not None:
                    keys[resource.uuid] = label
        return keys

    # -- wrappers with the reference's 0.0 rule -----------------------------

    def get_host_cpu_usage(self, resource, period=300, aggregate='mean',
                           granularity=300):
        """Host CPU %; 0.0 (no busy time at all) is reported as None."""
        value = super().get_host_cpu_usage(resource, period, aggregate,
                                           granularity)
        return value if value else None

    def get_host_ram_usage(self, resource, period=300, aggregate='mean',
                           granularity=300):
        """Host RAM KiB; 0.0 is reported as None."""
        value = super().get_host_ram_usage(resource, period, aggregate,
                                           granularity)
        return value if value else None

    # -- availability -------------------------------------------------------

    def list_metrics(self):
        try:
            return set(self.client.label_values('__name__'))
        except Exception as exc:
            LOG.warning('Cannot list the %s metrics: %s', self.NAME, exc)
            return set()

    def check_availability(self):
        try:
            self.client.runtime_info()
            return base.AVAILABLE
        except Exception as exc:
            LOG.warning('%s is not available: %s', self.NAME, exc)
            return base.NOT_AVAILABLE

    def statistic_series(self, resource=None, resource_type=None,
                         meter_name=None, start_time=None, end_time=None,
                         granularity=300):
        raise NotImplementedError(
            'The %s datasource does not provide metric series.' % self.NAME)


def _vcpus(resource):
    vcpus = getattr(resource, 'vcpus', None)
    if not vcpus:
        LOG.warning('Instance %s has no vCPU count; using 1.',
                    getattr(resource, 'uuid', '?'))
        return 1
    return vcpus
