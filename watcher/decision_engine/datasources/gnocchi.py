"""The ``gnocchi`` datasource: Gnocchi's REST API through keystoneauth.

The endpoint is the catalog's ``metric`` service (``[gnocchi_client]
endpoint_type`` and ``region_name``). A compute node's metrics hang off
the Ceilometer resource whose ``original_resource_id`` is
``<host>_<host>``; an instance's off the resource with its uuid. A value
is the last measure of the period.
"""
import datetime

from keystoneauth1 import adapter as ks_adapter
from oslo_log import log
from oslo_utils import timeutils

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import base
from watcher.decision_engine.datasources import session as session_mod

CONF = conf.CONF
LOG = log.getLogger(__name__)

SERVICE_TYPE = 'metric'


class GnocchiNotFound(Exception):
    """Gnocchi answered 404: no such resource or metric."""


class GnocchiError(Exception):
    """Any other unexpected Gnocchi answer."""

    def __init__(self, response):
        self.status_code = response.status_code
        super().__init__('Gnocchi answered %s: %s' % (
            response.status_code, (response.text or '')[:200]))


class GnocchiHelper(base.DataSourceBase):
    """Watcher metrics from Gnocchi measures."""

    NAME = 'gnocchi'
    METRIC_MAP = dict(
        base.DataSourceBase.METRIC_MAP,
        host_cpu_usage='compute.node.cpu.percent',
        host_ram_usage='hardware.memory.used',
        host_outlet_temp='hardware.ipmi.node.outlet_temperature',
        host_inlet_temp='hardware.ipmi.node.temperature',
        host_airflow='hardware.ipmi.node.airflow',
        host_power='hardware.ipmi.node.power',
        instance_cpu_usage='cpu',
        instance_ram_usage='memory.resident',
        instance_ram_allocated='memory',
        instance_l3_cache_usage='cpu_l3_cache',
        instance_root_disk_size='disk.root.size',
    )

    def __init__(self, metric_map=None, osc=None):
        super().__init__(metric_map)
        group = CONF.gnocchi_client
        self.adapter = ks_adapter.Adapter(
            session_mod.keystone_session(osc), service_type=SERVICE_TYPE,
            interface=(group.endpoint_type or 'public').replace('URL', ''),
            region_name=group.region_name)
        if not self.adapter.get_endpoint():
            raise exception.DataSourceNotAvailable(message=(
                'Datasource gnocchi is not available: no %s endpoint in the '
                'Keystone catalog.' % SERVICE_TYPE))

    # -- HTTP -----------------------------------------------------------------

    def _request(self, method, path, **kwargs):
        response = self.adapter.request(path, method, raise_exc=False,
                                        **kwargs)
        if response.status_code == 404:
            raise GnocchiNotFound(path)
        if response.status_code >= 300:
            raise GnocchiError(response)
        return response.json() if response.content else None

    def _find_compute_node(self, resource):
        original_id = '%s_%s' % (resource.hostname, resource.hostname)
        found = self.query_retry(
            self._request, 'POST', 'v1/search/resource/generic',
            params={'limit': 1},
            json={'=': {'original_resource_id': original_id}},
            ignored_exc=GnocchiNotFound)
        if not found:
            LOG.warning('No Gnocchi resource for compute node %s',
                        original_id)
            return None
        return found[0]['id']

    def _resource_id(self, resource, resource_type):
        if resource_type == 'compute_node':
            return self._find_compute_node(resource)
        return resource.uuid

    def _measures(self, resource_id, metric, start, stop, granularity,
                  aggregation=None):
        params = {'start': start, 'stop': stop, 'granularity': granularity,
                  'aggregation': aggregation}
        params = {k: v for k, v in params.items() if v}
        return self.query_retry(
            self._request, 'GET',
            'v1/resource/generic/%s/metric/%s/measures' % (resource_id,
                                                           metric),
            params=params, ignored_exc=GnocchiNotFound)

    # -- statistics ---------------------------------------------------------

    def _meter(self, meter_name):
        meter = self.METRIC_MAP.get(meter_name)
        if meter is None:
            raise exception.MetricNotAvailable(metric=meter_name)
        return meter

    def _statistic_aggregation(self, resource, resource_type, meter_name,
                               period, aggregate, granularity):
        meter = self._meter(meter_name)
        if aggregate == 'count':
            aggregate = 'mean'
        if meter_name == 'instance_cpu_usage':
            if resource_type != 'instance':
                raise exception.InvalidParameter(message=(
                    'instance_cpu_usage is only available for instances, '
                    'not %s' % resource_type))
            if aggregate not in ('mean', 'rate:mean'):
                raise exception.InvalidParameter(message=(
                    'instance_cpu_usage from Gnocchi supports the mean '
                    'aggregate only, not %s' % aggregate))
            aggregate = 'rate:mean'
        resource_id = self._resource_id(resource, resource_type)
        if resource_id is None:
            return None
        stop = timeutils.utcnow()
        start = stop - datetime.timedelta(seconds=float(period))
        measures = self._measures(resource_id, meter, start.isoformat(),
                                  stop.isoformat(), granularity, aggregate)
        if not measures:
            return None
        value = measures[-1][2]
        if value is None:
            return None
        if meter_name == 'instance_cpu_usage':
            # Cumulative CPU ns per granularity -> % of the instance vCPUs.
            vcpus = getattr(resource, 'vcpus', None) or 1
            value = max(0, value) * 100 / (float(granularity) * 10e8) / vcpus
        elif meter_name == 'host_airflow':
            value = value * 10   # IPMI reports tenths of CFM
        return value

    def statistic_series(self, resource=None, resource_type=None,
                         meter_name=None, start_time=None, end_time=None,
                         granularity=300):
        """``{timestamp: value}`` of the measures between two times."""
        meter = self._meter(meter_name)
        resource_id = self._resource_id(resource, resource_type)
        if resource_id is None:
            return {}
        measures = self._measures(
            resource_id, meter, _iso(start_time), _iso(end_time),
            granularity) or []
        return {timestamp: value for timestamp, _, value in measures}

    # -- availability -------------------------------------------------------

    def list_metrics(self):
        """Metric names, or None when Gnocchi cannot be asked."""
        metrics = self.query_retry(self._request, 'GET', 'v1/metric',
                                   ignored_exc=GnocchiNotFound)
        if metrics is None:
            return None
        return {metric['name'] for metric in metrics if metric.get('name')}

    def check_availability(self):
        try:
            self._request('GET', 'v1/status')
            return base.AVAILABLE
        except Exception as exc:
            LOG.warning('Gnocchi is not available: %s', exc)
            return base.NOT_AVAILABLE


def _iso(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value
