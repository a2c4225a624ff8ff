"""The bench's upstream query (python_admin/upstream.py) returns the brute-force answer exactly.

The bench times upstream against tagpage and demands the same rows in the same order from both,
so upstream itself must be exact: every page of a whole forward walk (each page continuing after
the previous page's last row, page sizes 1, 3, 7, 25 and mixed) equals the oracle's slice, on the
hand-made edge data (ids shared by both partitions, created_at ties, reals with no short decimal
form, private rows) and on both demo profiles at a tiny scale, over every source subset, with and
without a user, all three sorts, K = 0..10 and both tag_match modes.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from itertools import cycle
from typing import Any, Iterator

import psycopg
import pytest

import edge_data
from oracle import (
    MATCHES, PLANNER, SORTS, SOURCE_SUBSETS, Request, TagPool, cloned_database, matrix, oracle,
)
from python_admin import upstream
from python_admin import workload as wl


def walk(conn: psycopg.Connection, req: Request, sizes: tuple[int, ...],
         limit: int) -> list[tuple[str, int]]:
    """(source_type, id) of every row, page by page after the previous page's last row.

    Page sizes cycle through `sizes`; a page must never hold more rows than asked for, and a
    short page ends the walk. It stops once it has more than `limit` rows (a position that
    does not advance would otherwise walk forever).
    """
    got: list[tuple[str, int]] = []
    after: upstream.Position | None = None
    for size in cycle(sizes):
        rows = upstream.fetch_page(conn, req.tags, req.user_id, req.source_types, req.tag_match,
                                   req.sort, size, after)
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
