"""What ``watcher.common.service.Service`` expects from a manager.

A manager names its service, its RPC topic and endpoints, and owns the
background jobs of the process. Jobs are objects with ``start()`` and
``stop()`` (``stop`` may take ``timeout``); they start in the order they
were added and stop in reverse order, after RPC stopped taking work.
"""
import importlib
import inspect

from oslo_log import log

LOG = log.getLogger(__name__)


def load_endpoints(specs, service_name):
    """Instantiate ``(module, class)`` endpoints; skip and log missing ones.

    A missing endpoint must not stop the service from starting (its peers
    still need the heartbeat and the other endpoints), but it is an error.
    """
    endpoints = []
    for module_name, class_name in specs:
        try:
            module = importlib.import_module(module_name)
            endpoint_class = getattr(module, class_name)
        except (ImportError, AttributeError) as exc:
            LOG.error('%s: RPC endpoint %s.%s is not available (%s); its '
                      'methods will not be served', service_name,
                      module_name, class_name, exc)
            continue
        endpoints.append(endpoint_class())
    return endpoints


class ManagerBase:
    """Holds the RPC description and the background jobs of a service."""

    service_name = None
    api_version = '1.0'

    def __init__(self):
        self.conductor_topic = None
        self.conductor_endpoints = []
        self.notification_topics = []
        self.notification_endpoints = []
        self.background_jobs = []

    def add_background_job(self, job):
        self.background_jobs.append(job)

    def start(self):
        for job in self.background_jobs:
            job.start()

    def stop(self, timeout=None):
        for job in reversed(self.background_jobs):
            try:
                if 'timeout' in inspect.signature(job.stop).parameters:
                    job.stop(timeout=timeout)
                else:
                    job.stop()
            except Exception:
                LOG.exception('%s: error while stopping %r',
                              self.service_name, job)
        for endpoint in self.conductor_endpoints:
            # Endpoints that own a thread pool finish (or hand back) work.
            stop = getattr(endpoint, 'stop', None)
            if callable(stop):
                try:
                    if 'timeout' in inspect.signature(stop).parameters:
                        stop(timeout=timeout)
                    else:
                        stop()
                except Exception:
                    LOG.exception('%s: error while stopping endpoint %r',
                                  self.service_name, endpoint)
