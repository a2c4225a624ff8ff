"""db/sqlfiles keeps revisions honest: a revision installs exactly the bodies it shipped.

Edits happen in a temporary copy of db/ and plpgsql/ (or in temporary directories patched into
the module), never in the checkout, so other people's files are never touched.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from db import sqlfiles
from db.settings import sqlalchemy_url
from python_admin import db

REPO = Path(__file__).resolve().parents[2]


def _run_module(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m db.sqlfiles ...` importing db/ from `cwd` (the checkout or a copy of it)."""
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [sys.executable, "-c",
         "import sys, db.sqlfiles as s; print('module:', s.__file__); sys.exit(s._main(sys.argv[1:]))",
         *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
    )


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the parts of the checkout that sqlfiles reads."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "db", tmp_path / "db", ignore=ignore)
    if (REPO / "plpgsql").exists():
        shutil.copytree(REPO / "plpgsql", tmp_path / "plpgsql", ignore=ignore)
    else:
        (tmp_path / "plpgsql").mkdir()
    return tmp_path


def test_check_passes_on_the_checkout() -> None:
    result = _run_module(REPO, "check")
    assert f"module: {REPO / 'db' / 'sqlfiles.py'}" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all SQL manifests match" in result.stdout


def test_every_manifest_belongs_to_a_revision() -> None:
    revisions = {path.name.split("_", 1)[0] for path in (REPO / "db" / "versions").glob("*.py")}
    for path in (REPO / "db" / "manifests").glob("*.json"):
        assert path.stem in revisions, f"{path.name} has no revision in db/versions"
        entries = json.loads(path.read_text())["files"]
        names = [entry["file"] for entry in entries]
        assert len(names) == len(set(names)), f"{path.name} lists a file twice"


def test_every_plpgsql_file_is_installed_by_some_revision() -> None:
    """A body no manifest lists is never installed: a forgotten `freeze`."""
    listed = {name for path in (REPO / "db" / "manifests").glob("*.json") for name, _ in
              sqlfiles.manifest(path.stem)}
    on_disk = {str(path.relative_to(REPO / "plpgsql")) for path in (REPO / "plpgsql").rglob("*.sql")}
    assert on_disk - listed == set()


def test_changed_body_is_refused(repo_copy: Path) -> None:
    probe = repo_copy / "plpgsql" / "zz_probe.sql"
    probe.write_text("create function zz_probe() returns text language sql as $$ select 'a' $$;\n")
    frozen = _run_module(repo_copy, "freeze", "9999", "zz_probe.sql")
    assert frozen.returncode == 0, frozen.stderr
    assert f"module: {repo_copy / 'db' / 'sqlfiles.py'}" in frozen.stdout
    assert _run_module(repo_copy, "check").returncode == 0

    probe.write_text(probe.read_text().replace("'a'", "'b'"))
    result = _run_module(repo_copy, "check")
    assert result.returncode == 1
    assert "plpgsql/zz_probe.sql differs from what revision 9999 shipped" in result.stdout


def test_changed_body_of_a_real_revision_is_refused(repo_copy: Path) -> None:
    shipped = [(path.stem, name) for path in sorted((repo_copy / "db" / "manifests").glob("*.json"))
               for name, _ in sqlfiles.manifest(path.stem)]
    assert shipped, "no revision ships a plpgsql file"
    for revision, name in shipped:
        target = repo_copy / "db" / "frozen" / revision / name
        if not target.exists():
            target = repo_copy / "plpgsql" / name
        original = target.read_text()
        target.write_text(original + "\n-- edited\n")
        result = _run_module(repo_copy, "check")
        assert result.returncode == 1, f"editing {name} of {revision} went unnoticed"
        assert f"differs from what revision {revision} shipped" in result.stdout
        target.write_text(original)
    assert _run_module(repo_copy, "check").returncode == 0


def test_missing_file_is_reported(repo_copy: Path) -> None:
    (repo_copy / "db" / "manifests" / "9998.json").write_text(
        json.dumps({"files": [{"file": "zz_gone.sql", "sha256": "0" * 64}]}))
    result = _run_module(repo_copy, "check")
    assert result.returncode == 1
    assert "zz_gone.sql" in result.stdout


@pytest.fixture
def scratch_layout(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point sqlfiles at empty plpgsql/, manifests/ and frozen/ directories under tmp_path.

    Depends on db_url so the migrated template (built from the real manifests) exists first.
    """
    for name in ("plpgsql", "manifests", "frozen"):
        (tmp_path / name).mkdir()
    monkeypatch.setattr(sqlfiles, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(sqlfiles, "PLPGSQL_DIR", tmp_path / "plpgsql")
    monkeypatch.setattr(sqlfiles, "MANIFEST_DIR", tmp_path / "manifests")
    monkeypatch.setattr(sqlfiles, "FROZEN_DIR", tmp_path / "frozen")
    return tmp_path


def _in_migration(url: str, action) -> None:
    """Run `action()` with alembic's op bound to a transaction on `url`, as a revision runs."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine, pool

    engine = create_engine(sqlalchemy_url(url), poolclass=pool.NullPool)
    with engine.begin() as connection, Operations.context(MigrationContext.configure(connection)):
        action()


_BODY = """-- a probe function
create function zz_probe()
    returns text
    language sql
    set search_path = public, pg_temp
as $$ select '{version}'::text $$;
"""


def _probe(url: str) -> str | None:
    with psycopg.connect(url) as conn:
        if conn.execute("select to_regprocedure('zz_probe()')").fetchone()[0] is None:
            return None
        return conn.execute("select zz_probe()").fetchone()[0]


def test_old_revision_installs_its_frozen_body(scratch_layout: Path, db_url: str) -> None:
    source = scratch_layout / "plpgsql" / "zz_probe.sql"
    source.write_text(_BODY.format(version="v1"))
    sqlfiles.freeze("9999", ["zz_probe.sql"])

    # A later revision changes the body; the old one keeps its shipped copy under frozen/.
    (scratch_layout / "frozen" / "9999").mkdir()
    shutil.copy(source, scratch_layout / "frozen" / "9999" / "zz_probe.sql")
    source.write_text(_BODY.format(version="v2"))
    assert sqlfiles.check_all() == []
    assert sqlfiles.source_path("9999", "zz_probe.sql").parent.name == "9999"

    _in_migration(db_url, lambda: sqlfiles.install("9999"))
    assert _probe(db_url) == "v1"
    with psycopg.connect(db_url) as conn:
        recorded = conn.execute(
            "select signature from tagpage_installed_function where revision = '9999'").fetchall()
    assert recorded == [("zz_probe()",)]

    _in_migration(db_url, lambda: sqlfiles.uninstall("9999"))
    assert _probe(db_url) is None
    with psycopg.connect(db_url) as conn:
        assert conn.execute(
            "select count(*) from tagpage_installed_function where revision = '9999'").fetchone()[0] == 0


def test_install_refuses_a_changed_body_and_installs_nothing(scratch_layout: Path, db_url: str) -> None:
    source = scratch_layout / "plpgsql" / "zz_probe.sql"
    source.write_text(_BODY.format(version="v1"))
    sqlfiles.freeze("9999", ["zz_probe.sql"])
    source.write_text(_BODY.format(version="v2"))

    with pytest.raises(sqlfiles.SqlSourceMismatch, match="zz_probe.sql differs"):
        _in_migration(db_url, lambda: sqlfiles.install("9999"))
    assert _probe(db_url) is None
