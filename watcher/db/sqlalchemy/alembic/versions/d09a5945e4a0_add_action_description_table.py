"""Add the action_descriptions table.

Revision ID: d09a5945e4a0
Revises: d098df6021e2
Create Date: 2017-07-13
"""
from alembic import op
import sqlalchemy as sa

from watcher.db.sqlalchemy import types

revision = 'd09a5945e4a0'
down_revision = 'd098df6021e2'


def upgrade():
    op.create_table(
        'action_descriptions',
        *types.mixin_columns(),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_type', sa.String(255), nullable=False),
        sa.Column('description', sa.String(255), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('action_type',
                            name='uniq_action_description0action_type'),
        **types.table_options())


def downgrade():
    op.drop_table('action_descriptions')
