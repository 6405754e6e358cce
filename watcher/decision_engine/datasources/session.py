"""HTTP sessions of the datasources (one place, so tests can swap them)."""
import requests

from watcher.common import clients


def keystone_session(osc=None):
    """The session of ``osc`` (an SDK connection) or Watcher's own.

    Watcher's own comes from ``[watcher_clients_auth]``.
    """
    session = getattr(osc, 'session', None)
    if session is not None and hasattr(session, 'get_endpoint'):
        return session
    return clients.load_session()


def http_session():
    """A plain ``requests`` session (direct Prometheus, Grafana)."""
    return requests.Session()
