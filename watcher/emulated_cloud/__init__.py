"""Emulated OpenStack APIs (Keystone, Nova, Placement, Cinder, Ironic).

HTTP emulators that an unmodified openstacksdk talks to, over one
in-memory, thread-safe cloud state, plus a synthetic Prometheus exporter
and Nova-style notifications. Used by tests, benchmarks and the
quickstart; see doc/source/contributor/emulated-cloud.rst.

This package may import only ``watcher.conf``/``watcher.common`` and
third-party libraries.
"""


def __getattr__(name):
    if name == 'EmulatedCloud':
        from watcher.emulated_cloud.cloud import EmulatedCloud
        return EmulatedCloud
    raise AttributeError(name)
