"""``/v1``: the v1 root document, microversion checks and sub-resources."""

import pecan
from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher.api.controllers import link
from watcher.api.controllers import microversion
from watcher.api.controllers.v1 import action
from watcher.api.controllers.v1 import action_plan
from watcher.api.controllers.v1 import audit
from watcher.api.controllers.v1 import audit_template
from watcher.api.controllers.v1 import data_model
from watcher.api.controllers.v1 import goal
from watcher.api.controllers.v1 import scoring_engine
from watcher.api.controllers.v1 import service
from watcher.api.controllers.v1 import strategy
from watcher.api.controllers.v1 import versions
from watcher.api.controllers.v1 import webhooks

# Collections listed in GET /v1 at every version (no goals/strategies,
# like the reference), then the ones added by a microversion.
ALWAYS_LISTED = ('audit_templates', 'audits', 'actions', 'action_plans',
                 'scoring_engines', 'services')
LISTED_FROM = (('data_model', versions.VERSIONS.MINOR_3_DATAMODEL),
               ('webhooks', versions.VERSIONS.MINOR_4_WEBHOOK_API))


class MediaType(wtypes.Base):
    """A media type representation."""

    base = wtypes.text
    type = wtypes.text

    def __init__(self, base, type):
        self.base = base
        self.type = type


def _collection_links(url, name):
    return [link.Link.make_link('self', url, name, ''),
            link.Link.make_link('bookmark', url, name, '', bookmark=True)]


class V1(wtypes.Base):
    """The representation of the version 1 of the API."""

    id = wtypes.text
    """The ID of the version, also acts as the release number."""

    media_types = [MediaType]
    """An array of supported media types for this version."""

    links = [link.Link]
    """Links that point to a specific URL for this version and its doc."""

    audit_templates = [link.Link]
    audits = [link.Link]
    data_model = [link.Link]
    actions = [link.Link]
    action_plans = [link.Link]
    scoring_engines = [link.Link]
    services = [link.Link]
    webhooks = [link.Link]

    @staticmethod
    def convert():
        url = pecan.request.application_url
        v1 = V1()
        v1.id = 'v1'
        v1.links = [
            link.Link.make_link('self', url, 'v1', '', bookmark=True),
            link.Link.make_link('describedby', 'http://docs.openstack.org',
                                'developer/watcher/dev', 'api-spec-v1.html',
                                bookmark=True, type='text/html')]
        v1.media_types = [MediaType(
            'application/json', 'application/vnd.openstack.watcher.v1+json')]
        for name in ALWAYS_LISTED:
            setattr(v1, name, _collection_links(url, name))
        for name, minor in LISTED_FROM:
            if microversion.allows(minor):
                setattr(v1, name, _collection_links(url, name))
        return v1


class Controller(rest.RestController):
    """Version 1 API controller root."""

    audit_templates = audit_template.AuditTemplatesController()
    audits = audit.AuditsController()
    actions = action.ActionsController()
    action_plans = action_plan.ActionPlansController()
    goals = goal.GoalsController()
    scoring_engines = scoring_engine.ScoringEngineController()
    services = service.ServicesController()
    strategies = strategy.StrategiesController()
    data_model = data_model.DataModelController()
    webhooks = webhooks.WebhookController()

    @wsme_pecan.wsexpose(V1)
    def get(self):
        # NOTE: no policy check, like the reference (a token is needed).
        return V1.convert()

    @pecan.expose()
    def _route(self, args, request=None):
        """Resolve the microversion before dispatching any /v1 request."""
        version = microversion.parse_headers(pecan.request.headers)
        microversion.check_supported(version)
        pecan.request.version = version
        headers = pecan.response.headers
        headers.update(microversion.range_headers())
        headers[microversion.HEADER] = '%s %s' % (
            microversion.SERVICE_TYPE, version)
        return super(Controller, self)._route(args, request)
