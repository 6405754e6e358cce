"""The [prometheus_client] group: the deprecated direct Prometheus source.

Aetos (Keystone-authenticated Prometheus) replaces it.
"""
from oslo_config import cfg

prometheus_client = cfg.OptGroup(name='prometheus_client',
                                 title='Options for the Prometheus datasource')

_LEGACY = dict(deprecated_for_removal=True, deprecated_since='2026.1',
               deprecated_reason='The prometheus datasource is deprecated; '
                                 'use aetos.')

PROMETHEUS_CLIENT_OPTS = [
    cfg.StrOpt('host',
               help='Prometheus server host (required to use the '
                    'prometheus datasource).',
               **_LEGACY),
    cfg.PortOpt('port',
                default=9090,
                help='Prometheus server port.',
                **_LEGACY),
    cfg.StrOpt('fqdn_label',
               default='fqdn',
               help='Label holding the host FQDN on node_exporter '
                    'metrics.',
               **_LEGACY),
    cfg.StrOpt('instance_uuid_label',
               default='resource',
               help='Label holding the instance UUID on ceilometer '
                    'metrics.',
               **_LEGACY),
    cfg.StrOpt('username',
               help='User name for HTTP basic authentication.',
               **_LEGACY),
    cfg.StrOpt('password',
               secret=True,
               help='Password for HTTP basic authentication.',
               **_LEGACY),
    cfg.StrOpt('cafile',
               help='CA bundle used to verify the server certificate.',
               **_LEGACY),
    cfg.StrOpt('certfile',
               help='Client certificate (needs keyfile).',
               **_LEGACY),
    cfg.StrOpt('keyfile',
               help='Private key of the client certificate.',
               **_LEGACY),
]


def register_opts(conf):
    conf.register_group(prometheus_client)
    conf.register_opts(PROMETHEUS_CLIENT_OPTS, group=prometheus_client)


def list_opts():
    return [(prometheus_client, PROMETHEUS_CLIENT_OPTS)]
