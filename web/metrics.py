"""Prometheus metrics of one app: request latency by strategy, cache outcome and answering server;
database calls and errors per server; cache counters; server health and replica lag.

Under gunicorn (`tagpage serve`, web/gunicorn_config.py) PROMETHEUS_MULTIPROC_DIR is set and
prometheus_client keeps every value in a per-process file there: /metrics, answered by whichever
worker, adds up all of them (MultiProcessCollector). Without it (tests, a lone process) the
app's own registry is rendered. Gauges are set by the process that owns what they describe (its
listener, its health checker) and aggregated over live processes only.
"""
from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from web.cache import PageCache

LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"

# PageCache counter -> (metric name, help). The cache counts; these counters mirror each count.
CACHE_COUNTERS = {
    "hits": ("tagpage_cache_hits", "Cache lookups answered from Redis."),
    "misses": ("tagpage_cache_misses", "Cache lookups that went to PostgreSQL."),
    "bypass": ("tagpage_cache_bypass", "Requests with cache_bypass=true."),
    "off": ("tagpage_cache_off", "Requests served without the cache (Redis disabled or unreachable)."),
    "errors": ("tagpage_redis_errors", "Redis calls that failed or timed out."),
    "invalidations": ("tagpage_cache_invalidations", "Targeted invalidation messages applied."),
    "flushes": ("tagpage_cache_flushes", "Whole-source flushes applied."),
    "replica_behind": ("tagpage_cache_replica_behind",
                       "Pages read from a replica that had not replayed every invalidation already "
                       "applied: served, not stored."),
}


def multiprocess() -> bool:
    return bool(os.environ.get(MULTIPROCESS_ENV))


class Metrics:
    """The metrics /metrics renders; one registry per app so tests can build many apps."""

    def __init__(self, cache: PageCache) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.latency = Histogram(
            "tagpage_content_request_seconds",
            "Latency of /api/v1/content/unified and the gallery page, by strategy, cache outcome and "
            "the server that answered (primary, replica<N>, or cache for a hit).",
            ["strategy", "cache", "server"], buckets=LATENCY_BUCKETS, registry=r)
        self.responses = Counter(
            "tagpage_http_responses", "HTTP responses by endpoint and status.",
            ["endpoint", "status"], registry=r)
        self.db_seconds = Histogram(
            "tagpage_db_call_seconds", "Database calls (one transaction each) by the server that answered.",
            ["server"], buckets=LATENCY_BUCKETS, registry=r)
        self.db_errors = Counter(
            "tagpage_db_errors", "Database calls that failed, by server and SQLSTATE (or exception); "
            "a failed read on a replica is retried on the next server.",
            ["server", "code"], registry=r)
        self.server_up = Gauge(
            "tagpage_db_server_up", "1 when the server passed its last health check and takes reads.",
            ["server"], registry=r, multiprocess_mode="livemostrecent")
        self.replica_lag = Gauge(
            "tagpage_db_replica_lag_seconds", "Replay lag of a replica at its last health check.",
            ["server"], registry=r, multiprocess_mode="livemostrecent")
        self.listener_up = Gauge(
            "tagpage_invalidation_listener_up",
            "Processes whose invalidation LISTEN connection is active.",
            registry=r, multiprocess_mode="livesum")
        self.cache_events = {key: Counter(name, text, registry=r) for key, (name, text) in CACHE_COUNTERS.items()}
        cache.counters.on_add = self.cache_event

    def cache_event(self, name: str, n: int) -> None:
        counter = self.cache_events.get(name)
        if counter is not None:
            counter.inc(n)

    def db_call(self, server: str, seconds: float, error: str | None) -> None:
        self.db_seconds.labels(server).observe(seconds)
        if error is not None:
            self.db_errors.labels(server, error).inc()

    def listener_state(self, up: bool) -> None:
        self.listener_up.set(1 if up else 0)

    def servers_checked(self, servers) -> None:
        """Health and lag of every server as this process's checker last saw them."""
        for server in servers.servers:
            self.server_up.labels(server.name).set(1 if server.usable else 0)
            if server.role == "replica" and server.lag_ms is not None:
                self.replica_lag.labels(server.name).set(server.lag_ms / 1000)

    def render(self) -> bytes:
        if multiprocess():
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)
