"""Thread pools (futurist) sized from the configuration.

Native threads only. Each pool carries a name so that, with
``[DEFAULT] print_thread_pool_stats``, the debug log says which pool is
saturated when work piles up.
"""
import threading

import futurist
from oslo_log import log

from watcher import conf

CONF = conf.CONF
LOG = log.getLogger(__name__)

AUDIT_POOL = 'audit'
GENERAL_POOL = 'general'
APPLIER_POOL = 'applier'


class NamedThreadPool(futurist.ThreadPoolExecutor):
    """A ThreadPoolExecutor that can log its statistics at submit time."""

    def __init__(self, name, max_workers, log_stats=None):
        super().__init__(max_workers=max_workers)
        self.name = name
        self.max_workers = max_workers
        self._log_stats = log_stats
        self._pending = set()
        self._pending_lock = threading.Lock()

    def submit(self, fn, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        with self._pending_lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)
        if self._should_log_stats():
            LOG.debug('Thread pool %s: %s', self.name, self.describe())
        return future

    def _forget(self, future):
        with self._pending_lock:
            self._pending.discard(future)

    def cancel_queued(self):
        """Cancel work not started yet; return how many were cancelled."""
        with self._pending_lock:
            pending = list(self._pending)
        return sum(1 for future in pending if future.cancel())

    def _should_log_stats(self):
        if self._log_stats is not None:
            return self._log_stats
        return CONF.print_thread_pool_stats

    def describe(self):
        """One line of statistics, e.g. for the debug log."""
        stats = self.statistics
        return ('max_workers=%(max)d workers=%(workers)d idle=%(idle)d '
                'queued=%(queued)d executed=%(executed)d '
                'failures=%(failures)d cancelled=%(cancelled)d '
                'average_runtime=%(runtime).3fs' % {
                    'max': self.max_workers,
                    'workers': self.num_workers,
                    'idle': self.get_num_idle_workers(),
                    'queued': self.queue_size,
                    'executed': stats.executed,
                    'failures': stats.failures,
                    'cancelled': stats.cancelled,
                    'runtime': (stats.runtime / stats.executed
                                if stats.executed else 0.0)})


def new_audit_pool():
    """Pool running audits (``max_audit_workers`` at the same time)."""
    return NamedThreadPool(
        AUDIT_POOL, CONF.watcher_decision_engine.max_audit_workers)


def new_general_pool():
    """Pool for other concurrent decision-engine work (model building)."""
    return NamedThreadPool(
        GENERAL_POOL, CONF.watcher_decision_engine.max_general_workers)


def new_applier_pool():
    """Pool running action plans (``[watcher_applier] workers``)."""
    return NamedThreadPool(APPLIER_POOL, CONF.watcher_applier.workers)


_GENERAL = None
_GENERAL_LOCK = threading.Lock()


def get_general_pool():
    """The process-wide general pool, created on first use."""
    global _GENERAL
    with _GENERAL_LOCK:
        if _GENERAL is None or not _GENERAL.alive:
            _GENERAL = new_general_pool()
        return _GENERAL


def shutdown_general_pool(timeout=None):
    global _GENERAL
    with _GENERAL_LOCK:
        pool, _GENERAL = _GENERAL, None
    if pool is None:
        return True
    return shutdown_pool(pool, timeout=timeout)


def shutdown_pool(pool, timeout=None, cancel_queued=True):
    """Stop a pool, waiting at most ``timeout`` seconds for running work.

    Work that has not started yet is cancelled when ``cancel_queued`` (the
    owner is expected to hand it back, e.g. leave the audit PENDING).
    Returns True when every running task finished in time.
    """
    if cancel_queued and hasattr(pool, 'cancel_queued'):
        cancelled = pool.cancel_queued()
        if cancelled:
            LOG.info('Thread pool %s: %d queued task(s) cancelled',
                     pool.name, cancelled)
    waiter = threading.Thread(
        target=pool.shutdown, kwargs={'wait': True},
        name='shutdown-%s' % getattr(pool, 'name', 'pool'), daemon=True)
    waiter.start()
    waiter.join(timeout)
    finished = not waiter.is_alive()
    if not finished:
        LOG.warning('Thread pool %s still has running work after %s s; '
                    'leaving it behind', getattr(pool, 'name', pool),
                    timeout)
    return finished
