"""Prepare and run the strategy of an audit.

Finds the audit's goal and strategy (the goal's default strategy when the
audit names none), validates the audit parameters against the strategy's
schema - filling the defaults - and runs the strategy on the audit scope.
Every problem is raised as a ``WatcherException`` whose message says what
is wrong, so the audit's ``status_message`` can tell the user.
"""
import copy

import jsonschema
from oslo_log import log

from watcher.common import exception
from watcher.common import jsonschema_utils
from watcher.decision_engine.strategy import selection
from watcher import objects

LOG = log.getLogger(__name__)


def _goal_name(context, audit):
    try:
        return objects.Goal.get_by_id(context, audit.goal_id).name
    except exception.GoalNotFound:
        raise exception.InvalidGoal(
            message='Unknown goal (id %s): it was removed from the '
                    'catalogue' % audit.goal_id)


def _strategy_name(context, audit):
    if not audit.strategy_id:
        return None
    try:
        return objects.Strategy.get_by_id(context, audit.strategy_id).name
    except exception.StrategyNotFound:
        raise exception.InvalidStrategy(
            message='Unknown strategy (id %s): it was removed from the '
                    'catalogue' % audit.strategy_id)


def prepare_parameters(strategy, parameters):
    """Validated copy of ``parameters`` with the schema defaults filled."""
    parameters = copy.deepcopy(dict(parameters or {}))
    schema = strategy.get_schema()
    if not schema:
        return parameters
    try:
        jsonschema_utils.validate_and_fill_defaults(schema, parameters)
    except exception.AuditParameterNotAllowed as exc:
        raise exception.InvalidParameter(
            message='Invalid parameters for strategy %s: %s'
                    % (strategy.name, exc))
    except jsonschema.ValidationError as exc:
        raise exception.InvalidParameter(
            message='Invalid parameters for strategy %s: %s'
                    % (strategy.name, jsonschema_utils.error_message(exc)))
    return parameters


class StrategyContext(object):
    """Selects, configures and runs audit strategies."""

    def __init__(self, osc=None):
        self.osc = osc

    def select_strategy(self, audit, context):
        """The strategy instance the audit runs, parameters set."""
        selector = selection.StrategySelector(
            goal_name=_goal_name(context, audit),
            strategy_name=_strategy_name(context, audit),
            osc=self.osc)
        strategy = selector.select()
        strategy.input_parameters.update(
            prepare_parameters(strategy, audit.parameters))
        return strategy

    def execute_strategy(self, audit, context, strategy=None):
        """Run the (selected) strategy on the audit; returns a Solution."""
        strategy = strategy or self.select_strategy(audit, context)
        LOG.info('Running strategy %s for audit %s', strategy.name,
                 audit.uuid)
        return strategy.execute(audit=audit)
