"""``/v1/audits``: requests to the decision engine for an action plan."""

import datetime

import pecan
from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher._i18n import _
from watcher.api.controllers import base
from watcher.api.controllers import link
from watcher.api.controllers import microversion
from watcher.api.controllers.v1 import audit_checks
from watcher.api.controllers.v1 import audit_create
from watcher.api.controllers.v1 import collection
from watcher.api.controllers.v1 import listing
from watcher.api.controllers.v1 import parameters
from watcher.api.controllers.v1 import patch as json_patch
from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher.api.controllers.v1 import versions
from watcher.common import exception
from watcher import objects
from watcher.objects import states

SORT_KEYS = ('id', 'uuid', 'name', 'audit_type', 'state', 'parameters',
             'interval', 'scope', 'goal_id', 'strategy_id', 'auto_trigger',
             'next_run_time', 'hostname', 'start_time', 'end_time', 'force',
             'goal', 'strategy', 'status_message', 'created_at',
             'updated_at', 'deleted_at')
API_SORT_KEYS = ('goal_uuid', 'goal_name', 'strategy_uuid', 'strategy_name')
BRIEF_FIELDS = ('uuid', 'name', 'audit_type', 'state', 'goal_uuid',
                'goal_name', 'strategy_uuid', 'strategy_name', 'interval',
                'scope', 'auto_trigger', 'next_run_time', 'links')
# Detail fields that only exist from a microversion on.
FIELDS_FROM = (('start_time', versions.VERSIONS.MINOR_1_START_END_TIMING),
               ('end_time', versions.VERSIONS.MINOR_1_START_END_TIMING),
               ('force', versions.VERSIONS.MINOR_2_FORCE),
               ('status_message', versions.VERSIONS.MINOR_5_SKIPPED_ACTION))


class Audit(base.APIBase):
    """API representation of an audit."""

    uuid = types.uuid
    name = wtypes.text
    audit_type = wtypes.text
    state = wtypes.text
    goal_uuid = wtypes.text
    goal_name = wtypes.text
    strategy_uuid = wtypes.text
    strategy_name = wtypes.text
    parameters = {wtypes.text: types.jsontype}
    interval = wtypes.text
    scope = types.jsontype
    auto_trigger = bool
    next_run_time = datetime.datetime
    hostname = wtypes.text
    start_time = datetime.datetime
    end_time = datetime.datetime
    force = bool
    status_message = wtypes.text
    links = wtypes.wsattr([link.Link], readonly=True)

    @classmethod
    def convert(cls, audit, detail=True):
        goal = listing.related(audit, 'goal')
        strategy = listing.related(audit, 'strategy')
        api_audit = cls(
            uuid=audit.uuid, name=audit.name, audit_type=audit.audit_type,
            state=audit.state,
            goal_uuid=goal.uuid if goal else None,
            goal_name=goal.name if goal else None,
            strategy_uuid=strategy.uuid if strategy else None,
            strategy_name=strategy.name if strategy else None,
            parameters=dict(audit.parameters or {}),
            interval=audit.interval, scope=list(audit.scope or []),
            auto_trigger=audit.auto_trigger,
            next_run_time=audit.next_run_time, hostname=audit.hostname,
            start_time=audit.start_time, end_time=audit.end_time,
            force=bool(audit.force), status_message=audit.status_message)
        api_audit.set_timestamps(audit)
        api_audit.links = link.self_and_bookmark(listing.host_url(),
                                                 'audits', audit.uuid)
        if not detail:
            api_audit.unset_fields_except(BRIEF_FIELDS)
            return api_audit
        for name, minor in FIELDS_FROM:
            if not microversion.allows(minor):
                setattr(api_audit, name, wtypes.Unset)
        return api_audit


class AuditCollection(collection.Collection):
    """API representation of a collection of audits."""

    audits = [Audit]
    _type = 'audits'


class AuditPatchType(json_patch.JsonPatchType):
    """An operation of ``PATCH /v1/audits/{ident}``."""

    @staticmethod
    def internal_attrs():
        return json_patch.JsonPatchType.internal_attrs() + [
            '/status_message']


# NOTE: the reference protected '/type' (no such field) instead of
# '/audit_type'; both are refused here.
FORBIDDEN_PATCH_ATTRS = ('audit_template_uuid', 'type', 'audit_type')


def _check_audit_patch(audit, patch):
    """Refuse forbidden paths and state changes outside the table."""
    for operation in patch:
        attribute = json_patch.top_attribute(operation)
        if attribute in FORBIDDEN_PATCH_ATTRS:
            raise exception.PatchError(
                patch=patch,
                reason=_('%s can\'t be updated.') % operation['path'])
        if attribute != 'state' or operation['op'] == 'remove':
            continue
        new_state = operation.get('value')
        if new_state is None:
            raise exception.PatchError(
                patch=patch, reason=_('state can not be null'))
        if not states.can_transition(states.AUDIT, audit.state, new_state,
                                     actor=states.API):
            raise exception.PatchError(
                patch=patch,
                reason=_('State transition not allowed: '
                         '(%(from)s -> %(to)s)') % {'from': audit.state,
                                                    'to': new_state})


def _convert_patch_values(patch):
    """Datetimes given as strings are stored as naive UTC."""
    converted = []
    for operation in patch:
        if (operation['op'] != 'remove' and operation['path'] in
                ('/start_time', '/end_time', '/next_run_time')):
            operation = dict(operation, value=audit_checks.parse_datetime(
                operation['value']))
        converted.append(operation)
    return converted


def _revalidate(audit, patched, touched):
    """Interval and parameters keep the rules of audit creation."""
    if 'interval' in touched:
        patched['interval'] = audit_checks.validate_interval(
            patched.get('interval'))
    if 'parameters' in touched:
        values = patched.get('parameters') or {}
        if not isinstance(values, dict):
            raise exception.Invalid(_('Audit parameters must be an object'))
        strategy = listing.related(audit, 'strategy')
        if strategy is not None and strategy.parameters_spec:
            parameters.validate_audit_parameters(strategy.parameters_spec,
                                                 values)
        patched['parameters'] = values


class AuditsController(rest.RestController):
    """REST controller for audits."""

    _custom_actions = {
        'detail': ['GET'],
    }

    def _get_collection(self, filters, marker, limit, sort_key, sort_dir,
                        detail, resource_url='audits'):
        return listing.get_collection(
            obj_cls=objects.Audit, collection_cls=AuditCollection,
            convert=lambda a: Audit.convert(a, detail=detail),
            resource_url=resource_url, marker=marker, limit=limit,
            sort_key=sort_key, sort_dir=sort_dir, sort_keys=SORT_KEYS,
            api_sort_keys=API_SORT_KEYS, filters=filters, eager=True)

    @staticmethod
    def _filters(goal, strategy):
        filters = api_utils.uuid_or_name_filter('goal', goal)
        filters.update(api_utils.uuid_or_name_filter('strategy', strategy))
        return filters

    @wsme_pecan.wsexpose(AuditCollection, types.uuid, int, wtypes.text,
                         wtypes.text, wtypes.text, wtypes.text)
    def get_all(self, marker=None, limit=None, sort_key='id',
                sort_dir='asc', goal=None, strategy=None):
        """Retrieve a list of audits (filters: goal, strategy)."""
        api_utils.enforce('audit:get_all')
        return self._get_collection(self._filters(goal, strategy), marker,
                                    limit, sort_key, sort_dir, detail=False)

    @wsme_pecan.wsexpose(AuditCollection, types.uuid, int, wtypes.text,
                         wtypes.text, wtypes.text, wtypes.text)
    def detail(self, marker=None, limit=None, sort_key='id',
               sort_dir='asc', goal=None, strategy=None):
        """Retrieve a list of audits with detail."""
        api_utils.enforce('audit:detail')
        api_utils.check_parent('audits')
        return self._get_collection(self._filters(goal, strategy), marker,
                                    limit, sort_key, sort_dir, detail=True,
                                    resource_url='audits/detail')

    @wsme_pecan.wsexpose(Audit, wtypes.text)
    def get_one(self, audit):
        """Retrieve one audit by id, uuid or name."""
        rpc_audit = api_utils.get_resource(objects.Audit, audit, eager=True)
        api_utils.enforce('audit:get', rpc_audit)
        return Audit.convert(rpc_audit)

    @wsme_pecan.wsexpose(Audit, body=audit_create.AuditPostType,
                         status_code=201)
    def post(self, audit_p):
        """Create an audit; a ONESHOT audit is started right away."""
        api_utils.enforce('audit:create')
        new_audit = audit_create.create(audit_p)
        pecan.response.location = link.build_url('audits', new_audit.uuid)
        return Audit.convert(new_audit)

    @wsme_pecan.wsexpose(Audit, wtypes.text, body=[AuditPatchType])
    def patch(self, audit, patch):
        """Update an audit with a JSON patch (cancel, suspend, rename...)."""
        audit_to_update = api_utils.get_resource(objects.Audit, audit,
                                                 eager=True)
        api_utils.enforce('audit:update', audit_to_update)
        _check_audit_patch(audit_to_update, patch)
        patch = _convert_patch_values(patch)
        touched = {json_patch.top_attribute(op) for op in patch}
        original = json_patch.object_doc(audit_to_update)
        patched = json_patch.apply(original, patch)
        _revalidate(audit_to_update, patched, touched)
        json_patch.write_back(audit_to_update, original, patched, patch)
        audit_to_update.save()
        return Audit.convert(objects.Audit.get_by_uuid(
            api_utils.context(), audit_to_update.uuid, eager=True))

    @wsme_pecan.wsexpose(None, wtypes.text, status_code=204)
    def delete(self, audit):
        """Delete a finished, cancelled or suspended audit."""
        audit_to_delete = api_utils.get_resource(objects.Audit, audit)
        api_utils.enforce('audit:delete', audit_to_delete)
        if not states.is_deletable(states.AUDIT, audit_to_delete.state):
            raise exception.DeleteError(state=audit_to_delete.state)
        audit_to_delete.soft_delete()
