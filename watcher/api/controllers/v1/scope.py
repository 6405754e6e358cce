"""Validation of audit-template scopes.

A scope is a list of single-key objects, ``[{"compute": [...]},
{"storage": [...]}]``. Each cluster data model collector plugin may declare
the JSON schema of its part in a ``SCHEMA`` class attribute; collectors
without one (baremetal) accept no scope.
"""

import jsonschema
from stevedore import extension

from watcher._i18n import _
from watcher.common import exception

COLLECTOR_NAMESPACE = 'watcher_cluster_data_model_collectors'
SCOPE_KINDS = ('compute', 'storage')


def collector_schemas():
    """``{collector name: SCHEMA}`` of the installed collector plugins."""
    manager = extension.ExtensionManager(COLLECTOR_NAMESPACE,
                                         invoke_on_load=False)
    schemas = {}
    for ext in sorted(manager, key=lambda e: e.name):
        schema = getattr(ext.plugin, 'SCHEMA', None)
        if schema:
            schemas[ext.name] = schema
    return schemas


def scope_schema():
    return {
        '$schema': 'http://json-schema.org/draft-04/schema#',
        'type': 'array',
        'items': {
            'type': 'object',
            'properties': collector_schemas(),
            'additionalProperties': False,
        },
    }


def normalize(scope):
    """Wrap an old-style (bare compute rules) scope as ``[{"compute": s}]``."""
    if not scope:
        return scope
    first = scope[0]
    if isinstance(first, dict) and len(first) == 1 and (
            next(iter(first)) in SCOPE_KINDS):
        return scope
    return [{'compute': scope}]


def _compute_rules(scope):
    rules = []
    for item in scope:
        if isinstance(item, dict) and isinstance(item.get('compute'), list):
            rules.extend(item['compute'])
    return rules


def _check_host_aggregates(scope):
    """Including and excluding host aggregates together is refused."""
    rules = _compute_rules(scope)
    included = any('host_aggregates' in rule for rule in rules
                   if isinstance(rule, dict))
    excluded = any('host_aggregates' in excl
                   for rule in rules if isinstance(rule, dict)
                   for excl in rule.get('exclude', [])
                   if isinstance(excl, dict))
    if included and excluded:
        raise exception.Invalid(
            _("host_aggregates can't be included and excluded together"))


def validate(scope):
    """Return the normalized ``scope``; 400 when it is not valid."""
    if scope is None:
        return []
    if not isinstance(scope, list):
        raise exception.Invalid(_('The audit scope must be a list'))
    scope = normalize(scope)
    try:
        jsonschema.validate(scope, scope_schema())
    except jsonschema.ValidationError as e:
        raise exception.Invalid(_('Invalid scope: %s') % e.message)
    _check_host_aggregates(scope)
    return scope
