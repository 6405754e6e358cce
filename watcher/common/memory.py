"""Hand memory back to the operating system after a large job.

An audit of a large cloud allocates and frees hundreds of megabytes
(metric answers, the solution, the stored plan). CPython and glibc keep
freed memory for reuse, so without help a decision engine's resident size
only ever grows toward the sum of its largest jobs. ``release()`` runs a
full garbage collection and, on glibc, ``malloc_trim(0)``, which returns
the free pages of the heap to the system.
"""
import ctypes
import ctypes.util
import gc
import os
import time

from oslo_log import log

LOG = log.getLogger(__name__)

_PAGE_SIZE = os.sysconf('SC_PAGE_SIZE') if hasattr(os, 'sysconf') else 4096
_UNSET = object()
# resident size right after the last release()
_released_at_mb = 0.0
_trim = _UNSET


def _malloc_trim():
    """glibc's ``malloc_trim`` or None (musl, macOS, no libc found)."""
    global _trim
    if _trim is _UNSET:
        _trim = None
        try:
            libc = ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6')
            _trim = libc.malloc_trim
            _trim.argtypes = [ctypes.c_size_t]
            _trim.restype = ctypes.c_int
        except (OSError, AttributeError):
            pass
    return _trim


def resident_mb():
    """This process's resident set size in MB (0.0 if unknown)."""
    try:
        with open('/proc/self/statm') as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * _PAGE_SIZE / 1048576.0


def release_if_grown(what='job', threshold_mb=32):
    """``release()`` when the process grew by ``threshold_mb`` or more
    since the last release: small jobs skip the cost of a full
    collection (a quarter of a second on a 20,000-server model)."""
    global _released_at_mb
    if resident_mb() - _released_at_mb >= threshold_mb:
        release(what)
        _released_at_mb = resident_mb()


def release(what='job'):
    """Collect garbage and trim the C heap; never raises."""
    started = time.monotonic()
    try:
        gc.collect()
        trim = _malloc_trim()
        if trim is not None:
            trim(0)
    except Exception as exc:  # never let housekeeping fail a job
        LOG.debug('Releasing memory after %s failed: %s', what, exc)
        return
    LOG.debug('Released memory after %s in %.2f s', what,
              time.monotonic() - started)
