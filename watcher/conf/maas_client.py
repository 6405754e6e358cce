"""The [maas_client] group: the (deprecated) MAAS integration."""
from oslo_config import cfg

maas_client = cfg.OptGroup(name='maas_client',
                           title='Options for the MAAS integration')

_LEGACY = dict(deprecated_for_removal=True,
               deprecated_reason='The MAAS integration is deprecated.')

MAAS_CLIENT_OPTS = [
    cfg.StrOpt('url',
               help='URL of the MAAS API.',
               **_LEGACY),
    cfg.StrOpt('api_key',
               secret=True,
               help='MAAS API key.',
               **_LEGACY),
    cfg.IntOpt('timeout',
               default=60,
               help='Timeout of a MAAS request, in seconds.',
               **_LEGACY),
]


def register_opts(conf):
    conf.register_group(maas_client)
    conf.register_opts(MAAS_CLIENT_OPTS, group=maas_client)


def list_opts():
    return [(maas_client, MAAS_CLIENT_OPTS)]
