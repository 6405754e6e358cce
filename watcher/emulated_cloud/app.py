"""The one WSGI application serving every emulated API on one port.

Paths follow devstack's layout, so a catalog looks like a real one:

=====================  ===============================================
``/identity``          Keystone v3
``/compute``           Nova (``/compute/v2.1``)
``/placement``         Placement
``/volume``            Cinder (``/volume/v3`` with or without project)
``/baremetal``         Ironic (``/baremetal/v1``)
``/node``,             synthetic Prometheus exporter
``/libvirt``,
``/ceilometer``
``/admin``             state, load changes, scrape config (for tests)
=====================  ===============================================
"""
from watcher.emulated_cloud import wsgi

EXPORTER_PREFIXES = ('node', 'libvirt', 'ceilometer')


def base_url(environ):
    """scheme://host:port the client used to reach us."""
    host = environ.get('HTTP_HOST')
    if not host:
        host = '%s:%s' % (environ.get('SERVER_NAME', '127.0.0.1'),
                          environ.get('SERVER_PORT', '80'))
    return '%s://%s' % (environ.get('wsgi.url_scheme', 'http'), host)


class CloudApp:
    """Dispatch by the first path segment to the API routers."""

    def __init__(self, mounts, exporter_router):
        self._mounts = dict(mounts)
        self._exporter = exporter_router

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO') or '/'
        method = environ.get('REQUEST_METHOD', 'GET').upper()
        base = base_url(environ)
        first, _, rest = path.lstrip('/').partition('/')
        router = self._mounts.get(first)
        if router is not None:
            req = wsgi.Request(environ, '/' + rest, '%s/%s' % (base, first))
            return wsgi.finish(router.handle(req), start_response, method)
        if first in EXPORTER_PREFIXES:
            req = wsgi.Request(environ, path, base)
            return wsgi.finish(self._exporter.handle(req), start_response,
                               method)
        if first == '':
            body = {'services': {name: '%s/%s' % (base, name)
                                 for name in sorted(self._mounts)}}
            return wsgi.finish(wsgi.Response(200, body), start_response,
                               method)
        return wsgi.finish(wsgi.Response(404, {
            'error': {'code': 404, 'message': 'No emulated service at %s'
                      % path}}), start_response, method)
