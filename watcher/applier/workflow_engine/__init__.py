"""Workflow engines (namespace ``watcher_workflow_engines``)."""
