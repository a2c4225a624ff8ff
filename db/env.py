"""Alembic environment: online migrations only, one transaction per revision."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from db.settings import database_url, sqlalchemy_url

config = context.config


def run_migrations_online() -> None:
    url = config.attributes.get("database_url") or database_url()
    engine = create_engine(sqlalchemy_url(url), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=None,  # raw SQL revisions; there are no ORM models to compare
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("tagpage migrations run online only: set DATABASE_URL and run `tagpage migrate`")
run_migrations_online()
