"""What every cluster data model collector does.

A collector owns the process's *master* model of one kind (compute,
storage, baremetal). Nothing is collected until some caller asks for the
model (an audit, ``GET /v1/data_model``) or the decision engine requests
it at start (``[collector] build_models_at_start``, our default; the
reference waits for the first audit), then ``synchronize()`` (run every
``period`` seconds by the decision engine) rebuilds it from the services.

Rebuild and notifications, without losing an update: a rebuild reads the
services *without* holding the lock, so notification endpoints keep
updating the current master meanwhile; every change they apply during the
rebuild is also written to a journal, replayed onto the new model right
before it replaces the master (under ``sync_lock``). Changes are plain
functions of a model (see ``apply_change``), so replaying one that the
rebuild already saw is harmless.

Change hook: ``add_change_listener(fn)`` registers ``fn(collector_name,
node_keys)``, called after each change of the master (a notification or a
rebuild) with the keys of the nodes that changed (compute: node uuids;
other models: an empty set, meaning "something changed"). Together with
``ModelRoot.get_node_generation`` this lets the decision engine tell when
a recommended action plan was computed on nodes that changed since.

Readers get ``get_latest_cluster_data_model()``: a cheap independent copy.
"""
import abc
import threading
import time

from oslo_log import log

from watcher.common import clients
from watcher.common import memory
from watcher.conf import plugins as plugin_opts

LOG = log.getLogger(__name__)


class BaseClusterDataModelCollector(object, metaclass=abc.ABCMeta):
    """Builds, keeps and updates one cluster data model."""

    #: entry point name and model kind ('compute', 'storage', 'baremetal')
    NAME = None
    #: JSON schema of this collector's part of an audit scope ({} if none)
    SCHEMA = {}
    #: catalog service types; the collector is unavailable without any
    SERVICE_TYPES = ()

    def __init__(self, config=None, osc=None):
        self.config = config if config is not None else {}
        self.osc = osc
        self.sync_lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._master = None
        self._journal = None
        self._requested = False
        self._listeners = []
        self.last_synchronized = None
        # Why the last build failed (None after a good one): audits that
        # find the model stale say it.
        self.last_build_error = None

    @classmethod
    def get_config_opts(cls):
        """``[watcher_cluster_data_model_collectors.<name>] period``."""
        return plugin_opts.collector_opts()

    @property
    def period(self):
        return getattr(self.config, 'period', None) or \
            dict(self.config).get('period', 3600)

    def connection(self):
        """The SDK connection to read the services with."""
        return self.osc or clients.get_sdk_connection()

    def is_available(self):
        """False when the catalog has none of ``SERVICE_TYPES``.

        None when that cannot be told (Keystone unreachable): the caller
        should keep the collector and let the builds report errors.
        """
        if not self.SERVICE_TYPES:
            return True
        try:
            conn = self.connection()
            return any(clients.has_service(conn, service_type)
                       for service_type in self.SERVICE_TYPES)
        except Exception as exc:
            LOG.warning('Cannot tell whether %s is available: %s',
                        self.NAME, exc)
            return None

    # -- to implement ------------------------------------------------------

    @abc.abstractmethod
    def build_model(self):
        """Read the services and return a new model (no lock held)."""

    @abc.abstractmethod
    def new_empty_model(self, stale=False):
        """An empty model of this collector's kind."""

    @abc.abstractmethod
    def get_audit_scope_handler(self, audit_scope):
        """The scope handler trimming this kind of model."""

    @property
    def notification_endpoints(self):
        """oslo.messaging notification endpoints updating the master."""
        return []

    def execute(self):
        """Build a model (the reference's name for ``build_model``)."""
        return self.build_model()

    # -- the master model --------------------------------------------------

    @property
    def cluster_data_model(self):
        """The master model itself (None until first built)."""
        return self._master

    @cluster_data_model.setter
    def cluster_data_model(self, model):
        self.set_cluster_data_model(model)

    def set_cluster_data_model(self, model):
        """Replace the master (tests, emulators); listeners are told."""
        with self.sync_lock:
            previous, self._master = self._master, model
            changed = self._inherit(model, previous)
        self._notify(changed)

    def set_cluster_data_model_as_stale(self):
        self.set_cluster_data_model(self.new_empty_model(stale=True))

    def reset(self):
        """Forget the master; the next reader triggers a new build."""
        with self.sync_lock:
            self._master = None

    def get_latest_cluster_data_model(self):
        """An independent copy of the master, built first if needed.

        A stale (empty, falsy) model is returned when no build succeeded.
        """
        self._requested = True
        if not self._usable():
            self._rebuild(only_if_unusable=True)
        with self.sync_lock:
            master = self._master
        if master is None:
            return self.new_empty_model(stale=True)
        return master.copy()

    def request_model(self):
        """Have the next ``synchronize()`` build the master even though
        no reader asked for it yet (``[collector] build_models_at_start``)."""
        self._requested = True

    # -- synchronisation ---------------------------------------------------

    def synchronize(self):
        """Rebuild the master from the services and swap it in.

        Does nothing until someone asked for the model (lazy, as the
        reference) or ``request_model()`` was called. A failed build keeps
        the previous master (or leaves a stale model when there is none)
        and is logged.
        """
        if not self._requested and self._master is None:
            LOG.debug('%s model not requested yet: not collecting',
                      self.NAME)
            return
        self._rebuild()

    def _usable(self):
        master = self._master
        return master is not None and bool(master)

    def _rebuild(self, only_if_unusable=False):
        """One build at a time; readers waiting for a first model reuse
        the build that was running when they arrived."""
        with self._build_lock:
            if only_if_unusable and self._usable():
                return
            with self.sync_lock:
                self._journal = []
            started = time.monotonic()
            try:
                model = self.build_model()
            except Exception as exc:
                LOG.exception('Building the %s cluster data model failed',
                              self.NAME)
                self.last_build_error = '%s: %s' % (type(exc).__name__, exc)
                with self.sync_lock:
                    self._journal = None
                    if self._master is None:
                        self._master = self.new_empty_model(stale=True)
                return
            with self.sync_lock:
                replayed = self._journal or []
                self._journal = None
                for change in replayed:
                    self._run_change(change, model)
                previous, self._master = self._master, model
                changed = self._inherit(model, previous)
                del previous, model
            self.last_synchronized = time.time()
            self.last_build_error = None
            LOG.info('%s cluster data model synchronized in %.2f s (%d '
                     'notification(s) replayed)', self.NAME,
                     time.monotonic() - started, len(replayed))
        self._notify(changed)
        # The previous master is garbage now.
        memory.release_if_grown('the %s model build' % self.NAME)

    @staticmethod
    def _inherit(model, previous):
        """Make ``model`` a master continuing ``previous``'s counters."""
        if model is None:
            return frozenset()
        enable = getattr(model, 'enable_change_tracking', None)
        if enable is not None:
            enable()
        inherit = getattr(model, 'inherit_generations', None)
        return inherit(previous) if inherit is not None else frozenset()

    @staticmethod
    def _run_change(change, model):
        try:
            change(model)
        except Exception:
            LOG.exception('Could not apply a model change (%s)',
                          getattr(change, 'description', change))

    def accepting_changes(self):
        """Whether a change would be applied now (see apply_change)."""
        return self._usable() or self._journal is not None

    def apply_change(self, change):
        """Apply ``change(model)`` to the master (and journal it).

        Ignored while there is no usable master and no build running (the
        next build reads the current state anyway). Returns True when the
        change reached the master or the journal.
        """
        with self.sync_lock:
            master = self._master
            usable = master is not None and bool(master)
            building = self._journal is not None
            if not usable and not building:
                LOG.debug('No %s model yet: change ignored', self.NAME)
                return False
            if building:
                self._journal.append(change)
            touched = frozenset()
            if usable:
                self._run_change(change, master)
                drain = getattr(master, 'drain_touched', None)
                touched = drain() if drain else frozenset()
        if usable:
            self._notify(touched)
        return True

    # -- listeners ---------------------------------------------------------

    def add_change_listener(self, listener):
        """Call ``listener(collector_name, node_keys)`` after changes."""
        self._listeners.append(listener)

    def remove_change_listener(self, listener):
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, node_keys):
        for listener in list(self._listeners):
            try:
                listener(self.NAME, node_keys)
            except Exception:
                LOG.exception('Model change listener %r failed', listener)
