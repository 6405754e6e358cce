"""Notification endpoints that update the master cluster data models."""
