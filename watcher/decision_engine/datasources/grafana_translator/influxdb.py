"""InfluxDB behind the Grafana proxy (InfluxQL over ``/query``).

The query template of a metric is formatted with ``{0}`` aggregate, ``{1}``
resource attribute, ``{2}`` period (s), ``{3}`` granularity (s, 1 when
unset) and ``{4}`` retention policy: the shortest
``[grafana_translators] retention_periods`` entry longer than the period.
"""
from oslo_log import log

from watcher import conf
from watcher.decision_engine.datasources.grafana_translator import base

CONF = conf.CONF
LOG = log.getLogger(__name__)


def retention_period(period):
    """Name of the shortest retention policy that covers ``period``.

    Beyond every policy the longest one is used (the reference picks the
    alphabetically last name there, which with the defaults is the
    shortest one, one_week).
    """
    policies = sorted(((int(seconds), name) for name, seconds in
                       CONF.grafana_translators.retention_periods.items()))
    if not policies:
        return None
    for seconds, name in policies:
        if float(period) < seconds:
            return name
    LOG.warning('No retention period is longer than %s s; using %s.',
                period, policies[-1][1])
    return policies[-1][1]


class InfluxDBGrafanaTranslator(base.BaseGrafanaTranslator):
    """``{db, epoch: ms, q}`` in; ``results[0].series[0]`` out."""

    NAME = 'influxdb'

    def build_params(self):
        data = self.data
        query = data['query'].format(
            data['aggregate'], self.resource_attribute(), data['period'],
            data['granularity'] or 1, retention_period(data['period']))
        return {'db': data['db'], 'epoch': 'ms', 'q': query}

    def extract_result(self, body):
        try:
            series = body['results'][0]['series'][0]
            column = series['columns'].index(self.data['aggregate'])
            return series['values'][0][column]
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            LOG.warning('No %s value for %s in the InfluxDB answer (%s).',
                        self.data['aggregate'], self.data['metric'], exc)
            return None
