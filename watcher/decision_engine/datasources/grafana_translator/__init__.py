"""Query translators of the Grafana datasource, one per proxied database.

A translator turns a watcher metric request into the query parameters of
its database and reads the value back out of the answer.
"""
from watcher.decision_engine.datasources.grafana_translator import influxdb

TRANSLATORS = {
    influxdb.InfluxDBGrafanaTranslator.NAME:
        influxdb.InfluxDBGrafanaTranslator,
}
