"""Concurrency: many HTTP clients page through gunicorn while a writer changes the data.

Short by default (TAGPAGE_LOAD_SECONDS, 10 s); `make soak` runs it longer.
"""
from __future__ import annotations

import os
import urllib.error
import urllib.request

import psycopg
import pytest

import load_runner
from reliability_support import gunicorn_app, private_redis, require_engine, require_web, seed

LOAD_SECONDS = float(os.environ.get("TAGPAGE_LOAD_SECONDS", "10"))
LOAD_CLIENTS = int(os.environ.get("TAGPAGE_LOAD_CLIENTS", "8"))


def test_paging_under_concurrent_writes(postgresql: psycopg.Connection, db_url: str) -> None:
    require_engine(postgresql)
    require_web()
    data = seed(postgresql, n_per_source=250)
    with private_redis() as redis, gunicorn_app({"DATABASE_URL": db_url, "REDIS_URL": redis.url},
                                                workers=2, threads=4) as base:
        report = load_runner.run(base, db_url, data, LOAD_SECONDS, clients=LOAD_CLIENTS)
        # An oversize request line is refused by the server itself (4xx), and it keeps serving.
        for query in ("cursor=" + "A" * 20_000, "&".join(["tag=x"] * 3000)):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{base}/api/v1/content/unified?{query}", timeout=10)
            assert 400 <= refused.value.code < 500, refused.value.code
        with urllib.request.urlopen(f"{base}/api/v1/health", timeout=10) as response:
            assert response.status == 200
    print("\n" + report.summary())
    assert report.walks > 0 and report.writes > 0
    assert report.errors == [], "\n".join(report.errors[:20])


def test_the_checker_catches_a_broken_walk() -> None:
    """The invariants are real: a walk that skips or repeats a row is reported."""
    from reliability_support import Dataset, T0

    data = Dataset(users={"a": "u-a"}, tags={"t": "tag-t"})
    for i in (1, 2, 3, 4):
        data.rows[("items", i)] = {"creator": "u-a", "private": False, "quality": 0.0,
                                   "created": T0, "tags": {"t"}}
    q = load_runner.Query(("tag-t",), "all", None, None, "created_at_desc", 5, False)
    assert load_runner.expected_stable(data, q) == [("items", 4), ("items", 3), ("items", 2),
                                                    ("items", 1)]
    q_asc = load_runner.Query((), "all", None, None, "created_at_asc", 5, False)
    assert load_runner.expected_stable(data, q_asc)[0] == ("items", 1)
    good = [("items", 4), ("items", 3), ("items", 2), ("items", 1)]
    assert load_runner.check_walk(good, data, q) == []
    assert any("duplicates" in p for p in load_runner.check_walk(good + [("items", 1)], data, q))
    assert any("missing" in p for p in load_runner.check_walk(good[:-1], data, q))
    assert any("order" in p for p in load_runner.check_walk(good[::-1], data, q))
    assert load_runner.check_walk(good + [("items", 5), ("auto", 1_000_001)], data, q) == []  # volatile
    data.rows[("items", 2)]["private"] = True
    assert ("items", 2) not in load_runner.expected_stable(data, q)
    problems = load_runner.check_walk(good, data, q)
    assert any("private row ('items', 2) leaked" in p for p in problems), problems
