"""scripts/provision.sh, which the Makefile runs: configured servers are honoured, and when none
answers it starts a private PostgreSQL and Redis under .run/ and `down` stops them.

The script runs from a copy in tmp_path (it works relative to its own location), so .run/ of the
checkout is never touched. tmp_path is closed to other OS users, which also exercises the
fallback that keeps the cluster in /tmp when the postgres OS user cannot reach the repository.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import redis

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def script(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "provision.sh", tmp_path / "scripts" / "provision.sh")
    return tmp_path / "scripts" / "provision.sh"


def _run(script: Path, command: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    return subprocess.run(["bash", str(script), command], env={**base, **env},
                          capture_output=True, text=True, timeout=180)


def _env_file(script: Path) -> dict[str, str]:
    values = {}
    for line in (script.parent.parent / ".run" / "env").read_text().splitlines():
        if line.startswith("export "):
            key, _, value = line.removeprefix("export ").partition("=")
            values[key] = value
    return values


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_configured_servers_are_used_as_given(script: Path) -> None:
    result = _run(script, "services", DATABASE_URL="postgresql://someone@db.example:6543/x",
                  REDIS_URL="redis://cache.example:7000/3")
    assert result.returncode == 0, result.stderr
    assert _env_file(script) == {
        "DATABASE_URL": "postgresql://someone@db.example:6543/x",
        "TEST_DATABASE_URL": "postgresql://someone@db.example:6543/x",
        "REDIS_URL": "redis://cache.example:7000/3",
    }
    assert not (script.parent.parent / ".run" / "pg").exists(), "nothing is started"


def test_private_servers_start_and_stop(script: Path) -> None:
    # Port 1 answers nothing: the script behaves as on a machine without local servers.
    result = _run(script, "services", PROBE_PG_PORT="1", PROBE_REDIS_PORT="1")
    try:
        assert result.returncode == 0, result.stderr
        assert "started private PostgreSQL" in result.stderr
        assert "started private Redis" in result.stderr
        urls = _env_file(script)
        with psycopg.connect(urls["TEST_DATABASE_URL"], connect_timeout=10) as conn:
            assert conn.info.server_version >= 150000
            assert conn.execute("select current_setting('fsync')").fetchone()[0] == "off"
        assert redis.Redis.from_url(urls["REDIS_URL"], socket_timeout=5).ping()
        pg_port = int(urls["TEST_DATABASE_URL"].rsplit(":", 1)[1].split("/")[0])
        redis_port = int(urls["REDIS_URL"].rsplit(":", 1)[1].split("/")[0])

        # A second `services` reuses the running servers rather than starting more.
        again = _run(script, "services", PROBE_PG_PORT="1", PROBE_REDIS_PORT="1")
        assert again.returncode == 0, again.stderr
        assert "started" not in again.stderr
        assert _env_file(script) == urls

        checked = _run(script, "extensions", TEST_DATABASE_URL=urls["TEST_DATABASE_URL"],
                       VENV_PYTHON=sys.executable)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "offers pgtap and plpython3u" in checked.stdout
    finally:
        down = _run(script, "down")
        link = script.parent.parent / ".run" / "pg"
        if link.is_symlink():  # the /tmp fallback: remove the cluster this test made
            shutil.rmtree(link.resolve(), ignore_errors=True)
    assert down.returncode == 0, down.stderr
    assert not _listening(pg_port)
    assert not _listening(redis_port)
    assert not (script.parent.parent / ".run" / "env").exists()


def test_extensions_check_fails_loudly_without_a_server(script: Path) -> None:
    result = _run(script, "extensions", TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:1/postgres",
                  VENV_PYTHON=sys.executable)
    assert result.returncode != 0
    assert "cannot reach PostgreSQL" in result.stderr
