"""``/v1/actions``: the steps of action plans; read-only but skippable (1.5).
"""

from pecan import rest
import wsme
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher._i18n import _
from watcher.api.controllers import base
from watcher.api.controllers import link
from watcher.api.controllers import microversion
from watcher.api.controllers.v1 import collection
from watcher.api.controllers.v1 import listing
from watcher.api.controllers.v1 import patch as json_patch
from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher.api.controllers.v1 import versions
from watcher.common import exception
from watcher import objects
from watcher.objects import states

SORT_KEYS = ('id', 'uuid', 'action_plan_id', 'action_type',
             'input_parameters', 'state', 'parents', 'status_message',
             'action_plan', 'created_at', 'updated_at', 'deleted_at')
API_SORT_KEYS = ('action_plan_uuid',)
BRIEF_FIELDS = ('uuid', 'state', 'action_plan_uuid', 'action_type',
                'parents', 'links')
MINOR_SKIP = versions.VERSIONS.MINOR_5_SKIPPED_ACTION

State = objects.action.State
SKIP_MESSAGE = 'Action skipped by user.'


def _description(action_type):
    try:
        return objects.ActionDescription.get_by_type(
            api_utils.context(), action_type).description
    except exception.ResourceNotFound:
        return ''


class Action(base.APIBase):
    """API representation of an action."""

    uuid = types.uuid
    action_plan_uuid = wtypes.text
    action_type = wtypes.text
    description = wtypes.text
    input_parameters = types.jsontype
    state = wtypes.text
    parents = wtypes.wsattr(types.jsontype, readonly=True)
    status_message = wtypes.text
    links = wtypes.wsattr([link.Link], readonly=True)

    @classmethod
    def convert(cls, action, detail=True):
        plan = listing.related(action, 'action_plan')
        api_action = cls(
            uuid=action.uuid, state=action.state,
            action_plan_uuid=plan.uuid if plan else None,
            action_type=action.action_type,
            input_parameters=dict(action.input_parameters or {}),
            parents=list(action.parents or []),
            status_message=action.status_message)
        api_action.set_timestamps(action)
        api_action.links = link.self_and_bookmark(listing.host_url(),
                                                  'actions', action.uuid)
        if not detail:
            api_action.unset_fields_except(BRIEF_FIELDS)
            return api_action
        api_action.description = _description(action.action_type)
        if not microversion.allows(MINOR_SKIP):
            api_action.status_message = wtypes.Unset
        return api_action


class ActionCollection(collection.Collection):
    """API representation of a collection of actions."""

    actions = [Action]
    _type = 'actions'


class ActionPatchType(json_patch.JsonPatchType):
    """An operation of ``PATCH /v1/actions/{uuid}`` (1.5)."""

    @staticmethod
    def allowed_attrs():
        return ['/state', '/status_message']

    @staticmethod
    def mandatory_attrs():
        return ['/%s' % name for name in objects.Action.fields]


def _skip_message(action, reason):
    """The server builds the stored message from the user's reason."""
    if reason and reason == action.status_message:
        return action.status_message
    if reason:
        return '%s Reason: %s' % (SKIP_MESSAGE, reason)
    return SKIP_MESSAGE


def _apply_action_patch(action, patch):
    """Only PENDING -> SKIPPED, while the plan has not started (409s)."""
    state_op = json_patch.find(patch, 'state')
    message_op = json_patch.find(patch, 'status_message')
    new_state = state_op['value'] if state_op else action.state
    if new_state not in State.ALL:
        raise exception.Invalid(_('Invalid state: %s') % new_state)
    changes_state = new_state != action.state
    if changes_state:
        if not states.can_transition(states.ACTION, action.state, new_state,
                                     actor=states.API):
            raise exception.Conflict(
                _('State transition not allowed: (%(from)s -> %(to)s)')
                % {'from': action.state, 'to': new_state})
        plan = objects.ActionPlan.get_by_id(api_utils.context(),
                                            action.action_plan_id)
        if plan.state not in states.ACTION_SKIPPABLE_PLAN_STATES:
            raise exception.Conflict(
                _('State update not allowed for actionplan state: %s')
                % plan.state)
    elif message_op and action.state != State.SKIPPED:
        raise exception.Conflict(
            _('status_message update only allowed when action state is '
              'SKIPPED'))
    if new_state == State.SKIPPED:
        reason = message_op.get('value') if message_op else None
        action.status_message = _skip_message(action, reason)
    action.state = new_state


class ActionsController(rest.RestController):
    """REST controller for actions."""

    _custom_actions = {
        'detail': ['GET'],
    }

    def _get_collection(self, filters, marker, limit, sort_key, sort_dir,
                        detail, resource_url='actions'):
        return listing.get_collection(
            obj_cls=objects.Action, collection_cls=ActionCollection,
            convert=lambda a: Action.convert(a, detail=detail),
            resource_url=resource_url, marker=marker, limit=limit,
            sort_key=sort_key, sort_dir=sort_dir, sort_keys=SORT_KEYS,
            api_sort_keys=API_SORT_KEYS, filters=filters, eager=True)

    @staticmethod
    def _filters(action_plan_uuid, audit_uuid):
        if action_plan_uuid and audit_uuid:
            raise exception.ActionFilterCombinationProhibited()
        if action_plan_uuid:
            return {'action_plan_uuid': action_plan_uuid}
        if audit_uuid:
            return {'audit_uuid': audit_uuid}
        return {}

    @wsme_pecan.wsexpose(ActionCollection, types.uuid, int, wtypes.text,
                         wtypes.text, types.uuid, types.uuid)
    def get_all(self, marker=None, limit=None, sort_key='id',
                sort_dir='asc', action_plan_uuid=None, audit_uuid=None):
        """Retrieve a list of actions (of one plan or of one audit)."""
        api_utils.enforce('action:get_all')
        return self._get_collection(
            self._filters(action_plan_uuid, audit_uuid), marker, limit,
            sort_key, sort_dir, detail=False)

    @wsme_pecan.wsexpose(ActionCollection, types.uuid, int, wtypes.text,
                         wtypes.text, types.uuid, types.uuid)
    def detail(self, marker=None, limit=None, sort_key='id',
               sort_dir='asc', action_plan_uuid=None, audit_uuid=None):
        """Retrieve a list of actions with detail."""
        api_utils.enforce('action:detail')
        api_utils.check_parent('actions')
        return self._get_collection(
            self._filters(action_plan_uuid, audit_uuid), marker, limit,
            sort_key, sort_dir, detail=True, resource_url='actions/detail')

    @wsme_pecan.wsexpose(Action, types.uuid)
    def get_one(self, action_uuid):
        """Retrieve one action by uuid."""
        action = objects.Action.get_by_uuid(api_utils.context(),
                                            action_uuid, eager=True)
        api_utils.enforce('action:get', action)
        return Action.convert(action)

    @wsme_pecan.wsexpose(Action, types.uuid, body=[ActionPatchType])
    def patch(self, action_uuid, patch):
        """Skip a pending action, or edit the reason of a skipped one."""
        if not microversion.allows(MINOR_SKIP):
            raise wsme.exc.ClientSideError(
                _('API microversion 1.5 or higher is required.'))
        ctx = api_utils.context()
        action = objects.Action.get_by_uuid(ctx, action_uuid)
        api_utils.enforce('action:update', action)
        _apply_action_patch(action, patch)
        action.save()
        return Action.convert(objects.Action.get_by_uuid(
            ctx, action.uuid, eager=True))
