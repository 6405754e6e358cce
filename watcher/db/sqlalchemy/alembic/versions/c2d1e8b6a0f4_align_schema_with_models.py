"""Make an upgraded schema identical to the models (our own revision).

The reference's chain leaves three differences with its own models, so a
database built by ``upgrade`` differs from one built by ``create_schema``:

* ``uniq_audits0name`` (name, deleted) is declared by the model but was
  never created. Live duplicates are renamed first (``<name>-<id>``; on
  MySQL the comparison ignores case, like its collation).
* ``audits.force`` was added nullable; NULLs become false and the column
  becomes NOT NULL, as in the model.
* ``audits.interval`` stayed INTEGER on databases upgraded by the
  reference (its d098df6021e2 did not change the type); it becomes
  VARCHAR(36) here when needed.

Downgrade drops the constraint and makes ``force`` nullable again; the
interval type is kept (d098df6021e2's downgrade handles it).

Revision ID: c2d1e8b6a0f4
Revises: f56ba02662b4
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa

revision = 'c2d1e8b6a0f4'
down_revision = 'f56ba02662b4'

NAME_LENGTH = 63

_audits = sa.table('audits', sa.column('id', sa.Integer()),
                   sa.column('name', sa.String(63)),
                   sa.column('deleted', sa.Integer()),
                   sa.column('force', sa.Boolean()))


def _rename_duplicate_names(bind):
    fold_case = bind.dialect.name == 'mysql'
    rows = bind.execute(
        sa.select(_audits.c.id, _audits.c.name, _audits.c.deleted)
        .where(_audits.c.name.is_not(None)).order_by(_audits.c.id))
    taken = set()
    renames = []
    for row_id, name, deleted in rows.fetchall():
        key = (name.lower() if fold_case else name, deleted)
        if key in taken:
            suffix = '-%d' % row_id
            name = name[:NAME_LENGTH - len(suffix)] + suffix
            key = (name.lower() if fold_case else name, deleted)
            renames.append((row_id, name))
        taken.add(key)
    for row_id, name in renames:
        bind.execute(_audits.update().where(_audits.c.id == row_id)
                     .values(name=name))


def _interval_is_string(bind):
    for column in sa.inspect(bind).get_columns('audits'):
        if column['name'] == 'interval':
            return isinstance(column['type'], sa.String)
    return True


def _unique_constraint_names(bind):
    inspector = sa.inspect(bind)
    names = {c['name'] for c in inspector.get_unique_constraints('audits')}
    # MySQL reports unique constraints as unique indexes too.
    names |= {i['name'] for i in inspector.get_indexes('audits')
              if i.get('unique')}
    return names


def upgrade():
    bind = op.get_bind()
    _rename_duplicate_names(bind)
    bind.execute(_audits.update().where(_audits.c.force.is_(None))
                 .values(force=False))
    interval_is_string = _interval_is_string(bind)
    has_name_constraint = 'uniq_audits0name' in _unique_constraint_names(
        bind)
    with op.batch_alter_table('audits') as batch:
        if not interval_is_string:
            batch.alter_column('interval', existing_type=sa.Integer(),
                               type_=sa.String(36), existing_nullable=True,
                               postgresql_using='"interval"::varchar(36)')
        batch.alter_column('force', existing_type=sa.Boolean(),
                           nullable=False)
        if not has_name_constraint:
            batch.create_unique_constraint('uniq_audits0name',
                                           ['name', 'deleted'])


def downgrade():
    with op.batch_alter_table('audits') as batch:
        batch.drop_constraint('uniq_audits0name', type_='unique')
        batch.alter_column('force', existing_type=sa.Boolean(),
                           nullable=True)
