"""The [watcher_datasources] group: which metric backends to use."""
from oslo_config import cfg
from oslo_config import types

# Known datasources, in the order the datasource manager tries them.
DATASOURCE_NAMES = ['gnocchi', 'grafana', 'prometheus', 'aetos']

watcher_datasources = cfg.OptGroup(name='watcher_datasources',
                                   title='Datasource options')

DATASOURCES_OPTS = [
    cfg.ListOpt('datasources',
                item_type=types.String(choices=DATASOURCE_NAMES),
                default=['gnocchi', 'grafana', 'aetos'],
                help='Datasources to use, in order of preference. The first '
                     'one that provides every metric a strategy needs is '
                     'used. prometheus and aetos cannot be combined.'),
    cfg.IntOpt('query_max_retries',
               default=10,
               min=1,
               mutable=True,
               help='Attempts of a datasource query.'),
    cfg.IntOpt('query_interval',
               default=1,
               min=0,
               mutable=True,
               deprecated_name='query_timeout',
               help='Seconds to wait between two attempts of a datasource '
                    'query.'),
]


def register_opts(conf):
    conf.register_group(watcher_datasources)
    conf.register_opts(DATASOURCES_OPTS, group=watcher_datasources)


def list_opts():
    return [(watcher_datasources, DATASOURCES_OPTS)]
