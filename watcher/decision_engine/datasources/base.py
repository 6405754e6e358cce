"""The formal datasource interface every metric backend implements.

Strategies speak in *watcher metrics* (``host_cpu_usage``, ...); each
backend maps them to its own metric names (``METRIC_MAP``) and queries.
Values go through a per-audit :class:`~cache.MetricDataCache`, and
:meth:`DataSourceBase.statistic_aggregation_bulk` fetches one metric of
many resources at once, so an audit asks the backend once per metric
rather than once per host or instance.

Units: ``host_cpu_usage`` %, ``host_ram_usage`` KiB, ``host_outlet_temp``
and ``host_inlet_temp`` degC, ``host_airflow`` CFM, ``host_power`` W,
``instance_cpu_usage`` %, ``instance_ram_usage`` and
``instance_ram_allocated`` MB, ``instance_l3_cache_usage`` bytes,
``instance_root_disk_size`` GB.
"""
import abc
import time

from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import cache as cache_mod

CONF = conf.CONF
LOG = log.getLogger(__name__)

AVAILABLE = 'available'
NOT_AVAILABLE = 'not available'

# watcher metric -> resource type its get_<metric> wrapper queries.
METRIC_RESOURCE_TYPES = {
    'host_cpu_usage': 'compute_node',
    'host_ram_usage': 'compute_node',
    'host_outlet_temp': 'compute_node',
    'host_inlet_temp': 'compute_node',
    'host_airflow': 'compute_node',
    'host_power': 'compute_node',
    'instance_cpu_usage': 'instance',
    'instance_ram_usage': 'instance',
    'instance_ram_allocated': 'instance',
    'instance_l3_cache_usage': 'instance',
    'instance_root_disk_size': 'instance',
}
WATCHER_METRICS = tuple(METRIC_RESOURCE_TYPES)


class DataSourceBase(object, metaclass=abc.ABCMeta):
    """A metric backend: per-resource and bulk statistics, cached."""

    NAME = ''
    AGGREGATES = ['mean', 'min', 'max', 'count']
    RESOURCE_TYPES = ['compute_node', 'instance', 'bare_metal', 'storage']
    # watcher metric -> backend metric name (None: not provided).
    METRIC_MAP = {metric: None for metric in WATCHER_METRICS}
    # Backend names that are read from the model, not queried.
    MODEL_METRICS = ()

    def __init__(self, metric_map=None):
        # An instance copy: a metric map file changes this helper only.
        self.METRIC_MAP = dict(type(self).METRIC_MAP)
        if metric_map:
            self.METRIC_MAP.update(metric_map)
        self.cache = cache_mod.MetricDataCache()

    # -- retries ------------------------------------------------------------

    def query_retry(self, f, *args, ignored_exc=None, **kwargs):
        """Call ``f`` up to ``[watcher_datasources] query_max_retries`` times.

        Sleeps ``query_interval`` seconds between attempts. An exception of
        type ``ignored_exc`` returns None at once (no retry); when every
        attempt fails, None is returned.
        """
        group = CONF.watcher_datasources
        attempts = max(1, group.query_max_retries)
        for attempt in range(1, attempts + 1):
            try:
                return f(*args, **kwargs)
            except Exception as exc:
                if ignored_exc and isinstance(exc, ignored_exc):
                    LOG.debug('%s query ignored: %s', self.NAME, exc)
                    return None
                LOG.warning('%s query failed (attempt %d of %d): %s',
                            self.NAME, attempt, attempts, exc)
                self.query_retry_reset(exc)
                if attempt < attempts and group.query_interval:
                    time.sleep(group.query_interval)
        LOG.error('%s query failed %d times; giving up.', self.NAME,
                  attempts)
        return None

    def query_retry_reset(self, exc):
        """Hook run after a failed attempt (e.g. to rebuild a client)."""

    # -- statistics ---------------------------------------------------------

    def statistic_aggregation(self, resource=None, resource_type=None,
                              meter_name=None, period=300, aggregate='mean',
                              granularity=300):
        """One aggregated value of ``meter_name`` (a watcher metric).

        Answered from the cache when this audit already has it.
        """
        uuid = getattr(resource, 'uuid', None)
        if not uuid:
            return self._statistic_aggregation(
                resource, resource_type, meter_name, period, aggregate,
                granularity)
        key = cache_mod.cache_key(uuid, meter_name, aggregate, period,
                                  granularity)
        found, value = self.cache.lookup(key)
        if found:
            return value
        value = self._statistic_aggregation(
            resource, resource_type, meter_name, period, aggregate,
            granularity)
        self.cache.put(key, value)
        return value

    def statistic_aggregation_bulk(self, resources, resource_type,
                                   meter_name, period=300, aggregate='mean',
                                   granularity=300):
        """``{resource uuid: value}`` of one metric for many resources.

        Resources already cached are not asked again; the others are
        fetched together (one query on Prometheus and Aetos) and cached, so
        the per-resource methods then answer without a query. A resource
        without data maps to None.
        """
        results = {}
        missing = []
        seen = set()
        for resource in resources:
            uuid = getattr(resource, 'uuid', None)
            if not uuid or uuid in seen:
                continue
            seen.add(uuid)
            found, value = self.cache.lookup(cache_mod.cache_key(
                uuid, meter_name, aggregate, period, granularity))
            if found:
                results[uuid] = value
            else:
                missing.append(resource)
        if not missing:
            return results
        fetched = self._statistic_aggregation_bulk(
            missing, resource_type, meter_name, period, aggregate,
            granularity)
        for resource in missing:
            key = cache_mod.cache_key(resource.uuid, meter_name, aggregate,
                                      period, granularity)
            if fetched is None or resource.uuid not in fetched:
                # The query failed or could not cover this resource.
                results[resource.uuid] = None
                continue
            value = fetched[resource.uuid]
            if value is None:
                self.cache.put_absent(key)
            else:
                self.cache.put(key, value)
            results[resource.uuid] = value
        return results

    @abc.abstractmethod
    def _statistic_aggregation(self, resource, resource_type, meter_name,
                               period, aggregate, granularity):
        """Query the backend for one resource (no cache)."""

    def _statistic_aggregation_bulk(self, resources, resource_type,
                                    meter_name, period, aggregate,
                                    granularity):
        """``{uuid: value or None}`` for ``resources``; None if it failed.

        The default asks one resource at a time; backends with a query
        language override it with one grouped query. A uuid left out of
        the result is not cached (it is asked again on its own later).
        """
        results = {}
        for resource in resources:
            results[resource.uuid] = self._statistic_aggregation(
                resource, resource_type, meter_name, period, aggregate,
                granularity)
        return results

    def statistic_series(self, resource=None, resource_type=None,
                         meter_name=None, start_time=None, end_time=None,
                         granularity=300):
        """``{timestamp: value}`` of a metric between two times."""
        raise NotImplementedError(
            'The %s datasource does not provide metric series.' % self.NAME)

    def inject_metric(self, resource_uuid, metric, aggregation, period,
                      value, granularity=300, simulated=False):
        """Put a known value in the cache (it is then never queried)."""
        self.cache.put(cache_mod.cache_key(resource_uuid, metric,
                                           aggregation, period, granularity),
                       value, simulated=simulated)

    # -- availability -------------------------------------------------------

    @abc.abstractmethod
    def list_metrics(self):
        """Names of the metrics the backend holds (a set)."""

    @abc.abstractmethod
    def check_availability(self):
        """``'available'`` or ``'not available'``."""

    def metric_name(self, metric):
        """The backend name of a watcher metric, as reports show it."""
        real_name = self.METRIC_MAP.get(metric)
        return real_name if isinstance(real_name, str) else metric

    def metrics_availability(self, metrics):
        """``[{<backend metric name>: available|not available}]``.

        Metrics read from the model (Prometheus ``instance.memory``) are
        always available.
        """
        known = self.list_metrics()
        if known is None:
            raise exception.DataSourceNotAvailable(datasource=self.NAME)
        known = set(known)
        states = []
        for metric in metrics:
            name = self.metric_name(metric)
            available = (name in self.MODEL_METRICS or name in known)
            states.append({name: AVAILABLE if available else NOT_AVAILABLE})
        return states

    # -- one method per watcher metric --------------------------------------

    def _host(self, metric, resource, period, aggregate, granularity):
        return self.statistic_aggregation(resource, 'compute_node', metric,
                                          period, aggregate, granularity)

    def _instance(self, metric, resource, period, aggregate, granularity):
        return self.statistic_aggregation(resource, 'instance', metric,
                                          period, aggregate, granularity)

    def get_host_cpu_usage(self, resource, period=300, aggregate='mean',
                           granularity=300):
        return self._host('host_cpu_usage', resource, period, aggregate,
                          granularity)

    def get_host_ram_usage(self, resource, period=300, aggregate='mean',
                           granularity=300):
        return self._host('host_ram_usage', resource, period, aggregate,
                          granularity)

    def get_host_outlet_temp(self, resource, period=300, aggregate='mean',
                             granularity=300):
        return self._host('host_outlet_temp', resource, period, aggregate,
                          granularity)

    def get_host_inlet_temp(self, resource, period=300, aggregate='mean',
                            granularity=300):
        return self._host('host_inlet_temp', resource, period, aggregate,
                          granularity)

    def get_host_airflow(self, resource, period=300, aggregate='mean',
                         granularity=300):
        return self._host('host_airflow', resource, period, aggregate,
                          granularity)

    def get_host_power(self, resource, period=300, aggregate='mean',
                       granularity=300):
        return self._host('host_power', resource, period, aggregate,
                          granularity)

    def get_instance_cpu_usage(self, resource, period=300, aggregate='mean',
                               granularity=300):
        return self._instance('instance_cpu_usage', resource, period,
                              aggregate, granularity)

    def get_instance_ram_usage(self, resource, period=300, aggregate='mean',
                               granularity=300):
        return self._instance('instance_ram_usage', resource, period,
                              aggregate, granularity)

    def get_instance_ram_allocated(self, resource, period=300,
                                   aggregate='mean', granularity=300):
        return self._instance('instance_ram_allocated', resource, period,
                              aggregate, granularity)

    def get_instance_l3_cache_usage(self, resource, period=300,
                                    aggregate='mean', granularity=300):
        return self._instance('instance_l3_cache_usage', resource, period,
                              aggregate, granularity)

    def get_instance_root_disk_size(self, resource, period=300,
                                    aggregate='mean', granularity=300):
        return self._instance('instance_root_disk_size', resource, period,
                              aggregate, granularity)
