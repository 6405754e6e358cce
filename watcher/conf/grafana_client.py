"""The [grafana_client] group: the Grafana (InfluxDB proxy) datasource.

A watcher metric is served by Grafana only when project_id_map,
database_map, translator_map and query_map all have a value for it.
"""
from oslo_config import cfg

# Every watcher metric; each per-metric map starts with these keys unset.
WATCHER_METRICS = (
    'host_cpu_usage',
    'host_ram_usage',
    'host_outlet_temp',
    'host_inlet_temp',
    'host_airflow',
    'host_power',
    'instance_cpu_usage',
    'instance_ram_usage',
    'instance_ram_allocated',
    'instance_l3_cache_usage',
    'instance_root_disk_size',
)


def _unset_metric_map():
    return {metric: None for metric in WATCHER_METRICS}


grafana_client = cfg.OptGroup(name='grafana_client',
                              title='Options for the Grafana datasource')

GRAFANA_CLIENT_OPTS = [
    cfg.StrOpt('token',
               secret=True,
               help='Grafana API token (sent as a Bearer token).'),
    cfg.StrOpt('base_url',
               help='Base URL of the Grafana datasource proxy, for example '
                    'https://grafana.example.org/api/datasources/proxy/ .'),
    cfg.DictOpt('project_id_map',
                default=_unset_metric_map(),
                help='Grafana datasource (project) id for each watcher '
                     'metric.'),
    cfg.DictOpt('database_map',
                default=_unset_metric_map(),
                help='Database name for each watcher metric.'),
    cfg.DictOpt('translator_map',
                default=_unset_metric_map(),
                help='Query translator for each watcher metric '
                     '(influxdb).'),
    cfg.DictOpt('attribute_map',
                default=_unset_metric_map(),
                help='Resource attribute put in the query of each watcher '
                     'metric (for example hostname or uuid).'),
    cfg.DictOpt('query_map',
                default=_unset_metric_map(),
                help='Query template of each watcher metric. Fields: '
                     '{0} aggregate, {1} resource attribute, {2} period, '
                     '{3} granularity, {4} retention period.'),
    cfg.IntOpt('http_timeout',
               default=60,
               help='Timeout of a Grafana request, in seconds.'),
]


def register_opts(conf):
    conf.register_group(grafana_client)
    conf.register_opts(GRAFANA_CLIENT_OPTS, group=grafana_client)


def list_opts():
    return [(grafana_client, GRAFANA_CLIENT_OPTS)]
