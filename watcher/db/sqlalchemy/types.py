"""Column types, table options and mixin columns shared by the models and
the migrations.

Migrations import these instead of the models so that an old revision keeps
working when the models move on.
"""
from oslo_db.sqlalchemy import types as db_types
from oslo_serialization import jsonutils
import sqlalchemy as sa

from watcher import conf

CONF = conf.CONF

# MySQL tables are created with this character set, as the reference does.
MYSQL_CHARSET = 'utf8'


def table_options():
    """MySQL storage engine and charset; ignored by other dialects."""
    return {'mysql_engine': CONF.database.mysql_engine,
            'mysql_charset': MYSQL_CHARSET}


class _JSONEncodedType(sa.types.TypeDecorator):
    """TEXT holding JSON; ``None`` is stored as the empty container.

    A value of the wrong Python type raises ``TypeError`` when bound, so a
    dict can never silently land in a list column (or the reverse).
    """

    impl = sa.Text
    cache_ok = True
    python_type_ = None

    def process_bind_param(self, value, dialect):
        if value is None:
            value = self.python_type_()
        elif not isinstance(value, self.python_type_):
            raise TypeError('%s stores %s values, not %s' % (
                type(self).__name__, self.python_type_.__name__,
                type(value).__name__))
        return jsonutils.dumps(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return jsonutils.loads(value)


class JSONEncodedDict(_JSONEncodedType):
    """A dict serialized as JSON text (``None`` → ``{}``)."""

    # SQLAlchemy reads cache_ok from each class itself, never inherited.
    cache_ok = True
    python_type_ = dict


class JSONEncodedList(_JSONEncodedType):
    """A list serialized as JSON text (``None`` → ``[]``)."""

    cache_ok = True
    python_type_ = list


def mixin_columns():
    """The columns oslo.db's TimestampMixin + SoftDeleteMixin add to a
    model, for migrations that create Watcher resource tables."""
    return [
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
        sa.Column('deleted', db_types.SoftDeleteInteger(), nullable=True),
    ]
