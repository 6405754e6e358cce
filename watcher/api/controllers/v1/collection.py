"""The list envelope: ``{"<collection>": [...], "next": "<url>"}``."""

import pecan
from wsme import types as wtypes

from watcher.api.controllers import link


class Collection(wtypes.Base):

    next = wtypes.text
    """A link to retrieve the next subset of the collection."""

    @property
    def collection(self):
        return getattr(self, self._type)

    def has_next(self, limit):
        """True when the page is full (so more items may follow)."""
        return bool(limit) and len(self.collection) == limit

    def get_next(self, limit, url=None, marker_field='uuid', **kwargs):
        """The ``next`` link, or Unset when the page is not full.

        NOTE: like the reference, only ``sort_key``, ``sort_dir``,
        ``limit`` and ``marker`` are carried over (not the filters), and
        the host url is used without SCRIPT_NAME.
        """
        if not self.has_next(limit):
            return wtypes.Unset
        resource_url = url or self._type
        query = ''.join('%s=%s&' % (key, kwargs[key])
                        for key in ('sort_key', 'sort_dir') if key in kwargs)
        marker = getattr(self.collection[-1], marker_field)
        next_args = '?%slimit=%d&marker=%s' % (query, limit, marker)
        return link.Link.make_link('next', pecan.request.host_url,
                                   resource_url, next_args).href


def build(collection_cls, items, limit, url, sort_key, sort_dir,
          marker_field='uuid'):
    """Wrap converted ``items`` into ``collection_cls`` with its next link."""
    coll = collection_cls()
    setattr(coll, coll._type, items)
    coll.next = coll.get_next(limit, url=url, marker_field=marker_field,
                              sort_key=sort_key, sort_dir=sort_dir)
    return coll
