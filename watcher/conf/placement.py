"""The [placement] group and its deprecated predecessor [placement_client]."""
from oslo_config import cfg

from watcher.conf import ksa

placement = cfg.OptGroup(name='placement',
                         title='Options for the Placement integration')
placement_client = cfg.OptGroup(name='placement_client',
                                title='Deprecated Placement client options')

_LEGACY = dict(deprecated_for_removal=True, deprecated_since='2026.2',
               deprecated_reason='Use the [placement] group instead.')

PLACEMENT_CLIENT_OPTS = [
    cfg.StrOpt('api_version',
               default='1.29',
               help='Placement API microversion.',
               **_LEGACY),
    cfg.StrOpt('interface',
               default='public',
               choices=['internal', 'public', 'admin'],
               help='Endpoint interface used when [placement] '
                    'valid_interfaces is unset.',
               **_LEGACY),
    cfg.StrOpt('region_name',
               help='Region of the placement endpoint (use [placement] '
                    'region_name).',
               **_LEGACY),
]


def register_opts(conf):
    conf.register_group(placement)
    ksa.register_service_opts(conf, placement.name,
                              legacy_group=placement_client.name)
    conf.register_group(placement_client)
    conf.register_opts(PLACEMENT_CLIENT_OPTS, group=placement_client)


def list_opts():
    return [(placement,
             ksa.service_sample_opts(legacy_group=placement_client.name)),
            (placement_client, PLACEMENT_CLIENT_OPTS)]
