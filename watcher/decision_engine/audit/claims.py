"""Compare-and-swap updates of audits and action plans.

Several decision engines may watch the same rows, and the API may change
them at any time (cancel, suspend, start a plan). A state change made by a
service is therefore written only if the row still holds what the service
read (``expected``); otherwise ``exception.Conflict`` is raised and the
other writer wins. That is how two engines never run one audit twice and
how an engine never overwrites a user's cancel.
"""
from oslo_log import log

from watcher.common import exception

LOG = log.getLogger(__name__)

STATUS_MESSAGE_LENGTH = 255


def short_message(text):
    """Fit a status message in its 255-character column."""
    text = str(text)
    if len(text) <= STATUS_MESSAGE_LENGTH:
        return text
    return text[:STATUS_MESSAGE_LENGTH - 3] + '...'


def update(obj, values, expected):
    """Set ``values`` on ``obj`` if its row still matches ``expected``.

    The object is saved (so the usual ``*.update`` notification goes out);
    raises ``exception.Conflict`` when the row changed since it was read.
    """
    for field, value in values.items():
        setattr(obj, field, value)
    obj.compare_and_save(expected)
    return obj


def try_update(obj, values, expected, what=''):
    """``update`` that returns False (and logs) instead of raising."""
    try:
        update(obj, values, expected)
        return True
    except exception.Conflict:
        LOG.info('%s %s changed meanwhile; not setting %s (%s)',
                 type(obj).__name__, getattr(obj, 'uuid', obj.id), values,
                 what)
        try:
            obj.refresh()
        except Exception:
            LOG.debug('Could not refresh %r', obj)
        return False
