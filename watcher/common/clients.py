"""openstacksdk connections built from watcher.conf.

Credentials come from a keystoneauth session loaded from
``[watcher_clients_auth]`` (or from another group that carries its own
``auth_type``). Where each service is reached comes from its own group, as
keystoneauth adapter options: ``[nova]`` (compute), ``[placement]``,
``[cinder]`` (block-storage) and ``[ironic]`` (baremetal, when registered):
``valid_interfaces``, ``region_name``, ``endpoint_override``,
``service_type``/``service_name`` and retries. The deprecated
``[<service>_client]`` groups still apply when the new group leaves the
interface or region unset. Microversions: compute uses ``[nova]
api_version``, placement ``[placement_client] api_version``.
"""
from keystoneauth1 import loading as ks_loading
from keystoneauth1.identity import v3 as ks_v3
from keystoneauth1 import session as ks_session
from microversion_parse import parse_version_string
from openstack.config import cloud_region
from openstack import connection
from oslo_log import log

from watcher import conf
from watcher.conf import ksa

CONF = conf.CONF
LOG = log.getLogger(__name__)

CLIENTS_AUTH_GROUP = 'watcher_clients_auth'
MIN_NOVA_API_VERSION = '2.56'

# service type -> (adapter group, legacy group, legacy interface option)
SERVICE_GROUPS = (
    ('compute', 'nova', 'nova_client', 'endpoint_type'),
    ('placement', 'placement', 'placement_client', 'interface'),
    ('block-storage', 'cinder', 'cinder_client', 'endpoint_type'),
    ('baremetal', 'ironic', 'ironic_client', 'endpoint_type'),
    ('identity', 'keystone', 'keystone_client', 'interface'),
)

_ADAPTER_OPTIONS = ('endpoint_override', 'service_type', 'service_name',
                    'connect_retries', 'connect_retry_delay',
                    'status_code_retries', 'status_code_retry_delay')


def check_min_nova_api_version(config_version):
    """Refuse a compute microversion older than Watcher needs."""
    if (parse_version_string(config_version) <
            parse_version_string(MIN_NOVA_API_VERSION)):
        raise ValueError('Invalid nova.api_version %s. %s or greater is '
                         'required.' % (config_version, MIN_NOVA_API_VERSION))


def _group(name):
    return CONF[name] if name in CONF else None


def _option(group, name, default=None):
    if group is None:
        return default
    try:
        return group[name]
    except Exception:
        return default


def _interfaces(group_name, legacy_name, legacy_option):
    group = _group(group_name)
    interfaces = _option(group, 'valid_interfaces')
    if interfaces:
        return list(interfaces)
    legacy_value = _option(_group(legacy_name), legacy_option)
    if legacy_value:
        return [legacy_value.replace('URL', '')]
    return None


def service_config(service_type, group_name, legacy_name, legacy_option):
    """CloudRegion settings (``<service>_<option>``) for one service."""
    group = _group(group_name)
    legacy = _group(legacy_name)
    prefix = service_type.replace('-', '_') + '_'
    settings = {}
    interfaces = _interfaces(group_name, legacy_name, legacy_option)
    if interfaces:
        settings[prefix + 'interface'] = (
            interfaces[0] if len(interfaces) == 1 else interfaces)
    region = _option(group, 'region_name') or _option(legacy, 'region_name')
    if region:
        settings[prefix + 'region_name'] = region
    for name in _ADAPTER_OPTIONS:
        value = _option(group, name)
        if value is not None:
            settings[prefix + name] = value
    api_version = None
    if service_type == 'compute':
        api_version = _option(group, 'api_version') or MIN_NOVA_API_VERSION
        check_min_nova_api_version(api_version)
    elif service_type == 'placement':
        api_version = _option(legacy, 'api_version')
    elif service_type == 'block-storage':
        api_version = _option(legacy, 'api_version')
    if api_version:
        settings[prefix + 'api_version'] = str(api_version)
    return settings


def connection_settings():
    """CloudRegion settings for every service Watcher talks to."""
    settings = {}
    for service_type, group, legacy, legacy_option in SERVICE_GROUPS:
        settings.update(service_config(service_type, group, legacy,
                                       legacy_option))
    return settings


def load_session(conf_group=CLIENTS_AUTH_GROUP):
    """A keystoneauth session from ``conf_group`` (or the clients group).

    A service group without its own ``auth_type`` borrows the credentials
    of ``[watcher_clients_auth]``; its session options still apply.
    """
    auth_group = conf_group
    if not _option(_group(conf_group), 'auth_type'):
        auth_group = CLIENTS_AUTH_GROUP
    auth = ks_loading.load_auth_from_conf_options(CONF, auth_group)
    return ks_loading.load_session_from_conf_options(CONF, conf_group,
                                                     auth=auth)


def _token_session(context, conf_group):
    auth_url = (_option(_group(conf_group), 'auth_url') or
                _option(_group(CLIENTS_AUTH_GROUP), 'auth_url'))
    auth = ks_v3.Token(auth_url=auth_url, token=context.auth_token,
                       project_id=context.project_id,
                       project_domain_id=getattr(
                           context, 'project_domain_id', None))
    return ks_session.Session(auth=auth)


def get_sdk_connection(conf_group=CLIENTS_AUTH_GROUP, session=None,
                       context=None, interface=None, region_name=None):
    """An openstacksdk Connection configured from watcher.conf.

    :param conf_group: group holding the session (and maybe auth) options.
    :param session: an existing keystoneauth session to reuse.
    :param context: a request context; its token authenticates the calls
        (on behalf of the user) instead of Watcher's own credentials.
    :param interface: endpoint interface for every service (overrides the
        per-service settings).
    :param region_name: region for every service.
    """
    if session is None:
        if context is not None and getattr(context, 'auth_token', None):
            session = _token_session(context, conf_group)
        else:
            session = load_session(conf_group)
    settings = connection_settings()
    if interface:
        settings['interface'] = interface
        for key in [k for k in settings if k.endswith('_interface')]:
            del settings[key]
    region = cloud_region.from_session(
        session=session, region_name=region_name,
        app_name='watcher', **settings)
    return connection.Connection(config=region)


def has_service(conn, service_type):
    """Whether the catalog (or an endpoint override) offers the service.

    The service type configured for it (``[<group>] service_type``) is the
    one looked up.
    """
    try:
        configured = conn.config.get_service_type(service_type)
        return bool(conn.endpoint_for(configured or service_type))
    except Exception as exc:  # keystoneauth errors, catalog lookups
        LOG.debug('No %s endpoint: %s', service_type, exc)
        return False


def get_conf_interface(group_name):
    """The interface configured for a service group (for other callers)."""
    for service_type, group, legacy, option in SERVICE_GROUPS:
        if group == group_name:
            interfaces = _interfaces(group, legacy, option)
            return interfaces[0] if interfaces else None
    return ksa.valid_interfaces(CONF, group_name)[0]
