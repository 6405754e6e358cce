"""``/v1/action_plans``: the plans produced by audits; start/cancel/delete."""

from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher._i18n import _
from watcher.api.controllers import base
from watcher.api.controllers import link
from watcher.api.controllers import microversion
from watcher.api.controllers.v1 import collection
from watcher.api.controllers.v1 import efficacy_indicator
from watcher.api.controllers.v1 import listing
from watcher.api.controllers.v1 import patch as json_patch
from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher.api.controllers.v1 import versions
from watcher.applier import rpcapi
from watcher.common import exception
from watcher import objects
from watcher.objects import states

SORT_KEYS = ('id', 'uuid', 'audit_id', 'strategy_id', 'state',
             'global_efficacy', 'hostname', 'audit', 'strategy',
             'status_message', 'created_at', 'updated_at', 'deleted_at')
API_SORT_KEYS = ('audit_uuid', 'strategy_uuid', 'strategy_name')
BRIEF_FIELDS = ('uuid', 'state', 'audit_uuid', 'strategy_uuid',
                'strategy_name', 'efficacy_indicators', 'global_efficacy',
                'updated_at', 'links')

State = objects.action_plan.State


class ActionPlan(base.APIBase):
    """API representation of an action plan."""

    uuid = types.uuid
    audit_uuid = wtypes.text
    strategy_uuid = wtypes.text
    strategy_name = wtypes.text
    efficacy_indicators = types.jsontype
    global_efficacy = types.jsontype
    state = wtypes.text
    hostname = wtypes.text
    status_message = wtypes.text
    links = wtypes.wsattr([link.Link], readonly=True)

    @classmethod
    def convert(cls, plan, detail=True):
        audit = listing.related(plan, 'audit')
        strategy = listing.related(plan, 'strategy')
        api_plan = cls(
            uuid=plan.uuid, state=plan.state,
            audit_uuid=audit.uuid if audit else None,
            strategy_uuid=strategy.uuid if strategy else None,
            strategy_name=strategy.name if strategy else None,
            efficacy_indicators=efficacy_indicator.of_action_plan(plan),
            global_efficacy=list(plan.global_efficacy or []),
            hostname=plan.hostname, status_message=plan.status_message)
        api_plan.set_timestamps(plan)
        api_plan.links = link.self_and_bookmark(listing.host_url(),
                                                'action_plans', plan.uuid)
        if not detail:
            api_plan.unset_fields_except(BRIEF_FIELDS)
        elif not microversion.allows(
                versions.VERSIONS.MINOR_5_SKIPPED_ACTION):
            api_plan.status_message = wtypes.Unset
        return api_plan


class ActionPlanCollection(collection.Collection):
    """API representation of a collection of action plans."""

    action_plans = [ActionPlan]
    _type = 'action_plans'


class ActionPlanPatchType(json_patch.JsonPatchType):
    """An operation of ``PATCH /v1/action_plans/{uuid}``."""

    @staticmethod
    def internal_attrs():
        return json_patch.JsonPatchType.internal_attrs() + [
            '/status_message']


def _launch(plan):
    rpcapi.ApplierAPI().launch_action_plan(api_utils.context(), plan.uuid)


def _cancel_actions(plan):
    """A plan cancelled before running: its actions are cancelled too."""
    actions = objects.Action.list(api_utils.context(),
                                  filters={'action_plan_id': plan.id})
    for action in actions:
        action.state = objects.action.State.CANCELLED
        action.save()


def _reread(plan):
    return ActionPlan.convert(objects.ActionPlan.get_by_uuid(
        api_utils.context(), plan.uuid, eager=True))


class ActionPlansController(rest.RestController):
    """REST controller for action plans."""

    _custom_actions = {
        'start': ['POST'],
        'detail': ['GET'],
    }

    def _get_collection(self, filters, marker, limit, sort_key, sort_dir,
                        detail, resource_url='action_plans'):
        return listing.get_collection(
            obj_cls=objects.ActionPlan, collection_cls=ActionPlanCollection,
            convert=lambda p: ActionPlan.convert(p, detail=detail),
            resource_url=resource_url, marker=marker, limit=limit,
            sort_key=sort_key, sort_dir=sort_dir, sort_keys=SORT_KEYS,
            api_sort_keys=API_SORT_KEYS, filters=filters, eager=True)

    @staticmethod
    def _filters(audit_uuid, strategy):
        filters = api_utils.uuid_or_name_filter('strategy', strategy)
        if audit_uuid:
            filters['audit_uuid'] = audit_uuid
        return filters

    @wsme_pecan.wsexpose(ActionPlanCollection, types.uuid, int, wtypes.text,
                         wtypes.text, types.uuid, wtypes.text)
    def get_all(self, marker=None, limit=None, sort_key='id',
                sort_dir='asc', audit_uuid=None, strategy=None):
        """Retrieve a list of action plans (filters: audit, strategy)."""
        api_utils.enforce('action_plan:get_all')
        return self._get_collection(self._filters(audit_uuid, strategy),
                                    marker, limit, sort_key, sort_dir,
                                    detail=False)

    @wsme_pecan.wsexpose(ActionPlanCollection, types.uuid, int, wtypes.text,
                         wtypes.text, types.uuid, wtypes.text)
    def detail(self, marker=None, limit=None, sort_key='id',
               sort_dir='asc', audit_uuid=None, strategy=None):
        """Retrieve a list of action plans with detail."""
        api_utils.enforce('action_plan:detail')
        api_utils.check_parent('action_plans')
        return self._get_collection(self._filters(audit_uuid, strategy),
                                    marker, limit, sort_key, sort_dir,
                                    detail=True,
                                    resource_url='action_plans/detail')

    @wsme_pecan.wsexpose(ActionPlan, types.uuid)
    def get_one(self, action_plan_uuid):
        """Retrieve one action plan by uuid."""
        plan = objects.ActionPlan.get_by_uuid(api_utils.context(),
                                              action_plan_uuid, eager=True)
        api_utils.enforce('action_plan:get', plan)
        return ActionPlan.convert(plan)

    @wsme_pecan.wsexpose(None, types.uuid, status_code=204)
    def delete(self, action_plan_uuid):
        """Delete a plan that is not pending or running, with its actions
        and efficacy indicators."""
        ctx = api_utils.context()
        plan = objects.ActionPlan.get_by_uuid(ctx, action_plan_uuid)
        api_utils.enforce('action_plan:delete', plan)
        if not states.is_deletable(states.ACTION_PLAN, plan.state):
            raise exception.DeleteError(state=plan.state)
        for action in objects.Action.list(
                ctx, filters={'action_plan_id': plan.id}):
            action.soft_delete()
        for indicator in objects.EfficacyIndicator.list(
                ctx, filters={'action_plan_id': plan.id}):
            indicator.soft_delete()
        plan.soft_delete()

    @wsme_pecan.wsexpose(ActionPlan, types.uuid,
                         body=[ActionPlanPatchType])
    def patch(self, action_plan_uuid, patch):
        """Change the state of a plan: launch it or cancel it."""
        plan = objects.ActionPlan.get_by_uuid(api_utils.context(),
                                              action_plan_uuid)
        api_utils.enforce('action_plan:update', plan)
        for operation in patch:
            if (json_patch.top_attribute(operation) == 'state'
                    and operation['op'] != 'remove'
                    and operation['value'] not in State.ALL):
                raise exception.PatchError(
                    patch=patch,
                    reason=_('Invalid state: %s') % operation['value'])
        original = json_patch.object_doc(plan)
        patched = json_patch.apply(original, patch)
        # NOTE: like the reference, a PATCH must be a state change.
        new_state = patched.get('state')
        if not states.can_transition(states.ACTION_PLAN, plan.state,
                                     new_state, actor=states.API):
            raise exception.PatchError(
                patch=patch,
                reason=_('State transition not allowed: (%(from)s -> '
                         '%(to)s)') % {'from': plan.state, 'to': new_state})
        json_patch.write_back(plan, original, patched, patch)
        plan.save()
        if plan.state == State.CANCELLED:
            _cancel_actions(plan)
        if plan.state == State.PENDING:
            _launch(plan)
        return _reread(plan)

    @wsme_pecan.wsexpose(ActionPlan, types.uuid)
    def start(self, action_plan_uuid):
        """Launch a RECOMMENDED action plan."""
        plan = objects.ActionPlan.get_by_uuid(api_utils.context(),
                                              action_plan_uuid)
        api_utils.enforce('action_plan:start', plan)
        if plan.state != State.RECOMMENDED:
            raise exception.StartError(state=plan.state)
        plan.state = State.PENDING
        plan.save()
        _launch(plan)
        return _reread(plan)
