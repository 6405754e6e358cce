"""Give a name to the audits created before audits had one.

The name is ``<strategy name>-<created_at>`` (the goal name when the audit
has no strategy), cut to the 63 characters of the column. The reference's
version of this revision compared with Python's ``is None`` and so never
changed a row; ours really fills the names. Downgrade leaves the names
(3cfc94cecf4e's downgrade drops the column).

Revision ID: a86240e89a29
Revises: 3cfc94cecf4e
Create Date: 2017-12-21
"""
from alembic import op
import sqlalchemy as sa

revision = 'a86240e89a29'
down_revision = '3cfc94cecf4e'

NAME_LENGTH = 63


def upgrade():
    audits = sa.table('audits', sa.column('id', sa.Integer()),
                      sa.column('name', sa.String(63)),
                      sa.column('goal_id', sa.Integer()),
                      sa.column('strategy_id', sa.Integer()),
                      sa.column('created_at', sa.DateTime()))
    goals = sa.table('goals', sa.column('id', sa.Integer()),
                     sa.column('name', sa.String(63)))
    strategies = sa.table('strategies', sa.column('id', sa.Integer()),
                          sa.column('name', sa.String(63)))
    bind = op.get_bind()
    goal_names = dict(bind.execute(
        sa.select(goals.c.id, goals.c.name)).all())
    strategy_names = dict(bind.execute(
        sa.select(strategies.c.id, strategies.c.name)).all())
    unnamed = bind.execute(
        sa.select(audits.c.id, audits.c.goal_id, audits.c.strategy_id,
                  audits.c.created_at)
        .where(audits.c.name.is_(None)).order_by(audits.c.id)).fetchall()
    for row_id, goal_id, strategy_id, created_at in unnamed:
        prefix = (strategy_names.get(strategy_id) or
                  goal_names.get(goal_id) or 'audit')
        name = '%s-%s' % (prefix, created_at)
        bind.execute(audits.update().where(audits.c.id == row_id)
                     .values(name=name[:NAME_LENGTH]))


def downgrade():
    pass
