"""unified_content_page with tag_query against an independent oracle (tests/support/tag_query_oracle.py).

Random boolean queries (AND / OR / NOT, depth <= 4, over the edge data's twelve tags: one on every
row, two on no row), with and without a `tags` argument, random sources, user, sort and page
size; every strategy that can serve a tag query forced in turn, and the planner; pages walked
forwards to the end and back again, and once more with writes between the pages. Each page must
be the brute-force page of the oracle, which parses the query with its own parser and evaluates
it on each row's tag names.
"""
from __future__ import annotations

import os
import random
from typing import Any, Iterator

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from psycopg.rows import dict_row

import edge_data
import tag_query_oracle as tq
from oracle import (BITMAP_READS, SORTS, SOURCE_WORDS, Request, cloned_database, comes_after, force_strategy,
                    rollback_shared, row_of)

EXAMPLES = int(os.environ.get("TAGPAGE_ENGINE_QUERY_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
QUERY_STRATEGIES = ("", "sort_first", "two_phase_single", "bitmap")   # "" = the planner decides


def strategies(conn: psycopg.Connection) -> tuple[str, ...]:
    """What to force on this data: with count bitmaps, the bitmap strategy's reads one by one too
    (without them every read is the live probe of plain "bitmap")."""
    built = conn.execute("select exists (select 1 from count_bitmap_source)").fetchone()[0]
    return QUERY_STRATEGIES + (BITMAP_READS if built else ())
PAGE_SQL = """
select * from unified_content_page(tags => %(tags)s::uuid[], cursor => %(cursor)s,
    page_size => %(size)s, user_id => %(user_id)s::uuid, source_types => %(sources)s::text[],
    tag_match => %(match)s, sort => %(sort)s, tag_query => %(query)s)
"""


@pytest.fixture(autouse=True)
def _clean_shared_session(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    rollback_shared(request, ("edge_conn",))


@pytest.fixture(scope="module", params=("live", "bitmaps"))
def edge_conn(postgresql_schema: Any, request: pytest.FixtureRequest) -> Iterator[psycopg.Connection]:
    """The edge data without count bitmaps (the bitmap strategy probes every row), then with
    them (it reads bits, lists from them or from a seed's postings; writes between pages log
    rows it must probe live)."""
    with cloned_database(postgresql_schema, f"engine_tq_{request.param}") as conn:
        edge_data.load(conn)
        if request.param == "bitmaps":
            conn.execute("select refresh_tag_cardinality_stats()")
            assert conn.execute("select count(*) from count_bitmap_source").fetchone()[0] == 2
        conn.commit()
        yield conn


@pytest.fixture(scope="module")
def names(edge_conn: psycopg.Connection) -> list[str]:
    """Tag names of the edge data, in the order of edge_data.TAGS."""
    by_id = dict(edge_conn.execute("select id::text, name from tags").fetchall())
    return [by_id[t] for t in edge_data.TAGS]


def render(node: tq.Node) -> str:
    """The query text of an oracle tree (parenthesised, so precedence never decides)."""
    if isinstance(node, tq.Tag):
        return node.name
    if isinstance(node, tq.Not):
        return "-" + render(node.arg) if isinstance(node.arg, tq.Tag) else "not (" + render(node.arg) + ")"
    glue = " " if isinstance(node, tq.And) else " or "
    return "(" + glue.join(render(a) for a in node.args) + ")"


def trees(names: list[str], depth: int = 4) -> st.SearchStrategy[tq.Node]:
    leaf = st.sampled_from(names).map(tq.Tag)
    if depth == 0:
        return leaf
    sub = trees(names, depth - 1)
    return st.one_of(leaf, leaf, sub.map(tq.Not),
                     st.lists(sub, min_size=2, max_size=3).map(lambda a: tq.And(tuple(a))),
                     st.lists(sub, min_size=2, max_size=3).map(lambda a: tq.Or(tuple(a))))


def call(conn: psycopg.Connection, req: Request, query: str, cursor: str | None, size: int,
         strategy: str) -> list[dict[str, Any]]:
    with conn.transaction():
        force_strategy(conn, strategy)
        with conn.cursor(row_factory=dict_row, binary=True) as cur:
            cur.execute(PAGE_SQL, req.params() | {"cursor": cursor, "size": size, "query": query})
            rows = cur.fetchall()
        force_strategy(conn, "")
    return rows


def refuses(conn: psycopg.Connection, req: Request, query: str, strategy: str) -> bool:
    """A forced strategy may refuse a query it cannot serve (22023), e.g. a seed without a
    positive conjunct; the planner never refuses a valid query."""
    try:
        call(conn, req, query, None, 1, strategy)
    except psycopg.errors.InvalidParameterValue as exc:
        assert strategy, f"the planner refused {query!r}: {exc}"
        assert "cannot serve" in str(exc), str(exc)
        return True
    return False


def walk(conn: psycopg.Connection, req: Request, query: str, strategy: str, size: int,
         write: bool = False) -> list[str]:
    """Walk forwards to the end, each page checked against the oracle's rows after the previous
    page's last row (recomputed when `write` changes tags between pages: a row may then enter
    or leave the rest of the walk, but never be skipped or repeated); then, without writes,
    back from the end, each page against the rows before the position. The problems found."""
    label = f"{query!r} {strategy or 'planner'} size {size}"
    position: tuple | None = None
    cursor = None
    pages = 0
    # without writes the matching rows stay what they were: the oracle runs once per walk
    everything: list | None = None
    while True:
        if write or everything is None:
            everything = tq.matching_rows(conn, req, query)
        rest = [r for r in everything
                if position is None or comes_after(r.sort_key(req.sort), position, req.sort)]
        page = call(conn, req, query, cursor, size, strategy)
        pages += 1
        if [(r["source_type"], r["id"]) for r in page] != [r.ident for r in rest[:size]]:
            return [f"forward {label}, page {pages}: expected {[r.ident for r in rest[:size]]} "
                    f"got {[(r['source_type'], r['id']) for r in page]}"]
        if bool(page and page[-1]["has_next"]) != (len(rest) > size):
            return [f"forward {label}, page {pages}: has_next wrong"]
        if not page or not page[-1]["has_next"]:
            break
        position, cursor = row_of(page[-1]).sort_key(req.sort), page[-1]["next_cursor"]
        if write:
            # some row changes its tags (anywhere in the order)
            conn.execute("delete from content_tags where ctid = (select ctid from content_tags "
                         "order by content_id desc, tag_id limit 1 offset %s)", (pages * 7,))
    if write or not page:
        return []
    cursor, pages = page[0]["prev_cursor"], 0
    position = row_of(page[0]).sort_key(req.sort)
    while cursor:
        before = [r for r in everything if comes_after(position, r.sort_key(req.sort), req.sort)]
        page = call(conn, req, query, cursor, size, strategy)
        pages += 1
        if [(r["source_type"], r["id"]) for r in page] != [r.ident for r in before[-size:]]:
            return [f"backward {label}, page {pages}: expected {[r.ident for r in before[-size:]]} "
                    f"got {[(r['source_type'], r['id']) for r in page]}"]
        if not page or not page[0]["has_prev"]:
            break
        position, cursor = row_of(page[0]).sort_key(req.sort), page[0]["prev_cursor"]
    return []


@SETTINGS
@given(data=st.data())
def test_random_queries_walk_exactly(edge_conn: psycopg.Connection, names: list[str], data: Any) -> None:
    usable = names[:12]
    tree = data.draw(trees(usable), label="query")
    query = render(tree)
    extra = data.draw(st.lists(st.sampled_from(edge_data.TAGS[:10]), max_size=2, unique=True), label="tags")
    users = [None, *edge_data.USERS.values()]
    req = Request(tags=tuple(extra) or None, user_id=data.draw(st.sampled_from(users), label="user"),
                  source_types=data.draw(st.sampled_from([None, ("community-regular", "community-auto"),
                                                          ("user-regular", "user-auto"), ("community-auto",),
                                                          SOURCE_WORDS]), label="sources"),
                  tag_match=data.draw(st.sampled_from(["all", "any"]), label="match"),
                  sort=data.draw(st.sampled_from(SORTS), label="sort"))
    size = data.draw(st.sampled_from([1, 3, 7, 25]), label="size")
    problems: list[str] = []
    for strategy in strategies(edge_conn):
        if refuses(edge_conn, req, query, strategy):
            continue
        problems += walk(edge_conn, req, query, strategy, size)
    assert not problems, req.describe() + "\n" + "\n".join(problems)


def test_edge_queries(edge_conn: psycopg.Connection, names: list[str]) -> None:
    """A tag on every row, tags on no row, their negations, constant folding, private rows."""
    every, none_a, none_b = names[0], names[10], names[11]
    rng = random.Random(5)
    queries = [every, f"-{every}", none_a, f"-{none_a}", f"{none_a} or {none_b}", f"-{none_a} -{none_b}",
               f"{names[1]} -{names[1]}", f"{names[1]} or -{names[1]}", f"~{names[2]} ~{names[3]} {names[4]}",
               f"({names[2]} or {names[3]}) -{names[5]}", f"not ({names[1]} {names[2]})", "   "]
    problems: list[str] = []
    for query in queries:
        for user in (None, edge_data.USERS["alice"]):
            for sort in SORTS:
                req = Request(user_id=user, sort=sort)
                for strategy in strategies(edge_conn):
                    if refuses(edge_conn, req, query, strategy):
                        continue
                    problems += walk(edge_conn, req, query, strategy, rng.choice([2, 5, 25]))
    assert not problems, "\n".join(problems)
    # a negated query never surfaces another user's private rows
    private = {r for r in edge_conn.execute(
        "select source_type, id from content_items_all where is_private").fetchall()}
    rows = call(edge_conn, Request(user_id=edge_data.USERS["bob"]), f"-{none_a}", None, 500, "")
    leaked = [(r["source_type"], r["id"]) for r in rows
              if (r["source_type"], r["id"]) in private and str(r["creator_id"]) != edge_data.USERS["bob"]]
    assert not leaked


def test_walks_with_writes_between_pages(edge_conn: psycopg.Connection, names: list[str]) -> None:
    """Rows whose tags change behind the cursor: no row skipped or repeated among the rest."""
    problems: list[str] = []
    with edge_conn.transaction():
        for query in (f"{names[1]} -{names[2]}", f"({names[3]} or {names[4]}) {names[0]}"):
            for strategy in strategies(edge_conn):
                problems += walk(edge_conn, Request(), query, strategy, 3, write=True)
        raise psycopg.Rollback()
    assert not problems, "\n".join(problems)


def test_plan_explains_the_query(edge_conn: psycopg.Connection, names: list[str]) -> None:
    plan = edge_conn.execute(
        "select unified_content_plan(tag_query => %s)", (f"{names[1]} -{names[2]}",)).fetchone()[0]
    assert plan["strategy"] in ("sort_first", "two_phase_single")
    assert plan["expr"]["op"] == "and" and "matches_estimate" in plan
    assert plan["precompiled"] is (plan["strategy"] == "sort_first")  # two tags: a precompiled walk
    empty = edge_conn.execute("select unified_content_plan(tag_query => %s)",
                              (f"{names[1]} -{names[1]}",)).fetchone()[0]
    assert empty["expr"] == {"op": "false"} and "nothing is read" in empty["reason"]
    # user-* words without a user read no partition: no budgeted walk, no fallback to run
    nowhere = edge_conn.execute("select unified_content_plan(source_types => array['user-regular', 'user-auto'], "
                                "tag_query => %s)", (f"{names[1]} -{names[2]}",)).fetchone()[0]
    assert nowhere["sources"] == [] and nowhere["strategy"] == "sort_first"
    assert nowhere["walk_budget"] is None and "reads no partition" in nowhere["reason"]
    plain = edge_conn.execute("select unified_content_plan(tag_query => %s)",
                              (f"{names[1]} or -{names[1]}",)).fetchone()[0]
    assert "expr" not in plain and plain["strategy"] == "no_tags"


PLAN_SQL = """
select unified_content_plan(tags => %(tags)s::uuid[], user_id => %(user_id)s::uuid,
    source_types => %(sources)s::text[], tag_match => %(match)s, sort => %(sort)s, tag_query => %(query)s)
"""


def test_boolean_walks_precompiled_up_to_four_tags(edge_conn: psycopg.Connection, names: list[str]) -> None:
    """A walk under a boolean filter of at most four tags runs precompiled: one statement per
    shape for every such filter, the filter itself a value (its truth table). One over five tags
    is planned per call. Both walk exactly, forwards and back, and this one session reuses each
    precompiled shape with other filters, users, sorts and page sizes call after call."""
    n = names
    narrow = [f"-{n[0]}", f"{n[1]} -{n[2]}", f"{n[1]} or -{n[2]}", f"({n[1]} or {n[2]}) -{n[3]} {n[4]}",
              f"not ({n[1]} {n[2]}) or {n[3]}", f"~{n[2]} ~{n[3]} -{n[5]}", f"-{n[10]} -{n[11]}",
              f"-({n[1]} or -({n[2]} {n[3]})) or {n[4]}"]
    wide = [f"({n[1]} or {n[2]}) -{n[3]} -{n[4]} {n[5]}", f"-{n[1]} -{n[2]} -{n[3]} -{n[4]} -{n[5]}"]
    rng = random.Random(11)
    problems: list[str] = []
    for query in narrow + wide:
        for sort in SORTS:
            req = Request(user_id=rng.choice([None, *edge_data.USERS.values()]), sort=sort,
                          source_types=rng.choice([None, ("community-auto",), ("user-regular", "community-auto")]))
            if req.user_id is None and req.source_types == ("user-regular", "community-auto"):
                req = Request(user_id=edge_data.USERS["alice"], sort=sort, source_types=req.source_types)
            with edge_conn.transaction():
                force_strategy(edge_conn, "sort_first")
                plan = edge_conn.execute(PLAN_SQL, req.params() | {"query": query}).fetchone()[0]
                force_strategy(edge_conn, "")
            assert plan["precompiled"] is (query in narrow), (query, req.describe(), plan)
            problems += walk(edge_conn, req, query, "sort_first", rng.choice([1, 2, 5, 25]))
    assert not problems, "\n".join(problems)
