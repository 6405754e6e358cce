"""Fixture giving a test its own policy enforcer and policy file."""
import os

import fixtures
from oslo_config import cfg
from oslo_config import fixture as config_fixture
from oslo_policy import opts as policy_opts

from watcher.common import policy
from watcher import conf

CONF = conf.CONF


class PolicyFixture(fixtures.Fixture):
    """Fresh enforcer with defaults; ``set_rules`` writes an override file.

    :param rules: optional {rule: check string} written to policy.yaml.
    """

    def __init__(self, rules=None):
        super().__init__()
        self._initial_rules = rules or {}

    def _setUp(self):
        self.policy_dir = self.useFixture(fixtures.TempDir()).path
        self.policy_file = os.path.join(self.policy_dir, 'policy.yaml')
        self._write(self._initial_rules)
        try:
            CONF.config_file  # defined once the command line is parsed
        except cfg.NoSuchOptError:
            CONF([], project='watcher', default_config_files=[])
        policy_opts.set_defaults(CONF)
        config = self.useFixture(config_fixture.Config(CONF))
        config.config(policy_file=self.policy_file, group='oslo_policy')
        policy.reset()
        self.addCleanup(policy.reset)

    def _write(self, rules):
        with open(self.policy_file, 'w') as handle:
            for name, check in sorted(rules.items()):
                handle.write('"%s": "%s"\n' % (name, check))

    def set_rules(self, rules):
        """Replace the override file; the enforcer reloads it."""
        self._write(rules)
        policy.reset()
