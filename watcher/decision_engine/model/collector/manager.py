"""Which cluster data model collectors run in this process.

One collector instance per name and per process (the notification
endpoints, the periodic synchronisation and every reader must share the
same master model). ``get_collectors()`` returns the collectors enabled by
``[collector] collector_plugins`` whose service is in the catalog; one
whose service is absent is left out with a warning.
``get_cluster_model_collector(name)`` loads any installed collector, even
one not enabled.
"""
import collections
import threading

from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.conf import plugins
from watcher.decision_engine import loading

CONF = conf.CONF
LOG = log.getLogger(__name__)

_COLLECTORS = {}
_LOCK = threading.Lock()


def reset_collectors():
    """Forget every collector instance (tests, service restarts)."""
    with _LOCK:
        _COLLECTORS.clear()


class CollectorManager(object):
    """Finds and keeps the process's collectors."""

    def __init__(self):
        self.loader = loading.PluginLoader(plugins.COLLECTORS_NAMESPACE)

    def get_cluster_model_collector(self, name, osc=None):
        """The collector ``name``; DataModelTypeNotFound if none is."""
        with _LOCK:
            collector = _COLLECTORS.get(name)
            if collector is not None:
                return collector
            if name not in self.loader.list_available():
                raise exception.DataModelTypeNotFound(data_model_type=name)
            collector = self.loader.load(name, osc=osc)
            _COLLECTORS[name] = collector
            return collector

    def get_collectors(self):
        """Enabled and available collectors, by name in config order."""
        collectors = collections.OrderedDict()
        for name in CONF.collector.collector_plugins:
            try:
                collector = self.get_cluster_model_collector(name)
            except exception.WatcherException as exc:
                LOG.warning('Cluster data model collector %s cannot be '
                            'loaded: %s', name, exc)
                continue
            if collector.is_available() is False:
                LOG.warning('Cluster data model collector %s disabled: no '
                            '%s service in the catalog', name,
                            ' or '.join(collector.SERVICE_TYPES))
                continue
            collectors[name] = collector
        return collectors

    def get_notification_endpoints(self):
        """Endpoints of the enabled collectors, for the listener."""
        return [endpoint for collector in self.get_collectors().values()
                for endpoint in collector.notification_endpoints]
