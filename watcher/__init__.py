"""OpenStack Watcher: resource optimization service."""
