"""``watcher-applier``: runs action plans."""
import sys

from oslo_log import log

from watcher import conf
from watcher.applier import manager
from watcher.cmd import _common
from watcher.common import service

CONF = conf.CONF
LOG = log.getLogger(__name__)


def main(argv=None):
    service.prepare_service(sys.argv if argv is None else argv)
    _common.import_notifications()
    LOG.info('Starting watcher-applier on %s', CONF.host)
    # Action descriptions, and plans this host left ONGOING when it last
    # stopped (they are cancelled: their actions may have half-run).
    if not _common.run_syncer('watcher.applier.sync', 'applier'):
        print('watcher-applier: the applier sync failed; see the log (is '
              'the database upgraded?)', file=sys.stderr)
        return 1
    applier_manager = manager.ApplierManager()
    return service.launch([service.Service(applier_manager)])


if __name__ == '__main__':
    sys.exit(main())
