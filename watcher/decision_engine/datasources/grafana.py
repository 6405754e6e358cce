"""The ``grafana`` datasource: databases behind Grafana's datasource proxy.

Nothing is mapped by default. A watcher metric is served when
``[grafana_client]`` gives it a project (Grafana datasource id), a
database, a query and the ``influxdb`` translator (``attribute_map``
names the resource field put in the query); the metric map file may add
metrics too. Requests go to ``<base_url><project>/query`` with the
``Bearer`` token.
"""
from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import base
from watcher.decision_engine.datasources import grafana_translator
from watcher.decision_engine.datasources import session as session_mod

CONF = conf.CONF
LOG = log.getLogger(__name__)


class GrafanaRejected(Exception):
    """Grafana refused the query (bad query or bad token): no retry."""


def configured_metric_map():
    """{watcher metric: entry} for the metrics ``[grafana_client]`` maps."""
    group = CONF.grafana_client
    result = dict(base.DataSourceBase.METRIC_MAP)
    for metric in sorted(group.database_map):
        entry = {
            'project': (group.project_id_map or {}).get(metric),
            'db': group.database_map.get(metric),
            'attribute': (group.attribute_map or {}).get(metric),
            'translator': (group.translator_map or {}).get(metric),
            'query': (group.query_map or {}).get(metric),
        }
        if entry['translator'] not in (None, '') and \
                entry['translator'] not in grafana_translator.TRANSLATORS:
            LOG.warning('Unknown grafana translator %s for %s',
                        entry['translator'], metric)
            continue
        if all(entry[key] not in (None, '') for key in
               ('project', 'db', 'translator', 'query')):
            result[metric] = entry
    return result


class GrafanaHelper(base.DataSourceBase):
    """Watcher metrics through Grafana's datasource proxy."""

    NAME = 'grafana'

    def __init__(self, metric_map=None, osc=None):
        super().__init__(metric_map if metric_map is not None
                         else configured_metric_map())
        group = CONF.grafana_client
        if not group.base_url:
            raise exception.MissingParameter(
                parameter='[grafana_client] base_url')
        self.base_url = group.base_url.rstrip('/') + '/'
        self.session = session_mod.http_session()
        self.session.headers['Authorization'] = 'Bearer %s' % (
            group.token or '')
        self.timeout = group.http_timeout

    def _get(self, project, path, params=None):
        response = self.session.get(
            '%s%s/%s' % (self.base_url, project, path), params=params,
            timeout=self.timeout)
        if response.status_code in (200, 204):
            return response
        if response.status_code == 400:
            LOG.error('Grafana rejected the query %s: %s',
                      (params or {}).get('q'), response.text[:200])
            raise GrafanaRejected('invalid query')
        if response.status_code == 401:
            LOG.error('Grafana rejected the authorization token.')
            raise GrafanaRejected('invalid token')
        raise exception.DataSourceNotAvailable(datasource=self.NAME)

    def _entry(self, meter_name):
        entry = self.METRIC_MAP.get(meter_name)
        if not isinstance(entry, dict):
            raise exception.MetricNotAvailable(metric=meter_name)
        return entry

    def _statistic_aggregation(self, resource, resource_type, meter_name,
                               period, aggregate, granularity):
        entry = self._entry(meter_name)
        translator = grafana_translator.TRANSLATORS[entry['translator']]({
            'metric': meter_name, 'db': entry['db'], 'query': entry['query'],
            'attribute': entry.get('attribute'), 'resource': resource,
            'resource_type': resource_type, 'period': period,
            'aggregate': aggregate, 'granularity': granularity})
        params = translator.build_params()
        response = self.query_retry(self._get, entry['project'], 'query',
                                    params, ignored_exc=GrafanaRejected)
        if response is None:
            return None
        try:
            body = response.json()
        except ValueError:
            LOG.warning('Grafana answered %s with no JSON.', meter_name)
            return None
        return translator.extract_result(body)

    def list_metrics(self):
        """The watcher metrics configured for Grafana."""
        return {metric for metric, entry in self.METRIC_MAP.items()
                if isinstance(entry, dict)}

    def check_availability(self):
        """Available when a configured database answers its ``/ping``."""
        projects = sorted({str(entry['project']) for entry in
                           self.METRIC_MAP.values()
                           if isinstance(entry, dict)})
        for project in projects:
            try:
                self._get(project, 'ping')
                return base.AVAILABLE
            except Exception as exc:
                LOG.warning('Grafana project %s is not available: %s',
                            project, exc)
        return base.NOT_AVAILABLE
