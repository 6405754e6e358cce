"""Turn ``{field: value}`` / ``{field__op: value}`` filters into SQL.

Operators: eq neq gt gte lt lte in notin (anything else is
``InvalidOperator``). ``deleted`` is special (True: soft-deleted rows,
False: live rows). Names compare case-insensitively on every backend.
Keys that are neither a plain nor a join filter of the resource are
ignored, as the reference does.
"""
from oslo_log import log
from oslo_utils import strutils
import sqlalchemy as sa

from watcher.common import exception

LOG = log.getLogger(__name__)

VALID_OPERATORS = ('eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'notin')
SEPARATOR = '__'

# Columns compared case-insensitively (the reference relied on MySQL's
# case-insensitive collation; we lower() both sides everywhere).
CASE_INSENSITIVE_COLUMNS = frozenset(['name'])


def split_filter_key(raw_key):
    """``'state__in'`` → ``('state', 'in')``; plain keys mean ``eq``."""
    field, _sep, operator = raw_key.partition(SEPARATOR)
    if not operator:
        return field, 'eq'
    if operator not in VALID_OPERATORS:
        raise exception.InvalidOperator(operator=operator,
                                        valid_operators=VALID_OPERATORS)
    return field, operator


def _as_list(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(value, key=str) if isinstance(
            value, (set, frozenset)) else list(value)
    return [value]


def compare(column, operator, value):
    """SQL expression applying ``operator`` between ``column`` and
    ``value`` (``None`` with eq/neq means IS [NOT] NULL)."""
    insensitive = column.key in CASE_INSENSITIVE_COLUMNS
    if insensitive:
        lhs = sa.func.lower(column)

        def rhs(item):
            return item if item is None else sa.func.lower(item)
    else:
        lhs = column

        def rhs(item):
            return item

    if operator in ('in', 'notin'):
        items = [rhs(item) for item in _as_list(value)]
        return lhs.in_(items) if operator == 'in' else lhs.not_in(items)
    if value is None and operator in ('eq', 'neq'):
        return column.is_(None) if operator == 'eq' else column.is_not(None)
    value = rhs(value)
    if operator == 'eq':
        return lhs == value
    if operator == 'neq':
        return lhs != value
    if operator == 'gt':
        return lhs > value
    if operator == 'gte':
        return lhs >= value
    if operator == 'lt':
        return lhs < value
    return lhs <= value


def _join_clause(model, join_filter, operator, value):
    """``fk IN (SELECT id FROM target WHERE ...)``, nested per hop."""
    path = join_filter.path
    owners = [model] + [target for _fk, target in path[:-1]]
    last_target = path[-1][1]
    clause = compare(getattr(last_target, join_filter.column), operator,
                     value)
    for (fk_column, target), owner in reversed(list(zip(path, owners))):
        subquery = sa.select(target.id).where(clause)
        clause = getattr(owner, fk_column).in_(subquery)
    return clause


def _deleted_clause(model, value):
    if isinstance(value, str):
        value = strutils.bool_from_string(value, strict=True)
    return model.deleted != 0 if value else model.deleted == 0


def build_clauses(spec, filters):
    """List of SQL clauses for ``filters`` on the resource of ``spec``."""
    model = spec.model
    columns = spec.column_names()
    plain_fields = spec.filter_fields()
    clauses = []
    for raw_key in sorted(filters or {}):
        value = filters[raw_key]
        field, operator = split_filter_key(raw_key)
        if raw_key == 'deleted':
            clauses.append(_deleted_clause(model, value))
        elif field in spec.join_filters:
            clauses.append(_join_clause(model, spec.join_filters[field],
                                        operator, value))
        elif field in plain_fields and field in columns:
            clauses.append(compare(getattr(model, field), operator, value))
        elif field == 'deleted':
            clauses.append(compare(model.deleted, operator, value))
        else:
            LOG.debug('Ignoring unknown %s filter %r', spec.name, raw_key)
    return clauses
