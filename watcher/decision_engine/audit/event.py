"""EVENT audits: run each time the webhook fires, then SUCCEEDED.

They start from PENDING or SUCCEEDED (the webhook accepts only those), so
an event audit can run many times; each run adds an action plan.
"""
from watcher.decision_engine.audit import base


class EventAuditHandler(base.AuditHandler):

    AUDIT_TYPE = 'EVENT'
    STARTABLE_STATES = ('PENDING', 'SUCCEEDED')

    def finish(self, audit):
        self.set_succeeded(audit)
