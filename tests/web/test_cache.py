"""Redis page cache and its invalidation, against a real PostgreSQL and a real Redis.

Hit/miss/bypass, canonical keys, exact round trip of every field, TTL, invalidation of a write
committed through plain SQL (listener thread running) within one second, precision (an
unrelated write leaves a page cached), Redis down or unreachable, and the CLI commands.
"""
from __future__ import annotations

import json
import logging
import socket
import threading
import time
from datetime import timedelta

import psycopg
import pytest
import redis
from click.testing import CliRunner

from web.cache import PageCache, PageQuery
from web.invalidation_listener import InvalidationListener
from web_support import REDIS_URL, T0, TAGS, USERS, delete_prefix, keys_of, make_app, web_db  # noqa: F401

API = "/api/v1/content/unified"


def closed_port_url() -> str:
    """A Redis URL on a local port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def get(client, query: str = "") -> dict:
    r = client.get(f"{API}?{query}")
    assert r.status_code == 200, r.json
    return r.json


def wait_for(predicate, timeout: float = 1.0, step: float = 0.02) -> float:
    """Seconds until predicate() held; fails after `timeout`."""
    started = time.perf_counter()
    while True:
        if predicate():
            return time.perf_counter() - started
        if time.perf_counter() - started > timeout:
            pytest.fail(f"not visible within {timeout} s")
        time.sleep(step)


@pytest.fixture
def app(web_db, make_app):
    url, _ = web_db
    return make_app(url)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def writer(web_db):
    """A plain SQL client committing each statement, like any other application would."""
    url, _ = web_db
    with psycopg.connect(url, autocommit=True) as conn:
        yield conn


def test_miss_then_hit_round_trips_every_field(client):
    q = f"tag={TAGS['cat']}&page_size=7"
    first = get(client, q)
    second = get(client, q)
    assert first["meta"]["cache"] == "miss" and second["meta"]["cache"] == "hit"
    assert second["items"] == first["items"]
    assert second["pagination"] == first["pagination"]
    assert second["meta"]["strategy"] == first["meta"]["strategy"]
    # Exact values, not just equal-after-parsing: floats of real columns, timestamps, uuids, lists.
    assert json.dumps(second["items"], sort_keys=True) == json.dumps(first["items"], sort_keys=True)
    uncached = get(client, q + "&cache_bypass=true")
    assert uncached["meta"]["cache"] == "bypass"
    assert uncached["items"] == first["items"] and uncached["pagination"] == first["pagination"]


def test_bypass_neither_reads_nor_writes(client):
    q = f"tag={TAGS['dog']}"
    assert get(client, q + "&cache_bypass=1")["meta"]["cache"] == "bypass"
    assert get(client, q)["meta"]["cache"] == "miss"  # bypass stored nothing
    assert get(client, q + "&cache_bypass=true")["meta"]["cache"] == "bypass"
    assert get(client, q + "&cache_bypass=false")["meta"]["cache"] == "hit"


def test_equal_requests_share_one_key(client):
    cat, dog = TAGS["cat"], TAGS["dog"]
    assert get(client, f"tag={cat}&tag={dog}&content_source_types=community-auto,community-regular")["meta"]["cache"] == "miss"
    for spelling in (f"tag={dog}&tag={cat}&content_source_types=community-regular&content_source_types=community-auto",
                     f"tag={cat}&tag={dog}&tag={cat}&content_source_types=community-auto,community-regular",
                     f"tag={cat.upper()}&tag_names=dog&content_source_types=community-regular,community-auto"):
        assert get(client, spelling)["meta"]["cache"] == "hit", spelling


def test_different_requests_never_share_a_key(client):
    cat, dog = TAGS["cat"], TAGS["dog"]
    variants = [f"tag={cat}", f"tag={cat}&tag={dog}", f"tag={cat}&tag={dog}&tag_match=any",
                f"tag={cat}&page_size=24", f"tag={cat}&sort_field=quality_score",
                f"tag={cat}&sort_order=asc", f"tag={cat}&content_source_types=community-auto",
                f"tag={cat}&user_id={USERS['alice']}", f"tag={cat}&user_id={USERS['bob']}"]
    for q in variants:
        assert get(client, q)["meta"]["cache"] == "miss", q
    cursor = get(client, f"tag={cat}&page_size=5")["pagination"]["next_cursor"]
    assert get(client, f"tag={cat}&page_size=5&cursor={cursor}")["meta"]["cache"] == "miss"


def test_one_users_page_is_not_served_to_another(client):
    alice, bob = USERS["alice"], USERS["bob"]
    mine = get(client, f"content_source_types=user-regular&user_id={alice}&page_size=100")
    assert ("items", 29) in keys_of(mine["items"])  # her private row
    other = get(client, f"content_source_types=user-regular&user_id={bob}&page_size=100")
    assert other["meta"]["cache"] == "miss" and other["items"] == []


def test_page_query_canonical_form():
    a = PageQuery.create(tags=[TAGS["dog"], TAGS["cat"].upper(), TAGS["dog"]], tag_match="any",
                         source_types=["user-auto", "community-auto"], page_size=10)
    b = PageQuery.create(tags=[TAGS["cat"], TAGS["dog"]], tag_match="any",
                         source_types=["community-auto", "user-auto", "user-auto"], page_size=10)
    assert a.canonical() == b.canonical()
    assert a.partitions() == ("auto",)
    # One tag: 'any' and 'all' select the same rows, so they share a key.
    assert PageQuery.create(tags=[TAGS["cat"]], tag_match="any").canonical() == \
        PageQuery.create(tags=[TAGS["cat"]]).canonical()
    assert PageQuery.create().partitions() == ("auto", "items")


def test_ttl_expires_pages(web_db, make_app):
    url, _ = web_db
    client = make_app(url, START_LISTENER=False, CACHE={"ttl_seconds": 1}).test_client()
    assert get(client)["meta"]["cache"] == "miss"
    assert get(client)["meta"]["cache"] == "hit"
    time.sleep(1.3)
    assert get(client)["meta"]["cache"] == "miss"


# ----- invalidation through the database ---------------------------------------------------

def _new_row(writer, source: str, row_id: int, minutes: int, tags: list[str], title: str = "fresh") -> None:
    creator = USERS["alice"] if source == "items" else USERS["bob"]
    writer.execute(
        "insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at) "
        "values (%s, %s, %s, %s, %s, %s)",
        (row_id, source, title, creator, T0 + timedelta(minutes=minutes), T0 + timedelta(minutes=minutes)))
    if tags:
        writer.execute(
            "insert into content_tags (content_id, content_source, tag_id) "
            "select %s, %s, unnest(%s::uuid[])", (row_id, source, [TAGS[t] for t in tags]))


def test_new_tagged_row_visible_within_a_second(client, writer):
    q = f"tag={TAGS['cat']}&page_size=5"
    before = get(client, q)
    assert get(client, q)["meta"]["cache"] == "hit"
    _new_row(writer, "auto", 1000, 10_000, ["cat"])
    seconds = wait_for(lambda: keys_of(get(client, q)["items"])[0] == ("auto", 1000))
    assert seconds < 1.0
    after = get(client, q)
    assert after["items"][1:] == before["items"][:4]


def test_untagged_insert_reaches_tagless_pages_only(client, writer):
    tagless, tagged = "page_size=3", f"tag={TAGS['dog']}&page_size=3"
    get(client, tagless), get(client, tagged)
    _new_row(writer, "items", 1001, 10_000, [])
    wait_for(lambda: keys_of(get(client, tagless)["items"])[0] == ("items", 1001))
    time.sleep(0.3)  # give a (wrong) invalidation time to arrive
    assert get(client, tagged)["meta"]["cache"] == "hit"


def test_update_of_a_shown_row_invalidates_every_page_showing_it(client, writer):
    # ("items", 30) carries cat, dog, bird: it heads the tag-less page and the dog page.
    pages = ["page_size=3", f"tag={TAGS['dog']}&page_size=3", f"tag={TAGS['bird']}&tag={TAGS['fish']}&tag_match=any"]
    for q in pages:
        get(client, q)
        assert get(client, q)["meta"]["cache"] == "hit"
    writer.execute("update content_items set title = 'renamed by SQL' where id = 30")
    for q in pages:
        wait_for(lambda q=q: any(i["title"] == "renamed by SQL" for i in get(client, q)["items"]))


def test_retagging_updates_the_tag_chips_on_other_tags_pages(client, writer):
    # Adding 'fish' to ("items", 30) changes the chips shown on the cat page too.
    q = f"tag={TAGS['cat']}&page_size=3"

    def chips() -> list[str]:
        return next(i["tags"] for i in get(client, q)["items"] if (i["source_type"], i["id"]) == ("items", 30))

    assert "fish" not in chips()
    writer.execute("insert into content_tags values (30, 'items', %s)", (TAGS["fish"],))
    wait_for(lambda: "fish" in chips())


def test_delete_and_untag_are_visible(client, writer):
    q = f"tag={TAGS['bird']}&page_size=50"
    assert ("auto", 30) in keys_of(get(client, q)["items"])
    writer.execute("delete from content_tags where content_id = 30 and content_source = 'auto' and tag_id = %s",
                   (TAGS["bird"],))
    wait_for(lambda: ("auto", 30) not in keys_of(get(client, q)["items"]))
    assert ("items", 25) in keys_of(get(client, q)["items"])
    writer.execute("delete from content_items_all where id = 25 and source_type = 'items'")
    wait_for(lambda: ("items", 25) not in keys_of(get(client, q)["items"]))


def test_unrelated_write_keeps_pages_cached(client, writer):
    # fish is only on ("items", 1); retitling ("auto", 7) (tags: none of fish) must not touch it.
    q = f"tag={TAGS['fish']}"
    get(client, q)
    writer.execute("update content_items_auto set title = 'elsewhere' where id = 7")
    time.sleep(0.5)  # give a (wrong) invalidation time to arrive
    assert get(client, q)["meta"]["cache"] == "hit"


def test_rolled_back_write_invalidates_nothing(client, writer):
    q = f"tag={TAGS['cat']}&page_size=3"
    get(client, q)
    with writer.transaction(force_rollback=True):
        _new_row(writer, "auto", 1002, 10_000, ["cat"])
    time.sleep(0.5)
    body = get(client, q)
    assert body["meta"]["cache"] == "hit" and ("auto", 1002) not in keys_of(body["items"])


def test_bulk_write_flushes(client, writer):
    q = f"tag={TAGS['dog']}&page_size=3"
    get(client, q)
    writer.execute(
        "insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at) "
        "select g, 'auto', 'bulk', %s, %s, %s from generate_series(2000, 2300) g",
        (USERS["bob"], T0 + timedelta(days=30), T0 + timedelta(days=30)))
    wait_for(lambda: get(client, q)["meta"]["cache"] == "miss")


def test_tag_rename_is_visible_everywhere(client, writer):
    q = "page_size=3"
    assert "dog" in get(client, q)["items"][0]["tags"]
    writer.execute("update tags set name = 'hound' where name = 'dog'")
    wait_for(lambda: "hound" in get(client, q)["items"][0]["tags"])


# ----- Redis down ----------------------------------------------------------------------------

def test_redis_down_serves_from_postgres(web_db, make_app, caplog):
    url, data = web_db
    app = make_app(url, REDIS_URL=closed_port_url(), START_LISTENER=False,
                   CACHE={"retry_after_seconds": 60})
    client = app.test_client()
    caplog.set_level(logging.WARNING, logger="tagpage.cache")
    for _ in range(5):
        started = time.perf_counter()
        body = get(client, f"tag={TAGS['cat']}&page_size=4")
        assert body["meta"]["cache"] == "off"
        assert len(body["items"]) == 4
        assert time.perf_counter() - started < 2.0
    # The test client runs each request in this thread: count what these requests logged, not a
    # thread some other code left running.
    warnings = [r for r in caplog.records if r.name == "tagpage.cache" and r.thread == threading.get_ident()]
    assert len(warnings) == 1 and "serving from PostgreSQL" in warnings[0].getMessage()
    text = client.get("/metrics").data.decode()
    assert "tagpage_redis_errors_total 1.0" in text  # one failure, then the circuit stays open
    assert client.get("/api/v1/health").json["redis"] == "off"


def test_redis_slow_costs_tens_of_ms(web_db, make_app):
    """A server that accepts but never answers: the socket timeout bounds the cost."""
    url, _ = web_db
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        port = silent.getsockname()[1]
        app = make_app(url, REDIS_URL=f"redis://127.0.0.1:{port}/0", START_LISTENER=False,
                       CACHE={"socket_timeout_ms": 40, "retry_after_seconds": 0})
        client = app.test_client()
        get(client, "cache_bypass=true")  # warm the pool and the plan
        started = time.perf_counter()
        body = get(client)
        stall = time.perf_counter() - started
        assert body["meta"]["cache"] == "off"
        bypass = get(client, "cache_bypass=true")["meta"]["elapsed_ms"] / 1000
        assert stall - bypass < 0.5, (stall, bypass)


def test_redis_url_off_disables_the_cache(web_db, make_app):
    url, _ = web_db
    client = make_app(url, REDIS_URL="off").test_client()
    assert get(client)["meta"]["cache"] == "off"
    assert client.get("/api/v1/health").json["redis"] == "disabled"


def test_listener_flushes_after_a_missed_message(web_db):
    """A message that could not be applied (Redis down) becomes a full flush once Redis is back."""
    url, _ = web_db
    prefix = f"tagpage_test_listener_{time.time_ns()}"
    live = PageCache(REDIS_URL, prefix=prefix)
    try:
        q = PageQuery.create(tags=[TAGS["cat"]])
        key = live.page_key(q)
        dead = PageCache(closed_port_url(), prefix=prefix)
        listener = InvalidationListener(url, dead)
        listener.handle(json.dumps({"v": 1, "src": ["items"], "tags": [TAGS["cat"]]}))
        assert listener.pending_flush
        assert live.page_key(q) == key  # nothing reached Redis
        listener.cache = live
        listener._retry_flush()
        assert not listener.pending_flush
        assert live.page_key(q) != key
    finally:
        delete_prefix(prefix)


def test_lost_generation_never_resurrects_a_page():
    prefix = f"tagpage_test_gen_{time.time_ns()}"
    cache = PageCache(REDIS_URL, prefix=prefix)
    try:
        q = PageQuery.create()
        key = cache.page_key(q)
        cache.store(key, {"items": [], "pagination": {}, "strategy": "no_tags"})
        client = redis.Redis.from_url(REDIS_URL)
        for k in client.scan_iter(match=f"{prefix}:gen:*"):
            client.delete(k)  # e.g. evicted
        assert cache.page_key(q) != key
        assert cache.lookup(q).outcome == "miss"
    finally:
        delete_prefix(prefix)


# ----- CLI -----------------------------------------------------------------------------------

def test_cli_warm_stats_clear(web_db, make_app, monkeypatch):
    from python_admin.cli import main

    url, _ = web_db
    app = make_app(url, START_LISTENER=False)
    prefix = app.extensions["tagpage"].cache.prefix
    monkeypatch.setenv("TAGPAGE_CACHE_PREFIX", prefix)
    runner = CliRunner()
    env = {"DATABASE_URL": url, "REDIS_URL": REDIS_URL, "TAGPAGE_CACHE_PREFIX": prefix}
    result = runner.invoke(main, ["cache", "warm", "--top", "3"], env=env)
    assert result.exit_code == 0, result.output
    assert "warmed 3 pages" in result.output
    client = app.test_client()
    for name in ("cat", "dog", "bird"):
        assert get(client, f"tag={TAGS[name]}")["meta"]["cache"] == "hit", name
    assert get(client, f"tag={TAGS['fish']}")["meta"]["cache"] == "miss"
    app.extensions["tagpage"].cache.publish_counters()
    stats = json.loads(runner.invoke(main, ["cache", "stats", "--json"], env=env).output)
    assert stats["hits"] == 3 and stats["misses"] == 4 and stats["pages"] == 4
    result = runner.invoke(main, ["cache", "clear"], env=env)
    assert result.exit_code == 0 and "deleted" in result.output
    assert get(client, f"tag={TAGS['cat']}")["meta"]["cache"] == "miss"
