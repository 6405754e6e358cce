"""Add status_message to action_plans, actions and audits.

Revision ID: 7150a7d8f228
Revises: 15f7375ca737
Create Date: 2025-07
"""
from alembic import op
import sqlalchemy as sa

revision = '7150a7d8f228'
down_revision = '15f7375ca737'

TABLES = ('action_plans', 'actions', 'audits')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('status_message', sa.String(255),
                                       nullable=True))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('status_message')
