"""Efficacy specification: which indicators a goal expects, and its score.

Each goal has one specification. It lists the indicator specifications,
validates the indicators a strategy reports, and turns them into the
"global efficacy": a list of indicators summarising how well the solution
meets the goal.
"""
import abc

import jsonschema


class EfficacySpecification(object, metaclass=abc.ABCMeta):
    """Base class of the efficacy specifications."""

    def __init__(self):
        self._indicators_specs = self.get_indicators_specifications()

    @property
    def indicators_specs(self):
        return self._indicators_specs

    @abc.abstractmethod
    def get_indicators_specifications(self):
        """List of ``IndicatorSpecification``, in display order."""

    @abc.abstractmethod
    def get_global_efficacy_indicator(self, indicators_map):
        """List of global ``Indicator`` objects, or None.

        ``indicators_map`` is the ``IndicatorsMap`` the strategy filled.
        """

    def get_indicator_specification(self, name):
        for spec in self._indicators_specs:
            if spec.name == name:
                return spec
        return None

    @property
    def schema(self):
        """JSON schema of a complete indicators map."""
        return {
            'type': 'object',
            'properties': {spec.name: spec.schema
                           for spec in self._indicators_specs},
            'required': [spec.name for spec in self._indicators_specs
                         if spec.required],
        }

    def validate_efficacy_indicators(self, indicators_map):
        """Raise ``jsonschema.ValidationError`` if the map is invalid.

        An empty map (the strategy reported nothing) is not checked.
        """
        if indicators_map:
            jsonschema.validate(dict(indicators_map), self.schema)

    def serialize_indicators_specifications(self):
        """Value stored in ``goals.efficacy_specification``."""
        return [spec.to_dict() for spec in self._indicators_specs]


class IndicatorsMap(dict):
    """Indicator values by name, readable as attributes."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)
