"""``/v1/goals``: the optimization goals (read-only, synced from plugins)."""

from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher.api.controllers import base
from watcher.api.controllers import link
from watcher.api.controllers.v1 import collection
from watcher.api.controllers.v1 import listing
from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher import objects

SORT_KEYS = ('id', 'uuid', 'name', 'display_name', 'efficacy_specification',
             'created_at', 'updated_at', 'deleted_at')
BRIEF_FIELDS = ('uuid', 'name', 'display_name', 'efficacy_specification',
                'links')


class Goal(base.APIBase):
    """API representation of a goal."""

    uuid = types.uuid
    """Unique UUID for this goal."""

    name = wtypes.text
    """Name of the goal."""

    display_name = wtypes.text
    """Localized name of the goal."""

    efficacy_specification = wtypes.wsattr(types.jsontype, readonly=True)
    """Efficacy indicator specifications of the goal."""

    links = wtypes.wsattr([link.Link], readonly=True)
    """Self and bookmark links."""

    @classmethod
    def convert(cls, goal, detail=True):
        api_goal = cls(uuid=goal.uuid, name=goal.name,
                       display_name=goal.display_name,
                       efficacy_specification=list(
                           goal.efficacy_specification or []))
        api_goal.set_timestamps(goal)
        api_goal.links = link.self_and_bookmark(listing.host_url(), 'goals',
                                                goal.uuid)
        if not detail:
            api_goal.unset_fields_except(BRIEF_FIELDS)
        return api_goal


class GoalCollection(collection.Collection):
    """API representation of a collection of goals."""

    goals = [Goal]
    _type = 'goals'


class GoalsController(rest.RestController):
    """REST controller for goals."""

    _custom_actions = {
        'detail': ['GET'],
    }

    def _get_goals_collection(self, marker, limit, sort_key, sort_dir,
                              detail, resource_url='goals'):
        return listing.get_collection(
            obj_cls=objects.Goal, collection_cls=GoalCollection,
            convert=lambda goal: Goal.convert(goal, detail=detail),
            resource_url=resource_url, marker=marker, limit=limit,
            sort_key=sort_key, sort_dir=sort_dir, sort_keys=SORT_KEYS)

    @wsme_pecan.wsexpose(GoalCollection, wtypes.text,
                         int, wtypes.text, wtypes.text)
    def get_all(self, marker=None, limit=None, sort_key='id',
                sort_dir='asc'):
        """Retrieve a list of goals."""
        api_utils.enforce('goal:get_all')
        return self._get_goals_collection(marker, limit, sort_key, sort_dir,
                                          detail=False)

    @wsme_pecan.wsexpose(GoalCollection, wtypes.text, int,
                         wtypes.text, wtypes.text)
    def detail(self, marker=None, limit=None, sort_key='id', sort_dir='asc'):
        """Retrieve a list of goals with detail."""
        api_utils.enforce('goal:detail')
        api_utils.check_parent('goals')
        return self._get_goals_collection(marker, limit, sort_key, sort_dir,
                                          detail=True,
                                          resource_url='goals/detail')

    @wsme_pecan.wsexpose(Goal, wtypes.text)
    def get_one(self, goal):
        """Retrieve information about the given goal (id, uuid or name)."""
        rpc_goal = api_utils.get_resource(objects.Goal, goal)
        api_utils.enforce('goal:get', rpc_goal)
        return Goal.convert(rpc_goal)
