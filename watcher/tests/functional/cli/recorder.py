"""An HTTP proxy that records what a real client sends to the API.

The CLI talks to the proxy, the proxy forwards every request unchanged to
watcher-api and keeps one ``Exchange`` per request: method, path (with
query string), the microversion header the client sent, the status the API
answered and, for errors, the body. Tests read it as the API's request
log: which requests a command made and whether any of them failed.
"""
import dataclasses
import http.client
import http.server
import threading
import urllib.parse

# Hop-by-hop headers are the proxy's business, never forwarded.
HOP_BY_HOP = frozenset(('connection', 'keep-alive', 'proxy-connection',
                        'transfer-encoding', 'te', 'trailer', 'upgrade'))


@dataclasses.dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    status: int
    version: str
    user_agent: str
    body: str

    def __str__(self):
        return '%s %s -> %s' % (self.method, self.path, self.status)


class _Handler(http.server.BaseHTTPRequestHandler):
    # HTTP/1.0 answers: one request per connection, nothing to track.
    protocol_version = 'HTTP/1.0'

    def log_message(self, fmt, *args):  # keep test output clean
        pass

    def _forward(self):
        length = int(self.headers.get('Content-Length') or 0)
        payload = self.rfile.read(length) if length else None
        headers = {name: value for name, value in self.headers.items()
                   if name.lower() not in HOP_BY_HOP}
        target = self.server.target
        upstream = http.client.HTTPConnection(target.hostname, target.port,
                                              timeout=120)
        try:
            upstream.request(self.command, self.path, body=payload,
                             headers=headers)
            response = upstream.getresponse()
            body = response.read()
            status, reason = response.status, response.reason
            response_headers = [(n, v) for n, v in response.getheaders()
                                if n.lower() not in HOP_BY_HOP]
        finally:
            upstream.close()
        self.server.record(Exchange(
            method=self.command, path=self.path, status=status,
            version=self.headers.get('OpenStack-API-Version', ''),
            user_agent=self.headers.get('User-Agent', ''),
            body=body.decode('utf-8', 'replace') if status >= 400 else ''))
        self.send_response(status, reason)
        for name, value in response_headers:
            if name.lower() != 'content-length':
                self.send_header(name, value)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(body)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = _forward


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, target_url):
        super().__init__(('127.0.0.1', 0), _Handler)
        self.target = urllib.parse.urlsplit(target_url)
        self.lock = threading.Lock()
        self.exchanges = []

    def record(self, exchange):
        with self.lock:
            self.exchanges.append(exchange)


class RecordingProxy(object):
    """Forward ``url`` -> ``target_url`` and keep the request log."""

    def __init__(self, target_url):
        self._server = _Server(target_url)
        host, port = self._server.server_address[:2]
        self.url = 'http://%s:%d' % (host, port)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name='cli-recording-proxy',
                                        daemon=True)
        self._thread.start()

    def mark(self):
        """Position in the log, to read what happens after it."""
        with self._server.lock:
            return len(self._server.exchanges)

    def since(self, mark):
        with self._server.lock:
            return list(self._server.exchanges[mark:])

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)
