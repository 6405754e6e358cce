"""Add hostname to audits and action_plans (the service handling them).

Revision ID: 52804f2498c4
Revises: a86240e89a29
"""
from alembic import op
import sqlalchemy as sa

revision = '52804f2498c4'
down_revision = 'a86240e89a29'

TABLES = ('audits', 'action_plans')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('hostname', sa.String(255),
                                       nullable=True))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('hostname')
