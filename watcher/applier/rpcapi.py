"""Client side of the applier RPC API (topic
``[watcher_applier] conductor_topic``, version 1.0)."""
from oslo_utils import uuidutils

from watcher import conf
from watcher.common import exception
from watcher.common import rpc
from watcher.objects import base as objects_base

CONF = conf.CONF


class ApplierAPI(rpc.ServiceAPI):
    """Used by the API, the decision engine and the applier monitor."""

    def get_topic(self):
        return CONF.watcher_applier.conductor_topic

    def get_serializer(self):
        return objects_base.WatcherObjectSerializer()

    def launch_action_plan(self, context, action_plan_uuid=None):
        """Ask an applier to run the action plan (fire and forget)."""
        if not uuidutils.is_uuid_like(action_plan_uuid):
            raise exception.InvalidUuidOrName(name=action_plan_uuid)
        self.client.cast(context, 'launch_action_plan',
                         action_plan_uuid=action_plan_uuid)
