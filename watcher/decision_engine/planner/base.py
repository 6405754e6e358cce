"""Planners: turn a strategy's solution into a stored action plan.

A planner decides the order of the actions (their ``parents``: an action
starts once all its parents are done), then ``persistence`` stores the plan
(RECOMMENDED), its efficacy indicators and its actions (PENDING). The
dependency graph is computed before anything is written, so a planning
error leaves no half-built plan behind.
"""
import abc

from oslo_utils import uuidutils

from watcher.common import exception
from watcher.decision_engine import loading


class PlannedAction(object):
    """One action of the plan being built."""

    def __init__(self, action_type, input_parameters=None, parents=None,
                 uuid=None, stage=0):
        self.uuid = uuid or uuidutils.generate_uuid()
        self.action_type = action_type
        self.input_parameters = dict(input_parameters or {})
        self.parents = list(parents or [])
        # Actions of a later stage of the solution never share a parallel
        # step with earlier ones (see ``Solution.next_stage``).
        self.stage = stage

    @classmethod
    def from_solution(cls, action):
        return cls(action['action_type'], action.get('input_parameters'),
                   stage=action.get('stage', 0))

    def __repr__(self):
        return 'PlannedAction(%s %s parents=%s)' % (
            self.action_type, self.uuid, self.parents)


class BasePlanner(object, metaclass=abc.ABCMeta):
    """Base class of the planner plugins (namespace ``watcher_planners``)."""

    def __init__(self, config=None):
        self.config = config if config is not None else loading.PluginConfig()

    @classmethod
    def get_config_opts(cls):
        return []

    @abc.abstractmethod
    def build_plan(self, solution):
        """Ordered list of ``PlannedAction`` with their parents set."""

    def schedule(self, context, audit_id, solution):
        """Build the plan and store it; returns the ActionPlan object."""
        # Imported here so the graph logic does not need the object layer.
        from watcher.decision_engine.planner import persistence
        planned_actions = self.build_plan(solution)
        return persistence.save_action_plan(
            context, audit_id, solution, planned_actions)

    def integer_map(self, option_name):
        """A DictOpt of this planner as ``{key: int}``.

        Values read from a configuration file are strings; comparing them
        as strings would put '9' after '70' (a reference quirk), so they are
        converted to integers here.
        """
        raw = self.config.get(option_name) or {}
        converted = {}
        for key, value in raw.items():
            try:
                converted[key] = int(value)
            except (TypeError, ValueError):
                raise exception.InvalidParameter(
                    parameter='%s[%s]=%r' % (option_name, key, value),
                    parameter_type='integer')
        return converted

    @staticmethod
    def weight_of(weights, action_type, planner_name):
        try:
            return weights[action_type]
        except KeyError:
            raise exception.UnsupportedActionType(
                action_type='%s (no weight in [watcher_planners.%s] '
                            'weights)' % (action_type, planner_name))


def load_planner(name):
    """A new instance of the planner called ``name``."""
    return loading.PluginLoader(loading.PLANNERS).load(name)
