"""oslo.messaging plumbing shared by the API, decision engine and applier.

One RPC transport and one notification transport per process, created by
``init(conf)``. Everything uses the global ``cfg.CONF`` because
oslo.messaging reads ``oslo_messaging_tracing`` from it.

Servers run on native threads (executor ``threading``); eventlet is never
used.
"""
import threading

from oslo_config import cfg
from oslo_log import log
import oslo_messaging as messaging
from oslo_messaging import opts as messaging_opts
from oslo_messaging.rpc import dispatcher as rpc_dispatcher
from oslo_serialization import jsonutils

from watcher.common import context as watcher_context
from watcher.common import exception

LOG = log.getLogger(__name__)

CONTROL_EXCHANGE = 'watcher'
# Remote exceptions from these modules are rebuilt with their class (so the
# API keeps their HTTP code) instead of becoming RemoteError.
ALLOWED_EXMODS = [exception.__name__]

TRANSPORT = None
NOTIFICATION_TRANSPORT = None
NOTIFIER = None

_LOCK = threading.Lock()


def register_opts(conf):
    """Register the oslo.messaging options (transport_url...) on ``conf``.

    oslo.messaging registers them only when a transport is built; tests and
    tools need them earlier to set overrides.
    """
    for group, opts in messaging_opts.list_opts():
        conf.register_opts(opts, group=group)


# Set once here so that the default is in place before any option is read,
# even when a caller builds a transport without calling init().
messaging.set_transport_defaults(control_exchange=CONTROL_EXCHANGE)
register_opts(cfg.CONF)


def init(conf):
    """Create the transports and the notifier; idempotent."""
    global TRANSPORT, NOTIFICATION_TRANSPORT, NOTIFIER
    with _LOCK:
        messaging.set_transport_defaults(control_exchange=CONTROL_EXCHANGE)
        if TRANSPORT is None:
            TRANSPORT = messaging.get_rpc_transport(
                conf, allowed_remote_exmods=ALLOWED_EXMODS)
        if NOTIFICATION_TRANSPORT is None:
            NOTIFICATION_TRANSPORT = messaging.get_notification_transport(
                conf, allowed_remote_exmods=ALLOWED_EXMODS)
        if NOTIFIER is None:
            serializer = RequestContextSerializer(JsonPayloadSerializer())
            # An empty notification_level means "emit nothing": the noop
            # driver drops every message without touching the broker.
            level = _notification_level(conf)
            if level:
                NOTIFIER = messaging.Notifier(NOTIFICATION_TRANSPORT,
                                              serializer=serializer)
            else:
                NOTIFIER = messaging.Notifier(NOTIFICATION_TRANSPORT,
                                              serializer=serializer,
                                              driver='noop')


def _notification_level(conf):
    try:
        return conf.notification_level
    except Exception:  # option not registered in a bare test config
        return 'info'


def initialized():
    return TRANSPORT is not None


def cleanup():
    """Close the transports so the process can exit without stray threads."""
    global TRANSPORT, NOTIFICATION_TRANSPORT, NOTIFIER
    with _LOCK:
        for transport in (TRANSPORT, NOTIFICATION_TRANSPORT):
            if transport is not None:
                try:
                    transport.cleanup()
                except Exception:  # closing must never mask a shutdown
                    LOG.exception('Error while closing a transport')
        TRANSPORT = NOTIFICATION_TRANSPORT = NOTIFIER = None


def _require(value, what):
    if value is None:
        raise RuntimeError('watcher.common.rpc.init() must be called before '
                           'using the %s' % what)
    return value


def get_transport():
    return _require(TRANSPORT, 'RPC transport')


def get_notification_transport():
    return _require(NOTIFICATION_TRANSPORT, 'notification transport')


def get_client(target, serializer=None, version_cap=None):
    """An RPC client whose context travels as ``RequestContext.to_dict()``."""
    return messaging.get_rpc_client(
        get_transport(), target,
        version_cap=version_cap,
        serializer=RequestContextSerializer(serializer))


def get_server(target, endpoints, serializer=None):
    """An RPC server on native threads; ``_private`` methods stay hidden."""
    return messaging.get_rpc_server(
        get_transport(), target, endpoints,
        executor='threading',
        serializer=RequestContextSerializer(serializer),
        access_policy=rpc_dispatcher.DefaultRPCAccessPolicy)


def get_notification_listener(targets, endpoints, pool=None,
                              serializer=None, allow_requeue=False):
    """A notification listener on native threads."""
    return messaging.get_notification_listener(
        get_notification_transport(), targets, endpoints,
        executor='threading',
        serializer=RequestContextSerializer(serializer),
        allow_requeue=allow_requeue, pool=pool)


def notifier_delivers():
    """False when the process notifier sends nowhere: no driver or only
    ``noop`` in ``[oslo_messaging_notifications] driver`` (the default).
    Then payloads are not even built (10,000 ``action.create`` payloads
    cost seconds when a large plan is stored). True when messaging is not
    set up, so callers still build and check their payloads."""
    notifier = NOTIFIER
    manager = getattr(notifier, '_driver_mgr', None)
    if manager is None:
        return True
    return [name for name in manager.names() if name != 'noop'] != []


def get_notifier(publisher_id):
    """The process notifier, specialised for ``publisher_id``."""
    return _require(NOTIFIER, 'notifier').prepare(publisher_id=publisher_id)


class JsonPayloadSerializer(messaging.NoOpSerializer):
    """Turn entities into JSON-safe primitives (objects, datetimes...)."""

    @staticmethod
    def serialize_entity(context, entity):
        return jsonutils.to_primitive(entity, convert_instances=True)


class RequestContextSerializer(messaging.Serializer):
    """Carry the request context as a dict; delegate entities to ``base``."""

    def __init__(self, base=None):
        self._base = base

    def serialize_entity(self, context, entity):
        if self._base is None:
            return entity
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        if self._base is None:
            return entity
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        if hasattr(context, 'to_dict'):
            return context.to_dict()
        return dict(context or {})

    def deserialize_context(self, context):
        return watcher_context.RequestContext.from_dict(context)


class ServiceAPI:
    """Base of the rpcapi classes: a lazily built client on one topic.

    The client is built on first use so that importing an rpcapi module
    (or instantiating its API class at import time) needs no transport.
    """

    API_VERSION = '1.0'

    def __init__(self, topic=None):
        self._topic = topic
        self._client = None
        self._client_lock = threading.Lock()

    def get_topic(self):
        """The conductor topic (from the configuration by default)."""
        raise NotImplementedError

    def get_serializer(self):
        """Entity serializer of outgoing calls (None: entities as is)."""
        return None

    @property
    def topic(self):
        return self._topic or self.get_topic()

    @property
    def client(self):
        with self._client_lock:
            if self._client is None:
                if not initialized():
                    init(cfg.CONF)
                target = messaging.Target(topic=self.topic,
                                          version=self.API_VERSION)
                self._client = get_client(target,
                                          serializer=self.get_serializer())
            return self._client
