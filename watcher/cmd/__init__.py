"""Console scripts of Watcher.

The services run on native threads only. A few libraries (futurist,
oslo.utils) import eventlet merely to see whether it is installed; that
costs each process about 30 MB and changes nothing else, so the console
scripts make the import fail (the libraries fall back to threads). A
process that imported eventlet before this module keeps it.
"""
import sys

sys.modules.setdefault('eventlet', None)
