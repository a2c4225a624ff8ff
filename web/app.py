"""Application factory: `web.app:create_app()` (gunicorn: `gunicorn 'web.app:create_app()'`).

Reads DATABASE_URL, REDIS_URL (empty or "off" disables the cache), TAGPAGE_ADMIN_TOKEN (the
admin routes exist only when it is set) and TAGPAGE_CACHE_PREFIX; `overrides` replaces any of
them (tests). Each process gets one connection pool, one cache client and one invalidation
listener thread.
"""
from __future__ import annotations

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
    """Alembic revision of the database, folded into cache keys: a migration starts a fresh cache."""
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            row = conn.execute("select version_num from alembic_version").fetchone()
            return f"r{row[0]}" if row else ""
    except psycopg.Error:
        return ""


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app. Overrides: DATABASE_URL, REDIS_URL, TAGPAGE_ADMIN_TOKEN,
    TAGPAGE_CACHE_PREFIX, START_LISTENER (default True), STATEMENT_TIMEOUT_MS, CACHE (dict of
    PageCache keyword arguments)."""
    settings = dict(overrides or {})
    config = load_config()
    web_config = config.get("web", {})
    url = settings.get("DATABASE_URL") or database_url()
    redis_url = settings["REDIS_URL"] if "REDIS_URL" in settings else os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    token = settings.get("TAGPAGE_ADMIN_TOKEN", os.environ.get("TAGPAGE_ADMIN_TOKEN")) or None
    timeout_ms = int(settings.get("STATEMENT_TIMEOUT_MS", web_config.get("statement_timeout_ms", 5000)))

    app = Flask(__name__)
    app.json.sort_keys = False  # keep items/pagination/meta in the documented order
    pool = ConnectionPool(
        url, min_size=int(web_config.get("pool_min_size", 1)), max_size=int(web_config.get("pool_max_size", 8)),
        kwargs={"application_name": "tagpage-web"}, open=True, timeout=10, name="tagpage-web")
    cache = PageCache(redis_url, prefix=settings.get("TAGPAGE_CACHE_PREFIX"), db_revision=_db_revision(url),
                      **settings.get("CACHE", {}))
    runtime = Runtime(url, pool, cache, None, timeout_ms, token)  # type: ignore[arg-type]
    runtime.metrics = Metrics(cache, runtime.listener_up)
    if settings.get("START_LISTENER", True) and cache.enabled:
        runtime.listener, runtime._stop, runtime._thread = start_thread(url, cache)
    app.extensions["tagpage"] = runtime

    from web.api import admin, api
    from web.gallery import gallery

    app.register_blueprint(api)
    if token:
        app.register_blueprint(admin)
    app.register_blueprint(gallery)

    @app.before_request
    def _start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _count(response):
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        runtime.metrics.responses.labels(endpoint, str(response.status_code)).inc()
        return response

    return app
