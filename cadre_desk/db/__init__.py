"""Storage: SQLAlchemy models, engine set-up, Alembic migrations, the search index."""
