"""Bounded waits and retries for calls to the cloud.

Actions must never hang: every wait here is a fixed number of polls, and a
call that keeps failing with a connection error gives up after a fixed
number of attempts. ``sleep`` is looked up at call time so a stop request
(or a test) can replace it.
"""
import inspect
import time

from keystoneauth1 import exceptions as ks_exc
from openstack import exceptions as sdk_exc
from oslo_log import log
import requests

from watcher.common import clients

LOG = log.getLogger(__name__)

# Errors that mean "the request did not reach the service" (or Keystone,
# while authenticating): worth retrying.
CONNECTION_ERRORS = (ks_exc.ConnectionError, ks_exc.DiscoveryFailure,
                     requests.ConnectionError)


def sleep(seconds):
    time.sleep(seconds)


def call_with_retries(fn, *args, attempts=3, interval=2.0, what=None,
                      **kwargs):
    """Run ``fn``; retry it on connection errors, ``attempts`` times in all.

    The last connection error is re-raised; any other error at once.
    """
    attempts = max(1, int(attempts))
    for attempt in range(1, attempts + 1):
        try:
            return fn(*args, **kwargs)
        except CONNECTION_ERRORS as exc:
            if attempt >= attempts:
                raise
            LOG.warning('%s failed to connect (%s); attempt %d of %d, '
                        'retrying in %s s', what or getattr(
                            fn, '__name__', 'call'), exc, attempt,
                        attempts, interval)
            sleep(interval)


class WaitResult:
    """What a bounded wait saw: the last value and whether it was done."""

    def __init__(self, value, done, polls):
        self.value = value
        self.done = done
        self.polls = polls

    def __bool__(self):
        return self.done


def wait_for(fetch, done, retries, interval):
    """Poll ``fetch()`` until ``done(value)``, at most ``retries`` times.

    The first poll happens after ``interval`` seconds (the operation was
    just requested). Returns a :class:`WaitResult`; never raises because
    of the time spent, so the caller can word the failure.
    """
    retries = max(1, int(retries))
    value = None
    for poll in range(1, retries + 1):
        sleep(interval)
        value = fetch()
        if done(value):
            return WaitResult(value, True, poll)
    return WaitResult(value, False, retries)


def materialized(fn):
    """``fn`` with listings read at once, so errors happen inside retries."""
    def call(*args, **kwargs):
        result = fn(*args, **kwargs)
        if inspect.isgenerator(result):
            return list(result)
        return result
    return call


def error_reason(exc):
    """The cloud's own words for an SDK error (first line only)."""
    text = getattr(exc, 'details', None) or str(exc) or type(exc).__name__
    return str(text).strip().splitlines()[0]


class ProxyHelper:
    """Calls one openstacksdk proxy with retries and Watcher errors.

    Subclasses name the proxy (``compute``, ``block_storage``,
    ``baremetal``), the service label used in messages and the
    ``WatcherException`` class raised for cloud errors.
    """

    proxy_name = None
    service_label = None
    error_class = None

    def __init__(self, connection=None):
        self._connection = connection

    @property
    def connection(self):
        if self._connection is None:
            self._connection = clients.get_sdk_connection()
        return self._connection

    @property
    def proxy(self):
        return getattr(self.connection, self.proxy_name)

    def retry_settings(self):
        """(attempts, interval) for connection errors."""
        return 3, 2.0

    def call(self, method, *args, **kwargs):
        """``proxy.<method>(...)``; NotFoundException passes through."""
        attempts, interval = self.retry_settings()

        def fn(*call_args, **call_kwargs):
            # The proxy is looked up inside the retries: building it may
            # authenticate against Keystone first.
            return materialized(getattr(self.proxy, method))(
                *call_args, **call_kwargs)
        try:
            return call_with_retries(
                fn, *args, attempts=attempts, interval=interval,
                what='%s %s' % (self.service_label, method), **kwargs)
        except sdk_exc.NotFoundException:
            raise
        except CONNECTION_ERRORS as exc:
            raise self.error_class(
                reason='%s: cannot reach %s after %d attempt(s): %s' % (
                    method, self.service_label, attempts,
                    error_reason(exc)))
        except (sdk_exc.SDKException, ks_exc.ClientException) as exc:
            raise self.error_class(reason='%s: %s' % (
                method, error_reason(exc)))

    def find(self, method, *args, **kwargs):
        """Like :meth:`call` but None when the cloud says 404."""
        try:
            return self.call(method, *args, **kwargs)
        except sdk_exc.NotFoundException:
            return None
