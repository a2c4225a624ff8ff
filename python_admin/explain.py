"""`tagpage explain`: the planner's decision and the executed plan of the strategy it chose.

unified_content_page is PL/pgSQL, so EXPLAIN of the call shows one opaque Function Scan. The
strategy's own statement is captured with auto_explain instead: with log_nested_statements it
logs every statement run inside the function, with ANALYZE and BUFFERS, as LOG messages that
reach the client (client_min_messages = log) and are collected as notices.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import psycopg

ARGS_SQL = "%s::uuid[], %s::text, %s::int, %s::uuid, %s::text[], %s::text, %s::text, %s::text"
_DURATION = re.compile(r"duration:\s*([0-9.]+)\s*ms\s+plan:\s*\n?", re.IGNORECASE)
_QUERY_TEXT = re.compile(r"Query Text:\s*(.*?)\n(?=\S)", re.DOTALL)


class ExplainError(ValueError):
    """The request cannot be explained (unknown tag name, rejected by the engine)."""


@dataclass
class Request:
    tags: list[str] = field(default_factory=list)
    tag_names: list[str] = field(default_factory=list)
    cursor: str | None = None
    page_size: int = 25
    user_id: str | None = None
    sources: list[str] | None = None
    tag_match: str = "all"
    sort: str = "created_at_desc"
    tag_query: str | None = None  # a boolean tag query (docs/api.md, "Tag queries")


@dataclass
class Captured:
    duration_ms: float
    query: str
    plan: str


@dataclass
class Explanation:
    decision: dict[str, Any]
    strategy_plan: Captured | None
    nested: list[Captured]
    rows: int
    total_ms: float | None
    stages: list[tuple[str, float]] = field(default_factory=list)
    count: dict[str, Any] | None = None  # unified_content_count of the filter


def resolve_tags(conn: psycopg.Connection, request: Request) -> list[str]:
    """--tag ids plus --tag-name names looked up in tags; an unknown name is an error."""
    ids = [str(uuid.UUID(t)) for t in request.tags]
    if request.tag_names:
        found = dict(conn.execute(
            "select name, id::text from tags where name = any(%s)", (request.tag_names,)).fetchall())
        missing = [n for n in request.tag_names if n not in found]
        if missing:
            raise ExplainError(f"unknown tag name(s): {', '.join(missing)}")
        ids.extend(found[n] for n in request.tag_names)
    return ids


def _args(request: Request, tags: list[str]) -> tuple:
    return (tags or None, request.cursor, request.page_size, request.user_id, request.sources,
            request.tag_match, request.sort, request.tag_query)


def parse_auto_explain(messages: list[str]) -> list[Captured]:
    """auto_explain LOG messages -> (duration, query text, plan text)."""
    captured = []
    for message in messages:
        match = _DURATION.search(message)
        if not match:
            continue
        body = message[match.end():]
        query_match = _QUERY_TEXT.search(body + "\n")
        query = query_match.group(1).strip() if query_match else ""
        plan = body[query_match.end():] if query_match else body
        captured.append(Captured(float(match.group(1)), query, plan.rstrip()))
    return captured


def stage_timings(conn: psycopg.Connection, request: Request, tags: list[str],
                  calls: int) -> list[tuple[str, float]]:
    """Median server-side milliseconds of each stage of the call, over `calls` calls."""
    return [(stage, float(ms)) for stage, ms in conn.execute(
        f"select stage, median_ms from tagpage_page_stage_timings(%s, {ARGS_SQL})",
        (calls, *_args(request, tags))).fetchall()]


def explain(conn: psycopg.Connection, request: Request, timing_calls: int = 0) -> Explanation:
    """Ask unified_content_plan, run unified_content_page once under auto_explain, and (when
    timing_calls > 0) time each stage of the call that many times."""
    tags = resolve_tags(conn, request)
    args = _args(request, tags)
    try:
        decision = conn.execute(f"select unified_content_plan({ARGS_SQL})", args).fetchone()[0]
    except psycopg.errors.InvalidParameterValue as exc:
        conn.rollback()
        detail = f" ({exc.diag.message_detail})" if exc.diag.message_detail else ""
        raise ExplainError((exc.diag.message_primary or str(exc)) + detail) from exc

    messages: list[str] = []

    def collect(diag: psycopg.errors.Diagnostic) -> None:
        if diag.message_primary:
            messages.append(diag.message_primary)

    conn.add_notice_handler(collect)
    try:
        with conn.transaction():
            conn.execute("load 'auto_explain'")
            for setting, value in (("auto_explain.log_min_duration", "0"),
                                   ("auto_explain.log_analyze", "on"),
                                   ("auto_explain.log_buffers", "on"),
                                   ("auto_explain.log_timing", "on"),
                                   ("auto_explain.log_nested_statements", "on"),
                                   ("client_min_messages", "log")):
                conn.execute("select set_config(%s, %s, true)", (setting, value))
            rows = conn.execute(f"select * from unified_content_page({ARGS_SQL})", args).fetchall()
            conn.execute("select set_config('client_min_messages', 'notice', true)")
    finally:
        conn.remove_notice_handler(collect)

    count = None
    if conn.execute("select to_regproc('unified_content_count') is not null").fetchone()[0]:
        total, exact, lower, upper, method = conn.execute(
            "select * from unified_content_count(%s::uuid[], %s::uuid, %s::text[], %s::text, %s::text)",
            (tags or None, request.user_id, request.sources, request.tag_match, request.tag_query)).fetchone()
        count = {"total": total, "exact": exact, "lower": lower, "upper": upper, "method": method}

    captured = parse_auto_explain(messages)
    top = [c for c in captured if "unified_content_page(" in c.query]
    nested = [c for c in captured if c not in top]
    # The strategy's statement is the one that reads content: the slowest nested statement
    # touching content_items_all or content_tags (the rest are stats and cursor lookups).
    reading = [c for c in nested if re.search(r"content_items|content_tags", c.query)]
    strategy_plan = max(reading or nested, key=lambda c: c.duration_ms, default=None)
    stages = stage_timings(conn, request, tags, timing_calls) if timing_calls > 0 else []
    return Explanation(decision, strategy_plan, nested, len(rows), top[0].duration_ms if top else None,
                       stages, count)
