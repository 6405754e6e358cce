"""Efficacy of a solution: its indicators and its global efficacy."""
import numbers

from oslo_log import log

from watcher.common import exception
from watcher.decision_engine.goal.efficacy import base as efficacy_base
from watcher.decision_engine.goal.efficacy import indicators as indicators_mod

LOG = log.getLogger(__name__)


class Efficacy(object):
    """Collects the indicators a strategy reports and scores them.

    ``goal`` is a goal plugin instance, ``strategy`` the strategy instance
    (only their names are used, in error messages).
    """

    def __init__(self, goal, strategy):
        self.goal = goal
        self.strategy = strategy
        self.efficacy_specification = goal.efficacy_specification
        self._indicators_map = efficacy_base.IndicatorsMap()
        self.indicators = []
        self.global_efficacy = []

    @property
    def indicators_map(self):
        return self._indicators_map

    def set_efficacy_indicators(self, **indicators_map):
        """Record indicator values; later calls add or overwrite values."""
        self._indicators_map.update(indicators_map)

    def compute_global_efficacy(self):
        """Validate the indicators, then compute the global efficacy.

        Any failure raises ``GlobalEfficacyComputationError``.
        """
        spec = self.efficacy_specification
        try:
            spec.validate_efficacy_indicators(self._indicators_map)
            global_efficacy = spec.get_global_efficacy_indicator(
                self._indicators_map)
            indicators = []
            for name, value in self._indicators_map.items():
                indicator_spec = spec.get_indicator_specification(name)
                if indicator_spec is None:
                    raise ValueError('%s is not an indicator of this goal'
                                     % name)
                if not isinstance(value, numbers.Number):
                    raise exception.InvalidIndicatorValue(
                        name=name, value=value,
                        spec_type=type(value).__name__)
                indicators.append(indicators_mod.Indicator(
                    name=name, description=indicator_spec.description,
                    unit=indicator_spec.unit, value=value))
        except Exception as exc:
            LOG.exception('Could not compute the global efficacy')
            raise exception.GlobalEfficacyComputationError(
                goal=self.goal.name, strategy=self.strategy.name) from exc
        self.indicators = indicators
        self.global_efficacy = global_efficacy or []
        return self.global_efficacy
