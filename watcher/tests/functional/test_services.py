"""Real watcher services: registration, graceful stop, failure detection."""
import signal

import testtools

from watcher.tests.functional.fixtures import suite as suite_fixture


class TestServiceLifecycle(testtools.TestCase):

    def test_services_register_active_and_stop_gracefully(self):
        suite = self.useFixture(suite_fixture.WatcherSuite(
            services=('api', 'decision-engine', 'applier')))
        rows = suite.wait_for_registration(['decision-engine', 'applier'])
        self.assertEqual(['watcher-decision-engine', 'watcher-applier'],
                         [row['name'] for row in rows])
        self.assertEqual({suite.host}, {row['host'] for row in rows})

        suite.wait_for_api()
        status, body = suite.api('GET', '/v1/services')
        self.assertEqual(200, status, body)
        listed = sorted((s['name'], s['host'], s['status'])
                        for s in body['services'])
        self.assertEqual(
            [('watcher-applier', suite.host, 'ACTIVE'),
             ('watcher-decision-engine', suite.host, 'ACTIVE')], listed)

        for name in ('applier', 'decision-engine', 'api'):
            self.assertEqual(0, suite.stop(name),
                             suite.log(name)[-4000:])
        self.assertIn('watcher-applier stopped', suite.log('applier'))
        self.assertIn('watcher-decision-engine stopped',
                      suite.log('decision-engine'))

    def test_restart_reuses_the_same_row(self):
        suite = self.useFixture(suite_fixture.WatcherSuite(
            services=('applier',), periodic_interval=1))
        first = suite.wait_for_registration(['applier'])[0]
        self.assertEqual(0, suite.stop('applier'))
        suite.start('applier')
        suite_fixture.wait_for(
            lambda: suite.seen_at(suite.row_of('applier')) >
            suite.seen_at(first), timeout=60,
            message='the restarted applier to beat')
        rows = [r for r in suite.service_rows()
                if r['name'] == 'watcher-applier']
        self.assertEqual([first['id']], [r['id'] for r in rows])


class TestFailureDetection(testtools.TestCase):

    def test_killed_service_goes_failed_after_service_down_time(self):
        suite = self.useFixture(suite_fixture.WatcherSuite(
            services=('api', 'decision-engine', 'applier'),
            service_down_time=4, periodic_interval=1))
        suite.wait_for_registration(['decision-engine', 'applier'])
        suite.wait_for_api()

        def statuses():
            status, body = suite.api('GET', '/v1/services')
            self.assertEqual(200, status, body)
            return {s['name']: s['status'] for s in body['services']
                    if s['host'] == suite.host}

        suite_fixture.wait_for(
            lambda: statuses() == {'watcher-decision-engine': 'ACTIVE',
                                   'watcher-applier': 'ACTIVE'},
            timeout=30, message='both services ACTIVE')

        suite.kill('applier', signal.SIGKILL)
        last_beat = suite.seen_at(suite.row_of('applier'))
        suite_fixture.wait_for(
            lambda: statuses().get('watcher-applier') == 'FAILED',
            timeout=30, message='the killed applier to become FAILED')

        # The killed process wrote nothing more; its peer kept beating.
        self.assertEqual(last_beat, suite.seen_at(suite.row_of('applier')))
        self.assertEqual('ACTIVE', statuses()['watcher-decision-engine'])
