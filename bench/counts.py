"""Timing of result counts and related tags, for `tagpage bench` (kept apart from bench.py).

    measure_counts(conn, requests, reps=3)        unified_content_count and related_tags per
                                                  workload request, beside the plain exact
                                                  COUNT(*) of the same filter (the upstream
                                                  query's WHERE, bench.upstream), with
                                                  the ratio and whether the two counts agree
    measure_http_totals(client, requests, reps=5) a page over HTTP with its total against the
                                                  same page alone (include_total=false), both
                                                  past the cache

`requests` are bench.workload.Request (tags, user, sources, match, tag query; sort, size
and cursor are ignored by the counts: one total serves every page of a result). Each returns a
dict with one row per request and a "summary" of p50 / p95 / max in milliseconds.

The COUNT(*) is the one statement that serves every request, boolean tag queries included (the
gallery's own UNION count, bench.legacy, has no tag queries): one SELECT count(*) on
content_items_all with the sources as a WHERE and one EXISTS / NOT EXISTS per tag.
"""
from __future__ import annotations

import statistics
import time
from typing import Any, Callable, Sequence

import psycopg

from bench import upstream
from bench.workload import Request

COUNT_SQL = ("select total, exact, lower, upper, method from unified_content_count("
             "%s::uuid[], %s::uuid, %s::text[], %s::text, %s::text)")
RELATED_SQL = ("select id, count, exact from related_tags(%s::uuid[], %s::uuid, %s::text[], %s::text,"
               " %s::text, p_limit => %s)")
RELATED_LIMIT = 20


def _args(request: Request) -> tuple:
    return (list(request.tags) or None, request.user_id,
            list(request.source_types) if request.source_types else None, request.tag_match,
            request.tag_query)


def _timed(fn: Callable[[], Any], warmup: int, reps: int) -> tuple[float, Any]:
    """Median milliseconds of `reps` calls after `warmup` untimed ones, and the last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    samples = []
    for _ in range(reps):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000.0)
    return statistics.median(samples), result


def _stats(values: Sequence[float]) -> dict[str, float | None]:
    """p50 / p95 / max (nearest rank) of milliseconds, rounded to microseconds."""
    ordered = sorted(values)
    if not ordered:
        return {"p50": None, "p95": None, "max": None}
    rank = max(0, min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1))
    return {"p50": round(statistics.median(ordered), 3), "p95": round(ordered[rank], 3),
            "max": round(ordered[-1], 3)}


def exact_count(conn: psycopg.Connection, request: Request, timeout_ms: int) -> tuple[float, int | None]:
    """The plain COUNT(*) of the request (upstream.build_count), timed; None past timeout_ms."""
    count_sql, count_params = upstream.build_count(
        list(request.tags), request.user_id,
        list(request.source_types) if request.source_types else None, request.tag_match,
        request.tree)
    conn.execute("select set_config('statement_timeout', %s, false)", (f"{int(timeout_ms)}ms",))
    started = time.perf_counter()
    try:
        (total,) = conn.execute(count_sql, count_params).fetchone()
        return (time.perf_counter() - started) * 1000.0, int(total)
    except psycopg.errors.QueryCanceled:
        return float(timeout_ms), None
    finally:
        conn.execute("select set_config('statement_timeout', '0', false)")


def measure_counts(conn: psycopg.Connection, requests: Sequence[Request], *, reps: int = 3,
                   warmup: int = 1, exact_timeout_ms: int = 10_000,
                   exact_sample: int | None = None) -> dict[str, Any]:
    """unified_content_count and related_tags per request, beside the exact COUNT(*).

    `conn` must be in autocommit (bench.paths.connect). The COUNT(*) runs on at most
    `exact_sample` requests, evenly spread (None: all), as it can take seconds each.
    """
    step = max(len(requests) / exact_sample, 1.0) if exact_sample else 1.0
    with_exact = {int(i * step) for i in range(len(requests)) if int(i * step) < len(requests)}
    rows: list[dict[str, Any]] = []
    for number, request in enumerate(requests):
        args = _args(request)
        count_ms, count = _timed(lambda: conn.execute(COUNT_SQL, args).fetchone(), warmup, reps)
        related_ms, related = _timed(
            lambda: conn.execute(RELATED_SQL, (*args, RELATED_LIMIT)).fetchall(), warmup, reps)
        row: dict[str, Any] = {
            "name": request.name, "k": len(set(request.tags)), "tag_match": request.tag_match,
            "tag_query": request.tag_query, "boolean": request.tag_query is not None,
            "count_ms": round(count_ms, 3), "related_ms": round(related_ms, 3),
            "total": count[0], "exact": count[1], "lower": count[2], "upper": count[3],
            "method": count[4], "related_tags": len(related),
        }
        if number in with_exact:
            exact_ms, truth = exact_count(conn, request, exact_timeout_ms)
            row |= {"exact_count_ms": round(exact_ms, 3), "exact_count": truth,
                    "ratio": round(exact_ms / count_ms, 1) if count_ms else None,
                    "agrees": None if truth is None else (
                        count[0] == truth if count[1] else count[2] <= truth <= count[3])}
        rows.append(row)
    return {"rows": rows, "summary": summarize(rows)}


def summarize(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The figures of measure_counts' rows (all of them, or a subset such as the boolean ones)."""
    exact_rows = [r for r in rows if "exact_count_ms" in r]
    ratios = [r["ratio"] for r in exact_rows if r["ratio"] is not None]
    return {
        "requests": len(rows),
        "count": _stats([r["count_ms"] for r in rows]),
        "related": _stats([r["related_ms"] for r in rows]),
        "exact_count": _stats([r["exact_count_ms"] for r in exact_rows]),
        "compared": len(exact_rows),
        "ratio_p50": round(statistics.median(ratios), 1) if ratios else None,
        "ratio_min": min(ratios, default=None),
        "estimated": sum(1 for r in rows if not r["exact"]),
        "exact_timeouts": sum(1 for r in exact_rows if r["exact_count"] is None),
        "disagreements": sum(1 for r in exact_rows if r["agrees"] is False),
    }


def measure_http_totals(client: Any, requests: Sequence[Request], *, reps: int = 5,
                        warmup: int = 1) -> dict[str, Any]:
    """A first page over HTTP with and without its total, cache bypassed.

    `client` is a bench.paths.HttpClient (or anything with get_json(path, params)).
    """
    from bench.paths import http_params

    rows = []
    for request in requests:
        params = http_params(request, bypass=True)

        def page(with_total: bool) -> Any:
            status, body = client.get_json(client.PATH, params + [("include_total", str(with_total).lower())])
            if status != 200:
                raise RuntimeError(f"HTTP {status}: {body}")
            return body

        alone_ms, _ = _timed(lambda: page(False), warmup, reps)
        total_ms, body = _timed(lambda: page(True), warmup, reps)
        rows.append({"name": request.name, "page_ms": round(alone_ms, 3),
                     "page_with_total_ms": round(total_ms, 3),
                     "extra_ms": round(total_ms - alone_ms, 3),
                     "total_count": body["pagination"]["total_count"]})
    return {"rows": rows,
            "summary": {"requests": len(rows),
                        "page": _stats([r["page_ms"] for r in rows]),
                        "page_with_total": _stats([r["page_with_total_ms"] for r in rows]),
                        "extra": _stats([r["extra_ms"] for r in rows])}}
