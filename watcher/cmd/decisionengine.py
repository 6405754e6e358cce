"""``watcher-decision-engine``: audits, strategies and data models."""
import sys

from oslo_log import log

from watcher import conf
from watcher.cmd import _common
from watcher.common import service
from watcher.decision_engine import manager

CONF = conf.CONF
LOG = log.getLogger(__name__)


def main(argv=None):
    service.prepare_service(sys.argv if argv is None else argv)
    _common.import_notifications()
    LOG.info('Starting watcher-decision-engine on %s', CONF.host)
    # Goals, strategies and scoring engines must be in the DB before any
    # audit can be created or run.
    if not _common.run_syncer('watcher.decision_engine.sync',
                              'goal/strategy'):
        print('watcher-decision-engine: the goal/strategy sync failed; '
              'see the log (is the database upgraded?)', file=sys.stderr)
        return 1
    de_manager = manager.DecisionEngineManager()
    return service.launch([service.Service(de_manager)])


if __name__ == '__main__':
    sys.exit(main())
