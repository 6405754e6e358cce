"""RPC endpoint ``trigger_audit``: run a ONESHOT or EVENT audit.

The call is a cast: the audit is queued on the audit pool and the uuid is
returned at once; the audit's state tells the outcome.
"""
from oslo_log import log

from watcher.decision_engine.audit import runner

LOG = log.getLogger(__name__)


class AuditEndpoint(object):

    def __init__(self, audit_runner=None):
        self._runner = audit_runner

    @property
    def runner(self):
        return self._runner or runner.get_runner()

    def trigger_audit(self, context, audit_uuid):
        LOG.info('Audit %s triggered', audit_uuid)
        self.runner.submit(audit_uuid, context)
        return audit_uuid

    def stop(self, timeout=None):
        self.runner.stop(timeout=timeout)
