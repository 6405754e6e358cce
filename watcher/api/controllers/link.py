"""Hypermedia links (``self``, ``bookmark``, ``describedby``)."""

import pecan
from wsme import types as wtypes


def build_url(resource, resource_args, bookmark=False, base_url=None):
    """Return ``<base>/v1/<resource>/<args>`` (no ``/v1`` for bookmarks).

    ``resource_args`` starting with ``?`` is appended as a query string.
    """
    if base_url is None:
        base_url = pecan.request.application_url
    prefix = '%s/%s' % (base_url, resource) if bookmark else (
        '%s/v1/%s' % (base_url, resource))
    if resource_args.startswith('?'):
        return prefix + resource_args
    return '%s/%s' % (prefix, resource_args)


class Link(wtypes.Base):
    """A link representation."""

    href = wtypes.text
    """The url of a link."""

    rel = wtypes.text
    """The name of a link."""

    type = wtypes.text
    """Media type of the target; only set for ``describedby``."""

    @staticmethod
    def make_link(rel_name, url, resource, resource_args,
                  bookmark=False, type=wtypes.Unset):
        href = build_url(resource, resource_args,
                         bookmark=bookmark, base_url=url)
        return Link(href=href, rel=rel_name, type=type)


def self_and_bookmark(url, collection, ident):
    """The two links every resource carries."""
    ident = str(ident)
    return [Link.make_link('self', url, collection, ident),
            Link.make_link('bookmark', url, collection, ident,
                           bookmark=True)]
