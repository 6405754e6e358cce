"""The [watcher_clients_auth] group: Watcher's own service credentials.

Used to talk to the other OpenStack services when a service group
([nova], [cinder], ...) does not carry credentials of its own.
"""
from oslo_config import cfg

from watcher.conf import ksa

watcher_clients_auth = cfg.OptGroup(
    name='watcher_clients_auth',
    title='Credentials Watcher uses to call other services')


def register_opts(conf):
    conf.register_group(watcher_clients_auth)
    ksa.register_auth_only_opts(conf, watcher_clients_auth.name)


def list_opts():
    return [(watcher_clients_auth, ksa.auth_sample_opts())]
