"""Start-up work of the applier, before it takes any plan.

* ``action_descriptions`` gets one row per loadable action plugin (the API
  shows it as the action's ``description``);
* the plans this host was running when it last stopped are closed (see
  ``recovery``): nothing is run twice.
"""
from oslo_log import log

from watcher.applier import loading
from watcher.applier import recovery
from watcher.common import context as watcher_context
from watcher import conf
from watcher import objects

CONF = conf.CONF
LOG = log.getLogger(__name__)


def sync_action_descriptions(context):
    """Create or update one description per action type; the types."""
    synced = []
    for action_type, action_class in loading.list_classes(loading.ACTIONS):
        try:
            description = action_class.get_description()
        except Exception:
            LOG.exception('Action %s has no usable description',
                          action_type)
            continue
        existing = objects.ActionDescription.list(
            context, filters={'action_type': action_type})
        if existing:
            row = existing[0]
            if row.description != description:
                row.description = description
                row.save()
        else:
            objects.ActionDescription(
                context, action_type=action_type,
                description=description).create()
        synced.append(action_type)
    return synced


class Syncer:
    """Run by ``watcher-applier`` at start (``Syncer().sync()``)."""

    def __init__(self, host=None):
        self.host = host or CONF.host
        self.context = watcher_context.get_admin_context()

    def sync(self):
        if CONF.watcher_applier.rollback_when_actionplan_failed:
            LOG.warning('[watcher_applier] rollback_when_actionplan_failed '
                        'is set but has no effect: actions of a failed '
                        'plan are never reverted')
        types = sync_action_descriptions(self.context)
        LOG.info('Action descriptions synced: %s', ', '.join(types))
        cancelled = recovery.cancel_interrupted_plans(self.context,
                                                      self.host)
        if cancelled:
            LOG.warning('Cancelled %d action plan(s) interrupted by the '
                        'last stop of this applier: %s', len(cancelled),
                        ', '.join(cancelled))
        return types, cancelled
