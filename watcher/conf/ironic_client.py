"""The [ironic_client] group: how to reach Ironic."""
from oslo_config import cfg

ironic_client = cfg.OptGroup(name='ironic_client',
                             title='Options for the Ironic integration')

IRONIC_CLIENT_OPTS = [
    cfg.StrOpt('api_version',
               default='1',
               help='Bare metal API version.'),
    cfg.StrOpt('endpoint_type',
               default='publicURL',
               help='Endpoint interface to use (publicURL, internalURL or '
                    'adminURL).'),
    cfg.StrOpt('region_name',
               help='Region of the bare metal endpoint.'),
]


def register_opts(conf):
    conf.register_group(ironic_client)
    conf.register_opts(IRONIC_CLIENT_OPTS, group=ironic_client)


def list_opts():
    return [(ironic_client, IRONIC_CLIENT_OPTS)]
