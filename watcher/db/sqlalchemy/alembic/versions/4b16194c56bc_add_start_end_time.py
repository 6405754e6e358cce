"""Add start_time and end_time to audits (continuous audit window).

Revision ID: 4b16194c56bc
Revises: 52804f2498c4
"""
from alembic import op
import sqlalchemy as sa

revision = '4b16194c56bc'
down_revision = '52804f2498c4'


def upgrade():
    with op.batch_alter_table('audits') as batch:
        batch.add_column(sa.Column('start_time', sa.DateTime(),
                                   nullable=True))
        batch.add_column(sa.Column('end_time', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('audits') as batch:
        batch.drop_column('end_time')
        batch.drop_column('start_time')
