"""Run ONESHOT and EVENT audits on the audit thread pool.

One runner per process (``get_runner()``): the RPC endpoint submits the
audits the API triggers, the recovery job the triggers that got lost. At
most ``[watcher_decision_engine] max_audit_workers`` audits run at once;
the others wait in the pool's queue (still PENDING).
"""
import threading

from oslo_log import log

from watcher.common import context as watcher_context
from watcher.common import exception
from watcher.common import executor
from watcher.decision_engine.audit import event
from watcher.decision_engine.audit import oneshot
from watcher import objects

LOG = log.getLogger(__name__)


class AuditRunner(object):

    def __init__(self, pool=None):
        self.pool = pool or executor.new_audit_pool()
        self._lock = threading.Lock()
        self._waiting = set()
        self.handlers = {
            'ONESHOT': oneshot.OneShotAuditHandler(),
            'EVENT': event.EventAuditHandler(),
        }

    def submit(self, audit_uuid, context=None):
        """Queue the audit; returns the future of its run, or None if it
        is already waiting in the queue."""
        context = context or watcher_context.get_admin_context()
        with self._lock:
            if audit_uuid in self._waiting:
                LOG.debug('Audit %s is already queued', audit_uuid)
                return None
            self._waiting.add(audit_uuid)
        return self.pool.submit(self.run, audit_uuid, context)

    def run(self, audit_uuid, context):
        with self._lock:
            self._waiting.discard(audit_uuid)
        try:
            audit = objects.Audit.get_by_uuid(context, audit_uuid)
        except exception.AuditNotFound:
            LOG.warning('Audit %s triggered but not found', audit_uuid)
            return
        handler = self.handlers.get(audit.audit_type)
        if handler is None:
            LOG.warning('Audit %s is %s: it is not triggered by RPC',
                        audit_uuid, audit.audit_type)
            return
        handler.execute(audit, context)

    def stop(self, timeout=None):
        """Drop queued audits (they stay PENDING) and give the running
        ones ``timeout`` seconds to finish (the next start cancels those
        still ONGOING)."""
        cancelled = self.pool.cancel_queued()
        if cancelled:
            LOG.info('%d queued audit(s) left PENDING at shutdown',
                     cancelled)
        waiter = threading.Thread(target=self.pool.shutdown,
                                  kwargs={'wait': True}, daemon=True)
        waiter.start()
        waiter.join(timeout)


_RUNNER = None
_LOCK = threading.Lock()


def get_runner():
    global _RUNNER
    with _LOCK:
        if _RUNNER is None:
            _RUNNER = AuditRunner()
        return _RUNNER


def reset_runner():
    """Forget the process runner (tests)."""
    global _RUNNER
    with _LOCK:
        _RUNNER = None
