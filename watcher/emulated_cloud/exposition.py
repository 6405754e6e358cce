"""Prometheus text exposition of the load, and the matching scrape config.

Three families, with the labels Watcher's Prometheus datasource expects:

* ``/node/<host>``: node_exporter style; the scrape config adds the
  ``fqdn`` label (one target per host on the single exporter port).
* ``/libvirt/<host>``: per-domain series labelled ``domain`` and ``uuid``.
* ``/ceilometer``: ``ceilometer_cpu`` (ns, cumulative, untyped so no
  ``_total`` suffix) and ``ceilometer_memory_usage`` (MB) labelled
  ``resource`` (the server uuid), ``resource_name`` and ``host``.
"""
import yaml

CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'


def _escape(value):
    return (str(value).replace('\\', '\\\\').replace('"', '\\"')
            .replace('\n', '\\n'))


def _labels(pairs):
    return '{%s}' % ','.join('%s="%s"' % (k, _escape(v)) for k, v in pairs)


def _num(value):
    return repr(float(value))


def _family(lines, name, kind, help_text):
    lines.append('# HELP %s %s' % (name, help_text))
    lines.append('# TYPE %s %s' % (name, kind))


def node_text(tracker, host):
    """node_exporter-style series of one host."""
    idle, user, system = tracker.host_cpu_seconds(host.name)
    total, available = tracker.host_memory(host)
    cpus = host.vcpus
    lines = []
    _family(lines, 'node_cpu_seconds_total', 'counter',
            'Seconds the CPUs spent in each mode.')
    for cpu in range(cpus):
        for mode, value in (('idle', idle), ('system', system),
                            ('user', user)):
            lines.append('node_cpu_seconds_total%s %s' % (
                _labels((('cpu', cpu), ('mode', mode))),
                _num(value / cpus)))
    _family(lines, 'node_memory_MemTotal_bytes', 'gauge',
            'Memory information field MemTotal_bytes.')
    lines.append('node_memory_MemTotal_bytes %s' % _num(total))
    _family(lines, 'node_memory_MemAvailable_bytes', 'gauge',
            'Memory information field MemAvailable_bytes.')
    lines.append('node_memory_MemAvailable_bytes %s' % _num(available))
    return '\n'.join(lines) + '\n'


def libvirt_text(tracker, host):
    """libvirt-exporter-style series of the domains running on a host."""
    state = tracker.state
    running = [state.servers[u] for u in host.servers
               if tracker.running(state.servers[u])]
    tracker.advance(server_uuids=[s.uuid for s in running])
    families = (
        ('libvirt_domain_info_vcpu_current', 'gauge',
         'Number of current virtual CPUs.'),
        ('libvirt_domain_info_maximum_memory_bytes', 'gauge',
         'Maximum allowed memory of the domain, in bytes.'),
        ('libvirt_domain_vcpu_time_seconds_total', 'counter',
         'Amount of CPU time used by the vCPU, in seconds.'),
        ('libvirt_domain_memory_stats_used_percent', 'gauge',
         'Memory used by the domain, in percent.'),
    )
    lines = []
    for name, kind, help_text in families:
        _family(lines, name, kind, help_text)
        for server in running:
            base = (('domain', server.instance_name), ('uuid', server.uuid))
            if name == 'libvirt_domain_info_vcpu_current':
                lines.append('%s%s %d' % (name, _labels(base),
                                          server.flavor.vcpus))
            elif name == 'libvirt_domain_info_maximum_memory_bytes':
                lines.append('%s%s %d' % (name, _labels(base),
                                          server.flavor.ram * 1048576))
            elif name == 'libvirt_domain_vcpu_time_seconds_total':
                seconds = tracker.server_cpu_seconds(server.uuid,
                                                     advance=False)
                for vcpu in range(server.flavor.vcpus):
                    lines.append('%s%s %s' % (
                        name, _labels(base + (('vcpu', vcpu),)),
                        _num(seconds / server.flavor.vcpus)))
            else:
                lines.append('%s%s %s' % (
                    name, _labels(base),
                    _num(100.0 * tracker.memory_util(server))))
    return '\n'.join(lines) + '\n'


def ceilometer_text(tracker):
    """Ceilometer-style per-instance series of every running server."""
    state = tracker.state
    running = [s for s in state.ordered_servers() if tracker.running(s)]
    tracker.advance(server_uuids=[s.uuid for s in running])
    cpu_lines, memory_lines = [], []
    for server in running:
        labels = _labels((('host', server.host), ('resource', server.uuid),
                          ('resource_name', server.name)))
        cpu_lines.append('ceilometer_cpu%s %s' % (
            labels, _num(tracker.server_cpu_seconds(
                server.uuid, advance=False) * 1e9)))
        memory_lines.append('ceilometer_memory_usage%s %s' % (
            labels, _num(tracker.memory_used_mb(server))))
    lines = []
    _family(lines, 'ceilometer_cpu', 'untyped',
            'Cumulative CPU time of the instance, in ns.')
    lines.extend(cpu_lines)
    _family(lines, 'ceilometer_memory_usage', 'untyped',
            'Memory used by the instance, in MB.')
    lines.extend(memory_lines)
    return '\n'.join(lines) + '\n'


def scrape_config(exporter, host_names, interval='5s'):
    """prometheus.yml text scraping ``exporter`` ("ip:port") per host.

    Each host is its own target on the one exporter port: the metrics
    path is a target label and ``fqdn`` names the host, so Watcher's
    datasource finds the host in ``/api/v1/targets``.
    """
    def per_host(prefix, port):
        return {
            'static_configs': [
                {'targets': [exporter],
                 'labels': {'__metrics_path__': '/%s/%s' % (prefix, name),
                            'fqdn': name}}
                for name in host_names],
            'relabel_configs': [
                {'source_labels': ['fqdn'], 'target_label': 'instance',
                 'replacement': '${1}:%d' % port}],
        }

    config = {
        'global': {'scrape_interval': interval,
                   'evaluation_interval': interval},
        'scrape_configs': [
            dict({'job_name': 'node'}, **per_host('node', 9100)),
            dict({'job_name': 'libvirt'}, **per_host('libvirt', 9177)),
            {'job_name': 'ceilometer', 'honor_labels': True,
             'metrics_path': '/ceilometer',
             'static_configs': [{'targets': [exporter]}]},
        ],
    }
    return yaml.safe_dump(config, sort_keys=False, default_flow_style=False)
