"""The gallery's old page query, kept as the benchmark's baseline.

This is what tagpage replaces, written the way the gallery had it: one SELECT per content source,
each filtering tags with a correlated `EXISTS (... tag_id IN ...)`, glued with `UNION`, then an
outer `ORDER BY created_at DESC` with `LIMIT/OFFSET`, and a second query for the `COUNT(*)` total
that the gallery showed above the grid. It is deliberately not optimised: its cost (the UNION
materialises and sorts every match, OFFSET reads and throws away every skipped row, the count
re-reads them all) is the point of comparison.

Values are always bound parameters; only the query's shape (how many placeholders, which source
SELECTs) is composed, through psycopg.sql.

Where the gallery's code is silent we chose:
- tag_match 'any' = one EXISTS with `tag_id IN (...)`; 'all' = one such EXISTS per tag, AND-ed
  (the gallery only ever had EXISTS probes, never a GROUP BY/HAVING);
- community sources exclude private rows and, when a user is given, that user's own rows, which
  the user-* sources return (the same row sets docs/api.md defines);
- the sort is the column alone (`ORDER BY created_at DESC`), as the gallery had it, so rows with
  equal sort keys may come in any order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import psycopg
from psycopg import sql

ALL_SOURCES = ("user-regular", "user-auto", "community-regular", "community-auto")

# source word -> (partition table the gallery queried, content_tags.content_source, own rows?)
_SOURCES: dict[str, tuple[str, str, bool]] = {
    "user-regular": ("content_items", "items", True),
    "user-auto": ("content_items_auto", "auto", True),
    "community-regular": ("content_items", "items", False),
    "community-auto": ("content_items_auto", "auto", False),
}

# our sort name -> the gallery's ORDER BY (column only, no tie-breakers)
_ORDER_BY = {
    "created_at_desc": sql.SQL("created_at DESC"),
    "created_at_asc": sql.SQL("created_at ASC"),
    "quality_score_desc": sql.SQL("quality_score DESC"),
}

_COLUMNS = sql.SQL(
    "c.id, {src}::text AS source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at"
)


@dataclass(frozen=True)
class LegacyPage:
    """One legacy page: its rows and the COUNT(*) total the gallery displayed."""

    rows: list[tuple]
    total: int


def _tag_filter(tags: Sequence[str], tag_match: str, source: str) -> sql.Composable:
    """The per-source tag predicate: EXISTS probes with tag_id IN (...)."""
    if not tags:
        return sql.SQL("true")

    def exists(group: Sequence[str]) -> sql.Composable:
        placeholders = sql.SQL(", ").join(sql.Placeholder() * len(group))
        return sql.SQL(
            "EXISTS (SELECT 1 FROM content_tags ct WHERE ct.content_id = c.id"
            " AND ct.content_source = {src} AND ct.tag_id IN ({ph}))"
        ).format(src=sql.Literal(source), ph=placeholders)

    if tag_match == "any":
        return exists(tags)
    if tag_match == "all":
        return sql.SQL(" AND ").join(exists([tag]) for tag in tags)
    raise ValueError(f"unknown tag_match {tag_match!r}")


def _source_select(word: str, tags: Sequence[str], tag_match: str,
                   user_id: str | None) -> tuple[sql.Composable, list] | None:
    """One source's SELECT and its parameters; None when the source selects nothing."""
    table, source, own = _SOURCES[word]
    params: list = []
    where: list[sql.Composable] = []
    if own:
        if user_id is None:
            return None  # user-* words select nothing without a user (docs/api.md)
        where.append(sql.SQL("c.creator_id = %s"))
        params.append(user_id)
    else:
        where.append(sql.SQL("NOT c.is_private"))
        if user_id is not None:
            where.append(sql.SQL("c.creator_id <> %s"))
            params.append(user_id)
    where.append(_tag_filter(tags, tag_match, source))
    params.extend(tags)
    query = sql.SQL("SELECT {cols} FROM {table} c WHERE {where}").format(
        cols=_COLUMNS.format(src=sql.Literal(source)),
        table=sql.Identifier(table),
        where=sql.SQL(" AND ").join(where),
    )
    return query, params


def build(tags: Sequence[str] | None, user_id: str | None = None,
          source_types: Sequence[str] | None = None, tag_match: str = "all",
          sort: str = "created_at_desc", limit: int = 25,
          offset: int = 0) -> tuple[sql.Composable, list, sql.Composable, list]:
    """The legacy page query and count query, each with its parameter list."""
    unique_tags = list(dict.fromkeys(tags or []))
    words = list(dict.fromkeys(source_types or ALL_SOURCES))
    unknown = [word for word in words if word not in _SOURCES]
    if unknown:
        raise ValueError(f"unknown source words {unknown}")
    if sort not in _ORDER_BY:
        raise ValueError(f"unknown sort {sort!r}")
    selects: list[sql.Composable] = []
    params: list = []
    for word in words:
        part = _source_select(word, unique_tags, tag_match, user_id)
        if part is not None:
            selects.append(part[0])
            params.extend(part[1])
    if not selects:
        # Nothing selectable (only user-* words and no user): an empty result of the same shape.
        selects.append(sql.SQL("SELECT {cols} FROM content_items c WHERE false").format(
            cols=_COLUMNS.format(src=sql.Literal("items"))))
    union = sql.SQL("\nUNION\n").join(selects)
    page = sql.SQL("SELECT * FROM (\n{union}\n) AS u ORDER BY {order} LIMIT %s OFFSET %s").format(
        union=union, order=_ORDER_BY[sort])
    count = sql.SQL("SELECT count(*) FROM (\n{union}\n) AS u").format(union=union)
    return page, params + [limit, offset], count, list(params)


def fetch_page(conn: psycopg.Connection, tags: Sequence[str] | None, user_id: str | None = None,
               source_types: Sequence[str] | None = None, tag_match: str = "all",
               sort: str = "created_at_desc", limit: int = 25, offset: int = 0) -> LegacyPage:
    """Run the legacy page query and its COUNT(*), as the gallery did for every page view."""
    page, page_params, count, count_params = build(
        tags, user_id, source_types, tag_match, sort, limit, offset)
    with conn.cursor() as cur:
        cur.execute(page, page_params)
        rows = cur.fetchall()
        cur.execute(count, count_params)
        (total,) = cur.fetchone()
    return LegacyPage(rows=rows, total=int(total))
