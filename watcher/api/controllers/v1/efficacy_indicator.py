"""Efficacy indicators, as embedded in action plans (no own endpoint)."""

from watcher.api.controllers.v1 import utils as api_utils
from watcher import objects


def _as_float(value):
    return float(value) if value is not None else None


def of_action_plan(action_plan):
    """The plan's indicators as ``{name, description, unit, value}``."""
    indicators = objects.EfficacyIndicator.list(
        api_utils.context(), filters={'action_plan_id': action_plan.id})
    return [{'name': i.name, 'description': i.description, 'unit': i.unit,
             'value': _as_float(i.value)} for i in indicators]
