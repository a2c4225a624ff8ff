"""Application factory: `web.app:create_app()` (gunicorn: `gunicorn 'web.app:create_app()'`).

Reads DATABASE_URL, REDIS_URL (empty or "off" disables the cache), TAGPAGE_ADMIN_TOKEN (the
admin routes exist only when it is set) and TAGPAGE_CACHE_PREFIX; `overrides` replaces any of
them (tests). Each process gets one connection pool per database server, one cache client and
one invalidation listener thread.

Read replicas: DATABASE_REPLICA_URLS (comma-separated) names streaming standbys of
DATABASE_URL's server; page, count and tag reads go to them (web.servers: health checks every
TAGPAGE_REPLICA_CHECK_MS, default 250; a replica lagging more than TAGPAGE_MAX_REPLICA_LAG_MS,
default 1000, is skipped). The invalidation listener needs a session of its own on the primary:
when DATABASE_URL goes through a transaction pooler, DATABASE_LISTEN_URL names the primary
itself (default: DATABASE_URL).

Least privilege: requests run as the tagpage_reader role of revision 0005 (same server and
database as DATABASE_URL, see db.roles.reader_url), which may only call the read
functions and read `tags`. TAGPAGE_WEB_AS_READER=0 keeps DATABASE_URL's own user (a database
migrated below 0005 has no such role; the app then falls back and logs it).
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass
from typing import Any, Callable

import psycopg
from flask import Flask, g, request
from psycopg_pool import ConnectionPool

from web.cache import PageCache
from web.invalidation_listener import InvalidationListener, start_thread
from db.roles import reader_url
from db.settings import DEFAULT_REDIS_URL, database_url, load_config
from web.metrics import Metrics
from web.servers import Server, ServerSet

log = logging.getLogger("tagpage.web")


@dataclass
class Runtime:
    """Per-process resources of one app, reachable as app.extensions['tagpage']."""

    database_url: str
    servers: ServerSet
    cache: PageCache
    metrics: Metrics
    statement_timeout_ms: int
    admin_token: str | None
    listener: InvalidationListener | None = None
    _stop: Any = None
    _thread: Any = None

    @property
    def pool(self) -> ConnectionPool:
        """The primary's pool."""
        assert self.servers.primary.pool is not None
        return self.servers.primary.pool

    def listener_up(self) -> bool:
        return bool(self.listener and self.listener.ready.is_set())

    def close(self) -> None:
        """Stop the listener and the health checker, close the pools and Redis (tests;
        gunicorn just exits)."""
        if self._stop is not None:
            self._stop.set()
            self._thread.join(timeout=5)
        self.servers.close()
        self.cache.close()


def db_revision(url: str) -> str:
    """Alembic revision and identity of the database, folded into cache keys: a migration starts
    a fresh cache, and two databases sharing one Redis (staging and production, test copies)
    never read each other's pages, whose private rows belong to that database's users."""
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute(
                "select v.version_num, s.system_identifier, current_database() "
                "from alembic_version v, pg_control_system() s").fetchone()
            if not row:
                return ""
            identity = hashlib.sha256(f"{row[1]}/{row[2]}".encode()).hexdigest()[:16]
            return f"r{row[0]}:{identity}"
    except psycopg.Error:
        return ""


def _reader_role_exists(url: str) -> bool:
    from db.roles import READER_ROLE

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return conn.execute("select 1 from pg_roles where rolname = %s", (READER_ROLE,)).fetchone() is not None
    except psycopg.Error:
        return False


def request_url(url: str, as_reader: bool) -> str:
    """The conninfo requests use: the reader role's when asked for and present."""
    if not as_reader:
        return url
    if _reader_role_exists(url):
        return reader_url(url)
    log.warning("role tagpage_reader is missing (database below revision 0005?): "
                "the web app connects as DATABASE_URL's user")
    return url


def _setting(settings: dict[str, Any], name: str, default: Any = None) -> Any:
    """An override, else the environment, else `default`."""
    return settings[name] if name in settings else os.environ.get(name, default)


def replica_urls(value: str | list[str] | None) -> list[str]:
    """DATABASE_REPLICA_URLS: comma-separated URLs (or a list, from overrides)."""
    items = value if isinstance(value, list) else (value or "").split(",")
    return [item.strip() for item in items if item and item.strip()]


def pool_factory(web_config: dict[str, Any]):
    """Makes the pool of one server. prepare_threshold=None: no server-side prepared statements,
    which a transaction pooler (PgBouncer before 1.21) cannot follow from one server connection
    to the next; a call is a handful of short statements, each planned anyway by PL/pgSQL."""
    def make(url: str, name: str, *, open_now: bool = False, timeout: float = 10) -> ConnectionPool:
        return ConnectionPool(
            url, min_size=int(web_config.get("pool_min_size", 1)), max_size=int(web_config.get("pool_max_size", 8)),
            kwargs={"application_name": "tagpage-web", "prepare_threshold": None},
            # check: a connection killed server-side (restart, failover, pg_terminate_backend) is
            # replaced before a request gets it, for one cheap round trip per checkout.
            check=ConnectionPool.check_connection,
            open=open_now, timeout=timeout, name=f"tagpage-web-{name}")

    return make


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app. Overrides: DATABASE_URL, DATABASE_REPLICA_URLS, DATABASE_LISTEN_URL,
    REDIS_URL, TAGPAGE_ADMIN_TOKEN, TAGPAGE_CACHE_PREFIX, TAGPAGE_WEB_AS_READER (default True),
    TAGPAGE_MAX_REPLICA_LAG_MS, TAGPAGE_REPLICA_CHECK_MS, START_LISTENER (default True),
    STATEMENT_TIMEOUT_MS, CACHE (dict of PageCache keyword arguments)."""
    settings = dict(overrides or {})
    config = load_config()
    web_config = config.get("web", {})
    url = settings.get("DATABASE_URL") or database_url()
    redis_url = settings["REDIS_URL"] if "REDIS_URL" in settings else os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    token = settings.get("TAGPAGE_ADMIN_TOKEN", os.environ.get("TAGPAGE_ADMIN_TOKEN")) or None
    as_reader = str(_setting(settings, "TAGPAGE_WEB_AS_READER", "1")).lower() not in ("0", "false", "no", "off")
    timeout_ms = int(settings.get("STATEMENT_TIMEOUT_MS", web_config.get("statement_timeout_ms", 5000)))
    listen_url = _setting(settings, "DATABASE_LISTEN_URL") or url

    app = Flask(__name__)
    app.json.sort_keys = False  # keep items/pagination/meta in the documented order
    conn_url = request_url(url, as_reader)
    # Roles are cluster-wide, so a replica (a copy of the primary's cluster) has the reader too.
    as_role: Callable[[str], str] = reader_url if conn_url != url else (lambda u: u)
    make_pool = pool_factory(web_config)
    primary = Server("primary", "primary", conn_url, pool=make_pool(conn_url, "primary", open_now=True), state="ok")
    replicas = [Server(f"replica{n}", "replica", as_role(replica), checkout_timeout=2.0)
                for n, replica in enumerate(replica_urls(_setting(settings, "DATABASE_REPLICA_URLS")), start=1)]
    cache = PageCache(redis_url, prefix=settings.get("TAGPAGE_CACHE_PREFIX"), db_revision=db_revision(url),
                      **settings.get("CACHE", {}))
    metrics = Metrics(cache)
    servers = ServerSet(
        primary, replicas, pool_factory=lambda u, name: make_pool(u, name, timeout=2.0),
        max_lag_ms=float(_setting(settings, "TAGPAGE_MAX_REPLICA_LAG_MS", 1000)),
        check_seconds=float(_setting(settings, "TAGPAGE_REPLICA_CHECK_MS", 250)) / 1000,
        on_check=metrics.servers_checked, on_query=metrics.db_call)
    servers.start()
    runtime = Runtime(conn_url, servers, cache, metrics, timeout_ms, token)
    if settings.get("START_LISTENER", True) and cache.enabled:
        runtime.listener, runtime._stop, runtime._thread = start_thread(
            as_role(listen_url), cache, on_state=metrics.listener_state)
    app.extensions["tagpage"] = runtime

    from web.api import admin, api
    from web.gallery import gallery
    from web.openapi import blueprint as openapi
    from web.thumbs import thumbs

    app.register_blueprint(api)
    app.register_blueprint(openapi)
    if token:
        app.register_blueprint(admin)
    app.register_blueprint(gallery)
    app.register_blueprint(thumbs)

    @app.before_request
    def _start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _count(response):
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        runtime.metrics.responses.labels(endpoint, str(response.status_code)).inc()
        return response

    return app
