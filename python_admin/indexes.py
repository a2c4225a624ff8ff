"""Index maintenance from the command line: revision 0003's index_report() and redundant_indexes()."""
from __future__ import annotations

import logging
from typing import Any, Callable

import psycopg
from psycopg.rows import dict_row

log = logging.getLogger("tagpage.indexes")

# Reasons that are structural (always safe to drop) versus the workload-dependent one.
STRICT_REASONS = ("duplicate", "prefix")


def report(conn: psycopg.Connection) -> list[dict[str, Any]]:
    """One row per index: columns, size, scans, estimated bloat, redundancy."""
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute("select * from index_report()").fetchall()


def redundant(conn: psycopg.Connection, *, strict: bool = False) -> list[dict[str, Any]]:
    """The indexes cleanup would drop (only duplicates and exact prefixes when strict)."""
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute("select * from redundant_indexes()").fetchall()
    return [r for r in rows if not strict or r["reason"] in STRICT_REASONS]


def drop(url: str, rows: list[dict[str, Any]], on_drop: Callable[[dict[str, Any], str], None]) -> int:
    """Run each row's drop_statement; returns how many were dropped.

    DROP INDEX CONCURRENTLY cannot run in a transaction block, so this uses an autocommit
    connection, one statement per index: a failure leaves the earlier drops done, and an
    interrupted CONCURRENTLY drop leaves an INVALID index that the next report shows.
    The statement text comes from redundant_indexes(), built there with format('%I').
    """
    dropped = 0
    with psycopg.connect(url, autocommit=True) as conn:
        for row in rows:
            statement = row["drop_statement"]
            log.info("dropping %s.%s (%s): %s", row["schema_name"], row["index_name"], row["reason"], statement)
            conn.execute(statement)
            dropped += 1
            on_drop(row, statement)
    return dropped
