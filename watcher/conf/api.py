"""The [api] group: where and how watcher-api listens."""
from oslo_config import cfg

api = cfg.OptGroup(name='api', title='Options for the Watcher API service')

API_OPTS = [
    cfg.PortOpt('port',
                default=9322,
                help='TCP port on which watcher-api listens.'),
    cfg.HostAddressOpt('host',
                       default='127.0.0.1',
                       help='IP address or hostname on which watcher-api '
                            'listens.'),
    cfg.IntOpt('max_limit',
               default=1000,
               help='Largest number of items a collection returns in one '
                    'page; also the page size when no limit is given.'),
    cfg.IntOpt('workers',
               min=1,
               help='Number of watcher-api worker processes. Defaults to '
                    'the number of CPUs.'),
    cfg.BoolOpt('enable_ssl_api',
                default=False,
                help='Serve HTTPS from the built-in server (needs the '
                     '[ssl] options).'),
    cfg.BoolOpt('enable_webhooks_auth',
                default=True,
                help='Require authentication and the webhook:trigger policy '
                     'on /v1/webhooks. When False, webhooks are public.'),
    cfg.ListOpt('noauth_default_roles',
                default=['admin'],
                help='Only when [DEFAULT] enable_authentication is False: '
                     'roles given to requests that carry no X-Roles '
                     'header (such as "openstack --os-auth-type none '
                     'optimize ..."). Set it to an empty list for the '
                     'reference behaviour, where such requests have no '
                     'role and are denied by the default policies.'),
]


def register_opts(conf):
    conf.register_group(api)
    conf.register_opts(API_OPTS, group=api)


def list_opts():
    return [(api, API_OPTS)]
