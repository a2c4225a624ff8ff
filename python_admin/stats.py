"""Tag statistics from the command line: thin callers of revision 0003's SQL functions."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row

REFRESH_JOB = "tagpage_stats_refresh"
DELTAS_JOB = "tagpage_stats_apply_deltas"


class ScheduleError(RuntimeError):
    """pg_cron cannot take the job here; the message says why and what to use instead."""


@dataclass(frozen=True)
class RefreshResult:
    rows_written: int
    seconds: float
    incremental: bool


def refresh(conn: psycopg.Connection, *, incremental: bool = False) -> RefreshResult:
    """Run the full refresh (or only fold the delta log) in its own transaction, timed.

    Incremental also folds the rows written since into the count bitmaps (revision 0008,
    count_bitmaps_fold) when that function exists; the full refresh rebuilds them itself.
    """
    function = "apply_tag_cardinality_deltas" if incremental else "refresh_tag_cardinality_stats"
    started = time.perf_counter()
    with conn.transaction():
        rows = conn.execute(f"select {function}()").fetchone()[0]  # fixed name, never input
    if incremental and conn.execute("select to_regproc('count_bitmaps_fold') is not null").fetchone()[0]:
        with conn.transaction():
            conn.execute("select count_bitmaps_fold()")
    return RefreshResult(int(rows), time.perf_counter() - started, incremental)


def freshness(conn: psycopg.Connection) -> dict[str, Any]:
    """tag_stats_freshness() plus the number of deltas waiting to be folded."""
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute("select * from tag_stats_freshness()").fetchone()
        row["pending_deltas"] = cur.execute("select count(*) as n from tag_cardinality_deltas").fetchone()["n"]
        row["tag_rows"] = cur.execute("select count(*) as n from tag_cardinality_stats").fetchone()["n"]
        totals = cur.execute("select content_source, total_rows from content_source_stats order by 1").fetchall()
    row["source_rows"] = {t["content_source"]: t["total_rows"] for t in totals}
    return row


def top_tags(conn: psycopg.Connection, limit: int, source: str | None = None) -> list[dict[str, Any]]:
    """popular_tags() with per-source columns, for `stats show`."""
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            "select p.id, p.name, p.cardinality, "
            "  (select s.cardinality from tag_cardinality_stats s where s.tag_id = p.id and s.content_source = 'items') as items, "
            "  (select s.cardinality from tag_cardinality_stats s where s.tag_id = p.id and s.content_source = 'auto') as auto "
            "from popular_tags(%s, %s) p",
            (limit, source),
        ).fetchall()


def schedule(conn: psycopg.Connection, refresh_cron: str, deltas_cron: str | None) -> list[tuple[str, int]]:
    """Register the refresh (and the delta fold) with pg_cron; [(job name, job id)].

    pg_cron runs jobs from the database named by cron.database_name; jobs for another database
    go through cron.schedule_in_database. Scheduling again with the same name replaces the job.
    """
    available = conn.execute(
        "select exists (select 1 from pg_available_extensions where name = 'pg_cron')").fetchone()[0]
    if not available:
        raise ScheduleError(
            "the pg_cron extension is not available on this server; schedule `tagpage stats refresh` "
            "with cron or a systemd timer instead (docs/operations.md)")
    installed = conn.execute("select exists (select 1 from pg_extension where extname = 'pg_cron')").fetchone()[0]
    if not installed:
        try:
            with conn.transaction():
                conn.execute("create extension pg_cron")
        except psycopg.Error as exc:
            raise ScheduleError(
                f"pg_cron is available but cannot be enabled in this database ({exc.diag.message_primary}); "
                "it must be in shared_preload_libraries and created in cron.database_name") from exc
    dbname = conn.info.dbname
    jobs = [(REFRESH_JOB, refresh_cron, "select refresh_tag_cardinality_stats()")]
    if deltas_cron:
        fold = conn.execute("select to_regproc('count_bitmaps_fold') is not null").fetchone()[0]
        jobs.append((DELTAS_JOB, deltas_cron, "select apply_tag_cardinality_deltas()"
                     + (", count_bitmaps_fold()" if fold else "")))
    scheduled = []
    with conn.transaction():
        for name, cron, command in jobs:
            job_id = conn.execute(
                "select cron.schedule_in_database(%s, %s, %s, %s)", (name, cron, command, dbname)
            ).fetchone()[0]
            scheduled.append((name, int(job_id)))
    return scheduled
