"""Nova-style versioned notifications sent by the emulated cloud.

Payloads are the primitives Nova's notification objects serialise to
(``nova_object.name/namespace/version/data``), published with the
``messagingv2`` driver on topic ``versioned_notifications`` of exchange
``nova`` by ``nova-compute:<host>``. Payloads are built at the moment of
the event (under the state lock) and sent by one background thread, in
order, so a slow broker never slows the API down.
"""
import collections
import logging
import queue
import threading

from oslo_config import cfg
from oslo_service import backend as service_backend

if service_backend.get_backend_type() is None:
    # Never let oslo.messaging pick oslo.service's eventlet backend.
    service_backend.init_backend(service_backend.BackendType.THREADING)

import oslo_messaging  # noqa: E402
import oslo_messaging.opts  # noqa: E402

LOG = logging.getLogger(__name__)

TOPIC = 'versioned_notifications'
EXCHANGE = 'nova'

POWER_STATE_NAMES = {0: 'pending', 1: 'running', 3: 'paused',
                     4: 'shutdown', 6: 'crashed', 7: 'suspended'}

# event type prefix -> (payload class, version)
_PAYLOAD_CLASSES = (
    ('instance.update', ('InstanceUpdatePayload', '1.8')),
    ('instance.create.', ('InstanceCreatePayload', '1.11')),
    ('instance.resize_prep.', ('InstanceActionResizePrepPayload', '1.2')),
)
_DEFAULT_CLASS = ('InstanceActionPayload', '1.7')
SERVICE_VERSION = 66


def _obj(name, version, data):
    return {'nova_object.name': name, 'nova_object.namespace': 'nova',
            'nova_object.version': version, 'nova_object.data': data}


def flavor_payload(flavor):
    return _obj('FlavorPayload', '1.2', {
        'flavorid': flavor.id, 'name': flavor.name,
        'memory_mb': flavor.ram, 'vcpus': flavor.vcpus,
        'root_gb': flavor.disk, 'ephemeral_gb': flavor.ephemeral,
        'swap': flavor.swap, 'rxtx_factor': flavor.rxtx_factor,
        'vcpu_weight': 0, 'disabled': False,
        'is_public': flavor.is_public,
        'extra_specs': dict(flavor.extra_specs), 'projects': []})


def instance_payload(server, event_type, state=None, **extra):
    """The payload primitive Nova would send for ``event_type``."""
    name, version = _DEFAULT_CLASS
    for prefix, klass in _PAYLOAD_CLASSES:
        if event_type.startswith(prefix):
            name, version = klass
    block_devices = [
        _obj('BlockDevicePayload', '1.0', {
            'boot_index': 0 if (i == 0 and server.boot_from_volume)
            else None,
            'delete_on_termination': False,
            'device_name': '/dev/vd%s' % chr(ord('a') + min(i, 25)),
            'tag': None, 'volume_id': volume_id})
        for i, volume_id in enumerate(server.volumes)]
    data = {
        'uuid': server.uuid, 'user_id': server.user_id,
        'tenant_id': server.project_id,
        'reservation_id': 'r-%08x' % server.index,
        'display_name': server.name,
        'display_description': server.description,
        'host_name': server.name, 'host': server.host, 'node': server.node,
        'os_type': None, 'architecture': None,
        'availability_zone': server.availability_zone,
        'flavor': flavor_payload(server.flavor),
        'image_uuid': server.image_ref or '',
        'key_name': server.key_name, 'kernel_id': '', 'ramdisk_id': '',
        'created_at': server.created_at,
        'launched_at': server.launched_at,
        'terminated_at': (server.updated_at
                          if server.vm_state == 'deleted' else None),
        'deleted_at': (server.updated_at
                       if server.vm_state == 'deleted' else None),
        'updated_at': server.updated_at,
        'state': server.vm_state,
        'power_state': POWER_STATE_NAMES.get(server.power_state,
                                             'pending'),
        'task_state': server.task_state, 'progress': 0,
        'ip_addresses': [], 'block_devices': block_devices,
        'metadata': dict(server.metadata), 'locked': server.locked,
        'auto_disk_config': 'MANUAL',
        'request_id': None, 'action_initiator_user': 'admin',
        'action_initiator_project': 'admin',
    }
    if name == 'InstanceUpdatePayload':
        data['state_update'] = _obj('InstanceStateUpdatePayload', '1.0', {
            'old_state': extra.get('old_state', server.vm_state),
            'state': server.vm_state,
            'old_task_state': extra.get('old_task_state'),
            'new_task_state': server.task_state})
        data['audit_period'] = _obj('AuditPeriodPayload', '1.0', {
            'audit_period_beginning': server.created_at,
            'audit_period_ending': server.updated_at})
        data['bandwidth'] = []
        data['old_display_name'] = None
        data['tags'] = list(server.tags)
    else:
        data['fault'] = None
    if name == 'InstanceCreatePayload':
        data.update({'keypairs': [], 'tags': list(server.tags),
                     'trusted_image_certificates': None,
                     'instance_name': server.instance_name})
    if name == 'InstanceActionResizePrepPayload':
        new_flavor = extra.get('new_flavor')
        data['new_flavor'] = (flavor_payload(new_flavor)
                              if new_flavor else None)
    return _obj(name, version, data)


def service_payload(host, now):
    return _obj('ServiceStatusPayload', '1.1', {
        'host': host.name, 'binary': 'nova-compute', 'topic': 'compute',
        'report_count': 1, 'disabled': host.status == 'disabled',
        'disabled_reason': host.disabled_reason,
        'availability_zone': host.availability_zone,
        'last_seen_up': now, 'forced_down': host.forced_down,
        'version': SERVICE_VERSION, 'uuid': host.service_uuid})


def make_conf():
    """A private ConfigOpts whose control exchange is Nova's."""
    conf = cfg.ConfigOpts()
    conf([], project='emulated-cloud', default_config_files=[])
    for group, opts in oslo_messaging.opts.list_opts():
        conf.register_opts(opts, group=group)
    conf.set_override('control_exchange', EXCHANGE)
    return conf


class NovaNotifier:
    """Builds Nova payloads and publishes them from a background thread."""

    def __init__(self, transport_url=None, transport=None, clock_now=None,
                 history=1000):
        if transport is None:
            self._conf = make_conf()
            transport = oslo_messaging.get_notification_transport(
                self._conf, url=transport_url)
            self._own_transport = True
        else:
            self._own_transport = False
        self.transport = transport
        self._now = clock_now
        self._notifiers = {}
        self._queue = queue.Queue()
        self.sent = collections.deque(maxlen=history)
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name='emulated-cloud-notifier')
        self._thread.start()

    def _notifier(self, publisher_id):
        notifier = self._notifiers.get(publisher_id)
        if notifier is None:
            notifier = oslo_messaging.Notifier(
                self.transport, publisher_id=publisher_id,
                driver='messagingv2', topics=[TOPIC])
            self._notifiers[publisher_id] = notifier
        return notifier

    def instance_event(self, event_type, server, publisher_host, **extra):
        payload = instance_payload(server, event_type, **extra)
        self._queue.put(('nova-compute:%s' % publisher_host, event_type,
                         payload))

    def service_event(self, host):
        payload = service_payload(host, self._now() if self._now else None)
        self._queue.put(('nova-compute:%s' % host.name, 'service.update',
                         payload))

    def _run(self):
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                publisher_id, event_type, payload = item
                context = {'is_admin': True, 'user': 'admin',
                           'project_id': None, 'request_id': None}
                self._notifier(publisher_id).info(context, event_type,
                                                  payload)
                self.sent.append({'publisher_id': publisher_id,
                                  'event_type': event_type,
                                  'payload': payload})
            except Exception:  # never let a broker hiccup kill the thread
                LOG.exception('Cannot send notification %s', item[1])
            finally:
                self._queue.task_done()

    def flush(self):
        """Wait until every queued notification has been handed over."""
        self._queue.join()

    def stop(self):
        self._queue.put(None)
        self._thread.join(timeout=10)
        if self._own_transport:
            self.transport.cleanup()
