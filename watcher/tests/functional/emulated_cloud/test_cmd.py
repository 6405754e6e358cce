"""The watcher-emulated-cloud console script."""
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import requests
import yaml

from watcher.emulated_cloud import cmd
from watcher.tests.unit.emulated_cloud import utils


class ConsoleScriptTest(unittest.TestCase):

    def run_main(self, argv):
        """Run main() in a thread; returns (stop_event, output, thread)."""
        stop = threading.Event()
        out = io.StringIO()
        result = {}
        thread = threading.Thread(target=lambda: result.setdefault(
            'code', cmd.main(argv, stop_event=stop, out=out)))
        thread.start()
        deadline = time.time() + 30
        while 'watcher.conf' not in out.getvalue() and thread.is_alive():
            if time.time() > deadline:
                self.fail('no output: %r' % out.getvalue())
            time.sleep(0.05)
        return stop, out, thread, result

    def test_generated_cloud_with_configs(self):
        with tempfile.TemporaryDirectory() as tmp:
            prom = os.path.join(tmp, 'prometheus.yml')
            conf = os.path.join(tmp, 'watcher.conf')
            dump = os.path.join(tmp, 'cloud.json')
            stop, out, thread, result = self.run_main([
                '--hosts', '4', '--servers', '30', '--seed', '9',
                '--write-prometheus-config', prom,
                '--write-watcher-conf', conf, '--dump-topology', dump,
                '--catalog-endpoint', 'infra-optim=http://127.0.0.1:9322'])
            try:
                text = out.getvalue()
                self.assertIn('4 hosts, 30 servers', text)
                compute = re.search(r'compute\s+(\S+)', text).group(1)
                body = requests.get(compute + '/os-hypervisors', timeout=10,
                                    headers=utils.nova()).json()
                self.assertEqual(4, len(body['hypervisors']))
                config = yaml.safe_load(open(prom))
                self.assertEqual(4, len(config['scrape_configs'][0][
                    'static_configs']))
                self.assertIn('[watcher_clients_auth]', open(conf).read())
                self.assertEqual(30, len(json.load(open(dump))['servers']))
            finally:
                stop.set()
                thread.join(timeout=30)
            self.assertEqual(0, result['code'])

    def test_topology_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'cloud.yaml')
            with open(path, 'w') as stream:
                yaml.safe_dump(utils.small_topology(), stream)
            stop, out, thread, result = self.run_main(['--topology', path])
            stop.set()
            thread.join(timeout=30)
        self.assertIn('3 hosts, 3 servers, 2 volumes, 2 ironic nodes',
                      out.getvalue())

    def test_bad_input_is_a_clear_error(self):
        errors = io.StringIO()
        sys_stderr, sys.stderr = sys.stderr, errors
        try:
            code = cmd.main(['--topology', '/nonexistent.yaml'],
                            out=io.StringIO())
            code2 = cmd.main(['--hosts', '0'], out=io.StringIO())
        finally:
            sys.stderr = sys_stderr
        self.assertEqual((2, 2), (code, code2))
        self.assertIn('Cannot read topology /nonexistent.yaml',
                      errors.getvalue())

    def test_installed_script_stops_on_sigterm(self):
        script = os.path.join(os.path.dirname(sys.executable),
                              'watcher-emulated-cloud')
        if not os.path.exists(script):
            self.skipTest('console script not installed')
        process = subprocess.Popen(
            [script, '--hosts', '2', '--servers', '3'],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            first = process.stdout.readline()
            self.assertIn('2 hosts, 3 servers', first)
        finally:
            process.terminate()
            self.assertEqual(0, process.wait(timeout=30))
