"""Keyset paging of unified_content_page: property tests (hypothesis) and cursor rules.

- Whole walks forwards, then backwards from the last row, equal the oracle for any request and
  any page-size schedule a strategy is asked to serve.
- Inserts, updates (created_at, quality_score, privacy, creator, tags) and deletes interleaved
  between pages: no row left untouched during the walk comes twice, every untouched matching row
  comes, in display order. Touched rows may legitimately move, vanish or come again.
- Cursors: the documented shape (docs/api.md); a cursor of one sort used with another is 22023; a cursor stays
  a valid position when the filters change and when its own row is gone.
"""
from __future__ import annotations

import re
import os
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Iterator

import psycopg
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import edge_data
from oracle import (
    INVALID_PARAMETER_VALUE, PLANNER, SORTS, SOURCE_SUBSETS, STRATEGIES, EngineError, Request,
    Row, call_page, check_walk, cloned_database, comes_after, decode_cursor, encode_cursor, may_refuse, oracle,
    report, rollback_shared, row_of,
)

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                    HealthCheck.too_slow])
USER_CHOICES = edge_data.request_users()
CREATORS = [edge_data.USERS[n] for n in ("alice", "bob", "carol")]



@pytest.fixture(autouse=True)
def _clean_shared_session(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, end whatever transaction it left open on the shared connection, so a
    failing test cannot make the tests after it fail too."""
    yield
    rollback_shared(request, ('edge_conn',))


@pytest.fixture(scope="module")
def edge_conn(postgresql_schema: Any) -> Iterator[psycopg.Connection]:
    """One migrated database holding the edge-case dataset, shared by this module; tests that
    change rows do it in a transaction they roll back (see oracle.cloned_database)."""
    with cloned_database(postgresql_schema, f"tagpage_oracle_paging_{os.getpid()}") as conn:
        edge_data.load(conn)
        yield conn


@st.composite
def requests(draw: st.DrawFn) -> Request:
    """Any request over the edge data: K 0..10 (maybe a duplicate), any sources, user, sort."""
    k = draw(st.integers(0, 10))
    tags: tuple[str, ...] | None
    if k == 0:
        tags = draw(st.sampled_from([None, ()]))
    else:
        tags = tuple(draw(st.lists(st.sampled_from(edge_data.TAGS), min_size=k, max_size=k, unique=True)))
        if draw(st.booleans()):
            tags = tags + (draw(st.sampled_from(tags)),)
    return Request(tags=tags, user_id=draw(st.sampled_from(USER_CHOICES)),
                   source_types=draw(st.sampled_from(SOURCE_SUBSETS)),
                   tag_match=draw(st.sampled_from(("all", "any"))), sort=draw(st.sampled_from(SORTS)))


def _serving(req: Request) -> list[str]:
    """Strategies that must serve `req` (the planner always must)."""
    return [s for s in STRATEGIES + (PLANNER,) if may_refuse(s, req) is None]


@given(data=st.data())
@PROPERTY_SETTINGS
def test_whole_walks_forward_and_backward_match_oracle(edge_conn: psycopg.Connection, data: st.DataObject) -> None:
    req = data.draw(requests(), label="request")
    strategy = data.draw(st.sampled_from(_serving(req)), label="strategy")
    forward = tuple(data.draw(st.lists(st.integers(1, 30), min_size=1, max_size=4), label="forward sizes"))
    backward = tuple(data.draw(st.lists(st.integers(1, 30), min_size=1, max_size=4), label="backward sizes"))
    problems = check_walk(edge_conn, req, strategy, forward, backward, where="hypothesis")
    assert not problems, report(problems)


# --- walks with concurrent changes -------------------------------------------------------------

OP_KINDS = ("insert", "created_at", "quality", "privacy", "creator", "tag_add", "tag_remove", "delete")
ops = st.tuples(st.sampled_from(OP_KINDS), st.integers(0, 2**20), st.integers(0, 2**20))


@dataclass
class Mutator:
    """Applies one drawn change at a time and remembers which rows it touched."""

    conn: psycopg.Connection
    touched: set[tuple[str, int]] = field(default_factory=set)

    def _rows(self) -> list[tuple[str, int, Any]]:
        return self.conn.execute("select source_type, id, created_at from content_items_all"
                                 " order by source_type, id").fetchall()

    def apply(self, op: tuple[str, int, int], cursor_row: tuple[str, int] | None) -> None:
        kind, pick, value = op
        rows = self._rows()
        if kind == "insert":
            self._insert(rows, pick, value)
            return
        if not rows:
            return
        # A quarter of the changes hit the row the next cursor points at: the nastiest case.
        if cursor_row is not None and pick % 4 == 0 and any((s, i) == cursor_row for s, i, _ in rows):
            source, ident = cursor_row
        else:
            source, ident, _ = rows[pick % len(rows)]
        key = (source, ident)
        self.touched.add(key)
        if kind == "created_at":
            other = rows[value % len(rows)][2]
            new = other if value % 3 else other + timedelta(microseconds=value % 7 - 3)
            self._update(key, "created_at = %s", new)
        elif kind == "quality":
            self._update(key, "quality_score = %s", edge_data.QUALITIES[value % len(edge_data.QUALITIES)])
        elif kind == "privacy":
            self._update(key, "is_private = not is_private", None)
        elif kind == "creator":
            self._update(key, "creator_id = %s", CREATORS[value % len(CREATORS)])
        elif kind == "tag_add":
            self.conn.execute("insert into content_tags (content_id, content_source, tag_id)"
                              " values (%s, %s, %s) on conflict do nothing",
                              (ident, source, edge_data.TAGS[value % 10]))
        elif kind == "tag_remove":
            self.conn.execute("delete from content_tags where content_id = %s and content_source = %s"
                              " and tag_id = %s", (ident, source, edge_data.TAGS[value % 10]))
        elif kind == "delete":
            self.conn.execute("delete from content_items_all where id = %s and source_type = %s",
                              (ident, source))

    def _update(self, key: tuple[str, int], assignment: str, value: Any) -> None:
        params = ((value,) if value is not None else ()) + (key[1], key[0])
        self.conn.execute(f"update content_items_all set {assignment}, updated_at = now()"
                          " where id = %s and source_type = %s", params)

    def _insert(self, rows: list[tuple[str, int, Any]], pick: int, value: int) -> None:
        source = ("items", "auto")[pick % 2]
        taken = {i for s, i, _ in rows if s == source}
        # Half the inserts reuse an id of the other partition: colliding ids appear mid-walk.
        colliding = [i for s, i, _ in rows if s != source and i not in taken]
        if colliding and value % 2:
            ident = colliding[value % len(colliding)]
        else:
            ident = self.conn.execute("select nextval('content_items_all_id_seq')").fetchone()[0]
        created = rows[value % len(rows)][2] if rows else edge_data.T0
        self.conn.execute(
            "insert into content_items_all (id, source_type, title, creator_id, is_private,"
            " quality_score, created_at, updated_at) values (%s, %s, %s, %s, %s, %s, %s, now())",
            (ident, source, f"inserted {source} #{ident}", CREATORS[value % 3], value % 5 == 0,
             edge_data.QUALITIES[pick % len(edge_data.QUALITIES)], created))
        tags = [t for bit, t in enumerate(edge_data.TAGS[:6]) if (value >> bit) & 1]
        for tag in tags:
            self.conn.execute("insert into content_tags (content_id, content_source, tag_id)"
                              " values (%s, %s, %s)", (ident, source, tag))
        self.touched.add((source, ident))


def _walk_with_changes(conn: psycopg.Connection, req: Request, strategies: list[str], sizes: list[int],
                       changes: list[list[tuple[str, int, int]]], start: str | None,
                       direction: str) -> tuple[list[Row], set[tuple[str, int]], str | None]:
    """Page through the result (next or prev) applying one batch of changes between pages.

    Returns the rows in display order, the rows the changes touched, and the prev_cursor of the
    last row returned (in display order) as the engine issued it.
    """
    mutator = Mutator(conn)
    returned: list[Row] = []
    last_prev: str | None = None
    cursor = start
    for page_no in range(500):
        page = call_page(conn, req, cursor, sizes[page_no % len(sizes)],
                         strategies[page_no % len(strategies)])
        if not page:
            break
        if direction == "next":
            returned += [row_of(r) for r in page]
            edge = page[-1]
            cursor = edge["next_cursor"]
            last_prev = edge["prev_cursor"]
        else:
            returned = [row_of(r) for r in page] + returned
            edge = page[0]
            cursor = edge["prev_cursor"]
        for op in changes[page_no] if page_no < len(changes) else []:
            mutator.apply(op, (edge["source_type"], edge["id"]))
    else:
        raise AssertionError(f"walk did not end after 500 pages: {req.describe()}")
    return returned, mutator.touched, last_prev


def _check_untouched(before: list[Row], returned: list[Row], touched: set[tuple[str, int]],
                     req: Request, label: str) -> list[str]:
    """The invariants for rows left untouched during a walk (`before` = the expected rows then)."""
    problems: list[str] = []
    untouched_returned = [r for r in returned if r.ident not in touched]
    seen: set[tuple[str, int]] = set()
    for r in untouched_returned:
        if r.ident in seen:
            problems.append(f"{label}: untouched row {r.ident} returned twice")
        seen.add(r.ident)
    expected = {r.ident for r in before if r.ident not in touched}
    missing = [r.ident for r in before if r.ident in expected and r.ident not in seen]
    if missing:
        problems.append(f"{label}: untouched matching rows never returned: {missing[:10]}")
    extra = sorted(seen - expected)
    if extra:
        problems.append(f"{label}: untouched rows returned that do not match: {extra[:10]}")
    keys = [r.sort_key(req.sort) for r in untouched_returned]
    for a, b in zip(keys, keys[1:]):
        if not comes_after(b, a, req.sort):
            problems.append(f"{label}: untouched rows out of display order: {a} then {b}")
            break
    return problems


@given(data=st.data())
@settings(PROPERTY_SETTINGS, max_examples=100)
def test_walks_with_interleaved_changes_keep_untouched_rows_exact(
        edge_conn: psycopg.Connection, data: st.DataObject) -> None:
    req = data.draw(requests(), label="request")
    # One strategy per page, cycled: a cursor is a position whoever serves the next page.
    strategy = data.draw(st.lists(st.sampled_from(_serving(req)), min_size=1, max_size=3), label="strategies")
    sizes = data.draw(st.lists(st.integers(1, 12), min_size=1, max_size=3), label="sizes")
    forward_changes = data.draw(st.lists(st.lists(ops, max_size=3), max_size=12), label="forward changes")
    backward_changes = data.draw(st.lists(st.lists(ops, max_size=3), max_size=12), label="backward changes")
    with edge_conn.transaction(force_rollback=True):
        before = oracle(edge_conn, req)
        returned, touched, last_prev = _walk_with_changes(edge_conn, req, strategy, sizes,
                                                          forward_changes, None, "next")
        problems = _check_untouched(before, returned, touched, req, "forward")
        if returned and not problems:
            # Back from the last row returned: its prev_cursor holds the position the row had
            # when it was returned, whatever happened to the row since.
            position = returned[-1].sort_key(req.sort)
            now = oracle(edge_conn, req)
            before_back = [r for r in now if comes_after(position, r.sort_key(req.sort), req.sort)]
            back, touched_back, _ = _walk_with_changes(edge_conn, req, strategy, sizes,
                                                       backward_changes, last_prev, "prev")
            problems += _check_untouched(before_back, back, touched_back, req, "backward")
        event(f"rows touched during the forward walk: {min(len(touched), 5)}{'+' if len(touched) >= 5 else ''}")
        event(f"forward walk returned rows: {'none' if not returned else 'some'}")
    assert not problems, f"strategies={strategy} {req.describe()}\n" + "\n".join(problems)


# --- cursors -----------------------------------------------------------------------------------

def test_cursor_shape_follows_spec(edge_conn: psycopg.Connection) -> None:
    for sort in SORTS:
        page = call_page(edge_conn, Request(sort=sort), None, 5)
        assert len(page) == 5
        for r in page:
            for name, direction in (("next_cursor", "next"), ("prev_cursor", "prev")):
                token = r[name]
                assert re.fullmatch(r"[A-Za-z0-9._-]+", token), token  # URL-unreserved as it is
                payload = decode_cursor(token)
                assert payload["v"] == 2 and payload["s"] == sort and payload["d"] == direction, payload
                assert payload["id"] == r["id"] and payload["src"] == r["source_type"], payload
                assert isinstance(payload["k"], list)
                assert len(payload["k"]) == (2 if sort == "quality_score_desc" else 1), payload


@pytest.mark.parametrize("strategy", STRATEGIES + (PLANNER,), ids=[s or "planner" for s in STRATEGIES + (PLANNER,)])
def test_cursor_of_another_sort_is_rejected(edge_conn: psycopg.Connection, strategy: str) -> None:
    t0 = edge_data.TAGS[0]
    tagged = Request(tags=(t0,), tag_match="any" if strategy == "any_union" else "all")
    base = Request() if strategy in ("no_tags", PLANNER) else tagged
    failures = []
    for a in SORTS:
        page = call_page(edge_conn, Request(base.tags, None, None, base.tag_match, a), None, 3, strategy)
        for name in ("next_cursor", "prev_cursor"):
            for b in SORTS:
                if a == b:
                    continue
                try:
                    call_page(edge_conn, Request(base.tags, None, None, base.tag_match, b),
                              page[1][name], 3, strategy)
                    failures.append(f"{name} of {a} accepted by sort {b}")
                except EngineError as exc:
                    if exc.sqlstate != INVALID_PARAMETER_VALUE:
                        failures.append(f"{name} of {a} with sort {b}: {exc.sqlstate} {exc.message}")
                    elif "cursor" not in exc.message.lower() and "sort" not in exc.message.lower():
                        failures.append(f"message does not name cursor/sort: {exc.message}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("cursor", [
    "not a cursor!",
    "e30",                                                     # {}
    encode_cursor({"v": 2, "s": "created_at_desc", "d": "next", "k": ["2026-01-01T00:00:00+00:00"], "id": 1, "src": "items"}),
    encode_cursor({"v": 1, "s": "created_at_desc", "d": "sideways", "k": ["2026-01-01T00:00:00+00:00"], "id": 1, "src": "items"}),
    encode_cursor({"v": 1, "s": "created_at_desc", "d": "next", "k": ["2026-01-01T00:00:00+00:00"], "id": 1, "src": "user-regular"}),
    encode_cursor({"v": 1, "s": "created_at_desc", "d": "next", "k": ["yesterday-ish"], "id": 1, "src": "items"}),
    encode_cursor({"v": 1, "s": "created_at_desc", "d": "next", "k": [], "id": 1, "src": "items"}),
    encode_cursor({"v": 1, "s": "created_at_desc", "d": "next", "k": ["2026-01-01T00:00:00+00:00"], "id": "x", "src": "items"}),
])
def test_malformed_cursor_is_rejected(edge_conn: psycopg.Connection, cursor: str) -> None:
    with pytest.raises(EngineError) as info:
        call_page(edge_conn, Request(), cursor, 5)
    assert info.value.sqlstate == INVALID_PARAMETER_VALUE, info.value.message
    assert "cursor" in info.value.message.lower(), info.value.message


def _expected_from(full: list[Row], position: tuple, sort: str, direction: str, size: int) -> list[Row]:
    if direction == "next":
        return [r for r in full if comes_after(r.sort_key(sort), position, sort)][:size]
    before = [r for r in full if comes_after(position, r.sort_key(sort), sort)]
    return before[-size:]


@pytest.mark.parametrize("strategy", STRATEGIES + (PLANNER,), ids=[s or "planner" for s in STRATEGIES + (PLANNER,)])
def test_cursor_stays_valid_when_filters_change(edge_conn: psycopg.Connection, strategy: str) -> None:
    t = edge_data.TAGS
    alice, bob = edge_data.USERS["alice"], edge_data.USERS["bob"]
    targets = [
        Request(),
        Request(user_id=alice, source_types=("user-regular", "community-auto")),
        Request(tags=(t[0], t[1]), user_id=bob),
        Request(tags=(t[2], t[5], t[2]), tag_match="any", source_types=("community-regular",)),
        Request(tags=(t[3],), user_id=alice, source_types=("user-auto", "user-regular")),
        Request(tags=(t[10],)),
    ]
    failures: list[str] = []
    checked = 0
    for sort in SORTS:
        # Cursors issued on an unfiltered walk (every public row), used under other filters.
        origin = call_page(edge_conn, Request(sort=sort), None, 40)
        assert len(origin) == 40
        for row in origin[::6]:
            position = row_of(row).sort_key(sort)
            for target in targets:
                req = Request(target.tags, target.user_id, target.source_types, target.tag_match, sort)
                if may_refuse(strategy, req) is not None:
                    continue
                full = oracle(edge_conn, req)
                for name, direction in (("next_cursor", "next"), ("prev_cursor", "prev")):
                    want = _expected_from(full, position, sort, direction, 5)
                    try:
                        got = [row_of(r) for r in call_page(edge_conn, req, row[name], 5, strategy)]
                    except EngineError as exc:
                        failures.append(f"{req.describe()} {name} of {row_of(row).ident}: {exc}")
                        continue
                    checked += 1
                    if [r.ident for r in got] != [r.ident for r in want]:
                        failures.append(f"{req.describe()} {name} of {row_of(row).ident}: expected "
                                        f"{[r.ident for r in want]} got {[r.ident for r in got]}")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:10])
    assert checked >= 30


@pytest.mark.parametrize("sort", SORTS)
def test_cursor_survives_deleting_its_row(edge_conn: psycopg.Connection, sort: str) -> None:
    req = Request(tags=(edge_data.TAGS[0],), sort=sort)
    with edge_conn.transaction(force_rollback=True):
        full = oracle(edge_conn, req)
        page = call_page(edge_conn, req, None, 7)
        gone = page[-1]
        edge_conn.execute("delete from content_items_all where id = %s and source_type = %s",
                          (gone["id"], gone["source_type"]))
        nxt = [(r["source_type"], r["id"]) for r in call_page(edge_conn, req, gone["next_cursor"], 7)]
        prev = [(r["source_type"], r["id"]) for r in call_page(edge_conn, req, gone["prev_cursor"], 3)]
    assert nxt == [r.ident for r in full[7:14]]
    assert prev == [r.ident for r in full[3:6]]


def test_has_next_and_has_prev_flags(edge_conn: psycopg.Connection) -> None:
    """The engine's has_next/has_prev extras agree with the oracle on unchanged-filter walks."""
    req = Request(tags=(edge_data.TAGS[1],), user_id=edge_data.USERS["carol"])
    full = oracle(edge_conn, req)
    assert len(full) > 10
    first = call_page(edge_conn, req, None, 5)
    assert "has_next" in first[0] and "has_prev" in first[0]
    cursor, pos, failures = None, 0, []
    while True:
        page = call_page(edge_conn, req, cursor, 5)
        if not page:
            break
        if page[0]["has_next"] != (pos + len(page) < len(full)) or page[0]["has_prev"] != (pos > 0):
            failures.append(f"forward page at {pos}: has_next={page[0]['has_next']} has_prev={page[0]['has_prev']}")
        pos += len(page)
        cursor = page[-1]["next_cursor"]
    page = call_page(edge_conn, req, first[-1]["next_cursor"], 5)  # rows 5..9
    back = call_page(edge_conn, req, page[0]["prev_cursor"], 3)     # rows 2..4
    if back[0]["has_prev"] is not True or back[0]["has_next"] is not True:
        failures.append(f"backward page 2..4: has_next={back[0]['has_next']} has_prev={back[0]['has_prev']}")
    top = call_page(edge_conn, req, back[0]["prev_cursor"], 5)      # rows 0..1
    if top[0]["has_prev"] is not False:
        failures.append(f"backward page 0..1: has_prev={top[0]['has_prev']}")
    assert not failures, "\n".join(failures)


def test_cursor_does_not_depend_on_session_timezone_or_datestyle(edge_conn: psycopg.Connection) -> None:
    """A cursor issued under one TimeZone/DateStyle means the same position under another."""
    failures = []
    for strategy in ("no_tags", "sort_first", PLANNER):
        for sort in SORTS:
            req = Request(tags=(edge_data.TAGS[0],) if strategy == "sort_first" else None, sort=sort)
            full = oracle(edge_conn, req)
            with edge_conn.transaction(force_rollback=True):
                edge_conn.execute("select set_config('TimeZone', 'Asia/Kolkata', false),"
                                  " set_config('DateStyle', 'ISO, MDY', false)")
                first = call_page(edge_conn, req, None, 9, strategy)
                edge_conn.execute("select set_config('TimeZone', 'America/St_Johns', false),"
                                  " set_config('DateStyle', 'SQL, DMY', false)")
                try:
                    nxt = [row_of(r).ident for r in call_page(edge_conn, req, first[-1]["next_cursor"], 9, strategy)]
                    prev = [row_of(r).ident for r in call_page(edge_conn, req, first[-1]["prev_cursor"], 4, strategy)]
                except EngineError as exc:
                    failures.append(f"{strategy or 'planner'} {sort}: {exc}")
                    continue
            if nxt != [r.ident for r in full[9:18]] or prev != [r.ident for r in full[4:8]]:
                failures.append(f"{strategy or 'planner'} {sort}: next {nxt} vs {[r.ident for r in full[9:18]]},"
                                f" prev {prev} vs {[r.ident for r in full[4:8]]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("sort", SORTS)
def test_non_finite_quality_scores_page_like_the_oracle(edge_conn: psycopg.Connection, sort: str) -> None:
    """quality_score is a real: NaN and +-Infinity are legal values and must page exactly.

    PostgreSQL orders NaN above every number; JSON has no spelling for either, so the cursor
    must carry them some other way.
    """
    problems = []
    with edge_conn.transaction(force_rollback=True):
        edge_conn.execute(
            "update content_items_all set quality_score = v.q::real from (values"
            " ('items', 1, 'NaN'), ('auto', 1, 'NaN'), ('auto', 2, 'Infinity'), ('items', 2, '-Infinity'),"
            " ('auto', 3, '-Infinity'), ('items', 4, 'NaN')) as v(s, i, q)"
            " where source_type = v.s and id = v.i")
        for strategy in STRATEGIES + (PLANNER,):
            for req in (Request(sort=sort), Request(tags=(edge_data.TAGS[0], edge_data.TAGS[1]),
                                                    tag_match="any" if strategy == "any_union" else "all",
                                                    sort=sort)):
                if may_refuse(strategy, req) is None:
                    problems += check_walk(edge_conn, req, strategy, (2, 5), (3,), where="non-finite")
    assert not problems, report(problems)


def test_unknown_tag_ids_are_rejected(edge_conn: psycopg.Connection) -> None:
    """Tag ids that do not exist raise 22023 and are listed in DETAIL."""
    ghost = "00000000-0000-0000-0000-00000000dead"
    for strategy in ("sort_first", "group_having", PLANNER):
        with pytest.raises(EngineError) as info:
            call_page(edge_conn, Request(tags=(edge_data.TAGS[0], ghost)), None, 5, strategy)
        assert info.value.sqlstate == INVALID_PARAMETER_VALUE
        assert ghost in info.value.message, info.value.message
