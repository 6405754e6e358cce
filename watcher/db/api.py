"""Database facade: ``get_instance()`` returns the generic ``Connection``.

Resources are named by string (see ``RESOURCES``); the operations are
``get``, ``list``, ``create``, ``update`` (with optional compare-and-swap
``expected``), ``soft_delete``, ``destroy`` and ``heartbeat_service``.
The contract is documented in doc/source/contributor/architecture.rst.

``check_connection()`` lets a service verify at start-up that the
database answers (oslo.db retries ``[database] max_retries`` times, every
``retry_interval`` seconds) and fail with one clear line if it does not.
"""
import importlib
import sys
import threading

from oslo_db import exception as db_exc
from oslo_log import log
import sqlalchemy as sa

from watcher.common import exception
from watcher import conf

CONF = conf.CONF
LOG = log.getLogger(__name__)

_BACKEND_MODULES = {'sqlalchemy': 'watcher.db.sqlalchemy.api'}
_LOCK = threading.Lock()
_INSTANCE = None


def _backend_module():
    backend = CONF.database.backend
    try:
        return importlib.import_module(_BACKEND_MODULES[backend])
    except KeyError:
        raise exception.Invalid(
            message='Unsupported [database] backend %r' % backend)


def get_instance():
    """The process-wide ``Connection`` (created on first call)."""
    global _INSTANCE
    with _LOCK:
        if _INSTANCE is None:
            _INSTANCE = _backend_module().get_backend()
        return _INSTANCE


def _safe_url():
    try:
        return sa.engine.make_url(CONF.database.connection).render_as_string(
            hide_password=True)
    except Exception:
        return '<invalid [database] connection>'


def check_connection():
    """Run ``SELECT 1``; raise ``DatabaseUnavailable`` with a one-line
    reason if the database cannot be reached after oslo.db's retries."""
    backend = _backend_module()
    try:
        engine = backend.get_engine()
        with engine.connect() as connection:
            connection.execute(sa.text('SELECT 1'))
    except db_exc.DBConnectionError as exc:
        raise exception.DatabaseUnavailable(
            reason='cannot connect to %s after %s attempt(s): %s' % (
                _safe_url(), CONF.database.max_retries,
                backend.first_line(exc)))
    except (db_exc.DBError, sa.exc.SQLAlchemyError, ImportError,
            ValueError) as exc:
        raise exception.DatabaseUnavailable(
            reason='cannot use %s: %s' % (
                _safe_url(), backend.first_line(exc)))


def exit_unless_reachable(program):
    """For service start-up: exit with one line on stderr (status 1)
    when the database is unreachable, instead of a traceback."""
    try:
        check_connection()
    except exception.DatabaseUnavailable as exc:
        LOG.error('%s cannot start: %s', program, exc)
        sys.exit('%s: %s' % (program, exc))
