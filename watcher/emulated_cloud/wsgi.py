"""A very small WSGI toolkit: requests, responses and route tables.

Every emulated API declares its routes as data, ``(method, template,
handler)``, the way Placement does; the router answers 404/405 itself and
hands every :class:`~watcher.emulated_cloud.errors.EmulatorError` to the
API's own fault formatter, so clients see the error bodies they expect.
"""
import http
import json
import logging
import re
import urllib.parse

from watcher.emulated_cloud import errors

LOG = logging.getLogger(__name__)

_PARAM = re.compile(r'\{(\w+)\}')


def dumps(obj):
    """Serialise compactly: big listings are the hot path."""
    return json.dumps(obj, separators=(',', ':')).encode('utf-8')


class Request:
    """The parts of a WSGI environ the handlers need."""

    def __init__(self, environ, path, root_url):
        self.environ = environ
        self.method = environ['REQUEST_METHOD'].upper()
        self.path = path
        self.root_url = root_url
        self.query = urllib.parse.parse_qs(
            environ.get('QUERY_STRING', ''), keep_blank_values=True)
        self.match = {}
        self.context = {}
        self._body = None

    def header(self, name, default=None):
        key = 'HTTP_' + name.upper().replace('-', '_')
        if key == 'HTTP_CONTENT_TYPE':
            key = 'CONTENT_TYPE'
        return self.environ.get(key, default)

    def param(self, name, default=None):
        """Last value of a query parameter, like most OpenStack APIs."""
        values = self.query.get(name)
        return values[-1] if values else default

    def has_param(self, name):
        return name in self.query

    @property
    def body(self):
        if self._body is None:
            try:
                length = int(self.environ.get('CONTENT_LENGTH') or 0)
            except ValueError:
                length = 0
            stream = self.environ.get('wsgi.input')
            self._body = stream.read(length) if (stream and length) else b''
        return self._body

    def json(self, required=True):
        """The decoded JSON body; 400 when it is absent or malformed."""
        raw = self.body
        if not raw:
            if required:
                raise errors.BadRequest('Malformed request body')
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise errors.BadRequest('Malformed request body')


class Response:
    """Status, headers and a body that is JSON-encoded when not bytes."""

    __slots__ = ('status', 'body', 'headers')

    def __init__(self, status=200, body=None, headers=None):
        self.status = status
        self.body = body
        self.headers = list(headers or [])


def as_bool(value):
    """OpenStack's lenient boolean for query strings ('' counts as true)."""
    if value is None:
        return False
    return str(value).strip().lower() in ('', '1', 'true', 'yes', 'on', 't',
                                          'y')


def parse_int(req, name, default=0):
    """An integer query parameter; 400 when it is not one."""
    raw = req.param(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise errors.BadRequest('Invalid input for query parameter %s: %r '
                                'is not an integer.' % (name, raw))


def require_str(value, name, allow_none=False):
    """``value`` if it is a string (or None when allowed), else 400."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise errors.BadRequest('Invalid input for field/attribute %s. '
                                'Value: %r is not a string.' % (name, value))
    return value


def parse_limit(req, max_limit=1000):
    """Validated ``limit`` query parameter, capped at the API maximum."""
    raw = req.param('limit')
    if raw is None:
        return max_limit
    try:
        limit = int(raw)
    except ValueError:
        raise errors.BadRequest('limit param must be an integer')
    if limit < 0:
        raise errors.BadRequest('limit param must be positive')
    return min(limit, max_limit)


def next_link(req, marker, extra=None):
    """Absolute URL of the next page, keeping the request's filters."""
    params = [(k, v) for k, values in sorted(req.query.items())
              for v in values if k != 'marker']
    params.append(('marker', marker))
    for key, value in (extra or {}).items():
        params = [(k, v) for k, v in params if k != key] + [(key, value)]
    return '%s%s?%s' % (req.root_url, req.path,
                        urllib.parse.urlencode(params))


class MicroversionSpec:
    """Accepted microversion range of one API and the headers it uses."""

    def __init__(self, service, minimum, maximum, legacy_header=None,
                 response_headers=True):
        self.service = service
        self.minimum = minimum
        self.maximum = maximum
        self.legacy_header = legacy_header
        self.response_headers = response_headers

    @staticmethod
    def parse(text):
        major, _, minor = text.strip().partition('.')
        return int(major), int(minor)

    def requested(self, req):
        """The (major, minor) the client asked for; minimum by default."""
        raw = None
        header = req.header('OpenStack-API-Version')
        if header:
            for part in header.split(','):
                words = part.strip().split()
                if len(words) == 2 and words[0].lower() == self.service:
                    raw = words[1]
        if raw is None and self.legacy_header:
            raw = req.header(self.legacy_header)
        if raw is None:
            return self.minimum
        if raw.strip().lower() == 'latest':
            return self.maximum
        try:
            version = self.parse(raw)
        except ValueError:
            raise errors.BadRequest(
                'API Version String %s is of invalid format. Must be of '
                'format MajorNum.MinorNum.' % raw)
        if not self.minimum <= version <= self.maximum:
            raise errors.NotAcceptable(
                'Version %s is not supported by the API. Minimum is %s and '
                'maximum is %s.' % (raw, self.format(self.minimum),
                                    self.format(self.maximum)))
        return version

    @staticmethod
    def format(version):
        return '%d.%d' % version

    def headers(self, version):
        if not self.response_headers:
            return []
        text = self.format(version)
        result = [('OpenStack-API-Version', '%s %s' % (self.service, text)),
                  ('Vary', 'OpenStack-API-Version')]
        if self.legacy_header:
            result.append((self.legacy_header, text))
        return result


class Router:
    """Dispatch by a declared route table; faults shaped by ``fault``."""

    def __init__(self, routes, fault, microversion=None, before=None):
        self._routes = []
        for method, template, handler in routes:
            pattern = '^' + _PARAM.sub(r'(?P<\1>[^/]+)',
                                       template.rstrip('/') or '') + '/?$'
            self._routes.append((method, re.compile(pattern), handler))
        self._fault = fault
        self.microversion = microversion
        self._before = before

    def _find(self, req):
        allowed = []
        for method, pattern, handler in self._routes:
            found = pattern.match(req.path)
            if found:
                if method == req.method or (method == 'GET' and
                                            req.method == 'HEAD'):
                    req.match = {k: urllib.parse.unquote(v)
                                 for k, v in found.groupdict().items()}
                    return handler
                allowed.append(method)
        if allowed:
            raise errors.MethodNotAllowed(
                'The method %s is not allowed for this resource.'
                % req.method, headers=[('Allow', ', '.join(allowed))])
        raise errors.NotFound('The resource could not be found.')

    def handle(self, req):
        """Answer ``req`` with a :class:`Response`, never raising."""
        version = None
        try:
            if self._before:
                self._before(req)
            if self.microversion:
                version = self.microversion.requested(req)
                req.context['version'] = version
            handler = self._find(req)
            response = handler(req)
        except errors.EmulatorError as exc:
            body = self._fault(exc.code, exc.message)
            response = Response(exc.code, body, exc.headers)
        except Exception:  # a bug here must not look like a network error
            LOG.exception('Unexpected error in emulated API %s %s',
                          req.method, req.path)
            response = Response(500, self._fault(
                500, 'Unexpected error in the emulated API.'))
        if self.microversion and version is not None:
            response.headers.extend(self.microversion.headers(version))
        return response


def finish(response, start_response, method='GET'):
    """Encode ``response`` and hand it to the WSGI server."""
    body = response.body
    headers = list(response.headers)
    if body is None:
        payload = b''
    elif isinstance(body, bytes):
        payload = body
    else:
        payload = dumps(body)
    if body is not None and not any(k.lower() == 'content-type'
                                    for k, _ in headers):
        headers.append(('Content-Type',
                        'text/plain; charset=utf-8' if isinstance(body, bytes)
                        else 'application/json'))
    headers.append(('Content-Length', str(len(payload))))
    status = '%d %s' % (response.status,
                        http.HTTPStatus(response.status).phrase)
    start_response(status, headers)
    if method == 'HEAD':
        return [b'']
    return [payload]
