"""``watcher-status upgrade check``: pre-upgrade sanity checks.

Exit code 0 when every check passes, 1 on a warning, 2 on a failure
(oslo.upgradecheck conventions).
"""
import sys

from oslo_upgradecheck import common_checks
from oslo_upgradecheck import upgradecheck

from watcher._i18n import _
from watcher import conf
from watcher.conf import nova as nova_conf

CONF = conf.CONF


def _parse_microversion(value):
    """'2.56' -> (2, 56); 'latest' -> infinity; anything else -> ValueError."""
    text = str(value).strip()
    if text == 'latest':
        return (float('inf'), float('inf'))
    major, _sep, minor = text.partition('.')
    if not (major.isdigit() and minor.isdigit()):
        raise ValueError(text)
    return (int(major), int(minor))


class Checks(upgradecheck.UpgradeCommands):
    """The checks run by ``watcher-status upgrade check``."""

    def __init__(self, config=None):
        super().__init__()
        self._conf = config if config is not None else CONF

    def _minimum_nova_api_version(self):
        configured = self._conf.nova.api_version
        minimum = nova_conf.MIN_NOVA_API_VERSION
        try:
            too_old = (_parse_microversion(configured) <
                       _parse_microversion(minimum))
        except ValueError:
            return upgradecheck.Result(
                upgradecheck.Code.FAILURE,
                _('Invalid nova api_version %(version)s: expected a '
                  'microversion such as %(minimum)s.')
                % {'version': configured, 'minimum': minimum})
        if too_old:
            return upgradecheck.Result(
                upgradecheck.Code.FAILURE,
                _('Invalid nova api_version %(version)s. %(minimum)s or '
                  'greater is required.')
                % {'version': configured, 'minimum': minimum})
        return upgradecheck.Result(upgradecheck.Code.SUCCESS)

    def _policy_file_format(self):
        return common_checks.check_policy_json(self, self._conf)

    _upgrade_checks = (
        (_('Minimum Nova API Version'), _minimum_nova_api_version),
        (_('Policy File JSON to YAML Migration'), _policy_file_format),
    )


def main(argv=None):
    if argv is None:
        argv = sys.argv[1:]
    return upgradecheck.main(CONF, project='watcher',
                             upgrade_command=Checks(), argv=argv)


if __name__ == '__main__':
    sys.exit(main())
