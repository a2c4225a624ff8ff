"""Partial failure: Redis dies and returns, pooled connections are killed, a query runs away,
the planner's statistics are missing or wrong. Real servers only; Redis is a private instance.
"""
from __future__ import annotations

import re
import time

import psycopg
import pytest

from reliability_support import (SORTS, STRATEGIES, Dataset, brute_force, private_redis,
                                 require_engine, require_web, seed)

CONTENT = "/api/v1/content/unified"


@pytest.fixture
def data(postgresql: psycopg.Connection) -> Dataset:
    require_engine(postgresql)
    return seed(postgresql, n_per_source=40)


def make_app(db_url: str, redis_url: str = "off", **overrides):
    require_web()
    from web.app import create_app

    return create_app({"DATABASE_URL": db_url, "REDIS_URL": redis_url, "START_LISTENER": False,
                       "TAGPAGE_ADMIN_TOKEN": None, **overrides})


def metric(client, name: str) -> float:
    """Sum of every sample of metric `name` (any labels) on /metrics."""
    text = client.get("/metrics").get_data(as_text=True)
    values = [float(m.group(1)) for m in re.finditer(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M)]
    assert values, f"{name} is not on /metrics"
    return sum(values)


def ids(response) -> list[tuple[str, int]]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [(i["source_type"], int(i["id"])) for i in response.get_json()["items"]]


def test_redis_stops_mid_run_and_comes_back(data: Dataset, db_url: str) -> None:
    with private_redis() as redis:
        app = make_app(db_url, redis.url, CACHE={"retry_after_seconds": 0.2, "socket_timeout_ms": 100})
        client = app.test_client()
        try:
            params = [("tag", data.tags["common"]), ("page_size", "10")]
            first = client.get(CONTENT, query_string=params)
            assert first.get_json()["meta"]["cache"] == "miss"
            second = client.get(CONTENT, query_string=params)
            assert second.get_json()["meta"]["cache"] == "hit"
            expected = ids(first)
            assert ids(second) == expected
            errors_before = metric(client, "tagpage_redis_errors_total")

            started = time.perf_counter()
            for _ in range(10):
                assert ids(client.get(CONTENT, query_string=params + [("cache_bypass", "true")])) == expected
            baseline = time.perf_counter() - started

            redis.kill()
            started = time.perf_counter()
            for _ in range(10):
                response = client.get(CONTENT, query_string=params)
                assert ids(response) == expected  # served from PostgreSQL
                assert response.get_json()["meta"]["cache"] == "off"
            dead = time.perf_counter() - started
            # A dead Redis costs at most one short socket timeout per retry window, not a stall.
            assert dead < 2 * baseline + 10 * 0.25, f"{dead:.2f}s with Redis dead vs {baseline:.2f}s bypassing it"
            assert metric(client, "tagpage_redis_errors_total") > errors_before
            assert metric(client, "tagpage_cache_off_total") >= 10
            assert client.get("/api/v1/health").get_json()["redis"] == "off"

            redis.start()  # same port, empty
            deadline = time.monotonic() + 5
            outcome = "off"
            while outcome == "off" and time.monotonic() < deadline:
                time.sleep(0.25)
                outcome = client.get(CONTENT, query_string=params).get_json()["meta"]["cache"]
            assert outcome in ("miss", "hit"), "the cache did not come back with Redis"
            response = client.get(CONTENT, query_string=params)
            assert response.get_json()["meta"]["cache"] == "hit" and ids(response) == expected
        finally:
            app.extensions["tagpage"].close()


def test_pool_recovers_when_its_connections_are_killed(data: Dataset, db_url: str,
                                                      postgresql: psycopg.Connection) -> None:
    app = make_app(db_url)
    client = app.test_client()
    try:
        params = [("tag", data.tags["half"]), ("page_size", "5")]
        expected = ids(client.get(CONTENT, query_string=params))
        for round_ in range(3):
            killed = postgresql.execute(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity "
                "where datname = current_database() and application_name = 'tagpage-web'"
            ).fetchone()[0]
            postgresql.commit()
            assert killed >= 1, "the app's pooled connection was not found"
            # The pool checks a connection before handing it out: no request sees a dead one.
            statuses = [client.get(CONTENT, query_string=params) for _ in range(5)]
            assert [r.status_code for r in statuses] == [200] * 5, \
                f"round {round_}: {statuses[0].get_data(as_text=True)}"
            assert all(ids(r) == expected for r in statuses)
    finally:
        app.extensions["tagpage"].close()


def test_runaway_query_becomes_503_and_frees_the_worker(data: Dataset, db_url: str) -> None:
    app = make_app(db_url, STATEMENT_TIMEOUT_MS=1500)
    client = app.test_client()
    params = [("tag", data.tags["common"]), ("page_size", "5"), ("cache_bypass", "true")]
    try:
        ok = client.get(CONTENT, query_string=params)
        assert ok.status_code == 200, ok.get_data(as_text=True)
        # Hold a lock every page query needs: the query waits until statement_timeout fires.
        with psycopg.connect(db_url) as blocker:
            blocker.execute("lock table content_items_all in access exclusive mode")
            for _ in range(2):
                started = time.perf_counter()
                response = client.get(CONTENT, query_string=params)
                elapsed = time.perf_counter() - started
                assert response.status_code == 503, response.get_data(as_text=True)
                error = response.get_json()["error"]
                assert error["code"] == "statement_timeout" and "1500 ms" in error["message"]
                assert elapsed < 6, f"took {elapsed:.1f}s: the timeout did not apply"
            blocker.rollback()
        after = client.get(CONTENT, query_string=params)
        assert after.status_code == 200, after.get_data(as_text=True)
        assert metric(client, 'tagpage_http_responses_total') >= 4
    finally:
        app.extensions["tagpage"].close()


def _exact_everywhere(conn: psycopg.Connection, data: Dataset) -> int:
    """Every strategy the planner or a forced choice picks returns the brute-force answer."""
    checked = 0
    t = data.tags
    for tags, match in [((t["common"],), "all"), ((t["common"], t["rare"]), "all"),
                        ((t["rare"], t["tenth"]), "any"), ((t["half"], t["third"], t["tenth"]), "all")]:
        for sort in SORTS:
            expected = brute_force(conn, tags, None, None, match, sort)
            for strategy in ("", *STRATEGIES):
                try:
                    with conn.transaction():
                        conn.execute("select set_config('tagpage.force_strategy', %s, true)", (strategy,))
                        rows = conn.execute(
                            "select source_type, id from unified_content_page(tags => %s::uuid[], "
                            "page_size => 500, tag_match => %s, sort => %s)", (list(tags), match, sort)
                        ).fetchall()
                except psycopg.errors.InvalidParameterValue:
                    assert strategy, "the planner itself must never refuse"
                    continue
                assert [(s, i) for s, i in rows] == expected, (strategy, tags, match, sort)
                checked += 1
    return checked


def test_missing_statistics_fall_back_and_stay_exact(data: Dataset, postgresql: psycopg.Connection) -> None:
    conn = postgresql
    conn.execute("update planner_config set value = '7' where key = 'stats.fallback_default_count'")
    conn.execute("delete from tag_cardinality_stats")
    conn.commit()
    plan = conn.execute("select unified_content_plan(tags => %s::uuid[])",
                        ([data.tags["common"], data.tags["rare"]],)).fetchone()[0]
    rows = plan["source_rows"]
    fallback = min(rows["items"], 7) + min(rows["auto"], 7)
    assert plan["cardinalities"] == [fallback, fallback], plan
    assert _exact_everywhere(conn, data) > 20
    # Without source totals either, the planner still answers (pg_class estimates / count).
    conn.execute("delete from content_source_stats")
    conn.commit()
    assert _exact_everywhere(conn, data) > 20


def test_stale_statistics_mislead_the_planner_but_not_the_answer(data: Dataset,
                                                                 postgresql: psycopg.Connection) -> None:
    conn = postgresql
    # Swap reality: the common tag looks empty, the rare one looks universal, counts years old.
    conn.execute("update tag_cardinality_stats set cardinality = case when tag_id = %s then 0 "
                 "when tag_id = %s then 100000 else cardinality end, "
                 "updated_at = now() - interval '3 years'", (data.tags["common"], data.tags["rare"]))
    conn.execute("update content_source_stats set total_rows = 1, updated_at = now() - interval '3 years'")
    conn.commit()
    plan = conn.execute("select unified_content_plan(tags => %s::uuid[])",
                        ([data.tags["common"], data.tags["rare"]],)).fetchone()[0]
    assert plan["strategy"]
    assert _exact_everywhere(conn, data) > 20
