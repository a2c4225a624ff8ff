"""A brute-force oracle for unified_content_page, written from docs/api.md alone.

The oracle is one plain SQL query with no cleverness: it filters content_items_all row by row
(source words, user/community, private rows only to their creator, tag_match all/any over the
row's whole tag set) and orders by the documented total orders. Everything else here is plumbing to
call the engine, walk whole results page by page with next/prev cursors, and describe the first
place where the engine and the oracle disagree, precisely enough to reproduce it.
"""
from __future__ import annotations

import base64
import json
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from typing import Any, Iterable, Iterator, Sequence

import psycopg
from psycopg.rows import dict_row
from pytest_postgresql.janitor import DatabaseJanitor

SOURCE_WORDS: tuple[str, ...] = ("user-regular", "user-auto", "community-regular", "community-auto")
SORTS: tuple[str, ...] = ("created_at_desc", "created_at_asc", "quality_score_desc")
MATCHES: tuple[str, ...] = ("all", "any")
STRATEGIES: tuple[str, ...] = (
    "no_tags", "sort_first", "self_join", "group_having",
    "two_phase_single", "two_phase_dual", "any_union", "bitmap",
)
# '' = no forced strategy: the planner decides. Tested like a strategy of its own.
PLANNER = ""
# The bitmap strategy reads its rows in one of three ways, chosen by cost; forcing each
# (tagpage.bitmap_read) reaches all of them on small data. "bitmap/seed" is forced as bitmap
# with that read.
BITMAP_READS: tuple[str, ...] = tuple(f"bitmap/{read}" for read in ("walk", "list", "seed"))
ALL_ONLY: frozenset[str] = frozenset({"self_join", "group_having", "two_phase_single", "two_phase_dual"})
INVALID_PARAMETER_VALUE = "22023"

# NULL means all four words; the 15 non-empty subsets spell them out. '{}' is left out on
# purpose: the contract does not say whether an empty list means nothing, everything or an error.
SOURCE_SUBSETS: tuple[tuple[str, ...] | None, ...] = (None,) + tuple(
    combo for n in range(1, 5) for combo in combinations(SOURCE_WORDS, n)
)

# The oracle. Parameters: tags uuid[] (NULL/'{}' = no filter, duplicates harmless because
# containment and overlap are set operations), user_id uuid, sources text[], match text.
_ORACLE_SQL = """
select c.source_type, c.id, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at
from content_items_all as c
cross join lateral (
    select coalesce(array_agg(ct.tag_id), '{}'::uuid[]) as tag_set
    from content_tags as ct
    where ct.content_id = c.id and ct.content_source = c.source_type
) as t
where (
        (c.source_type = 'items' and c.creator_id = %(user_id)s::uuid
         and 'user-regular' = any(%(sources)s::text[]))
     or (c.source_type = 'auto' and c.creator_id = %(user_id)s::uuid
         and 'user-auto' = any(%(sources)s::text[]))
     or (c.source_type = 'items' and not c.is_private
         and c.creator_id is distinct from %(user_id)s::uuid
         and 'community-regular' = any(%(sources)s::text[]))
     or (c.source_type = 'auto' and not c.is_private
         and c.creator_id is distinct from %(user_id)s::uuid
         and 'community-auto' = any(%(sources)s::text[]))
  )
  and (
        cardinality(%(tags)s::uuid[]) = 0
     or (%(match)s = 'all' and t.tag_set @> %(tags)s::uuid[])
     or (%(match)s = 'any' and t.tag_set && %(tags)s::uuid[])
  )
"""
_ORDER_BY = {
    "created_at_desc": "order by c.created_at desc, c.id desc, c.source_type desc",
    "created_at_asc": "order by c.created_at asc, c.id asc, c.source_type asc",
    "quality_score_desc": "order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc",
}

_ENGINE_SQL = """
select * from unified_content_page(
    "tags" => %(tags)s::uuid[],
    "cursor" => %(cursor)s::text,
    "page_size" => %(page_size)s::integer,
    "user_id" => %(user_id)s::uuid,
    "source_types" => %(sources)s::text[],
    "tag_match" => %(match)s::text,
    "sort" => %(sort)s::text
)
"""


@dataclass(frozen=True)
class Request:
    """The filter half of a unified_content_page call (cursor and page size vary per page)."""

    tags: tuple[str, ...] | None = None
    user_id: str | None = None
    source_types: tuple[str, ...] | None = None
    tag_match: str = "all"
    sort: str = "created_at_desc"

    @property
    def k(self) -> int:
        """Distinct tags requested; duplicates count once."""
        return len(set(self.tags or ()))

    def params(self) -> dict[str, Any]:
        return {
            "tags": list(self.tags) if self.tags is not None else None,
            "user_id": self.user_id,
            "sources": list(self.source_types) if self.source_types is not None else None,
            "match": self.tag_match,
            "sort": self.sort,
        }

    def describe(self) -> str:
        tags = "NULL" if self.tags is None else "{" + ",".join(self.tags) + "}"
        srcs = "NULL" if self.source_types is None else "{" + ",".join(self.source_types) + "}"
        return (f"tags={tags} (K={self.k}) user_id={self.user_id} source_types={srcs} "
                f"tag_match={self.tag_match} sort={self.sort}")


@dataclass(frozen=True)
class Row:
    """One content row as the oracle sees it; identity is (source_type, id)."""

    source_type: str
    id: int
    title: str
    creator_id: str
    is_private: bool
    quality_score: float
    created_at: datetime

    @property
    def ident(self) -> tuple[str, int]:
        return (self.source_type, self.id)

    def sort_key(self, sort: str) -> tuple:
        """The documented total order key, compared in the sort's direction."""
        if sort == "quality_score_desc":
            return (self.quality_score, self.created_at, self.id, self.source_type)
        return (self.created_at, self.id, self.source_type)


def comes_after(key: tuple, position: tuple, sort: str) -> bool:
    """True when a row with sort key `key` is displayed after the row at `position`."""
    return key > position if sort == "created_at_asc" else key < position


def oracle(conn: psycopg.Connection, req: Request) -> list[Row]:
    """Every row the request selects, in display order (the brute-force answer)."""
    params = req.params()
    params["tags"] = params["tags"] if params["tags"] is not None else []
    params["sources"] = params["sources"] if params["sources"] is not None else list(SOURCE_WORDS)
    # Binary, like call_page: a real arrives as its exact float value in both.
    with conn.cursor(binary=True) as cur:
        cur.execute(_ORACLE_SQL + _ORDER_BY[req.sort], params)
        return [Row(st, i, ti, str(cr), pr, q, ca) for st, i, ti, cr, pr, q, ca in cur.fetchall()]


def row_of(engine_row: dict[str, Any]) -> Row:
    """The engine's output row reduced to the documented fixed row columns."""
    return Row(engine_row["source_type"], engine_row["id"], engine_row["title"],
               str(engine_row["creator_id"]), engine_row["is_private"],
               engine_row["quality_score"], engine_row["created_at"])


class EngineError(Exception):
    """unified_content_page raised; sqlstate and message kept for the report."""

    def __init__(self, sqlstate: str | None, message: str) -> None:
        super().__init__(f"{sqlstate}: {message}")
        self.sqlstate = sqlstate
        self.message = message


def force_strategy(conn: psycopg.Connection, strategy: str) -> None:
    """SET tagpage.force_strategy for the session ('' = the planner decides); a name of
    BITMAP_READS also sets tagpage.bitmap_read (any other name clears it)."""
    name, _, read = strategy.partition("/")
    conn.execute("select set_config('tagpage.force_strategy', %s, false), "
                 "set_config('tagpage.bitmap_read', %s, false)", (name, read))


def call_page(conn: psycopg.Connection, req: Request, cursor: str | None, page_size: int,
              strategy: str = PLANNER) -> list[dict[str, Any]]:
    """One unified_content_page call inside a savepoint; raise EngineError on SQL errors.

    `strategy` is always set for the call ('' = the planner decides), so a strategy forced by
    an earlier call never leaks into this one.

    The savepoint keeps an engine error from aborting the caller's transaction, so a walk can
    go on (or a refusal be recorded) without losing the data a test set up.
    """
    params = req.params() | {"cursor": cursor, "page_size": page_size}
    try:
        with conn.transaction():
            force_strategy(conn, strategy)
            # Binary results: timestamps read the same whatever the session's DateStyle.
            with conn.cursor(row_factory=dict_row, binary=True) as cur:
                cur.execute(_ENGINE_SQL, params)
                return cur.fetchall()
    except psycopg.errors.UndefinedFunction:
        raise
    except psycopg.Error as exc:
        diag = exc.diag
        message = diag.message_primary or str(exc)
        if diag.message_detail:
            message += f" (DETAIL: {diag.message_detail})"
        raise EngineError(exc.sqlstate, message) from None


def may_refuse(strategy: str, req: Request) -> str | None:
    """Why a forced strategy may answer 22023 for this request, or None when it must serve it.

    Only clearly inapplicable combinations: a tag strategy without tags, no_tags with tags,
    any_union for tag_match=all, the all-only strategies for tag_match=any. Everything else must
    return exactly the oracle's answer.
    """
    strategy = strategy.partition("/")[0]  # a bitmap read is the bitmap strategy
    if strategy == PLANNER:
        return None
    if strategy == "no_tags":
        return "no_tags with tags" if req.k > 0 else None
    if req.k == 0:
        return f"{strategy} without tags"
    if strategy == "any_union" and req.tag_match == "all":
        return "any_union with tag_match=all"
    if strategy in ALL_ONLY and req.tag_match == "any":
        return f"{strategy} with tag_match=any"
    return None


def decode_cursor(cursor: str) -> dict[str, Any]:
    """A cursor's fields (docs/api.md, "Cursor format"), independently of the engine's decoder.

    Format 2 (what the engine writes): ``2<n|p><d|a|q>_[quality_]created_at_id_src``; format 1
    (earlier releases, still accepted): URL-safe base64 without padding of compact JSON. Both
    come back as format 1's keys, ``k`` holding the sort key values as written.
    """
    if cursor.startswith("2"):
        head, *fields = cursor.split("_")
        sort = {"d": "created_at_desc", "a": "created_at_asc", "q": "quality_score_desc"}[head[2]]
        *keys, ident, src = fields
        return {"v": 2, "d": {"n": "next", "p": "prev"}[head[1]], "s": sort, "k": keys,
                "id": int(ident), "src": {"i": "items", "a": "auto"}[src]}
    padded = cursor + "=" * (-len(cursor) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))


def encode_cursor(payload: dict[str, Any]) -> str:
    """A format 1 cursor from its JSON payload, for hand-made (e.g. tampered) cursors."""
    raw = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


@contextmanager
def cloned_database(proc: Any, name: str) -> Iterator[psycopg.Connection]:
    """A database cloned from a conftest template (`postgresql_schema`, `postgresql_*_proc`).

    The function-scoped fixtures clone and drop a database per test; the read-only matrix tests
    share one clone per module instead, because on a loaded 2-core machine each drop can take
    seconds. Tests that change data on a shared clone do it inside a rolled-back transaction.
    """
    janitor = DatabaseJanitor(user=proc.user, host=proc.host, port=proc.port, dbname=name,
                              template_dbname=proc.template_dbname, password=proc.password)
    janitor.drop()  # a leftover of an interrupted run
    with janitor:
        conn = psycopg.connect(host=proc.host, port=proc.port, user=proc.user,
                               password=proc.password, dbname=name)
        try:
            yield conn
        finally:
            conn.close()


def rollback_shared(request: Any, fixture_names: Sequence[str]) -> None:
    """End whatever transaction a test left open on the module-shared connections it used.

    The fixtures named hold a connection, or a (name, connection) pair; a failing test that
    left a transaction open (or aborted) must not make the tests after it fail too.
    """
    for name in fixture_names:
        if name in request.fixturenames:
            value = request.getfixturevalue(name)
            conn = value[1] if isinstance(value, tuple) else value
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.rollback()


# --- walking whole results -------------------------------------------------------------------

@dataclass
class Disagreement:
    """One precise difference between engine and oracle."""

    where: str
    request: Request
    strategy: str
    detail: str

    def __str__(self) -> str:
        forced = self.strategy or "<planner>"
        return f"[{self.where}] strategy={forced} {self.request.describe()}\n    {self.detail}"


def _idents(rows: Iterable[Row]) -> list[tuple[str, int]]:
    return [r.ident for r in rows]


def _short(idents: Sequence[tuple[str, int]], limit: int = 12) -> str:
    text = ", ".join(f"{s}:{i}" for s, i in idents[:limit])
    return f"[{text}{', ...' if len(idents) > limit else ''}] ({len(idents)} rows)"


def compare_page(expected: Sequence[Row], got_rows: Sequence[dict[str, Any]]) -> str | None:
    """None when the page is exactly right (identities, order, row columns), else a description."""
    got = [row_of(r) for r in got_rows]
    if _idents(got) != _idents(expected):
        first = next((n for n, (a, b) in enumerate(zip(_idents(expected), _idents(got))) if a != b),
                     min(len(expected), len(got)))
        return (f"rows differ at position {first}: expected {_short(_idents(expected))} "
                f"got {_short(_idents(got))}")
    for exp, row in zip(expected, got):
        if _comparable(exp) != _comparable(row):
            return f"columns of {exp.ident} differ: expected {exp} got {row}"
    return None


def _comparable(row: Row) -> tuple:
    """Row fields with NaN spelled out, since NaN != NaN in Python but equal in PostgreSQL."""
    q = row.quality_score
    return (row.source_type, row.id, row.title, row.creator_id, row.is_private,
            "NaN" if q != q else q, row.created_at)


@dataclass
class WalkStats:
    """How much work a matrix did, so a test can prove every dimension was exercised."""

    calls: int = 0
    walks: int = 0
    refusals: dict[str, int] = field(default_factory=dict)
    served: dict[str, int] = field(default_factory=dict)
    seen: dict[str, dict[Any, int]] = field(default_factory=dict)

    def note(self, dimension: str, value: Any) -> None:
        bucket = self.seen.setdefault(dimension, {})
        bucket[value] = bucket.get(value, 0) + 1


def check_walk(conn: psycopg.Connection, req: Request, strategy: str, sizes: Sequence[int],
               back_sizes: Sequence[int], stats: WalkStats | None = None,
               expected: list[Row] | None = None, where: str = "walk",
               check_strategy_name: bool = True) -> list[Disagreement]:
    """Walk the whole result forwards, then backwards from its last row, page by page.

    Every page is compared with the exact slice of the oracle it must be: the rows right after
    the cursor's row (next) or right before it (prev, in display order). Page sizes cycle
    through `sizes` forwards and `back_sizes` backwards. Returns the disagreements (at most one
    per direction: after the first wrong page the cursors no longer mean anything).
    """
    stats = stats or WalkStats()
    stats.walks += 1
    full = expected if expected is not None else oracle(conn, req)
    problems: list[Disagreement] = []

    def fail(direction: str, page_no: int, cursor: str | None, size: int, text: str) -> None:
        problems.append(Disagreement(
            where, req, strategy,
            f"{direction} page {page_no} (page_size={size}, cursor={cursor!r}"
            f"{', ' + str(decode_cursor_safe(cursor)) if cursor else ''}): {text}"))

    def one_call(cursor: str | None, size: int) -> list[dict[str, Any]] | str:
        stats.calls += 1
        try:
            return call_page(conn, req, cursor, size, strategy)
        except EngineError as exc:
            return f"raised {exc.sqlstate}: {exc.message}"

    # Forward: first page without cursor, then the last row's next_cursor until an empty page.
    cursor: str | None = None
    last_row: dict[str, Any] | None = None
    pos = 0
    page_no = 0
    while True:
        size = sizes[page_no % len(sizes)]
        got = one_call(cursor, size)
        if isinstance(got, str):
            if page_no == 0 and got.startswith(f"raised {INVALID_PARAMETER_VALUE}") and may_refuse(strategy, req):
                reason = may_refuse(strategy, req) or ""
                stats.refusals[reason] = stats.refusals.get(reason, 0) + 1
                return problems
            fail("forward", page_no, cursor, size, got)
            return problems
        if page_no == 0:
            stats.served[strategy or "<planner>"] = stats.served.get(strategy or "<planner>", 0) + 1
            if got:
                stats.note("chosen", got[0]["strategy"])
        want = full[pos:pos + size]
        text = compare_page(want, got) or _check_page_extras(got, strategy, check_strategy_name)
        if text:
            fail("forward", page_no, cursor, size, text)
            return problems
        if not got:
            break
        pos += len(got)
        last_row = got[-1]
        cursor = last_row["next_cursor"]
        page_no += 1
        if page_no > len(full) + 2:
            fail("forward", page_no, cursor, size, "walk does not end")
            return problems

    if len(full) < 2 or last_row is None:
        return problems
    # Backward: from the last row's prev_cursor, then each page's first row's prev_cursor.
    cursor = last_row["prev_cursor"]
    end = len(full) - 1
    page_no = 0
    while True:
        size = back_sizes[page_no % len(back_sizes)]
        got = one_call(cursor, size)
        if isinstance(got, str):
            fail("backward", page_no, cursor, size, got)
            return problems
        want = full[max(0, end - size):end]
        text = compare_page(want, got) or _check_page_extras(got, strategy, check_strategy_name)
        if text:
            fail("backward", page_no, cursor, size, text)
            return problems
        if not got:
            break
        end -= len(got)
        cursor = got[0]["prev_cursor"]
        page_no += 1
        if page_no > len(full) + 2:
            fail("backward", page_no, cursor, size, "walk does not end")
            return problems
    return problems


def decode_cursor_safe(cursor: str | None) -> Any:
    try:
        return decode_cursor(cursor) if cursor else None
    except Exception as exc:  # a report helper: say why it is not decodable, never raise
        return f"<undecodable: {exc}>"


def _check_page_extras(got: Sequence[dict[str, Any]], strategy: str, check_name: bool) -> str | None:
    """Per-page invariants beyond the rows: one strategy name per page, the forced one."""
    if not got:
        return None
    names = {r["strategy"] for r in got}
    if len(names) != 1:
        return f"several strategy names on one page: {sorted(names)}"
    name = names.pop()
    if check_name and strategy != PLANNER and name != strategy.partition("/")[0]:
        return f"forced {strategy!r} but the page says strategy={name!r}"
    if strategy == PLANNER and name not in STRATEGIES:
        return f"planner reported an unknown strategy {name!r}"
    for r in got:
        if not r.get("next_cursor") or not r.get("prev_cursor"):
            return f"row {(r['source_type'], r['id'])} lacks a cursor"
    return None


# --- a deterministic sample of the matrix ----------------------------------------------------

class Deck:
    """Deal values in shuffled rounds, so every value comes up equally often, in no fixed order."""

    def __init__(self, values: Sequence[Any], rng: random.Random) -> None:
        self._values = list(values)
        self._rng = rng
        self._hand: list[Any] = []

    def draw(self) -> Any:
        if not self._hand:
            self._hand = list(self._values)
            self._rng.shuffle(self._hand)
        return self._hand.pop()


@dataclass
class TagPool:
    """Tags a dataset offers for requests: `common` ones make 'all' results non-empty."""

    common: list[str]
    other: list[str]
    unused: list[str]

    def pick(self, k: int, rng: random.Random, duplicate: bool) -> tuple[str, ...]:
        """K distinct tags, mostly common ones, sometimes an unused or rarer one; maybe a repeat."""
        chosen: list[str] = []
        candidates = list(self.common)
        rng.shuffle(candidates)
        extra = [t for t in self.other + self.unused]
        rng.shuffle(extra)
        n_extra = 0 if k == 0 else rng.choice([0, 0, 1, 1, 2])
        chosen = extra[:min(n_extra, k)]
        chosen += [t for t in candidates if t not in chosen][:k - len(chosen)]
        if len(chosen) < k:
            chosen += [t for t in extra if t not in chosen][:k - len(chosen)]
        rng.shuffle(chosen)
        if duplicate and chosen:
            chosen.insert(rng.randrange(len(chosen) + 1), rng.choice(chosen))
        return tuple(chosen)


def strategy_domain(strategy: str) -> list[tuple[int, str]]:
    """The (K, tag_match) pairs a forced strategy is asked to serve in the matrix."""
    if strategy == "no_tags":
        return [(0, m) for m in MATCHES] * 3
    if strategy in ALL_ONLY:
        return [(k, "all") for k in range(1, 11)] + [(k, "any") for k in (1, 4)] + [(0, "all")]
    if strategy == "any_union":
        return [(k, "any") for k in range(1, 11)] + [(k, "all") for k in (1, 3)] + [(0, "any")]
    # sort_first and the planner: everything.
    return [(k, m) for k in range(0, 11) for m in MATCHES]


PAGE_SCHEDULES: tuple[tuple[int, ...], ...] = ((1,), (3,), (7,), (25,), (1, 3, 7, 25, 500))


def matrix(strategies: Sequence[str], pool: TagPool, users: Sequence[str | None], seed: int,
           repeat: int = 1, fraction: float = 1.0,
           schedules: Sequence[tuple[int, ...]] = PAGE_SCHEDULES,
           ) -> Iterator[tuple[str, Request, tuple[int, ...], tuple[int, ...]]]:
    """A seeded sample of (strategy, request, forward sizes, backward sizes).

    For each strategy every (K, match) of its domain meets every sort `repeat` times (or a
    seeded `fraction` of them); sources, user, page schedule, NULL-vs-'{}' and duplicate tags
    come from decks so each of their values shows up about equally often.
    """
    rng = random.Random(seed)
    sources = Deck(SOURCE_SUBSETS, rng)
    user_deck = Deck(list(users), rng)
    sched = Deck(list(schedules), rng)
    empty_tags = Deck([None, ()], rng)
    dup = Deck([False, False, True], rng)
    for strategy in strategies:
        combos = [(k, m, s) for (k, m) in strategy_domain(strategy) for s in SORTS] * repeat
        if fraction < 1.0:
            combos = [c for c in combos if rng.random() < fraction]
        for k, match, sort in combos:
            tags = pool.pick(k, rng, dup.draw()) if k else empty_tags.draw()
            req = Request(tags=tags, user_id=user_deck.draw(), source_types=sources.draw(),
                          tag_match=match, sort=sort)
            forward = sched.draw()
            backward = tuple(reversed(forward)) if len(forward) > 1 else forward
            yield strategy, req, forward, backward


def run_matrix(conn: psycopg.Connection, cases: Iterable[tuple[str, Request, tuple[int, ...], tuple[int, ...]]],
               where: str, stats: WalkStats | None = None,
               cap_rows_for_small_pages: int | None = None) -> tuple[list[Disagreement], WalkStats]:
    """Check every case's whole walk; gather disagreements and coverage counts.

    `cap_rows_for_small_pages`: when a result is bigger than this, constant tiny page sizes
    would mean hundreds of calls, so the case's schedule gets a 500-row page appended instead
    (the tiny pages still come first, so small sizes are still exercised at the start).
    """
    stats = stats or WalkStats()
    problems: list[Disagreement] = []
    cache: dict[Request, list[Row]] = {}
    for strategy, req, forward, backward in cases:
        if req not in cache:
            cache[req] = oracle(conn, req)
        full = cache[req]
        if cap_rows_for_small_pages is not None and len(full) > cap_rows_for_small_pages:
            if 500 not in forward:
                forward = forward + (500,)
                backward = backward + (500,)
        for dim, value in (("strategy", strategy or "<planner>"), ("k", req.k),
                           ("match", req.tag_match), ("sort", req.sort),
                           ("sources", req.source_types), ("user", req.user_id),
                           ("sizes", forward), ("tags_null", req.tags is None),
                           ("dup", req.tags is not None and len(req.tags) != req.k),
                           ("nonempty", bool(full))):
            stats.note(dim, value)
        problems += check_walk(conn, req, strategy, forward, backward, stats, full, where)
    return problems, stats


def report(problems: Sequence[Disagreement], limit: int = 8) -> str:
    """A failure message listing the first disagreements."""
    lines = [f"{len(problems)} disagreement(s) with the oracle:"]
    lines += [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more")
    return "\n".join(lines)
