"""Memory is handed back to the system after large jobs only."""
import gc

import testtools

from watcher.common import memory


class TestRelease(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.collections = []
        original = gc.collect
        self.addCleanup(setattr, gc, 'collect', original)
        gc.collect = lambda *a: self.collections.append(1) or original(*a)
        self.addCleanup(setattr, memory, '_released_at_mb',
                        memory._released_at_mb)

    def test_resident_size_is_read(self):
        self.assertGreater(memory.resident_mb(), 1.0)

    def test_released_after_growth_then_not_again_until_more_growth(self):
        memory._released_at_mb = 0.0
        memory.release_if_grown('job')
        self.assertEqual([1], self.collections)
        self.assertLess(abs(memory._released_at_mb - memory.resident_mb()),
                        16)
        memory.release_if_grown('small job')
        self.assertEqual([1], self.collections)
        grown = bytearray(64 * 1024 * 1024)
        grown[::4096] = b'x' * len(grown[::4096])  # touch every page
        memory.release_if_grown('large job')
        self.assertEqual([1, 1], self.collections)
        del grown

    def test_trim_is_found_on_glibc_and_never_raises(self):
        memory.release('job')
        self.assertEqual([1], self.collections)
        trim = memory._malloc_trim()
        if trim is not None:
            self.assertIn(trim(0), (0, 1))
