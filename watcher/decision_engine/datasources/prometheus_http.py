"""A small client of the Prometheus HTTP API (``/api/v1``).

It works over a plain ``requests.Session`` (direct Prometheus, basic auth
and TLS set on the session) or a keystoneauth ``Session`` (Aetos: the
token is added by the session). An answer other than HTTP 200 with
``status: success`` raises :class:`PrometheusAPIError`; a network failure
raises the transport's own exception, so callers can retry only those.
"""
from keystoneauth1 import session as ks_session
from oslo_log import log

LOG = log.getLogger(__name__)

# Seconds before an unanswered request fails (the reference has no limit;
# a hung server must not hang the audit).
DEFAULT_TIMEOUT = 60


class PrometheusAPIError(Exception):
    """Prometheus answered, but not with a successful result."""

    def __init__(self, status_code, message):
        self.status_code = status_code
        super().__init__('[%s] %s' % (status_code, message))


class PrometheusHTTP(object):
    """``GET <base_url>/api/v1/<endpoint>`` returning the ``data`` part."""

    def __init__(self, base_url, session, timeout=DEFAULT_TIMEOUT):
        self.base_url = base_url.rstrip('/') + '/'
        self.session = session
        self.timeout = timeout
        # keystoneauth raises on HTTP errors unless told otherwise.
        self._extra = ({'raise_exc': False}
                       if isinstance(session, ks_session.Session) else {})

    def url(self, endpoint):
        return '%sapi/v1/%s' % (self.base_url, endpoint)

    def get(self, endpoint, params=None):
        response = self.session.get(
            self.url(endpoint), params=params, timeout=self.timeout,
            headers={'Accept': 'application/json'}, **self._extra)
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code != 200 or not isinstance(body, dict) or \
                body.get('status') != 'success':
            message = (body.get('error') if isinstance(body, dict) else
                       None) or (response.text or '')[:200] or \
                response.reason
            raise PrometheusAPIError(response.status_code, message)
        return body.get('data')

    def query(self, promql):
        """Instant query: ``[(labels, float value)]``."""
        LOG.debug('PromQL: %s', promql)
        data = self.get('query', {'query': promql}) or {}
        kind = data.get('resultType')
        result = data.get('result')
        if kind == 'vector':
            return [(item.get('metric', {}), _number(item['value'][1]))
                    for item in result or []]
        if kind == 'scalar' and result:
            return [({}, _number(result[1]))]
        return []

    def active_targets(self):
        data = self.get('targets', {'state': 'active'}) or {}
        return data.get('activeTargets') or []

    def label_values(self, label):
        return self.get('label/%s/values' % label) or []

    def runtime_info(self):
        return self.get('status/runtimeinfo')


def _number(text):
    return float(text)
