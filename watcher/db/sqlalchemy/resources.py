"""What differs between resources, as data: one ``ResourceSpec`` each.

The generic ``Connection`` reads this table; adding a resource means adding
a spec here, not copying CRUD functions. Field lists follow the contract
(api-contract §10.4).
"""
import dataclasses
import functools

import sqlalchemy as sa

from watcher.common import exception
from watcher.db.sqlalchemy import models

# Every table also accepts these plain filters.
COMMON_FILTERS = ('deleted_at', 'created_at', 'updated_at')


@dataclasses.dataclass(frozen=True)
class JoinFilter:
    """A filter on a column of a related table, reached through foreign
    keys: ``path`` is ``((fk_column, target_model), ...)`` from the
    resource outwards and ``column`` the compared column of the last
    target. Built as nested ``IN (SELECT id ...)`` subqueries, so several
    join filters never clash."""

    path: tuple
    column: str


@functools.lru_cache(maxsize=None)
def _column_names(model):
    return frozenset(model.__table__.columns.keys())


@functools.lru_cache(maxsize=None)
def _relationship_names(model):
    return frozenset(sa.inspect(model).relationships.keys())


@functools.lru_cache(maxsize=None)
def _python_types(model):
    types = {}
    for column in model.__table__.columns:
        expected = getattr(column.type, 'python_type_', None)
        if expected:
            types[column.key] = expected
    return types


@dataclasses.dataclass(frozen=True)
class ResourceSpec:
    """Everything the generic CRUD code needs to know about a resource."""

    name: str
    model: type
    not_found: type
    not_found_kwarg: str
    already_exists: type
    # Keyword given to ``already_exists`` and the value field it shows.
    already_exists_kwarg: str
    already_exists_field: str
    plain_filters: tuple = ()
    join_filters: dict = dataclasses.field(default_factory=dict)
    eager: tuple = ()
    # Field holding the pagination marker given by the API.
    marker_field: str = 'uuid'
    # Names must be unique among live rows (checked before insert/update).
    unique_live_name: bool = False
    # (child resource name, foreign key column, exception, kwarg): destroy
    # refuses while a child row still points at the row.
    referenced_by: tuple = ()
    # (target, source) column pairs: on write, ``target`` takes the value
    # of ``source`` when only the latter is given.
    copy_when_absent: tuple = ()

    @property
    def has_uuid(self):
        return 'uuid' in self.model.__table__.columns

    @property
    def has_name(self):
        return 'name' in self.model.__table__.columns

    def column_names(self):
        return _column_names(self.model)

    def relationship_names(self):
        return _relationship_names(self.model)

    def python_types(self):
        """{column: the Python type its values must have} where the
        column type declares one."""
        return _python_types(self.model)

    def filter_fields(self):
        return set(self.plain_filters) | set(COMMON_FILTERS)

    def not_found_error(self, ident):
        return self.not_found(**{self.not_found_kwarg: ident})

    def already_exists_error(self, values):
        if self.already_exists is exception.ServiceAlreadyExists:
            return self.already_exists(name=values.get('name'),
                                       host=values.get('host'))
        value = values.get(self.already_exists_field)
        if value is None:
            value = values.get('uuid')
        return self.already_exists(**{self.already_exists_kwarg: value})


def _via(*path, column):
    return JoinFilter(path=tuple(path), column=column)


_GOAL = ('goal_id', models.Goal)
_STRATEGY = ('strategy_id', models.Strategy)
_AUDIT = ('audit_id', models.Audit)
_ACTION_PLAN = ('action_plan_id', models.ActionPlan)

_GOAL_AND_STRATEGY_JOINS = {
    'goal_uuid': _via(_GOAL, column='uuid'),
    'goal_name': _via(_GOAL, column='name'),
    'strategy_uuid': _via(_STRATEGY, column='uuid'),
    'strategy_name': _via(_STRATEGY, column='name'),
}

SPECS = {spec.name: spec for spec in (
    ResourceSpec(
        name='goal', model=models.Goal,
        not_found=exception.GoalNotFound, not_found_kwarg='goal',
        already_exists=exception.GoalAlreadyExists,
        already_exists_kwarg='uuid', already_exists_field='uuid',
        plain_filters=('uuid', 'name', 'display_name')),
    ResourceSpec(
        name='strategy', model=models.Strategy,
        not_found=exception.StrategyNotFound, not_found_kwarg='strategy',
        already_exists=exception.StrategyAlreadyExists,
        already_exists_kwarg='uuid', already_exists_field='uuid',
        plain_filters=('uuid', 'name', 'display_name', 'goal_id'),
        join_filters={'goal_uuid': _via(_GOAL, column='uuid'),
                      'goal_name': _via(_GOAL, column='name')},
        eager=('goal',)),
    ResourceSpec(
        name='audit_template', model=models.AuditTemplate,
        not_found=exception.AuditTemplateNotFound,
        not_found_kwarg='audit_template',
        already_exists=exception.AuditTemplateAlreadyExists,
        already_exists_kwarg='audit_template', already_exists_field='name',
        plain_filters=('uuid', 'name', 'goal_id', 'strategy_id'),
        join_filters=_GOAL_AND_STRATEGY_JOINS,
        eager=('goal', 'strategy'),
        unique_live_name=True),
    ResourceSpec(
        name='audit', model=models.Audit,
        not_found=exception.AuditNotFound, not_found_kwarg='audit',
        already_exists=exception.AuditAlreadyExists,
        already_exists_kwarg='audit', already_exists_field='name',
        plain_filters=('uuid', 'name', 'audit_type', 'state', 'goal_id',
                       'strategy_id', 'hostname'),
        join_filters=_GOAL_AND_STRATEGY_JOINS,
        eager=('goal', 'strategy'),
        unique_live_name=True,
        referenced_by=(('action_plan', 'audit_id',
                        exception.AuditReferenced, 'audit'),)),
    ResourceSpec(
        name='action_plan', model=models.ActionPlan,
        not_found=exception.ActionPlanNotFound,
        not_found_kwarg='action_plan',
        already_exists=exception.ActionPlanAlreadyExists,
        already_exists_kwarg='uuid', already_exists_field='uuid',
        plain_filters=('uuid', 'state', 'audit_id', 'strategy_id',
                       'hostname'),
        join_filters={
            'audit_uuid': _via(_AUDIT, column='uuid'),
            'strategy_uuid': _via(_STRATEGY, column='uuid'),
            'strategy_name': _via(_STRATEGY, column='name')},
        eager=('audit', 'strategy'),
        referenced_by=(('action', 'action_plan_id',
                        exception.ActionPlanReferenced, 'action_plan'),)),
    ResourceSpec(
        name='action', model=models.Action,
        not_found=exception.ActionNotFound, not_found_kwarg='action',
        already_exists=exception.ActionAlreadyExists,
        already_exists_kwarg='uuid', already_exists_field='uuid',
        plain_filters=('uuid', 'state', 'action_plan_id', 'action_type'),
        join_filters={
            'action_plan_uuid': _via(_ACTION_PLAN, column='uuid'),
            # The plans of the audit, then their actions.
            'audit_uuid': _via(_ACTION_PLAN, _AUDIT, column='uuid')},
        eager=('action_plan',)),
    ResourceSpec(
        name='efficacy_indicator', model=models.EfficacyIndicator,
        not_found=exception.EfficacyIndicatorNotFound,
        not_found_kwarg='efficacy_indicator',
        already_exists=exception.EfficacyIndicatorAlreadyExists,
        already_exists_kwarg='uuid', already_exists_field='uuid',
        plain_filters=('uuid', 'name', 'unit', 'schema', 'action_plan_id'),
        join_filters={'action_plan_uuid': _via(_ACTION_PLAN,
                                               column='uuid')},
        eager=('action_plan',),
        # ``value`` lost decimals (bug 2103458); ``data`` is the real one.
        copy_when_absent=(('data', 'value'),)),
    ResourceSpec(
        name='scoring_engine', model=models.ScoringEngine,
        not_found=exception.ScoringEngineNotFound,
        not_found_kwarg='scoring_engine',
        already_exists=exception.ScoringEngineAlreadyExists,
        already_exists_kwarg='uuid', already_exists_field='uuid',
        plain_filters=('id', 'uuid', 'name', 'description')),
    ResourceSpec(
        name='service', model=models.Service,
        not_found=exception.ServiceNotFound, not_found_kwarg='service',
        already_exists=exception.ServiceAlreadyExists,
        already_exists_kwarg='name', already_exists_field='name',
        plain_filters=('id', 'name', 'host'),
        marker_field='id'),
    ResourceSpec(
        name='action_description', model=models.ActionDescription,
        not_found=exception.ActionDescriptionNotFound,
        not_found_kwarg='action_id',
        already_exists=exception.ActionDescriptionAlreadyExists,
        already_exists_kwarg='action_type',
        already_exists_field='action_type',
        plain_filters=('id', 'action_type'),
        marker_field='id'),
)}

RESOURCES = tuple(SPECS)


def get_spec(resource):
    """The spec of ``resource`` or ``Invalid`` naming the known ones."""
    try:
        return SPECS[resource]
    except KeyError:
        raise exception.Invalid(
            message='Unknown database resource %r; expected one of %s'
            % (resource, ', '.join(RESOURCES)))
