"""The [nova] group and its deprecated predecessor [nova_client]."""
from oslo_config import cfg

from watcher.conf import ksa

MIN_NOVA_API_VERSION = '2.56'

nova = cfg.OptGroup(name='nova', title='Options for the Nova integration')
nova_client = cfg.OptGroup(name='nova_client',
                           title='Deprecated Nova client options')

NOVA_OPTS = [
    cfg.IntOpt('migration_max_retries',
               default=180,
               min=1,
               help='Polls of a migrating instance before the migration is '
                    'considered failed.'),
    cfg.FloatOpt('migration_interval',
                 default=5.0,
                 min=0.1,
                 help='Seconds between two polls of a migrating instance.'),
    cfg.IntOpt('http_retries',
               default=3,
               min=1,
               help='Attempts of a Nova API call that failed with a '
                    'connection error.'),
    cfg.FloatOpt('http_retry_interval',
                 default=2.0,
                 min=0.1,
                 help='Seconds between two attempts of a failed Nova API '
                      'call.'),
    cfg.StrOpt('api_version',
               default=MIN_NOVA_API_VERSION,
               deprecated_opts=[cfg.DeprecatedOpt('api_version',
                                                  group='nova_client')],
               help='Compute API microversion used by Watcher. The minimum '
                    'supported is %s.' % MIN_NOVA_API_VERSION),
]

_LEGACY = dict(deprecated_for_removal=True, deprecated_since='2026.1',
               deprecated_reason='Use the [nova] group instead.')

NOVA_CLIENT_OPTS = [
    cfg.StrOpt('api_version',
               default=MIN_NOVA_API_VERSION,
               help='Compute API microversion (use [nova] api_version).',
               **_LEGACY),
    cfg.StrOpt('endpoint_type',
               default='publicURL',
               choices=ksa.ENDPOINT_TYPES,
               help='Endpoint interface used when [nova] valid_interfaces '
                    'is unset.',
               **_LEGACY),
    cfg.StrOpt('region_name',
               help='Region of the compute endpoint (use [nova] '
                    'region_name).',
               **_LEGACY),
]


def register_opts(conf):
    conf.register_group(nova)
    conf.register_opts(NOVA_OPTS, group=nova)
    ksa.register_service_opts(conf, nova.name, legacy_group=nova_client.name)
    conf.register_group(nova_client)
    conf.register_opts(NOVA_CLIENT_OPTS, group=nova_client)


def list_opts():
    return [(nova, NOVA_OPTS +
             ksa.service_sample_opts(legacy_group=nova_client.name)),
            (nova_client, NOVA_CLIENT_OPTS)]
