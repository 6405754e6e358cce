"""Request context carried through the API, RPC and services.

It extends oslo.context with ``show_deleted`` (soft-deleted rows visible),
``auth_token_info`` (the Keystone token body, for policy checks) and a
``timestamp``. ``to_dict()``/``from_dict()`` round-trip so the context
survives an RPC hop; ``to_dict()`` is also the credentials given to policy.
"""
import datetime

from oslo_context import context
from oslo_utils import strutils
from oslo_utils import timeutils


class RequestContext(context.RequestContext):
    """Security and request information of one API call or task."""

    FROM_DICT_EXTRA_KEYS = ['auth_token_info', 'timestamp']

    def __init__(self, auth_token_info=None, timestamp=None, **kwargs):
        kwargs.setdefault('show_deleted', False)
        super().__init__(**kwargs)
        self.auth_token_info = auth_token_info
        if timestamp is None:
            timestamp = timeutils.utcnow()
        elif isinstance(timestamp, str):
            timestamp = timeutils.parse_isotime(timestamp)
        if isinstance(timestamp, datetime.datetime):
            # Keep naive UTC datetimes everywhere (as the DB stores them).
            timestamp = timeutils.normalize_time(timestamp)
        self.timestamp = timestamp

    def to_dict(self):
        values = super().to_dict()
        values.update({
            'user_id': self.user_id,
            'user_name': self.user_name,
            'project_name': self.project_name,
            'domain_id': self.domain_id,
            'domain_name': self.domain_name,
            'user_domain_name': self.user_domain_name,
            'project_domain_name': self.project_domain_name,
            'auth_token_info': self.auth_token_info,
            'timestamp': self.timestamp.isoformat() if self.timestamp
            else None,
        })
        return values

    @classmethod
    def from_dict(cls, values, **kwargs):
        # Accept dicts that only carry the *_id spelling of the identity.
        kwargs.setdefault('user_id', values.get('user', values.get('user_id')))
        kwargs.setdefault('domain_id',
                          values.get('domain', values.get('domain_id')))
        return super().from_dict(values, **kwargs)

    @classmethod
    def from_environ(cls, environ, **kwargs):
        """Build a context from a WSGI environ (keystonemiddleware headers).

        ``X-Show-Deleted`` sets ``show_deleted`` and ``keystone.token_info``
        becomes ``auth_token_info`` unless the caller passes them.
        """
        if 'show_deleted' not in kwargs:
            kwargs['show_deleted'] = strutils.bool_from_string(
                environ.get('HTTP_X_SHOW_DELETED', False))
        kwargs.setdefault('auth_token_info',
                          environ.get('keystone.token_info'))
        return super().from_environ(environ, **kwargs)


def make_context(*args, **kwargs):
    return RequestContext(*args, **kwargs)


def get_admin_context(show_deleted=False):
    """An admin context for internal work (periodic tasks, services)."""
    return RequestContext(auth_token=None, project_id=None, is_admin=True,
                          roles=['admin'], show_deleted=show_deleted,
                          overwrite=False)
