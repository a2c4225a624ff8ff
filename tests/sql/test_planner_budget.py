"""The budgeted sort_first walk: the three ways it ends, each exact.

For 'all' with k >= 2 the planner's density estimate assumes independent tags. When sort_first
wins on that estimate it gets a walk budget; unified_content_page then
  * keeps the walk's rows when they fill the page (strategy sort_first),
  * keeps them when the walk saw every candidate before the budget (sort_first, short page),
  * otherwise falls back to the planner's tag-first choice (strategy = that fallback).
Data: two tags A and B, each on about half the rows but never together, except on the OLDEST
rows: independence predicts 25 % overlap, the truth is a handful of rows at the far end.
"""
from __future__ import annotations

import psycopg
import pytest

A = "00000000-0000-0000-0000-0000000000aa"
B = "00000000-0000-0000-0000-0000000000bb"
C = "00000000-0000-0000-0000-0000000000cc"
USER = "00000000-0000-0000-0000-000000000001"
ROWS, BOTH = 2400, 30


@pytest.fixture
def disjoint(postgresql: psycopg.Connection) -> psycopg.Connection:
    conn = postgresql
    conn.execute("insert into users (id, username) values (%s, 'u')", (USER,))
    conn.execute("insert into tags (id, name) values (%s, 'a'), (%s, 'b'), (%s, 'c')", (A, B, C))
    # ids 1..ROWS, created_at increasing with id; both partitions, colliding ids on purpose
    conn.execute("""
        insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at)
        select g / 2 + 1, case when g %% 2 = 0 then 'auto' else 'items' end, 't' || g, %s,
               timestamptz '2025-01-01' + g * interval '1 minute', now()
          from generate_series(0, %s - 1) g""", (USER, ROWS))
    # A on ranks 0,1 mod 4 and B on ranks 2,3 mod 4 (so each partition has half of each, never
    # together), both on the BOTH oldest rows; C on every row
    conn.execute("""
        with ranked as (select id, source_type, row_number() over (order by created_at) as r
                          from content_items_all)
        insert into content_tags (content_id, content_source, tag_id)
        select id, source_type, %s::uuid from ranked where r %% 4 in (0, 1) or r <= %s
        union all
        select id, source_type, %s::uuid from ranked where r %% 4 in (2, 3) or r <= %s
        union all
        select id, source_type, %s::uuid from ranked""", (A, BOTH, B, BOTH, C))
    conn.execute("""
        insert into content_source_stats (content_source, total_rows)
        select source_type, count(*) from content_items_all group by 1""")
    conn.execute("""
        insert into tag_cardinality_stats (tag_id, content_source, cardinality)
        select tag_id, content_source, count(*) from content_tags group by 1, 2""")
    conn.commit()
    return conn


def _page(conn: psycopg.Connection, tags: list[str], cursor: str | None = None, size: int = 25) -> list[tuple]:
    return conn.execute(
        "select id, source_type, strategy, next_cursor, has_next from unified_content_page("
        "tags => %s::uuid[], cursor => %s, page_size => %s)", (tags, cursor, size)).fetchall()


def _oracle(conn: psycopg.Connection, tags: list[str]) -> list[tuple]:
    return conn.execute("""
        select c.id, c.source_type from content_items_all c
         where not c.is_private
           and (select count(distinct t.tag_id) from content_tags t
                 where t.content_id = c.id and t.content_source = c.source_type
                   and t.tag_id = any(%s::uuid[])) = cardinality(%s::uuid[])
         order by c.created_at desc, c.id desc, c.source_type desc""", (tags, tags)).fetchall()


def test_planner_budgets_the_walk(disjoint: psycopg.Connection) -> None:
    plan = disjoint.execute("select unified_content_plan(tags => %s::uuid[])", ([A, B],)).fetchone()[0]
    assert plan["strategy"] == "sort_first", plan
    assert 0 < plan["walk_budget"] < ROWS - BOTH, plan
    assert plan["fallback"] in ("self_join", "two_phase_single", "two_phase_dual", "group_having"), plan


def test_cut_walk_falls_back_and_is_exact(disjoint: psycopg.Connection) -> None:
    want = _oracle(disjoint, [A, B])
    assert len(want) == BOTH
    plan = disjoint.execute("select unified_content_plan(tags => %s::uuid[])", ([A, B],)).fetchone()[0]
    first = _page(disjoint, [A, B])
    assert [r[:2] for r in first] == want[:25]
    assert {r[2] for r in first} == {plan["fallback"]}, "the rows came from the fallback strategy"
    assert first[-1][4] is True
    second = _page(disjoint, [A, B], first[-1][3])
    assert [r[:2] for r in second] == want[25:]
    assert second[-1][4] is False


def test_walk_that_sees_every_candidate_keeps_its_rows(disjoint: psycopg.Connection) -> None:
    # a cursor near the far end: fewer rows than the budget remain, the walk ends on its own
    want = _oracle(disjoint, [A, B])
    start = _page(disjoint, [A, B], size=BOTH - 3)
    rows = _page(disjoint, [A, B], start[-1][3])
    assert [r[:2] for r in rows] == want[BOTH - 3:]
    assert {r[2] for r in rows} == {"sort_first"}


def test_walk_that_fills_the_page_keeps_its_rows(disjoint: psycopg.Connection) -> None:
    want = _oracle(disjoint, [A, C])
    plan = disjoint.execute("select unified_content_plan(tags => %s::uuid[])", ([A, C],)).fetchone()[0]
    assert plan["strategy"] == "sort_first" and plan["walk_budget"], plan
    rows = _page(disjoint, [A, C])
    assert [r[:2] for r in rows] == want[:25]
    assert {r[2] for r in rows} == {"sort_first"}


def test_walk_is_budgeted_even_when_every_tag_first_plan_is_over_its_ceiling(
        disjoint: psycopg.Connection) -> None:
    # Gallery scale: two tags of 20 %+ are over seed_candidate_cap and the group/having ceiling,
    # and k = 2 is below the dual-seed minimum, so no tag-first strategy is *eligible*. The walk
    # must still get a budget and a serving fallback, or disjoint tags walk the whole table.
    disjoint.execute("""
        update planner_config set value = '1'
         where key in ('seed_candidate_cap', 'group_having_rarest_ceiling')""")
    disjoint.commit()
    plan = disjoint.execute("select unified_content_plan(tags => %s::uuid[])", ([A, B],)).fetchone()[0]
    assert plan["eligible"] == ["sort_first"], plan
    assert plan["strategy"] == "sort_first" and 0 < plan["walk_budget"] < ROWS - BOTH, plan
    assert plan["fallback"] in ("self_join", "two_phase_single", "two_phase_dual", "group_having"), plan
    want = _oracle(disjoint, [A, B])
    first = _page(disjoint, [A, B])
    assert [r[:2] for r in first] == want[:25]
    assert {r[2] for r in first} == {plan["fallback"]}
