"""Look scoring engines up by name.

Engines from ``watcher_scoring_engines`` and from every container of
``watcher_scoring_engine_containers`` are collected once per process;
``clear()`` forgets them (the syncer calls it before re-reading plugins).
"""
import threading

from oslo_log import log

from watcher.common import exception
from watcher.decision_engine import loading

LOG = log.getLogger(__name__)

_ENGINES = None
_LOCK = threading.Lock()


def _collect():
    engines = {}
    engine_loader = loading.PluginLoader(loading.SCORING_ENGINES)
    for name in engine_loader.list_available():
        engine = engine_loader.load(name)
        engines[engine.get_name()] = engine
    container_loader = loading.PluginLoader(
        loading.SCORING_ENGINE_CONTAINERS)
    for name, container in container_loader.list_available().items():
        for engine in container.get_scoring_engine_list():
            engines[engine.get_name()] = engine
    return engines


def _engines():
    global _ENGINES
    with _LOCK:
        if _ENGINES is None:
            _ENGINES = _collect()
        return _ENGINES


def get_scoring_engine(name):
    """The engine called ``name``; raises ``ScoringEngineNotFound``."""
    try:
        return _engines()[name]
    except KeyError:
        raise exception.ScoringEngineNotFound(scoring_engine=name)


def get_scoring_engine_list():
    """Every known engine, sorted by name."""
    engines = _engines()
    return [engines[name] for name in sorted(engines)]


def clear():
    global _ENGINES
    with _LOCK:
        _ENGINES = None
