"""Shared helpers of the reliability tests: tiny seeded data, a brute-force answer, private
Redis servers, and the web app on a real WSGI server. No mocks: real PostgreSQL and Redis.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator, Sequence

import psycopg
import pytest

from oracle import STRATEGIES, Request as OracleRequest, oracle  # tests/support is on sys.path (rootdir conftest)

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE_WORDS = ("user-regular", "user-auto", "community-regular", "community-auto")
SORTS = ("created_at_desc", "created_at_asc", "quality_score_desc")
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def fixed_uuid(kind: int, n: int) -> str:
    return str(uuid.UUID(int=(kind << 64) | n))


@dataclass
class Dataset:
    """What seed() wrote: users by name, tags by name, and every row's facts."""
    users: dict[str, str]
    tags: dict[str, str]
    rows: dict[tuple[str, int], dict] = field(default_factory=dict)

    def private_of(self, user: str | None) -> set[tuple[str, int]]:
        """Private rows NOT created by `user` (the ones `user` must never see)."""
        uid = self.users.get(user) if user else None
        return {key for key, row in self.rows.items() if row["private"] and row["creator"] != uid}


# tag name -> share of rows carrying it; 'secret' is only ever on private rows.
TAG_DENSITY = {"common": 0.7, "half": 0.5, "third": 0.3, "tenth": 0.1, "rare": 0.04}


def seed(conn: psycopg.Connection, n_per_source: int = 90, rng_seed: int = 11,
         private_share: float = 0.35) -> Dataset:
    """Write a small, adversarial data set and commit.

    Ids collide across sources, created_at and quality_score tie often, a third of the rows
    are private (three creators, both sources), and the 'secret' tag is on private rows only,
    so a tag-first strategy that forgets the privacy filter shows it at once.
    """
    rng = random.Random(rng_seed)
    users = {name: fixed_uuid(0xA, n) for n, name in enumerate(("alice", "bob", "carol"), 1)}
    tags = {name: fixed_uuid(0xB, n) for n, name in enumerate([*TAG_DENSITY, "secret"], 1)}
    data = Dataset(users, tags)
    with conn.cursor() as cur:
        cur.executemany("insert into users (id, username) values (%s, %s)",
                        [(uid, name) for name, uid in users.items()])
        cur.executemany("insert into tags (id, name) values (%s, %s)",
                        [(tid, name) for name, tid in tags.items()])
        items, links = [], []
        for source in ("items", "auto"):
            for i in range(1, n_per_source + 1):
                creator = list(users.values())[i % 3]
                private = rng.random() < private_share
                created = T0 + timedelta(minutes=(i // 3) * 7)  # ties in threes
                quality = rng.choice((0.0, 0.25, 0.5, 0.5, 1.0))
                row_tags = [name for name, density in TAG_DENSITY.items() if rng.random() < density]
                if private and rng.random() < 0.5:
                    row_tags.append("secret")
                items.append((i, source, f"{source}-{i}", creator, private, quality, created, created))
                links += [(i, source, tags[name]) for name in row_tags]
                data.rows[(source, i)] = {"creator": creator, "private": private, "quality": quality,
                                          "created": created, "tags": set(row_tags)}
        cur.executemany(
            "insert into content_items_all (id, source_type, title, creator_id, is_private, "
            "quality_score, created_at, updated_at) values (%s, %s, %s, %s, %s, %s, %s, %s)", items)
        cur.executemany(
            "insert into content_tags (content_id, content_source, tag_id) values (%s, %s, %s)", links)
        cur.execute("select setval('content_items_all_id_seq', 1000000)")
    conn.commit()
    refresh_stats(conn)
    return data


def refresh_stats(conn: psycopg.Connection) -> None:
    """Run refresh_tag_cardinality_stats() when it exists (the planner's input)."""
    if conn.execute("select to_regproc('public.refresh_tag_cardinality_stats')").fetchone()[0]:
        conn.execute("select refresh_tag_cardinality_stats()")
        conn.commit()


def brute_force(conn: psycopg.Connection, tags: Sequence[str], user: str | None,
                sources: Sequence[str] | None, match: str, sort: str) -> list[tuple[str, int]]:
    """The exact answer, in display order: the engine tests' brute-force oracle (tests/support/oracle.py),
    reduced to row identities. No sources (None or empty) means all four words."""
    request = OracleRequest(tags=tuple(tags), user_id=user,
                            source_types=tuple(sources) if sources else None,
                            tag_match=match, sort=sort)
    return [row.ident for row in oracle(conn, request)]


def engine_ready(conn: psycopg.Connection) -> bool:
    return bool(conn.execute("select to_regproc('public.unified_content_page') is not null").fetchone()[0])


def require_engine(conn: psycopg.Connection) -> None:
    # The engine is part of head: its absence is a broken migration, never a reason to skip.
    assert engine_ready(conn), "unified_content_page() is missing after migrating to head"


def require_web() -> None:
    import web.app  # noqa: F401  (an import error must fail the test, not skip it)


# ------------------------------------------------------------------------------ servers

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


class PrivateRedis:
    """A throwaway redis-server on a free port, which a test may stop and start again."""

    def __init__(self) -> None:
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--protected-mode", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_port(self.port)

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        self.proc = None


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.kill()


@contextmanager
def gunicorn_app(env: dict[str, str], workers: int = 1, threads: int = 8) -> Iterator[str]:
    """`web.app:create_app()` under gunicorn on a free loopback port, with `tagpage serve`'s
    gunicorn settings (/metrics adds up the workers); yields the base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "python:web.gunicorn_config",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--threads", str(threads), "--worker-class", "gthread", "--timeout", "30",
         "--graceful-timeout", "2", "--log-level", "warning", "web.app:create_app()"],
        cwd=REPO_ROOT, env={**os.environ, **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_port(port, 20)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 10
        while True:  # the port opens before the app has imported
            try:
                urllib.request.urlopen(base + "/api/v1/health", timeout=2).read()
                break
            except Exception:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)


@contextmanager
def private_postgres() -> Iterator[str]:
    """A throwaway PostgreSQL 15 cluster (trust auth) on a free port; yields its postgres conninfo.

    For what a shared server cannot show: cluster-wide roles appearing and disappearing. Runs
    initdb/pg_ctl as the postgres OS user when we are root (initdb refuses root).
    """
    bindir = Path("/usr/lib/postgresql/15/bin")
    if not (bindir / "initdb").exists():
        pytest.skip("PostgreSQL 15 server binaries are not installed")
    as_pg: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            pytest.skip("root without runuser cannot start a private cluster")
        as_pg = ["runuser", "-u", "postgres", "--"]
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="tagpage-rel-pg-"))
    if as_pg:
        shutil.chown(base, "postgres", "postgres")
    data, port = base / "data", free_port()
    subprocess.run([*as_pg, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "--no-locale", "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
    subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"),
                    "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
                          f"-c shared_buffers=16MB -c max_connections=20", "start"],
                   check=True, capture_output=True)
    try:
        yield f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
    finally:
        subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
