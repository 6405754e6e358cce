"""keystoneauth1 session/auth/adapter options shared by the service groups.

[nova], [cinder], [placement] and [keystone] each carry the keystoneauth
adapter, session and auth options; [watcher_clients_auth] carries session and
auth options only. The legacy ``[<service>_client]`` groups still work: their
``region_name`` is a deprecated alias, and their endpoint type is used by
``valid_interfaces()`` when the new group leaves ``valid_interfaces`` unset.
"""
from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

# New group -> (legacy group, legacy option naming the endpoint interface).
LEGACY_INTERFACE_OPTION = {
    'nova': ('nova_client', 'endpoint_type'),
    'cinder': ('cinder_client', 'endpoint_type'),
    'placement': ('placement_client', 'interface'),
    'keystone': ('keystone_client', 'interface'),
}

# Choices accepted by the legacy endpoint_type/interface options.
ENDPOINT_TYPES = ['public', 'internal', 'admin',
                  'publicURL', 'internalURL', 'adminURL']


def _deprecated_adapter_opts(legacy_group):
    if not legacy_group:
        return None
    return {'region_name': [cfg.DeprecatedOpt('region_name',
                                              group=legacy_group)]}


def register_service_opts(conf, group, legacy_group=None):
    """Register adapter, session and auth options on ``group``."""
    ks_loading.register_session_conf_options(conf, group)
    ks_loading.register_auth_conf_options(conf, group)
    ks_loading.register_adapter_conf_options(
        conf, group, include_deprecated=False,
        deprecated_opts=_deprecated_adapter_opts(legacy_group))


def register_auth_only_opts(conf, group):
    """Register session and auth options on ``group``."""
    ks_loading.register_session_conf_options(conf, group)
    ks_loading.register_auth_conf_options(conf, group)


def auth_sample_opts():
    """Session + auth options (with the password plugin) for the sample."""
    return (ks_loading.get_session_conf_options() +
            ks_loading.get_auth_common_conf_options() +
            ks_loading.get_auth_plugin_conf_options('password'))


def service_sample_opts(legacy_group=None):
    """Adapter + session + auth options for the sample of a service group."""
    return (ks_loading.get_adapter_conf_options(
        include_deprecated=False,
        deprecated_opts=_deprecated_adapter_opts(legacy_group)) +
        auth_sample_opts())


def valid_interfaces(conf, group):
    """Interfaces to use for ``group``, honouring the legacy option.

    ``[<group>] valid_interfaces`` wins when set; otherwise the legacy
    ``endpoint_type``/``interface`` value is used with ``URL`` stripped
    (``publicURL`` -> ``public``).
    """
    interfaces = conf[group].valid_interfaces
    if interfaces:
        return list(interfaces)
    legacy_group, legacy_opt = LEGACY_INTERFACE_OPTION[group]
    legacy_value = conf[legacy_group][legacy_opt]
    return [legacy_value.replace('URL', '')]
