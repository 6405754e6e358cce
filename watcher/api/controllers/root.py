"""``GET /``: version discovery, and routing of un-prefixed paths to v1."""

import pecan
from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher.api.controllers import link
from watcher.api.controllers import v1
from watcher.api.controllers.v1 import versions


class Version(wtypes.Base):
    """One major version of the API."""

    id = wtypes.text
    """The name of the version, e.g. ``v1``."""

    status = wtypes.Enum(str, 'CURRENT', 'SUPPORTED', 'DEPRECATED',
                         'EXPERIMENTAL')
    """Status of the version."""

    links = [link.Link]
    """A link to the version's root document."""

    min_version = wtypes.text
    """Lowest microversion of this major version."""

    max_version = wtypes.text
    """Highest microversion of this major version."""

    @staticmethod
    def convert(version_id, status='CURRENT'):
        return Version(
            id=version_id, status=status,
            links=[link.Link.make_link('self',
                                       pecan.request.application_url,
                                       version_id, '', bookmark=True)],
            min_version=versions.min_version_string(),
            max_version=versions.max_version_string())


class Root(wtypes.Base):
    """The version discovery document."""

    name = wtypes.text
    description = wtypes.text
    versions = [Version]
    default_version = Version

    @staticmethod
    def convert():
        v1_version = Version.convert('v1')
        return Root(
            name='OpenStack Watcher API',
            description=('Watcher is an OpenStack project which aims to '
                         'improve physical resources usage through '
                         'better VM placement.'),
            versions=[v1_version],
            default_version=v1_version)


class RootController(rest.RestController):

    _versions = ['v1']
    """All supported API versions."""

    _default_version = 'v1'
    """The default API version."""

    v1 = v1.Controller()

    @wsme_pecan.wsexpose(Root)
    def get(self):
        # NOTE: GET / only; any other path reaches _route below first.
        return Root.convert()

    @pecan.expose()
    def _route(self, args, request=None):
        """Serve ``/<collection>`` as ``/v1/<collection>``.

        This is what makes the ``bookmark`` links resolvable.
        """
        if args[0] and args[0] not in self._versions:
            args = [self._default_version] + args
        return super(RootController, self)._route(args, request)
