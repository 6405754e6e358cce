"""WSGI entry point (``watcher-api-wsgi``) for uWSGI, gunicorn, mod_wsgi.

The server's own command line is not Watcher's, so options come from the
default configuration files (``/etc/watcher/watcher.conf``...) plus the
files listed in ``OS_WATCHER_CONFIG_FILES`` (separated by ``;``).
"""

import os
import sys

from watcher.api import app
from watcher.common import service

CONFIG_FILES_ENV = 'OS_WATCHER_CONFIG_FILES'


def _config_file_args():
    files = os.environ.get(CONFIG_FILES_ENV, '')
    args = []
    for path in filter(None, (f.strip() for f in files.split(';'))):
        args += ['--config-file', path]
    return args


def initialize_wsgi_app(argv=None):
    """Parse the configuration and return the API WSGI application."""
    if argv is None:
        argv = [sys.argv[0]] + _config_file_args()
    service.prepare_service(argv)
    return app.load_app()
