"""The compute collector (entry point ``compute``): Nova and Placement."""
import threading
import time

from watcher.decision_engine.model.collector import base
from watcher.decision_engine.model.collector import nova_api
from watcher.decision_engine.model.collector import nova_builder
from watcher.decision_engine.model import model_root
from watcher.decision_engine.model.notification import nova as nova_events
from watcher.decision_engine.scope import compute as compute_scope
from watcher.decision_engine.scope import schemas


class NovaClusterDataModelCollector(base.BaseClusterDataModelCollector):
    """Keeps the compute model: hypervisors, servers and who hosts what."""

    NAME = 'compute'
    SCHEMA = schemas.COMPUTE_SCOPE_SCHEMA
    SERVICE_TYPES = ('compute',)
    #: seconds a host Nova has no (non-ironic) hypervisor for is not asked
    #: about again (notifications about baremetal instances name such hosts)
    UNKNOWN_HOST_TTL = 300

    def __init__(self, config=None, osc=None):
        super().__init__(config=config, osc=osc)
        self._unknown_hosts = {}
        self._unknown_lock = threading.Lock()

    @property
    def notification_endpoints(self):
        return [nova_events.InstanceNotificationEndpoint(self),
                nova_events.ServiceNotificationEndpoint(self)]

    def get_audit_scope_handler(self, audit_scope):
        return compute_scope.ComputeScope(audit_scope, self.config,
                                          osc=self.osc)

    def new_empty_model(self, stale=False):
        return model_root.ModelRoot(stale=stale)

    def build_model(self):
        return nova_builder.NovaModelBuilder(self.connection()).execute()

    def fetch_compute_node(self, hostname):
        """A node Nova announced but the model lacks (or None)."""
        now = time.monotonic()
        with self._unknown_lock:
            if self._unknown_hosts.get(hostname, 0) > now:
                return None
        node = nova_api.fetch_compute_node(self.connection(), hostname)
        if node is None:
            with self._unknown_lock:
                self._unknown_hosts[hostname] = now + self.UNKNOWN_HOST_TTL
        return node
