"""Add the apscheduler_jobs table (continuous audits' job store).

APScheduler may have created the table on its own before this revision
ran; it is then left as it is.

Revision ID: 0f6042416884
Revises: 001
Create Date: 2017-03-24
"""
from alembic import op
import sqlalchemy as sa

from watcher.db.sqlalchemy import types

revision = '0f6042416884'
down_revision = '001'


def upgrade():
    if 'apscheduler_jobs' in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        'apscheduler_jobs',
        sa.Column('id', sa.Unicode(191), nullable=False),
        sa.Column('next_run_time', sa.Float(25), index=True),
        sa.Column('job_state', sa.LargeBinary(), nullable=False),
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('tag', types.JSONEncodedDict(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.ForeignKeyConstraint(['service_id'], ['services.id']),
        **types.table_options())


def downgrade():
    op.drop_table('apscheduler_jobs')
