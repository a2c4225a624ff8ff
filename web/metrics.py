"""Prometheus metrics of one app: request latency by strategy and cache outcome, cache counters."""
from __future__ import annotations

from typing import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from python_admin.cache import PageCache

LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class CacheCollector:
    """Reads the cache's own counters at scrape time, so the request path increments one thing."""

    def __init__(self, cache: PageCache, listener_state) -> None:
        self.cache = cache
        self.listener_state = listener_state

    def collect(self) -> Iterator[Metric]:
        values = dict(self.cache.counters.values)
        for name, key, text in (
            ("tagpage_cache_hits", "hits", "Cache lookups answered from Redis."),
            ("tagpage_cache_misses", "misses", "Cache lookups that went to PostgreSQL and stored the page."),
            ("tagpage_cache_bypass", "bypass", "Requests with cache_bypass=true."),
            ("tagpage_cache_off", "off", "Requests served without the cache (Redis disabled or unreachable)."),
            ("tagpage_redis_errors", "errors", "Redis calls that failed or timed out."),
            ("tagpage_cache_invalidations", "invalidations", "Targeted invalidation messages applied."),
            ("tagpage_cache_flushes", "flushes", "Whole-source flushes applied."),
        ):
            yield CounterMetricFamily(name, text, value=values[key])
        yield GaugeMetricFamily("tagpage_invalidation_listener_up",
                                "1 when this process's LISTEN connection is active.",
                                value=1 if self.listener_state() else 0)


class Metrics:
    """The registry /metrics renders; one per app so tests can build many apps."""

    def __init__(self, cache: PageCache, listener_state=lambda: False) -> None:
        self.registry = CollectorRegistry()
        self.latency = Histogram(
            "tagpage_content_request_seconds",
            "Latency of /api/v1/content/unified and the gallery page, by strategy and cache outcome.",
            ["strategy", "cache"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.responses = Counter(
            "tagpage_http_responses", "HTTP responses by endpoint and status.",
            ["endpoint", "status"], registry=self.registry)
        self.registry.register(CacheCollector(cache, listener_state))
