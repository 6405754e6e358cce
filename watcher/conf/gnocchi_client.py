"""The [gnocchi_client] group: how to reach Gnocchi."""
from oslo_config import cfg

gnocchi_client = cfg.OptGroup(name='gnocchi_client',
                              title='Options for the Gnocchi datasource')

GNOCCHI_CLIENT_OPTS = [
    cfg.StrOpt('api_version',
               default='1',
               help='Gnocchi API version.'),
    cfg.StrOpt('endpoint_type',
               default='public',
               help='Endpoint interface to use (internal, public or admin).'),
    cfg.StrOpt('region_name',
               help='Region of the Gnocchi endpoint.'),
]


def register_opts(conf):
    conf.register_group(gnocchi_client)
    conf.register_opts(GNOCCHI_CLIENT_OPTS, group=gnocchi_client)


def list_opts():
    return [(gnocchi_client, GNOCCHI_CLIENT_OPTS)]
