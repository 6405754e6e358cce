"""Per-audit cache of metric values (``MetricDataCache``).

A strategy asks the same metric for the same resource many times while it
simulates moves; the datasource answers from this cache instead of asking
the backend again. A datasource helper, and so its cache, lives for one
audit run. Entries may be *injected* (``simulated``) by callers that know a
value in advance; bulk queries also record "no data" so a resource the
backend does not know is not asked again one by one.
"""
import threading

# A bulk query ran and the backend had no value for the resource.
_ABSENT = object()


def cache_key(resource_id, meter, aggregate, period, granularity):
    """``"<uuid>:<meter>:<aggregate>:<period>:<granularity>"``."""
    return '%s:%s:%s:%s:%s' % (resource_id, meter, aggregate, period,
                               granularity)


class MetricDataCache(object):
    """Thread-safe ``key -> value`` store with simulated entries."""

    def __init__(self):
        self._values = {}
        self._simulated = set()
        self._lock = threading.Lock()

    def lookup(self, key):
        """``(found, value)``; a cached ``None`` is not found.

        A resource a bulk query found no data for is found, with ``None``.
        """
        with self._lock:
            value = self._values.get(key)
        if value is _ABSENT:
            return True, None
        return value is not None, value

    def get(self, key, default=None):
        found, value = self.lookup(key)
        return value if found else default

    def put(self, key, value, simulated=False):
        with self._lock:
            self._values[key] = value
            if simulated:
                self._simulated.add(key)
            else:
                self._simulated.discard(key)

    def put_absent(self, key):
        """Remember that the backend has no value for ``key``."""
        self.put(key, _ABSENT)

    def is_simulated(self, key):
        with self._lock:
            return key in self._simulated

    def remove(self, resource_id, meter=None):
        """Drop the entries of a resource (only of ``meter`` if given)."""
        prefix = '%s:' % resource_id
        if meter is not None:
            prefix += '%s:' % meter
        with self._lock:
            for key in [k for k in self._values if k.startswith(prefix)]:
                del self._values[key]
                self._simulated.discard(key)

    def clear(self):
        with self._lock:
            self._values.clear()
            self._simulated.clear()

    def clear_simulated(self):
        with self._lock:
            for key in self._simulated:
                self._values.pop(key, None)
            self._simulated.clear()

    def __len__(self):
        with self._lock:
            return len(self._values)

    def __contains__(self, key):
        return self.lookup(key)[0]
