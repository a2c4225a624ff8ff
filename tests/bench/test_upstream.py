"""The bench's upstream query (bench/upstream.py) returns the brute-force answer exactly.

The bench times upstream against tagpage and demands the same rows in the same order from both,
so upstream itself must be exact: every page of a whole forward walk (each page continuing after
the previous page's last row, page sizes 1, 3, 7, 25 and mixed) equals the oracle's slice, on the
hand-made edge data (ids shared by both partitions, created_at ties, reals with no short decimal
form, private rows) and on both demo profiles at a tiny scale, over every source subset, with and
without a user, all three sorts, K = 0..10 and both tag_match modes.

Boolean tag queries: the bench renders one tree (bench/tag_tree.py) as query text for
tagpage and as SQL for upstream. Upstream's SQL of random trees must select exactly the rows the
independent tag-query oracle (tests/support/tag_query_oracle.py) selects for the tree's text, on edge data
with awkward names (spaces, quotes, keywords, a leading - or ~, a name in two cases) and on both
demo profiles with the bench's own boolean sample; and the text must parse back, by the oracle's
own parser, to the tree's meaning.
"""
from __future__ import annotations

import itertools
import os
import random
from datetime import datetime, timezone
from itertools import cycle
from typing import Any, Iterator

import psycopg
import pytest

import edge_data
import tag_query_oracle as tq
from oracle import (
    MATCHES, PLANNER, SORTS, SOURCE_SUBSETS, Request, TagPool, cloned_database, matrix, oracle,
)
from bench import tag_tree, upstream
from bench import workload as wl


def walk(conn: psycopg.Connection, req: Request, sizes: tuple[int, ...],
         limit: int, tree: tag_tree.Node | None = None) -> list[tuple[str, int]]:
    """(source_type, id) of every row, page by page after the previous page's last row.

    Page sizes cycle through `sizes`; a page must never hold more rows than asked for, and a
    short page ends the walk. It stops once it has more than `limit` rows (a position that
    does not advance would otherwise walk forever).
    """
    got: list[tuple[str, int]] = []
    after: upstream.Position | None = None
    for size in cycle(sizes):
        rows = upstream.fetch_page(conn, req.tags, req.user_id, req.source_types, req.tag_match,
                                   req.sort, size, after, tree)
        assert len(rows) <= size
        got += [(r[1], r[0]) for r in rows]
        if len(rows) < size or len(got) > limit:
            return got
        last = dict(zip(upstream.COLUMNS, rows[-1]))
        after = upstream.Position.of_row(last)
    raise AssertionError("unreachable")


def check_matrix(conn: psycopg.Connection, cases: list[tuple[str, Request, tuple[int, ...], Any]],
                 cap: int | None = None) -> tuple[list[str], int]:
    """Every case's whole walk against the oracle; (disagreements, non-empty results)."""
    problems: list[str] = []
    nonempty = 0
    for _, req, sizes, _ in cases:
        expected = [r.ident for r in oracle(conn, req)]
        if cap is not None and len(expected) > cap:
            sizes = sizes + (500,)  # a few small pages first, then big ones: fewer calls
        got = walk(conn, req, sizes, limit=len(expected))
        nonempty += bool(expected)
        if got != expected:
            at = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b),
                      min(len(got), len(expected)))
            problems.append(f"{req.describe()} sizes={sizes}: {len(got)} rows, oracle {len(expected)};"
                            f" first difference at row {at + 1}: got {got[at:at + 3]},"
                            f" oracle {expected[at:at + 3]}")
    return problems, nonempty


@pytest.fixture(scope="module")
def edge_conn(postgresql_schema: Any) -> Iterator[psycopg.Connection]:
    with cloned_database(postgresql_schema, f"tagpage_upstream_edge_{os.getpid()}") as conn:
        edge_data.load(conn)
        conn.autocommit = True
        yield conn


@pytest.fixture(scope="module", params=("genonaut", "zipf"))
def demo_conn(request: pytest.FixtureRequest) -> Iterator[psycopg.Connection]:
    proc = request.getfixturevalue(f"postgresql_{request.param}_proc")
    with cloned_database(proc, f"tagpage_upstream_{request.param}_{os.getpid()}") as conn:
        conn.autocommit = True
        yield conn


def test_upstream_walks_match_the_oracle_on_edge_data(edge_conn: psycopg.Connection) -> None:
    cases = list(matrix([PLANNER], edge_data.tag_pool(), edge_data.request_users(), seed=11, repeat=2))
    # The sample covers every dimension, so the comparison below says something about each.
    assert {c[1].sort for c in cases} == set(SORTS) and {c[1].tag_match for c in cases} == set(MATCHES)
    assert {c[1].source_types for c in cases} == set(SOURCE_SUBSETS)
    assert {c[1].user_id for c in cases} == set(edge_data.request_users())
    assert {c[1].k for c in cases} == set(range(11))
    problems, nonempty = check_matrix(edge_conn, cases)
    assert not problems, "\n".join(problems[:10])
    assert nonempty >= len(cases) // 3


def test_upstream_walks_match_the_oracle_on_demo_data(demo_conn: psycopg.Connection) -> None:
    pools = wl.tag_pools(demo_conn)
    users: list[str | None] = [None, *wl.active_users(demo_conn)[:2]]
    pool = TagPool(common=pools.common[:6], other=pools.medium[:3] + pools.rare[-3:], unused=[])
    cases = list(matrix([PLANNER], pool, users, seed=5, fraction=0.5))
    problems, nonempty = check_matrix(demo_conn, cases, cap=60)
    assert not problems, "\n".join(problems[:10])
    assert nonempty >= len(cases) // 4


def test_a_quality_position_is_compared_as_the_stored_real(edge_conn: psycopg.Connection) -> None:
    # 1/3 and 0.1 have no exact float8 twin of their real: a position bound as float8 would
    # skip or repeat rows at exactly these scores.
    rows = edge_conn.execute(
        "select quality_score, created_at, id, source_type from content_items_all"
        " where quality_score in (0.1::real, (1.0/3.0)::real) order by 1 desc, 2 desc, 3 desc, 4 desc"
    ).fetchall()
    assert rows
    req = Request(sort="quality_score_desc", source_types=("community-regular", "community-auto"))
    expected = [r.ident for r in oracle(edge_conn, req)]
    for q, created, ident, source in rows:
        position = upstream.Position(q, created, ident, source)
        at = expected.index((source, ident)) if (source, ident) in expected else None
        if at is None:
            continue  # a private row: not in this request's result
        page = upstream.fetch_page(edge_conn, None, None, req.source_types, "all", req.sort, 5, position)
        assert [(r[1], r[0]) for r in page] == expected[at + 1:at + 6]


def test_upstream_is_one_plain_statement_with_bound_values() -> None:
    tags = ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"]
    user = "00000000-0000-0000-0000-0000000000aa"
    after = upstream.Position(0.5, datetime(2026, 1, 1, tzinfo=timezone.utc), 9975, "auto")
    query, params = upstream.build(tags, user_id=user, tag_match="all", sort="quality_score_desc",
                                   limit=25, after=after)
    text = query.as_string(None)
    assert "00000000-0000" not in text and "9975" not in text and " 25" not in text  # all bound
    assert text.count("exists (") == 2 and "offset" not in text.lower() and " with " not in text
    assert "from content_items_all c" in text and "union" not in text.lower()
    assert ("(c.\"quality_score\", c.\"created_at\", c.\"id\", c.\"source_type\") <" in text
            and "order by c.\"quality_score\" desc, c.\"created_at\" desc, c.\"id\" desc, "
                "c.\"source_type\" desc" in text)
    assert params["tag_0"] == tags[0] and params["user_id"] == user and params["limit"] == 25
    any_query, any_params = upstream.build(tags + tags[:1], tag_match="any")
    assert any_query.as_string(None).count("exists (") == 1 and any_params["tags"] == tags
    with pytest.raises(ValueError):
        upstream.build(tags, source_types=["everything"])
    with pytest.raises(ValueError):
        upstream.build(tags, tag_match="most")


@pytest.mark.parametrize("words, has_user, expected", [
    (None, True, {"items": "all", "auto": "all"}),
    (None, False, {"items": "public", "auto": "public"}),
    (("user-regular",), True, {"items": "user"}),
    (("user-regular", "user-auto"), False, {}),
    (("community-auto", "user-regular"), True, {"items": "user", "auto": "community"}),
])
def test_scopes_follow_the_source_words(words, has_user, expected) -> None:
    assert upstream.scopes(words, has_user) == expected


# --- boolean tag queries ------------------------------------------------------------------------

# Names the grammar must quote (or, for EDGE-T01, a second spelling of edge-t01: one name, two ids),
# each put on a fixed share of the edge rows.
AWKWARD_NAMES = ("looking at viewer", "-minus", "~tilde", "and", 'say "hi"', "back\\slash",
                 "(paren)", "x|y", "EDGE-T01", "NOT")


def holds(node: tag_tree.Node, names: set[str]) -> bool:
    """A tree's meaning on a row carrying the (lower-case) tag names `names`."""
    if isinstance(node, tag_tree.Tag):
        return node.name.lower() in names
    if isinstance(node, tag_tree.Not):
        return not holds(node.arg, names)
    results = (holds(a, names) for a in node.args)
    return all(results) if isinstance(node, tag_tree.And) else any(results)


def leaves_of(conn: psycopg.Connection) -> list[tag_tree.Tag]:
    """Every tag name of a database as a query leaf, with all the ids it means."""
    ids: dict[str, list[str]] = {}
    spelled: dict[str, str] = {}
    for tag_id, name in conn.execute("select id::text, name from tags order by name, id").fetchall():
        ids.setdefault(name.lower(), []).append(tag_id)
        spelled.setdefault(name.lower(), name)
    return [tag_tree.Tag(spelled[key], tuple(v)) for key, v in sorted(ids.items())]


def boolean_mismatches(conn: psycopg.Connection,
                       cases: list[tuple[Request, tag_tree.Node, tuple[int, ...]]]) -> tuple[list[str], int]:
    """Upstream's walk of each (request, tree) against the oracle's rows for the tree's text;
    (disagreements, non-empty results). The rows' tag names are read once."""
    row_names = {ident: {n.lower() for n in names} for ident, names in tq.row_tag_names(conn).items()}
    problems: list[str] = []
    nonempty = 0
    for req, tree, sizes in cases:
        text = tag_tree.text(tree)
        meaning = tq.parse(text)
        expected = [r.ident for r in oracle(conn, req) if tq.evaluate(meaning, row_names.get(r.ident, ()))]
        got = walk(conn, req, sizes, limit=len(expected), tree=tree)
        nonempty += bool(expected)
        if got != expected:
            problems.append(f"{req.describe()} q={text!r} sizes={sizes}: {len(got)} rows, "
                            f"oracle {len(expected)}")
    return problems, nonempty


@pytest.fixture(scope="module")
def awkward_conn(postgresql_schema: Any) -> Iterator[psycopg.Connection]:
    """The edge data plus tags with awkward names, each on every 2nd..11th row."""
    with cloned_database(postgresql_schema, f"tagpage_upstream_awkward_{os.getpid()}") as conn:
        rows = edge_data.load(conn)
        with conn.cursor() as cur:
            for n, name in enumerate(AWKWARD_NAMES):
                (tag_id,) = cur.execute("insert into tags (id, name) values (gen_random_uuid(), %s)"
                                        " returning id", (name,)).fetchone()
                cur.executemany("insert into content_tags (content_id, content_source, tag_id)"
                                " values (%s, %s, %s)",
                                [(r.id, r.source_type, tag_id) for i, r in enumerate(rows)
                                 if i % (n + 2) == n % 3])
        conn.commit()
        conn.autocommit = True
        yield conn


def test_query_text_means_the_tree() -> None:
    """tag_tree.text, read back by the oracle's parser, means the tree: on every subset of
    at most three of eleven names, nine of them awkward, for 400 random trees in every spelling
    the renderer uses."""
    names = [n for n in AWKWARD_NAMES if n != "EDGE-T01"] + ["cat", "dog"]
    pool = [tag_tree.Tag(n, (str(i),)) for i, n in enumerate(names)]
    rng = random.Random(3)
    texts = set()
    for _ in range(400):
        tree = tag_tree.random_tree(rng, lambda: rng.choice(pool), rng.randint(1, 4))
        text = tag_tree.text(tree)
        texts.add(text)
        parsed = tq.parse(text)
        for size in range(0, 4):
            for combo in itertools.combinations([t.name.lower() for t in pool], size):
                names = set(combo)
                assert tq.evaluate(parsed, names) == holds(tree, names), (text, names)
    joined = " ".join(texts)
    for spelling in (" and ", " or ", " | ", "not ", "-", "~", "(", '"looking at viewer"',
                     '"-minus"', '"~tilde"', '"and"', '"say \\"hi\\""', '"(paren)"', '"x|y"', '"NOT"'):
        assert spelling in joined, spelling
    assert tag_tree.quote("cat") == "cat" and tag_tree.quote("t-shirt") == "t-shirt"
    with pytest.raises(ValueError):
        tag_tree.quote("")


def test_upstream_boolean_walks_match_the_oracle(awkward_conn: psycopg.Connection) -> None:
    leaves = leaves_of(awkward_conn)
    assert any(len(leaf.ids) == 2 for leaf in leaves)  # EDGE-T01 / edge-t01: one name, two ids
    rng = random.Random(17)
    users = edge_data.request_users()
    cases = []
    for n in range(60):
        tree = tag_tree.random_tree(rng, lambda: rng.choice(leaves), rng.randint(1, 4))
        tags = tuple(rng.sample(edge_data.TAGS[:6], rng.choice((0, 0, 0, 1, 2))))
        req = Request(tags=tags or None, user_id=users[n % len(users)],
                      source_types=SOURCE_SUBSETS[n % len(SOURCE_SUBSETS)],
                      tag_match=MATCHES[n % 2], sort=SORTS[n % 3])
        cases.append((req, tree, ((1,), (3,), (7,), (25,), (1, 3, 7, 25))[n % 5]))
    problems, nonempty = boolean_mismatches(awkward_conn, cases)
    assert not problems, "\n".join(problems[:10])
    assert nonempty >= len(cases) // 3


def test_upstream_serves_the_bench_boolean_sample(demo_conn: psycopg.Connection) -> None:
    """The bench's own boolean requests (generate_boolean and the four gallery queries) on the
    demo data: upstream walks them exactly as the oracle reads their text."""
    pools = wl.tag_pools(demo_conn)
    users = wl.active_users(demo_conn)
    sample = wl.generate_boolean(pools, users, 10, seed=5)
    sample += wl.boolean_gallery_requests(pools, users[0]).values()
    cases = [(Request(tags=r.tags or None, user_id=r.user_id, source_types=r.source_types,
                      tag_match=r.tag_match, sort=r.sort), r.tree, (25, 500)) for r in sample]
    problems, nonempty = boolean_mismatches(demo_conn, cases)
    assert not problems, "\n".join(problems[:10])
    assert nonempty >= len(cases) // 2


def test_upstream_boolean_sql_is_one_probe_per_leaf_with_bound_values() -> None:
    a = tag_tree.Tag("a", ("00000000-0000-0000-0000-00000000000a",))
    b = tag_tree.Tag("B", ("00000000-0000-0000-0000-00000000000b", "00000000-0000-0000-0000-0000000000bb"))
    tree = tag_tree.Or((tag_tree.And((a, tag_tree.Not(b))), tag_tree.Not(tag_tree.Or((a, b)))))
    query, params = upstream.build(None, tree=tree)
    text = query.as_string(None)
    assert "00000000-0000" not in text  # every id bound
    assert text.count("exists (") == 4 and text.count("not exists (") == 1 and "not ((" in text
    # a leaf used twice is bound once; a name with two ids is probed with = any
    assert {k: v for k, v in params.items() if k.startswith("q_")} == {"q_0": a.ids[0], "q_1": list(b.ids)}
    assert text.count("= any(%(q_1)s::uuid[])") == 2 and text.count("= %(q_0)s::uuid") == 2
    count, count_params = upstream.build_count(None, tree=tree)
    assert count.as_string(None).startswith("select count(*) from content_items_all c where ")
    assert {k: v for k, v in count_params.items()} == {k: v for k, v in params.items() if k != "limit"}
