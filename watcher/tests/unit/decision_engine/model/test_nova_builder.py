"""The compute model builder against canned Nova/Placement answers.

The functional tests use the emulated cloud; these feed the builder the
odd answers a real cloud sometimes gives (pages, garbage, 404s, 500s).
"""
import json
import time
from urllib import parse

from oslo_config import fixture as config_fixture
import requests
import testtools

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.model.collector import nova
from watcher.decision_engine.model.collector import nova_builder

CONF = conf.CONF


def response(url, status, body):
    result = requests.Response()
    result.status_code = status
    result._content = json.dumps(body).encode()
    result.headers['Content-Type'] = 'application/json'
    result.url = url
    result.request = requests.Request('GET', url).prepare()
    result.reason = 'Canned'
    return result


class FakeProxy(object):
    """Answers GETs from a {path: handler(params) -> (status, body)}."""

    def __init__(self, routes):
        self.routes = routes
        self.calls = []

    def get(self, url, params=None):
        self.calls.append((url, dict(params or {})))
        status, body = self.routes[url](dict(params or {}))
        return response('http://cloud' + url, status, body)


class FakeConnection(object):
    def __init__(self, compute, placement):
        self.compute = FakeProxy(compute)
        self.placement = FakeProxy(placement)


def hypervisor(uuid, host, servers=(), **fields):
    body = {'id': uuid, 'hypervisor_hostname': host, 'state': 'up',
            'status': 'enabled', 'hypervisor_type': 'QEMU', 'vcpus': 8,
            'memory_mb': 16384, 'local_gb': 100,
            'service': {'host': host, 'disabled_reason': None},
            'servers': [{'uuid': server, 'name': server}
                        for server in servers]}
    body.update(fields)
    return body


def server(uuid, host, vm_state='active', flavor=None, image='img'):
    return {'id': uuid, 'name': 'vm-' + uuid,
            'OS-EXT-STS:vm_state': vm_state,
            'OS-EXT-SRV-ATTR:host': host,
            'OS-EXT-SRV-ATTR:hypervisor_hostname': host,
            'tenant_id': 'project', 'metadata': {}, 'locked': False,
            'created': '2026-01-01T00:00:00Z',
            'image': {'id': image} if image else '',
            'flavor': flavor if flavor is not None else {
                'original_name': 'm1', 'vcpus': 1, 'ram': 512, 'disk': 10,
                'ephemeral': 0, 'swap': 0, 'extra_specs': {}}}


def paged(key, items):
    """A handler paging ``items`` by limit/marker with next links."""
    def handler(params):
        limit = int(params.get('limit', 1000))
        start = 0
        if 'marker' in params:
            ids = [item['id'] for item in items]
            start = ids.index(params['marker']) + 1
        page = items[start:start + limit]
        body = {key: page}
        if start + limit < len(items):
            body[key + '_links'] = [{'rel': 'next', 'href': (
                'http://cloud/x?' + parse.urlencode(
                    {'limit': limit, 'marker': page[-1]['id']}))}]
        return 200, body
    return handler


def inventories(total_vcpus=8):
    return 200, {'inventories': {
        'VCPU': {'total': total_vcpus, 'reserved': 1,
                 'allocation_ratio': 4.0},
        'MEMORY_MB': {'total': 16384, 'reserved': 512,
                      'allocation_ratio': 1.0},
        'DISK_GB': {'total': 100, 'reserved': 0, 'allocation_ratio': 1.0}},
        'resource_provider_generation': 1}


class TestNovaModelBuilder(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.config.config(group='collector', api_query_max_retries=2,
                           api_query_interval=0)

    def build(self, hypervisors, servers, placement=None, flavors=()):
        placement = placement or {}

        def inventory_route(uuid):
            return placement.get(uuid, lambda params: inventories())

        placement_routes = {
            '/resource_providers/%s/inventories' % item['id']:
            inventory_route(item['id']) for item in hypervisors
            if item.get('id')}
        conn = FakeConnection({
            '/os-hypervisors/detail': paged('hypervisors', hypervisors),
            '/servers/detail': paged('servers', servers),
            '/flavors/detail': lambda params: (200, {'flavors':
                                                     list(flavors)}),
        }, placement_routes)
        return conn, nova_builder.NovaModelBuilder(conn).execute()

    def test_servers_are_read_in_large_pages(self):
        servers = [server('s%05d' % index, 'host%d' % (index % 3))
                   for index in range(2500)]
        hypervisors = [hypervisor('h%d' % index, 'host%d' % index)
                       for index in range(3)]
        conn, model = self.build(hypervisors, servers)
        server_calls = [params for url, params in conn.compute.calls
                        if url == '/servers/detail']
        self.assertEqual(3, len(server_calls))
        self.assertTrue(all(params['all_tenants'] == 'True' and
                            params['limit'] == 1000
                            for params in server_calls))
        self.assertEqual(1, len([url for url, _ in conn.compute.calls
                                 if url == '/os-hypervisors/detail']))
        self.assertEqual(2500, len(model.get_all_instances()))
        self.assertEqual(834, len(model.get_node_instances('h0')))

    def test_capacities_from_placement_or_the_hypervisor(self):
        hypervisors = [hypervisor('h1', 'host1'), hypervisor('h2', 'host2'),
                       hypervisor('h3', 'host3')]
        calls = []

        def flaky(params):
            calls.append(params)
            return 503, {'error': 'busy'}

        _conn, model = self.build(hypervisors, [], placement={
            'h2': lambda params: (404, {'errors': [{'title': 'Not Found'}]}),
            'h3': flaky})
        first = model.get_node_by_uuid('h1')
        self.assertEqual((8, 1, 4.0, 512), (first.vcpus, first.vcpu_reserved,
                                            first.vcpu_ratio,
                                            first.memory_mb_reserved))
        for uuid in ('h2', 'h3'):
            node = model.get_node_by_uuid(uuid)
            self.assertEqual((8, 0, 1.0, 16384), (
                node.vcpus, node.vcpu_reserved, node.vcpu_ratio, node.memory))
        self.assertEqual(2, len(calls))

    def test_bad_data_is_left_out_and_the_model_stays_usable(self):
        hypervisors = [
            hypervisor('h1', 'host1'),
            hypervisor(None, 'nameless'),
            hypervisor('h2', 'metal', hypervisor_type='ironic',
                       servers=['on-metal']),
            hypervisor('h3', 'host3', vcpus=-5),
        ]
        servers = [
            server('good', 'host1'),
            server('on-metal', 'metal'),
            server('unknown-host', 'host9'),
            server('no-host', None, vm_state='error'),
            server('deleted', 'host1', vm_state='deleted'),
            server('bad-flavor', 'host1', flavor={
                'original_name': 'x', 'vcpus': -1, 'ram': 1, 'disk': 1}),
            server('no-flavor', 'host1', flavor='garbage'),
        ]
        _conn, model = self.build(hypervisors, servers, placement={
            'h3': lambda params: (404, {})})
        self.assertEqual(['h1'], list(model.get_all_compute_nodes()))
        self.assertEqual(['good'], list(model.get_all_instances()))
        self.assertEqual({'vcpu': 1, 'memory': 512, 'disk': 10},
                         model.get_node_used_resources('h1'))

    def test_flavor_references_are_looked_up_once(self):
        servers = [server('a', 'host1', flavor={'id': 'f1', 'links': []}),
                   server('b', 'host1', flavor={'id': 'f1', 'links': []},
                          image=None)]
        flavors = [{'id': 'f1', 'name': 'big', 'vcpus': 4, 'ram': 4096,
                    'disk': 40, 'OS-FLV-EXT-DATA:ephemeral': 10,
                    'swap': 1024}]
        conn, model = self.build([hypervisor('h1', 'host1')], servers,
                                 flavors=flavors)
        self.assertEqual((4, 4096, 51),
                         model.get_instance_by_uuid('a').resources)
        self.assertEqual((4, 4096, 11),
                         model.get_instance_by_uuid('b').resources)
        self.assertEqual(1, len([url for url, _ in conn.compute.calls
                                 if url == '/flavors/detail']))

    def test_servers_listing_failure_fails_the_build(self):
        conn = FakeConnection({
            '/os-hypervisors/detail': paged('hypervisors',
                                            [hypervisor('h1', 'host1')]),
            '/servers/detail': lambda params: (500, {'error': 'boom'}),
        }, {'/resource_providers/h1/inventories': lambda p: inventories()})
        builder = nova_builder.NovaModelBuilder(conn)
        self.assertRaises(Exception, builder.execute)

    def test_deadline(self):
        def slow_inventories(params):
            time.sleep(0.5)
            return inventories()

        conn = FakeConnection({
            '/os-hypervisors/detail': paged('hypervisors',
                                            [hypervisor('h1', 'host1')]),
            '/servers/detail': paged('servers', []),
        }, {'/resource_providers/h1/inventories': slow_inventories})
        builder = nova_builder.NovaModelBuilder(conn, timeout=0.05)
        self.assertRaises(exception.ClusterDataModelCollectionError,
                          builder.execute)


class TestFetchComputeNode(testtools.TestCase):
    """A host named by a notification but missing from the model."""

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.config.config(group='collector', api_query_max_retries=1)
        hypervisors = [hypervisor('h1', 'host1.example.org',
                                  service={'host': 'host1'}),
                       hypervisor('m1', 'metal', hypervisor_type='ironic')]

        def by_pattern(params):
            pattern = params.get('hypervisor_hostname_pattern')
            if pattern is not None and 'limit' in params:
                return 400, {'badRequest': {'message': 'no paging'}}
            found = [item for item in hypervisors
                     if pattern is None or
                     pattern in item['hypervisor_hostname']]
            return (200, {'hypervisors': found}) if found else \
                (404, {'itemNotFound': {'message': 'none'}})

        self.conn = FakeConnection(
            {'/os-hypervisors/detail': by_pattern},
            {'/resource_providers/h1/inventories': lambda p: inventories()})
        self.collector = nova.NovaClusterDataModelCollector(osc=self.conn)

    def test_service_host_differing_from_the_hypervisor_name(self):
        node = self.collector.fetch_compute_node('host1')
        self.assertEqual(('h1', 'host1', 8), (node.uuid, node.hostname,
                                              node.vcpus))

    def test_hosts_without_compute_hypervisor_are_not_asked_twice(self):
        self.assertIsNone(self.collector.fetch_compute_node('metal'))
        calls = len(self.conn.compute.calls)
        self.assertIsNone(self.collector.fetch_compute_node('metal'))
        self.assertEqual(calls, len(self.conn.compute.calls))
