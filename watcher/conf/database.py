"""The [database] group: oslo.db options plus the MySQL storage engine.

oslo.db's own options are listed by the ``oslo.db`` generator namespace; here
we only change the default connection and add ``mysql_engine``.
"""
from oslo_config import cfg
from oslo_db import options as db_options

from watcher.conf import default

DEFAULT_CONNECTION = 'sqlite:///' + default.state_path_def('watcher.sqlite')

database = cfg.OptGroup(name='database',
                        title='Database connection options')

SQL_OPTS = [
    cfg.StrOpt('mysql_engine',
               default='InnoDB',
               help='MySQL engine used when creating tables.'),
]


def register_opts(conf):
    db_options.set_defaults(conf, connection=DEFAULT_CONNECTION)
    conf.register_opts(SQL_OPTS, group=database)


def list_opts():
    return [(database, SQL_OPTS)]
