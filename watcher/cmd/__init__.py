"""Console scripts of Watcher."""
