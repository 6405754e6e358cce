"""What the scope handlers share.

An audit scope is a list of single-key parts, ``[{"compute": [rules]},
{"storage": [rules]}, {"baremetal": [rules]}]``; each handler reads its own
part. A scope stored before parts existed (a bare list of compute rules) is
read as the compute part. ``get_scoped_model(model)`` trims a *copy* of a
model in place and returns it.
"""
import abc

from watcher.common import exception

SCOPE_PARTS = ('compute', 'storage', 'baremetal')


def scope_part(scope, part):
    """The rules of one part of an audit scope (parts are concatenated)."""
    if not scope:
        return []
    items = [item for item in scope if isinstance(item, dict)]
    if not any(key in SCOPE_PARTS for item in items for key in item):
        return list(items) if part == 'compute' else []
    rules = []
    for item in items:
        rules.extend(item.get(part) or [])
    return rules


def wildcard(values, resource):
    """True for ``['*']``; '*' together with other values is an error."""
    if '*' not in values:
        return False
    if len(values) > 1:
        raise exception.WildcardCharacterIsUsed(resource=resource)
    return True


def check_known(requested, known, resource):
    """Raise ScopeResourceNotFound naming what is not in ``known``."""
    unknown = sorted({str(value) for value in requested} -
                     {str(value) for value in known})
    if unknown:
        raise exception.ScopeResourceNotFound(resource=resource,
                                              names=', '.join(unknown))


def values_of(entries, key):
    """``[{key: v}, ...]`` -> ``[v, ...]`` (entries without key skipped)."""
    return [entry[key] for entry in entries or ()
            if isinstance(entry, dict) and key in entry]


class BaseScope(object, metaclass=abc.ABCMeta):
    """Trims a cluster data model to what an audit may act on."""

    PART = None

    def __init__(self, scope, config=None):
        self.scope = scope or []
        self.config = config

    @property
    def rules(self):
        return scope_part(self.scope, self.PART)

    @abc.abstractmethod
    def get_scoped_model(self, cluster_model):
        """Remove (or mark) what is out of scope; return the model."""
