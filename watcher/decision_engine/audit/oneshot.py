"""ONESHOT audits: run once when the API asks, then SUCCEEDED."""
from oslo_log import log

from watcher.decision_engine.audit import base
from watcher.decision_engine.audit import claims
from watcher import objects

LOG = log.getLogger(__name__)


class OneShotAuditHandler(base.AuditHandler):

    AUDIT_TYPE = 'ONESHOT'
    STARTABLE_STATES = ('PENDING',)

    def on_action_plan_ongoing(self, audit, exc):
        """As the reference: the audit is CANCELLED, with the reason."""
        LOG.warning('Audit %s cancelled: %s', audit.uuid, exc)
        claims.try_update(
            audit,
            {'state': objects.audit.State.CANCELLED,
             'status_message': claims.short_message(
                 '%s Create the audit with force to run it anyway.' % exc)},
            expected={'state': audit.state}, what='cancel')

    def finish(self, audit):
        self.set_succeeded(audit)
