"""A fixtures.Fixture around EmulatedCloud for other functional tests.

    cloud = self.useFixture(EmulatedCloudFixture(topology)).cloud
    conn = cloud.connection()

The cloud is started in ``setUp`` and stopped at cleanup; pass
``notification_transport=`` (or ``transport_url=``) to receive Nova
notifications.
"""
import fixtures

from watcher.emulated_cloud import cloud as cloud_mod


class EmulatedCloudFixture(fixtures.Fixture):
    """Serve an emulated cloud for the duration of a test."""

    def __init__(self, topology=None, hosts=None, servers=0, seed=0,
                 **kwargs):
        super().__init__()
        self._topology = topology
        self._generate = (hosts, servers, seed)
        self._kwargs = kwargs
        self.cloud = None
        self.endpoints = None

    def _setUp(self):
        hosts, servers, seed = self._generate
        if self._topology is None:
            self.cloud = cloud_mod.EmulatedCloud.generated(
                hosts or 3, servers, seed=seed, **self._kwargs)
        else:
            self.cloud = cloud_mod.EmulatedCloud(self._topology,
                                                 **self._kwargs)
        self.endpoints = self.cloud.start()
        self.addCleanup(self.cloud.stop)
