"""Brute-force answers for unified_content_count and related_tags, and random writes.

The counts are checked against tests/support/oracle.py: the number of rows its brute-force query
selects, and for related tags a plain GROUP BY over those rows' content_tags. Nothing here uses
the count bitmaps.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row

from oracle import Request
from tag_query_oracle import And, Node, Not, Or, Tag, matching_rows

COUNT_SQL = """
select * from unified_content_count(
    tags => %(tags)s::uuid[], user_id => %(user_id)s::uuid, source_types => %(sources)s::text[],
    tag_match => %(match)s::text, tag_query => %(query)s::text, exact_limit => %(exact_limit)s::integer)
"""
RELATED_SQL = """
select id::text, name, count, exact from related_tags(
    tags => %(tags)s::uuid[], user_id => %(user_id)s::uuid, source_types => %(sources)s::text[],
    tag_match => %(match)s::text, tag_query => %(query)s::text, exact_limit => %(exact_limit)s::integer,
    p_limit => %(limit)s)
"""


@dataclass(frozen=True)
class Count:
    total: int
    exact: bool
    lower: int
    upper: int
    method: str


def count(conn: psycopg.Connection, req: Request, exact_limit: int | None = None,
          query: str | None = None) -> Count:
    """unified_content_count for the filter of `req` (and the tag query `query`)."""
    params = req.params() | {"exact_limit": exact_limit, "query": query}
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(COUNT_SQL, params).fetchone()
    assert row is not None
    return Count(int(row["total"]), row["exact"], int(row["lower"]), int(row["upper"]), row["method"])


def related(conn: psycopg.Connection, req: Request, limit: int = 20,
            exact_limit: int | None = None, query: str | None = None) -> list[tuple[str, str, int, bool]]:
    """related_tags for the filter of `req`: (id, name, count, exact) rows in order."""
    params = req.params() | {"exact_limit": exact_limit, "limit": limit, "query": query}
    return [(i, n, int(c), e) for i, n, c, e in conn.execute(RELATED_SQL, params).fetchall()]


def brute_count(conn: psycopg.Connection, req: Request, query: str | None = None) -> int:
    return len(matching_rows(conn, req, query))


def carried(conn: psycopg.Connection, req: Request, query: str | None = None) -> set[str]:
    """Tags every match carries by definition: all of an 'all' request's, or a lone tag, and
    the positive tags of the query's top-level AND (read off its normalised form)."""
    tags = set(req.tags or ())
    out = tags if req.tag_match == "all" or len(tags) == 1 else set()
    normal = conn.execute("select tagpage_tag_query_normalize(%s, null)", (query,)).fetchone()[0] if query else None
    if normal:
        expr = normal["expr"]
        terms = expr["args"] if expr["op"] == "and" else [expr]
        out |= {normal["tags"][t["i"] - 1] for t in terms if t["op"] == "tag"}
    return out


def brute_related(conn: psycopg.Connection, req: Request, limit: int = 20,
                  query: str | None = None) -> list[tuple[str, str, int]]:
    """Top `limit` tags among the oracle's rows by a GROUP BY, count desc then name."""
    rows = matching_rows(conn, req, query)
    counted = conn.execute(
        "select t.id::text, t.name, count(*) from content_tags ct"
        " join unnest(%s::text[], %s::bigint[]) as r(src, id) on ct.content_source = r.src and ct.content_id = r.id"
        " join tags t on t.id = ct.tag_id group by t.id, t.name",
        ([r.source_type for r in rows], [r.id for r in rows])).fetchall()
    skip = carried(conn, req, query)
    ranked = sorted(((i, n, int(c)) for i, n, c in counted if i not in skip), key=lambda x: (-x[2], x[1]))
    return ranked[:limit]


def refresh(conn: psycopg.Connection) -> None:
    """Rebuild statistics and count bitmaps; the dirty-row log is empty afterwards."""
    conn.execute("select refresh_tag_cardinality_stats()")


def set_knob(conn: psycopg.Connection, key: str, value: Any) -> None:
    conn.execute("insert into planner_config (key, value) values (%s, to_jsonb(%s::bigint))"
                  " on conflict (key) do update set value = excluded.value", (key, value))


def random_writes(conn: psycopg.Connection, rng: random.Random, rows: int) -> dict[str, int]:
    """About `rows` writes of every kind that changes a count: retag, privacy and creator flips,
    inserted rows (tagged, some private), deleted rows. Returns how many of each."""
    existing = conn.execute(
        "select source_type, id from content_items_all order by source_type, id").fetchall()
    tag_ids = [r[0] for r in conn.execute("select id::text from tags order by id").fetchall()]
    users = [r[0] for r in conn.execute("select id::text from users order by id").fetchall()]
    done = {"retag": 0, "privacy": 0, "creator": 0, "insert": 0, "delete": 0}
    picked = rng.sample(existing, min(rows, len(existing)))
    for src, ident in picked:
        kind = rng.choice(("retag", "retag", "privacy", "creator", "delete"))
        if kind == "retag":
            drop = rng.sample(tag_ids, rng.randint(0, 3))
            conn.execute("delete from content_tags where content_id = %s and content_source = %s"
                         " and tag_id = any(%s::uuid[])", (ident, src, drop))
            add = rng.sample(tag_ids, rng.randint(0, 3))
            conn.execute("insert into content_tags (content_id, content_source, tag_id)"
                         " select %s, %s, t from unnest(%s::uuid[]) t on conflict do nothing", (ident, src, add))
        elif kind == "privacy":
            conn.execute("update content_items_all set is_private = not is_private"
                         " where id = %s and source_type = %s", (ident, src))
        elif kind == "creator":
            conn.execute("update content_items_all set creator_id = %s where id = %s and source_type = %s",
                         (rng.choice(users), ident, src))
        else:
            conn.execute("delete from content_items_all where id = %s and source_type = %s", (ident, src))
        done[kind] += 1
    for _ in range(max(1, rows // 10)):
        src = rng.choice(("items", "auto"))
        new_id = conn.execute(
            "insert into content_items_all (source_type, title, creator_id, is_private, created_at, updated_at)"
            " values (%s, 'new', %s, %s, now(), now()) returning id",
            (src, rng.choice(users), rng.random() < 0.3)).fetchone()[0]
        conn.execute("insert into content_tags (content_id, content_source, tag_id)"
                     " select %s, %s, t from unnest(%s::uuid[]) t",
                     (new_id, src, rng.sample(tag_ids, min(len(tag_ids), rng.randint(0, 6)))))
        done["insert"] += 1
    return done


def random_query(rng: random.Random, names: list[str], depth: int = 3) -> str:
    """A random boolean tag query over `names` (AND, OR, NOT; nested up to `depth`)."""
    return write_query(_tree(rng, names, depth))


def _tree(rng: random.Random, names: list[str], depth: int) -> Node:
    roll = rng.random()
    if depth == 0 or roll < 0.35:
        return Tag(rng.choice(names))
    if roll < 0.5:
        return Not(_tree(rng, names, depth - 1))
    args = tuple(_tree(rng, names, depth - 1) for _ in range(rng.randint(2, 3)))
    return And(args) if roll < 0.8 else Or(args)


def write_query(node: Node) -> str:
    """The grammar's spelling of a tree: parentheses around every AND/OR group."""
    if isinstance(node, Tag):
        return node.name
    if isinstance(node, Not):
        return "-" + write_query(node.arg)
    glue = " " if isinstance(node, And) else " or "
    return "(" + glue.join(write_query(a) for a in node.args) + ")"
