"""The list/detail flow every collection shares.

Validates paging and sorting parameters, resolves the marker (404 if it
does not exist), fetches one page, converts it and builds the envelope.
"""

import pecan

from watcher.api.controllers.v1 import collection
from watcher.api.controllers.v1 import utils as api_utils

# NOTE: sorting on a relationship field sorts on its foreign key (the
# reference handed the relationship to the query builder and failed).
RELATION_SORT_KEYS = {'goal': 'goal_id', 'strategy': 'strategy_id',
                      'audit': 'audit_id', 'action_plan': 'action_plan_id'}


def related(obj, name):
    """The related object ``obj.<name>`` (loaded on first access, even if
    soft-deleted), or None."""
    return getattr(obj, name)


def fetch_marker(obj_cls, marker, marker_field='uuid'):
    """Check the marker exists (its ``*NotFound`` is the 404)."""
    if marker is None:
        return None
    if marker_field == 'id':
        obj_cls.get_by_id(api_utils.context(), int(marker))
    else:
        obj_cls.get_by_uuid(api_utils.context(), marker)
    return marker


def get_collection(*, obj_cls, collection_cls, convert, resource_url,
                   marker, limit, sort_key, sort_dir, sort_keys,
                   api_sort_keys=(), filters=None, marker_field='uuid',
                   eager=False):
    """One page of ``obj_cls`` rows as a ``collection_cls`` envelope.

    ``convert(obj)`` turns an object into its API representation (brief or
    detail). ``api_sort_keys`` are sort keys the DB can not sort on; the
    page is then fetched in id order and sorted in Python.
    """
    api_utils.validate_sort_key(sort_key, tuple(sort_keys) +
                                tuple(api_sort_keys))
    limit = api_utils.validate_limit(limit)
    api_utils.validate_sort_dir(sort_dir)
    marker = fetch_marker(obj_cls, marker, marker_field)
    api_sort = api_utils.needs_api_sort(sort_key, api_sort_keys)
    db_sort_key = None
    if not api_sort:
        db_sort_key = RELATION_SORT_KEYS.get(sort_key, sort_key)
    kwargs = {'eager': True} if eager else {}
    objs = obj_cls.list(api_utils.context(), filters=filters or None,
                        limit=limit, marker=marker, sort_key=db_sort_key,
                        sort_dir=sort_dir, **kwargs)
    items = [convert(obj) for obj in objs]
    if api_sort:
        api_utils.api_sort(items, sort_key, sort_dir)
    return collection.build(collection_cls, items, limit, resource_url,
                            sort_key, sort_dir, marker_field=marker_field)


def host_url():
    """Base of resource links (no SCRIPT_NAME, like the reference)."""
    return pecan.request.host_url
