"""HTTP API against a real PostgreSQL and a real Redis: every parameter and every error."""
from __future__ import annotations

import threading
import time

import psycopg
import pytest

from web_support import TAGS, USERS, expected, keys_of, make_app, web_db  # noqa: F401

API = "/api/v1/content/unified"


@pytest.fixture
def client(web_db, make_app):
    url, _ = web_db
    return make_app(url, START_LISTENER=False).test_client()


def walk(client, query: str, direction: str = "next", cursor: str | None = None, limit: int = 50):
    """All items reachable by following next (or prev) cursors from `cursor`."""
    seen, pages = [], 0
    while pages < limit:
        q = query + (f"&cursor={cursor}" if cursor else "")
        r = client.get(f"{API}?{q}&cache_bypass=true")
        assert r.status_code == 200, r.json
        body = r.json
        seen += keys_of(body["items"])
        pages += 1
        pag = body["pagination"]
        if direction == "next":
            if not pag["has_next"]:
                break
            cursor = pag["next_cursor"]
        else:
            if not pag["has_previous"]:
                break
            cursor = pag["prev_cursor"]
    return seen, body


def test_default_request_shape_and_order(client, web_db):
    _, data = web_db
    r = client.get(API)
    assert r.status_code == 200
    body = r.json
    assert list(body) == ["items", "pagination", "meta"]
    assert set(body["pagination"]) == {"page_size", "next_cursor", "prev_cursor", "has_next", "has_previous",
                                       "total_count", "total_pages", "total_count_exact", "total_count_range"}
    assert set(body["meta"]) == {"strategy", "cache", "elapsed_ms", "total_method", "total_cache"}
    assert body["pagination"]["total_count"] == len(expected(data))
    assert body["meta"]["strategy"] == "no_tags"
    assert body["pagination"]["page_size"] == 25
    assert body["pagination"]["has_next"] is True and body["pagination"]["has_previous"] is False
    assert body["pagination"]["prev_cursor"] is None
    assert keys_of(body["items"]) == expected(data)[:25]
    first = body["items"][0]
    for field in ("id", "source_type", "title", "creator_id", "is_private", "quality_score",
                  "created_at", "content_type", "path_thumb", "updated_at", "tags"):
        assert field in first
    assert "next_cursor" not in first and "strategy" not in first


def test_items_carry_their_tag_names(client, web_db):
    _, data = web_db
    by_key = {(r.source_type, r.id): r for r in data}
    body = client.get(f"{API}?page_size=60").json
    assert len(body["items"]) == len(expected(data))
    for item in body["items"]:
        assert item["tags"] == sorted(by_key[(item["source_type"], item["id"])].tags)


@pytest.mark.parametrize("tags,match", [(["cat"], "all"), (["cat", "dog"], "all"),
                                        (["cat", "dog"], "any"), (["bird", "fish"], "any"),
                                        (["cat", "dog", "bird"], "all"), (["unused"], "all")])
def test_tag_filters_walk_forward_and_back(client, web_db, tags, match):
    _, data = web_db
    query = "&".join(f"tag={TAGS[t]}" for t in tags) + f"&tag_match={match}&page_size=4"
    want = expected(data, tags, match)
    forward, last = walk(client, query)
    assert forward == want
    if len(want) > 4:
        # Back from the last page's first row: everything before it, page by page, in display order.
        first_cursor = last["pagination"]["prev_cursor"]
        back, _ = walk(client, query, "prev", first_cursor)
        pages = [want[i:i + 4] for i in range(0, len(want), 4)][:-1]
        assert back == [k for page in reversed(pages) for k in page]


def test_tag_names_resolve_and_mix_with_ids(client, web_db):
    _, data = web_db
    by_name = client.get(f"{API}?tag_names=cat&tag_names=dog&page_size=50").json
    by_id = client.get(f"{API}?tag={TAGS['cat']}&tag={TAGS['dog']}&page_size=50").json
    mixed = client.get(f"{API}?tag={TAGS['cat']}&tag_names=dog&page_size=50").json
    want = expected(data, ["cat", "dog"])
    assert keys_of(by_name["items"]) == keys_of(by_id["items"]) == keys_of(mixed["items"]) == want


def test_unknown_tag_name_is_400_naming_tag_names(client):
    r = client.get(f"{API}?tag_names=cat&tag_names=wolf&tag_names=owl")
    assert r.status_code == 400
    err = r.json["error"]
    assert err["field"] == "tag_names" and "wolf" in err["message"] and "owl" in err["message"]
    assert "cat" not in err["message"].split(":", 1)[1]


@pytest.mark.parametrize("spelling", ["content_source_types=community-regular&content_source_types=user-regular",
                                      "content_source_types=community-regular,user-regular",
                                      "content_source_types=user-regular, community-regular"])
def test_sources_repeated_or_comma_separated(client, web_db, spelling):
    _, data = web_db
    alice = USERS["alice"]
    body = client.get(f"{API}?{spelling}&user_id={alice}&page_size=100").json
    assert keys_of(body["items"]) == expected(data, sources=["community-regular", "user-regular"], user=alice)
    assert ("items", 29) in keys_of(body["items"])  # alice's private row, through user-regular


@pytest.mark.parametrize("words,user", [(["community-auto"], None), (["user-auto"], "bob"),
                                        (["user-auto"], None), (["community-regular"], "alice"),
                                        (["user-regular", "user-auto"], "bob")])
def test_each_source_word(client, web_db, words, user):
    _, data = web_db
    uid = USERS[user] if user else None
    q = "&".join(f"content_source_types={w}" for w in words) + (f"&user_id={uid}" if uid else "")
    body = client.get(f"{API}?{q}&page_size=100").json
    assert keys_of(body["items"]) == expected(data, sources=words, user=uid)


def test_private_rows_never_reach_other_users(client, web_db):
    body = client.get(f"{API}?user_id={USERS['bob']}&page_size=100").json
    assert ("items", 29) not in keys_of(body["items"])  # alice's private row
    assert ("auto", 29) in keys_of(body["items"])       # bob's own private row


@pytest.mark.parametrize("field,order,sort", [("created_at", "desc", "created_at_desc"),
                                              ("created_at", "asc", "created_at_asc"),
                                              ("quality_score", "desc", "quality_score_desc"),
                                              ("quality_score", "DESC", "quality_score_desc")])
def test_sorts(client, web_db, field, order, sort):
    _, data = web_db
    got, _ = walk(client, f"sort_field={field}&sort_order={order}&page_size=7")
    assert got == expected(data, sort=sort)


def test_page_size_bounds(client, web_db):
    _, data = web_db
    assert len(client.get(f"{API}?page_size=1").json["items"]) == 1
    body = client.get(f"{API}?page_size=500").json
    assert len(body["items"]) == len(expected(data)) and body["pagination"]["has_next"] is False
    assert body["pagination"]["next_cursor"] is None


def test_cursor_survives_a_filter_change(client, web_db):
    _, data = web_db
    first = client.get(f"{API}?page_size=5").json
    cursor = first["pagination"]["next_cursor"]
    narrowed = client.get(f"{API}?page_size=5&tag={TAGS['cat']}&cursor={cursor}").json
    after = expected(data)[5:]
    want = [k for k in expected(data, ["cat"]) if k in after][:5]
    assert keys_of(narrowed["items"]) == want


@pytest.mark.parametrize("query,field,code", [
    ("tag=not-a-uuid", "tag", "invalid_parameter"),
    ("tag=00000000-0000-0000-0000-000000000bad", "tag", "invalid_parameter"),
    ("tag_names=wolf", "tag_names", "unknown_tag"),
    ("tag_match=most", "tag_match", "invalid_parameter"),
    ("tag_match=all&tag_match=any", "tag_match", "invalid_parameter"),
    ("content_source_types=everyone", "content_source_types", "invalid_parameter"),
    ("content_source_types=user-regular,robots", "content_source_types", "invalid_parameter"),
    ("user_id=alice", "user_id", "invalid_parameter"),
    ("sort_field=title", "sort_field", "invalid_parameter"),
    ("sort_order=sideways", "sort_order", "invalid_parameter"),
    ("sort_field=quality_score&sort_order=asc", "sort_order", "unsupported_sort"),
    ("page_size=0", "page_size", "invalid_parameter"),
    ("page_size=501", "page_size", "invalid_parameter"),
    ("page_size=ten", "page_size", "invalid_parameter"),
    ("page_size=5&page_size=6", "page_size", "invalid_parameter"),
    ("cursor=not-a-cursor", "cursor", "invalid_parameter"),
    ("cursor=eyJ2Ijo5OX0", "cursor", "invalid_parameter"),
    ("cache_bypass=maybe", "cache_bypass", "invalid_parameter"),
])
def test_bad_input_is_400_with_field(client, query, field, code):
    r = client.get(f"{API}?{query}")
    assert r.status_code == 400, r.json
    err = r.json["error"]
    assert set(err) == {"code", "message", "field"}
    assert err["field"] == field and err["code"] == code and err["message"]


def test_cursor_of_another_sort_is_400_from_sql(client):
    cursor = client.get(f"{API}?page_size=2").json["pagination"]["next_cursor"]
    r = client.get(f"{API}?sort_field=quality_score&cursor={cursor}")
    assert r.status_code == 400
    assert r.json["error"]["field"] == "cursor"


def test_unknown_tag_id_message_comes_from_sql(client):
    r = client.get(f"{API}?tag={TAGS['cat']}&tag=00000000-0000-0000-0000-000000000bad")
    assert r.status_code == 400
    assert r.json["error"]["field"] == "tag"
    assert "tag" in r.json["error"]["message"]


def test_too_many_tags_is_400_from_sql(client, web_db):
    url, _ = web_db
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("update planner_config set value = '2' where key = 'max_tags'")
    r = client.get(f"{API}?tag={TAGS['cat']}&tag={TAGS['dog']}&tag={TAGS['bird']}")
    assert r.status_code == 400 and r.json["error"]["field"] == "tag"


def test_statement_timeout_is_503(web_db, make_app):
    url, _ = web_db
    app = make_app(url, START_LISTENER=False, STATEMENT_TIMEOUT_MS=300)
    locked = threading.Event()
    release = threading.Event()

    def hold_lock():
        with psycopg.connect(url) as conn:
            conn.execute("lock table content_items_all in access exclusive mode")
            locked.set()
            release.wait(10)

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert locked.wait(10)
        started = time.perf_counter()
        r = app.test_client().get(f"{API}?cache_bypass=true")
        assert r.status_code == 503
        assert r.json["error"]["code"] == "statement_timeout"
        assert "300 ms" in r.json["error"]["message"]
        assert time.perf_counter() - started < 5
    finally:
        release.set()
        holder.join()
    # The pooled connection is usable again and carries no leftover timeout.
    after = app.test_client().get(f"{API}?cache_bypass=true")
    assert after.status_code == 200, after.json


def test_popular_tags(client):
    body = client.get("/api/v1/tags/popular").json
    assert [t["name"] for t in body][:3] == ["cat", "dog", "bird"]
    cat = body[0]
    assert cat == {"id": TAGS["cat"], "name": "cat", "cardinality": 30}
    assert len(client.get("/api/v1/tags/popular?limit=2").json) == 2
    items_only = client.get("/api/v1/tags/popular?content_source=items").json
    assert {t["name"]: t["cardinality"] for t in items_only}["fish"] == 1
    auto = {t["name"]: t["cardinality"] for t in client.get("/api/v1/tags/popular?content_source=auto").json}
    assert auto["cat"] == 15 and auto.get("fish", 0) == 0
    assert [t["name"] for t in client.get("/api/v1/tags/popular?min_cardinality=12").json] == ["cat", "dog", "bird"]


@pytest.mark.parametrize("query,field", [("limit=0", "limit"), ("limit=x", "limit"),
                                         ("limit=1001", "limit"), ("content_source=web", "content_source"),
                                         ("min_cardinality=-1", "min_cardinality")])
def test_popular_tags_errors(client, query, field):
    r = client.get(f"/api/v1/tags/popular?{query}")
    assert r.status_code == 400 and r.json["error"]["field"] == field


def test_tag_search(client):
    assert [t["name"] for t in client.get("/api/v1/tags?q=b").json] == ["bird"]
    names = {t["name"] for t in client.get("/api/v1/tags?q=").json}
    assert {"cat", "dog", "bird", "fish"} <= names
    assert {t["name"] for t in client.get("/api/v1/tags?min_count=12&max_count=20").json} == {"dog", "bird"}
    assert len(client.get("/api/v1/tags?limit=1").json) == 1
    assert client.get("/api/v1/tags?q=zzz").json == []


@pytest.mark.parametrize("query,field", [("min_count=x", "min_count"), ("max_count=-1", "max_count"),
                                         ("min_count=5&max_count=2", "max_count"), ("limit=0", "limit")])
def test_tag_search_errors(client, query, field):
    r = client.get(f"/api/v1/tags?{query}")
    assert r.status_code == 400 and r.json["error"]["field"] == field


def test_health_and_metrics(client):
    health = client.get("/api/v1/health")
    assert health.status_code == 200
    assert health.json["database"] == "ok" and health.json["redis"] == "ok"
    assert health.json["status"] == "ok"
    assert [(s["name"], s["role"], s["state"]) for s in health.json["servers"]] == [("primary", "primary", "ok")]
    client.get(API)
    client.get(API)
    text = client.get("/metrics").data.decode()
    # The miss was answered by the primary (no replicas here), the hit by the cache.
    assert 'tagpage_content_request_seconds_count{cache="miss",server="primary",strategy="no_tags"} 1.0' in text
    assert 'tagpage_content_request_seconds_count{cache="hit",server="cache",strategy="no_tags"} 1.0' in text
    assert 'tagpage_db_call_seconds_count{server="primary"} 1.0' in text
    assert "tagpage_cache_hits_total 1.0" in text
    assert "tagpage_cache_misses_total 1.0" in text
    assert "tagpage_redis_errors_total 0.0" in text


def test_unknown_api_route_is_json_404(client):
    r = client.get("/api/v1/nope")
    assert r.status_code == 404 and r.json["error"]["code"] == "not_found"


def test_admin_clear_needs_the_token(web_db, make_app):
    url, _ = web_db
    app = make_app(url, START_LISTENER=False, TAGPAGE_ADMIN_TOKEN="s3cret-token")
    c = app.test_client()
    c.get(API)
    assert c.get(API).json["meta"]["cache"] == "hit"
    assert c.post("/api/v1/admin/cache/clear").status_code == 401
    assert c.post("/api/v1/admin/cache/clear", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.post("/api/v1/admin/cache/clear", headers={"Authorization": "s3cret-token"}).status_code == 401
    assert c.get(API).json["meta"]["cache"] == "hit"  # refused calls cleared nothing
    r = c.post("/api/v1/admin/cache/clear", headers={"Authorization": "Bearer s3cret-token"})
    assert r.status_code == 200 and r.json["cleared"] >= 1
    assert c.get(API).json["meta"]["cache"] == "miss"


def test_admin_route_absent_without_token(client):
    assert client.post("/api/v1/admin/cache/clear", headers={"Authorization": "Bearer "}).status_code == 404


def test_tagpage_serve_runs_gunicorn(web_db):
    """`tagpage serve` starts gunicorn (not the Flask dev server) serving create_app()."""
    from conftest import project_command
    import json as _json
    import os
    import signal
    import socket
    import subprocess
    import urllib.request

    url, _ = web_db
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": "off"}
    env.pop("TAGPAGE_ADMIN_TOKEN", None)
    proc = subprocess.Popen([project_command("tagpage"), "serve", "--port", str(port), "--threads", "2"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as r:
                    assert _json.load(r)["database"] == "ok"
                    assert "gunicorn" in r.headers.get("Server", "")
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.time() < deadline, "tagpage serve did not answer within 30 s"
                time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/content/unified?tag_names=cat") as r:
            body = _json.load(r)
        assert body["meta"]["cache"] == "off" and len(body["items"]) == 25
        # One worker per core by default, and /metrics adds up all of them, whichever answers.
        workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        assert len(workers) == len(os.sched_getaffinity(0)), workers
        for _ in range(9):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/content/unified?tag_names=dog").read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics") as r:
            text = r.read().decode()
        served = sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                     if line.startswith('tagpage_http_responses_total{endpoint="/api/v1/content/unified"'))
        assert served == 10, text
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
