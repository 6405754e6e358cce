"""SQLAlchemy backend: models, the generic CRUD Connection, migrations."""
