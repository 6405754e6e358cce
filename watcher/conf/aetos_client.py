"""The [aetos_client] group: Prometheus behind Keystone (Aetos)."""
from oslo_config import cfg

from watcher.conf import ksa

aetos_client = cfg.OptGroup(name='aetos_client',
                            title='Options for the Aetos datasource')

AETOS_CLIENT_OPTS = [
    cfg.StrOpt('interface',
               default='public',
               choices=ksa.ENDPOINT_TYPES,
               help='Interface of the metric-storage endpoint.'),
    cfg.StrOpt('region_name',
               help='Region of the metric-storage endpoint.'),
    cfg.StrOpt('fqdn_label',
               default='fqdn',
               help='Label holding the host FQDN on node_exporter '
                    'metrics.'),
    cfg.StrOpt('instance_uuid_label',
               default='resource',
               help='Label holding the instance UUID on ceilometer '
                    'metrics.'),
]


def register_opts(conf):
    conf.register_group(aetos_client)
    conf.register_opts(AETOS_CLIENT_OPTS, group=aetos_client)


def list_opts():
    return [(aetos_client, AETOS_CLIENT_OPTS)]
