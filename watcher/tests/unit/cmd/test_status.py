"""watcher-status upgrade check: each check passes and fails as expected."""
import os
import subprocess
import sys

from oslo_config import cfg
from oslo_upgradecheck import upgradecheck
import testtools

from watcher.cmd import status
from watcher import conf as watcher_conf
from watcher.tests.unit.conf import helpers


def _checks_for(test, text=''):
    config = cfg.ConfigOpts()
    watcher_conf.register_opts(config)
    files = ['--config-file', helpers.write_file(test, text)] if text else []
    config(files, project='watcher', default_config_files=[])
    return status.Checks(config)


class TestNovaApiVersion(testtools.TestCase):

    def _result(self, version):
        checks = _checks_for(self, '[nova]\napi_version = %s\n' % version)
        return checks._minimum_nova_api_version()

    def test_default_passes(self):
        result = _checks_for(self)._minimum_nova_api_version()
        self.assertEqual(upgradecheck.Code.SUCCESS, result.code)

    def test_newer_versions_pass(self):
        for version in ('2.56', '2.60', '2.100', 'latest'):
            self.assertEqual(upgradecheck.Code.SUCCESS,
                             self._result(version).code, version)

    def test_older_version_fails(self):
        result = self._result('2.53')
        self.assertEqual(upgradecheck.Code.FAILURE, result.code)
        self.assertIn('2.53', result.details)
        self.assertIn('2.56 or greater is required', result.details)

    def test_legacy_group_is_honoured(self):
        checks = _checks_for(self, '[nova_client]\napi_version = 2.1\n')
        result = checks._minimum_nova_api_version()
        self.assertEqual(upgradecheck.Code.FAILURE, result.code)

    def test_garbage_fails_clearly(self):
        result = self._result('two')
        self.assertEqual(upgradecheck.Code.FAILURE, result.code)
        self.assertIn('Invalid nova api_version two', result.details)


class TestPolicyFileFormat(testtools.TestCase):

    def _result(self, name, content):
        path = helpers.write_file(self, content, name=name)
        checks = _checks_for(self, '[oslo_policy]\npolicy_file = %s\n' % path)
        return checks._policy_file_format()

    def test_yaml_passes(self):
        result = self._result('policy.yaml', '"goal:get": "role:admin"\n')
        self.assertEqual(upgradecheck.Code.SUCCESS, result.code)

    def test_json_fails(self):
        result = self._result('policy.json', '{"goal:get": "role:admin"}\n')
        self.assertEqual(upgradecheck.Code.FAILURE, result.code)
        self.assertIn('YAML', result.details)

    def test_missing_file_passes(self):
        checks = _checks_for(self)
        result = checks._policy_file_format()
        self.assertEqual(upgradecheck.Code.SUCCESS, result.code)


class TestCommandLine(testtools.TestCase):
    """The console script prints the table and exits 0 / 2."""

    def _run(self, conf_text):
        path = helpers.write_file(self, conf_text)
        env = dict(os.environ, HOME=os.path.dirname(path))
        return subprocess.run(
            [sys.executable, '-c',
             'import sys; from watcher.cmd import status; '
             'sys.exit(status.main())',
             '--config-file', path, 'upgrade', 'check'],
            capture_output=True, text=True, env=env)

    def test_all_checks_pass(self):
        proc = self._run('[nova]\napi_version = 2.79\n')
        self.assertEqual(0, proc.returncode, proc.stderr)
        self.assertIn('Minimum Nova API Version', proc.stdout)
        self.assertIn('Policy File JSON to YAML Migration', proc.stdout)

    def test_failure_exit_code(self):
        proc = self._run('[nova_client]\napi_version = 2.53\n')
        self.assertEqual(2, proc.returncode, proc.stderr)
        self.assertIn('2.56 or greater is required', proc.stdout)
