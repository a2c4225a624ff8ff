"""What the 0004 triggers announce on tagpage_invalidate, heard by a real LISTEN connection, and
what the write path pays for it."""
from __future__ import annotations

import json
import time

import psycopg
import pytest

from python_admin import db
from web_support import TAGS, USERS, load  # noqa: F401

ALL = {"v": 1, "flush": ["auto", "items"]}


@pytest.fixture
def pair(postgresql):
    """(listener, writer) autocommit connections on a database holding the small gallery."""
    load(postgresql)
    url = db_url_of(postgresql)
    with psycopg.connect(url, autocommit=True) as listener, psycopg.connect(url, autocommit=True) as writer:
        listener.execute("listen tagpage_invalidate")
        yield listener, writer


def db_url_of(conn) -> str:
    from conftest import url_of

    return url_of(conn)


def heard(listener, writer, sql: str, params=()) -> list[dict]:
    writer.execute(sql, params)
    return [json.loads(n.payload) for n in listener.notifies(timeout=0.3)]


def tags_of(*names: str) -> list[str]:
    return sorted(TAGS[n] for n in names)


def test_tagging_announces_the_rows_tags_and_source(pair):
    listener, writer = pair
    # ("items", 7) carries no tag yet; adding fish announces fish (its only tag now).
    got = heard(listener, writer, "insert into content_tags values (7, 'items', %s)", (TAGS["fish"],))
    assert got == [{"v": 1, "src": ["items"], "tags": tags_of("fish")}]
    # ("items", 30) carries cat, dog, bird: removing bird announces all three (its page chips change).
    got = heard(listener, writer, "delete from content_tags where content_id = 30 and content_source = 'items' "
                                  "and tag_id = %s", (TAGS["bird"],))
    assert got == [{"v": 1, "src": ["items"], "tags": tags_of("cat", "dog", "bird")}]


def test_row_writes_announce_their_tags(pair):
    listener, writer = pair
    got = heard(listener, writer, "update content_items_auto set quality_score = 0.99 where id = 6")
    assert got == [{"v": 1, "src": ["auto"], "tags": tags_of("cat", "dog")}]
    got = heard(listener, writer, "update content_items_all set title = 'x' where id = 10")  # both sources
    assert got == [{"v": 1, "src": ["auto", "items"], "tags": tags_of("cat", "bird")}]
    got = heard(listener, writer, "insert into content_items_all (id, source_type, title, creator_id) "
                                  "values (500, 'auto', 'new', %s)", (USERS["bob"],))
    assert got == [{"v": 1, "src": ["auto"], "tags": []}]


def test_delete_of_a_row_announces_its_former_tags(pair):
    listener, writer = pair
    got = heard(listener, writer, "delete from content_items_all where id = 30 and source_type = 'auto'")
    # The cascade's content_tags statement names the tags; the row statement names the source.
    assert {"v": 1, "src": ["auto"], "tags": tags_of("cat", "dog", "bird")} in got
    assert all(m.get("src") == ["auto"] for m in got)


def test_deleting_a_tag_announces_its_id(pair):
    """A cached (empty) page of a tag on no item must go when the tag is deleted."""
    listener, writer = pair
    got = heard(listener, writer, "delete from tags where name = 'unused'")
    assert got == [{"v": 1, "src": [], "tags": tags_of("unused")}]

def test_large_statements_and_truncate_flush(pair):
    listener, writer = pair
    got = heard(listener, writer, "insert into content_items_all (id, source_type, title, creator_id) "
                                  "select g, 'items', 'bulk', %s from generate_series(1000, 1300) g", (USERS["alice"],))
    assert got == [ALL]
    assert heard(listener, writer, "update tags set name = 'kitty' where name = 'cat'") == [ALL]
    assert heard(listener, writer, "truncate content_tags") == [ALL]


def test_rollback_and_no_op_statements_are_silent(pair):
    listener, writer = pair
    with writer.transaction(force_rollback=True):
        writer.execute("update content_items set title = 'never' where id = 3")
    assert [n for n in listener.notifies(timeout=0.3)] == []
    assert heard(listener, writer, "update content_items set title = 'none' where id = -1") == []
    assert heard(listener, writer, "update tags set created_at = now() where name = 'dog'") == []


def test_one_message_per_transaction(pair):
    listener, writer = pair
    with writer.transaction():
        for _ in range(5):
            writer.execute("update content_items set title = 'again' where id = 6")
    got = [json.loads(n.payload) for n in listener.notifies(timeout=0.3)]
    assert got == [{"v": 1, "src": ["items"], "tags": tags_of("cat", "dog")}]


def test_write_path_cost_is_small(pair):
    """Tagging one row (the gallery's common write) with and without the triggers."""
    _, writer = pair

    def timed(sql: str, params=()) -> float:
        samples = []
        for i in range(15):
            with writer.transaction(force_rollback=True):
                started = time.perf_counter()
                writer.execute(sql, params)
                samples.append(time.perf_counter() - started)
        return sorted(samples)[len(samples) // 2]

    sql = "insert into content_tags select 7, 'auto', id from tags where name <> 'unused'"
    with_triggers = timed(sql)
    writer.execute("alter table content_tags disable trigger tagpage_invalidate_ins")
    try:
        without = timed(sql)
    finally:
        writer.execute("alter table content_tags enable trigger tagpage_invalidate_ins")
    assert with_triggers - without < 0.01, (with_triggers, without)


def test_downgrade_removes_triggers_and_functions(db_url):
    db.downgrade(db_url, "0003")
    with psycopg.connect(db_url) as conn:
        assert conn.execute("select count(*) from pg_trigger where tgname like 'tagpage_invalidate%'").fetchone()[0] == 0
        assert conn.execute("select count(*) from pg_proc where proname like 'invalidation%'").fetchone()[0] == 0
    db.migrate(db_url)
    with psycopg.connect(db_url) as conn:
        assert conn.execute("select count(*) from pg_trigger where tgname like 'tagpage_invalidate%'").fetchone()[0] == 19
