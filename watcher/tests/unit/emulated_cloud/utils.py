"""Helpers for the emulated cloud's unit tests: topologies, WSGI calls."""
import io
import json

from watcher.emulated_cloud import cloud as cloud_mod


def small_topology():
    """Three hosts, two flavors, three servers, storage and ironic."""
    return {
        'hosts': [
            {'name': 'compute-1', 'vcpus': 8, 'memory_mb': 16384,
             'disk_gb': 200},
            {'name': 'compute-2', 'vcpus': 8, 'memory_mb': 16384,
             'disk_gb': 200, 'memory_mb_reserved': 1024},
            {'name': 'compute-3', 'vcpus': 4, 'memory_mb': 8192,
             'disk_gb': 100, 'cpu_allocation_ratio': 2.0}],
        'flavors': [
            {'id': '1', 'name': 'small', 'vcpus': 2, 'ram': 2048,
             'disk': 20},
            {'id': '2', 'name': 'big', 'vcpus': 4, 'ram': 4096, 'disk': 40,
             'ephemeral': 10, 'swap': 1500},
            {'id': '3', 'name': 'huge', 'vcpus': 8, 'ram': 12288,
             'disk': 40}],
        'aggregates': [{'name': 'agg-1', 'hosts': ['compute-1',
                                                   'compute-2'],
                        'metadata': {'ssd': 'true'}}],
        'servers': [
            {'name': 'vm-1', 'uuid': '11111111-1111-1111-1111-000000000001',
             'flavor': 'small', 'host': 'compute-1', 'project_id': 'p1',
             'cpu_load': 0.5},
            {'name': 'vm-2', 'uuid': '11111111-1111-1111-1111-000000000002',
             'flavor': 'big', 'host': 'compute-1', 'boot_from_volume': True,
             'project_id': 'p2', 'metadata': {'role': 'db'},
             'locked': True},
            {'name': 'vm-3', 'uuid': '11111111-1111-1111-1111-000000000003',
             'flavor': 'small', 'host': 'compute-2', 'state': 'stopped',
             'project_id': 'p1'}],
        'volume_types': [
            {'name': 'lvm', 'extra_specs': {'volume_backend_name': 'lvm'}},
            {'name': 'ceph', 'extra_specs': {'volume_backend_name': 'ceph'}},
            {'name': 'plain'}],
        'storage_backends': [
            {'host': 'storage-1@lvm', 'backend_name': 'lvm',
             'pools': [{'name': 'a', 'total_capacity_gb': 100},
                       {'name': 'b', 'total_capacity_gb': 50}]},
            {'host': 'storage-2@ceph', 'backend_name': 'ceph',
             'pools': [{'name': 'rbd', 'total_capacity_gb': 1000}]}],
        'volumes': [
            {'id': '22222222-2222-2222-2222-000000000001', 'name': 'boot-2',
             'size': 40, 'pool': 'storage-1@lvm#a', 'volume_type': 'lvm',
             'bootable': True, 'attached_to': 'vm-2', 'project_id': 'p2'},
            {'id': '22222222-2222-2222-2222-000000000002', 'name': 'data',
             'size': 30, 'pool': 'storage-1@lvm#a', 'volume_type': 'lvm',
             'project_id': 'p1'}],
        'ironic_nodes': [
            {'uuid': '33333333-3333-3333-3333-000000000001', 'name': 'n-1',
             'compute_host': 'compute-1'},
            {'uuid': '33333333-3333-3333-3333-000000000002', 'name': 'n-3',
             'compute_host': 'compute-3', 'power_state': 'power on'}],
    }


class Clock:
    """A clock the tests move by hand."""

    def __init__(self, now=1800000000.0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


def make_cloud(topology=None, **kwargs):
    """An EmulatedCloud that is not started (use its WSGI app)."""
    return cloud_mod.EmulatedCloud(topology or small_topology(), **kwargs)


def call(app, method, path, body=None, headers=None, raw_body=None,
         query=''):
    """Call a WSGI app in-process; returns (status, headers, body)."""
    if raw_body is None:
        raw_body = b'' if body is None else json.dumps(body).encode()
    environ = {'REQUEST_METHOD': method, 'PATH_INFO': path,
               'QUERY_STRING': query, 'HTTP_HOST': 'cloud.test',
               'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(raw_body),
               'CONTENT_LENGTH': str(len(raw_body))}
    if raw_body:
        environ['CONTENT_TYPE'] = 'application/json'
    for name, value in (headers or {}).items():
        environ['HTTP_' + name.upper().replace('-', '_')] = value
    captured = {}

    def start_response(status, response_headers):
        captured['status'] = int(status.split()[0])
        captured['headers'] = dict(response_headers)

    payload = b''.join(app(environ, start_response))
    content_type = captured['headers'].get('Content-Type', '')
    if payload and content_type.startswith('application/json'):
        return captured['status'], captured['headers'], json.loads(payload)
    return captured['status'], captured['headers'], payload


def nova(version='2.96'):
    return {'OpenStack-API-Version': 'compute %s' % version}
