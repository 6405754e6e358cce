"""Helpers shared by the v1 controllers: paging, sorting, lookups, policy."""

from oslo_utils import strutils
from oslo_utils import uuidutils
import pecan
from webob import exc as webob_exc
import wsme

from watcher._i18n import _
from watcher.common import policy
from watcher import conf

CONF = conf.CONF


def context():
    """The RequestContext built by the ContextHook."""
    return pecan.request.context


def enforce(rule, target=None):
    """Check ``rule`` for the current request; 403 on denial."""
    policy.enforce(context(), rule, target)


def validate_limit(limit):
    """The effective page size: ``[api] max_limit`` caps and defaults it."""
    if limit is None:
        return CONF.api.max_limit
    if limit <= 0:
        raise wsme.exc.ClientSideError(_("Limit must be positive"))
    if not CONF.api.max_limit:
        return limit
    return min(CONF.api.max_limit, limit)


def validate_sort_dir(sort_dir):
    if sort_dir not in ('asc', 'desc'):
        raise wsme.exc.ClientSideError(
            _("Invalid sort direction: %s. "
              "Acceptable values are 'asc' or 'desc'") % sort_dir)
    return sort_dir


def validate_sort_key(sort_key, allowed_fields):
    # NOTE: a non-allowed sort key would reach the DB query builder.
    if sort_key not in allowed_fields:
        raise wsme.exc.ClientSideError(_("Invalid sort key: %s") % sort_key)


def needs_api_sort(sort_key, api_only_fields):
    """API-only keys (``goal_name``...) are sorted in Python, not in SQL."""
    return sort_key in api_only_fields


def api_sort(items, sort_key, sort_dir):
    """Sort converted API items in place, stably, ``None`` first.

    NOTE: like the reference this only orders the current page.
    """
    items.sort(key=lambda item: item.uuid)
    items.sort(key=lambda item: _none_first(getattr(item, sort_key)),
               reverse=(sort_dir == 'desc'))


def _none_first(value):
    return (value is not None, value if value is not None else '')


def is_int_like(value):
    return strutils.is_int_like(value)


def get_resource(obj_cls, ident, *, eager=False):
    """Look ``ident`` up as a DB id, a uuid or a name (in that order)."""
    ctx = context()
    kwargs = {'eager': True} if eager else {}
    if is_int_like(ident):
        return obj_cls.get_by_id(ctx, int(ident), **kwargs)
    if uuidutils.is_uuid_like(ident):
        return obj_cls.get_by_uuid(ctx, ident, **kwargs)
    return obj_cls.get_by_name(ctx, ident, **kwargs)


def uuid_or_name_filter(prefix, value):
    """``{"<prefix>_uuid": v}`` for a uuid, else ``{"<prefix>_name": v}``."""
    if value is None:
        return {}
    if uuidutils.is_uuid_like(value):
        return {'%s_uuid' % prefix: value}
    return {'%s_name' % prefix: value}


def check_parent(collection, depth=1):
    """404 unless the path is ``.../<collection>/<depth-1 segments>/<x>``.

    ``GET /v1/<coll>/<id>/detail`` is not a route.
    """
    segments = pecan.request.path.rstrip('/').split('/')
    if len(segments) <= depth or segments[-1 - depth] != collection:
        raise webob_exc.HTTPNotFound()
