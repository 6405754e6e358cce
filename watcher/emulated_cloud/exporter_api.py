"""HTTP endpoints of the synthetic Prometheus exporter.

``/node/<host>``, ``/libvirt/<host>`` and ``/ceilometer`` return text
exposition format 0.0.4; an unknown host is a plain-text 404 so a
misconfigured scrape target shows up as down in Prometheus.
"""
from watcher.emulated_cloud import errors
from watcher.emulated_cloud import exposition
from watcher.emulated_cloud import wsgi


def fault(code, message):
    return (message + '\n').encode('utf-8')


class ExporterAPI:
    """Serves the series computed by a :class:`LoadTracker`."""

    def __init__(self, state, tracker):
        self.state = state
        self.tracker = tracker
        self.router = wsgi.Router([
            ('GET', '/node/{host}', self.node),
            ('GET', '/libvirt/{host}', self.libvirt),
            ('GET', '/ceilometer', self.ceilometer),
        ], fault)

    @staticmethod
    def _text(text):
        return wsgi.Response(200, text.encode('utf-8'),
                             [('Content-Type', exposition.CONTENT_TYPE)])

    def _host(self, req):
        host = self.state.hosts.get(req.match['host'])
        if host is None:
            raise errors.NotFound('Unknown host %s' % req.match['host'])
        return host

    def node(self, req):
        self.tracker.reload_file()
        with self.state.lock:
            return self._text(exposition.node_text(self.tracker,
                                                   self._host(req)))

    def libvirt(self, req):
        self.tracker.reload_file()
        with self.state.lock:
            return self._text(exposition.libvirt_text(self.tracker,
                                                      self._host(req)))

    def ceilometer(self, req):
        self.tracker.reload_file()
        with self.state.lock:
            return self._text(exposition.ceilometer_text(self.tracker))
