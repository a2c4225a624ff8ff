"""related_tags beyond exact_limit: estimated from the sample bitmaps, within a stated tolerance.

The contract: related tags are exact whenever the filter selects at most exact_limit rows; above
it they may be estimated from the sample (one content id in 16, count_bitmaps.sql), each sampled
count scaled by matches / sampled matches, with exact = false. The tolerance the docs state
(docs/api.md, related_tags): an estimated count is within 4 * sqrt(16 * count) + 16 of the true
count (four standard errors of a 1-in-16 sample, plus one sampled row), and every tag whose true
count beats the first one left off the list by more than twice that appears in the list.

These tests force the sampled path on the tiny demo databases with a small exact_limit, over the
engine matrix's filters (users, sources, both match modes, boolean queries), fresh and after
random writes, through both of its ways (walk and list), and compare with the brute-force GROUP
BY of tests/support/count_support.py.
"""
from __future__ import annotations

import math
import os
import random
from typing import Iterator

import psycopg
import pytest

from count_support import brute_count, brute_related, random_query, random_writes, refresh, related
from oracle import PLANNER, Request, TagPool, cloned_database, matrix, rollback_shared

EXACT_LIMIT = 60
LIMIT = 8
SEED = 8080


@pytest.fixture(autouse=True)
def _clean_shared_session(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    rollback_shared(request, ("demo_conn",))


@pytest.fixture(scope="module", params=("genonaut", "zipf"))
def demo_conn(request: pytest.FixtureRequest) -> Iterator[tuple[str, psycopg.Connection]]:
    proc = request.getfixturevalue(f"postgresql_{request.param}_proc")
    with cloned_database(proc, f"tagpage_related_sample_{request.param}_{os.getpid()}") as conn:
        yield request.param, conn


def tolerance(count: int) -> float:
    """How far an estimated count may be from the true one (docs/api.md)."""
    return 4 * math.sqrt(16 * count) + 16


def _filters(conn: psycopg.Connection, seed: int) -> list[tuple[Request, str | None]]:
    """Matrix filters over common and rarer tags, some with a boolean query."""
    ranked = [r[0] for r in conn.execute(
        "select tag_id::text from tag_total_stats order by cardinality desc, tag_id").fetchall()]
    names = [r[0] for r in conn.execute(
        "select t.name from tags t join tag_total_stats s on s.tag_id = t.id"
        " order by s.cardinality desc, t.id limit 8").fetchall()]
    users = [None] + [r[0] for r in conn.execute(
        "select creator_id::text from content_items_all group by 1 order by count(*) desc, 1 limit 2").fetchall()]
    pool = TagPool(common=ranked[:6], other=ranked[6:60:9], unused=[])
    rng = random.Random(seed)
    out: dict[tuple[Request, str | None], None] = {}
    for _, req, _, _ in matrix([PLANNER], pool, users, seed=seed):
        if req.k > 4:
            continue
        query = random_query(rng, names, depth=2) if rng.random() < 0.25 else None
        out[(Request(req.tags, req.user_id, req.source_types, req.tag_match), query)] = None
    return list(out)


def _problems(conn: psycopg.Connection, filters: list[tuple[Request, str | None]], where: str) -> tuple[list[str], int]:
    """Wrong answers over `filters`, and how many were estimated."""
    problems, estimated = [], 0
    for req, query in filters:
        matches = brute_count(conn, req, query)
        got = related(conn, req, limit=LIMIT, exact_limit=EXACT_LIMIT, query=query)
        label = f"[{where}] {req.describe()} tag_query={query!r} ({matches} matches)"
        if matches <= EXACT_LIMIT:
            want = brute_related(conn, req, LIMIT, query)
            if [(i, n, c) for i, n, c, _ in got] != want or not all(e for *_, e in got):
                problems.append(f"{label}: exact wanted\n  want {want[:4]}\n  got  {got[:4]}")
            continue
        if all(e for *_, e in got) and got:
            # exact beyond the limit is allowed (no clean match left to sample), never wrong
            if [(i, n, c) for i, n, c, _ in got] != brute_related(conn, req, LIMIT, query):
                problems.append(f"{label}: says exact but differs")
            continue
        estimated += 1
        truth = {i: c for i, _, c in brute_related(conn, req, 10_000, query)}
        if any(e for *_, e in got):
            problems.append(f"{label}: rows disagree on exact: {got}")
        for tag_id, name, estimate, _ in got:
            if abs(estimate - truth.get(tag_id, 0)) > tolerance(truth.get(tag_id, 0)):
                problems.append(f"{label}: {name} estimated {estimate}, true {truth.get(tag_id, 0)}")
        ranked = sorted(truth.values(), reverse=True)
        left_off = ranked[LIMIT] if len(ranked) > LIMIT else 0
        listed = {i for i, *_ in got}
        for tag_id, c in truth.items():
            if c - left_off > 2 * tolerance(c) and tag_id not in listed:
                problems.append(f"{label}: a top tag is missing (true count {c}, first left off {left_off})")
        if [c for *_, c, _ in got] != sorted((c for *_, c, _ in got), reverse=True):
            problems.append(f"{label}: not in count order: {got}")
    return problems, estimated


@pytest.mark.parametrize("path", ("walk", "list", ""))
def test_related_tags_estimates_stay_within_the_tolerance(demo_conn: tuple[str, psycopg.Connection],
                                                        path: str) -> None:
    profile, conn = demo_conn
    filters = _filters(conn, SEED)
    with conn.transaction(force_rollback=True):
        conn.execute("select set_config('tagpage.related_path', %s, true)", (path,))
        problems, fresh = _problems(conn, filters, f"{profile} fresh")
        random_writes(conn, random.Random(SEED), rows=80)
        more, written = _problems(conn, filters, f"{profile} written")
        problems += more
    print(f"\n{profile} path={path or 'auto'}: {len(filters)} filters, {fresh} + {written} estimated")
    assert fresh + written >= 15, f"too few estimates to judge ({fresh}, {written})"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:8])


def test_walk_and_list_estimate_alike(demo_conn: tuple[str, psycopg.Connection]) -> None:
    """Both ways read the same sample: the same estimates (fresh bitmaps, no live rows)."""
    _, conn = demo_conn
    filters = _filters(conn, SEED + 1)[::3]
    with conn.transaction(force_rollback=True):
        answers = {}
        for path in ("walk", "list"):
            conn.execute("select set_config('tagpage.related_path', %s, true)", (path,))
            answers[path] = [related(conn, req, limit=LIMIT, exact_limit=EXACT_LIMIT, query=query)
                             for req, query in filters]
    assert answers["walk"] == answers["list"]


def test_without_samples_related_tags_stay_exact(demo_conn: tuple[str, psycopg.Connection]) -> None:
    """Bitmaps built before the samples existed (sample_public_bits NULL): exact at any size."""
    _, conn = demo_conn
    filters = _filters(conn, SEED + 2)[::4]
    with conn.transaction(force_rollback=True):
        conn.execute("update count_bitmap_source set sample_public_bits = null")
        for req, query in filters:
            got = related(conn, req, limit=LIMIT, exact_limit=1, query=query)
            assert [(i, n, c) for i, n, c, _ in got] == brute_related(conn, req, LIMIT, query)
            assert all(e for *_, e in got)


def test_sample_bitmaps_hold_the_sampled_rows(demo_conn: tuple[str, psycopg.Connection]) -> None:
    """Bit p of a sample bitmap is set exactly when the id tagpage_sample_id keeps in block p
    carries the tag (is public, belongs to the creator), after a build and after a fold."""
    _, conn = demo_conn
    check = """
        with want as (
            select 'tag' as kind, ct.tag_id as key, ct.content_source as src, ct.content_id / 16 as p
              from content_tags ct
             where ct.content_id = tagpage_sample_id(ct.content_source, ct.content_id / 16)
            union all
            select 'creator', c.creator_id, c.source_type, c.id / 16 from content_items_all c
             where c.id = tagpage_sample_id(c.source_type, c.id / 16)
            union all
            select 'public', null, c.source_type, c.id / 16 from content_items_all c
             where c.id = tagpage_sample_id(c.source_type, c.id / 16) and not c.is_private
        ), got as (
            select 'tag' as kind, b.tag_id as key, 'items' as src, p from count_tag_sample b,
                   tagpage_bit_positions(b.items_bits) p
            union all
            select 'tag', b.tag_id, 'auto', p from count_tag_sample b, tagpage_bit_positions(b.auto_bits) p
            union all
            select 'creator', b.creator_id, b.content_source, p from count_creator_bitmap b,
                   tagpage_bit_positions(b.sample_bits) p
            union all
            select 'public', null, s.content_source, p from count_bitmap_source s,
                   tagpage_bit_positions(s.sample_public_bits) p
        )
        select (select count(*) from (select * from want except all select * from got) a),
               (select count(*) from (select * from got except all select * from want) b),
               (select count(*) from want)
    """
    with conn.transaction(force_rollback=True):
        refresh(conn)
        missing, extra, total = conn.execute(check).fetchone()
        assert (missing, extra) == (0, 0) and total > 0
        random_writes(conn, random.Random(SEED + 3), rows=60)
        conn.execute("select count_bitmaps_fold()")
        missing, extra, _ = conn.execute(check).fetchone()
        assert (missing, extra) == (0, 0)
