"""The metric map file (``[watcher_decision_engine] metric_map_path``).

YAML naming, per datasource, the backend metric of some watcher metrics::

    gnocchi:
      instance_cpu_usage: cpu_vm_util
    prometheus:
      host_ram_usage: node_memory_MemAvailable_bytes
    grafana:
      host_cpu_usage:
        project: 1337
        db: production_db
        attribute: hostname
        translator: influxdb
        query: SELECT 100-{0}("{0}_value") FROM {4}.cpu_percent WHERE ...

A datasource may also hold a list of one-entry mappings (the original
spec's form). ``null`` removes a metric from a datasource. The file is read
each time a datasource manager is built (once per audit), so edits apply to
the next audit without a restart. A missing file is normal; a broken one
is logged and ignored.
"""
import os

from oslo_log import log
import yaml

from watcher import conf

CONF = conf.CONF
LOG = log.getLogger(__name__)

GRAFANA_KEYS = ('project', 'db', 'attribute', 'translator', 'query')


def _entries(datasource, section, path):
    if isinstance(section, list):
        merged = {}
        for item in section:
            if not isinstance(item, dict):
                LOG.warning('Ignoring %r under %s in %s: expected '
                            '"metric: name".', item, datasource, path)
                continue
            merged.update(item)
        section = merged
    if not isinstance(section, dict):
        LOG.warning('Ignoring the %s section of %s: expected a mapping of '
                    'watcher metrics.', datasource, path)
        return {}
    return {str(k): v for k, v in section.items()}


def _grafana_entry(metric, value, path):
    if value is None:
        return None
    if not isinstance(value, dict) or any(
            value.get(key) is None for key in GRAFANA_KEYS):
        LOG.warning('Ignoring grafana %s in %s: it needs %s.', metric, path,
                    ', '.join(GRAFANA_KEYS))
        return False
    return {key: str(value[key]) for key in GRAFANA_KEYS}


def load(path=None, known_datasources=()):
    """``{datasource: {watcher metric: backend name}}`` from the file."""
    path = path or CONF.watcher_decision_engine.metric_map_path
    if not path or not os.path.exists(path):
        return {}
    try:
        with open(path, encoding='utf-8') as stream:
            data = yaml.safe_load(stream)
    except (OSError, yaml.YAMLError) as exc:
        LOG.warning('Cannot read the metric map %s: %s', path, exc)
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        LOG.warning('Ignoring the metric map %s: expected a mapping of '
                    'datasources.', path)
        return {}
    result = {}
    for datasource, section in sorted(data.items(), key=lambda i: str(i[0])):
        datasource = str(datasource)
        if known_datasources and datasource not in known_datasources:
            LOG.warning('Unknown datasource %s in the metric map %s; known: '
                        '%s', datasource, path, ', '.join(known_datasources))
            continue
        entries = {}
        for metric, value in _entries(datasource, section, path).items():
            if datasource == 'grafana':
                value = _grafana_entry(metric, value, path)
                if value is False:
                    continue
            elif value is not None:
                value = str(value)
            entries[metric] = value
        result[datasource] = entries
    return result
