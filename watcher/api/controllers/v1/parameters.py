"""Validation of strategy parameters against a strategy's ``parameters_spec``.

The strict, default-filling draft-4 validator is shared with the decision
engine (``watcher.common.jsonschema_utils``); this module turns its errors
into the API's 400 messages.
"""

import copy

import jsonschema

from watcher._i18n import _
from watcher.common import exception
from watcher.common import jsonschema_utils


def validate_audit_parameters(schema, parameters):
    """Validate in place (defaults are inserted); 400 on a violation."""
    try:
        return jsonschema_utils.validate_and_fill_defaults(schema, parameters)
    except jsonschema.ValidationError as e:
        raise exception.Invalid(
            _('Invalid parameters for strategy: %s')
            % jsonschema_utils.error_message(e))


def validate_default_parameters(schema, parameters):
    """Audit template: checked on a copy, stored without injected defaults."""
    try:
        jsonschema_utils.validate_and_fill_defaults(
            schema, copy.deepcopy(parameters))
    except jsonschema.ValidationError as e:
        raise exception.Invalid(
            _('Invalid default_parameters for strategy: %s')
            % jsonschema_utils.error_message(e))
