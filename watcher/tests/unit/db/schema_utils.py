"""Schema comparison helpers shared by the unit and functional DB tests."""
from alembic import autogenerate
from alembic import migration as alembic_migration
import sqlalchemy as sa

from watcher.db.sqlalchemy import models


def _type_name(column_type, dialect):
    try:
        return str(column_type.compile(dialect=dialect))
    except Exception:  # a type the dialect cannot render back
        return repr(column_type)


def reflect_schema(engine):
    """Tables, columns (type, nullable), keys and indexes as plain data."""
    inspector = sa.inspect(engine)
    dialect = engine.dialect
    schema = {}
    for table in sorted(inspector.get_table_names()):
        schema[table] = {
            'columns': {
                column['name']: (_type_name(column['type'], dialect),
                                 column['nullable'])
                for column in inspector.get_columns(table)},
            'primary_key': tuple(inspector.get_pk_constraint(table)[
                'constrained_columns']),
            'unique': sorted(
                (unique['name'], tuple(unique['column_names']))
                for unique in inspector.get_unique_constraints(table)),
            'indexes': sorted(
                (index['name'], tuple(index['column_names']),
                 bool(index['unique']))
                for index in inspector.get_indexes(table)),
            'foreign_keys': sorted(
                (tuple(fk['constrained_columns']), fk['referred_table'],
                 tuple(fk['referred_columns']))
                for fk in inspector.get_foreign_keys(table)),
        }
    return schema


def _is_known_false_positive(diff, dialect_name):
    # MySQL has no FLOAT(25): both paths create DOUBLE, which alembic
    # then reports as different from the model's Float(25).
    return (dialect_name == 'mysql' and isinstance(diff, tuple) and
            diff[0] == 'modify_type' and isinstance(diff[-1], sa.Float))


def metadata_diff(engine):
    """Alembic's differences between the live schema and the models."""
    with engine.connect() as connection:
        context = alembic_migration.MigrationContext.configure(
            connection, opts={'compare_type': True})
        diffs = autogenerate.compare_metadata(context, models.Base.metadata)
    flat = []
    for diff in diffs:
        flat.extend(diff if isinstance(diff, list) else [diff])
    return [diff for diff in flat
            if not _is_known_false_positive(diff, engine.dialect.name)]
