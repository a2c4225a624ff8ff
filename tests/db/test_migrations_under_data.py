"""Migrations and maintenance on a database with demo data in it.

- head -> 0001 -> head keeps every row of every table 0001 owns (count and content hash);
- refresh_tag_cardinality_stats() running again and again, also two at once, while readers page
  never makes a query fail or change its answer.
"""
from __future__ import annotations

import threading
import time

import psycopg
import pytest

from conftest import url_of
from python_admin import db as admin_db
from db.roles import reader_url
from reliability_support import brute_force, require_engine

# Tables of revision 0001 that hold data (the bookkeeping tables change with every revision).
SKIP = {"alembic_version", "tagpage_installed_function"}


def snapshot(url: str) -> dict[str, tuple[int, int]]:
    """Per table of revision 0001: row count and an order-independent hash of the rows."""
    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "where n.nspname = 'public' and c.relkind = 'r' order by 1").fetchall()]
        out = {}
        for table in tables:
            if table in SKIP:
                continue
            count, digest = conn.execute(
                f'select count(*), coalesce(sum(hashtext(t::text)::bigint), 0) from "{table}" t'
            ).fetchone()
            out[table] = (count, int(digest))
        return out


def test_upgrade_downgrade_upgrade_keeps_every_row(genonaut_db: psycopg.Connection) -> None:
    url = url_of(genonaut_db)
    genonaut_db.commit()
    before = snapshot(url)
    assert before["content_tags"][0] > 1000 and before["content_items_all" if "content_items_all" in before
                                                      else "content_items"][0] > 0
    admin_db.downgrade(url, "0001")
    at_0001 = snapshot(url)
    for table, value in at_0001.items():
        assert before.get(table) == value, f"{table} changed on downgrade: {before.get(table)} -> {value}"
    admin_db.migrate(url)
    after = snapshot(url)
    assert {t: v for t, v in after.items() if t in at_0001} == at_0001
    # 0003's own tables come back (empty or rebuilt), nothing of 0001 lost.
    assert set(before) == set(after)


def test_stats_refresh_while_readers_page(genonaut_db: psycopg.Connection) -> None:
    require_engine(genonaut_db)
    url = url_of(genonaut_db)
    tags = [str(r[0]) for r in genonaut_db.execute(
        "select tag_id from tag_cardinality_stats group by tag_id order by sum(cardinality) desc, tag_id"
    ).fetchall()]
    genonaut_db.commit()
    assert len(tags) >= 10
    queries = [[tags[0]], [tags[0], tags[5]], [tags[-1]], [tags[2], tags[-2]], []]
    expected = {tuple(q): brute_force(genonaut_db, q, None, None, "all", "created_at_desc")[:20]
                for q in queries}
    genonaut_db.commit()
    errors: list[str] = []
    counts = {"queries": 0, "refreshes": 0}
    lock = threading.Lock()
    stop = threading.Event()

    def reader(n: int) -> None:
        with psycopg.connect(reader_url(url), autocommit=True) as conn:
            i = n
            while not stop.is_set():
                q = queries[i % len(queries)]
                i += 1
                try:
                    rows = conn.execute(
                        "select source_type, id from unified_content_page(tags => %s::uuid[], page_size => 20)",
                        (q,)).fetchall()
                    if [(s, x) for s, x in rows] != expected[tuple(q)]:
                        with lock:
                            errors.append(f"wrong page for {q}")
                except psycopg.Error as exc:
                    with lock:
                        errors.append(f"query {q}: {exc.sqlstate} {exc}")
                with lock:
                    counts["queries"] += 1

    def refresher() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            while not stop.is_set():
                try:
                    conn.execute("select refresh_tag_cardinality_stats()")
                except psycopg.Error as exc:
                    with lock:
                        errors.append(f"refresh: {exc.sqlstate} {exc}")
                with lock:
                    counts["refreshes"] += 1

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(3)]
    threads += [threading.Thread(target=refresher) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    assert errors == [], errors[:10]
    assert counts["queries"] > 10 and counts["refreshes"] >= 2, counts
