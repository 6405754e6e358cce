"""The generic CRUD ``Connection`` of the SQLAlchemy backend.

One implementation for every resource, driven by ``resources.SPECS``.
Sessions come from an oslo.db enginefacade configured by ``[database]``;
rows are returned detached (relationships loaded only when ``eager``).
Connection failures surface as ``DatabaseUnavailable`` (HTTP 503) instead
of driver tracebacks.
"""
import functools
import sqlite3
import threading

from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade
from oslo_db.sqlalchemy import utils as db_utils
from oslo_log import log
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import orm

from watcher.common import exception
from watcher.db.sqlalchemy import filters as db_filters
from watcher.db.sqlalchemy import models
from watcher.db.sqlalchemy import resources

LOG = log.getLogger(__name__)

# Engines and sessions of this process, configured from [database] on
# first use. Tests swap the engine with ``patch_engine``.
main_context_manager = enginefacade.transaction_context()

# enginefacade keeps one transaction stack per thread on this object, so
# nested calls in one thread share a transaction.
_CONTEXT = threading.local()

SORT_DIRECTIONS = ('asc', 'desc')


@sa.event.listens_for(sa.engine.Engine, 'connect')
def _sqlite_write_ahead_log(dbapi_connection, _record):
    """SQLite files in WAL mode: the API keeps reading while a decision
    engine stores a 10,000-action plan (in the default rollback journal a
    reader holds the writer's commit back). Other backends: untouched."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute('PRAGMA journal_mode=WAL')
        finally:
            cursor.close()


def get_backend():
    """Entry point used by ``watcher.db.api``."""
    return Connection()


def get_engine():
    """The writer engine (starts the facade, retrying the connection)."""
    return main_context_manager.writer.get_engine()


def reader_session():
    """Context manager: a read transaction (joins an outer one)."""
    return main_context_manager.reader.using(_CONTEXT)


def writer_session():
    """Context manager: a write transaction (joins an outer one)."""
    return main_context_manager.writer.using(_CONTEXT)


def first_line(error):
    """First line of a driver error: enough to say what went wrong."""
    text = str(getattr(error, 'inner_exception', None) or error)
    return text.strip().splitlines()[0] if text.strip() else repr(error)


def _db_errors(fn):
    """Turn a lost database into ``DatabaseUnavailable`` (503)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except db_exc.DBConnectionError as exc:
            LOG.error('Database unreachable during %s: %s', fn.__name__,
                      first_line(exc))
            raise exception.DatabaseUnavailable(reason=first_line(exc))
    return wrapper


def _show_deleted(context):
    return bool(getattr(context, 'show_deleted', False))


def _as_id(value):
    """``value`` as an integer id, or None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


class Connection:
    """Generic CRUD over the resources named in ``resources.RESOURCES``."""

    # -- reading ---------------------------------------------------------

    @_db_errors
    def get(self, context, resource, *, id=None, uuid=None, name=None,
            eager=False, **by):
        """One row matching every criterion, or the resource's NotFound.

        ``name`` matches case-insensitively; an exact match wins over
        case variants. Soft-deleted rows only with ``context.show_deleted``.
        """
        spec = resources.get_spec(resource)
        criteria = dict(by)
        for field, value in (('id', id), ('uuid', uuid), ('name', name)):
            if value is not None:
                criteria[field] = value
        if not criteria:
            raise exception.Invalid(
                message='get(%s) needs id, uuid, name or a column value'
                % resource)
        self._check_fields(spec, criteria, 'lookup')
        ident = next((value for value in (uuid, name, id) + tuple(
            by.values()) if value is not None), criteria)
        if 'id' in criteria:
            criteria['id'] = _as_id(criteria['id'])
            if criteria['id'] is None:
                raise spec.not_found_error(ident)
        model = spec.model
        with reader_session() as session:
            query = self._query(session, spec, eager)
            for field, value in sorted(criteria.items()):
                query = query.filter(db_filters.compare(
                    getattr(model, field), 'eq', value))
            if not _show_deleted(context):
                query = query.filter(model.deleted == 0)
            if 'name' in criteria:
                exact = sa.case((model.name == criteria['name'], 0), else_=1)
                query = query.order_by(exact)
            row = query.order_by(model.id).first()
        if row is None:
            raise spec.not_found_error(ident)
        return row

    @_db_errors
    def list(self, context, resource, filters=None, limit=None, marker=None,
             sort_key=None, sort_dir=None, eager=False):
        """A page of rows; ``marker`` is the uuid (service: id) of the
        last row of the previous page. Sorted by ``[sort_key, 'id']``."""
        spec = resources.get_spec(resource)
        sort_keys, sort_dir = self._sort(spec, sort_key, sort_dir)
        if limit is not None and limit < 0:
            raise exception.Invalid(message='Limit must be positive')
        clauses = db_filters.build_clauses(spec, filters)
        with reader_session() as session:
            marker_row = self._marker(context, spec, marker)
            query = self._query(session, spec, eager)
            if clauses:
                query = query.filter(*clauses)
            if not _show_deleted(context):
                query = query.filter(spec.model.deleted == 0)
            query = db_utils.paginate_query(query, spec.model, limit,
                                            sort_keys, marker=marker_row,
                                            sort_dir=sort_dir)
            return query.all()

    # -- writing ---------------------------------------------------------

    # Writes run their UPDATE/INSERT before any SELECT: on SQLite a
    # transaction that read first cannot take the write lock while another
    # one holds it ("database is locked"), whereas a write waits for it.

    @_db_errors
    def create(self, resource, values):
        """Insert a row (uuid generated when absent); duplicates raise
        the resource's AlreadyExists."""
        spec = resources.get_spec(resource)
        values = self._clean_values(spec, values)
        if spec.has_uuid and not values.get('uuid'):
            values['uuid'] = uuidutils.generate_uuid()
        with writer_session() as session:
            row = spec.model(**values)
            session.add(row)
            self._write(session, spec, values, session.flush)
            if spec.unique_live_name and values.get('name'):
                self._check_live_name(session, spec, values,
                                      exclude_id=row.id)
        return row

    @staticmethod
    def transaction():
        """Context manager: one write transaction for several calls in
        this thread (all or nothing)."""
        return writer_session()

    @_db_errors
    def create_many(self, resource, values_list):
        """Insert several rows in ONE transaction; all or nothing.

        Used where a service writes many rows at once (the actions of a
        plan): one commit and one multi-row INSERT ... RETURNING instead
        of a unit-of-work flush of one ORM object per row. Rows (read-only,
        not ORM objects) come back in the order of ``values_list``.
        """
        spec = resources.get_spec(resource)
        prepared = []
        for values in values_list:
            values = self._clean_values(spec, values)
            if spec.has_uuid and not values.get('uuid'):
                values['uuid'] = uuidutils.generate_uuid()
            prepared.append(values)
        if not prepared:
            return []
        # A Core INSERT returning plain rows (attribute access by column
        # name, column types applied): building 10,000 ORM objects only
        # to read their ids back took longer than the INSERT itself.
        table = spec.model.__table__
        statement = sa.insert(table).returning(
            *table.c, sort_by_parameter_order=True)
        with writer_session() as session:
            rows = self._write(session, spec, prepared[-1], lambda: list(
                session.execute(statement, prepared)))
            if spec.unique_live_name:
                for row, values in zip(rows, prepared):
                    if values.get('name'):
                        self._check_live_name(session, spec, values,
                                              exclude_id=row.id)
        return rows

    @_db_errors
    def update(self, resource, ident, values, expected=None):
        """Update the row ``ident`` (id or uuid), soft-deleted or not.

        ``expected={field: value}`` makes it a compare-and-swap: the row
        is changed only if it still holds those values, else
        ``exception.Conflict`` (two services never claim the same row).
        """
        spec = resources.get_spec(resource)
        values = self._clean_values(spec, values)
        expected = dict(expected or {})
        self._check_fields(spec, expected, 'expected')
        if 'id' in values:
            raise exception.Invalid(
                message='Cannot overwrite the id of an existing %s' %
                resource)
        table = spec.model.__table__
        guard = [self._ident_clause(spec, ident)] + [
            db_filters.compare(table.c[field], 'eq', value)
            for field, value in sorted(expected.items())]
        with writer_session() as session:
            if 'uuid' in values:
                row = self._find(session, spec, ident)
                if values['uuid'] != row.uuid:
                    raise exception.Invalid(
                        message='Cannot overwrite the UUID of an existing '
                        '%s' % resource)
            if values:
                statement = table.update().where(*guard).values(**values)
                matched = self._write(session, spec, values,
                                      session.execute, statement).rowcount
            else:
                matched = session.execute(
                    sa.select(sa.func.count()).select_from(table)
                    .where(*guard)).scalar()
            row = self._find(session, spec, ident)
            if matched != 1:
                raise exception.Conflict(
                    message='%s %s no longer matches %s; it was changed '
                    'by someone else' % (resource, ident, expected))
            if spec.unique_live_name and values.get('name'):
                self._check_live_name(session, spec, values,
                                      exclude_id=row.id)
        return row

    @_db_errors
    def soft_delete(self, resource, ident):
        """Mark the row deleted (``deleted`` = its id, ``deleted_at`` =
        now); already soft-deleted rows are left as they are."""
        spec = resources.get_spec(resource)
        table = spec.model.__table__
        clause = self._ident_clause(spec, ident)
        with writer_session() as session:
            session.execute(
                table.update().where(clause, table.c.deleted == 0).values(
                    deleted=table.c.id, deleted_at=timeutils.utcnow(),
                    # soft delete is not an update of the content
                    updated_at=table.c.updated_at))
            return self._find(session, spec, ident)

    @_db_errors
    def destroy(self, resource, ident):
        """Hard delete; refused while child rows still refer to it."""
        spec = resources.get_spec(resource)
        with writer_session() as session:
            row = self._find(session, spec, ident)
            for child, fk_column, error, kwarg in spec.referenced_by:
                child_model = resources.SPECS[child].model
                referenced = session.query(child_model.id).filter(
                    getattr(child_model, fk_column) == row.id).first()
                if referenced is not None:
                    raise error(**{kwarg: ident})
            session.delete(row)
            try:
                session.flush()
            except db_exc.DBReferenceError:
                raise exception.Conflict(
                    message='%s %s is still referenced by other rows' %
                    (resource, ident))

    @_db_errors
    def heartbeat_service(self, name, host, now=None):
        """Create or refresh the live ``services`` row of (name, host)
        with ``last_seen_up = now``; safe when two processes race."""
        now = now or timeutils.utcnow()
        table = models.Service.__table__
        live_row = sa.and_(table.c.name == name, table.c.host == host,
                           table.c.deleted == 0)
        for _attempt in range(2):
            with writer_session() as session:
                matched = session.execute(table.update().where(
                    live_row).values(last_seen_up=now)).rowcount
            if matched:
                break
            try:
                return self.create('service', {
                    'name': name, 'host': host, 'last_seen_up': now})
            except exception.ServiceAlreadyExists:
                continue  # created by a concurrent beat: update it
        return self.get(None, 'service', name=name, host=host)

    # -- helpers ---------------------------------------------------------

    @staticmethod
    def _query(session, spec, eager):
        query = session.query(spec.model)
        if eager and spec.eager:
            query = query.options(*[
                orm.joinedload(getattr(spec.model, relation))
                for relation in spec.eager])
        return query

    @staticmethod
    def _check_fields(spec, fields, what):
        unknown = sorted(set(fields) - spec.column_names())
        if unknown:
            raise exception.Invalid(
                message='Unknown %s field(s) for %s: %s' %
                (what, spec.name, ', '.join(unknown)))

    def _clean_values(self, spec, values):
        """Column values only; relationship names are dropped, anything
        else unknown is an error rather than silently lost data."""
        relationships = spec.relationship_names()
        values = {key: value for key, value in dict(values).items()
                  if key not in relationships}
        self._check_fields(spec, values, 'value')
        python_types = spec.python_types()
        for key, value in values.items():
            expected_type = python_types.get(key)
            if expected_type and not isinstance(value,
                                                (expected_type, type(None))):
                raise exception.Invalid(
                    message='%s.%s must be a %s, not %s' % (
                        spec.name, key, expected_type.__name__,
                        type(value).__name__))
        for target, source in spec.copy_when_absent:
            if target not in values and values.get(source) is not None:
                values[target] = values[source]
        return values

    @staticmethod
    def _sort(spec, sort_key, sort_dir):
        sort_key = sort_key or 'id'
        if sort_key not in spec.column_names():
            raise exception.InvalidSortKey(key=sort_key)
        sort_dir = sort_dir or 'asc'
        if sort_dir not in SORT_DIRECTIONS:
            raise exception.InvalidSortDirection(direction=sort_dir)
        keys = ['id'] if sort_key == 'id' else [sort_key, 'id']
        return keys, sort_dir

    def _marker(self, context, spec, marker):
        if marker is None or isinstance(marker, spec.model):
            return marker
        field = spec.marker_field
        return self.get(context, spec.name, **{field: marker})

    @staticmethod
    def _ident_clause(spec, ident):
        """``id == ident`` or ``uuid == ident``; NotFound for anything
        that can be neither."""
        table = spec.model.__table__
        row_id = _as_id(ident)
        if row_id is not None:
            return table.c.id == row_id
        if spec.has_uuid and isinstance(ident, str):
            return table.c.uuid == ident
        raise spec.not_found_error(ident)

    def _find(self, session, spec, ident):
        """The row ``ident`` (id or uuid) whatever its deleted state,
        freshly read."""
        row = session.query(spec.model).filter(
            self._ident_clause(spec, ident)).populate_existing().first()
        if row is None:
            raise spec.not_found_error(ident)
        return row

    @staticmethod
    def _check_live_name(session, spec, values, exclude_id=None):
        """Names of audits/templates are unique among live rows,
        whatever the case (as on the reference's MySQL collation)."""
        model = spec.model
        query = session.query(model.id).filter(
            db_filters.compare(model.name, 'eq', values['name']),
            model.deleted == 0)
        if exclude_id is not None:
            query = query.filter(model.id != exclude_id)
        if query.first() is not None:
            raise spec.already_exists(
                **{spec.already_exists_kwarg: values['name']})

    def _write(self, session, spec, values, operation, *args):
        """Run ``operation``; map integrity and data errors to the
        resource's AlreadyExists or to Invalid (400)."""
        try:
            return operation(*args)
        except db_exc.DBDuplicateEntry:
            raise spec.already_exists_error(values)
        except (db_exc.DBReferenceError, db_exc.DBDataError) as exc:
            raise self._invalid(spec, exc)
        except db_exc.DBError as exc:
            # e.g. PostgreSQL "value too long": an sa DataError oslo.db
            # leaves generic.
            if isinstance(exc, db_exc.DBConnectionError) or not isinstance(
                    exc.inner_exception, sa.exc.DataError):
                raise
            raise self._invalid(spec, exc)

    @staticmethod
    def _invalid(spec, error):
        return exception.Invalid(
            message='Invalid %s values: %s' % (spec.name, first_line(error)))
