"""Retrying the external calls made while collecting a model.

``[collector] api_query_max_retries`` attempts, ``api_query_interval``
seconds apart. Client errors (4xx other than 408/409/429) are not retried:
asking again would get the same answer.
"""
import contextlib
import threading
import time

from openstack import exceptions as sdk_exceptions
from oslo_log import log

from watcher import conf

CONF = conf.CONF
LOG = log.getLogger(__name__)

_RETRYABLE_CLIENT_CODES = (408, 409, 429)
_ABORT = threading.local()


@contextlib.contextmanager
def abort_on(event):
    """Within the block, stop retrying (and fail) once ``event`` is set.

    A collection that ran out of time sets it so that the calls still
    running in its worker threads give up instead of retrying.
    """
    previous = getattr(_ABORT, 'event', None)
    _ABORT.event = event
    try:
        yield
    finally:
        _ABORT.event = previous


def _aborted():
    event = getattr(_ABORT, 'event', None)
    return event is not None and event.is_set()


def _retryable(exc):
    status = getattr(exc, 'status_code', None)
    if isinstance(exc, sdk_exceptions.HttpException) and status:
        return status >= 500 or status in _RETRYABLE_CLIENT_CODES
    return True


def call_with_retries(description, func, *args, **kwargs):
    """Return ``func(*args, **kwargs)``, retrying transient failures."""
    attempts = CONF.collector.api_query_max_retries
    interval = CONF.collector.api_query_interval
    for attempt in range(1, attempts + 1):
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            if attempt >= attempts or not _retryable(exc) or _aborted():
                raise
            LOG.warning('%s failed (attempt %d of %d), retrying in %s s: '
                        '%s', description, attempt, attempts, interval, exc)
            if interval:
                time.sleep(interval)


def list_all(description, func, *args, **kwargs):
    """Materialise a (paginated) SDK listing, with retries."""
    return call_with_retries(description,
                             lambda: list(func(*args, **kwargs)))
