"""Options listed by ``oslo-config-generator --namespace watcher``.

Static groups come from each ``watcher.conf.<group>`` module. Plugin groups
come from the plugins' ``get_config_opts()``; a plugin that cannot be
imported falls back to its declaration in ``watcher.conf.plugins``.
"""
from oslo_log import log
import stevedore

from watcher import conf
from watcher.conf import plugins

LOG = log.getLogger(__name__)


def _load_plugin_classes(namespace):
    """{name: class} of the plugins of ``namespace`` that import cleanly."""
    def _on_failure(manager, entrypoint, error):
        LOG.debug('Plugin %(name)s of %(ns)s not loaded: %(err)s',
                  {'name': entrypoint.name, 'ns': namespace, 'err': error})

    manager = stevedore.ExtensionManager(
        namespace=namespace, invoke_on_load=False,
        on_load_failure_callback=_on_failure)
    return {ext.name: ext.plugin for ext in manager.extensions}


def _plugin_config_opts(plugin_class):
    get_opts = getattr(plugin_class, 'get_config_opts', None)
    if get_opts is None:
        return None
    try:
        return list(get_opts() or [])
    except Exception as error:  # a broken plugin must not break the sample
        LOG.debug('get_config_opts() of %(cls)s failed: %(err)s',
                  {'cls': plugin_class, 'err': error})
        return None


def list_plugin_opts():
    """[(group name, opts)] of every configurable plugin, sorted."""
    declared = plugins.declared_plugin_opts()
    result = []
    for namespace in plugins.CONFIGURABLE_NAMESPACES:
        loaded = _load_plugin_classes(namespace)
        names = set(loaded) | {name for ns, name in declared
                               if ns == namespace}
        for name in sorted(names):
            opts = None
            if name in loaded:
                opts = _plugin_config_opts(loaded[name])
            if opts is None:
                opts = declared.get((namespace, name), [])
            if opts:
                result.append((plugins.group_name(namespace, name), opts))
    return result


def list_static_opts():
    """[(group, opts)] of every group registered by ``watcher.conf``."""
    result = []
    for module in conf.GROUP_MODULES:
        result.extend(module.list_opts())
    return result


def list_opts():
    """Entry point of the ``watcher`` oslo.config.opts namespace."""
    return list_static_opts() + list_plugin_opts()
