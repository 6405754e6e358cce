"""The [keystone] group and its deprecated predecessor [keystone_client]."""
from oslo_config import cfg

from watcher.conf import ksa

keystone = cfg.OptGroup(name='keystone',
                        title='Options for the Keystone integration')
keystone_client = cfg.OptGroup(name='keystone_client',
                               title='Deprecated Keystone client options')

_LEGACY = dict(deprecated_for_removal=True, deprecated_since='2026.2',
               deprecated_reason='Use the [keystone] group instead.')

KEYSTONE_CLIENT_OPTS = [
    cfg.StrOpt('interface',
               default='public',
               choices=['internal', 'public', 'admin'],
               help='Endpoint interface used when [keystone] '
                    'valid_interfaces is unset.',
               **_LEGACY),
    cfg.StrOpt('region_name',
               help='Region of the identity endpoint (use [keystone] '
                    'region_name).',
               **_LEGACY),
]


def register_opts(conf):
    conf.register_group(keystone)
    ksa.register_service_opts(conf, keystone.name,
                              legacy_group=keystone_client.name)
    conf.register_group(keystone_client)
    conf.register_opts(KEYSTONE_CLIENT_OPTS, group=keystone_client)


def list_opts():
    return [(keystone,
             ksa.service_sample_opts(legacy_group=keystone_client.name)),
            (keystone_client, KEYSTONE_CLIENT_OPTS)]
