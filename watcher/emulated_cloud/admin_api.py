"""Admin endpoints for tests and demos: where servers are, change load.

``PUT /admin/load`` takes the same mapping as the load file,
``{"<server uuid or name>": 0.0-1.0, "host:<host>": <base load>}``, and
applies it at once (counters are integrated up to the change first).
"""
from watcher.emulated_cloud import exposition
from watcher.emulated_cloud import wsgi


def fault(code, message):
    return {'error': {'code': code, 'message': message}}


class AdminAPI:
    """Read the emulated cloud's state and steer its load profile."""

    def __init__(self, state, tracker, notifier_fn):
        self.state = state
        self.tracker = tracker
        self._notifier = notifier_fn
        self.router = wsgi.Router([
            ('GET', '/state', self.show_state),
            ('GET', '/load', self.show_load),
            ('PUT', '/load', self.set_load),
            ('GET', '/notifications', self.list_notifications),
            ('GET', '/prometheus.yml', self.prometheus_config),
        ], fault)

    def show_state(self, req):
        with self.state.lock:
            hosts = {h.name: {'uuid': h.uuid, 'status': h.status,
                              'state': h.service_state,
                              'servers': list(h.servers),
                              'used': dict(h.used)}
                     for h in self.state.hosts.values()}
            servers = {s.uuid: {'name': s.name, 'host': s.host,
                                'status': s.status, 'flavor': s.flavor.name}
                       for s in self.state.servers.values()}
        return wsgi.Response(200, {'hosts': hosts, 'servers': servers})

    def show_load(self, req):
        with self.state.lock:
            return wsgi.Response(200, {'overrides': dict(
                self.tracker.overrides)})

    def set_load(self, req):
        self.tracker.set_loads(req.json())
        return self.show_load(req)

    def list_notifications(self, req):
        notifier = self._notifier()
        sent = list(notifier.sent) if notifier is not None else []
        return wsgi.Response(200, {'notifications': sent})

    def prometheus_config(self, req):
        exporter = req.param('exporter') or req.environ.get(
            'HTTP_HOST', '127.0.0.1')
        with self.state.lock:
            names = list(self.state.hosts)
        text = exposition.scrape_config(exporter, names,
                                        req.param('interval', '5s'))
        return wsgi.Response(200, text.encode('utf-8'),
                             [('Content-Type', 'text/yaml')])
