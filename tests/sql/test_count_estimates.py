"""Estimated counts keep their promise: the 95% interval holds the truth at least 95% of the time,
and the estimate is within 2x of the truth once the truth exceeds 1,000.

A count is estimated only when more rows were written since the bitmaps' build than
count_live_budget allows to evaluate, and the rows already known to match exceed exact_limit.
These tests force it on the tiny demo databases with a small budget and a small exact_limit,
after a few hundred random writes, and repeat with different writes (the sample is a hash of
each written row's id, so different writes draw different samples) over the engine matrix's
filters, with boolean queries too. Every estimate is compared with the oracle's count.
"""
from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from typing import Any, Iterator

import psycopg
import pytest

from count_support import brute_count, count, random_query, random_writes, related, brute_related, set_knob
from oracle import PLANNER, Request, TagPool, cloned_database, matrix, rollback_shared

TRIALS = 8
WRITES = 300
BUDGET = 12
EXACT_LIMIT = 40


@pytest.fixture(autouse=True)
def _clean_shared_session(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    rollback_shared(request, ("demo_conn",))


@pytest.fixture(scope="module", params=("genonaut", "zipf"))
def demo_conn(request: pytest.FixtureRequest) -> Iterator[tuple[str, psycopg.Connection]]:
    proc = request.getfixturevalue(f"postgresql_{request.param}_proc")
    with cloned_database(proc, f"tagpage_estimates_{request.param}_{os.getpid()}") as conn:
        yield request.param, conn


@dataclass
class Tally:
    """Estimates seen and how they fared."""

    estimates: int = 0
    covered: int = 0
    big: int = 0           # estimates whose truth exceeds 1,000
    within_2x: int = 0
    widths: list[float] = field(default_factory=list)  # (upper - lower) / truth
    misses: list[str] = field(default_factory=list)

    def coverage(self) -> float:
        return self.covered / max(self.estimates, 1)


def _filters(conn: psycopg.Connection, seed: int) -> list[tuple[Request, str | None]]:
    """Matrix filters over the profile's common tags (big results), some with a boolean query."""
    common = [r[0] for r in conn.execute(
        "select tag_id::text from tag_total_stats order by cardinality desc, tag_id limit 8").fetchall()]
    names = [r[0] for r in conn.execute("select name from tags where id = any(%s::uuid[])", (common,)).fetchall()]
    users = [None] + [r[0] for r in conn.execute(
        "select creator_id::text from content_items_all group by 1 order by count(*) desc, 1 limit 2").fetchall()]
    pool = TagPool(common=common, other=[], unused=[])
    rng = random.Random(seed)
    out: dict[tuple[Request, str | None], None] = {}
    for _, req, _, _ in matrix([PLANNER], pool, users, seed=seed):
        if req.k > 4:
            continue
        query = random_query(rng, names, depth=2) if rng.random() < 0.3 else None
        out[(Request(req.tags, req.user_id, req.source_types, req.tag_match), query)] = None
    return list(out)


def _tally(conn: psycopg.Connection, filters: list[tuple[Request, str | None]], tally: Tally) -> None:
    for req, query in filters:
        truth = brute_count(conn, req, query)
        got = count(conn, req, exact_limit=EXACT_LIMIT, query=query)
        if got.exact:
            assert (got.total, got.lower, got.upper) == (truth, truth, truth), (req.describe(), query, got)
            continue
        assert got.method == "bitmap_sampled", got
        assert truth > EXACT_LIMIT, f"a count of {truth} <= exact_limit was estimated: {got}"
        assert got.lower <= got.total <= got.upper, got
        tally.estimates += 1
        tally.widths.append((got.upper - got.lower) / truth)
        if got.lower <= truth <= got.upper:
            tally.covered += 1
        else:
            tally.misses.append(f"{req.describe()} tag_query={query!r}: truth {truth}, got {got}")
        if truth > 1000:
            tally.big += 1
            tally.within_2x += truth / 2 <= got.total <= truth * 2


def test_estimated_intervals_cover_the_truth(demo_conn: tuple[str, psycopg.Connection]) -> None:
    profile, conn = demo_conn
    tally = Tally()
    filters = _filters(conn, seed=11)
    for trial in range(TRIALS):
        with conn.transaction(force_rollback=True):
            set_knob(conn, "count_live_budget", BUDGET)
            random_writes(conn, random.Random(1000 + trial), rows=WRITES)
            _tally(conn, filters, tally)
    widths = sorted(tally.widths)
    print(f"\n{profile}: {tally.estimates} estimates, coverage {tally.coverage():.3f}, "
          f"{tally.within_2x}/{tally.big} within 2x (truth > 1000), "
          f"interval width / truth median {widths[len(widths) // 2]:.3f} max {widths[-1]:.3f}")
    assert tally.estimates >= 150, f"too few estimates to judge ({tally.estimates})"
    assert tally.coverage() >= 0.95, f"coverage {tally.coverage():.3f}:\n" + "\n".join(tally.misses[:10])
    assert tally.big > 0 and tally.within_2x == tally.big


def test_related_tags_follow_the_count(demo_conn: tuple[str, psycopg.Connection]) -> None:
    """When the count is estimated, related tags say so (exact = false) and stay close; when it
    is exact, they equal the GROUP BY."""
    profile, conn = demo_conn
    filters = _filters(conn, seed=12)[:25]
    with conn.transaction(force_rollback=True):
        set_knob(conn, "count_live_budget", BUDGET)
        random_writes(conn, random.Random(77), rows=WRITES)
        estimated = 0
        for req, query in filters:
            got = related(conn, req, limit=8, exact_limit=EXACT_LIMIT, query=query)
            want = brute_related(conn, req, 8, query)
            if count(conn, req, exact_limit=EXACT_LIMIT, query=query).exact:
                assert [(i, n, c) for i, n, c, _ in got] == want and all(e for *_, e in got)
            else:
                estimated += 1
                assert got and not any(e for *_, e in got)
                truth = {i: c for i, _, c in brute_related(conn, req, 1000, query)}
                for tag_id, _, estimate, _ in got:
                    assert truth[tag_id] / 2 <= estimate <= truth[tag_id] * 2 or truth[tag_id] < 200
        assert estimated > 0


def test_counts_at_or_under_exact_limit_are_never_estimated(demo_conn: tuple[str, psycopg.Connection]) -> None:
    """Even with a budget of one live row, a result the limit covers is counted exactly."""
    _, conn = demo_conn
    filters = _filters(conn, seed=13)
    with conn.transaction(force_rollback=True):
        set_knob(conn, "count_live_budget", 1)
        random_writes(conn, random.Random(5), rows=WRITES)
        for req, query in filters:
            truth = brute_count(conn, req, query)
            got = count(conn, req, exact_limit=max(truth, 1), query=query)
            assert got.exact and got.total == truth, (req.describe(), query, truth, got)
