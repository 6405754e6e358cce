"""Sample container providing three aggregate scoring engines."""
from oslo_serialization import jsonutils

from watcher.decision_engine.scoring import base


def _average(values):
    return float(sum(values)) / len(values)


class AggregateScorer(base.ScoringEngine):
    """Applies one aggregate function to a JSON list of numbers."""

    def __init__(self, name, description, aggregate):
        super().__init__(config=None)
        self._name = name
        self._description = description
        self._aggregate = aggregate

    def get_name(self):
        return self._name

    def get_description(self):
        return self._description

    def get_metainfo(self):
        return ''

    def calculate_score(self, features):
        try:
            values = jsonutils.loads(features)
        except Exception as exc:
            raise ValueError('Unable to parse features: %s' % exc)
        if not isinstance(values, list):
            raise ValueError('JSON list expected in feature argument')
        if not values:
            raise ValueError('At least one feature is required')
        return jsonutils.dumps([self._aggregate(values)])


class DummyScoringContainer(base.ScoringEngineContainer):
    """Provides dummy_min_scorer, dummy_max_scorer and dummy_avg_scorer."""

    @classmethod
    def get_scoring_engine_list(cls):
        return [
            AggregateScorer('dummy_min_scorer',
                            'Dummy Scorer calculating the minimum value',
                            min),
            AggregateScorer('dummy_max_scorer',
                            'Dummy Scorer calculating the maximum value',
                            max),
            AggregateScorer('dummy_avg_scorer',
                            'Dummy Scorer calculating the average value',
                            _average),
        ]
