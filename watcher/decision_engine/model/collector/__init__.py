"""Cluster data model collectors (``watcher_cluster_data_model_collectors``
entry points): build the models from the services and keep them current."""
