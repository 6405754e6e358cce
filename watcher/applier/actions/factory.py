"""Build the action plugin for one ``actions`` row, parameters validated.

Validation happens here, before any cloud call, so a plan with bad
parameters fails with a clear message instead of a half-done change.
"""
from oslo_log import log

from watcher.applier.actions import base
from watcher.applier import loading
from watcher.common import exception

LOG = log.getLogger(__name__)


class ActionFactory:
    """Caches action classes by type; builds validated instances.

    The actions one factory builds (one plan run) share one set of cloud
    helpers, hence one openstacksdk connection and one Keystone token.
    """

    def __init__(self, osc=None):
        self._classes = {}
        self._osc = osc

    @property
    def osc(self):
        if self._osc is None:
            self._osc = base.CloudHelpers()
        return self._osc

    def get_class(self, action_type):
        if action_type not in self._classes:
            try:
                self._classes[action_type] = loading.get_class(
                    loading.ACTIONS, action_type)
            except exception.LoadingError:
                raise exception.UnsupportedActionType(
                    action_type=action_type)
        return self._classes[action_type]

    def make_action(self, db_action, osc=None):
        """The plugin for ``db_action``; ``InvalidParameter`` if invalid."""
        action_class = self.get_class(db_action.action_type)
        parameters = dict(db_action.input_parameters or {})
        action_class.validate_parameters(parameters)
        action = action_class(config=None, osc=osc or self.osc)
        action.input_parameters = parameters
        action.uuid = db_action.uuid
        action.action_plan_uuid = getattr(db_action, 'action_plan_uuid',
                                          None)
        LOG.debug('Built action %s (%s)', db_action.uuid,
                  db_action.action_type)
        return action
