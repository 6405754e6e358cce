"""The ``aetos`` datasource: Prometheus behind Keystone (Aetos proxy).

The endpoint is the Keystone catalog's ``metric-storage`` service
(``[aetos_client] interface`` and ``region_name``); every request carries
the token of Watcher's keystoneauth session, so Aetos can enforce roles
and tenancy. Labels come from ``[aetos_client] fqdn_label`` and
``instance_uuid_label``.
"""
from keystoneauth1 import exceptions as ks_exceptions
from oslo_log import log

from watcher.common import exception
from watcher import conf
from watcher.decision_engine.datasources import prometheus_base
from watcher.decision_engine.datasources import prometheus_http
from watcher.decision_engine.datasources import session as session_mod

CONF = conf.CONF
LOG = log.getLogger(__name__)

SERVICE_TYPE = 'metric-storage'


class AetosHelper(prometheus_base.PrometheusBase):
    """PromQL through the Keystone-authenticated Aetos proxy."""

    NAME = 'aetos'

    def _config_group(self):
        return CONF.aetos_client

    def _setup_client(self):
        group = CONF.aetos_client
        session = session_mod.keystone_session(self.osc)
        interface = group.interface.replace('URL', '')
        try:
            endpoint = session.get_endpoint(
                service_type=SERVICE_TYPE, interface=interface,
                region_name=group.region_name)
        except ks_exceptions.EndpointNotFound:
            endpoint = None
        if not endpoint:
            raise exception.DataSourceNotAvailable(message=(
                'Datasource aetos is not available: no %s endpoint '
                '(interface %s, region %s) in the Keystone catalog.'
                % (SERVICE_TYPE, interface, group.region_name or 'any')))
        LOG.debug('Aetos endpoint: %s', endpoint)
        return prometheus_http.PrometheusHTTP(endpoint, session)
