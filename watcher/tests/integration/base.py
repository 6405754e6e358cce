"""Shared pieces of the scenarios run against the real OpenStack services.

The environment is tools/integration/env.sh plus our three services
started by tools/run-local.sh (WATCHER_CLOUD=real); tools/integration/run.sh
does both and exports WATCHER_INTEGRATION_STATE. Without that variable, or
when Keystone does not answer, every test here is skipped, so a plain
``stestr run`` over watcher/tests stays fast.
"""
import os
import re
import time
import uuid

import fixtures
from keystoneauth1 import loading as ks_loading
from keystoneauth1 import session as ks_session
import openstack
from oslo_config import fixture as config_fixture
import requests
import testtools

from watcher import conf

CONF = conf.CONF
STATE = os.environ.get('WATCHER_INTEGRATION_STATE', '')
IMAGE_ID = '11111111-2222-3333-4444-555555555555'  # the Glance stand-in's
HOSTS = ('fake-compute-1', 'fake-compute-2', 'fake-compute-3')
WATCHER_API = 'infra-optim 1.4'


def read_openrc():
    """The OS_* variables of the environment's admin-openrc."""
    values = {}
    with open(os.path.join(STATE, 'admin-openrc')) as handle:
        for line in handle:
            for key, value in re.findall(r'(OS_[A-Z_]+)=(\S+)', line):
                values[key] = value
    return values


def _environment_up():
    if not STATE or not os.path.exists(os.path.join(STATE, 'admin-openrc')):
        return False
    try:
        requests.get(read_openrc()['OS_AUTH_URL'], timeout=3)
    except (requests.RequestException, KeyError):
        return False
    return True


ENVIRONMENT_UP = _environment_up()


def wait_for(what, predicate, timeout=120, interval=1.0):
    """Poll ``predicate`` until it returns a true value; fail on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError('timed out after %d s waiting for %s'
                                 % (timeout, what))
        time.sleep(interval)


class WatcherClient(object):
    """Our API through Keystone: token auth and the catalog endpoint."""

    def __init__(self, session):
        self.session = session

    def _call(self, method, path, **kwargs):
        headers = {'OpenStack-API-Version': WATCHER_API}
        response = self.session.request(
            path, method, endpoint_filter={'service_type': 'infra-optim',
                                           'interface': 'public'},
            headers=headers, raise_exc=False, **kwargs)
        if response.status_code >= 400:
            raise AssertionError('%s %s -> %d %s' % (
                method, path, response.status_code, response.text[:500]))
        return response.json() if response.content else None

    def get(self, path):
        return self._call('GET', path)

    def post(self, path, body):
        return self._call('POST', path, json=body)

    def patch(self, path, ops):
        return self._call('PATCH', path, json=ops)

    def delete(self, path):
        return self._call('DELETE', path)

    def wait_audit(self, audit_uuid, states=('SUCCEEDED',), timeout=180):
        final = ('SUCCEEDED', 'FAILED', 'CANCELLED', 'SUSPENDED')

        def done():
            audit = self.get('/v1/audits/%s' % audit_uuid)
            return audit if audit['state'] in final + states else None
        audit = wait_for('audit %s' % audit_uuid, done, timeout)
        if audit['state'] not in states:
            raise AssertionError('audit %s ended %s' % (audit_uuid,
                                                        audit['state']))
        return audit

    def action_plans(self, audit_uuid):
        return self.get('/v1/action_plans?audit_uuid=%s' % audit_uuid)[
            'action_plans']

    def actions(self, plan_uuid):
        return self.get('/v1/actions/detail?action_plan_uuid=%s'
                        % plan_uuid)['actions']

    def wait_model(self, placement, timeout=120):
        """Wait until the engine's compute model has {server uuid: host}."""
        def seen():
            rows = self.get('/v1/data_model?data_model_type=compute')
            hosts = {row.get('server_uuid'): row.get('node_hostname')
                     for row in rows.get('context', [])}
            return all(hosts.get(uuid) == host
                       for uuid, host in placement.items())
        wait_for('the decision engine model to show %s' % placement, seen,
                 timeout, interval=2)

    def run_plan(self, plan_uuid, timeout=300):
        self.patch('/v1/action_plans/%s' % plan_uuid, [
            {'op': 'replace', 'path': '/state', 'value': 'PENDING'}])

        def done():
            plan = self.get('/v1/action_plans/%s' % plan_uuid)
            return plan if plan['state'] in (
                'SUCCEEDED', 'FAILED', 'CANCELLED') else None
        return wait_for('action plan %s' % plan_uuid, done, timeout)


class ServiceConfig(fixtures.Fixture):
    """watcher.conf pointing our collectors at the real cloud."""

    def _setUp(self):
        rc = read_openrc()
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'watcher.conf')
        with open(path, 'w') as handle:
            handle.write(
                '[watcher_clients_auth]\nauth_type = password\n'
                'auth_url = %s\nusername = watcher\npassword = watcher\n'
                'project_name = service\nuser_domain_name = Default\n'
                'project_domain_name = Default\n' % rc['OS_AUTH_URL'])
            for group in ('nova', 'placement'):
                handle.write('[%s]\nregion_name = RegionOne\n' % group)
        self.useFixture(config_fixture.Config(CONF))
        self.addCleanup(self._forget)
        CONF(['--config-file', path], project='watcher',
             default_config_files=[])

    @staticmethod
    def _forget():
        CONF.clear()
        CONF.unregister_opts(
            ks_loading.get_auth_plugin_conf_options('password'),
            group='watcher_clients_auth')


# tools/integration/run.sh sets it: there, an environment that does not
# answer is a failure, not a reason to skip.
REQUIRED = os.environ.get('INTEGRATION_REQUIRED') == '1'


@testtools.skipUnless(ENVIRONMENT_UP or REQUIRED, 'the integration '
                      'environment is not up (tools/integration/run.sh '
                      'starts it)')
class IntegrationTestCase(testtools.TestCase):
    """A connection to the real cloud and a client of our API."""

    def setUp(self):
        super().setUp()
        if not ENVIRONMENT_UP:
            self.fail('the integration environment does not answer '
                      '(INTEGRATION_REQUIRED=1)')
        self.useFixture(fixtures.Timeout(900, gentle=True))
        rc = read_openrc()
        self.conn = openstack.connect(
            auth_url=rc['OS_AUTH_URL'], username='admin',
            password=rc['OS_PASSWORD'], project_name='admin',
            user_domain_name='Default', project_domain_name='Default',
            region_name='RegionOne', compute_api_version='2.96')
        self.watcher = WatcherClient(ks_session.Session(
            auth=self.conn.session.auth))
        self.tag = uuid.uuid4().hex[:6]

    def boot(self, name, flavor, host):
        """Boot a server on ``host``; deleted at cleanup."""
        flavor_id = self.conn.compute.find_flavor(flavor).id
        server = self.conn.compute.create_server(
            name='%s-%s' % (name, self.tag), flavor_id=flavor_id,
            image_id=IMAGE_ID, networks='none',
            availability_zone='nova:%s' % host)
        self.addCleanup(self._delete_server, server.id)
        return server

    def wait_active(self, servers):
        return [self.conn.compute.wait_for_server(
            server, status='ACTIVE', wait=180) for server in servers]

    def _delete_server(self, server_id):
        server = self.conn.compute.find_server(server_id)
        if server is not None:
            self.conn.compute.delete_server(server)
            self.conn.compute.wait_for_delete(server, wait=120)

    def host_of(self, server_id):
        return self.conn.compute.get_server(server_id).compute_host

    def compute_service(self, host):
        return next(self.conn.compute.services(binary='nova-compute',
                                               host=host))

    def enable_host(self, host):
        service = self.compute_service(host)
        if service.status != 'enabled':
            self.conn.compute.enable_service(service, host=host,
                                             binary='nova-compute')
