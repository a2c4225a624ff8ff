"""Every strategy, forced one by one, against the brute-force oracle (tests/support/oracle.py).

The matrix: K = 0..10, both tag_match modes, every subset of the four source words (and NULL),
with and without user_id, all three sorts, whole walks forwards and backwards with page sizes 1,
3, 7, 25 and a mixed schedule; on the hand-made edge data (tests/support/edge_data.py) and on both demo
profiles at a tiny scale. The full cross product is thousands of walks, so each dataset runs a
seeded sample in which every value of every dimension appears many times
(test_matrix_sample_covers_every_dimension proves that).

Set ORACLE_FINDINGS=/path/file.md to append every disagreement found to that file.
"""
from __future__ import annotations

import json
import os
import random
from typing import Any, Iterator

import psycopg
import pytest

import edge_data
from oracle import (
    BITMAP_READS, MATCHES, PAGE_SCHEDULES, PLANNER, SORTS, SOURCE_SUBSETS, STRATEGIES, Disagreement, Request,
    TagPool, WalkStats, call_page, check_walk, cloned_database, compare_page, force_strategy, matrix,
    oracle, report, rollback_shared, run_matrix,
)

ALL_FORCED = STRATEGIES + (PLANNER,)
# The bitmap strategy's forced reads only differ from "bitmap" where count bitmaps exist: the
# demo data (and fresh statistics), not the edge data as loaded.
WITH_READS = STRATEGIES + BITMAP_READS + (PLANNER,)
EDGE_SEED = 31
DEMO_SEED = 47


def _ids(strategies: tuple[str, ...]) -> list[str]:
    return [s or "planner" for s in strategies]


def _record(problems: list[Disagreement], title: str) -> None:
    """Append disagreements to $ORACLE_FINDINGS (for the engine's author), when set."""
    path = os.environ.get("ORACLE_FINDINGS")
    if not path or not problems:
        return
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\n## {title}\n\n```\n{report(problems, limit=20)}\n```\n")



@pytest.fixture(autouse=True)
def _clean_shared_session(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, end whatever transaction it left open on the shared connection, so a
    failing test cannot make the tests after it fail too."""
    yield
    rollback_shared(request, ('edge_conn', 'demo_conn'))


@pytest.fixture(scope="module")
def edge_conn(postgresql_schema: Any) -> Iterator[psycopg.Connection]:
    """One migrated database holding the edge-case dataset, shared by this module's
    read-only tests (see oracle.cloned_database)."""
    with cloned_database(postgresql_schema, f"tagpage_oracle_edge_{os.getpid()}") as conn:
        edge_data.load(conn)
        yield conn


@pytest.fixture(scope="module", params=("genonaut", "zipf"))
def demo_conn(request: pytest.FixtureRequest) -> Iterator[tuple[str, psycopg.Connection]]:
    """(profile, connection) to a clone of a tiny demo database, shared by the module."""
    proc = request.getfixturevalue(f"postgresql_{request.param}_proc")
    with cloned_database(proc, f"tagpage_oracle_{request.param}_{os.getpid()}") as conn:
        yield request.param, conn


# --- the matrix on hand-made edge cases --------------------------------------------------------

@pytest.mark.parametrize("strategy", ALL_FORCED, ids=_ids(ALL_FORCED))
def test_edge_matrix_matches_oracle(edge_conn: psycopg.Connection, strategy: str) -> None:
    cases = list(matrix([strategy], edge_data.tag_pool(), edge_data.request_users(),
                        seed=EDGE_SEED + ALL_FORCED.index(strategy), repeat=2))
    problems, stats = run_matrix(edge_conn, cases, where="edge")
    _record(problems, f"edge matrix, strategy {strategy or 'planner'}")
    assert not problems, report(problems)
    # The strategy really served requests (refusals are allowed only where may_refuse says so).
    assert stats.served.get(strategy or "<planner>", 0) >= len(cases) // 2, stats.refusals
    assert stats.seen["nonempty"].get(True, 0) >= len(cases) // 3, "too few non-empty results"


def test_matrix_sample_covers_every_dimension() -> None:
    """The seeded sample is not lopsided: every value of every dimension appears many times."""
    stats = WalkStats()
    for n, strategy in enumerate(ALL_FORCED):
        for s, req, forward, _ in matrix([strategy], edge_data.tag_pool(), edge_data.request_users(),
                                         seed=EDGE_SEED + n, repeat=2):
            for dim, value in (("strategy", s), ("k", req.k), ("match", req.tag_match),
                               ("sort", req.sort), ("sources", req.source_types),
                               ("user", req.user_id), ("sizes", forward),
                               ("tags_null", req.tags is None),
                               ("dup", req.tags is not None and len(req.tags) != req.k)):
                stats.note(dim, value)
    expected = {
        "strategy": ALL_FORCED, "k": range(11), "match": MATCHES, "sort": SORTS,
        "sources": SOURCE_SUBSETS, "user": edge_data.request_users(), "sizes": PAGE_SCHEDULES,
        "tags_null": (True, False), "dup": (True, False),
    }
    for dim, values in expected.items():
        for value in values:
            assert stats.seen[dim].get(value, 0) >= 8, f"{dim}={value!r} appears only {stats.seen[dim].get(value, 0)}x"


# --- targeted edge cases, every strategy ------------------------------------------------------

def _targeted_requests() -> list[Request]:
    t = edge_data.TAGS
    alice, bob = edge_data.USERS["alice"], edge_data.USERS["bob"]
    return [
        Request(),                                                     # everything public, newest first
        Request(tags=None, tag_match="any", sort="created_at_asc"),     # NULL tags with 'any': no filter
        Request(tags=(), tag_match="any", sort="quality_score_desc"),  # '{}' tags with 'any': no filter
        Request(tags=(), user_id=alice),                                # '{}' tags, a user
        Request(tags=(t[0], t[0])),                                     # duplicates count once
        Request(tags=(t[1], t[0], t[1], t[0]), tag_match="any", sort="created_at_asc"),
        Request(tags=(t[10],)),                                         # tag on no row
        Request(tags=(t[10], t[11]), tag_match="any"),
        Request(tags=(t[10], t[2]), tag_match="any", sort="quality_score_desc"),
        Request(tags=(t[0], t[10])),                                    # 'all' with an unused tag: nothing
        Request(tags=tuple(t[:10]), user_id=alice),                     # K = 10, only the everything rows
        Request(tags=tuple(t[:10]), tag_match="any", user_id=bob, sort="created_at_asc"),
        Request(tags=(t[9],), sort="quality_score_desc"),               # the rarest used tag
        Request(user_id=alice, source_types=("user-regular", "user-auto")),  # alice's own, private too
        Request(user_id=bob, source_types=("user-auto",), sort="quality_score_desc"),
        Request(source_types=("user-regular", "user-auto")),            # no user: user-* select nothing
        Request(user_id=alice, source_types=("community-regular", "community-auto")),
        Request(tags=(t[3], t[1]), user_id=bob, source_types=("user-regular", "community-auto")),
        Request(user_id=edge_data.USERS["dave"], source_types=("user-regular", "user-auto")),
        Request(source_types=("community-auto", "community-auto"), sort="created_at_asc"),
    ]


@pytest.mark.parametrize("strategy", ALL_FORCED, ids=_ids(ALL_FORCED))
def test_edge_targeted_cases(edge_conn: psycopg.Connection, strategy: str) -> None:
    problems: list[Disagreement] = []
    stats = WalkStats()
    for req in _targeted_requests():
        for match in {req.tag_match, "all", "any"} if req.k else {req.tag_match}:
            r = Request(req.tags, req.user_id, req.source_types, match, req.sort)
            problems += check_walk(edge_conn, r, strategy, (3,), (7,), stats, where="edge-targeted")
    _record(problems, f"edge targeted cases, strategy {strategy or 'planner'}")
    assert not problems, report(problems)
    assert stats.served, "no request was served"


def test_edge_oracle_sanity(edge_conn: psycopg.Connection) -> None:
    """The oracle itself on facts the dataset was built to have (so a broken oracle shows)."""
    everything = oracle(edge_conn, Request())
    assert len({r.ident for r in everything}) == len(everything)
    assert not any(r.is_private for r in everything)
    # Colliding ids with equal created_at: items comes before auto when descending.
    pairs = [(a, b) for a, b in zip(everything, everything[1:])
             if a.id == b.id and a.created_at == b.created_at]
    assert pairs and all(a.source_type == "items" and b.source_type == "auto" for a, b in pairs)
    mine = oracle(edge_conn, Request(user_id=edge_data.USERS["alice"],
                                     source_types=("user-regular", "user-auto")))
    assert any(r.is_private for r in mine) and all(r.creator_id == edge_data.USERS["alice"] for r in mine)
    assert oracle(edge_conn, Request(tags=(edge_data.TAGS[10],))) == []
    assert len(oracle(edge_conn, Request(tags=tuple(edge_data.TAGS[:10])))) >= 1


def test_mixed_strategies_in_one_walk(edge_conn: psycopg.Connection) -> None:
    """A cursor is a position: each page of one walk may be served by a different strategy."""
    t = edge_data.TAGS
    problems: list[str] = []
    for req in (Request(tags=(t[0], t[1]), user_id=edge_data.USERS["carol"]),
                Request(tags=(t[2], t[0]), tag_match="any", sort="quality_score_desc")):
        full = oracle(edge_conn, req)
        usable = [s for s in STRATEGIES
                  if not (s == "no_tags" or (s == "any_union" and req.tag_match == "all")
                          or (s in ("self_join", "group_having", "two_phase_single", "two_phase_dual")
                              and req.tag_match == "any"))]
        got: list[Any] = []
        cursor = None
        for page_no in range(len(full) + 2):
            page = call_page(edge_conn, req, cursor, 4, usable[page_no % len(usable)])
            if not page:
                break
            got += [(r["source_type"], r["id"]) for r in page]
            cursor = page[-1]["next_cursor"]
        if got != [r.ident for r in full]:
            problems.append(f"{req.describe()}: expected {[r.ident for r in full]} got {got}")
    assert not problems, "\n".join(problems)


# --- the matrix on the demo profiles -----------------------------------------------------------

def _demo_pool(conn: psycopg.Connection) -> TagPool:
    """Common tags, a spread of rarer ones and tags on no row, from the data itself."""
    counts = conn.execute(
        "select t.id::text, count(ct.tag_id) from tags t"
        " left join content_tags ct on ct.tag_id = t.id group by t.id order by 2 desc, 1").fetchall()
    used = [tid for tid, n in counts if n > 0]
    unused = [tid for tid, n in counts if n == 0][:2]
    rest = used[6:]
    step = max(1, len(rest) // 6)
    return TagPool(common=used[:6], other=rest[::step][:6] + rest[-2:], unused=unused)


def _demo_users(conn: psycopg.Connection) -> list[str | None]:
    """No user, the busiest creator, the creator with most private rows, a quiet creator."""
    busiest = conn.execute("select creator_id::text from content_items_all group by 1"
                           " order by count(*) desc, 1 limit 1").fetchone()
    private = conn.execute("select creator_id::text from content_items_all where is_private"
                           " group by 1 order by count(*) desc, 1 limit 1").fetchone()
    quiet = conn.execute("select creator_id::text from content_items_all group by 1"
                         " order by count(*), 1 limit 1").fetchone()
    users: list[str | None] = [None]
    users += [row[0] for row in (busiest, private, quiet) if row and row[0] not in users]
    return users


DEMO_PROFILES = ("genonaut", "zipf")


@pytest.mark.parametrize("strategy", WITH_READS, ids=_ids(WITH_READS))
def test_demo_matrix_matches_oracle(demo_conn: tuple[str, psycopg.Connection], strategy: str) -> None:
    profile, conn = demo_conn
    users = _demo_users(conn)
    assert conn.execute("select count(*) from content_tags").fetchone()[0] > 0, "demo data is empty"
    seed = DEMO_SEED + WITH_READS.index(strategy) + 100 * DEMO_PROFILES.index(profile)
    cases = list(matrix([strategy], _demo_pool(conn), users, seed=seed, fraction=0.4))
    problems, stats = run_matrix(conn, cases, where=f"demo:{profile}", cap_rows_for_small_pages=60)
    _record(problems, f"demo {profile} matrix, strategy {strategy or 'planner'}")
    assert not problems, report(problems)
    assert stats.served.get(strategy or "<planner>", 0) >= len(cases) // 2, stats.refusals
    assert stats.seen["nonempty"].get(True, 0) >= len(cases) // 4, stats.seen["nonempty"]


def test_plan_names_the_strategy_the_page_used_edge(edge_conn: psycopg.Connection) -> None:
    """unified_content_plan(...) and the page's strategy column tell the same story."""
    _check_plan_matches_page(edge_conn, edge_data.tag_pool(), edge_data.request_users())


def test_plan_names_the_strategy_the_page_used_demo(demo_conn: tuple[str, psycopg.Connection]) -> None:
    conn = demo_conn[1]
    _check_plan_matches_page(conn, _demo_pool(conn), _demo_users(conn))


def _check_plan_matches_page(conn: psycopg.Connection, pool: TagPool, users: list[str | None]) -> None:
    mismatches = []
    for _, req, _, _ in matrix([PLANNER], pool, users, seed=77, fraction=0.3):
        params = req.params()
        with conn.transaction():
            force_strategy(conn, PLANNER)  # the shared session may still force one from a walk
            plan = conn.execute(
                "select unified_content_plan(\"tags\" => %(tags)s::uuid[], \"page_size\" => 25,"
                " \"user_id\" => %(user_id)s::uuid, \"source_types\" => %(sources)s::text[],"
                " \"tag_match\" => %(match)s, \"sort\" => %(sort)s)", params).fetchone()[0]
        page = call_page(conn, req, None, 25, PLANNER)
        if page and page[0]["strategy"] != plan["strategy"]:
            mismatches.append(f"{req.describe()}: plan says {plan['strategy']}, page says {page[0]['strategy']}")
    assert not mismatches, "\n".join(mismatches[:10])


# --- planner knobs and statistics never change an answer ---------------------------------------

KNOB_SETS: tuple[dict[str, Any], ...] = (
    {},
    {"seed_candidate_cap": 1},
    {"seed_candidate_cap": 3, "small_k_threshold": 10, "group_having_rarest_ceiling": 1},
    {"small_k_threshold": 0, "two_phase_min_k_for_dual_seed": 1, "two_phase_dual_seed_floor": 0,
     "group_having_rarest_ceiling": 0},
    {"stats.fallback_default_count": 0},
    {"stats.fallback_default_count": 1_000_000_000, "seed_candidate_cap": 2},
    {"enable_sort_first": False, "enable_self_join": False, "enable_group_having": False},
    {"enable_two_phase_single": False, "enable_two_phase_dual": False, "enable_any_union": False},
)
STATS_KINDS = ("none", "fresh", "adversarial")


def _set_stats(conn: psycopg.Connection, kind: str) -> None:
    """No statistics, freshly computed ones, or lies (dense tags called rare and vice versa,
    a source said to be empty) — the planner may choose badly, never wrongly."""
    conn.execute("delete from tag_cardinality_stats")
    conn.execute("delete from content_source_stats")
    if kind == "fresh":
        conn.execute("select refresh_tag_cardinality_stats()")
    elif kind == "adversarial":
        for n, tag in enumerate(edge_data.TAGS):
            conn.execute("insert into tag_cardinality_stats (tag_id, content_source, cardinality)"
                         " values (%s, 'items', %s), (%s, 'auto', %s)",
                         (tag, 10 ** (n % 10), tag, 0 if n % 3 == 0 else 10 ** (9 - n % 10)))
        conn.execute("insert into content_source_stats (content_source, total_rows)"
                     " values ('items', 0), ('auto', 1)")


def _set_knobs(conn: psycopg.Connection, knobs: dict[str, Any]) -> None:
    for key, value in knobs.items():
        conn.execute("insert into planner_config (key, value) values (%s, %s::jsonb)"
                     " on conflict (key) do update set value = excluded.value",
                     (key, json.dumps(value)))


@pytest.mark.parametrize("stats_kind", STATS_KINDS)
def test_planner_knobs_and_statistics_never_change_answers(edge_conn: psycopg.Connection, stats_kind: str) -> None:
    """Under odd knob values and wrong statistics, the planner's pick and every forced tag
    strategy still return the oracle's answer (seed_candidate_cap switches, never truncates)."""
    problems: list[Disagreement] = []
    stats = WalkStats()
    for n, knobs in enumerate(KNOB_SETS):
        forced = ([PLANNER] if any(k.startswith("enable_") for k in knobs)
                  else list(WITH_READS if stats_kind == "fresh" else ALL_FORCED))
        cases = list(matrix(forced, edge_data.tag_pool(), edge_data.request_users(),
                            seed=900 + n + 50 * STATS_KINDS.index(stats_kind), fraction=0.08,
                            schedules=((4,), (1, 9))))
        with edge_conn.transaction(force_rollback=True):
            _set_stats(edge_conn, stats_kind)
            _set_knobs(edge_conn, knobs)
            found, _ = run_matrix(edge_conn, cases, where=f"knobs={knobs} stats={stats_kind}", stats=stats)
        problems += found
    _record(problems, f"planner knobs and statistics ({stats_kind})")
    assert not problems, report(problems)
    assert stats.served.get("<planner>", 0) >= 20
    # The knobs and statistics really moved the planner around.
    assert len(stats.seen.get("chosen", {})) >= 4, stats.seen.get("chosen")


# --- precompiled statements: one cached plan, many values ---------------------------------------

PRECOMPILED = (("no_tags", "all", 0), ("sort_first", "all", 1), ("sort_first", "all", 3),
               ("sort_first", "all", 6), ("sort_first", "any", 2), ("sort_first", "any", 5),
               ("two_phase_single", "all", 2), ("two_phase_single", "all", 5), ("any_union", "any", 3))


def test_precompiled_shapes_reused_with_other_values(demo_conn: tuple[str, psycopg.Connection]) -> None:
    """A precompiled statement is planned once per session (a generic plan) and then serves every
    call of its shape: with other tags, cursors, users, page sizes and sources each time, every
    page must still be the brute-force page. One connection makes all the calls, in sequence."""
    _, conn = demo_conn
    pool = _demo_pool(conn)
    users = [u for u in _demo_users(conn) if u]
    rng = random.Random(DEMO_SEED)
    problems: list[str] = []
    calls = 0
    for strategy, match, k in PRECOMPILED:
        for sort in SORTS:
            for round_no in range(8):
                user = users[round_no % len(users)] if round_no % 4 else None
                sources = rng.choice([None, ("community-regular", "community-auto"),
                                      ("user-regular", "community-regular", "community-auto"),
                                      ("community-auto",), ("user-regular", "user-auto"),
                                      ("user-regular", "community-auto"), ("user-auto",)])
                if user is None and sources and not any(w.startswith("community") for w in sources):
                    user = users[0]  # user-* words without a user read nothing: no shape to reuse
                req = Request(tags=pool.pick(k, rng, False) if k else None, user_id=user,
                              source_types=sources, tag_match=match, sort=sort)
                with conn.transaction():
                    force_strategy(conn, strategy)
                    plan = conn.execute(
                        "select unified_content_plan(%(tags)s::uuid[], null, 5, %(user_id)s::uuid, "
                        "%(sources)s::text[], %(match)s, %(sort)s)", req.params()).fetchone()[0]
                    force_strategy(conn, "")
                assert plan["precompiled"], (strategy, req.describe())
                expected = oracle(conn, req)
                size = rng.choice((1, 4, 9, 25))
                cursor, start = None, 0
                while True:
                    page = call_page(conn, req, cursor, size, strategy)
                    calls += 1
                    problem = compare_page(expected[start:start + size], page)
                    if problem:
                        problems.append(f"{strategy} {req.describe()} size {size} from {start}: {problem}")
                        break
                    start += size
                    if not page or not page[-1]["has_next"] or start > 3 * size:
                        break
                    cursor = page[-1]["next_cursor"]
    assert calls >= 150
    assert not problems, "\n".join(problems[:20])


# An 'any' walk probes a row one descent per tag (written out up to the probe slots, past them
# read from the tags' subscripts) or with one filtered descent, as the planner's threshold on
# expected descents says; a threshold of 0 sends every such walk to the filtered probe, one no
# estimate reaches to the per-tag probes.
ANY_PROBE_THRESHOLDS = {"filtered": "0", "per_tag": "1e9"}


@pytest.mark.parametrize("probe", sorted(ANY_PROBE_THRESHOLDS))
def test_any_walks_are_exact_with_either_probe(demo_conn: tuple[str, psycopg.Connection], probe: str) -> None:
    """Whichever probe the plan names, the precompiled any walk pages through the brute-force
    rows, forwards and back (the threshold is replaced inside a transaction rolled back after)."""
    _, conn = demo_conn
    pool = _demo_pool(conn)
    users = [u for u in _demo_users(conn) if u]
    rng = random.Random(DEMO_SEED + len(probe))
    problems: list[Disagreement] = []
    stats = WalkStats()
    past_slots: list[bool] = []
    scans = "select pg_stat_get_xact_numscans('content_tags_tag_source_content_idx'::regclass)"
    with conn.transaction(force_rollback=True):
        (before,) = conn.execute(scans).fetchone()
        conn.execute("create or replace function tagpage_plan_any_filtered_descents() returns float8"
                     f" immutable language sql return {ANY_PROBE_THRESHOLDS[probe]}")
        for n in range(18):
            user = users[n % len(users)] if n % 3 else None
            sources = rng.choice([None, ("community-regular", "community-auto"), ("community-auto",),
                                  ("user-regular", "community-auto"), ("user-regular", "user-auto")])
            if user is None and sources and not any(w.startswith("community") for w in sources):
                user = users[0]
            req = Request(tags=pool.pick(2 + n % 4, rng, False), user_id=user, source_types=sources,
                          tag_match="any", sort=SORTS[n % len(SORTS)])
            force_strategy(conn, "sort_first")
            plan = conn.execute(
                "select unified_content_plan(%(tags)s::uuid[], null, 5, %(user_id)s::uuid, "
                "%(sources)s::text[], %(match)s, %(sort)s)", req.params()).fetchone()[0]
            force_strategy(conn, "")
            assert plan["precompiled"] and plan["any_probe"] == probe, (req.describe(), plan)
            (walk_before,) = conn.execute(scans).fetchone()
            problems += check_walk(conn, req, "sort_first", sizes=(rng.choice((9, 25, 60)),),
                                   back_sizes=(rng.choice((4, 25, 60)),), stats=stats,
                                   where=f"any walk, {probe} probe")
            if len(req.tags) > 3:  # past the probe slots: the tags' subscripts, or the filter
                (walk_after,) = conn.execute(scans).fetchone()
                past_slots.append(walk_after > walk_before)
        # the walks really took that probe: only the per-tag probes descend the tag-first index
        # (the oracle reads each row's postings through the primary key)
        (after,) = conn.execute(scans).fetchone()
    assert (after > before) == (probe == "per_tag"), (before, after)
    assert past_slots and all(descended == (probe == "per_tag") for descended in past_slots), past_slots
    assert stats.calls >= 40
    assert not problems, report(problems)


def test_precompiled_functions_are_what_the_builders_write(edge_conn: psycopg.Connection) -> None:
    """The precompiled functions, and the walks written into unified_content_page, were
    generated at install time from the strategy builders; a new generation from today's
    builders writes exactly the same definitions."""
    query = ("select p.proname, pg_get_functiondef(p.oid) from pg_proc p "
             "where (p.proname like 'tagpage\\_static\\_%' and p.prorettype <> 'bool'::regtype "
             "and p.pronargs = 1) or p.proname = 'unified_content_page' order by 1")
    with edge_conn.transaction():
        before = edge_conn.execute(query).fetchall()
        assert edge_conn.execute("select tagpage_static_compile()").fetchone()[0] == len(before) == 9
        assert edge_conn.execute(query).fetchall() == before
        raise psycopg.Rollback()


def test_entry_point_runs_the_walks_itself(edge_conn: psycopg.Connection) -> None:
    """The installed unified_content_page holds each page function's statements (a walk's
    page is one statement of the entry point, not a call of another function), and is still
    the SECURITY DEFINER entry point the reader may call."""
    entry, definer = edge_conn.execute(
        "select prosrc, prosecdef from pg_proc where proname = 'unified_content_page'").fetchone()
    assert definer
    assert "from tagpage_static_page_no_tags(" not in entry
    assert "from tagpage_static_page_sort_first(" not in entry
    for name in ("tagpage_static_page_no_tags", "tagpage_static_page_sort_first"):
        page = edge_conn.execute("select prosrc from pg_proc where proname = %s", (name,)).fetchone()[0]
        statements = [line.strip() for line in page.splitlines() if line.strip().startswith("return query ")]
        assert statements and all(statement in entry for statement in statements), name


def test_a_scope_that_reads_no_partition_runs_nothing(edge_conn: psycopg.Connection) -> None:
    """user-* sources without a user_id read no partition: the page is empty (as the oracle
    says), and neither the planner nor a statement over the content or its tags runs for it;
    the plan says so. A forced strategy still runs its statement (and returns no row)."""
    conn = edge_conn
    tags = [t for (t,) in conn.execute(
        "select tag_id::text from content_tags group by 1 order by count(*) desc limit 2").fetchall()]
    scans = ("select coalesce(sum(pg_stat_get_xact_numscans(i.indexrelid)), 0) from pg_index i "
             "where i.indrelid in ('content_items'::regclass, 'content_items_auto'::regclass, "
             "'content_tags'::regclass)")
    plans = "select pg_stat_get_xact_function_calls('tagpage_plan(tagpage_request, boolean)'::regprocedure)"
    for words, k in ((["user-regular"], 1), (["user-regular", "user-auto"], 2), (["user-auto"], 0)):
        req = Request(tags=tuple(tags[:k]) or None, source_types=tuple(words))
        assert oracle(conn, req) == []
        with conn.transaction(force_rollback=True):
            conn.execute("set local track_functions = 'pl'")
            before = conn.execute(scans).fetchone()[0], conn.execute(plans).fetchone()[0]
            assert call_page(conn, req, None, 25) == []
            after = conn.execute(scans).fetchone()[0], conn.execute(plans).fetchone()[0]
            assert after == before, (words, k, before, after)
            plan = conn.execute("select unified_content_plan(%s::uuid[], null, 25, null, %s::text[])",
                                (list(tags[:k]) or None, words)).fetchone()[0]
            assert "reads no partition" in plan["reason"] and "no statement runs" in plan["reason"], plan
        for strategy in ("sort_first", "bitmap") if k else ("no_tags",):
            with conn.transaction(force_rollback=True):
                conn.execute("set local track_functions = 'pl'")
                assert call_page(conn, req, None, 25, strategy) == []
                assert conn.execute(plans).fetchone()[0], strategy
