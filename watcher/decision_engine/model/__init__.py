"""Cluster data models, the collectors that build them and the
notification endpoints that keep them up to date."""
