"""Add audit_templates.default_parameters (API microversion 1.7).

Revision ID: f56ba02662b4
Revises: 7150a7d8f228
Create Date: 2026-05
"""
from alembic import op
import sqlalchemy as sa

from watcher.db.sqlalchemy import types

revision = 'f56ba02662b4'
down_revision = '7150a7d8f228'


def upgrade():
    with op.batch_alter_table('audit_templates') as batch:
        batch.add_column(sa.Column('default_parameters',
                                   types.JSONEncodedDict(), nullable=True))


def downgrade():
    with op.batch_alter_table('audit_templates') as batch:
        batch.drop_column('default_parameters')
