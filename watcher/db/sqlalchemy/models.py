"""SQLAlchemy models of the Watcher tables.

Every Watcher resource table carries oslo.db's timestamp and soft-delete
columns (``deleted`` holds the row id once soft-deleted, so unique
constraints that include ``deleted`` let a name be reused). Table and
constraint names are part of the operator-visible schema: keep them.

``apscheduler_jobs`` belongs to APScheduler's job store and deliberately
has no soft-delete columns (the reference declared them in its model but
never created them); ``upgrade`` and ``create_schema`` therefore agree.
"""
from oslo_db.sqlalchemy import models
import sqlalchemy as sa
from sqlalchemy import orm

from watcher.db.sqlalchemy import types


class Base(orm.DeclarativeBase):
    """Declarative base holding the metadata of every Watcher table."""


class WatcherBase(models.SoftDeleteMixin, models.TimestampMixin,
                  models.ModelBase, Base):
    """A Watcher resource row: id primary key, timestamps, soft delete."""

    __abstract__ = True

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)

    def as_dict(self):
        """Column values as a plain dict (relationships left out)."""
        return {column.name: getattr(self, column.name)
                for column in self.__table__.columns}


def _fk(target):
    return sa.ForeignKey(target)


class Goal(WatcherBase):
    """A goal plugin known to the decision engine."""

    __tablename__ = 'goals'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_goals0uuid'),
        sa.UniqueConstraint('name', 'deleted', name='uniq_goals0name'),
        types.table_options(),
    )
    uuid = sa.Column(sa.String(36))
    name = sa.Column(sa.String(63), nullable=False)
    display_name = sa.Column(sa.String(63), nullable=False)
    efficacy_specification = sa.Column(types.JSONEncodedList,
                                       nullable=False)


class Strategy(WatcherBase):
    """A strategy plugin and the goal it achieves."""

    __tablename__ = 'strategies'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_strategies0uuid'),
        sa.UniqueConstraint('name', 'deleted', name='uniq_strategies0name'),
        types.table_options(),
    )
    uuid = sa.Column(sa.String(36))
    name = sa.Column(sa.String(63), nullable=False)
    display_name = sa.Column(sa.String(63), nullable=False)
    goal_id = sa.Column(sa.Integer, _fk('goals.id'), nullable=False)
    parameters_spec = sa.Column(types.JSONEncodedDict, nullable=True)

    goal = orm.relationship(Goal, foreign_keys=goal_id)


class AuditTemplate(WatcherBase):
    """Reusable audit settings (goal, optional strategy, scope)."""

    __tablename__ = 'audit_templates'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_audit_templates0uuid'),
        sa.UniqueConstraint('name', 'deleted',
                            name='uniq_audit_templates0name'),
        types.table_options(),
    )
    uuid = sa.Column(sa.String(36))
    name = sa.Column(sa.String(63), nullable=True)
    description = sa.Column(sa.String(255), nullable=True)
    goal_id = sa.Column(sa.Integer, _fk('goals.id'), nullable=False)
    strategy_id = sa.Column(sa.Integer, _fk('strategies.id'), nullable=True)
    scope = sa.Column(types.JSONEncodedList, nullable=True)
    default_parameters = sa.Column(types.JSONEncodedDict, nullable=True)

    goal = orm.relationship(Goal, foreign_keys=goal_id)
    strategy = orm.relationship(Strategy, foreign_keys=strategy_id)


class Audit(WatcherBase):
    """One optimization request and its lifecycle state."""

    __tablename__ = 'audits'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_audits0uuid'),
        # Created by our own revision c2d1e8b6a0f4; the reference declared
        # it here but no migration of its chain created it.
        sa.UniqueConstraint('name', 'deleted', name='uniq_audits0name'),
        types.table_options(),
    )
    uuid = sa.Column(sa.String(36))
    name = sa.Column(sa.String(63), nullable=True)
    audit_type = sa.Column(sa.String(20))
    state = sa.Column(sa.String(20), nullable=True)
    parameters = sa.Column(types.JSONEncodedDict, nullable=True)
    interval = sa.Column(sa.String(36), nullable=True)
    goal_id = sa.Column(sa.Integer, _fk('goals.id'), nullable=False)
    strategy_id = sa.Column(sa.Integer, _fk('strategies.id'), nullable=True)
    scope = sa.Column(types.JSONEncodedList, nullable=True)
    auto_trigger = sa.Column(sa.Boolean, nullable=False, default=False)
    next_run_time = sa.Column(sa.DateTime, nullable=True)
    hostname = sa.Column(sa.String(255), nullable=True)
    start_time = sa.Column(sa.DateTime, nullable=True)
    end_time = sa.Column(sa.DateTime, nullable=True)
    force = sa.Column(sa.Boolean, nullable=False, default=False)
    status_message = sa.Column(sa.String(255), nullable=True)

    goal = orm.relationship(Goal, foreign_keys=goal_id)
    strategy = orm.relationship(Strategy, foreign_keys=strategy_id)


class ActionPlan(WatcherBase):
    """The plan of actions produced by one audit run."""

    __tablename__ = 'action_plans'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_action_plans0uuid'),
        types.table_options(),
    )
    uuid = sa.Column(sa.String(36))
    audit_id = sa.Column(sa.Integer, _fk('audits.id'), nullable=False)
    strategy_id = sa.Column(sa.Integer, _fk('strategies.id'),
                            nullable=False)
    state = sa.Column(sa.String(20), nullable=True)
    global_efficacy = sa.Column(types.JSONEncodedList, nullable=True)
    hostname = sa.Column(sa.String(255), nullable=True)
    status_message = sa.Column(sa.String(255), nullable=True)

    audit = orm.relationship(Audit, foreign_keys=audit_id)
    strategy = orm.relationship(Strategy, foreign_keys=strategy_id)


class Action(WatcherBase):
    """One step of an action plan."""

    __tablename__ = 'actions'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_actions0uuid'),
        types.table_options(),
    )
    uuid = sa.Column(sa.String(36), nullable=False)
    action_plan_id = sa.Column(sa.Integer, _fk('action_plans.id'),
                               nullable=False)
    action_type = sa.Column(sa.String(255), nullable=False)
    input_parameters = sa.Column(types.JSONEncodedDict, nullable=True)
    state = sa.Column(sa.String(20), nullable=True)
    parents = sa.Column(types.JSONEncodedList, nullable=True)
    status_message = sa.Column(sa.String(255), nullable=True)

    action_plan = orm.relationship(ActionPlan, foreign_keys=action_plan_id)


class EfficacyIndicator(WatcherBase):
    """A measured indicator of an action plan (``data`` is authoritative;
    ``value`` is the deprecated Numeric column that lost decimals)."""

    __tablename__ = 'efficacy_indicators'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_efficacy_indicators0uuid'),
        types.table_options(),
    )
    uuid = sa.Column(sa.String(36))
    name = sa.Column(sa.String(63))
    description = sa.Column(sa.String(255), nullable=True)
    unit = sa.Column(sa.String(63), nullable=True)
    value = sa.Column(sa.Numeric())
    data = sa.Column(sa.Float())
    action_plan_id = sa.Column(sa.Integer, _fk('action_plans.id'),
                               nullable=False)

    action_plan = orm.relationship(ActionPlan, foreign_keys=action_plan_id)


class ScoringEngine(WatcherBase):
    """A scoring engine plugin."""

    __tablename__ = 'scoring_engines'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_scoring_engines0uuid'),
        sa.UniqueConstraint('name', 'deleted',
                            name='uniq_scoring_engines0name'),
        types.table_options(),
    )
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(63), nullable=False)
    description = sa.Column(sa.String(255), nullable=True)
    # Free-form, e.g. a JSON list of column names (engine specific).
    metainfo = sa.Column(sa.Text, nullable=True)


class Service(WatcherBase):
    """A running Watcher process, kept alive by its heartbeats."""

    __tablename__ = 'services'
    __table_args__ = (
        sa.UniqueConstraint('host', 'name', 'deleted',
                            name='uniq_services0host0name0deleted'),
        types.table_options(),
    )
    name = sa.Column(sa.String(255), nullable=False)
    host = sa.Column(sa.String(255), nullable=False)
    last_seen_up = sa.Column(sa.DateTime, nullable=True)


class ActionDescription(WatcherBase):
    """Human readable description of an action type."""

    __tablename__ = 'action_descriptions'
    __table_args__ = (
        sa.UniqueConstraint('action_type',
                            name='uniq_action_description0action_type'),
        types.table_options(),
    )
    action_type = sa.Column(sa.String(255), nullable=False)
    description = sa.Column(sa.String(255), nullable=False)


class APSchedulerJob(models.ModelBase, Base):
    """A continuous-audit job stored by APScheduler's SQLAlchemy job store.

    No timestamp/soft-delete columns: APScheduler owns these rows.
    """

    __tablename__ = 'apscheduler_jobs'
    __table_args__ = (types.table_options(),)

    id = sa.Column(sa.Unicode(191), primary_key=True)
    next_run_time = sa.Column(sa.Float(25), index=True)
    job_state = sa.Column(sa.LargeBinary, nullable=False)
    service_id = sa.Column(sa.Integer, _fk('services.id'), nullable=False)
    tag = sa.Column(types.JSONEncodedDict, nullable=True)
