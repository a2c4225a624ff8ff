"""Application factory: `web.app:create_app()` (gunicorn: `gunicorn 'web.app:create_app()'`).

Reads DATABASE_URL, REDIS_URL (empty or "off" disables the cache), TAGPAGE_ADMIN_TOKEN (the
admin routes exist only when it is set) and TAGPAGE_CACHE_PREFIX; `overrides` replaces any of
them (tests). Each process gets one connection pool, one cache client and one invalidation
listener thread.

Least privilege: requests run as the tagpage_reader role of revision 0005 (same server and
database as DATABASE_URL, see python_admin.roles.reader_url), which may only call the read
functions and read `tags`. TAGPAGE_WEB_AS_READER=0 keeps DATABASE_URL's own user (a database
migrated below 0005 has no such role; the app then falls back and logs it).
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass
from typing import Any

import psycopg
from flask import Flask, g, request
from psycopg_pool import ConnectionPool

from python_admin.cache import PageCache
from python_admin.invalidation_listener import InvalidationListener, start_thread
from python_admin.settings import DEFAULT_REDIS_URL, database_url, load_config
from web.metrics import Metrics

log = logging.getLogger("tagpage.web")


@dataclass
class Runtime:
    """Per-process resources of one app, reachable as app.extensions['tagpage']."""

    database_url: str
    pool: ConnectionPool
    cache: PageCache
    metrics: Metrics
    statement_timeout_ms: int
    admin_token: str | None
    listener: InvalidationListener | None = None
    _stop: Any = None
    _thread: Any = None

    def listener_up(self) -> bool:
        return bool(self.listener and self.listener.ready.is_set())

    def close(self) -> None:
        """Stop the listener and close the pool and Redis (tests; gunicorn just exits)."""
        if self._stop is not None:
            self._stop.set()
            self._thread.join(timeout=5)
        self.pool.close()
        self.cache.close()


def _db_revision(url: str) -> str:
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
    from python_admin.roles import READER_ROLE

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
        from python_admin.roles import reader_url

        return reader_url(url)
    log.warning("role tagpage_reader is missing (database below revision 0005?): "
                "the web app connects as DATABASE_URL's user")
    return url


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app. Overrides: DATABASE_URL, REDIS_URL, TAGPAGE_ADMIN_TOKEN,
    TAGPAGE_CACHE_PREFIX, TAGPAGE_WEB_AS_READER (default True), START_LISTENER (default True),
    STATEMENT_TIMEOUT_MS, CACHE (dict of PageCache keyword arguments)."""
    settings = dict(overrides or {})
    config = load_config()
    web_config = config.get("web", {})
    url = settings.get("DATABASE_URL") or database_url()
    redis_url = settings["REDIS_URL"] if "REDIS_URL" in settings else os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    token = settings.get("TAGPAGE_ADMIN_TOKEN", os.environ.get("TAGPAGE_ADMIN_TOKEN")) or None
    as_reader = str(settings.get("TAGPAGE_WEB_AS_READER", os.environ.get("TAGPAGE_WEB_AS_READER", "1"))).lower() \
        not in ("0", "false", "no", "off")
    timeout_ms = int(settings.get("STATEMENT_TIMEOUT_MS", web_config.get("statement_timeout_ms", 5000)))

    app = Flask(__name__)
    app.json.sort_keys = False  # keep items/pagination/meta in the documented order
    conn_url = request_url(url, as_reader)
    pool = ConnectionPool(
        conn_url, min_size=int(web_config.get("pool_min_size", 1)), max_size=int(web_config.get("pool_max_size", 8)),
        # jit=off: page queries are milliseconds of work; JIT compilation costs 0.3-1.5 s when
        # a plan's cost is inflated (strategies pin plan shapes with enable_* = off).
        kwargs={"application_name": "tagpage-web", "options": "-c jit=off"},
        # check: a connection killed server-side (restart, failover, pg_terminate_backend) is
        # replaced before a request gets it, for one cheap round trip per checkout.
        check=ConnectionPool.check_connection,
        open=True, timeout=10, name="tagpage-web")
    cache = PageCache(redis_url, prefix=settings.get("TAGPAGE_CACHE_PREFIX"), db_revision=_db_revision(url),
                      **settings.get("CACHE", {}))
    runtime = Runtime(conn_url, pool, cache, None, timeout_ms, token)  # type: ignore[arg-type]
    runtime.metrics = Metrics(cache, runtime.listener_up)
    if settings.get("START_LISTENER", True) and cache.enabled:
        runtime.listener, runtime._stop, runtime._thread = start_thread(conn_url, cache)
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
