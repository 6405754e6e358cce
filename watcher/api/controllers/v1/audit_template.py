"""``/v1/audit_templates``: reusable goal/strategy/scope/parameters sets."""

import pecan
from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher._i18n import _
from watcher.api.controllers import base
from watcher.api.controllers import link
from watcher.api.controllers import microversion
from watcher.api.controllers.v1 import collection
from watcher.api.controllers.v1 import listing
from watcher.api.controllers.v1 import parameters
from watcher.api.controllers.v1 import patch as json_patch
from watcher.api.controllers.v1 import resolve
from watcher.api.controllers.v1 import scope as audit_scope
from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher.api.controllers.v1 import versions
from watcher.common import exception
from watcher import objects

SORT_KEYS = ('id', 'uuid', 'name', 'description', 'scope',
             'default_parameters', 'goal_id', 'strategy_id', 'goal',
             'strategy', 'created_at', 'updated_at', 'deleted_at')
API_SORT_KEYS = ('goal_uuid', 'goal_name', 'strategy_uuid', 'strategy_name')
BRIEF_FIELDS = ('uuid', 'name', 'goal_uuid', 'goal_name', 'strategy_uuid',
                'strategy_name', 'scope', 'links')
MINOR_DEFAULT_PARAMS = versions.VERSIONS.MINOR_7_AUDIT_TEMPLATE_DEFAULT_PARAMS


class AuditTemplatePostType(wtypes.Base):
    """Body of ``POST /v1/audit_templates``."""

    name = wtypes.wsattr(wtypes.text, mandatory=True)
    """Name of this audit template."""

    description = wtypes.wsattr(wtypes.text, mandatory=False)
    """Short description of this audit template."""

    goal = wtypes.wsattr(wtypes.text, mandatory=True)
    """Goal uuid or name of the audit template."""

    strategy = wtypes.wsattr(wtypes.text, mandatory=False)
    """Strategy uuid or name of the audit template."""

    scope = wtypes.wsattr(types.jsontype, mandatory=False, default=[])
    """Audit scope."""

    default_parameters = wtypes.wsattr({wtypes.text: types.jsontype},
                                       mandatory=False)
    """Default strategy parameters of audits created from it (1.7)."""


class AuditTemplatePatchType(json_patch.JsonPatchType):
    """An operation of ``PATCH /v1/audit_templates/{ident}``."""


def check_default_parameters(default_parameters, strategy_obj):
    """Validate template default parameters against the strategy schema."""
    if not default_parameters:
        return
    if strategy_obj is None:
        raise exception.Invalid(
            _('default_parameters requires a strategy to be specified'))
    schema = strategy_obj.parameters_spec
    if schema:
        parameters.validate_default_parameters(schema, default_parameters)


class AuditTemplate(base.APIBase):
    """API representation of an audit template."""

    uuid = types.uuid
    """Unique UUID for this audit template."""

    name = wtypes.text
    """Name of this audit template."""

    description = wtypes.wsattr(wtypes.text, mandatory=False)
    """Short description of this audit template."""

    goal_uuid = wtypes.text
    """Goal UUID the audit template refers to."""

    goal_name = wtypes.text
    """The name of the goal this audit template refers to."""

    strategy_uuid = wtypes.text
    """Strategy UUID the audit template refers to (or null)."""

    strategy_name = wtypes.text
    """The name of the strategy this audit template refers to (or null)."""

    scope = wtypes.wsattr(types.jsontype, mandatory=False)
    """Audit scope."""

    default_parameters = wtypes.wsattr(types.jsontype, mandatory=False)
    """Default strategy parameters (shown from 1.7)."""

    links = wtypes.wsattr([link.Link], readonly=True)
    """Self and bookmark links."""

    @classmethod
    def convert(cls, template, detail=True):
        goal = listing.related(template, 'goal')
        strategy = listing.related(template, 'strategy')
        api_template = cls(
            uuid=template.uuid, name=template.name,
            description=template.description,
            goal_uuid=goal.uuid if goal else None,
            goal_name=goal.name if goal else None,
            strategy_uuid=strategy.uuid if strategy else None,
            strategy_name=strategy.name if strategy else None,
            scope=list(template.scope or []),
            default_parameters=dict(template.default_parameters or {}))
        api_template.set_timestamps(template)
        api_template.links = link.self_and_bookmark(
            listing.host_url(), 'audit_templates', template.uuid)
        if not detail:
            api_template.unset_fields_except(BRIEF_FIELDS)
        elif not microversion.allows(MINOR_DEFAULT_PARAMS):
            api_template.default_parameters = wtypes.Unset
        return api_template


class AuditTemplateCollection(collection.Collection):
    """API representation of a collection of audit templates."""

    audit_templates = [AuditTemplate]
    _type = 'audit_templates'


def _reject_default_parameters_below_1_7(present):
    if present and not microversion.allows(MINOR_DEFAULT_PARAMS):
        raise exception.NotAcceptable()


class AuditTemplatesController(rest.RestController):
    """REST controller for audit templates."""

    _custom_actions = {
        'detail': ['GET'],
    }

    def _get_collection(self, filters, marker, limit, sort_key, sort_dir,
                        detail, resource_url='audit_templates'):
        return listing.get_collection(
            obj_cls=objects.AuditTemplate,
            collection_cls=AuditTemplateCollection,
            convert=lambda t: AuditTemplate.convert(t, detail=detail),
            resource_url=resource_url, marker=marker, limit=limit,
            sort_key=sort_key, sort_dir=sort_dir, sort_keys=SORT_KEYS,
            api_sort_keys=API_SORT_KEYS, filters=filters, eager=True)

    @staticmethod
    def _filters(goal, strategy):
        filters = api_utils.uuid_or_name_filter('goal', goal)
        filters.update(api_utils.uuid_or_name_filter('strategy', strategy))
        return filters

    @wsme_pecan.wsexpose(AuditTemplateCollection, wtypes.text, wtypes.text,
                         types.uuid, int, wtypes.text, wtypes.text)
    def get_all(self, goal=None, strategy=None, marker=None, limit=None,
                sort_key='id', sort_dir='asc'):
        """Retrieve a list of audit templates (filter: goal, strategy)."""
        api_utils.enforce('audit_template:get_all')
        return self._get_collection(self._filters(goal, strategy), marker,
                                    limit, sort_key, sort_dir, detail=False)

    @wsme_pecan.wsexpose(AuditTemplateCollection, wtypes.text, wtypes.text,
                         types.uuid, int, wtypes.text, wtypes.text)
    def detail(self, goal=None, strategy=None, marker=None, limit=None,
               sort_key='id', sort_dir='asc'):
        """Retrieve a list of audit templates with detail."""
        api_utils.enforce('audit_template:detail')
        api_utils.check_parent('audit_templates')
        return self._get_collection(self._filters(goal, strategy), marker,
                                    limit, sort_key, sort_dir, detail=True,
                                    resource_url='audit_templates/detail')

    @wsme_pecan.wsexpose(AuditTemplate, wtypes.text)
    def get_one(self, audit_template):
        """Retrieve one audit template by id, uuid or name."""
        rpc_template = api_utils.get_resource(objects.AuditTemplate,
                                              audit_template, eager=True)
        api_utils.enforce('audit_template:get', rpc_template)
        return AuditTemplate.convert(rpc_template)

    @wsme_pecan.wsexpose(AuditTemplate, body=AuditTemplatePostType,
                         status_code=201)
    def post(self, audit_template_postdata):
        """Create a new audit template."""
        api_utils.enforce('audit_template:create')
        body = audit_template_postdata
        default_parameters = body.default_parameters or {}
        _reject_default_parameters_below_1_7(bool(default_parameters))

        goal = resolve.goal(body.goal)
        strategy = None
        if body.strategy:
            strategy = resolve.strategy(body.strategy)
            resolve.check_strategy_of_goal(strategy, goal)
        check_default_parameters(default_parameters, strategy)
        scope = audit_scope.validate(body.scope)

        values = {
            'name': body.name,
            'description': (None if body.description is wtypes.Unset
                            else body.description),
            'goal_id': goal.id,
            'strategy_id': strategy.id if strategy else None,
            'scope': scope,
            'default_parameters': default_parameters,
        }
        new_template = objects.AuditTemplate(api_utils.context(), **values)
        new_template.create()
        pecan.response.location = link.build_url(
            'audit_templates', new_template.uuid)
        return AuditTemplate.convert(new_template)

    @wsme_pecan.wsexpose(AuditTemplate, wtypes.text,
                         body=[AuditTemplatePatchType])
    def patch(self, audit_template, patch):
        """Update an audit template with a JSON patch."""
        template = api_utils.get_resource(objects.AuditTemplate,
                                          audit_template)
        api_utils.enforce('audit_template:update', template)
        touched = {json_patch.top_attribute(op) for op in patch}
        _reject_default_parameters_below_1_7(
            'default_parameters' in touched)
        if (template.default_parameters
                and touched & {'goal', 'goal_id', 'strategy', 'strategy_id'}
                and 'default_parameters' not in touched):
            raise exception.Conflict(
                _('Updating goal or strategy on a template that has '
                  'default_parameters requires providing updated '
                  'default_parameters in the same request'))
        patch = [self._rewrite(op) for op in patch]

        original = json_patch.object_doc(template)
        patched = json_patch.apply(original, patch)
        self._check_patched(template, patched, touched)
        json_patch.write_back(template, original, patched, patch)
        template.save()
        return AuditTemplate.convert(
            objects.AuditTemplate.get_by_uuid(api_utils.context(),
                                              template.uuid, eager=True))

    @staticmethod
    def _rewrite(operation):
        """``/goal`` and ``/strategy`` take references; store their ids."""
        attribute = json_patch.top_attribute(operation)
        if attribute == 'goal':
            if operation['op'] == 'remove':
                raise exception.Invalid(
                    _("Cannot remove 'goal' attribute from an audit "
                      "template"))
            goal = resolve.goal(operation['value'])
            return dict(operation, path='/goal_id', value=goal.id)
        if attribute == 'strategy':
            operation = dict(operation, path='/strategy_id')
            if operation.get('value'):
                operation['value'] = resolve.strategy(operation['value']).id
            return operation
        return operation

    @staticmethod
    def _check_patched(template, patched, touched):
        """Re-validate what the patch may have broken (a taken name is
        refused by the database layer with a 409)."""
        if 'scope' in touched:
            patched['scope'] = audit_scope.validate(patched.get('scope'))
        strategy = None
        if patched.get('strategy_id'):
            strategy = resolve.strategy(patched['strategy_id'])
        if patched.get('goal_id') is None:
            raise exception.Invalid(
                _("Cannot remove 'goal' attribute from an audit template"))
        if strategy and touched & {'goal', 'goal_id', 'strategy',
                                   'strategy_id'}:
            resolve.check_strategy_of_goal(strategy,
                                           resolve.goal(patched['goal_id']))
        check_default_parameters(patched.get('default_parameters'), strategy)

    @wsme_pecan.wsexpose(None, wtypes.text, status_code=204)
    def delete(self, audit_template):
        """Soft-delete an audit template (audits keep their copy)."""
        template = api_utils.get_resource(objects.AuditTemplate,
                                          audit_template)
        api_utils.enforce('audit_template:delete', template)
        template.soft_delete()
