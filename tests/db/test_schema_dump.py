"""db/schema.sql is the schema a fresh `alembic upgrade head` builds, so its diff in a review shows
exactly how a change moved the DDL. Regenerate it with `make schema-dump`."""
from __future__ import annotations

import psycopg
from click.testing import CliRunner

from conftest import conninfo
from python_admin import db
from python_admin.cli import main


def test_committed_schema_dump_matches_a_fresh_migration(postgresql: psycopg.Connection, tmp_path) -> None:
    out = tmp_path / "schema.sql"
    result = CliRunner().invoke(main, ["--database-url", conninfo("postgres"), "schema-dump",
                                       "--output", str(out)])
    assert result.exit_code == 0, result.output
    fresh = out.read_text()
    assert "CREATE TABLE public.content_items_all" in fresh
    assert "CREATE FUNCTION public.unified_content_page" in fresh
    assert "Dumped by" not in fresh and "\\restrict" not in fresh
    assert fresh == db.SCHEMA_DUMP_PATH.read_text(), (
        "db/schema.sql is out of date: run `make schema-dump` and commit it")
    with psycopg.connect(conninfo("postgres")) as conn:
        leftovers = conn.execute(
            "select count(*) from pg_database where datname like 'tagpage_schema_%'").fetchone()[0]
    assert leftovers == 0, "the scratch database was not dropped"
