"""unified_content_count and related_tags against brute force (tests/support/oracle.py, count_support.py).

Exact counts must equal the oracle's row count on every filter of the engine's matrix (K = 0..10,
both match modes, every source subset, users with and without private rows), on the hand-made
edge data and both demo profiles, in every state the count bitmaps can be in: never built
(counted by scanning), freshly built, and built with rows written since (inserts, deletes,
retagging, privacy and creator changes, rows outside the bitmaps' id range). Related tags must
equal a GROUP BY over the oracle's rows, through both of its paths. Estimates are checked in
test_count_estimates.py.
"""
from __future__ import annotations

import os
import random
from typing import Any, Iterator

import psycopg
import pytest

import edge_data
from count_support import (Count, brute_count, brute_related, count, random_query, random_writes,
                           refresh, related, set_knob)
from oracle import PLANNER, Request, TagPool, cloned_database, matrix, rollback_shared

EDGE_SEED = 5150
DEMO_SEED = 6160


@pytest.fixture(autouse=True)
def _clean_shared_session(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    rollback_shared(request, ("edge_conn", "demo_conn"))


@pytest.fixture(scope="module")
def edge_conn(postgresql_schema: Any) -> Iterator[psycopg.Connection]:
    """The edge dataset, loaded with triggers on and never refreshed: no bitmaps yet."""
    with cloned_database(postgresql_schema, f"tagpage_counts_edge_{os.getpid()}") as conn:
        edge_data.load(conn)
        yield conn


@pytest.fixture(scope="module", params=("genonaut", "zipf"))
def demo_conn(request: pytest.FixtureRequest) -> Iterator[tuple[str, psycopg.Connection]]:
    """(profile, connection) to a clone of a tiny demo database (bitmaps built by its load)."""
    proc = request.getfixturevalue(f"postgresql_{request.param}_proc")
    with cloned_database(proc, f"tagpage_counts_{request.param}_{os.getpid()}") as conn:
        yield request.param, conn


def _demo_pool(conn: psycopg.Connection) -> TagPool:
    """Common tags, a spread of rarer ones and tags on no row (as the engine's oracle test)."""
    counts = conn.execute(
        "select t.id::text, count(ct.tag_id) from tags t"
        " left join content_tags ct on ct.tag_id = t.id group by t.id order by 2 desc, 1").fetchall()
    used = [tid for tid, n in counts if n > 0]
    unused = [tid for tid, n in counts if n == 0][:2]
    rest = used[6:]
    step = max(1, len(rest) // 6)
    return TagPool(common=used[:6], other=rest[::step][:6] + rest[-2:], unused=unused)


def _demo_users(conn: psycopg.Connection) -> list[str | None]:
    """No user, the busiest creator, the one with most private rows, a quiet one."""
    picks = [None]
    for sql in ("select creator_id::text from content_items_all group by 1 order by count(*) desc, 1 limit 1",
                "select creator_id::text from content_items_all where is_private group by 1"
                " order by count(*) desc, 1 limit 1",
                "select creator_id::text from content_items_all group by 1 order by count(*), 1 limit 1"):
        row = conn.execute(sql).fetchone()
        if row and row[0] not in picks:
            picks.append(row[0])
    return picks


def _requests(pool: TagPool, users: list[str | None], seed: int, fraction: float = 1.0,
              repeat: int = 1) -> list[Request]:
    """The engine matrix's filters (sorts dropped: a count has none), deduplicated."""
    seen: dict[Request, None] = {}
    for _, req, _, _ in matrix([PLANNER], pool, users, seed=seed, fraction=fraction, repeat=repeat):
        seen[Request(req.tags, req.user_id, req.source_types, req.tag_match)] = None
    return list(seen)


def _mismatches(conn: psycopg.Connection, requests: list[Request], state: str,
                methods: set[str], queries: list[str | None] | None = None) -> list[str]:
    """Each request (with its tag query, if any) whose count is not the oracle's, exact, with
    lower = upper = total."""
    problems = []
    for req, query in zip(requests, queries or [None] * len(requests)):
        want = brute_count(conn, req, query)
        got = count(conn, req, query=query)
        methods.add(got.method)
        if got != Count(want, True, want, want, got.method):
            problems.append(f"[{state}] {req.describe()} tag_query={query!r}: oracle {want}, got {got}")
    return problems


def _check_states(conn: psycopg.Connection, requests: list[Request], seed: int) -> set[str]:
    """Counts exact in every bitmap state, inside a rolled-back transaction; returns methods seen."""
    methods: set[str] = set()
    problems: list[str] = []
    rng = random.Random(seed)
    with conn.transaction(force_rollback=True):
        conn.execute("delete from count_bitmap_source")
        problems += _mismatches(conn, requests, "no bitmaps", methods)
        refresh(conn)
        assert conn.execute("select count(*) from count_dirty_rows").fetchone()[0] == 0
        problems += _mismatches(conn, requests, "fresh bitmaps", methods)
        written = random_writes(conn, rng, rows=40)
        assert conn.execute("select count(*) from count_dirty_rows").fetchone()[0] > 0
        problems += _mismatches(conn, requests, f"after writes {written}", methods)
        conn.execute("select count_bitmaps_fold()")
        problems += _mismatches(conn, requests, "folded after writes", methods)
        random_writes(conn, rng, rows=20)
        problems += _mismatches(conn, requests, "written after a fold", methods)
        refresh(conn)
        problems += _mismatches(conn, requests, "rebuilt after writes", methods)
    assert not problems, f"{len(problems)} wrong counts:\n" + "\n".join(problems[:10])
    return methods


def test_edge_counts_match_oracle(edge_conn: psycopg.Connection) -> None:
    requests = _requests(edge_data.tag_pool(), edge_data.request_users(), EDGE_SEED, repeat=4)
    assert len(requests) > 200
    methods = _check_states(edge_conn, requests, EDGE_SEED)
    # the edge data's ids 0 and 2^63 - 1 put rows outside every bitmap: counted live
    assert {"scan", "bitmap"} <= methods, methods


def test_edge_data_starts_without_bitmaps(edge_conn: psycopg.Connection) -> None:
    """Loaded without a refresh: every count scans, and is still exact."""
    got = count(edge_conn, Request())
    assert got.method == "scan" and got.exact and got.total == brute_count(edge_conn, Request())


@pytest.mark.parametrize("state", ("fresh", "written"))
def test_demo_counts_match_oracle(demo_conn: tuple[str, psycopg.Connection], state: str) -> None:
    profile, conn = demo_conn
    requests = _requests(_demo_pool(conn), _demo_users(conn), DEMO_SEED + len(profile), 0.25)
    methods: set[str] = set()
    with conn.transaction(force_rollback=True):
        if state == "written":
            random_writes(conn, random.Random(DEMO_SEED), rows=60)
        problems = _mismatches(conn, requests, f"{profile} {state}", methods)
    assert not problems, f"{len(problems)} wrong counts:\n" + "\n".join(problems[:10])
    assert "bitmap" in methods and methods <= {"bitmap", "none"}, methods


def _related_problems(conn: psycopg.Connection, requests: list[Request], where: str,
                      limit: int = 12, queries: list[str | None] | None = None) -> list[str]:
    problems = []
    for req, query in zip(requests, queries or [None] * len(requests)):
        want = brute_related(conn, req, limit, query)
        got = related(conn, req, limit, query=query)
        if [(i, n, c) for i, n, c, _ in got] != want or not all(e for *_, e in got):
            problems.append(f"[{where}] {req.describe()} tag_query={query!r}:\n"
                            f"  want {want[:5]}...\n  got  {got[:5]}...")
    return problems


@pytest.mark.parametrize("path", ("walk", "list", ""))
def test_edge_related_tags_match_group_by(edge_conn: psycopg.Connection, path: str) -> None:
    requests = _requests(edge_data.tag_pool(), edge_data.request_users(), EDGE_SEED + 1, 0.2)
    with edge_conn.transaction(force_rollback=True):
        edge_conn.execute("select set_config('tagpage.related_path', %s, true)", (path,))
        problems = _related_problems(edge_conn, requests, "no bitmaps")
        refresh(edge_conn)
        problems += _related_problems(edge_conn, requests, "fresh bitmaps")
        random_writes(edge_conn, random.Random(EDGE_SEED), rows=30)
        problems += _related_problems(edge_conn, requests, "after writes")
    assert not problems, f"{len(problems)} wrong related lists:\n" + "\n".join(problems[:6])


@pytest.mark.parametrize("path", ("walk", "list"))
def test_demo_related_tags_match_group_by(demo_conn: tuple[str, psycopg.Connection], path: str) -> None:
    profile, conn = demo_conn
    requests = _requests(_demo_pool(conn), _demo_users(conn), DEMO_SEED + 7, 0.05)
    with conn.transaction(force_rollback=True):
        conn.execute("select set_config('tagpage.related_path', %s, true)", (path,))
        problems = _related_problems(conn, requests, f"{profile} fresh")
        random_writes(conn, random.Random(DEMO_SEED + 1), rows=40)
        problems += _related_problems(conn, requests, f"{profile} written")
    assert not problems, f"{len(problems)} wrong related lists:\n" + "\n".join(problems[:6])


def _queried(requests: list[Request], names: list[str], seed: int) -> tuple[list[Request], list[str | None]]:
    """The requests, each with a random boolean query over `names` (and some with none)."""
    rng = random.Random(seed)
    queries = [None if rng.random() < 0.15 else random_query(rng, names) for _ in requests]
    return requests, queries


def test_edge_boolean_queries_match_oracle(edge_conn: psycopg.Connection) -> None:
    """tag_query (ANDed with the tags filter) in every bitmap state, counts and related tags."""
    names = [f"edge-t{n:02d}" for n in range(len(edge_data.TAGS))]
    requests, queries = _queried(
        _requests(edge_data.tag_pool(), edge_data.request_users(), EDGE_SEED + 2, repeat=2), names, EDGE_SEED)
    methods: set[str] = set()
    with edge_conn.transaction(force_rollback=True):
        problems = _mismatches(edge_conn, requests, "no bitmaps", methods, queries)
        problems += _related_problems(edge_conn, requests[::4], "no bitmaps", queries=queries[::4])
        refresh(edge_conn)
        problems += _mismatches(edge_conn, requests, "fresh bitmaps", methods, queries)
        problems += _related_problems(edge_conn, requests[::4], "fresh bitmaps", queries=queries[::4])
        random_writes(edge_conn, random.Random(EDGE_SEED + 3), rows=40)
        problems += _mismatches(edge_conn, requests, "after writes", methods, queries)
        problems += _related_problems(edge_conn, requests[::4], "after writes", queries=queries[::4])
    assert not problems, f"{len(problems)} wrong:\n" + "\n".join(problems[:8])
    assert {"scan", "bitmap"} <= methods


def test_demo_boolean_queries_match_oracle(demo_conn: tuple[str, psycopg.Connection]) -> None:
    profile, conn = demo_conn
    pool = _demo_pool(conn)
    names = [r[0] for r in conn.execute("select name from tags where id = any(%s::uuid[])",
                                         (pool.common + pool.other + pool.unused,)).fetchall()]
    requests, queries = _queried(_requests(pool, _demo_users(conn), DEMO_SEED + 9, 0.1), names, DEMO_SEED)
    methods: set[str] = set()
    with conn.transaction(force_rollback=True):
        problems = _mismatches(conn, requests, f"{profile} fresh", methods, queries)
        problems += _related_problems(conn, requests[::5], f"{profile} fresh", queries=queries[::5])
        random_writes(conn, random.Random(DEMO_SEED + 5), rows=40)
        problems += _mismatches(conn, requests, f"{profile} written", methods, queries)
    assert not problems, f"{len(problems)} wrong:\n" + "\n".join(problems[:8])


def test_related_tags_leave_out_what_every_match_carries(edge_conn: psycopg.Connection) -> None:
    t = edge_data.TAGS
    with edge_conn.transaction(force_rollback=True):
        refresh(edge_conn)
        both = {i for i, *_ in related(edge_conn, Request(tags=(t[0], t[1])), limit=50)}
        assert t[0] not in both and t[1] not in both and both
        either = {i for i, *_ in related(edge_conn, Request(tags=(t[0], t[1]), tag_match="any"), limit=50)}
        assert {t[0], t[1]} <= either, "a tag of an 'any' filter splits the result: it is shown"
        lone = {i for i, *_ in related(edge_conn, Request(tags=(t[2],), tag_match="any"), limit=50)}
        assert t[2] not in lone
        # a query's top-level AND terms are carried; its OR groups split the result
        queried = {i for i, *_ in related(edge_conn, Request(tags=(t[2],)), limit=50,
                                          query="edge-t00 (edge-t01 or edge-t04) -edge-t05")}
        assert t[0] not in queried and t[2] not in queried and t[5] not in queried
        assert {t[1], t[4]} <= queried


def _filters() -> list[Request]:
    """A few filters over every scope, for the write-by-write test."""
    t = edge_data.TAGS
    alice, bob = edge_data.USERS["alice"], edge_data.USERS["bob"]
    return [Request(), Request(tags=(t[0],)), Request(tags=(t[0], t[1]), user_id=alice),
            Request(tags=(t[1], t[4]), tag_match="any", user_id=bob),
            Request(user_id=alice, source_types=("user-regular", "user-auto")),
            Request(tags=(t[2],), user_id=bob, source_types=("community-regular", "community-auto")),
            Request(tags=(t[10],), tag_match="any"), Request(user_id=alice)]


WRITES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("insert a tagged row", (
        "with r as (insert into content_items_all (source_type, title, creator_id)"
        " values ('auto', 'n', '{alice}') returning id)"
        " insert into content_tags select r.id, 'auto', t from r,"
        " unnest(array['{t0}', '{t1}', '{t10}']::uuid[]) t",)),
    ("insert a private row of bob", (
        "with r as (insert into content_items_all (source_type, title, creator_id, is_private)"
        " values ('items', 'p', '{bob}', true) returning id)"
        " insert into content_tags select r.id, 'items', '{t0}' from r",)),
    ("re-insert a deleted id inside the covered range", (
        "delete from content_items_all where id = 25 and source_type = 'auto'",
        "insert into content_items_all (id, source_type, title, creator_id, is_private)"
        " values (25, 'auto', 'again', '{bob}', true)",
        "insert into content_tags values (25, 'auto', '{t9}'), (25, 'auto', '{t1}')")),
    ("tag rows", ("insert into content_tags select id, source_type, '{t10}' from content_items_all"
                  " where id % 3 = 0 on conflict do nothing",)),
    ("untag rows", ("delete from content_tags where tag_id = '{t0}' and content_id % 4 = 1",)),
    ("retag by update", ("update content_tags set tag_id = '{t11}' where tag_id = '{t4}'"
                         " and content_id % 2 = 0 and not exists (select 1 from content_tags o"
                         " where o.content_id = content_tags.content_id"
                         " and o.content_source = content_tags.content_source and o.tag_id = '{t11}')",)),
    ("make rows private", ("update content_items_all set is_private = true where id % 5 = 2",)),
    ("make private rows public", ("update content_items_all set is_private = false"
                                  " where is_private and id % 2 = 1",)),
    ("hand rows to another creator", ("update content_items_all set creator_id = '{bob}' where id % 7 = 3",)),
    ("move a row's id", ("delete from content_tags where content_id = 24 and content_source = 'items'",
                         "update content_items_all set id = 990 where id = 24 and source_type = 'items'")),
    ("retitle (no count changes)", ("update content_items_all set title = title || '!'",)),
    ("delete rows", ("delete from content_items_all where id % 6 = 4",)),
    ("delete a tag", ("delete from tags where id = '{t3}'",)),
    ("write straight into a partition", ("insert into content_items (source_type, title, creator_id)"
                                         " values ('items', 'direct', '{alice}')",)),
    ("truncate the tag links", ("truncate content_tags",)),
)


def test_counts_after_each_kind_of_write(edge_conn: psycopg.Connection) -> None:
    """Exact after every write, without a refresh in between: the live rows carry the news."""
    names = {"alice": edge_data.USERS["alice"], "bob": edge_data.USERS["bob"]}
    names |= {f"t{n}": tag for n, tag in enumerate(edge_data.TAGS)}
    problems: list[str] = []
    with edge_conn.transaction(force_rollback=True):
        refresh(edge_conn)
        filters = _filters()
        for label, statements in WRITES:
            for sql in statements:
                edge_conn.execute(sql.format(**names))
            methods: set[str] = set()
            problems += _mismatches(edge_conn, filters, f"after: {label}", methods)
            problems += _related_problems(edge_conn, filters[:4], f"after: {label}")
            if label != "truncate the tag links":
                assert methods == {"bitmap"}, (label, methods)
        # TRUNCATE cannot be logged row by row: the bitmaps are dropped and counts scan
        assert methods == {"scan"}, methods
    assert not problems, f"{len(problems)} wrong counts:\n" + "\n".join(problems[:10])


def test_retitling_logs_nothing(edge_conn: psycopg.Connection) -> None:
    with edge_conn.transaction(force_rollback=True):
        refresh(edge_conn)
        edge_conn.execute("update content_items_all set title = title || '!', quality_score = 0.5")
        assert edge_conn.execute("select count(*) from count_dirty_rows").fetchone()[0] == 0


def test_exact_limit_bounds_and_default(edge_conn: psycopg.Connection) -> None:
    with edge_conn.transaction(force_rollback=True):
        refresh(edge_conn)
        for bad in (0, -1, 1000001):
            with pytest.raises(psycopg.errors.InvalidParameterValue, match="^exact_limit: "):
                with edge_conn.transaction():
                    count(edge_conn, Request(), exact_limit=bad)
        set_knob(edge_conn, "count_exact_limit", 1)
        set_knob(edge_conn, "count_live_budget", 1)
        random_writes(edge_conn, random.Random(1), rows=30)
        # with a limit of 1 a big count may be sampled; an explicit limit above it is exact
        assert count(edge_conn, Request(), exact_limit=1000).exact


def _bitmaps(conn: psycopg.Connection) -> dict[tuple[str, str, str], list[int]]:
    """Every bitmap as its set positions: (kind, key, source) -> ids."""
    rows = conn.execute(
        "select 'tag', tag_id::text, 'items', array(select tagpage_bit_positions(items_bits)) from count_tag_bitmap"
        " where items_bits is not null"
        " union all select 'tag', tag_id::text, 'auto', array(select tagpage_bit_positions(auto_bits))"
        " from count_tag_bitmap where auto_bits is not null"
        " union all select 'creator', creator_id::text, content_source, array(select tagpage_bit_positions(bits))"
        " from count_creator_bitmap"
        " union all select 'public', '', content_source, array(select tagpage_bit_positions(public_bits))"
        " from count_bitmap_source"
        # the sample bitmaps (revision 0011) are folded too
        " union all select 'sample tag', tag_id::text, 'items', array(select tagpage_bit_positions(items_bits))"
        " from count_tag_sample where items_bits is not null"
        " union all select 'sample tag', tag_id::text, 'auto', array(select tagpage_bit_positions(auto_bits))"
        " from count_tag_sample where auto_bits is not null"
        " union all select 'sample creator', creator_id::text, content_source,"
        " array(select tagpage_bit_positions(sample_bits)) from count_creator_bitmap where sample_bits is not null"
        " union all select 'sample public', '', content_source, array(select tagpage_bit_positions(sample_public_bits))"
        " from count_bitmap_source").fetchall()
    return {(k, key, src): list(ids) for k, key, src, ids in rows if ids}


@pytest.mark.parametrize("seed", (1, 2, 3))
def test_a_fold_leaves_the_bitmaps_a_rebuild_would_build(edge_conn: psycopg.Connection, seed: int) -> None:
    """After random writes, count_bitmaps_fold's bitmaps equal count_bitmaps_refresh's, bit for
    bit, and the log keeps only rows outside the bitmaps' width."""
    with edge_conn.transaction(force_rollback=True):
        refresh(edge_conn)
        random_writes(edge_conn, random.Random(seed), rows=50)
        folded_rows = edge_conn.execute("select count_bitmaps_fold()").fetchone()[0]
        assert folded_rows > 0
        outside = edge_conn.execute(
            "select count(*) from count_dirty_rows d join count_bitmap_source s using (content_source)"
            " where d.content_id >= 0 and d.content_id < s.width").fetchone()[0]
        assert outside == 0 and edge_conn.execute("select count(*) from count_dirty_keys").fetchone()[0] == 0
        folded = _bitmaps(edge_conn)
        refresh(edge_conn)
        rebuilt = _bitmaps(edge_conn)
    assert folded.keys() == rebuilt.keys(), folded.keys() ^ rebuilt.keys()
    wrong = [k for k in folded if folded[k] != rebuilt[k]]
    assert not wrong, wrong[:5]


def test_incremental_refresh_folds_the_count_log(genonaut_db: psycopg.Connection) -> None:
    """tagpage stats refresh --incremental (stats.refresh) also folds the count log."""
    from python_admin import stats

    genonaut_db.execute("update content_items_all set is_private = not is_private where id % 50 = 1")
    genonaut_db.commit()
    assert genonaut_db.execute("select count(*) from count_dirty_rows").fetchone()[0] > 0
    stats.refresh(genonaut_db, incremental=True)
    assert genonaut_db.execute("select count(*) from count_dirty_rows").fetchone()[0] == 0
    want = genonaut_db.execute("select count(*) from content_items_all where not is_private").fetchone()[0]
    assert count(genonaut_db, Request()) == Count(want, True, want, want, "bitmap")
