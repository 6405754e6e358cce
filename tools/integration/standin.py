"""A tiny Glance + Neutron stand-in for the integration environment.

Real Nova needs an image service and a network service to boot a server,
but the integration scenarios only need servers to exist and move. This
process serves exactly what Nova reads: one active image (with a
permissive image schema, because glanceclient builds a warlock model from
it), an empty extension list and empty port/network listings. Servers boot
with ``networks='none'``. Writes are refused with a NeutronError 404.

    python standin.py --glance-port 9292 --neutron-port 9696
"""
import argparse
import http.server
import json
import re
import threading

IMAGE_ID = '11111111-2222-3333-4444-555555555555'
STAMP = '2026-01-01T00:00:00Z'

IMAGE = {
    'id': IMAGE_ID, 'name': 'fake-image', 'status': 'active',
    'visibility': 'public', 'protected': False, 'os_hidden': False,
    'disk_format': 'qcow2', 'container_format': 'bare', 'size': 1048576,
    'virtual_size': 1048576, 'min_disk': 0, 'min_ram': 0,
    'checksum': 'd41d8cd98f00b204e9800998ecf8427e', 'os_hash_algo': 'sha512',
    'os_hash_value': '0' * 128, 'owner': None, 'tags': [],
    'created_at': STAMP, 'updated_at': STAMP,
    'file': '/v2/images/%s/file' % IMAGE_ID,
    'self': '/v2/images/%s' % IMAGE_ID, 'schema': '/v2/schemas/image',
}

IMAGE_SCHEMA = {
    'name': 'image',
    'additionalProperties': {'type': 'string'},
    'properties': {key: {} for key in IMAGE},
    'links': [],
}


def _glance_versions(port):
    return {'versions': [{
        'id': 'v2.16', 'status': 'CURRENT',
        'links': [{'rel': 'self', 'href': 'http://127.0.0.1:%d/v2/' % port}],
    }]}


def _neutron_versions(port):
    return {'versions': [{
        'id': 'v2.0', 'status': 'CURRENT',
        'links': [{'rel': 'self',
                   'href': 'http://127.0.0.1:%d/v2.0/' % port}],
    }]}


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    kind = None  # 'glance' or 'neutron'

    def log_message(self, fmt, *args):  # keep the log short
        pass

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _drain(self):
        length = int(self.headers.get('Content-Length') or 0)
        if length:
            self.rfile.read(length)

    def do_GET(self):
        path = self.path.split('?', 1)[0].rstrip('/') or '/'
        port = self.server.server_address[1]
        if self.kind == 'glance':
            self._glance(path, port)
        else:
            self._neutron(path, port)

    def _glance(self, path, port):
        if path in ('/', '/versions'):
            self._send(300 if path == '/' else 200, _glance_versions(port))
        elif path == '/v2/images':
            self._send(200, {'images': [IMAGE], 'schema': '/v2/schemas/images',
                             'first': '/v2/images'})
        elif path == '/v2/images/%s' % IMAGE_ID:
            self._send(200, IMAGE)
        elif path == '/v2/schemas/image':
            self._send(200, IMAGE_SCHEMA)
        else:
            self._send(404, {'message': 'not found: %s' % path})

    def _neutron(self, path, port):
        if path == '/':
            self._send(200, _neutron_versions(port))
            return
        match = re.match(r'^/v2\.0/([a-z-]+?)(\.json)?$', path)
        if path == '/v2.0/extensions':
            self._send(200, {'extensions': []})
        elif match:
            self._send(200, {match.group(1).replace('-', '_'): []})
        else:
            self._not_found()

    def _not_found(self):
        self._send(404, {'NeutronError': {
            'type': 'HTTPNotFound', 'message': 'stand-in: not supported',
            'detail': ''}})

    def _write(self):
        self._drain()
        if self.kind == 'glance':
            self._send(404, {'message': 'read-only stand-in'})
        else:
            self._not_found()

    do_POST = do_PUT = do_DELETE = do_PATCH = _write


def _serve(kind, port):
    handler = type('%sHandler' % kind.title(), (_Handler,), {'kind': kind})
    server = http.server.ThreadingHTTPServer(('127.0.0.1', port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--glance-port', type=int, default=9292)
    parser.add_argument('--neutron-port', type=int, default=9696)
    args = parser.parse_args()
    threads = [_serve('glance', args.glance_port),
               _serve('neutron', args.neutron_port)]
    for thread in threads:
        thread.join()


if __name__ == '__main__':
    main()
