"""Thin callers of the SQL functions, shared by the API, the gallery page and `tagpage cache warm`.

Each call runs in one transaction with a local statement_timeout; SQLSTATE 22023 from SQL
becomes a ParamError naming the request field, a timeout becomes a 503 ServiceError.

Every call here is a read and goes where web.servers routes reads: a healthy replica in turn,
else the primary; a connection-level failure on one server moves the call to the next. The
functions accept a ServerSet or a plain pool (a lone primary, e.g. the CLI's). Nothing relies on
session state, so a transaction pooler (PgBouncer, pool_mode = transaction) may sit in between.
"""
from __future__ import annotations

import datetime as dt
import decimal
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from web.cache import SOURCE_WORDS, Lookup, PageCache, PageQuery, TagQueryKey, lsn_to_int
from web.params import ContentParams, ParamError
from web.servers import Server, ServerSet

Servers = ServerSet | ConnectionPool

# Row columns that describe the page rather than the item.
PAGE_COLUMNS = {"next_cursor", "prev_cursor", "strategy", "has_next", "has_prev", "has_previous"}
# SQL argument names as they appear in unified_content_page's messages -> HTTP field.
SQL_ARGUMENT_FIELDS = {
    "source_types": "content_source_types",
    "tag_match": "tag_match",
    "page_size": "page_size",
    "user_id": "user_id",
    "cursor": "cursor",
    "max_tags": "tag",
    "tags": "tag",
    "tag": "tag",
    "sort": "sort_field",
    "exact_limit": "exact_limit",
    "p_limit": "limit",
    "tag_query": "q",
}
_ARGUMENT_RE = re.compile(r"\b(" + "|".join(sorted(SQL_ARGUMENT_FIELDS, key=len, reverse=True)) + r")\b")


class ServiceError(Exception):
    """The request was fine but could not be served (timeout, database down): HTTP 503."""

    def __init__(self, code: str, message: str, status: int = 503) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status

    def to_json(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "field": None}}


@dataclass
class PageResult:
    payload: dict[str, Any]  # {"items", "pagination", "strategy"}: what the cache stores
    cache: str               # hit | miss | bypass | off
    elapsed_ms: float
    server: str = "cache"    # who answered: primary, replica<N>, or cache (a hit)
    total: dict[str, Any] | None = None  # {"total", "exact", "lower", "upper", "method"}
    total_cache: str | None = None       # the count's own cache outcome (None: not asked for)


@dataclass(frozen=True)
class Served:
    """Which server answered a call, and the WAL position it had replayed before the call's
    query (None for the primary, whose snapshot holds every committed write)."""
    server: str
    replay_lsn: int | None


def to_json_value(value: Any) -> Any:
    """A database value as the JSON type the API returns (and the cache stores verbatim)."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [to_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    return value


def field_of_sql_error(exc: psycopg.Error, tag_field: str = "tag") -> str | None:
    """The request field an SQL 22023 error is about: the argument its message names first."""
    diag = exc.diag
    for text in (diag.column_name, diag.message_primary, diag.message_detail, diag.message_hint):
        if not text:
            continue
        match = _ARGUMENT_RE.search(text)
        if match:
            field = SQL_ARGUMENT_FIELDS[match.group(1)]
            return tag_field if field == "tag" else field
    return None


def _begin(conn: psycopg.Connection, statement_timeout_ms: int) -> int | None:
    """Settings local to the transaction, never to the session: a pooled connection (ours, or a
    transaction pooler's server connection shared with other clients) keeps nothing. jit=off:
    page queries are milliseconds of work; JIT compilation costs 0.3-1.5 s when a plan's cost
    is inflated (strategies pin plan shapes with enable_* = off). Returns the server's replay
    position, read before the caller's query (NULL on a server that never was a standby)."""
    row = conn.execute("select set_config('statement_timeout', %s, true), set_config('jit', 'off', true), "
                       "pg_last_wal_replay_lsn()::text", (str(int(statement_timeout_ms)),)).fetchone()
    return lsn_to_int(row[2]) if row[2] else None


def as_servers(servers: Servers) -> ServerSet:
    return servers if isinstance(servers, ServerSet) else ServerSet.single(servers)


def _retryable(exc: psycopg.Error, server: Server) -> bool:
    """Failures that are the server's, not the request's: the next server may answer. A
    statement timeout is the request's (QueryCanceled is an OperationalError too); a standby
    cancelling a query that conflicts with WAL replay (40001) is the replica's."""
    if isinstance(exc, psycopg.errors.QueryCanceled):
        return False
    if isinstance(exc, psycopg.OperationalError):  # connection lost or refused, PoolTimeout
        return True
    return server.role == "replica" and isinstance(exc, psycopg.errors.SerializationFailure)


def _routed(servers: Servers, statement_timeout_ms: int, fn, *, tag_field: str = "tag",
            read: bool = True) -> tuple[Any, Served]:
    """Run fn(conn) in a transaction on the first server of the read order (the primary for a
    write) that answers; database errors become API errors. A read may run on a second server
    after the first failed, so fn must not write unless read=False."""
    server_set = as_servers(servers)
    candidates = server_set.readers() if read else [server_set.primary]
    for n, server in enumerate(candidates):
        started = time.perf_counter()
        try:
            with server.connection() as conn:
                with conn.transaction():
                    replay = _begin(conn, statement_timeout_ms)
                    result = fn(conn)
        except ParamError:  # the server answered; the request was wrong
            server_set.record(server, time.perf_counter() - started)
            raise
        except psycopg.Error as exc:
            server_set.record(server, time.perf_counter() - started, exc.sqlstate or type(exc).__name__)
            if _retryable(exc, server) and n < len(candidates) - 1:
                server_set.failed(server, exc)
                continue
            raise _api_error(exc, statement_timeout_ms, tag_field) from None
        server_set.record(server, time.perf_counter() - started)
        return result, Served(server.name, replay if server.role == "replica" else None)
    raise AssertionError("the primary is always a candidate")


def _run(servers: Servers, statement_timeout_ms: int, fn, *, tag_field: str = "tag", read: bool = True):
    """fn(conn)'s result, run as _routed runs it."""
    return _routed(servers, statement_timeout_ms, fn, tag_field=tag_field, read=read)[0]


def _api_error(exc: psycopg.Error, statement_timeout_ms: int, tag_field: str) -> Exception:
    """The ParamError or ServiceError a database error means to the client."""
    if isinstance(exc, psycopg.errors.InvalidParameterValue):
        message = exc.diag.message_primary or str(exc)
        if exc.diag.message_detail:
            message = f"{message} ({exc.diag.message_detail})"
        return ParamError(field_of_sql_error(exc, tag_field) or "query", message, code="invalid_parameter")
    if isinstance(exc, psycopg.errors.QueryCanceled):
        return ServiceError("statement_timeout",
                            f"the query took longer than {statement_timeout_ms} ms and was cancelled; "
                            "narrow the request or try again")
    if isinstance(exc, psycopg.errors.UndefinedFunction):
        return ServiceError("not_installed", f"database function missing: {exc.diag.message_primary}")
    if isinstance(exc, psycopg.OperationalError):  # PoolTimeout and PoolClosed included
        return ServiceError("database_unavailable", f"database unavailable: {exc}")
    # A server-side bug, not the client's fault: JSON 500 with the SQLSTATE, no traceback.
    return ServiceError("database_error", f"database error {exc.sqlstate}: "
                        f"{exc.diag.message_primary or type(exc).__name__}", status=500)


def resolve_tag_names(conn: psycopg.Connection, names: list[str]) -> list[str]:
    """Tag ids for names, in one query; unknown names are a 400 naming them."""
    if not names:
        return []
    rows = conn.execute("select name, id from tags where name = any(%s)", (names,)).fetchall()
    found = {name: str(tag_id) for name, tag_id in rows}
    unknown = [n for n in dict.fromkeys(names) if n not in found]
    if unknown:
        raise ParamError("tag_names", f"unknown tag_names: {', '.join(unknown)}", code="unknown_tag")
    return [found[n] for n in names]


def query_page(conn: psycopg.Connection, q: PageQuery) -> dict[str, Any]:
    """One unified_content_page call plus one query for the page's tag names."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(
            "select * from unified_content_page(%s::uuid[], %s::text, %s::integer, %s::uuid, "
            "%s::text[], %s::text, %s::text, %s::text)",
            # All four words is the SQL default (NULL): let the function take its own path for it.
            (list(q.tags) or None, q.cursor, q.page_size, q.user_id,
             None if set(q.source_types) == set(SOURCE_WORDS) else list(q.source_types),
             q.tag_match, q.sort, q.tag_query),
        )
        rows = cur.fetchall()
    names = _tag_names(conn, rows, q.user_id)
    items = []
    for row in rows:
        item = {k: to_json_value(v) for k, v in row.items() if k not in PAGE_COLUMNS}
        item["tags"] = names.get((row["id"], row["source_type"]), [])
        items.append(item)
    first, last = (rows[0], rows[-1]) if rows else ({}, {})
    has_next = bool(last.get("has_next", len(rows) == q.page_size)) if rows else False
    has_prev = bool(first.get("has_prev", first.get("has_previous", q.cursor is not None))) if rows else False
    return {
        "items": items,
        "pagination": {
            "page_size": q.page_size,
            "next_cursor": last.get("next_cursor") if has_next else None,
            "prev_cursor": first.get("prev_cursor") if has_prev else None,
            "has_next": has_next,
            "has_previous": has_prev,
        },
        "strategy": rows[0]["strategy"] if rows else None,
    }


def _tag_names(conn: psycopg.Connection, rows: list[dict],
               user_id: str | None) -> dict[tuple[int, str], list[str]]:
    """Tag names of the page's rows in one call. item_tag_names (revision 0005) exists because
    the least-privileged web role may not read content_tags; it also hides a private row's tags
    from anyone but its creator."""
    if not rows:
        return {}
    found = conn.execute(
        "select content_id, content_source, names from item_tag_names(%s::bigint[], %s::text[], %s::uuid)",
        ([r["id"] for r in rows], [r["source_type"] for r in rows], user_id),
    ).fetchall()
    return {(cid, src): list(names) for cid, src, names in found}


def normalize_tag_query(conn: psycopg.Connection, text: str) -> TagQueryKey | None:
    """The normal form of a tag query (None: it filters nothing), or its 22023 error.

    The web role may not call tagpage_tag_query_normalize; unified_content_plan, which it may
    call, normalises the query the same way and shows the result (its `tags` and `expr`). Asked
    for the user-* sources without a user, a request that reads no source, it does not weigh
    any strategy's cost: the cheapest call that still parses and resolves the query.
    """
    plan = conn.execute("select unified_content_plan(source_types => array['user-regular'], "
                        "tag_query => %s::text)", (text,)).fetchone()[0]
    if plan.get("expr") is None:
        return None
    return TagQueryKey.from_normal_form(plan["tags"], plan["expr"])


def page_query(servers: Servers, params: ContentParams, statement_timeout_ms: int) -> PageQuery:
    """The canonical query of validated params: tag names resolved through the tags table, the
    tag query normalised by the engine (both in one call, as they run on every request)."""
    def resolve(conn: psycopg.Connection) -> tuple[list[str], TagQueryKey | None]:
        names = resolve_tag_names(conn, params.tag_names) if params.tag_names else []
        return names, normalize_tag_query(conn, params.tag_query) if params.tag_query else None

    tag_ids, query = list(params.tag_ids), None
    if params.tag_names or params.tag_query:
        named, query = _run(servers, statement_timeout_ms, resolve)
        tag_ids += named
    return PageQuery.create(tags=tag_ids, tag_match=params.tag_match,
                            source_types=params.source_types, user_id=params.user_id,
                            sort=params.sort, page_size=params.page_size, cursor=params.cursor,
                            tag_query=params.tag_query, query=query)


def _same_query(conn: psycopg.Connection, q: PageQuery) -> bool:
    """Whether the tag query still has the normal form its cache key was built from, read after
    a miss's query: a tag created, renamed or deleted in between may have changed what its names
    mean, and the value read must then not be stored under the old form's key."""
    return q.tag_query is None or normalize_tag_query(conn, q.tag_query) == q.query


def query_count(conn: psycopg.Connection, q: PageQuery) -> dict[str, Any]:
    """unified_content_count of the page's filter: {"total", "exact", "lower", "upper", "method"}."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute("select * from unified_content_count(%s::uuid[], %s::uuid, %s::text[], %s::text, "
                    "%s::text)", _filter_args(q))
        row = cur.fetchone()
    return {k: to_json_value(v) for k, v in (row or {}).items()}


def query_related(conn: psycopg.Connection, q: PageQuery, limit: int) -> list[dict[str, Any]]:
    """related_tags of the filter: [{"id", "name", "count", "exact"}], most frequent first."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute("select * from related_tags(%s::uuid[], %s::uuid, %s::text[], %s::text, %s::text, "
                    "p_limit => %s)", (*_filter_args(q), limit))
        return [{k: to_json_value(v) for k, v in row.items()} for row in cur.fetchall()]


def _filter_args(q: PageQuery) -> tuple:
    """(tags, user_id, source_types, tag_match, tag_query) as the SQL functions take them."""
    # All four words is the SQL default (NULL): let the function take its own path for it.
    return (list(q.tags) or None, q.user_id,
            None if set(q.source_types) == set(SOURCE_WORDS) else list(q.source_types), q.tag_match,
            q.tag_query)


def _cached(cache: PageCache, q: PageQuery, bypass: bool, kind: str = "page", extra: str = "") -> Lookup:
    """The cache lookup of a request, or a bypass (counted once, by the page's lookup)."""
    if bypass:
        if kind == "page":
            cache.note_bypass()
        return Lookup("bypass")
    return cache.lookup(q, kind, extra)


def get_page(servers: Servers, cache: PageCache, q: PageQuery, *, bypass: bool,
             statement_timeout_ms: int, tag_field: str = "tag", with_total: bool = False) -> PageResult:
    """A page from the cache, or from PostgreSQL; with its filter's total when asked, cached on
    its own (one total serves every page of a result). What misses is read in one transaction, so
    a page and its total come from the same snapshot, and is stored when cache.may_store allows
    (a replica's value only once it had replayed every invalidation seen before the lookup)."""
    started = time.perf_counter()
    lookup = _cached(cache, q, bypass)
    counted = _cached(cache, q, bypass, "count") if with_total else None
    page = lookup.value if lookup.outcome == "hit" else None
    total = counted.value if counted is not None and counted.outcome == "hit" else None
    server = "cache"
    if page is None or (with_total and total is None):
        will_store = lookup.outcome == "miss" or (counted is not None and counted.outcome == "miss")

        def read(conn: psycopg.Connection) -> tuple[dict[str, Any], dict[str, Any] | None, bool]:
            fetched = (page if page is not None else query_page(conn, q),
                       total if total is not None or not with_total else query_count(conn, q))
            # Checked only when something may be stored (a bypass stores nothing).
            return (*fetched, will_store and _same_query(conn, q))

        (fetched_page, fetched_total, storable), served = _routed(servers, statement_timeout_ms, read,
                                                                  tag_field=tag_field)
        server = served.server
        if page is None and storable and cache.may_store(lookup, served.replay_lsn):
            cache.store(lookup.key, fetched_page)
        if (total is None and counted is not None and fetched_total and storable
                and cache.may_store(counted, served.replay_lsn, counted=False)):
            cache.store(counted.key, fetched_total, counted=False)
        page, total = fetched_page, fetched_total
    return PageResult(page, lookup.outcome, (time.perf_counter() - started) * 1000, server, total,
                      counted.outcome if counted is not None else None)


def get_related(servers: Servers, cache: PageCache, q: PageQuery, limit: int, *, bypass: bool,
                statement_timeout_ms: int, tag_field: str = "tag") -> tuple[list[dict[str, Any]], str]:
    """A filter's related tags from the cache or PostgreSQL, and the cache outcome."""
    lookup = _cached(cache, q, bypass, "related", str(limit))
    if lookup.outcome == "hit" and lookup.value is not None:
        return lookup.value["tags"], "hit"
    def read(conn: psycopg.Connection) -> tuple[list[dict[str, Any]], bool]:
        return query_related(conn, q, limit), lookup.outcome == "miss" and _same_query(conn, q)

    (tags, storable), served = _routed(servers, statement_timeout_ms, read, tag_field=tag_field)
    if storable and cache.may_store(lookup, served.replay_lsn, counted=False):
        cache.store(lookup.key, {"tags": tags}, counted=False)
    return tags, lookup.outcome


def popular_tags(servers: Servers, statement_timeout_ms: int, *, limit: int,
                 content_source: str | None, min_cardinality: int) -> list[dict]:
    def run(conn: psycopg.Connection) -> list[dict]:
        with conn.cursor(row_factory=dict_row) as cur:
            cur.execute("select * from popular_tags(p_limit => %s, p_content_source => %s, "
                        "p_min_cardinality => %s)", (limit, content_source, min_cardinality))
            return [_tag_row(r) for r in cur.fetchall()]

    return _run(servers, statement_timeout_ms, run)


def search_tags(servers: Servers, statement_timeout_ms: int, *, q: str,
                min_count: int | None, max_count: int | None, limit: int) -> list[dict]:
    def run(conn: psycopg.Connection) -> list[dict]:
        with conn.cursor(row_factory=dict_row) as cur:
            cur.execute("select * from search_tags(p_prefix => %s, p_min_count => %s, "
                        "p_max_count => %s, p_limit => %s)", (q, min_count, max_count, limit))
            return [_tag_row(r) for r in cur.fetchall()]

    return _run(servers, statement_timeout_ms, run)


def _tag_row(row: dict) -> dict:
    count = row.get("cardinality", row.get("count", row.get("total")))
    return {"id": str(row["id"]), "name": row["name"], "cardinality": int(count or 0)}


def tag_names_by_id(servers: Servers, statement_timeout_ms: int, ids: list[str]) -> dict[str, str]:
    """id -> name for the gallery's selected-tag chips."""
    if not ids:
        return {}
    rows = _run(servers, statement_timeout_ms,
                lambda conn: conn.execute("select id, name from tags where id = any(%s::uuid[])",
                                          (ids,)).fetchall())
    return {str(i): n for i, n in rows}


def warm_top_tags(servers: Servers, cache: PageCache, top: int, *, page_size: int = 25,
                  statement_timeout_ms: int = 30000, progress=None) -> list[dict]:
    """Store the first page of each of the `top` most popular tags (default sources and sort).

    Lookups go through the cache like a request would, so a page already cached is left alone
    and the report says hit; returns one {"tag", "name", "cache", "ms"} per tag.
    """
    report = []
    tags = popular_tags(servers, statement_timeout_ms, limit=top, content_source=None, min_cardinality=0)
    for n, tag in enumerate(tags, start=1):
        query = PageQuery.create(tags=[tag["id"]], page_size=page_size)
        result = get_page(servers, cache, query, bypass=False, statement_timeout_ms=statement_timeout_ms)
        report.append({"tag": tag["id"], "name": tag["name"], "cache": result.cache,
                       "ms": round(result.elapsed_ms, 2)})
        if progress is not None:
            progress(n, len(tags))
    return report
