"""Schema migrations (the ``watcher.database.migration_backend`` entry
point used by ``watcher-db-manage``).

Every function works on the engine of ``[database] connection`` unless an
``engine`` is given (tests use that to migrate a scratch database).
"""
import contextlib
import os

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script
from oslo_db import exception as db_exc

from watcher.db.sqlalchemy import api as sqla_api
from watcher.db.sqlalchemy import models

_HERE = os.path.dirname(os.path.abspath(__file__))


def _config():
    config = alembic_config.Config(os.path.join(_HERE, 'alembic.ini'))
    config.set_main_option('script_location',
                           os.path.join(_HERE, 'alembic'))
    return config


@contextlib.contextmanager
def _connected_config(engine):
    """An alembic config bound to an open connection of ``engine``."""
    engine = engine or sqla_api.get_engine()
    config = _config()
    with engine.connect() as connection:
        config.attributes['connection'] = connection
        yield config
        if connection.in_transaction():
            connection.commit()


def head():
    """The newest revision of our chain."""
    return alembic_script.ScriptDirectory.from_config(
        _config()).get_current_head()


def version(engine=None):
    """Current revision of the database, None if not under control."""
    engine = engine or sqla_api.get_engine()
    with engine.connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        return context.get_current_revision()


def upgrade(version=None, engine=None):
    """Upgrade to ``version`` (default: head)."""
    with _connected_config(engine) as config:
        alembic_command.upgrade(config, version or 'head')


def downgrade(version=None, engine=None):
    """Downgrade to ``version`` (default: one revision down)."""
    with _connected_config(engine) as config:
        alembic_command.downgrade(config, version or '-1')


def stamp(revision, engine=None):
    """Record ``revision`` as current without running migrations."""
    with _connected_config(engine) as config:
        alembic_command.stamp(config, revision)


def revision(message=None, autogenerate=False, engine=None):
    """Write a new revision file (compared with the live database when
    ``autogenerate``)."""
    with _connected_config(engine) as config:
        return alembic_command.revision(config, message=message,
                                        autogenerate=autogenerate)


def create_schema(config=None, engine=None):
    """Create every table from the models and stamp head.

    Only for an empty database: one under version control must use
    ``upgrade``. ``config`` is accepted for the reference's signature.
    """
    engine = engine or sqla_api.get_engine()
    if version(engine) is not None:
        raise db_exc.DBMigrationError(
            'The database schema is already under version control; '
            'use "watcher-db-manage upgrade" instead')
    models.Base.metadata.create_all(engine)
    stamp('head', engine=engine)
