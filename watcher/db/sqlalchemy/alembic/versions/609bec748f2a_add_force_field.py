"""Add audits.force (run even when an action plan is ongoing).

Nullable here, as in the reference; c2d1e8b6a0f4 fills the NULLs with
false and makes it NOT NULL like the model.

Revision ID: 609bec748f2a
Revises: 4b16194c56bc
Create Date: 2019-05-05
"""
from alembic import op
import sqlalchemy as sa

revision = '609bec748f2a'
down_revision = '4b16194c56bc'


def upgrade():
    with op.batch_alter_table('audits') as batch:
        batch.add_column(sa.Column('force', sa.Boolean(), nullable=True))


def downgrade():
    with op.batch_alter_table('audits') as batch:
        batch.drop_column('force')
