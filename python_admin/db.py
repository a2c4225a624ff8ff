"""Connections to PostgreSQL and the alembic migrations that build the schema."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from db.settings import REPO_ROOT, database_url


def connect(url: str | None = None, *, autocommit: bool = False) -> psycopg.Connection:
    """Open a psycopg connection to `url` (DATABASE_URL by default). No server-side prepared
    statements: the URL may be a transaction pooler's (PgBouncer before 1.21 cannot follow a
    prepared statement from one server connection to the next)."""
    return psycopg.connect(url or database_url(), autocommit=autocommit, prepare_threshold=None)



def alembic_config(url: str | None = None):
    """An alembic Config pointing at this repository's migrations and at `url`."""
    from alembic.config import Config

    cfg = Config(str(REPO_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(REPO_ROOT / "db"))
    cfg.attributes["database_url"] = url or database_url()
    return cfg


def migrate(url: str | None = None, revision: str = "head") -> None:
    """Upgrade the database at `url` to `revision`."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    """Downgrade the database at `url` to `revision`."""
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def ensure_database(url: str | None = None) -> bool:
    """Create the database named in `url` if it does not exist; True when it was created."""
    params = conninfo_to_dict(url or database_url())
    dbname = params.get("dbname", "postgres")
    maintenance = make_conninfo(url or database_url(), dbname="postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (dbname,)).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(dbname)))
        return True


@contextmanager
def cursor(url: str | None = None) -> Iterator[psycopg.Cursor]:
    """A cursor in a transaction that commits when the block ends without error."""
    with connect(url) as conn, conn.cursor() as cur:
        yield cur


SCHEMA_DUMP_PATH = REPO_ROOT / "db" / "schema.sql"


def dump_schema(url: str | None = None) -> str:
    """The schema of the database at `url` as pg_dump prints it, minus run-specific lines.

    The committed db/schema.sql is this dump of a freshly migrated database: a reviewer reads in
    its diff exactly how a change moved the DDL. Owners and grants are left out (roles are
    cluster-wide and belong to revision 0005's own tests); pg_dump's version banner and its
    random \\restrict keys would differ between machines and runs.
    """
    import subprocess

    out = subprocess.run(
        ["pg_dump", "--schema-only", "--no-owner", "--no-privileges", "--dbname", url or database_url()],
        check=True, capture_output=True, text=True,
    ).stdout
    kept = [line for line in out.splitlines()
            if not line.startswith(("-- Dumped from", "-- Dumped by", "\\restrict", "\\unrestrict"))]
    return "\n".join(kept).strip() + "\n"


def fresh_schema_dump(url: str | None = None) -> str:
    """dump_schema of a scratch database migrated to head on the server `url` points at."""
    import uuid

    scratch = f"tagpage_schema_{uuid.uuid4().hex[:8]}"
    scratch_url = make_conninfo(url or database_url(), dbname=scratch)
    maintenance = make_conninfo(url or database_url(), dbname="postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(scratch)))
    try:
        migrate(scratch_url)
        return dump_schema(scratch_url)
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(scratch)))
