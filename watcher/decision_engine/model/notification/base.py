"""Notification endpoints keeping a collector's master model current.

An endpoint is an oslo.messaging notification endpoint: ``filter_rule``
selects the notifications (publisher and event type regexes) and ``info``
handles them. Handling is split in two so that a rebuild never loses an
update (see ``collector.base``): ``change_for`` reads the payload (and, if
it must, asks an API about a node the model lacks) and returns a *change*,
a function of a model only; the collector applies it to its master under
its ``sync_lock`` and replays it on a model being rebuilt.

A payload that cannot be read is logged and dropped; nothing a service
sends can stop the listener.
"""
from oslo_log import log

LOG = log.getLogger(__name__)


class ModelChange(object):
    """A change of a model, described for the logs."""

    __slots__ = ('func', 'description')

    def __init__(self, func, description):
        self.func = func
        self.description = description

    def __call__(self, model):
        return self.func(model)

    def __repr__(self):
        return '<ModelChange %s>' % self.description


def payload_data(payload):
    """The fields of a versioned (``nova_object.data``) or plain payload."""
    if isinstance(payload, dict) and 'nova_object.data' in payload:
        return payload['nova_object.data'] or {}
    return payload or {}


class NotificationEndpoint(object):
    """Turns notifications into model changes for one collector."""

    #: oslo_messaging.NotificationFilter selecting what this endpoint gets
    filter_rule = None

    def __init__(self, collector):
        self.collector = collector

    @property
    def cluster_data_model(self):
        return self.collector.cluster_data_model

    def change_for(self, event_type, payload):
        """A ModelChange for this notification, or None to ignore it."""
        raise NotImplementedError()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        if not self.collector.accepting_changes():
            LOG.debug('%s ignored: no %s model yet', event_type,
                      self.collector.NAME)
            return
        try:
            change = self.change_for(event_type, payload)
        except Exception as exc:
            LOG.warning('Ignoring %s notification from %s: %s', event_type,
                        publisher_id, exc)
            return
        if change is not None:
            LOG.debug('Applying %r', change)
            self.collector.apply_change(change)
