# Components of the integration environment, sourced by env.sh. Each part
# has <part>_ports (the loopback ports it needs free), <part>_up (start and
# wait until ready), <part>_down (stop by recorded PID) and <part>_running.
# Databases and one-off setup steps run once per state folder.
# Every gunicorn gets --keep-alive 75: with gunicorn's default of 2 s, a
# client polling every 2 s (openstacksdk's wait_for_*, our scenarios) races
# the server closing the idle connection and gets "connection reset".

ks_url() { echo "http://127.0.0.1:$KEYSTONE_PORT/v3"; }

auth_section() {  # user password
    cat <<CONF
www_authenticate_uri = $(ks_url)
auth_url = $(ks_url)
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $2
CONF
}

watcher_venv() {
    if [ -n "${WATCHER_VENV:-}" ]; then echo "$WATCHER_VENV"; return; fi
    if [ -x "$repo/.venv/bin/watcher-api" ]; then echo "$repo/.venv"; return; fi
    local api; api=$(command -v watcher-api 2>/dev/null) || true
    if [ -n "$api" ]; then dirname "$(dirname "$api")"; return; fi
    die "no venv with our watcher installed: set WATCHER_VENV"
}

with_admin() { (. "$state/admin-openrc" && "$@"); }

# -- MariaDB (tools/db.sh) ---------------------------------------------------

mariadb_ports() { echo "$MYSQL_PORT"; }
mariadb_running() { "$repo/tools/db.sh" status mysql >/dev/null 2>&1; }
mariadb_up() {
    "$repo/tools/db.sh" start mysql
    mariadb --defaults-file="$state/db/mysql/my.cnf" -uroot -e "
        CREATE DATABASE IF NOT EXISTS nova_api; CREATE DATABASE IF NOT EXISTS nova_cell0;
        CREATE DATABASE IF NOT EXISTS nova; CREATE DATABASE IF NOT EXISTS placement;"
}
mariadb_down() { "$repo/tools/db.sh" stop mysql; }
mysql_url() { echo "mysql+pymysql://os:ospass@127.0.0.1:$MYSQL_PORT/$1"; }

# -- RabbitMQ (tools/rabbitmq.sh) --------------------------------------------

rabbit_ports() { echo "$RABBIT_PORT $RABBIT_DIST_PORT"; }
rabbit_running() { WATCHER_STATE=$state "$repo/tools/rabbitmq.sh" status >/dev/null 2>&1; }
rabbit_up() { WATCHER_STATE=$state "$repo/tools/rabbitmq.sh" start; }
rabbit_down() { WATCHER_STATE=$state "$repo/tools/rabbitmq.sh" stop; }
transport_url() { echo "rabbit://watcher:watcherpass@127.0.0.1:$RABBIT_PORT/"; }

# -- Keystone (tools/keystone.sh) + catalog -----------------------------------

keystone_ports() { echo "$KEYSTONE_PORT"; }
keystone_running() { WATCHER_STATE=$state "$repo/tools/keystone.sh" status >/dev/null 2>&1; }
keystone_up() {
    WATCHER_STATE=$state "$repo/tools/keystone.sh" start
    with_admin "$V/python" "$here/catalog.py" \
        "compute=http://127.0.0.1:$NOVA_PORT/v2.1" \
        "placement=http://127.0.0.1:$PLACEMENT_PORT" \
        "image=http://127.0.0.1:$GLANCE_PORT" \
        "network=http://127.0.0.1:$NEUTRON_PORT" \
        "alarming=http://127.0.0.1:$AODH_PORT" \
        "metric-storage=http://127.0.0.1:$PROMETHEUS_PORT" \
        "infra-optim=http://127.0.0.1:$WATCHER_API_PORT" >"$logs/catalog.log" 2>&1 \
        || die "registering the catalog failed; see $logs/catalog.log"
}
keystone_down() { WATCHER_STATE=$state "$repo/tools/keystone.sh" stop; }

# -- Glance/Neutron stand-in ---------------------------------------------------

standin_ports() { echo "$GLANCE_PORT $NEUTRON_PORT"; }
standin_running() { pid_alive standin; }
standin_up() {
    start_proc standin "$V/python" "$here/standin.py" \
        --glance-port "$GLANCE_PORT" --neutron-port "$NEUTRON_PORT"
    wait_until 20 standin proc_ready standin "http://127.0.0.1:$GLANCE_PORT/versions"
}
standin_down() { stop_proc standin; }

# -- Placement -----------------------------------------------------------------

placement_ports() { echo "$PLACEMENT_PORT"; }
placement_running() { pid_alive placement; }
placement_up() {
    local d=$state/placement
    mkdir -p "$d"
    cat >"$d/placement.conf" <<CONF
[DEFAULT]
log_file = $d/placement.log
[placement_database]
connection = $(mysql_url placement)
[api]
auth_strategy = keystone
[keystone_authtoken]
$(auth_section placement placementpass)
memcached_servers =
CONF
    if [ ! -f "$d/.db-synced" ]; then
        "$V/placement-manage" --config-file "$d/placement.conf" db sync >"$logs/placement-db.log" 2>&1 \
            || die "placement db sync failed; see $logs/placement-db.log"
        touch "$d/.db-synced"
    fi
    start_proc placement env OS_PLACEMENT_CONFIG_DIR="$d" "$V/gunicorn" --no-control-socket --keep-alive 75 \
        -b "127.0.0.1:$PLACEMENT_PORT" -w 1 --threads 4 --timeout 120 placement.wsgi.api:application
    wait_until 60 placement proc_ready placement "http://127.0.0.1:$PLACEMENT_PORT/"
}
placement_down() { stop_proc placement; }

# -- Nova ------------------------------------------------------------------------

nova_ports() { echo "$NOVA_PORT"; }
nova_names() {
    local i
    echo nova-api nova-conductor nova-scheduler
    for i in $(seq 1 "$computes"); do echo "nova-compute-$i"; done
}
nova_running() { local n; for n in $(nova_names); do pid_alive "$n" || return 1; done; }

nova_configure() {
    local d=$state/nova i
    mkdir -p "$d/logs" "$d/locks" "$d/state" "$state/wsgi"
    cat >"$d/nova.conf" <<CONF
[DEFAULT]
host = controller
my_ip = 127.0.0.1
state_path = $d/state
log_dir = $d/logs
transport_url = $(transport_url)
compute_driver = fake.FakeDriverWithoutFakeNodes
enabled_apis = osapi_compute
osapi_compute_workers = 1
heal_instance_info_cache_interval = -1
instance_usage_audit = false
[wsgi]
api_paste_config = $d/api-paste.ini
[api]
auth_strategy = keystone
[api_database]
connection = $(mysql_url nova_api)
[database]
connection = $(mysql_url nova)
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 5
[keystone_authtoken]
$(auth_section nova novapass)
memcached_servers =
[service_user]
send_service_user_token = false
[placement]
region_name = RegionOne
$(auth_section placement placementpass | grep -v www_authenticate_uri)
[glance]
region_name = RegionOne
[neutron]
region_name = RegionOne
$(auth_section nova novapass | grep -v www_authenticate_uri)
[cinder]
os_region_name = RegionOne
[oslo_concurrency]
lock_path = $d/locks
[vnc]
enabled = false
[notifications]
notification_format = versioned
notify_on_state_change = vm_and_task_state
[oslo_messaging_notifications]
driver = messagingv2
[oslo_policy]
enforce_new_defaults = true
enforce_scope = true
CONF
    for i in $(seq 1 "$computes"); do
        mkdir -p "$d/state-compute$i"
        cat >"$d/compute$i.conf" <<CONF
[DEFAULT]
host = fake-compute-$i
state_path = $d/state-compute$i
log_file = $d/logs/compute$i.log
[api_database]
connection =
CONF
    done
    cp "$venv/etc/nova/api-paste.ini" "$d/api-paste.ini"
    cat >"$state/wsgi/nova_api_wsgi.py" <<'PY'
import sys
sys.argv = sys.argv[:1]
from nova.wsgi.osapi_compute import application  # noqa
PY
}

# The cell mappings in nova_api hold the DB and RabbitMQ URLs, ports
# included: .db-ready records them, and a changed port (ports.sh) is
# written into the mappings instead of leaving Nova pointing at the old one.
nova_db() {
    local d=$state/nova m urls cell1
    m="$V/nova-manage --config-file $d/nova.conf"
    urls="$(mysql_url nova) $(mysql_url nova_cell0) $(transport_url)"
    if [ -f "$d/.db-ready" ]; then
        [ "$(cat "$d/.db-ready")" = "$urls" ] && return 0
        log "pointing Nova's cell mappings at the current ports"
        {
            cell1=$($m cell_v2 list_cells | awk -F'|' '$2 ~ /^ cell1 / {gsub(/ /, "", $3); print $3}') &&
            [ -n "$cell1" ] &&
            $m cell_v2 update_cell --cell_uuid 00000000-0000-0000-0000-000000000000 \
                --transport-url none:/// --database_connection "$(mysql_url nova_cell0)" &&
            $m cell_v2 update_cell --cell_uuid "$cell1" \
                --transport-url "$(transport_url)" --database_connection "$(mysql_url nova)"
        } >"$logs/nova-db.log" 2>&1 || die "updating Nova's cell mappings failed; see $logs/nova-db.log"
        echo "$urls" >"$d/.db-ready"
        return 0
    fi
    log "creating the Nova databases (about 25 s, first start only)"
    {
        $m api_db sync &&
        $m cell_v2 map_cell0 --database_connection "$(mysql_url nova_cell0)" &&
        { $m cell_v2 list_cells | grep -q ' cell1 ' || $m cell_v2 create_cell --name cell1; } &&
        $m db sync
    } >"$logs/nova-db.log" 2>&1 || die "nova DB setup failed; see $logs/nova-db.log"
    echo "$urls" >"$d/.db-ready"
}

nova_up() {
    local d=$state/nova i
    nova_configure
    nova_db
    start_proc nova-api env OS_NOVA_CONFIG_DIR="$d" OS_NOVA_CONFIG_FILES="api-paste.ini;nova.conf" \
        "$V/gunicorn" --no-control-socket --keep-alive 75 --chdir "$state/wsgi" -b "127.0.0.1:$NOVA_PORT" \
        -w 1 --threads 8 --timeout 300 nova_api_wsgi:application
    start_proc nova-conductor "$V/nova-conductor" --config-file "$d/nova.conf"
    start_proc nova-scheduler "$V/nova-scheduler" --config-file "$d/nova.conf"
    for i in $(seq 1 "$computes"); do
        start_proc "nova-compute-$i" env FAKE_VCPUS="${FAKE_VCPUS:-16}" \
            FAKE_MEMORY_MB="${FAKE_MEMORY_MB:-32768}" FAKE_DISK_GB="${FAKE_DISK_GB:-500}" \
            "$V/python" "$here/fake_compute.py" --config-file "$d/nova.conf" \
            --config-file "$d/compute$i.conf"
    done
    wait_until 90 nova-api proc_ready nova-api "http://127.0.0.1:$NOVA_PORT/"
    with_admin "$V/python" "$here/cloudctl.py" ready --computes "$computes" --timeout 120 \
        >"$logs/nova-ready.log" 2>&1 || die "the nova-computes did not come up; see $logs/nova-ready.log and $d/logs/"
}

nova_down() {
    # The computes first, while the conductor can still take their last
    # service update; then the rest.
    # shellcheck disable=SC2046
    stop_proc $(nova_names | grep nova-compute)
    stop_proc nova-scheduler nova-conductor nova-api
}

# -- Prometheus + exporter ---------------------------------------------------

prometheus_ports() { echo "$PROMETHEUS_PORT $EXPORTER_PORT"; }
prometheus_running() { pid_alive exporter && "$repo/tools/prometheus.sh" status >/dev/null 2>&1; }
prometheus_up() {
    local d=$state/prometheus py
    py=$(watcher_venv)/bin/python
    mkdir -p "$d"
    [ -f "$d/load.json" ] || echo '{}' >"$d/load.json"
    with_admin "$py" "$here/exporter.py" --port "$EXPORTER_PORT" \
        --scrape-config "$d/scrape.yml" >"$logs/exporter-config.log" 2>&1 \
        || die "could not write the scrape config; see $logs/exporter-config.log"
    start_proc exporter bash -c ". '$state/admin-openrc' && exec '$py' '$here/exporter.py' \
        --port $EXPORTER_PORT --load-file '$d/load.json' --interval 5"
    wait_until 60 exporter proc_ready exporter "http://127.0.0.1:$EXPORTER_PORT/ceilometer"
    "$repo/tools/prometheus.sh" start "$d/scrape.yml"
}
prometheus_down() { "$repo/tools/prometheus.sh" stop; stop_proc exporter; }

# -- Aodh ------------------------------------------------------------------------

aodh_ports() { echo "$AODH_PORT"; }
aodh_running() { pid_alive aodh-api && pid_alive aodh-evaluator && pid_alive aodh-notifier; }
aodh_up() {
    local d=$state/aodh
    mkdir -p "$d" "$state/wsgi"
    cat >"$d/aodh.conf" <<CONF
[DEFAULT]
transport_url = $(transport_url)
evaluation_interval = 10
log_dir = $d
[database]
connection = sqlite:///$d/aodh.db
[api]
auth_mode = keystone
paste_config = $d/api-paste.ini
[keystone_authtoken]
$(auth_section aodh aodhpass)
memcached_servers =
[service_credentials]
$(auth_section aodh aodhpass | grep -v www_authenticate_uri)
region_name = RegionOne
interface = public
CONF
    # keystonemiddleware in Aodh's pipeline reads /etc/aodh/aodh.conf
    # unless the paste file names the config file itself.
    sed "/^oslo_config_project *= *aodh/a oslo_config_file = $d/aodh.conf" \
        "$("$V/python" -c 'import aodh.api, os; print(os.path.dirname(aodh.api.__file__))')/api-paste.ini" \
        >"$d/api-paste.ini"
    grep -q '^oslo_config_file' "$d/api-paste.ini" || die "could not patch Aodh's api-paste.ini"
    cat >"$state/wsgi/aodh_wsgi.py" <<PY
import sys
sys.argv = sys.argv[:1]
from aodh.api import app  # noqa
application = app.build_wsgi_app(argv=['--config-file', '$d/aodh.conf'])
PY
    if [ ! -f "$d/.db-synced" ]; then
        "$V/aodh-dbsync" --config-file "$d/aodh.conf" >"$logs/aodh-db.log" 2>&1 \
            || die "aodh-dbsync failed; see $logs/aodh-db.log"
        touch "$d/.db-synced"
    fi
    start_proc aodh-api "$V/gunicorn" --no-control-socket --keep-alive 75 --chdir "$state/wsgi" \
        -b "127.0.0.1:$AODH_PORT" -w 1 --threads 4 --timeout 120 aodh_wsgi:application
    start_proc aodh-evaluator env PROMETHEUS_HOST=127.0.0.1 PROMETHEUS_PORT="$PROMETHEUS_PORT" \
        "$V/aodh-evaluator" --config-file "$d/aodh.conf"
    start_proc aodh-notifier "$V/aodh-notifier" --config-file "$d/aodh.conf"
    wait_until 60 aodh-api proc_ready aodh-api "http://127.0.0.1:$AODH_PORT/"
    sleep 2
    pid_alive aodh-evaluator || die "aodh-evaluator exited; see $logs/aodh-evaluator.log"
    pid_alive aodh-notifier || die "aodh-notifier exited; see $logs/aodh-notifier.log"
}
aodh_down() { stop_proc aodh-notifier aodh-evaluator aodh-api; }

# -- watcher.conf for our services -------------------------------------------

# The lines tools/run-local.sh (WATCHER_CLOUD=real) appends to watcher.conf:
# Keystone auth on in the API, service credentials for the clients, and the
# prometheus datasource. Later duplicates of [DEFAULT] keys win in oslo.config.
watcher_conf() {
    cat <<CONF
[DEFAULT]
enable_authentication = True
transport_url = $(transport_url)

[keystone_authtoken]
$(auth_section watcher watcher)
memcached_servers =

[watcher_clients_auth]
$(auth_section watcher watcher | grep -v www_authenticate_uri)

[nova]
region_name = RegionOne

[placement]
region_name = RegionOne

[watcher_datasources]
datasources = prometheus

# Nova's notifications keep the model fresh in a real deployment; resync
# often as well so an audit right after a boot or a migration sees it.
[watcher_cluster_data_model_collectors.compute]
period = 10

[prometheus_client]
host = 127.0.0.1
port = $PROMETHEUS_PORT
CONF
}
