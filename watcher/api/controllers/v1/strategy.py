"""``/v1/strategies``: the strategies (read-only) and their requirements."""

from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher.api.controllers import base
from watcher.api.controllers import link
from watcher.api.controllers.v1 import collection
from watcher.api.controllers.v1 import listing
from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher.decision_engine import rpcapi
from watcher import objects

SORT_KEYS = ('id', 'uuid', 'name', 'display_name', 'goal_id',
             'parameters_spec', 'goal', 'created_at', 'updated_at',
             'deleted_at')
API_SORT_KEYS = ('goal_uuid', 'goal_name')
BRIEF_FIELDS = ('uuid', 'name', 'display_name', 'goal_uuid', 'goal_name',
                'links')


class Strategy(base.APIBase):
    """API representation of a strategy (never shows timestamps)."""

    uuid = types.uuid
    """Unique UUID for this strategy."""

    name = wtypes.text
    """Name of the strategy."""

    display_name = wtypes.text
    """Localized name of the strategy."""

    goal_uuid = wtypes.text
    """The UUID of the goal this strategy achieves."""

    goal_name = wtypes.text
    """The name of the goal this strategy achieves."""

    parameters_spec = wtypes.wsattr(types.jsontype, readonly=True)
    """JSON schema (draft 4) of the parameters of the strategy."""

    links = wtypes.wsattr([link.Link], readonly=True)
    """Self and bookmark links."""

    @classmethod
    def convert(cls, strategy, detail=True):
        goal = listing.related(strategy, 'goal')
        api_strategy = cls(
            uuid=strategy.uuid, name=strategy.name,
            display_name=strategy.display_name,
            goal_uuid=goal.uuid if goal else None,
            goal_name=goal.name if goal else None,
            parameters_spec=dict(strategy.parameters_spec or {}))
        api_strategy.links = link.self_and_bookmark(
            listing.host_url(), 'strategies', strategy.uuid)
        if not detail:
            api_strategy.unset_fields_except(BRIEF_FIELDS)
        return api_strategy


class StrategyCollection(collection.Collection):
    """API representation of a collection of strategies."""

    strategies = [Strategy]
    _type = 'strategies'


class StrategiesController(rest.RestController):
    """REST controller for strategies."""

    _custom_actions = {
        'detail': ['GET'],
        'state': ['GET'],
    }

    def _get_strategies_collection(self, goal, marker, limit, sort_key,
                                   sort_dir, detail,
                                   resource_url='strategies'):
        return listing.get_collection(
            obj_cls=objects.Strategy, collection_cls=StrategyCollection,
            convert=lambda s: Strategy.convert(s, detail=detail),
            resource_url=resource_url, marker=marker, limit=limit,
            sort_key=sort_key, sort_dir=sort_dir, sort_keys=SORT_KEYS,
            api_sort_keys=API_SORT_KEYS,
            filters=api_utils.uuid_or_name_filter('goal', goal), eager=True)

    @wsme_pecan.wsexpose(StrategyCollection, wtypes.text, wtypes.text,
                         int, wtypes.text, wtypes.text)
    def get_all(self, goal=None, marker=None, limit=None, sort_key='id',
                sort_dir='asc'):
        """Retrieve a list of strategies, optionally of one goal."""
        api_utils.enforce('strategy:get_all')
        return self._get_strategies_collection(
            goal, marker, limit, sort_key, sort_dir, detail=False)

    @wsme_pecan.wsexpose(StrategyCollection, wtypes.text, wtypes.text, int,
                         wtypes.text, wtypes.text)
    def detail(self, goal=None, marker=None, limit=None, sort_key='id',
               sort_dir='asc'):
        """Retrieve a list of strategies with detail."""
        api_utils.enforce('strategy:detail')
        api_utils.check_parent('strategies')
        return self._get_strategies_collection(
            goal, marker, limit, sort_key, sort_dir, detail=True,
            resource_url='strategies/detail')

    @wsme_pecan.wsexpose(types.jsontype, wtypes.text)
    def state(self, strategy):
        """The requirements of a strategy, as seen by the decision engine.

        A JSON array of ``{"type", "state", "mandatory", "comment"}``; the
        API appends the strategy name as a last ``Name`` entry.
        """
        api_utils.enforce('strategy:state')
        api_utils.check_parent('strategies', depth=2)
        rpc_strategy = api_utils.get_resource(objects.Strategy, strategy)
        requirements = rpcapi.DecisionEngineAPI().get_strategy_info(
            api_utils.context(), rpc_strategy.name)
        requirements = list(requirements or [])
        requirements.append({'type': 'Name', 'state': rpc_strategy.name,
                             'mandatory': '', 'comment': ''})
        return requirements

    @wsme_pecan.wsexpose(Strategy, wtypes.text)
    def get_one(self, strategy):
        """Retrieve one strategy by id, uuid or name."""
        rpc_strategy = api_utils.get_resource(objects.Strategy, strategy,
                                              eager=True)
        api_utils.enforce('strategy:get', rpc_strategy)
        return Strategy.convert(rpc_strategy)
