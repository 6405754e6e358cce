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
    cfg.BoolOpt('build_models_at_start',
                default=True,
                help='Build the models of the enabled collectors when the '
                     'decision engine starts (its first periodic '
                     'synchronisation), so that the first audit finds them '
                     'ready. The reference builds a model only when an '
                     'audit first asks for it, which makes that audit wait '
                     'for the whole collection; False restores that.'),
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
