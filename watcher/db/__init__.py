"""Persistence: the generic CRUD facade (``api``), its SQLAlchemy backend
and the purge of soft-deleted rows."""
