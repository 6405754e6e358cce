"""Watch the ``services`` rows of one service name and react to failures.

Every ``[DEFAULT] periodic_interval`` seconds the monitor reads the rows of
its service name (e.g. every ``watcher-applier``), computes each status the
way the API does (ACTIVE when the last heartbeat is at most
``service_down_time`` old, otherwise FAILED) and remembers it. Only the
leader - the alphabetically first ACTIVE host - runs the callbacks, so a
failed service is recovered exactly once however many peers watch it.
"""
import importlib
import threading

from oslo_log import log
from oslo_utils import timeutils

from watcher import conf
from watcher.common import context as watcher_context

CONF = conf.CONF
LOG = log.getLogger(__name__)

ACTIVE = 'ACTIVE'  # objects.service.ServiceStatus values
FAILED = 'FAILED'


def _objects():
    # watcher.common sits below watcher.objects: import at run time.
    return importlib.import_module('watcher.objects')


def get_service_status(service, now=None, down_time=None):
    """ACTIVE or FAILED, by the same rule as the API (objects.service)."""
    return _objects().service.get_status(service, now=now,
                                         down_time=down_time)


def elect_leader(statuses):
    """The alphabetically first host among ``{(host, id): status}`` ACTIVE."""
    active = sorted(host for (host, _id), status in statuses.items()
                    if status == ACTIVE)
    return active[0] if active else None


class ServiceMonitor:
    """Tracks peers' statuses; the leader is told about every change.

    ``on_status_change(service, old_status, new_status)`` runs on the
    leader for every change (``old_status`` is None the first time a row is
    seen); ``on_failed(service)`` runs on the leader when a service is
    first seen FAILED or goes from ACTIVE to FAILED. Callback errors are
    logged and do not stop the monitor.
    """

    def __init__(self, service_name, host=None, on_failed=None,
                 on_status_change=None, interval=None):
        self.service_name = service_name
        self.host = host or CONF.host
        self.on_failed = on_failed
        self.on_status_change = on_status_change
        self._interval = interval
        self._statuses = {}
        self._stop = threading.Event()
        self._thread = None
        self.leader = None

    @property
    def interval(self):
        if self._interval is not None:
            return self._interval
        return CONF.periodic_interval

    def _list_services(self):
        objects = _objects()
        ctx = watcher_context.get_admin_context()
        return objects.Service.list(
            ctx, filters={'name': self.service_name},
            sort_key='id', sort_dir='asc')

    def is_leader(self):
        return self.leader is not None and self.leader == self.host

    def check(self, now=None):
        """Refresh statuses once; return the changes seen.

        Each change is ``(service, old_status, new_status)``; callbacks run
        only when this host is the leader.
        """
        now = now or timeutils.utcnow()
        services = self._list_services()
        changes = []
        current = {}
        for service in services:
            key = (service.host, service.id)
            status = get_service_status(service, now=now)
            current[key] = status
            old = self._statuses.get(key)
            if old != status:
                changes.append((service, old, status))
        self._statuses = current
        self.leader = elect_leader(current)
        if self.is_leader():
            for service, old, new in changes:
                self._notify(service, old, new)
        return changes

    def _notify(self, service, old, new):
        LOG.info('Service %s on %s: %s -> %s', service.name, service.host,
                 old or 'unknown', new)
        if self.on_status_change is not None:
            self._call(self.on_status_change, service, old, new)
        if new == FAILED and self.on_failed is not None:
            self._call(self.on_failed, service)

    def _call(self, callback, *args):
        try:
            callback(*args)
        except Exception:
            LOG.exception('Service monitor callback %s failed',
                          getattr(callback, '__name__', callback))

    def _safe_check(self):
        try:
            self.check()
        except Exception:
            LOG.exception('Service monitor of %s could not read the '
                          'services', self.service_name)

    def start(self):
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name='monitor-%s' % self.service_name,
            daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(self.interval):
            self._safe_check()

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
