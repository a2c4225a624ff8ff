"""The test harness itself: pgTAP files run against a migrated copy, failures fail the run, and a
pgTAP file that cannot reach PostgreSQL is an error, never a skip (pytest-pgtap's own fixture
skips in that case; tests/conftest.py overrides it)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent

_PASSING = """BEGIN;
select plan(2);
select has_table('public', 'content_items_all', 'the copy is migrated');
select has_extension('pgtap', 'pgtap is installed in the copy');
select * from finish();
ROLLBACK;
"""

_FAILING = """BEGIN;
select plan(1);
select is(1, 2, 'one is two');
select * from finish();
ROLLBACK;
"""


def _pytest_on(tmp_path: Path, database_url: str, files: dict[str, str]) -> subprocess.CompletedProcess:
    """Run pytest in a subprocess on pgTAP files in tmp_path, next to a verbatim copy of
    tests/conftest.py (so its fixtures take precedence over the plugin's exactly as in tests/),
    against `database_url`."""
    (tmp_path / "conftest.py").write_text((REPO / "tests" / "conftest.py").read_text())
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(DATABASE_URL=database_url, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-rA", *files],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )


def test_pgtap_results_are_counted(tmp_path: Path, postgresql: psycopg.Connection) -> None:
    server = psycopg.conninfo.make_conninfo(
        host=postgresql.info.host, port=postgresql.info.port, user=postgresql.info.user,
        dbname="postgres")
    result = _pytest_on(tmp_path, server, {"test_ok.sql": _PASSING, "test_bad.sql": _FAILING})
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "PASSED test_ok.sql::test_ok.sql" in out
    assert "FAILED test_bad.sql::test_bad.sql" in out
    assert "one is two" in out
    assert "skipped" not in out


def test_unreachable_server_fails_the_run(tmp_path: Path) -> None:
    # Port 1 on loopback: nothing listens there, the connection is refused at once.
    result = _pytest_on(tmp_path, "postgresql://postgres@127.0.0.1:1/postgres",
                        {"test_tiny.sql": _PASSING})
    out = result.stdout + result.stderr
    summary = out.strip().splitlines()[-1]
    assert result.returncode != 0, out
    assert "skipped" not in out.lower(), out
    assert "passed" not in summary and ("1 failed" in summary or "1 error" in summary), summary
    assert "PostgreSQL at 127.0.0.1:1 does not answer" in out, out


def test_a_skipped_test_fails_the_run(tmp_path: Path, postgresql: psycopg.Connection) -> None:
    server = psycopg.conninfo.make_conninfo(
        host=postgresql.info.host, port=postgresql.info.port, user=postgresql.info.user,
        dbname="postgres")
    skipping = "import pytest\n\ndef test_skips():\n    pytest.skip('a probe found nothing')\n"
    result = _pytest_on(tmp_path, server, {"test_skip.py": skipping})
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "1 test(s) skipped: failing the run" in out, out


def test_no_tagpage_is_reachable_through_path() -> None:
    """Project commands are started through the interpreter's environment (conftest's
    project_command), so none may be found on PATH while the suite runs."""
    import shutil

    assert shutil.which("tagpage") is None, shutil.which("tagpage")


def test_a_test_calling_a_bare_tagpage_fails_even_with_one_installed(tmp_path: Path) -> None:
    # A "global install by hand": a working tagpage in a directory on PATH.
    foreign = tmp_path / "foreign-bin"
    foreign.mkdir()
    script = foreign / "tagpage"
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o755)
    bare = ("import subprocess\n\ndef test_bare():\n"
            "    subprocess.run(['tagpage', '--help'], check=True)\n")
    (tmp_path / "conftest.py").write_text((REPO / "tests" / "conftest.py").read_text())
    (tmp_path / "test_bare.py").write_text(bare)
    env = dict(os.environ, PATH=f"{foreign}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                             "--rootdir", str(tmp_path), "-rA", "test_bare.py"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "FileNotFoundError" in out and "FAILED test_bare.py::test_bare" in out, out
    assert str(foreign) in out  # the report header names what it took off PATH
