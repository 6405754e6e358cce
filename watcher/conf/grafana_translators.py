"""The [grafana_translators] group: settings of the query translators."""
from oslo_config import cfg

grafana_translators = cfg.OptGroup(name='grafana_translators',
                                   title='Grafana query translator options')

GRAFANA_TRANSLATOR_OPTS = [
    cfg.DictOpt('retention_periods',
                default={'one_week': 604800,
                         'one_month': 2592000,
                         'five_years': 31556952},
                help='InfluxDB retention policies and their length in '
                     'seconds. A query uses the shortest policy longer than '
                     'its period.'),
]


def register_opts(conf):
    conf.register_group(grafana_translators)
    conf.register_opts(GRAFANA_TRANSLATOR_OPTS, group=grafana_translators)


def list_opts():
    return [(grafana_translators, GRAFANA_TRANSLATOR_OPTS)]
