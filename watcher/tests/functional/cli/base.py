"""Drive the real ``openstack optimize`` CLI against real Watcher services.

One emulated cloud (Keystone, Nova, Placement over HTTP) and one
``WatcherSuite`` (watcher-api, -decision-engine, -applier processes on the
private RabbitMQ and a migrated SQLite database) serve a whole test class.
Every CLI call goes through a ``RecordingProxy``: ``openstack()`` returns
what the command printed and the requests it made, and fails the test when
any of those requests got a 4xx/5xx the test did not ask for.
"""
import json
import os
import shutil
import subprocess
import sys
import unittest

import testtools
from testtools import content

from watcher.emulated_cloud import cloud as emulated_cloud
from watcher.tests.functional.cli import recorder
from watcher.tests.functional.fixtures import rabbitmq
from watcher.tests.functional.fixtures import suite as suite_fixture

TOPOLOGY = {
    'hosts': [{'name': 'compute-1'}, {'name': 'compute-2'}],
    'flavors': [{'name': 'm1.small', 'vcpus': 1, 'ram': 512, 'disk': 1}],
    'servers': [
        {'name': 'vm-1', 'flavor': 'm1.small', 'host': 'compute-1'},
        {'name': 'vm-2', 'flavor': 'm1.small', 'host': 'compute-2'},
    ],
}
# The version python-watcherclient 4.11 sends when none is given.
CLIENT_DEFAULT_VERSION = 'infra-optim 1.5'
FINAL_AUDIT_STATES = ('SUCCEEDED', 'FAILED', 'CANCELLED', 'SUSPENDED')
IDLE_PLAN_STATES = ('RECOMMENDED', 'SUCCEEDED', 'FAILED', 'CANCELLED',
                    'SUPERSEDED')


def openstack_executable():
    """The ``openstack`` script next to this Python, else on PATH."""
    candidate = os.path.join(os.path.dirname(sys.executable), 'openstack')
    if os.access(candidate, os.X_OK):
        return candidate
    return shutil.which('openstack')


def faultstring(body):
    """The ``faultstring`` of a Watcher error body, else ''."""
    try:
        return json.loads(json.loads(body)['error_message'])['faultstring']
    except (ValueError, KeyError, TypeError):
        return ''


class CommandResult(object):
    """What one CLI invocation printed and which requests it made."""

    def __init__(self, argv, process, requests):
        self.argv = argv
        self.returncode = process.returncode
        self.stdout = process.stdout
        self.stderr = process.stderr
        self.requests = requests

    @property
    def data(self):
        return json.loads(self.stdout)

    def calls(self):
        """``['GET /v1/goals', ...]`` in the order they were sent."""
        return ['%s %s' % (r.method, r.path) for r in self.requests]

    def __str__(self):
        return ('$ %s\nrc=%s\nstdout: %s\nstderr: %s\nrequests:\n  %s'
                % (' '.join(self.argv), self.returncode, self.stdout[-2000:],
                   self.stderr[-2000:],
                   '\n  '.join(str(r) for r in self.requests)))


class CLITestCase(testtools.TestCase):
    """Base class: the services, the cloud and the CLI of a test class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.executable = openstack_executable()
        if cls.executable is None:
            message = ('python-openstackclient is not installed '
                       '(pip install -r test-requirements.txt)')
            if rabbitmq.in_ci():
                raise RuntimeError(message)
            raise unittest.SkipTest(message)
        # Skips (or fails under CI) here when there is no RabbitMQ; inside
        # the suite fixture the SkipTest would arrive wrapped.
        rabbitmq.ensure_broker()
        cls.cloud = emulated_cloud.EmulatedCloud(TOPOLOGY)
        cls.endpoints = cls.cloud.start()
        cls.suite = suite_fixture.WatcherSuite(config=cls.cloud_config())
        try:
            cls.suite.setUp()
            cls.suite.wait_for_api()
            cls.suite.wait_for_registration(['decision-engine', 'applier'])
        except BaseException:
            cls._stop_services()
            raise
        cls.proxy = recorder.RecordingProxy(cls.suite.api_url)

    @classmethod
    def _stop_services(cls):
        try:
            cls.suite.cleanUp()
        finally:
            cls.cloud.stop()

    @classmethod
    def tearDownClass(cls):
        cls.proxy.stop()
        cls._stop_services()
        super().tearDownClass()

    @classmethod
    def cloud_config(cls):
        return suite_fixture.emulated_cloud_config(
            cls.cloud,
            watcher_decision_engine={'continuous_audit_interval': 1})

    def setUp(self):
        super().setUp()
        self.addOnException(self._attach_service_logs)

    def _attach_service_logs(self, exc_info):
        for name in self.suite.processes:
            self.addDetail('%s.log' % name, content.text_content(
                self.suite.log(name)[-20000:]))

    # -- the CLI -------------------------------------------------------------

    def cli_env(self):
        env = {key: value for key, value in os.environ.items()
               if not key.startswith('OS_')}
        env.update(OS_AUTH_TYPE='none', OS_ENDPOINT=self.proxy.url)
        return env

    def openstack(self, *args, version=None, expect=None, output=True,
                  server_message=True):
        """Run ``openstack [--os-infra-optim-api-version V] optimize ARGS``.

        ``expect=None``: the command must succeed and every request it made
        must succeed. ``expect=<status>``: it must fail, one of its requests
        must have got that status, the API's message must be on stderr
        (unless ``server_message=False``: the client words some errors
        itself), and no request may have got any other error status.
        """
        argv = [self.executable]
        if version:
            argv += ['--os-infra-optim-api-version', version]
        argv += ['optimize'] + list(args)
        if output:
            argv += ['-f', 'json']
        mark = self.proxy.mark()
        process = subprocess.run(argv, env=self.cli_env(), text=True,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, timeout=180)
        result = CommandResult(argv, process, self.proxy.since(mark))
        failed = [r for r in result.requests if r.status >= 400]
        if expect is None:
            self.assertEqual(0, result.returncode, result)
            self.assertEqual([], failed, result)
            self.assertNotEqual([], result.requests, result)
        else:
            self.assertNotEqual(0, result.returncode, result)
            self.assertEqual([expect] * len(failed),
                             [r.status for r in failed], result)
            self.assertNotEqual([], failed, result)
            if server_message:
                message = faultstring(failed[-1].body)
                self.assertTrue(message, result)
                self.assertIn(message, ' '.join(result.stderr.split()),
                              result)
        expected_version = ('infra-optim %s' % version if version
                            else CLIENT_DEFAULT_VERSION)
        for request in result.requests:
            self.assertEqual(expected_version, request.version, result)
            self.assertEqual('python-watcherclient', request.user_agent,
                             result)
        return result

    # -- direct API reads (waiting is not what the tests are about) --------

    def api_get(self, path):
        status, body = self.suite.api('GET', path)
        self.assertEqual(200, status, body)
        return body

    def wait_for_audit(self, audit_uuid, states=FINAL_AUDIT_STATES,
                       timeout=90):
        def reached():
            audit = self.api_get('/v1/audits/%s' % audit_uuid)
            return audit if audit['state'] in states else None
        return suite_fixture.wait_for(
            reached, timeout, 0.3,
            message='audit %s to reach %s' % (audit_uuid, '/'.join(states)))

    def wait_for_plan(self, plan_uuid, states, timeout=90):
        def reached():
            plan = self.api_get('/v1/action_plans/%s' % plan_uuid)
            return plan if plan['state'] in states else None
        return suite_fixture.wait_for(
            reached, timeout, 0.3,
            message='action plan %s to reach %s'
                    % (plan_uuid, '/'.join(states)))

    def plans_of(self, audit_uuid):
        return self.api_get('/v1/action_plans?audit_uuid=%s&sort_key='
                            'created_at' % audit_uuid)['action_plans']

    def wait_for_plans(self, audit_uuid, count=1, timeout=90):
        """The audit's plans once ``count`` of them are idle."""
        def enough():
            plans = self.plans_of(audit_uuid)
            idle = [p for p in plans if p['state'] in IDLE_PLAN_STATES]
            return plans if len(idle) >= count else None
        return suite_fixture.wait_for(
            enough, timeout, 0.3,
            message='%d action plan(s) of audit %s' % (count, audit_uuid))

    def assertSubset(self, expected, actual, message=None):
        """Every key of ``expected`` is in ``actual`` with that value."""
        self.assertEqual(expected, {key: actual.get(key) for key in expected},
                         message)
