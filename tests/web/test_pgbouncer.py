"""Behind a transaction pooler: PgBouncer in pool_mode = transaction in front of the test server.

A client's consecutive transactions may run on different server connections, and one server
connection serves many clients in turn: nothing may live in the session (settings, prepared
statements, LISTEN). The pool is kept at two server connections, so the app's eight pooled
connections and the test's threads really do share them. The fixture starts Debian's pgbouncer
(installed by scripts/provision.sh packages) on a free loopback port; it refuses to run as root,
so as root it runs as the postgres OS user.

Covered: the key HTTP paths (pages with tags walked forward and back, tag names, sources and
users, SQL's 400s, the tag endpoints, health, invalidation of a cached page by a write made
through the pooler, concurrent clients), every engine strategy and the SQL cursors from a plain
SQL client, and CLI commands.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from conftest import url_of
from reliability_support import SORTS, STRATEGIES, brute_force, free_port, require_engine, seed
from web_support import REDIS_URL, TAGS, USERS, expected, keys_of, make_app, web_db  # noqa: F401

API = "/api/v1/content/unified"


@dataclass
class Bouncer:
    port: int
    workdir: Path

    def url(self, direct_url: str) -> str:
        """`direct_url` (a database on the test server) reached through PgBouncer instead."""
        return make_conninfo(direct_url, host="127.0.0.1", port=self.port)

    def show(self, what: str) -> list[dict]:
        """A SHOW command of PgBouncer's admin console (simple protocol only: through psql)."""
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "pgbouncer",
                              "-A", "-F", "\t", "-P", "footer=off", "-c", f"show {what}"],
                             check=True, capture_output=True, text=True, timeout=10).stdout.splitlines()
        header = out[0].split("\t")
        return [dict(zip(header, line.split("\t"))) for line in out[1:]]


@pytest.fixture(scope="session")
def pgbouncer() -> Iterator[Bouncer]:
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    assert os.path.exists(binary), "pgbouncer is not installed: run `make install` (scripts/provision.sh packages)"
    server = conninfo_to_dict(url_of_server())
    workdir = Path(tempfile.mkdtemp(prefix="tagpage-pgbouncer-"))
    port = free_port()
    (workdir / "users.txt").write_text('"postgres" ""\n"tagpage_reader" ""\n')
    (workdir / "pgbouncer.ini").write_text(f"""\
[databases]
* = host={server.get('host', '127.0.0.1')} port={server.get('port', 5432)}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {workdir}/users.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = 2
max_client_conn = 200
logfile = {workdir}/pgbouncer.log
pidfile = {workdir}/pgbouncer.pid
""")
    as_pg: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
        for item in workdir.iterdir():
            shutil.chown(item, "postgres", "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    proc = subprocess.Popen([*as_pg, binary, str(workdir / "pgbouncer.ini")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    bouncer = Bouncer(port, workdir)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with psycopg.connect(bouncer.url(url_of_server()), connect_timeout=2, prepare_threshold=None) as conn:
                    conn.execute("select 1")
                break
            except psycopg.OperationalError:
                assert proc.poll() is None, f"pgbouncer exited: {proc.stderr.read().decode()}"
                assert time.monotonic() < deadline, "pgbouncer did not answer"
                time.sleep(0.1)
        yield bouncer
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)


def url_of_server() -> str:
    from conftest import conninfo

    return conninfo("postgres")


def bounced_conn(bouncer: Bouncer, direct_url: str, **kwargs) -> psycopg.Connection:
    """A plain SQL client through the pooler (no server-side prepared statements: PgBouncer
    before 1.21 cannot follow them across server connections)."""
    return psycopg.connect(bouncer.url(direct_url), prepare_threshold=None, **kwargs)


# ----- the web app --------------------------------------------------------------------------

@pytest.fixture
def bounced_app(web_db, make_app, pgbouncer):
    """The app with every read through PgBouncer; the listener on the server itself."""
    url, _ = web_db
    return make_app(pgbouncer.url(url), DATABASE_LISTEN_URL=url)


def walk(client, params: list[tuple[str, str]], direction: str = "next", cursor: str | None = None):
    seen, body = [], {}
    for _ in range(50):
        r = client.get(API, query_string=params + [("cache_bypass", "true")] + ([("cursor", cursor)] if cursor else []))
        assert r.status_code == 200, r.json
        body = r.json
        seen += keys_of(body["items"])
        pag = body["pagination"]
        more, cursor = ((pag["has_next"], pag["next_cursor"]) if direction == "next"
                        else (pag["has_previous"], pag["prev_cursor"]))
        if not more:
            break
    return seen, body


@pytest.mark.parametrize("tags,match,sort", [
    ((), "all", "created_at_desc"), (("cat",), "all", "created_at_asc"),
    (("cat", "dog"), "all", "quality_score_desc"), (("cat", "dog"), "any", "created_at_desc"),
    (("bird", "fish"), "any", "quality_score_desc")])
def test_pages_walk_forward_and_back_through_pgbouncer(bounced_app, web_db, pgbouncer, tags, match, sort):
    _, data = web_db
    client = bounced_app.test_client()
    field, order = sort.rsplit("_", 1)
    params = [("tag_names", t) for t in tags] + [("tag_match", match), ("sort_field", field),
                                                 ("sort_order", order), ("page_size", "4")]
    want = expected(data, list(tags), match, sort=sort)
    forward, last = walk(client, params)
    assert forward == want
    if len(want) > 4:
        back, _ = walk(client, params, "prev", last["pagination"]["prev_cursor"])
        pages = [want[i:i + 4] for i in range(0, len(want), 4)][:-1]
        assert back == [k for page in reversed(pages) for k in page]


def test_the_rest_of_the_api_through_pgbouncer(bounced_app, web_db, pgbouncer):
    url, data = web_db
    client = bounced_app.test_client()
    alice = USERS["alice"]
    body = client.get(API, query_string={"content_source_types": "user-regular,community-auto",
                                         "user_id": alice, "page_size": 100}).json
    assert keys_of(body["items"]) == expected(data, sources=["user-regular", "community-auto"], user=alice)
    # SQL's own 22023 comes back through the pooler as a 400 naming the field.
    bad = client.get(API, query_string={"tag": "00000000-0000-0000-0000-000000000bad"})
    assert bad.status_code == 400 and bad.json["error"]["field"] == "tag"
    assert client.get(API, query_string={"tag_names": "wolf"}).json["error"]["code"] == "unknown_tag"
    popular = client.get("/api/v1/tags/popular").json
    assert popular[0] == {"id": TAGS["cat"], "name": "cat", "cardinality": 30}
    assert [t["name"] for t in client.get("/api/v1/tags?q=b").json] == ["bird"]
    health = client.get("/api/v1/health")
    assert health.status_code == 200 and health.json["database"] == "ok"
    assert health.json["invalidation_listener"] == "up"
    # The app's transactions really went through the pooler, to this database.
    dbname = conninfo_to_dict(url)["dbname"]
    stats = {row["database"]: row for row in pgbouncer.show("stats")}
    assert int(stats[dbname]["total_xact_count"]) >= 5


def test_cached_page_invalidated_by_a_write_through_pgbouncer(bounced_app, web_db, pgbouncer):
    url, data = web_db
    client = bounced_app.test_client()
    params = {"tag": TAGS["fish"]}
    assert client.get(API, query_string=params).json["meta"]["cache"] == "miss"
    assert client.get(API, query_string=params).json["meta"]["cache"] == "hit"
    with bounced_conn(pgbouncer, url, autocommit=True) as writer:
        writer.execute("insert into content_tags values (7, 'items', %s)", (TAGS["fish"],))
    deadline = time.monotonic() + 2
    while True:
        body = client.get(API, query_string=params).json
        if ("items", 7) in keys_of(body["items"]):
            break
        assert time.monotonic() < deadline, "the write made through the pooler never reached the page"
        time.sleep(0.02)


def test_concurrent_clients_share_two_server_connections(bounced_app, web_db, pgbouncer):
    _, data = web_db
    client_app = bounced_app
    queries = [((), "all"), (("cat",), "all"), (("cat", "dog"), "any"), (("dog", "bird"), "all")]

    def one(n: int) -> bool:
        tags, match = queries[n % len(queries)]
        client = client_app.test_client()
        params = [("tag_names", t) for t in tags] + [("tag_match", match), ("page_size", "100"),
                                                     ("cache_bypass", "true")]
        r = client.get(API, query_string=params)
        return r.status_code == 200 and keys_of(r.json["items"]) == expected(data, list(tags), match)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(64)))
    assert all(results)
    pools = [row for row in pgbouncer.show("pools") if row["user"] == "tagpage_reader"]
    assert pools and all(int(row["sv_active"]) + int(row["sv_idle"]) + int(row["sv_used"]) <= 2 for row in pools)


# ----- SQL callers --------------------------------------------------------------------------

def test_every_engine_strategy_through_pgbouncer(postgresql: psycopg.Connection, pgbouncer):
    require_engine(postgresql)
    data = seed(postgresql, n_per_source=40)
    direct = url_of(postgresql)
    t = data.tags
    checked = 0
    with bounced_conn(pgbouncer, direct) as conn, bounced_conn(pgbouncer, direct, autocommit=True) as other:
        for tags, match in [((), "all"), ((t["common"],), "all"), ((t["common"], t["rare"]), "all"),
                            ((t["rare"], t["tenth"]), "any")]:
            for sort in SORTS:
                want = brute_force(postgresql, tags, None, None, match, sort)
                for strategy in ("", *STRATEGIES):
                    try:
                        rows = _walk_sql(conn, strategy, list(tags), match, sort)
                    except psycopg.errors.InvalidParameterValue:
                        assert strategy, "the planner itself must never refuse"
                        conn.rollback()
                        continue
                    assert rows == want, (strategy, tags, match, sort)
                    checked += 1
                    # The forced strategy lived in its transaction only: another client sharing
                    # the pooler's server connections sees the planner's choice.
                    plan = other.execute("select unified_content_plan(tags => %s::uuid[], tag_match => %s)",
                                         (list(tags), match)).fetchone()[0]
                    assert plan.get("forced") in (None, ""), plan
    assert checked > 40
    with bounced_conn(pgbouncer, direct, autocommit=True) as conn:
        assert conn.execute("select count(*) from popular_tags(10)").fetchone()[0] > 0
        assert conn.execute("select count(*) from search_tags('c')").fetchone()[0] >= 1
        conn.execute("select refresh_tag_cardinality_stats()")


def _walk_sql(conn: psycopg.Connection, strategy: str, tags: list[str], match: str, sort: str) -> list:
    """Every row, page by page through the SQL cursors, each page its own transaction (so each
    may run on another server connection) with the strategy forced locally."""
    rows, cursor = [], None
    while True:
        with conn.transaction():
            conn.execute("select set_config('tagpage.force_strategy', %s, true)", (strategy,))
            page = conn.execute(
                "select source_type, id, next_cursor from unified_content_page(tags => %s::uuid[], "
                "cursor => %s, page_size => 9, tag_match => %s, sort => %s)", (tags, cursor, match, sort)).fetchall()
        rows += [(s, i) for s, i, _ in page]
        if len(page) < 9 or page[-1][2] is None:
            return rows
        cursor = page[-1][2]


def test_cli_through_pgbouncer(web_db, pgbouncer, monkeypatch):
    from python_admin.cli import main

    url, _ = web_db
    prefix = f"tagpage_test_bouncer_{time.time_ns()}"
    env = {"DATABASE_URL": pgbouncer.url(url), "REDIS_URL": REDIS_URL, "TAGPAGE_CACHE_PREFIX": prefix}
    runner = CliRunner()
    try:
        for args in (["stats", "refresh"], ["stats", "refresh", "--incremental"], ["config", "show"],
                     ["cache", "warm", "--top", "4"], ["cache", "warm", "--top", "4"]):
            result = runner.invoke(main, args, env=env)
            assert result.exit_code == 0, (args, result.output)
        assert "0 pages (4 already cached" in result.output
        stats = json.loads(runner.invoke(main, ["cache", "stats", "--json"], env=env).output)
        assert stats["pages"] == 4
    finally:
        from web_support import delete_prefix

        delete_prefix(prefix)
