"""Versioned objects (oslo.versionedobjects) of Watcher.

Importing this package registers every object and exposes it as
``watcher.objects.<Name>`` (``objects.Audit``, ``objects.ActionPlan`` ...);
the modules stay reachable as ``objects.audit`` etc. for their ``State``
classes. This package never imports ``watcher.notifications``.
"""
from watcher.objects import action  # noqa: F401
from watcher.objects import action_description  # noqa: F401
from watcher.objects import action_plan  # noqa: F401
from watcher.objects import audit  # noqa: F401
from watcher.objects import audit_template  # noqa: F401
from watcher.objects import efficacy_indicator  # noqa: F401
from watcher.objects import goal  # noqa: F401
from watcher.objects import scoring_engine  # noqa: F401
from watcher.objects import service  # noqa: F401
from watcher.objects import states  # noqa: F401
from watcher.objects import strategy  # noqa: F401


def register_all():
    """Kept for callers written against the reference: importing this
    package already registers everything."""
