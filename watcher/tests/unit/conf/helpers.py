"""Helpers for configuration tests: fresh ConfigOpts, temp files."""
import os

import fixtures
from oslo_config import cfg

from watcher import conf as watcher_conf
from watcher.conf import plugins


def write_file(test, text, name='watcher.conf'):
    """Write ``text`` in a temporary directory owned by ``test``."""
    directory = test.useFixture(fixtures.TempDir()).path
    path = os.path.join(directory, name)
    with open(path, 'w') as handle:
        handle.write(text)
    return path


def load_conf(files=(), with_plugins=False):
    """A new ConfigOpts with Watcher's options, parsed from ``files``."""
    conf = cfg.ConfigOpts()
    watcher_conf.register_opts(conf)
    if with_plugins:
        for (namespace, name), opts in plugins.declared_plugin_opts().items():
            plugins.register_plugin_opts(conf, namespace, name, opts)
    argv = []
    for path in files:
        argv += ['--config-file', path]
    conf(argv, project='watcher', default_config_files=[])
    return conf
