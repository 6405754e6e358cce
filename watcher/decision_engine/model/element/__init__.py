"""Records of the cluster data models (compute, storage, baremetal)."""
from watcher.decision_engine.model.element.base import Element
from watcher.decision_engine.model.element.baremetal import IronicNode
from watcher.decision_engine.model.element.compute import ComputeNode
from watcher.decision_engine.model.element.compute import Instance
from watcher.decision_engine.model.element.compute import instance_disk_gb
from watcher.decision_engine.model.element.compute import InstanceState
from watcher.decision_engine.model.element.compute import ServiceState
from watcher.decision_engine.model.element.storage import Pool
from watcher.decision_engine.model.element.storage import StorageNode
from watcher.decision_engine.model.element.storage import Volume

__all__ = (
    'ComputeNode',
    'Element',
    'Instance',
    'InstanceState',
    'IronicNode',
    'Pool',
    'ServiceState',
    'StorageNode',
    'Volume',
    'instance_disk_gb',
)
