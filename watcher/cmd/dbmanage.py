"""``watcher-db-manage``: schema migrations and purge of deleted rows.

Sub-commands: version, upgrade [--revision], downgrade [--revision],
stamp <revision>, revision [-m MSG] [--autogenerate], create_schema,
purge [-d N] [-n N] [-t GOAL] [-e] [--dry-run]. Without a sub-command it
runs ``upgrade`` (as the reference does). The database is
``[database] connection`` of the configuration files (or the
``OS_DATABASE__CONNECTION`` environment variable).
"""
import sys

from alembic import util as alembic_util
from oslo_config import cfg
from oslo_db import exception as db_exc
from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.db import purge
from watcher.db.sqlalchemy import migration

CONF = conf.CONF
LOG = log.getLogger(__name__)


class DBCommand:
    """One static method per sub-command, reading ``CONF.command``."""

    @staticmethod
    def upgrade():
        migration.upgrade(CONF.command.revision)
        print('Database at revision %s' % migration.version())

    @staticmethod
    def downgrade():
        migration.downgrade(CONF.command.revision)
        print('Database at revision %s' % migration.version())

    @staticmethod
    def stamp():
        migration.stamp(CONF.command.revision)

    @staticmethod
    def revision():
        migration.revision(CONF.command.message, CONF.command.autogenerate)

    @staticmethod
    def version():
        print(migration.version())

    @staticmethod
    def create_schema():
        migration.create_schema()

    @staticmethod
    def purge():
        purge.purge(CONF.command.age_in_days, CONF.command.max_number,
                    CONF.command.goal, CONF.command.exclude_orphans,
                    CONF.command.dry_run)


def add_command_parsers(subparsers):
    parser = subparsers.add_parser(
        'upgrade', help='Upgrade the database schema to the latest version '
        '(or to --revision).')
    parser.add_argument('--revision', nargs='?')
    parser.set_defaults(func=DBCommand.upgrade)

    parser = subparsers.add_parser(
        'downgrade', help='Downgrade the database schema to --revision '
        '(default: one revision down).')
    parser.add_argument('--revision', nargs='?')
    parser.set_defaults(func=DBCommand.downgrade)

    parser = subparsers.add_parser(
        'stamp', help='Record a revision without running migrations.')
    parser.add_argument('revision')
    parser.set_defaults(func=DBCommand.stamp)

    parser = subparsers.add_parser(
        'revision', help='Create a new alembic revision file.')
    parser.add_argument('-m', '--message')
    parser.add_argument('--autogenerate', action='store_true')
    parser.set_defaults(func=DBCommand.revision)

    parser = subparsers.add_parser(
        'version', help='Print the current revision of the database.')
    parser.set_defaults(func=DBCommand.version)

    parser = subparsers.add_parser(
        'create_schema', help='Create an empty database schema from the '
        'models and stamp it at head.')
    parser.set_defaults(func=DBCommand.create_schema)

    parser = subparsers.add_parser(
        'purge', help='Hard-delete soft-deleted rows (and orphans).')
    parser.add_argument(
        '-d', '--age-in-days', type=int, dest='age_in_days',
        help='Only rows soft-deleted more than this many days ago.')
    parser.add_argument(
        '-n', '--max-number', type=int, dest='max_number',
        help='Maximum number of rows to delete; above it you may delete '
        'whole goal groups up to the limit.')
    parser.add_argument(
        '-t', '--goal', dest='goal',
        help='UUID or name of a soft-deleted goal to purge (with its '
        'related rows).')
    parser.add_argument(
        '-e', '--exclude-orphans', action='store_true',
        dest='exclude_orphans', default=False,
        help='Keep live rows whose parent is gone.')
    parser.add_argument(
        '--dry-run', action='store_true', dest='dry_run', default=False,
        help='Only print what would be deleted.')
    parser.set_defaults(func=DBCommand.purge)


COMMANDS = ('upgrade', 'downgrade', 'stamp', 'revision', 'version',
            'create_schema', 'purge')

command_opt = cfg.SubCommandOpt('command', title='Command',
                                help='Available commands',
                                handler=add_command_parsers)


def _register_cli_opts():
    try:
        CONF.register_cli_opt(command_opt)
    except cfg.DuplicateOptError:
        pass
    log.register_options(CONF)


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    _register_cli_opts()
    if not set(argv[1:]) & set(COMMANDS):
        argv.append('upgrade')
    CONF(argv[1:], project='watcher')
    log.setup(CONF, 'watcher')
    try:
        CONF.command.func()
    except exception.DatabaseUnavailable as exc:
        print('watcher-db-manage: %s' % exc, file=sys.stderr)
        return 1
    except db_exc.DBConnectionError as exc:
        print('watcher-db-manage: cannot connect to the database: %s' %
              str(exc).splitlines()[0], file=sys.stderr)
        return 1
    except (exception.WatcherException, db_exc.DBMigrationError,
            alembic_util.CommandError) as exc:
        print('watcher-db-manage: %s' % exc, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
