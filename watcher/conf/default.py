"""Options of the [DEFAULT] group owned by Watcher.

Service identity, heartbeat timing, filesystem paths and the notification
gate. Logging and messaging defaults come from oslo.log / oslo.messaging.
"""
import os
import socket

from oslo_config import cfg

# The package directory (watcher/); state_path and bindir derive from it.
_PACKAGE_DIR = os.path.abspath(os.path.dirname(os.path.dirname(__file__)))

NOTIFICATION_LEVELS = ['', 'debug', 'info', 'warning', 'error', 'critical']

PATH_OPTS = [
    cfg.StrOpt('pybasedir',
               default=_PACKAGE_DIR,
               sample_default='/usr/lib/python/site-packages/watcher',
               help='Directory where the watcher python module is '
                    'installed.'),
    cfg.StrOpt('bindir',
               default='$pybasedir/bin',
               deprecated_for_removal=True,
               deprecated_reason='Not used by any Watcher service.',
               help='Directory where watcher binaries are installed.'),
    cfg.StrOpt('state_path',
               default='$pybasedir',
               help="Top-level directory for Watcher's state (for example "
                    "the default SQLite database)."),
]

SERVICE_OPTS = [
    cfg.IntOpt('periodic_interval',
               default=60,
               mutable=True,
               help='Seconds between two runs of the periodic tasks '
                    '(service heartbeat, applier failover monitor).'),
    cfg.HostAddressOpt('host',
                       default=socket.gethostname(),
                       sample_default='<hostname>',
                       help='Name of this node. Stored as the service host, '
                            'used as RPC server name and in notification '
                            'publisher ids. Must be a valid hostname, FQDN '
                            'or IP address.'),
    cfg.IntOpt('service_down_time',
               default=90,
               help='Seconds since the last heartbeat after which a '
                    'service is reported as FAILED.'),
    cfg.BoolOpt('print_thread_pool_stats',
                default=False,
                help='Log statistics of the thread pools at debug level.'),
    cfg.BoolOpt('enable_authentication',
                default=True,
                help='Require a Keystone token on the API. When False the '
                     'request identity is read from the X-User-Id, '
                     'X-Project-Id and X-Roles headers.'),
    cfg.BoolOpt('fatal_exception_format_errors',
                default=False,
                help='Raise, instead of logging, when an exception message '
                     'cannot be formatted (for tests).'),
    cfg.StrOpt('notification_level',
               choices=NOTIFICATION_LEVELS,
               default='info',
               help='Lowest priority of the versioned notifications that '
                    'are emitted. An empty value disables them.'),
]

DEFAULT_OPTS = PATH_OPTS + SERVICE_OPTS


def register_opts(conf):
    conf.register_opts(DEFAULT_OPTS)


def list_opts():
    return [('DEFAULT', DEFAULT_OPTS)]


def state_path_def(*parts):
    """A path under ``$state_path``, left for oslo.config to expand."""
    return os.path.join('$state_path', *parts)
