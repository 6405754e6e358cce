"""openstacksdk connections follow watcher.conf, as operators set it."""
from oslo_config import fixture as config_fixture
import testtools

from watcher.common import clients
from watcher import conf

CONF = conf.CONF


class TestConnectionSettings(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.config.config(auth_type='none', group='watcher_clients_auth')

    def connection(self, **kwargs):
        return clients.get_sdk_connection(**kwargs)

    def test_per_service_adapter_options(self):
        self.config.config(group='nova', valid_interfaces=['internal'],
                           region_name='RegionTwo',
                           endpoint_override='http://127.0.0.1:8774/v2.1',
                           api_version='2.79')
        self.config.config(group='placement', valid_interfaces=['admin'],
                           endpoint_override='http://127.0.0.1:8778')
        self.config.config(group='cinder', region_name='RegionThree')
        region = self.connection().config
        self.assertEqual('internal', region.get_interface('compute'))
        self.assertEqual('RegionTwo', region.get_region_name('compute'))
        self.assertEqual('http://127.0.0.1:8774/v2.1',
                         region.get_endpoint('compute'))
        self.assertEqual('2.79', region.get_api_version('compute'))
        self.assertEqual('2.79', region._get_version_request(
            'compute', None).default_microversion)
        self.assertEqual('admin', region.get_interface('placement'))
        self.assertEqual('1.29', region.get_api_version('placement'))
        self.assertEqual('RegionThree',
                         region.get_region_name('block-storage'))

    def test_legacy_client_groups_still_apply(self):
        self.config.config(group='nova_client', endpoint_type='internalURL',
                           region_name='Legacy')
        self.config.config(group='cinder_client', endpoint_type='adminURL')
        region = self.connection().config
        self.assertEqual('internal', region.get_interface('compute'))
        self.assertEqual('Legacy', region.get_region_name('compute'))
        self.assertEqual('admin', region.get_interface('block-storage'))

    def test_new_group_wins_over_legacy(self):
        self.config.config(group='nova_client', endpoint_type='internalURL')
        self.config.config(group='nova', valid_interfaces=['public'])
        self.assertEqual('public',
                         self.connection().config.get_interface('compute'))

    def test_explicit_interface_for_every_service(self):
        self.config.config(group='nova', valid_interfaces=['public'])
        region = self.connection(interface='admin').config
        self.assertEqual('admin', region.get_interface('compute'))
        self.assertEqual('admin', region.get_interface('placement'))

    def test_too_old_nova_microversion_is_refused(self):
        self.config.config(group='nova', api_version='2.53')
        error = self.assertRaises(ValueError, self.connection)
        self.assertIn('2.56 or greater', str(error))

    def test_session_uses_the_clients_auth_group(self):
        self.config.config(group='watcher_clients_auth', timeout=42)
        session = clients.load_session()
        self.assertEqual(42, session.timeout)
        self.assertEqual('NoAuth', type(session.auth).__name__)
