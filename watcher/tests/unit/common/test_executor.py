"""Thread pools: sizes from the configuration, stats, graceful shutdown."""
import threading

from oslo_config import fixture as config_fixture
import testtools

from watcher import conf
from watcher.common import executor

CONF = conf.CONF


class TestPools(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.conf = self.useFixture(config_fixture.Config(CONF))

    def test_pool_sizes_follow_the_configuration(self):
        self.conf.config(max_audit_workers=3, max_general_workers=5,
                         group='watcher_decision_engine')
        self.conf.config(workers=2, group='watcher_applier')
        pools = [executor.new_audit_pool(), executor.new_general_pool(),
                 executor.new_applier_pool()]
        for pool in pools:
            self.addCleanup(pool.shutdown)
        self.assertEqual([('audit', 3), ('general', 5), ('applier', 2)],
                         [(p.name, p.max_workers) for p in pools])

    def test_no_more_than_max_workers_run_at_once(self):
        self.conf.config(workers=1, group='watcher_applier')
        pool = executor.new_applier_pool()
        self.addCleanup(pool.shutdown)
        running = []
        peak = []
        lock = threading.Lock()

        def job():
            with lock:
                running.append(1)
                peak.append(len(running))
            threading.Event().wait(0.05)
            with lock:
                running.pop()

        futures = [pool.submit(job) for _ in range(4)]
        for future in futures:
            future.result(10)
        self.assertEqual(1, max(peak))

    def test_stats_are_logged_when_enabled(self):
        self.conf.config(print_thread_pool_stats=True)
        logger = self.useFixture(
            __import__('fixtures').FakeLogger(level='DEBUG'))
        pool = executor.new_general_pool()
        self.addCleanup(pool.shutdown)
        pool.submit(lambda: None).result(10)
        self.assertIn('Thread pool general: max_workers=4', logger.output)

    def test_stats_are_quiet_by_default(self):
        logger = self.useFixture(
            __import__('fixtures').FakeLogger(level='DEBUG'))
        pool = executor.new_general_pool()
        self.addCleanup(pool.shutdown)
        pool.submit(lambda: None).result(10)
        self.assertNotIn('Thread pool general', logger.output)

    def test_general_pool_is_shared(self):
        self.addCleanup(executor.shutdown_general_pool, 5)
        self.assertIs(executor.get_general_pool(),
                      executor.get_general_pool())


class TestShutdown(testtools.TestCase):

    def test_running_work_finishes_and_queued_work_is_cancelled(self):
        pool = executor.NamedThreadPool('test', 1)
        release = threading.Event()
        started = threading.Event()

        def blocking():
            started.set()
            release.wait(10)
            return 'done'

        running = pool.submit(blocking)
        self.assertTrue(started.wait(5))
        queued = pool.submit(lambda: 'never')
        threading.Timer(0.2, release.set).start()
        self.assertTrue(executor.shutdown_pool(pool, timeout=10))
        self.assertEqual('done', running.result(0))
        self.assertTrue(queued.cancelled())

    def test_shutdown_gives_up_after_the_timeout(self):
        pool = executor.NamedThreadPool('stuck', 1)
        release = threading.Event()
        self.addCleanup(release.set)
        pool.submit(release.wait, 30)
        self.assertFalse(executor.shutdown_pool(pool, timeout=0.2))
