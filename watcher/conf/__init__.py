"""Watcher configuration.

Importing this package registers every static option group on the global
``cfg.CONF`` (oslo.messaging and oslo.policy need that same object). Plugin
groups (``[watcher_strategies.<name>]`` ...) are registered by the plugins
when they load; their declarations live in ``watcher.conf.plugins``.
"""
from oslo_config import cfg

from watcher.conf import aetos_client
from watcher.conf import api
from watcher.conf import applier
from watcher.conf import cinder
from watcher.conf import clients_auth
from watcher.conf import collector
from watcher.conf import compute_model
from watcher.conf import database
from watcher.conf import datasources
from watcher.conf import decision_engine
from watcher.conf import default
from watcher.conf import gnocchi_client
from watcher.conf import grafana_client
from watcher.conf import grafana_translators
from watcher.conf import ironic_client
from watcher.conf import keystone
from watcher.conf import maas_client
from watcher.conf import nova
from watcher.conf import placement
from watcher.conf import planner
from watcher.conf import prometheus_client

CONF = cfg.CONF

# Every static group module, alphabetical; opts.list_opts() walks the same
# tuple so the sample and the registered options never drift apart.
GROUP_MODULES = (
    aetos_client,
    api,
    applier,
    cinder,
    clients_auth,
    collector,
    compute_model,
    database,
    datasources,
    decision_engine,
    default,
    gnocchi_client,
    grafana_client,
    grafana_translators,
    ironic_client,
    keystone,
    maas_client,
    nova,
    placement,
    planner,
    prometheus_client,
)


def register_opts(conf):
    """Register every static group on ``conf`` (done for CONF at import)."""
    for module in GROUP_MODULES:
        module.register_opts(conf)


register_opts(CONF)
