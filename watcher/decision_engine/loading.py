"""Load decision-engine plugins (goals, strategies, planners, scorers).

Plugins are stevedore entry points. Each plugin class may declare options
with ``get_config_opts()``; they live in the group ``[<namespace>.<name>]``
(for example ``[watcher_strategies.basic]``) and the plugin receives their
values as ``config`` (a dict readable as attributes).
"""
import collections

from oslo_log import log
from stevedore import driver as stevedore_driver
from stevedore import extension as stevedore_extension

from watcher.common import exception
from watcher import conf
from watcher.conf import plugins

LOG = log.getLogger(__name__)

GOALS = 'watcher_goals'
STRATEGIES = 'watcher_strategies'
PLANNERS = 'watcher_planners'
SCORING_ENGINES = 'watcher_scoring_engines'
SCORING_ENGINE_CONTAINERS = 'watcher_scoring_engine_containers'


PluginConfig = plugins.PluginConfig


def register_plugin_opts(namespace, name, plugin_class, config=None):
    """Register the plugin's options and return their current values."""
    return plugins.plugin_config(config or conf.CONF, namespace, name,
                                 plugin_class)


class PluginLoader(object):
    """Finds and instantiates the plugins of one namespace."""

    def __init__(self, namespace, config=None):
        self.namespace = namespace
        self.config = config or conf.CONF

    def _manager(self):
        return stevedore_extension.ExtensionManager(
            namespace=self.namespace, invoke_on_load=False)

    def list_available(self):
        """Plugin classes by entry point name, sorted by name.

        A plugin whose module cannot be imported is logged and left out.
        """
        available = collections.OrderedDict()
        for ext in sorted(self._manager().extensions, key=lambda e: e.name):
            available[ext.name] = ext.plugin
        return available

    def get_class(self, name):
        try:
            manager = stevedore_driver.DriverManager(
                namespace=self.namespace, name=name, invoke_on_load=False)
        except Exception as exc:
            LOG.warning('Cannot load %s plugin %r: %s',
                        self.namespace, name, exc)
            raise exception.LoadingError(name=name) from exc
        return manager.driver

    def load(self, name, **kwargs):
        """Instantiate the plugin ``name`` with its options as ``config``."""
        plugin_class = self.get_class(name)
        plugin_config = register_plugin_opts(
            self.namespace, name, plugin_class, self.config)
        try:
            return plugin_class(config=plugin_config, **kwargs)
        except exception.WatcherException:
            raise
        except Exception as exc:
            LOG.exception('Cannot instantiate %s plugin %r',
                          self.namespace, name)
            raise exception.LoadingError(name=name) from exc
