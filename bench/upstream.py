"""The gallery upstream's own later fix, the benchmark's second baseline.

Where `legacy.py` is the query tagpage replaced, this is the query a gallery would write today
without tagpage: one SELECT on the partitioned parent `content_items_all`, the request's sources
as a plain WHERE, one `EXISTS` per tag (`tag_match=all`) or one `EXISTS ... tag_id = any(...)`
(`any`), the full keyset ORDER BY and LIMIT. A deep page continues after a position with a row
comparison over the whole key (no OFFSET). PostgreSQL plans it freely: no session settings, no
`OFFSET 0` fences, no CTEs; every value is a bound parameter, only the shape (how many tags,
which scope per partition, which sort) is composed, through psycopg.sql.

A boolean tag query comes as the tree the bench rendered tagpage's query text from
(bench/tag_tree.py): each leaf is one `EXISTS` probe (its name's ids bound, one id with
`=`, case variants with `= any`), a negated leaf `NOT EXISTS`, and AND / OR / NOT as written, in
parentheses, ANDed with the rest of the WHERE. Nothing is normalised or reordered: PostgreSQL
gets the expression as the user wrote it.

It returns what tagpage returns, in the same total order, so the bench can demand the same keys
in the same order from both. The source rules are docs/api.md's (the ones
`tagpage_request_normalize` implements), restated here from that text:
- `user-regular` / `user-auto`: the partition's rows whose creator is the user, private included;
  nothing without a user;
- `community-regular` / `community-auto`: the partition's public rows of every other creator
  (of every creator without a user);
- both words of a partition: the user's rows plus everyone's public rows.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence

import psycopg
from psycopg import sql

from bench import tag_tree
from bench.legacy import ALL_SOURCES

# content_items_all.source_type -> the suffix of its two source words
PARTITIONS = {"items": "regular", "auto": "auto"}

# The row columns tagpage returns (unified_content_page without its paging columns), in order;
# (source_type, id) identifies a row, as in legacy's rows.
COLUMNS = ("id", "source_type", "title", "creator_id", "is_private", "quality_score", "created_at",
           "content_type", "path_thumb", "updated_at")

# One partition's rows for a scope; {user} is the bound user id.
_SCOPE = {
    "all": "(not c.is_private or c.creator_id = {user})",
    "user": "c.creator_id = {user}",
    "community": "(not c.is_private and c.creator_id <> {user})",
    "public": "not c.is_private",
}

# sort -> (key columns of the total order, descending?)
SORT_KEYS: dict[str, tuple[tuple[str, ...], bool]] = {
    "created_at_desc": (("created_at", "id", "source_type"), True),
    "created_at_asc": (("created_at", "id", "source_type"), False),
    "quality_score_desc": (("quality_score", "created_at", "id", "source_type"), True),
}
# The SQL type each key value is bound as (a real compared as a real, never as float8).
_KEY_TYPES = {"quality_score": "real", "created_at": "timestamptz", "id": "bigint",
              "source_type": "text"}


@dataclass(frozen=True)
class Position:
    """A row's place in the total order: the page starts right after it."""

    quality_score: float
    created_at: datetime
    id: int
    source_type: str

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> "Position":
        """The position of a tagpage row (unified_content_page's column names)."""
        return cls(row["quality_score"], row["created_at"], row["id"], row["source_type"])

    def values(self, sort: str) -> dict[str, Any]:
        """Bound values of this position's key for a sort."""
        out: dict[str, Any] = {"created_at": self.created_at, "id": self.id,
                               "source_type": self.source_type}
        if sort == "quality_score_desc":
            # As text read by float4in: the exact real the row holds (a Python float is a
            # float8, and float8 -> real could round a different way than the text does).
            out["quality_score"] = _real_text(self.quality_score)
        return out


def _real_text(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(float(value))


def partition_scope(words: Sequence[str], has_user: bool, partition: str) -> str | None:
    """Which rows of one partition the source words select: all, user, community, public, None."""
    user = f"user-{PARTITIONS[partition]}" in words
    community = f"community-{PARTITIONS[partition]}" in words
    if not has_user:
        return "public" if community else None
    if user and community:
        return "all"
    return "user" if user else "community" if community else None


def scopes(source_types: Sequence[str] | None, has_user: bool) -> dict[str, str]:
    """The scope of every partition the request reads (partitions selecting nothing left out)."""
    words = list(dict.fromkeys(source_types or ALL_SOURCES))
    unknown = [w for w in words if w not in ALL_SOURCES]
    if unknown:
        raise ValueError(f"unknown source words {unknown}")
    found = {p: partition_scope(words, has_user, p) for p in PARTITIONS}
    return {p: s for p, s in found.items() if s is not None}


def _scope_filter(by_partition: dict[str, str], user: sql.Composable) -> sql.Composable:
    """The WHERE part that keeps the request's sources."""
    if not by_partition:
        return sql.SQL("false")
    kinds = set(by_partition.values())
    if len(by_partition) == len(PARTITIONS) and len(kinds) == 1:
        # Both partitions, same rule: no partition test at all, as a hand-written query has it.
        return sql.SQL(_SCOPE[kinds.pop()]).format(user=user)
    parts = [sql.SQL("(c.source_type = {src} and {scope})").format(
                 src=sql.Literal(partition), scope=sql.SQL(_SCOPE[scope]).format(user=user))
             for partition, scope in by_partition.items()]
    return sql.SQL("({})").format(sql.SQL(" or ").join(parts))


_PROBE = ("exists (select 1 from content_tags t where t.content_id = c.id"
          " and t.content_source = c.source_type and t.tag_id {})")


def _tag_filter(tags: Sequence[str], tag_match: str) -> list[sql.Composable]:
    """One EXISTS per tag for 'all', one EXISTS over the whole list for 'any'."""
    if not tags:
        return []
    if tag_match == "any":
        return [sql.SQL(_PROBE).format(sql.SQL("= any({}::uuid[])").format(sql.Placeholder("tags")))]
    if tag_match == "all":
        return [sql.SQL(_PROBE).format(sql.SQL("= {}::uuid").format(sql.Placeholder(f"tag_{i}")))
                for i in range(len(tags))]
    raise ValueError(f"unknown tag_match {tag_match!r}")


def tree_filter(node: tag_tree.Node, params: dict[str, Any]) -> sql.Composable:
    """A query tree as a WHERE expression: one EXISTS / NOT EXISTS per leaf, AND / OR / NOT as
    written. Each distinct leaf's ids are bound once, as `q_<n>`, into `params`."""
    if isinstance(node, tag_tree.Tag):
        if not node.ids:
            raise ValueError(f"tag name {node.name!r} stands for no tag id")
        key = next((k for k, v in params.items() if k.startswith("q_") and v == _leaf_value(node)),
                   f"q_{sum(1 for k in params if k.startswith('q_'))}")
        params[key] = _leaf_value(node)
        test = "= {}::uuid" if len(node.ids) == 1 else "= any({}::uuid[])"
        return sql.SQL(_PROBE).format(sql.SQL(test).format(sql.Placeholder(key)))
    if isinstance(node, tag_tree.Not):
        inner = tree_filter(node.arg, params)
        # A negated leaf reads as the NOT EXISTS a person would write; anything else as NOT (...).
        return sql.SQL("not {}" if isinstance(node.arg, tag_tree.Tag) else "not ({})").format(inner)
    joiner = " and " if isinstance(node, tag_tree.And) else " or "
    return sql.SQL("({})").format(sql.SQL(joiner).join(tree_filter(a, params) for a in node.args))


def _leaf_value(node: tag_tree.Tag) -> str | list[str]:
    return node.ids[0] if len(node.ids) == 1 else list(node.ids)


def build(tags: Sequence[str] | None, user_id: str | None = None,
          source_types: Sequence[str] | None = None, tag_match: str = "all",
          sort: str = "created_at_desc", limit: int = 25,
          after: Position | None = None,
          tree: tag_tree.Node | None = None) -> tuple[sql.Composed, dict[str, Any]]:
    """The upstream page query and its parameters (named: a value used twice is bound once)."""
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort {sort!r}")
    params: dict[str, Any] = {"limit": limit}
    where = filter_where(tags, user_id, source_types, tag_match, tree, params)
    keys, descending = SORT_KEYS[sort]
    if after is not None:
        where.append(sql.SQL("({}) {} ({})").format(
            sql.SQL(", ").join(sql.SQL("c.{}").format(sql.Identifier(k)) for k in keys),
            sql.SQL("<" if descending else ">"),
            sql.SQL(", ").join(sql.SQL("{}::{}").format(sql.Placeholder(f"after_{k}"),
                                                        sql.SQL(_KEY_TYPES[k])) for k in keys)))
        params.update({f"after_{k}": v for k, v in after.values(sort).items()})
    direction = sql.SQL(" desc" if descending else " asc")
    query = sql.SQL("select {cols} from content_items_all c where {where} order by {order}"
                    " limit {limit}").format(
        cols=sql.SQL(", ").join(sql.SQL("c.{}").format(sql.Identifier(col)) for col in COLUMNS),
        where=sql.SQL(" and ").join(where),
        order=sql.SQL(", ").join(sql.SQL("c.{}{}").format(sql.Identifier(k), direction) for k in keys),
        limit=sql.Placeholder("limit"))
    return query, params


def filter_where(tags: Sequence[str] | None, user_id: str | None, source_types: Sequence[str] | None,
                 tag_match: str, tree: tag_tree.Node | None,
                 params: dict[str, Any]) -> list[sql.Composable]:
    """The WHERE conditions that select a request's rows (sources, user, tags, tag query), ANDed
    by the caller; their values go into `params`."""
    unique_tags = list(dict.fromkeys(tags or []))
    user = sql.SQL("{}::uuid").format(sql.Placeholder("user_id"))
    where = [_scope_filter(scopes(source_types, user_id is not None), user),
             *_tag_filter(unique_tags, tag_match)]
    if user_id is not None:
        params["user_id"] = user_id
    if tag_match == "any" and unique_tags:
        params["tags"] = unique_tags
    elif unique_tags:
        params.update({f"tag_{i}": tag for i, tag in enumerate(unique_tags)})
    if tree is not None:
        where.append(tree_filter(tree, params))
    return where


def build_count(tags: Sequence[str] | None, user_id: str | None = None,
                source_types: Sequence[str] | None = None, tag_match: str = "all",
                tree: tag_tree.Node | None = None) -> tuple[sql.Composed, dict[str, Any]]:
    """The plain exact `COUNT(*)` of the rows the page query pages through."""
    params: dict[str, Any] = {}
    where = filter_where(tags, user_id, source_types, tag_match, tree, params)
    query = sql.SQL("select count(*) from content_items_all c where {where}").format(
        where=sql.SQL(" and ").join(where))
    return query, params


def fetch_page(conn: psycopg.Connection, tags: Sequence[str] | None, user_id: str | None = None,
               source_types: Sequence[str] | None = None, tag_match: str = "all",
               sort: str = "created_at_desc", limit: int = 25,
               after: Position | None = None, tree: tag_tree.Node | None = None) -> list[tuple]:
    """Run the upstream query; rows as tuples in COLUMNS order."""
    query, params = build(tags, user_id, source_types, tag_match, sort, limit, after, tree)
    with conn.cursor() as cur:
        cur.execute(query, params)
        return cur.fetchall()
