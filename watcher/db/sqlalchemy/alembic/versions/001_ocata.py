"""Ocata baseline: the nine original Watcher tables.

Revision ID: 001 (the reference's docstring called it 9894235b4278)
Revises: None
Create Date: 2017-02-01
"""
from alembic import op
import sqlalchemy as sa

from watcher.db.sqlalchemy import types

revision = '001'
down_revision = None


def _create(name, *columns_and_constraints):
    op.create_table(name, *types.mixin_columns(), *columns_and_constraints,
                    **types.table_options())


def upgrade():
    _create(
        'goals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(36), nullable=True),
        sa.Column('name', sa.String(63), nullable=False),
        sa.Column('display_name', sa.String(63), nullable=False),
        sa.Column('efficacy_specification', types.JSONEncodedList(),
                  nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', 'deleted', name='uniq_goals0name'),
        sa.UniqueConstraint('uuid', name='uniq_goals0uuid'))
    _create(
        'scoring_engines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(36), nullable=False),
        sa.Column('name', sa.String(63), nullable=False),
        sa.Column('description', sa.String(255), nullable=True),
        sa.Column('metainfo', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', 'deleted',
                            name='uniq_scoring_engines0name'),
        sa.UniqueConstraint('uuid', name='uniq_scoring_engines0uuid'))
    _create(
        'services',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('host', sa.String(255), nullable=False),
        sa.Column('last_seen_up', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('host', 'name', 'deleted',
                            name='uniq_services0host0name0deleted'))
    _create(
        'strategies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(36), nullable=True),
        sa.Column('name', sa.String(63), nullable=False),
        sa.Column('display_name', sa.String(63), nullable=False),
        sa.Column('goal_id', sa.Integer(), nullable=False),
        sa.Column('parameters_spec', types.JSONEncodedDict(), nullable=True),
        sa.ForeignKeyConstraint(['goal_id'], ['goals.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', 'deleted', name='uniq_strategies0name'),
        sa.UniqueConstraint('uuid', name='uniq_strategies0uuid'))
    _create(
        'audit_templates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(36), nullable=True),
        sa.Column('name', sa.String(63), nullable=True),
        sa.Column('description', sa.String(255), nullable=True),
        sa.Column('goal_id', sa.Integer(), nullable=False),
        sa.Column('strategy_id', sa.Integer(), nullable=True),
        sa.Column('scope', types.JSONEncodedList(), nullable=True),
        sa.ForeignKeyConstraint(['goal_id'], ['goals.id']),
        sa.ForeignKeyConstraint(['strategy_id'], ['strategies.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', 'deleted',
                            name='uniq_audit_templates0name'),
        sa.UniqueConstraint('uuid', name='uniq_audit_templates0uuid'))
    _create(
        'audits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(36), nullable=True),
        sa.Column('audit_type', sa.String(20), nullable=True),
        sa.Column('state', sa.String(20), nullable=True),
        sa.Column('parameters', types.JSONEncodedDict(), nullable=True),
        sa.Column('interval', sa.Integer(), nullable=True),
        sa.Column('goal_id', sa.Integer(), nullable=False),
        sa.Column('strategy_id', sa.Integer(), nullable=True),
        sa.Column('scope', types.JSONEncodedList(), nullable=True),
        sa.Column('auto_trigger', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['goal_id'], ['goals.id']),
        sa.ForeignKeyConstraint(['strategy_id'], ['strategies.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_audits0uuid'))
    _create(
        'action_plans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(36), nullable=True),
        sa.Column('audit_id', sa.Integer(), nullable=False),
        sa.Column('strategy_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(20), nullable=True),
        # JSON text either way; the model reads it as a list.
        sa.Column('global_efficacy', types.JSONEncodedDict(), nullable=True),
        sa.ForeignKeyConstraint(['audit_id'], ['audits.id']),
        sa.ForeignKeyConstraint(['strategy_id'], ['strategies.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_action_plans0uuid'))
    _create(
        'actions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(36), nullable=False),
        sa.Column('action_plan_id', sa.Integer(), nullable=False),
        sa.Column('action_type', sa.String(255), nullable=False),
        sa.Column('input_parameters', types.JSONEncodedDict(), nullable=True),
        sa.Column('state', sa.String(20), nullable=True),
        sa.Column('parents', types.JSONEncodedList(), nullable=True),
        sa.ForeignKeyConstraint(['action_plan_id'], ['action_plans.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_actions0uuid'))
    _create(
        'efficacy_indicators',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(36), nullable=True),
        sa.Column('name', sa.String(63), nullable=True),
        sa.Column('description', sa.String(255), nullable=True),
        sa.Column('unit', sa.String(63), nullable=True),
        sa.Column('value', sa.Numeric(), nullable=True),
        sa.Column('action_plan_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['action_plan_id'], ['action_plans.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_efficacy_indicators0uuid'))


def downgrade():
    for table in ('efficacy_indicators', 'actions', 'action_plans', 'audits',
                  'audit_templates', 'strategies', 'services',
                  'scoring_engines', 'goals'):
        op.drop_table(table)
