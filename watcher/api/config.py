"""The Pecan application configuration."""

from watcher import conf

CONF = conf.CONF


def pecan_config():
    """The dict given to ``pecan.configuration.conf_from_dict``."""
    return {
        'app': {
            'root': 'watcher.api.controllers.root.RootController',
            'modules': ['watcher.api'],
            'debug': False,
            # NOTE: '/v1/goals/x.json' is the goal 'x.json', not JSON of 'x'.
            'guess_content_type_from_ext': False,
            # NOTE: '/v1/audits' and '/v1/audits/' are both served, no
            # redirect.
            'force_canonical': False,
        },
        'wsme': {
            'debug': CONF.debug,
        },
    }
