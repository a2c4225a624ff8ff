"""The session's remembered planner decisions (tagpage_plan_memoized).

A remembered decision must be the one the planner makes now: reused while the statistics and
knobs it came from are unchanged, made again as soon as any of them changes (in this session or
committed by another), never for the requests whose decision depends on something no statistics
generation follows, and never trusted when the session's setting holds something else (a
pooled server connection another client used). The rows never depend on it: each page is checked
against a brute-force query.
"""
from __future__ import annotations

from typing import Any

import psycopg
import pytest

from tests.conftest import url_of

A = "00000000-0000-0000-0000-0000000000aa"
B = "00000000-0000-0000-0000-0000000000bb"
C = "00000000-0000-0000-0000-0000000000cc"
USER = "00000000-0000-0000-0000-000000000001"
ROWS = 1200

REQUEST_ARGS = "tags => %s::uuid[], tag_match => %s, user_id => %s::uuid, source_types => %s::text[]"


@pytest.fixture
def tagged(postgresql: psycopg.Connection) -> psycopg.Connection:
    """A on a quarter of each partition's rows, B on half, C on all; statistics that say so."""
    conn = postgresql
    conn.execute("insert into users (id, username) values (%s, 'u')", (USER,))
    conn.execute("insert into tags (id, name) values (%s, 'a'), (%s, 'b'), (%s, 'c')", (A, B, C))
    conn.execute("""
        insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at, is_private)
        select g / 2 + 1, case when g %% 2 = 0 then 'auto' else 'items' end, 't' || g, %s,
               timestamptz '2025-01-01' + g * interval '1 minute', now(), g %% 7 = 0
          from generate_series(0, %s - 1) g""", (USER, ROWS))
    conn.execute("""
        with ranked as (select id, source_type, row_number() over (order by created_at) as r
                          from content_items_all)
        insert into content_tags (content_id, content_source, tag_id)
        select id, source_type, %s::uuid from ranked where (r - 1) / 2 %% 4 = 0
        union all
        select id, source_type, %s::uuid from ranked where (r - 1) / 2 %% 2 = 0
        union all
        select id, source_type, %s::uuid from ranked""", (A, B, C))
    conn.execute("""
        insert into content_source_stats (content_source, total_rows)
        select source_type, count(*) from content_items_all group by 1""")
    conn.execute("""
        insert into tag_cardinality_stats (tag_id, content_source, cardinality)
        select tag_id, content_source, count(*) from content_tags group by 1, 2""")
    conn.commit()
    return conn


def _page(conn: psycopg.Connection, tags: list[str], match: str = "all", user: str | None = None,
          sources: list[str] | None = None) -> list[tuple]:
    return conn.execute(
        f"select id, source_type, strategy from unified_content_page({REQUEST_ARGS})",
        (tags, match, user, sources)).fetchall()


def _fresh(conn: psycopg.Connection, tags: list[str], match: str = "all", user: str | None = None,
           sources: list[str] | None = None) -> str:
    """The planner's decision now, asked directly (never remembered), as text."""
    return conn.execute(
        "select tagpage_plan(tagpage_request_build(%s::uuid[], null, 25, %s::uuid, %s::text[], %s, "
        "'created_at_desc'))::text", (tags, user, sources, match)).fetchone()[0]


def _memoized(conn: psycopg.Connection, tags: list[str], match: str = "all", user: str | None = None,
              sources: list[str] | None = None) -> str:
    return conn.execute(
        "select tagpage_plan_memoized(tagpage_request_build(%s::uuid[], null, 25, %s::uuid, %s::text[], %s, "
        "'created_at_desc'))::text", (tags, user, sources, match)).fetchone()[0]


def _remembered(conn: psycopg.Connection) -> list[str]:
    """The non-empty memo settings of this session."""
    slots = conn.execute("select (knobs ->> 'plan_memo_slots')::int from planner_config_snapshot").fetchone()[0]
    return [row[0] for row in conn.execute(
        "select current_setting('tagpage.plan_memo_' || s, true) from generate_series(0, %s - 1) s",
        (max(slots, 1),)).fetchall() if row[0]]


def _oracle(conn: psycopg.Connection, tags: list[str], match: str) -> list[tuple]:
    need = "1" if match == "any" else "cardinality(%(tags)s::uuid[])"
    return conn.execute(f"""
        select c.id, c.source_type from content_items_all c
         where not c.is_private
           and (select count(distinct t.tag_id) from content_tags t
                 where t.content_id = c.id and t.content_source = c.source_type
                   and t.tag_id = any(%(tags)s::uuid[])) >= {need}
         order by c.created_at desc, c.id desc, c.source_type desc limit 25""", {"tags": tags}).fetchall()


def _set_stats(conn: psycopg.Connection, tag: str, cardinality: int) -> None:
    conn.execute("update tag_cardinality_stats set cardinality = %s where tag_id = %s", (cardinality, tag))


REQUESTS: list[dict[str, Any]] = [
    {"tags": [C]},
    {"tags": [A, B]},
    {"tags": [A, B], "match": "any"},
    {"tags": [A, B, C], "match": "any", "sources": ["community-regular", "community-auto"]},
    {"tags": [A], "user": USER, "sources": ["user-regular", "community-auto"]},
]


@pytest.mark.parametrize("request_kwargs", REQUESTS, ids=lambda r: f"{len(r['tags'])}-{r.get('match', 'all')}")
def test_a_remembered_decision_is_the_planners(tagged: psycopg.Connection, request_kwargs: dict) -> None:
    first = _memoized(tagged, **request_kwargs)
    assert first == _fresh(tagged, **request_kwargs)
    assert len(_remembered(tagged)) == 1
    assert _memoized(tagged, **request_kwargs) == first
    rows = _page(tagged, **request_kwargs)
    assert [r[:2] for r in rows] == [r[:2] for r in _page(tagged, **request_kwargs)]


def test_the_decision_is_reused_until_the_statistics_change(tagged: psycopg.Connection) -> None:
    assert _page(tagged, [A])[0][2] == "sort_first"
    # Statistics changed behind the generation's back (its trigger off): the session keeps its
    # decision, which shows the planner did not run again ...
    tagged.execute("alter table tag_cardinality_stats disable trigger planner_generation_write")
    _set_stats(tagged, A, 2)
    assert "sort_first" not in _fresh(tagged, [A])
    assert _page(tagged, [A])[0][2] == "sort_first"
    # ... and a write through the trigger starts a new generation: the next call plans again.
    tagged.execute("alter table tag_cardinality_stats enable trigger planner_generation_write")
    _set_stats(tagged, A, 2)
    rows = _page(tagged, [A])
    assert rows[0][2] != "sort_first" and rows[0][2] in _fresh(tagged, [A])
    assert [r[:2] for r in rows] == _oracle(tagged, [A], "all")


def test_statistics_committed_by_another_session_end_the_remembered_decision(tagged: psycopg.Connection) -> None:
    tagged.autocommit = True
    assert _page(tagged, [A])[0][2] == "sort_first"
    with psycopg.connect(url_of(tagged)) as other:
        _set_stats(other, A, 2)
        assert _page(tagged, [A])[0][2] == "sort_first"  # not committed yet: not seen
    rows = _page(tagged, [A])
    assert rows[0][2] != "sort_first"
    assert [r[:2] for r in rows] == _oracle(tagged, [A], "all")


@pytest.mark.parametrize("table, change", [
    ("planner_config", "update planner_config set value = 'false' where key = 'enable_sort_first'"),
    ("content_source_stats", "update content_source_stats set total_rows = total_rows * 1000"),
    ("count_bitmap_source", "truncate count_bitmap_source"),
])
def test_every_input_table_starts_a_new_generation(tagged: psycopg.Connection, table: str, change: str) -> None:
    before = tagged.execute("select generation from planner_config_snapshot").fetchone()[0]
    tagged.execute(change)
    after = tagged.execute("select generation from planner_config_snapshot").fetchone()[0]
    assert after > before, table


def test_a_knob_change_ends_the_remembered_decision(tagged: psycopg.Connection) -> None:
    assert _page(tagged, [C])[0][2] == "sort_first"
    tagged.execute("update planner_config set value = 'false' where key = 'enable_sort_first'")
    rows = _page(tagged, [C])
    assert rows[0][2] != "sort_first"
    assert [r[:2] for r in rows] == _oracle(tagged, [C], "all")


@pytest.mark.parametrize("case", ["forced", "no_tags", "memo_off", "telemetry"])
def test_not_remembered(tagged: psycopg.Connection, case: str) -> None:
    args: dict[str, Any] = {"tags": [A]}
    if case == "forced":
        tagged.execute("set tagpage.force_strategy = 'self_join'")
    elif case == "no_tags":
        args = {"tags": []}
    elif case == "memo_off":
        tagged.execute("update planner_config set value = '0' where key = 'plan_memo_slots'")
    elif case == "telemetry":
        tagged.execute("update planner_config set value = '0.5' where key = 'telemetry.sample_rate'")
    _page(tagged, **args)
    assert _remembered(tagged) == []


def test_a_tag_query_is_remembered_by_its_normal_form(tagged: psycopg.Connection) -> None:
    def page(query: str) -> list[tuple]:
        return tagged.execute("select id, source_type, strategy from unified_content_page(tag_query => %s)",
                              (query,)).fetchall()

    def fresh(query: str) -> str:
        return tagged.execute("select tagpage_plan(tagpage_request_build(null, null, 25, null, null, 'all', "
                              "'created_at_desc', %s))::text", (query,)).fetchall()[0][0]

    def oracle(wanted: str) -> list[tuple]:
        return tagged.execute(f"""
            select c.id, c.source_type from content_items_all c
             where not c.is_private and {wanted}
             order by c.created_at desc, c.id desc, c.source_type desc limit 25""").fetchall()

    def has(tag: str) -> str:
        return (f"exists (select 1 from content_tags t where t.content_id = c.id "
                f"and t.content_source = c.source_type and t.tag_id = '{tag}')")

    cases = {"a -b": f"{has(A)} and not {has(B)}", "(a or b) c": f"({has(A)} or {has(B)}) and {has(C)}",
             "A  -B": f"{has(A)} and not {has(B)}"}
    for query, wanted in cases.items():
        for _ in range(2):
            assert [r[:2] for r in page(query)] == oracle(wanted), query
    # 'a -b' and 'A  -B' have one normal form: one decision for both; every entry is the planner's
    entries = _remembered(tagged)
    assert len(entries) == 2
    assert {e.split("\n", 1)[1] for e in entries} == {fresh(q) for q in cases}


def test_a_viewers_own_scope_is_decided_again_when_their_row_count_changes(tagged: psycopg.Connection) -> None:
    # The viewer owns every row: the walk reads at most the viewer's rows, which the planner
    # counts up to 200 (more: NULL). A statistics generation does not follow that count, so it is
    # part of the key: a new row of theirs is a new decision, without any statistics write.
    other = "00000000-0000-0000-0000-000000000002"
    mine = {"tags": [A], "user": other, "sources": ["user-regular", "user-auto"]}
    tagged.execute("insert into users (id, username) values (%s, 'v')", (other,))
    tagged.execute("""insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at)
                      select 10000 + g, 'items', 'v' || g, %s, now(), now() from generate_series(1, 3) g""", (other,))
    first = _memoized(tagged, **mine)
    assert first == _fresh(tagged, **mine)
    before = _remembered(tagged)
    assert len(before) == 1 and _memoized(tagged, **mine) == first and _remembered(tagged) == before
    tagged.execute("""insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at)
                      values (10004, 'items', 'v4', %s, now(), now())""", (other,))
    assert _memoized(tagged, **mine) == _fresh(tagged, **mine)
    assert set(_remembered(tagged)) - set(before), "a new key: the viewer's count is part of it"
    assert [r[:2] for r in _page(tagged, **mine)] == []  # none of the viewer's rows has tag A


def test_an_entry_this_session_did_not_write_is_a_miss(tagged: psycopg.Connection) -> None:
    # A pooled server connection may carry another client's entries, or entries of an older
    # generation: a slot whose key is not the request's is planned over, whatever it holds.
    tagged.execute("select set_config('tagpage.plan_memo_' || s, 'not|a|key' || E'\\n' || 'garbage', false) "
                   "from generate_series(0, 63) s")
    rows = _page(tagged, [A, B], "any")
    assert [r[:2] for r in rows] == _oracle(tagged, [A, B], "any")
    assert any(entry.endswith(_fresh(tagged, [A, B], "any")) for entry in _remembered(tagged))


def test_pages_with_remembered_decisions_are_exact(tagged: psycopg.Connection) -> None:
    for tags, match in [([A], "all"), ([A, B], "all"), ([A, B], "any"), ([A, C], "any")]:
        for _ in range(3):
            assert [r[:2] for r in _page(tagged, tags, match)] == _oracle(tagged, tags, match), (tags, match)
