"""bench/counts.py runs end to end on a tiny demo database and checks itself: every
exact count it times equals the plain COUNT(*) of the same filter (boolean tag queries included),
and a page's total over HTTP is the count's."""
from __future__ import annotations

from typing import Any

import psycopg

from bench import paths as bench_paths
from bench import workload as wl
from bench.counts import measure_counts, measure_http_totals
from conftest import url_of


def test_measure_counts_times_and_checks_every_request(genonaut_db: psycopg.Connection) -> None:
    conn = bench_paths.connect(url_of(genonaut_db))
    try:
        pools, users = wl.tag_pools(conn), wl.active_users(conn)
        requests = wl.generate(pools, users, 12, seed=3) + wl.generate_boolean(pools, users, 4, seed=3)
        result = measure_counts(conn, requests, reps=1, warmup=0)
    finally:
        conn.close()
    summary = result["summary"]
    assert summary["requests"] == 16 and len(result["rows"]) == 16 and summary["compared"] == 16
    assert [r["boolean"] for r in result["rows"]] == [False] * 12 + [True] * 4
    assert summary["disagreements"] == 0 and summary["exact_timeouts"] == 0
    assert all(r["agrees"] for r in result["rows"]), result["rows"]
    assert summary["count"]["p50"] > 0 and summary["related"]["p50"] > 0 and summary["ratio_p50"]
    assert {r["method"] for r in result["rows"]} <= {"bitmap", "none"}


class _FlaskClient:
    """bench_paths.HttpClient's get_json over Flask's test client."""

    PATH = bench_paths.HttpClient.PATH

    def __init__(self, url: str) -> None:
        from web.app import create_app

        self.app = create_app({"DATABASE_URL": url, "REDIS_URL": "off", "START_LISTENER": False})
        self.client = self.app.test_client()

    def get_json(self, path: str, params: list[tuple[str, str]]) -> tuple[int, Any]:
        response = self.client.get(path, query_string=params)
        return response.status_code, response.get_json()


def test_measure_http_totals(genonaut_db: psycopg.Connection) -> None:
    url = url_of(genonaut_db)
    conn = bench_paths.connect(url)
    client = _FlaskClient(url)
    try:
        requests = wl.generate(wl.tag_pools(conn), wl.active_users(conn), 4, seed=4)
        result = measure_http_totals(client, requests, reps=1, warmup=0)
        for request, row in zip(requests, result["rows"]):
            (total,) = conn.execute(
                "select total from unified_content_count(%s::uuid[], %s::uuid, %s::text[], %s::text)",
                (list(request.tags) or None, request.user_id,
                 list(request.source_types) if request.source_types else None, request.tag_match)).fetchone()
            assert row["total_count"] == total
        assert result["summary"]["requests"] == 4 and result["summary"]["page"]["p50"] > 0
    finally:
        client.app.extensions["tagpage"].close()
        conn.close()
