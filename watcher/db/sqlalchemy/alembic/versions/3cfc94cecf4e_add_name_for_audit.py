"""Add audits.name.

Revision ID: 3cfc94cecf4e
Revises: d09a5945e4a0
"""
from alembic import op
import sqlalchemy as sa

revision = '3cfc94cecf4e'
down_revision = 'd09a5945e4a0'


def upgrade():
    with op.batch_alter_table('audits') as batch:
        batch.add_column(sa.Column('name', sa.String(63), nullable=True))


def downgrade():
    with op.batch_alter_table('audits') as batch:
        batch.drop_column('name')
