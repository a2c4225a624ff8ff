"""Alembic environment, revisions and the loader of versioned PL/pgSQL sources."""
