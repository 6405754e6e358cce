"""Versioned notifications of Watcher.

Importing this package registers the notification classes and a listener
on ``watcher.objects``: ``create()``, ``save()`` and ``soft_delete()`` of
audits, action plans and actions then emit ``<object>.create``,
``<object>.update`` (with the old state) and ``<object>.delete``, as the
reference's objects do. Every service imports it at start.
"""
from oslo_log import log

from watcher.notifications import action  # noqa: F401
from watcher.notifications import action_plan  # noqa: F401
from watcher.notifications import audit  # noqa: F401
from watcher.notifications import base  # noqa: F401
from watcher.notifications import exception  # noqa: F401
from watcher.notifications import goal  # noqa: F401
from watcher.notifications import service  # noqa: F401
from watcher.notifications import strategy  # noqa: F401
from watcher.objects import base as objects_base

LOG = log.getLogger(__name__)

# Object name -> module with send_create/send_update/send_delete.
_SENDERS = {
    'Audit': audit,
    'ActionPlan': action_plan,
    'Action': action,
}


def on_object_change(event, obj, old_state):
    """Listener registered on ``watcher.objects.base``."""
    module = _SENDERS.get(obj.obj_name())
    if module is None:
        return
    context = obj._context
    if event == objects_base.CREATE:
        module.send_create(context, obj)
    elif event == objects_base.UPDATE:
        module.send_update(context, obj, old_state=old_state)
    elif event == objects_base.DELETE:
        module.send_delete(context, obj)


objects_base.register_listener(on_object_change)
