"""Parsing and checking of the ``OpenStack-API-Version`` header.

The rules are the reference's: an absent header means the minimum version,
``latest`` the maximum, a bare ``1`` means ``1.0`` and a value whose parts
are not integers silently falls back to the minimum. Anything else outside
the supported range is answered with 406.
"""

import microversion_parse
import pecan
from webob import exc

from watcher.api.controllers.v1 import versions

SERVICE_TYPE = 'infra-optim'
HEADER = 'OpenStack-API-Version'
MIN_HEADER = 'OpenStack-API-Minimum-Version'
MAX_HEADER = 'OpenStack-API-Maximum-Version'


class Version(object):
    """A requested (major, minor) version."""

    def __init__(self, major, minor):
        self.major = major
        self.minor = minor

    def __str__(self):
        return '%d.%d' % (self.major, self.minor)

    def __repr__(self):
        return 'Version(%d, %d)' % (self.major, self.minor)

    def as_tuple(self):
        return (self.major, self.minor)

    def __eq__(self, other):
        return self.as_tuple() == other.as_tuple()

    def __lt__(self, other):
        return self.as_tuple() < other.as_tuple()

    def __le__(self, other):
        return self.as_tuple() <= other.as_tuple()


def _range_message():
    return 'The supported version range is: [%s, %s].' % (
        versions.min_version_string(), versions.max_version_string())


def range_headers():
    """Headers every /v1 response (and range-check 406) carries."""
    return {MIN_HEADER: versions.min_version_string(),
            MAX_HEADER: versions.max_version_string(),
            'Vary': HEADER}


def parse_headers(headers):
    """Return the :class:`Version` asked for by ``headers``.

    Raises ``HTTPNotAcceptable`` (without range headers, like the
    reference) when the value has one part other than ``1`` or more than
    two parts.
    """
    value = microversion_parse.get_version(headers,
                                           service_type=SERVICE_TYPE)
    if value is None:
        return Version(versions.BASE_VERSION, versions.MINOR_MIN_VERSION)
    if value.strip().lower() == 'latest':
        return Version(versions.BASE_VERSION, versions.MINOR_MAX_VERSION)
    try:
        parts = tuple(int(part) for part in value.strip().split('.'))
    except ValueError:
        # NOTE: the reference serves unparsable values as the minimum.
        parts = (versions.BASE_VERSION, versions.MINOR_MIN_VERSION)
    if parts == (versions.BASE_VERSION,):
        parts = (versions.BASE_VERSION, versions.MINOR_MIN_VERSION)
    if len(parts) != 2:
        raise exc.HTTPNotAcceptable(
            'Invalid value for %s header' % HEADER)
    return Version(*parts)


def check_supported(version):
    """Raise 406 (with range headers) if ``version`` is not served."""
    minimum = Version(versions.BASE_VERSION, versions.MINOR_MIN_VERSION)
    maximum = Version(versions.BASE_VERSION, versions.MINOR_MAX_VERSION)
    if version.major != versions.BASE_VERSION:
        raise exc.HTTPNotAcceptable(
            'Mutually exclusive versions requested. Version %s requested '
            'but not supported by this service. %s'
            % (version, _range_message()),
            headers=range_headers())
    if version < minimum or maximum < version:
        raise exc.HTTPNotAcceptable(
            'Version %s was requested but the minor version is not '
            'supported by this service. %s' % (version, _range_message()),
            headers=range_headers())


def requested():
    """The version of the current request (1.0 outside /v1 routes)."""
    return getattr(pecan.request, 'version', None) or Version(
        versions.BASE_VERSION, versions.MINOR_MIN_VERSION)


def allows(minor):
    """True when the current request's version is at least ``1.minor``."""
    return requested().minor >= minor
