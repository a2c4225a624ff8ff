"""Read replicas: a real streaming standby of a private primary, both made for this run.

The session fixture runs scripts/provision.sh from a copy in a temporary directory (as
test_provision.py does): `services` starts a private primary (no local server is probed),
`replica` makes its standby with pg_basebackup -R, `down` stops both. A standby copies its
primary's whole cluster, so it is never made of the shared test server.

What is proved: pages read through the app from the replica equal the primary's; with replay
paused, a write sends reads to the primary once the lag passes the threshold and no page older
than the write is cached meanwhile; resumed, the replica serves again; the standby killed during
a load run costs no request and no walk a duplicate, and is used again once restarted; /metrics
of two gunicorn workers adds up both.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

import load_runner
from python_admin import db
from web.cache import PageQuery
from reliability_support import SORTS, Dataset, brute_force, gunicorn_app, private_redis, seed
from web.servers import replay_lag_ms
from web_support import REDIS_URL, delete_prefix

REPO = Path(__file__).resolve().parents[2]
API = "/api/v1/content/unified"
TEMPLATE = "tagpage_replica_template"


def _run(script: Path, command: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URLS")}
    result = subprocess.run(["bash", str(script), command], env={**base, **env},
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, f"provision.sh {command}: {result.stderr}"
    return result


def _as_pg() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@dataclass
class Pair:
    """The private primary and its standby, as provision.sh made them."""

    script: Path
    primary: str          # conninfo of the primary's maintenance database
    standby: str          # conninfo of the standby's maintenance database
    standby_data: Path

    def urls(self, dbname: str) -> tuple[str, str]:
        return make_conninfo(self.primary, dbname=dbname), make_conninfo(self.standby, dbname=dbname)

    def new_database(self) -> tuple[str, str]:
        """A fresh migrated database on the primary, replayed by the standby; its two URLs."""
        name = f"replica_test_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(self.primary, autocommit=True) as conn:
            conn.execute(sql.SQL("create database {} template {}").format(
                sql.Identifier(name), sql.Identifier(TEMPLATE)))
        self.wait_replayed()
        return self.urls(name)

    def wait_replayed(self, timeout: float = 20) -> None:
        """Until the standby has replayed everything the primary has written so far."""
        with psycopg.connect(self.primary, autocommit=True) as conn:
            target = conn.execute("select pg_current_wal_insert_lsn()").fetchone()[0]
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.standby, autocommit=True, connect_timeout=2) as conn:
                    if conn.execute("select pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,)).fetchone()[0]:
                        return
            except psycopg.OperationalError:
                pass
            assert time.monotonic() < deadline, "the standby did not catch up"
            time.sleep(0.05)

    def stop_standby(self) -> None:
        """Kill the standby as a crash would (no shutdown checkpoint, connections cut)."""
        subprocess.run([*_as_pg(), "/usr/lib/postgresql/15/bin/pg_ctl", "-D", str(self.standby_data),
                        "-m", "immediate", "-w", "stop"], check=True, capture_output=True, timeout=60)

    def start_standby(self) -> None:
        """Start it again the way it was made: provision.sh replica (same data, same port)."""
        _run(self.script, "replica", VENV_PYTHON=sys.executable)

    def pause(self, paused: bool) -> None:
        with psycopg.connect(self.standby, autocommit=True) as conn:
            conn.execute("select pg_wal_replay_pause()" if paused else "select pg_wal_replay_resume()")
            if paused:  # replay stops at the next record boundary, not at once
                while conn.execute("select pg_get_wal_replay_pause_state()").fetchone()[0] != "paused":
                    time.sleep(0.02)


@pytest.fixture(scope="session")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    root = tmp_path_factory.mktemp("replicas")
    (root / "scripts").mkdir()
    script = root / "scripts" / "provision.sh"
    shutil.copy(REPO / "scripts" / "provision.sh", script)
    env_file = root / ".run" / "env"
    made = False
    try:
        # Port 1 answers nothing: a private primary, whatever runs on this machine.
        _run(script, "services", PROBE_PG_PORT="1", REDIS_URL=REDIS_URL, VENV_PYTHON=sys.executable)
        primary = _env(env_file)["TEST_DATABASE_URL"]
        db.ensure_database(make_conninfo(primary, dbname=TEMPLATE))
        db.migrate(make_conninfo(primary, dbname=TEMPLATE))
        result = _run(script, "replica", VENV_PYTHON=sys.executable)
        assert "copies the WHOLE cluster" in result.stderr
        replica = _env(env_file)["DATABASE_REPLICA_URLS"]
        assert "," not in replica
        port = int(conninfo_to_dict(replica)["port"])
        standby = make_conninfo(primary, port=port, dbname="postgres")
        with psycopg.connect(standby, connect_timeout=10) as conn:
            assert conn.execute("select pg_is_in_recovery()").fetchone()[0]
        made = True
        yield Pair(script, primary, standby, (root / ".run" / "replica1").resolve() / "data")
    finally:
        subprocess.run(["bash", str(script), "down"], capture_output=True, text=True, timeout=120)
        link = root / ".run" / "pg"
        if link.is_symlink():  # the /tmp fallback for a cluster postgres could not keep in tmp
            shutil.rmtree(link.resolve(), ignore_errors=True)
    if made:
        assert not (root / ".run" / "replica1").exists(), "down removes the standby's copy"


def _env(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        if line.startswith("export "):
            key, _, value = line.removeprefix("export ").partition("=")
            values[key] = value
    return values


@pytest.fixture
def seeded(pair: Pair) -> tuple[str, str, Dataset]:
    """(primary URL, replica URL, data) of a fresh database the standby has replayed."""
    primary, replica = pair.new_database()
    with psycopg.connect(primary) as conn:
        data = seed(conn, n_per_source=60)
    pair.wait_replayed()
    return primary, replica, data


@pytest.fixture
def make_app() -> Iterator[Callable]:
    apps = []

    def factory(primary: str, replica: str | None, prefix: str, **overrides):
        from web.app import create_app

        settings = {"DATABASE_URL": primary, "DATABASE_REPLICA_URLS": replica or "", "REDIS_URL": REDIS_URL,
                    "TAGPAGE_CACHE_PREFIX": prefix, "TAGPAGE_ADMIN_TOKEN": None,
                    "TAGPAGE_REPLICA_CHECK_MS": 50, **overrides}
        app = create_app(settings)
        apps.append((app, prefix))
        runtime = app.extensions["tagpage"]
        if runtime.listener is not None:
            assert runtime.listener.ready.wait(10), "invalidation listener did not start"
        return app

    yield factory
    for app, prefix in apps:
        app.extensions["tagpage"].close()
        delete_prefix(prefix)


def calls(client, server: str) -> float:
    """How many database calls `server` answered, from /metrics."""
    text = client.get("/metrics").get_data(as_text=True)
    match = re.search(rf'^tagpage_db_call_seconds_count{{server="{server}"}} (\S+)$', text, re.M)
    return float(match.group(1)) if match else 0.0


def server_state(client, name: str) -> dict:
    return next(s for s in client.get("/api/v1/health").get_json()["servers"] if s["name"] == name)


def wait_until(predicate, timeout: float = 10, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def idents(body: dict) -> list[tuple[str, int]]:
    return [(i["source_type"], int(i["id"])) for i in body["items"]]


def test_replica_pages_equal_the_primarys(seeded, make_app) -> None:
    primary, replica, data = seeded
    routed = make_app(primary, replica, f"tagpage_test_rep_{uuid.uuid4().hex[:8]}").test_client()
    alone = make_app(primary, None, f"tagpage_test_rep_{uuid.uuid4().hex[:8]}").test_client()
    health = routed.get("/api/v1/health").get_json()
    assert [(s["name"], s["role"], s["state"]) for s in health["servers"]] == [
        ("primary", "primary", "ok"), ("replica1", "replica", "ok")], health
    assert health["servers"][1]["lag_ms"] == 0 and health["status"] == "ok"

    t = data.tags
    before = (calls(routed, "replica1"), calls(routed, "primary"))
    walks = 0
    with psycopg.connect(primary) as oracle_conn:
        for tags, match in [((), "all"), ((t["common"],), "all"), ((t["half"], t["third"]), "all"),
                            ((t["rare"], t["tenth"]), "any")]:
            for sort in SORTS:
                field, order = sort.rsplit("_", 1)
                base = [("sort_field", field), ("sort_order", order), ("tag_match", match),
                        ("page_size", "7"), ("cache_bypass", "true"), *[("tag", x) for x in tags]]
                seen, cursor = [], None
                while True:
                    query = base + ([("cursor", cursor)] if cursor else [])
                    a = routed.get(API, query_string=query).get_json()
                    b = alone.get(API, query_string=query).get_json()
                    # Same rows, tags, cursors and strategy; only the timing differs.
                    assert {k: a[k] for k in ("items", "pagination")} == {k: b[k] for k in ("items", "pagination")}
                    assert a["meta"]["strategy"] == b["meta"]["strategy"]
                    seen += idents(a)
                    cursor = a["pagination"]["next_cursor"]
                    if not cursor:
                        break
                assert seen == brute_force(oracle_conn, tags, None, None, match, sort)
                walks += 1
    replica_calls = calls(routed, "replica1") - before[0]
    assert replica_calls >= walks and calls(routed, "primary") == before[1], "every read went to the replica"
    # Tag endpoints read from the replica too.
    assert routed.get("/api/v1/tags/popular").get_json() == alone.get("/api/v1/tags/popular").get_json()
    assert routed.get("/api/v1/tags?q=").get_json() == alone.get("/api/v1/tags?q=").get_json()
    assert calls(routed, "replica1") == replica_calls + before[0] + 2
    # A replica's page is cached once it is up to date with every invalidation applied.
    first = routed.get(API, query_string=[("tag", t["common"])]).get_json()
    second = routed.get(API, query_string=[("tag", t["common"])]).get_json()
    assert (first["meta"]["cache"], second["meta"]["cache"]) == ("miss", "hit")
    assert second["items"] == first["items"]
    # A lost watermark means "unknown": nothing read from a replica is stored until the listener
    # puts it back (within its 2 s check) from the primary's current WAL position.
    cache = routed.application.extensions["tagpage"].cache
    cache.redis.delete(cache.watermark_key())
    params = [("tag", t["half"])]
    assert [routed.get(API, query_string=params).get_json()["meta"]["cache"] for _ in range(2)] == ["miss", "miss"]
    wait_until(lambda: cache.redis.get(cache.watermark_key()) is not None, 5, "the watermark to come back")
    assert [routed.get(API, query_string=params).get_json()["meta"]["cache"] for _ in range(2)] == ["miss", "hit"]


def test_paused_replay_sends_reads_to_the_primary_and_caches_nothing_stale(pair: Pair, seeded, make_app) -> None:
    primary, replica, data = seeded
    prefix = f"tagpage_test_rep_{uuid.uuid4().hex[:8]}"
    # Two apps on one cache: one tolerates any lag (keeps reading the paused replica), one skips
    # a replica lagging more than 300 ms.
    tolerant_app = make_app(primary, replica, prefix, TAGPAGE_MAX_REPLICA_LAG_MS=600_000)
    strict_app = make_app(primary, replica, prefix, TAGPAGE_MAX_REPLICA_LAG_MS=300)
    tolerant, strict = tolerant_app.test_client(), strict_app.test_client()
    cache = tolerant_app.extensions["tagpage"].cache
    params = [("tag", data.tags["common"]), ("page_size", "10")]
    query = PageQuery.create(tags=[data.tags["common"]], page_size=10)
    warm = tolerant.get(API, query_string=params).get_json()
    assert warm["meta"]["cache"] == "miss"
    assert strict.get(API, query_string=params).get_json()["meta"]["cache"] == "hit"
    old_key = cache.page_key(query)

    pair.pause(True)
    try:
        with psycopg.connect(primary, autocommit=True) as conn:
            new_id = conn.execute(
                "insert into content_items_all (source_type, title, creator_id, is_private, quality_score, "
                "created_at, updated_at) values ('items', 'after the pause', %s, false, 0.5, now(), now()) "
                "returning id", (data.users["alice"],)).fetchone()[0]
            conn.execute("insert into content_tags values (%s, 'items', %s)", (new_id, data.tags["common"]))
        fresh = ("items", new_id)
        wait_until(lambda: cache.page_key(query) != old_key, 5, "the invalidation")
        stores = cache.counters.values["stores"]
        behind = cache.counters.values["replica_behind"]

        # The paused replica still answers the tolerant app: a page without the write, served
        # but never stored, so the next request misses again.
        replica_calls = calls(tolerant, "replica1")
        for _ in range(3):
            body = tolerant.get(API, query_string=params).get_json()
            assert body["meta"]["cache"] == "miss" and fresh not in idents(body)
        assert calls(tolerant, "replica1") == replica_calls + 3
        assert cache.counters.values["stores"] == stores
        assert cache.counters.values["replica_behind"] == behind + 3
        assert cache.redis.get(cache.page_key(query)) is None

        # The strict app leaves the replica once its lag passes 300 ms, and reads the primary.
        wait_until(lambda: server_state(strict, "replica1")["state"] == "lagging", 10, "lag over 300 ms")
        assert server_state(strict, "replica1")["lag_ms"] > 300
        assert strict.get("/api/v1/health").get_json()["status"] == "degraded"
        primary_calls = calls(strict, "primary")
        body = strict.get(API, query_string=params).get_json()
        assert body["meta"]["cache"] == "miss" and idents(body)[0] == fresh
        assert calls(strict, "primary") == primary_calls + 1
        # What the cache holds now is the primary's page, which has the write, for both apps.
        stored = json.loads(cache.redis.get(cache.page_key(query)))
        assert ("items", new_id) in [(i["source_type"], i["id"]) for i in stored["items"]]
        for client in (strict, tolerant):
            hit = client.get(API, query_string=params).get_json()
            assert hit["meta"]["cache"] == "hit" and idents(hit)[0] == fresh
    finally:
        pair.pause(False)

    # Replay resumed: the replica catches up and serves the strict app again, write included.
    wait_until(lambda: server_state(strict, "replica1")["state"] == "ok", 10, "the replica to catch up")
    replica_calls = calls(strict, "replica1")
    body = strict.get(API, query_string=params + [("cache_bypass", "true")]).get_json()
    assert idents(body)[0] == fresh
    assert calls(strict, "replica1") == replica_calls + 1


def metric_sum(text: str, name: str, **labels: str) -> float:
    """Sum of the samples of `name` whose labels include `labels`."""
    total = 0.0
    for match in re.finditer(rf"^{name}{{([^}}]*)}} (\S+)$", text, re.M):
        have = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        if all(have.get(k) == v for k, v in labels.items()):
            total += float(match.group(2))
    return total


def scrape(base: str) -> str:
    import urllib.request

    with urllib.request.urlopen(f"{base}/metrics", timeout=10) as response:
        return response.read().decode()


def test_standby_dies_during_load_and_comes_back(pair: Pair) -> None:
    primary, replica = pair.new_database()
    with psycopg.connect(primary) as conn:
        data = seed(conn, n_per_source=120)
    pair.wait_replayed()
    env = {"DATABASE_URL": primary, "DATABASE_REPLICA_URLS": replica, "TAGPAGE_REPLICA_CHECK_MS": "100"}
    with private_redis() as cache_server, \
            gunicorn_app({**env, "REDIS_URL": cache_server.url}, workers=2, threads=4) as base:
        outcome: dict = {}
        runner = threading.Thread(target=lambda: outcome.update(
            report=load_runner.run(base, primary, data, seconds=9, clients=6)))
        runner.start()
        time.sleep(2.5)
        used_before = metric_sum(scrape(base), "tagpage_db_call_seconds_count", server="replica1")
        pair.stop_standby()
        time.sleep(2.5)
        pair.start_standby()
        restarted = metric_sum(scrape(base), "tagpage_db_call_seconds_count", server="replica1")
        runner.join(90)
        assert not runner.is_alive()
        report = outcome["report"]
        # Used again: reads reach the restarted standby (requests keep coming after the load).
        deadline, extra = time.monotonic() + 20, 0
        while metric_sum(scrape(base), "tagpage_db_call_seconds_count", server="replica1") <= restarted:
            assert time.monotonic() < deadline, "the restarted standby was not used again"
            urllib.request.urlopen(f"{base}{API}?cache_bypass=true", timeout=10).read()
            extra += 1
            time.sleep(0.1)
        text = scrape(base)
    print("\n" + report.summary())
    assert report.errors == [], "\n".join(report.errors[:20])
    assert report.walks > 0 and report.writes > 0
    assert used_before > 0, "the replica served before it was stopped"
    # Both workers' counts add up: every request the clients made is on /metrics once.
    assert metric_sum(text, "tagpage_http_responses_total", endpoint=API) == report.requests + extra
    assert metric_sum(text, "tagpage_http_responses_total", endpoint=API, status="200") == report.requests + extra
    assert metric_sum(text, "tagpage_content_request_seconds_count") == report.requests + extra
    assert metric_sum(text, "tagpage_content_request_seconds_count", server="replica1") > 0
    assert metric_sum(text, "tagpage_content_request_seconds_count", server="primary") > 0


def test_replay_lag_is_time_since_the_primary_passed_the_replica() -> None:
    samples = deque([(10.0, 100), (10.5, 160), (11.0, 200)])
    assert replay_lag_ms(samples, 200, now=30.0) == 0  # caught up: an idle primary lags nothing
    assert replay_lag_ms(samples, 250, now=30.0) == 0
    assert replay_lag_ms(samples, 180, now=11.25) == pytest.approx(250)
    assert replay_lag_ms(samples, 120, now=11.25) == pytest.approx(750)
    assert replay_lag_ms(samples, 50, now=11.25) == pytest.approx(1250)
