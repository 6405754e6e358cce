"""Load applier plugins: actions and workflow engines (stevedore).

A workflow engine may declare options with ``get_config_opts()``; they
are registered in ``[watcher_workflow_engines.<name>]`` when it loads and
passed to it as ``config`` (a dict readable as attributes).
"""
from oslo_log import log
from stevedore import driver as stevedore_driver
from stevedore import extension as stevedore_extension

from watcher.common import exception
from watcher import conf
from watcher.conf import plugins

CONF = conf.CONF
LOG = log.getLogger(__name__)

ACTIONS = 'watcher_actions'
WORKFLOW_ENGINES = plugins.WORKFLOW_ENGINES_NAMESPACE


PluginConfig = plugins.PluginConfig


def get_class(namespace, name):
    """The plugin class ``name`` of ``namespace`` or ``LoadingError``."""
    try:
        manager = stevedore_driver.DriverManager(
            namespace=namespace, name=name, invoke_on_load=False)
    except Exception as exc:
        LOG.warning('Cannot load %s plugin %r: %s', namespace, name, exc)
        raise exception.LoadingError(name=name) from exc
    return manager.driver


def list_classes(namespace):
    """``[(name, class)]`` of every loadable plugin, sorted by name."""
    manager = stevedore_extension.ExtensionManager(
        namespace=namespace, invoke_on_load=False,
        on_load_failure_callback=_log_failure)
    return sorted(((ext.name, ext.plugin) for ext in manager.extensions),
                  key=lambda item: item[0])


def _log_failure(manager, entry_point, exc):
    LOG.error('Cannot load plugin %s: %s', entry_point, exc)


def plugin_config(namespace, name, plugin_class, config=None):
    """Register the plugin's options; return their current values."""
    return plugins.plugin_config(config or CONF, namespace, name,
                                 plugin_class)


def load_workflow_engine(name=None, **kwargs):
    """Instantiate the workflow engine ``name`` (default: configured)."""
    name = name or CONF.watcher_applier.workflow_engine
    engine_class = get_class(WORKFLOW_ENGINES, name)
    config = plugin_config(WORKFLOW_ENGINES, name, engine_class)
    return engine_class(config=config, **kwargs)
