"""Strict, default-filling JSON-schema validation of strategy parameters.

The API (at audit creation) and the decision engine (before running a
strategy) validate audit parameters the same way, so they share this module:

* an object that declares ``properties`` accepts no other key: an unknown
  key raises ``AuditParameterNotAllowed`` (a 400 in the API);
* a property that has a ``default`` and is missing is inserted, in place,
  recursively. A nested default is applied only when the nested object
  exists; the default of a whole object creates it when it was omitted.

Other schema errors are the usual ``jsonschema.ValidationError``.
"""
import copy

import jsonschema
from jsonschema import validators

from watcher.common import exception


def _strict_default_properties(base_properties):
    """Wrap the Draft-4 ``properties`` check with the two extra rules."""

    def properties(validator, props, instance, schema):
        if validator.is_type(instance, 'object'):
            for key in instance:
                if key not in props:
                    raise exception.AuditParameterNotAllowed(parameter=key)
            for name, subschema in props.items():
                if isinstance(subschema, dict) and 'default' in subschema:
                    instance.setdefault(name,
                                        copy.deepcopy(subschema['default']))
        yield from base_properties(validator, props, instance, schema)

    return properties


StrictDefaultValidatingDraft4Validator = validators.extend(
    jsonschema.Draft4Validator,
    {'properties': _strict_default_properties(
        jsonschema.Draft4Validator.VALIDATORS['properties'])},
)


def validate_and_fill_defaults(schema, parameters):
    """Validate ``parameters`` against ``schema`` and fill its defaults.

    ``parameters`` is modified in place and also returned. Raises
    ``AuditParameterNotAllowed`` or ``jsonschema.ValidationError``.
    """
    StrictDefaultValidatingDraft4Validator(schema).validate(parameters)
    return parameters


def error_message(error):
    """Short human text for a ``jsonschema.ValidationError``."""
    path = '.'.join(str(p) for p in error.absolute_path)
    if path:
        return '%s: %s' % (path, error.message)
    return error.message
