"""Turn user-given goal/strategy references into objects, with 400s.

A reference may be a DB id, a uuid or a name.
"""

from watcher._i18n import _
from watcher.api.controllers.v1 import utils as api_utils
from watcher.common import exception
from watcher import objects


def goal(ref):
    """The goal named by ``ref``; 400 ``Goal <ref> is invalid`` if none."""
    try:
        return api_utils.get_resource(objects.Goal, ref)
    except exception.ResourceNotFound:
        raise exception.InvalidGoal(goal=ref)


def strategy(ref):
    """The strategy named by ``ref``; 400 ``Strategy <ref> is invalid``."""
    try:
        return api_utils.get_resource(objects.Strategy, ref)
    except exception.ResourceNotFound:
        raise exception.InvalidStrategy(strategy=ref)


def check_strategy_of_goal(strategy_obj, goal_obj):
    """400 unless ``strategy_obj`` achieves ``goal_obj``."""
    if strategy_obj.goal_id == goal_obj.id:
        return
    choices = objects.Strategy.list(api_utils.context(),
                                    filters={'goal_id': goal_obj.id})
    raise exception.InvalidStrategy(
        message=_("'%(strategy)s' strategy does relate to the '%(goal)s' "
                  "goal. Possible choices: %(choices)s") % {
            'strategy': strategy_obj.name, 'goal': goal_obj.name,
            'choices': ', '.join("'%s' (%s)" % (s.uuid, s.name)
                                 for s in choices)})
