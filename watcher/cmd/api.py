"""``watcher-api``: serve the REST API with cheroot.

Listens on ``[api] host``:``[api] port`` with ``[api] workers`` processes
(default: the number of CPUs), each running a thread pool. HTTPS when
``[api] enable_ssl_api`` (certificate and key from ``[ssl]``).
"""
import sys

from oslo_concurrency import processutils
from oslo_log import log
from oslo_service import sslutils

from watcher import conf
from watcher.api import app as api_app
from watcher.common import service
from watcher.common import wsgi_server

CONF = conf.CONF
LOG = log.getLogger(__name__)


def _ssl_adapter_factory():
    """A cheroot TLS adapter from ``[ssl]``, or None when TLS is off."""
    if not CONF.api.enable_ssl_api:
        return None
    cert_file = CONF.ssl.cert_file
    key_file = CONF.ssl.key_file
    if not cert_file or not key_file:
        raise SystemExit('watcher-api: [api] enable_ssl_api is set but '
                         '[ssl] cert_file and key_file are not')

    def make_adapter():
        from cheroot.ssl import builtin
        return builtin.BuiltinSSLAdapter(cert_file, key_file,
                                         CONF.ssl.ca_file or None)
    # Fail now (bad files, wrong key) rather than in every worker.
    make_adapter()
    return make_adapter


def main(argv=None):
    argv = sys.argv if argv is None else argv
    sslutils.register_opts(CONF)
    service.prepare_service(argv)
    host, port = CONF.api.host, CONF.api.port
    workers = CONF.api.workers or processutils.get_worker_count()
    try:
        adapter_factory = _ssl_adapter_factory()
    except (OSError, ValueError) as exc:
        print('watcher-api: cannot load the TLS certificate: %s' % exc,
              file=sys.stderr)
        return 1
    try:
        listen_socket = wsgi_server.bind_socket(host, port)
    except wsgi_server.ListenError as exc:
        print('watcher-api: %s' % exc, file=sys.stderr)
        LOG.error('watcher-api cannot start: %s', exc)
        return 1
    scheme = 'https' if adapter_factory else 'http'
    LOG.info('Serving on %s://%s:%s with %d worker(s)', scheme, host, port,
             workers)
    if workers == 1:
        return wsgi_server.serve_in_process(
            listen_socket, api_app.load_app(),
            ssl_adapter=adapter_factory() if adapter_factory else None)
    return wsgi_server.PreforkServer(
        listen_socket, api_app.load_app, workers,
        ssl_adapter_factory=adapter_factory).run()


if __name__ == '__main__':
    sys.exit(main())
