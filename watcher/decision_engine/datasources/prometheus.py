"""The ``prometheus`` datasource: a Prometheus server reached directly.

Configured by ``[prometheus_client]``: ``host`` (required) and ``port``;
HTTP basic auth with ``username``/``password``; HTTPS when ``cafile`` is
set (the server certificate is verified against it), with a client
certificate when ``certfile`` and ``keyfile`` are both set. Deprecated in
favour of ``aetos`` (Prometheus behind Keystone).
"""
from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import prometheus_base
from watcher.decision_engine.datasources import prometheus_http
from watcher.decision_engine.datasources import session as session_mod

CONF = conf.CONF
LOG = log.getLogger(__name__)


def _address(host, port):
    if ':' in host and not host.startswith('['):
        host = '[%s]' % host   # an IPv6 address
    return '%s:%s' % (host, port)


class PrometheusHelper(prometheus_base.PrometheusBase):
    """PromQL over plain HTTP(S) to ``[prometheus_client] host:port``."""

    NAME = 'prometheus'

    def _config_group(self):
        return CONF.prometheus_client

    def _setup_client(self):
        group = CONF.prometheus_client
        host = (group.host or '').strip()
        if not host:
            raise exception.MissingParameter(
                parameter='[prometheus_client] host')
        if '://' in host or '/' in host:
            raise exception.InvalidParameter(message=(
                '[prometheus_client] host must be a host name or address, '
                'not a URL: %s' % host))
        session = session_mod.http_session()
        scheme = 'http'
        if group.cafile:
            session.verify = group.cafile
            scheme = 'https'
        if group.certfile or group.keyfile:
            if not (group.certfile and group.keyfile):
                raise exception.InvalidParameter(message=(
                    '[prometheus_client] certfile and keyfile must be set '
                    'together'))
            session.cert = (group.certfile, group.keyfile)
        if group.username:
            session.auth = (group.username, group.password or '')
        return prometheus_http.PrometheusHTTP(
            '%s://%s/' % (scheme, _address(host, group.port)), session)
