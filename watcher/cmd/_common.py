"""Start-up steps shared by the decision engine and applier commands."""
import importlib

from oslo_log import log

LOG = log.getLogger(__name__)


def import_notifications():
    """Register the notification listeners on object changes."""
    try:
        importlib.import_module('watcher.notifications')
    except ImportError as exc:
        LOG.error('watcher.notifications is not available (%s); no '
                  'versioned notification will be sent', exc)


def run_syncer(module_name, what):
    """Run ``<module_name>.Syncer().sync()``; False if it failed.

    A missing module is logged and skipped (the service can still serve);
    a failing sync is an error the caller reports.
    """
    try:
        module = importlib.import_module(module_name)
        syncer_class = module.Syncer
    except (ImportError, AttributeError) as exc:
        LOG.error('%s is not available (%s); skipping the %s sync',
                  module_name, exc, what)
        return True
    try:
        syncer_class().sync()
    except Exception:
        LOG.exception('The %s sync failed', what)
        return False
    return True
