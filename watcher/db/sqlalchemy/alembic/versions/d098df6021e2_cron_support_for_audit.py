"""Cron support for audits: interval becomes a string, add next_run_time.

The reference only declared the new type without changing it; we really
turn ``audits.interval`` into VARCHAR(36) (integers become their decimal
text) so cron expressions fit on every backend.

Revision ID: d098df6021e2
Revises: 0f6042416884
Create Date: 2017-06-08
"""
from alembic import op
import sqlalchemy as sa

revision = 'd098df6021e2'
down_revision = '0f6042416884'


def upgrade():
    with op.batch_alter_table('audits') as batch:
        batch.alter_column('interval', existing_type=sa.Integer(),
                           type_=sa.String(36), existing_nullable=True,
                           postgresql_using='"interval"::varchar(36)')
        batch.add_column(sa.Column('next_run_time', sa.DateTime(),
                                   nullable=True))


def downgrade():
    # Cron expressions cannot be integers: they are dropped (NULL).
    audits = sa.table('audits', sa.column('id', sa.Integer()),
                      sa.column('interval', sa.String(36)))
    bind = op.get_bind()
    rows = bind.execute(sa.select(audits.c.id, audits.c.interval).where(
        audits.c.interval.is_not(None))).fetchall()
    for row_id, interval in rows:
        if not interval.strip().isdigit():
            bind.execute(audits.update().where(audits.c.id == row_id)
                         .values(interval=None))
    with op.batch_alter_table('audits') as batch:
        batch.drop_column('next_run_time')
        batch.alter_column('interval', existing_type=sa.String(36),
                           type_=sa.Integer(), existing_nullable=True,
                           postgresql_using='"interval"::integer')
