"""Action plugins (entry point namespace ``watcher_actions``)."""
