"""Add efficacy_indicators.data, a Float that keeps the decimals the
Numeric ``value`` column lost (bug 2103458).

Revision ID: 15f7375ca737
Revises: 609bec748f2a
Create Date: 2025-03-24
"""
from alembic import op
import sqlalchemy as sa

revision = '15f7375ca737'
down_revision = '609bec748f2a'


def upgrade():
    with op.batch_alter_table('efficacy_indicators') as batch:
        batch.add_column(sa.Column('data', sa.Float(), nullable=True))


def downgrade():
    with op.batch_alter_table('efficacy_indicators') as batch:
        batch.drop_column('data')
