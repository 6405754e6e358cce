"""The [collector] group: cluster data model collectors."""
from oslo_config import cfg

collector = cfg.OptGroup(name='collector',
                         title='Cluster data model collector options')

COLLECTOR_OPTS = [
    cfg.ListOpt('collector_plugins',
                default=['compute', 'storage'],
                help='watcher_cluster_data_model_collectors plugins to run '
                     '(compute, storage, baremetal).'),
    cfg.IntOpt('api_query_max_retries',
               default=10,
               min=1,
               deprecated_name='api_call_retries',
               help='Attempts of an external API call made while building '
                    'a model.'),
    cfg.IntOpt('api_query_interval',
               default=1,
               min=0,
               deprecated_name='api_query_timeout',
               help='Seconds to wait between two attempts of an external '
                    'API call.'),
    cfg.IntOpt('compute_resources_collector_timeout',
               default=600,
               min=30,
               help='Seconds allowed to collect the compute resources of '
                    'an audit scope before giving up.'),
]


def register_opts(conf):
    conf.register_group(collector)
    conf.register_opts(COLLECTOR_OPTS, group=collector)


def list_opts():
    return [(collector, COLLECTOR_OPTS)]
