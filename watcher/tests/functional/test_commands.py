"""Console scripts as an operator runs them: errors and summaries."""
import os
import re
import socket
import subprocess
import sys

import fixtures
import testtools


def summary(stdout):
    """The printed summary, without the log lines (timestamped)."""
    return [line for line in stdout.splitlines()
            if not re.match(r'\d{4}-\d\d-\d\d ', line)]


class CommandTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.path = self.useFixture(fixtures.TempDir()).path
        self.config_file = os.path.join(self.path, 'watcher.conf')
        self.db = os.path.join(self.path, 'watcher.sqlite')

    def write_config(self, **api):
        lines = ['[DEFAULT]', 'transport_url = fake:/',
                 'enable_authentication = False', '[database]',
                 'connection = sqlite:///%s' % self.db, '[api]']
        lines += ['%s = %s' % item for item in sorted(api.items())]
        with open(self.config_file, 'w') as handle:
            handle.write('\n'.join(lines) + '\n')

    def run_command(self, module, *args, timeout=120):
        return subprocess.run(
            [sys.executable, '-m', module, '--config-file', self.config_file]
            + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, timeout=timeout, cwd=self.path)


class TestWatcherApiCommand(CommandTestCase):

    def test_port_taken_is_one_clear_line(self):
        holder = socket.socket()
        self.addCleanup(holder.close)
        holder.bind(('127.0.0.1', 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        self.write_config(host='127.0.0.1', port=port, workers=1)
        result = self.run_command('watcher.cmd.api')
        self.assertEqual(1, result.returncode)
        self.assertIn('watcher-api: 127.0.0.1:%d is already in use by '
                      'another process\n' % port, result.stderr)
        self.assertNotIn('Traceback', result.stderr)

    def test_ssl_without_certificate_is_refused(self):
        self.write_config(host='127.0.0.1', port=0, workers=1,
                          enable_ssl_api=True)
        result = self.run_command('watcher.cmd.api')
        self.assertNotEqual(0, result.returncode)
        self.assertIn('[ssl] cert_file and key_file are not',
                      result.stderr)


class TestWatcherSyncCommand(CommandTestCase):

    def test_sync_prints_what_the_database_holds(self):
        self.write_config()
        upgrade = self.run_command('watcher.cmd.dbmanage', 'upgrade')
        self.assertEqual(0, upgrade.returncode, upgrade.stderr[-3000:])
        result = self.run_command('watcher.cmd.sync')
        self.assertEqual(0, result.returncode, result.stderr[-3000:])
        lines = summary(result.stdout)
        self.assertIn('  dummy', lines)
        self.assertIn('  dummy (goal dummy)', lines)
        self.assertIn('  dummy_scorer', lines)
        # Running it again changes nothing.
        again = self.run_command('watcher.cmd.sync')
        self.assertEqual(lines, summary(again.stdout))

    def test_sync_on_an_empty_database_says_what_to_do(self):
        self.write_config()
        result = self.run_command('watcher.cmd.sync')
        self.assertEqual(1, result.returncode)
        self.assertIn('is the database upgraded with watcher-db-manage '
                      'upgrade?', result.stderr)


class TestInvalidConfiguration(CommandTestCase):

    def check_refused(self, module, config_text, expected):
        with open(self.config_file, 'w') as handle:
            handle.write(config_text)
        result = self.run_command(module)
        self.assertEqual(1, result.returncode, result.stderr[-3000:])
        self.assertIn(expected, result.stderr)
        self.assertNotIn('Traceback', result.stderr)

    def test_unknown_transport_driver(self):
        self.check_refused(
            'watcher.cmd.applier', '[DEFAULT]\ntransport_url = nosuch://x\n',
            ': invalid configuration: Failed to load transport driver '
            '"nosuch"')

    def test_invalid_host_value(self):
        self.check_refused(
            'watcher.cmd.decisionengine',
            '[DEFAULT]\ntransport_url = fake:/\nhost = not a host!\n',
            'is not a valid host address')

    def test_bad_value_is_named_even_without_log_options(self):
        self.check_refused(
            'watcher.cmd.decisionengine',
            '[DEFAULT]\ntransport_url = fake:/\nlog_options = false\n'
            '[watcher_decision_engine]\nmax_audit_workers = many\n',
            'Value for option max_audit_workers')
