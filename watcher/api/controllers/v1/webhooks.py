"""``POST /v1/webhooks/{audit_ident}``: run an EVENT audit now (202).

With ``[api] enable_webhooks_auth`` (default) the route needs a token and
the ``webhook:trigger`` policy; without it the route is public.
"""

from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher.common import exception
from watcher import conf
from watcher.decision_engine import rpcapi
from watcher import objects

CONF = conf.CONF


class WebhookController(rest.RestController):
    """REST controller for webhooks."""

    @wsme_pecan.wsexpose(None, wtypes.text, body=types.jsontype,
                         status_code=202)
    def post(self, audit_ident, body=None):
        """Trigger an EVENT audit; the body is accepted and ignored."""
        if CONF.api.enable_webhooks_auth:
            api_utils.enforce('webhook:trigger')
        audit = api_utils.get_resource(objects.Audit, audit_ident)
        audit_state = objects.audit.State
        if audit.audit_type != objects.audit.AuditType.EVENT:
            raise exception.AuditTypeNotAllowed(audit_type=audit.audit_type)
        if audit.state not in (audit_state.PENDING, audit_state.SUCCEEDED):
            raise exception.AuditStateNotAllowed(state=audit.state)
        rpcapi.DecisionEngineAPI().trigger_audit(api_utils.context(),
                                                 audit.uuid)
