"""Raw JSON reads through an openstacksdk service proxy.

The bulk listings of a model build skip openstacksdk's resource classes:
turning 20,000 server bodies into ``Server`` objects costs minutes of CPU
(measured: about 4 ms each), while the JSON itself parses in a fraction
of a second. The proxy still does everything else (authentication, the
catalog, ``[<service>]`` adapter options, microversion headers), so the
requests are exactly what openstacksdk would send.
"""
from urllib import parse

from openstack import exceptions as sdk_exceptions

from watcher.decision_engine.model.collector import retry


def get_json(proxy, url, params=None):
    """GET ``url`` (relative to the service endpoint) as JSON.

    Errors are raised as openstacksdk ``HttpException`` subclasses
    (``NotFoundException`` for a 404, ...).
    """
    response = proxy.get(url, params=params)
    sdk_exceptions.raise_from_response(response)
    return response.json()


def _next_marker(links):
    for link in links or ():
        if isinstance(link, dict) and link.get('rel') == 'next':
            query = parse.parse_qs(parse.urlparse(link.get('href', '')).query)
            markers = query.get('marker')
            return markers[0] if markers else True
    return None


def list_paged(proxy, url, key, params=None, description=None,
               on_page=None):
    """Every item of a paginated listing (``<key>_links`` next links).

    Each page is retried on its own (see ``retry``). With ``on_page``,
    each page is handed to it instead of being kept (so large listings
    are not held in memory as raw bodies) and [] is returned.
    """
    params = dict(params or {})
    description = description or 'GET %s' % url
    items = []
    while True:
        body = retry.call_with_retries(description, get_json, proxy, url,
                                       params)
        page = body.get(key) or []
        if on_page is None:
            items.extend(page)
        else:
            on_page(page)
        marker = _next_marker(body.get(key + '_links'))
        if not page or marker is None:
            return items
        params['marker'] = page[-1].get('id') if marker is True else marker
