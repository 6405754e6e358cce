# Loopback ports of the integration environment (sourced by env.sh and
# run.sh). Chosen apart from the ones tools/run-local.sh and the functional
# tests use, so both can run at once; every one can be overridden. All are
# below Linux's ephemeral range (32768-60999): a port in it can be taken at
# any moment by some client's outgoing connection, and the server's bind
# then fails with "Address already in use".
MYSQL_PORT=${INTEG_MYSQL_PORT:-27306}
RABBIT_PORT=${INTEG_RABBIT_PORT:-27672}
RABBIT_DIST_PORT=${INTEG_RABBIT_DIST_PORT:-27673}
RABBIT_EPMD_PORT=${INTEG_RABBIT_EPMD_PORT:-27369}
KEYSTONE_PORT=${INTEG_KEYSTONE_PORT:-5000}
PLACEMENT_PORT=${INTEG_PLACEMENT_PORT:-8778}
NOVA_PORT=${INTEG_NOVA_PORT:-8774}
GLANCE_PORT=${INTEG_GLANCE_PORT:-9292}
NEUTRON_PORT=${INTEG_NEUTRON_PORT:-9696}
PROMETHEUS_PORT=${INTEG_PROMETHEUS_PORT:-27090}
EXPORTER_PORT=${INTEG_EXPORTER_PORT:-27100}
AODH_PORT=${INTEG_AODH_PORT:-8042}
WATCHER_API_PORT=${WATCHER_API_PORT:-9322}
export WATCHER_API_PORT
