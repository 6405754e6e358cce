"""The console scripts never load eventlet, even where it is installed."""
import subprocess
import sys

import testtools

PROBE = '''
import sys
import %s
import futurist
from watcher.decision_engine import manager
print(sys.modules.get('eventlet', 'absent'), futurist.ThreadPoolExecutor)
'''


class TestNoEventlet(testtools.TestCase):

    def _probe(self, module):
        return subprocess.run(
            [sys.executable, '-c', PROBE % module], capture_output=True,
            text=True, timeout=120, check=True).stdout

    def test_services_do_not_import_eventlet(self):
        for module in ('watcher.cmd.decisionengine', 'watcher.cmd.applier',
                       'watcher.cmd.api'):
            self.assertTrue(self._probe(module).startswith('None '), module)
