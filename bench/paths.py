"""The paths the benchmark times: legacy SQL, upstream SQL, tagpage SQL and tagpage HTTP.

Each path is a thin caller: build the arguments of one Request, run it, fetch every row. Timing
happens in bench.py around these calls, so what is measured is the full round trip a caller sees.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import http.client
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlencode

import psycopg
from psycopg.rows import dict_row

from bench import legacy, upstream
from db.settings import REPO_ROOT
from bench.workload import Request

PAGE_SQL = (
    "select * from unified_content_page(%s::uuid[], %s::text, %s::int, %s::uuid, %s::text[],"
    " %s::text, %s::text, %s::text)"
)
PLAN_SQL = (
    "select unified_content_plan(%s::uuid[], %s::text, %s::int, %s::uuid, %s::text[],"
    " %s::text, %s::text, %s::text)"
)
def strategies(conn: psycopg.Connection) -> tuple[str, ...]:
    """Every strategy the engine offers (tagpage_strategies(), docs/api.md); forcing one that
    cannot serve a request raises 22023, which the regret pass records as "not applicable"."""
    return tuple(row[0] for row in conn.execute("select unnest(tagpage_strategies())").fetchall())


_HTTP_SORT = {
    "created_at_desc": ("created_at", "desc"),
    "created_at_asc": ("created_at", "asc"),
    "quality_score_desc": ("quality_score", "desc"),
}


def connect(url: str) -> psycopg.Connection:
    """An autocommit connection without server-side prepared statements.

    Autocommit so a cancelled forced strategy does not poison the next call; no prepares
    (prepare_threshold=None) so legacy and tagpage are called the same way the gallery's driver
    did, and so the legacy query is planned per call instead of flipping to a generic plan.
    """
    conn = psycopg.connect(url, autocommit=True, application_name="tagpage-bench")
    conn.prepare_threshold = None
    return conn


def sql_args(request: Request) -> tuple:
    """unified_content_page's positional arguments for a request."""
    return (list(request.tags) if request.tags else None, request.cursor, request.page_size,
            request.user_id, list(request.source_types) if request.source_types else None,
            request.tag_match, request.sort, request.tag_query)


def sql_page(conn: psycopg.Connection, request: Request) -> list[dict]:
    """One page through unified_content_page, every row fetched, as dicts."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(PAGE_SQL, sql_args(request))
        return cur.fetchall()


def sql_plan(conn: psycopg.Connection, request: Request) -> dict[str, Any]:
    """The planner's decision for a request (unified_content_plan), without running it."""
    (plan,) = conn.execute(PLAN_SQL, sql_args(request)).fetchone()
    return plan if isinstance(plan, dict) else json.loads(plan)


def force_strategy(conn: psycopg.Connection, strategy: str | None) -> None:
    """Set (or clear, with None) tagpage.force_strategy for this session."""
    conn.execute("select set_config('tagpage.force_strategy', %s, false)", (strategy or "",))


def statement_timeout(conn: psycopg.Connection, ms: int | None) -> None:
    """Cap each statement of this session at `ms` milliseconds (None or 0 = no cap)."""
    conn.execute("select set_config('statement_timeout', %s, false)", (f"{int(ms or 0)}ms",))


def legacy_page(conn: psycopg.Connection, request: Request) -> legacy.LegacyPage:
    """The old gallery query for the same request; a deep page is OFFSET depth."""
    return legacy.fetch_page(conn, list(request.tags), request.user_id,
                             list(request.source_types) if request.source_types else None,
                             request.tag_match, request.sort, request.page_size, request.depth)


def upstream_page(conn: psycopg.Connection, request: Request) -> list[tuple]:
    """The plain keyset query for the same request; a deep page continues after `request.after`."""
    if request.depth and request.after is None:
        raise ValueError(f"{request.name}: a deep page without its position (walk it first)")
    return upstream.fetch_page(conn, list(request.tags), request.user_id,
                               list(request.source_types) if request.source_types else None,
                               request.tag_match, request.sort, request.page_size, request.after,
                               request.tree)


def unified_params(tags: Sequence[str], tag_match: str, sort: str, page_size: int,
                   source_types: Sequence[str] | None, user_id: str | None, cursor: str | None,
                   *, bypass: bool, tag_query: str | None = None) -> list[tuple[str, str]]:
    """Query parameters of GET /api/v1/content/unified (docs/api.md); the bench and the
    load test (tests/support/load_runner.py) both build their URLs with it."""
    field, order = _HTTP_SORT[sort]
    params: list[tuple[str, str]] = [("tag", tag) for tag in tags]
    params += [("tag_match", tag_match), ("sort_field", field), ("sort_order", order),
               ("page_size", str(page_size))]
    if source_types:
        params.append(("content_source_types", ",".join(source_types)))
    if user_id:
        params.append(("user_id", user_id))
    if cursor:
        params.append(("cursor", cursor))
    if tag_query is not None:
        params.append(("q", tag_query))
    if bypass:
        params.append(("cache_bypass", "true"))
    return params


def http_params(request: Request, *, bypass: bool) -> list[tuple[str, str]]:
    """Query parameters of GET /api/v1/content/unified for a bench request."""
    return unified_params(request.tags, request.tag_match, request.sort, request.page_size,
                          request.source_types, request.user_id, request.cursor, bypass=bypass,
                          tag_query=request.tag_query)


def takes_tag_query(client: "HttpClient | TestClientPath") -> bool:
    """Whether the app's OpenAPI document lists `q` (a tag query) on the page endpoint.

    The endpoint ignores parameters it does not know, so a boolean request sent to an app
    without `q` would time an unfiltered page: the bench asks first.
    """
    status, doc = client.get_json("/api/v1/openapi.json", [])
    if status != 200 or not isinstance(doc, dict):
        return False
    operation = (doc.get("paths", {}).get(HttpClient.PATH) or {}).get("get") or {}
    return any(p.get("name") == "q" and p.get("in") == "query"
               for p in operation.get("parameters", []))


class HttpPathError(RuntimeError):
    """The HTTP endpoint answered something other than 200."""


class HttpClient:
    """GET the unified endpoint of a real server (keep-alive when the server allows it)."""

    PATH = "/api/v1/content/unified"

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def get_json(self, path: str, params: list[tuple[str, str]]) -> tuple[int, Any]:
        url = f"{path}?{urlencode(params)}" if params else path
        try:
            self.conn.request("GET", url)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            # The server closed a kept-alive socket between requests: reconnect once.
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.conn.request("GET", url)
            response = self.conn.getresponse()
        body = response.read()
        return response.status, json.loads(body) if body else None

    def page(self, request: Request, *, bypass: bool) -> dict[str, Any]:
        status, body = self.get_json(self.PATH, http_params(request, bypass=bypass))
        if status != 200:
            raise HttpPathError(f"HTTP {status}: {body}")
        return body

    def close(self) -> None:
        self.conn.close()


class TestClientPath:
    """The same calls through Flask's in-process test client (no sockets, no server)."""

    def __init__(self, database_url: str, redis_url: str | None) -> None:
        os.environ["DATABASE_URL"] = database_url
        if redis_url:
            os.environ["REDIS_URL"] = redis_url
        from web.app import create_app

        self.client = create_app().test_client()

    PATH = HttpClient.PATH

    def get_json(self, path: str, params: list[tuple[str, str]]) -> tuple[int, Any]:
        response = self.client.get(path, query_string=params)
        return response.status_code, response.get_json()

    def page(self, request: Request, *, bypass: bool) -> dict[str, Any]:
        status, body = self.get_json(self.PATH, http_params(request, bypass=bypass))
        if status != 200:
            raise HttpPathError(f"HTTP {status}: {body}")
        return body

    def close(self) -> None:
        pass


class GunicornServer:
    """`web.app:create_app()` under gunicorn on a free localhost port, for the HTTP path.

    One sync worker: the bench sends one request at a time, so more workers would only add
    processes competing for the two cores.
    """

    def __init__(self, database_url: str, redis_url: str | None, workers: int = 1) -> None:
        self.port = _free_port()
        self.log = Path(tempfile.mkstemp(prefix="tagpage-bench-gunicorn-", suffix=".log")[1])
        env = dict(os.environ, DATABASE_URL=database_url)
        if redis_url:
            env["REDIS_URL"] = redis_url
        command = [sys.executable, "-m", "gunicorn", "--workers", str(workers),
                   "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning",
                   "--access-logfile", "/dev/null", "web.app:create_app()"]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log,
                                            stderr=subprocess.STDOUT)
        self._wait_ready()

    def _wait_ready(self, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HttpPathError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                client = HttpClient("127.0.0.1", self.port)
                status, _ = client.get_json("/api/v1/health", [])
                client.close()
                if status == 200:
                    return
            except (OSError, http.client.HTTPException, ValueError):
                pass
            time.sleep(0.2)
        self.stop()
        raise HttpPathError(f"gunicorn not ready after {seconds}s: {self.log.read_text()[-2000:]}")

    def client(self) -> HttpClient:
        return HttpClient("127.0.0.1", self.port)

    def stop(self) -> None:
        """Stop the server; its log is kept only when it says something (warnings, errors)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log.exists() and self.log.stat().st_size == 0:
            self.log.unlink()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

