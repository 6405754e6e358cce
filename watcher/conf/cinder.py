"""The [cinder] group and its deprecated predecessor [cinder_client]."""
from oslo_config import cfg

from watcher.conf import ksa

cinder = cfg.OptGroup(name='cinder',
                      title='Options for the Cinder integration')
cinder_client = cfg.OptGroup(name='cinder_client',
                             title='Deprecated Cinder client options')

_LEGACY = dict(deprecated_for_removal=True, deprecated_since='2026.2',
               deprecated_reason='Use the [cinder] group instead.')

CINDER_CLIENT_OPTS = [
    cfg.StrOpt('api_version',
               default='3',
               help='Block storage API version.',
               **_LEGACY),
    cfg.StrOpt('endpoint_type',
               default='publicURL',
               choices=ksa.ENDPOINT_TYPES,
               help='Endpoint interface used when [cinder] '
                    'valid_interfaces is unset.',
               **_LEGACY),
    cfg.StrOpt('region_name',
               help='Region of the block storage endpoint (use [cinder] '
                    'region_name).',
               **_LEGACY),
]


def register_opts(conf):
    conf.register_group(cinder)
    ksa.register_service_opts(conf, cinder.name,
                              legacy_group=cinder_client.name)
    conf.register_group(cinder_client)
    conf.register_opts(CINDER_CLIENT_OPTS, group=cinder_client)


def list_opts():
    return [(cinder, ksa.service_sample_opts(legacy_group=cinder_client.name)),
            (cinder_client, CINDER_CLIENT_OPTS)]
