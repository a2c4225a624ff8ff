"""Totals on /api/v1/content/unified and /api/v1/tags/related, through a real PostgreSQL and Redis.

Expected answers come from web_support's Python brute force over the small gallery; the app runs
as the least-privileged reader role, so these tests also prove the two count functions are
granted to it.
"""
from __future__ import annotations

import time
from collections import Counter

import psycopg
import pytest

from web_support import TAGS, USERS, expected, make_app, web_db  # noqa: F401

API = "/api/v1/content/unified"
RELATED = "/api/v1/tags/related"
NAME_OF = {tag_id: name for name, tag_id in TAGS.items()}


@pytest.fixture
def client(web_db, make_app):
    url, _ = web_db
    return make_app(url, START_LISTENER=False).test_client()


FILTERS = (
    ("", [], "all", None, None),
    ("tag_names=cat", ["cat"], "all", None, None),
    ("tag_names=cat&tag_names=dog", ["cat", "dog"], "all", None, None),
    ("tag_names=cat&tag_names=bird&tag_match=any", ["cat", "bird"], "any", None, None),
    (f"user_id={USERS['alice']}&content_source_types=user-regular", [], "all", ["user-regular"], USERS["alice"]),
    (f"user_id={USERS['bob']}&tag_names=dog", ["dog"], "all", None, USERS["bob"]),
    ("content_source_types=community-auto&tag_names=unused", ["unused"], "all", ["community-auto"], None),
)


@pytest.mark.parametrize("query,tags,match,sources,user", FILTERS)
def test_pages_carry_the_exact_total(client, web_db, query, tags, match, sources, user):
    _, data = web_db
    want = len(expected(data, tags, match, sources, user))
    cursor = None
    for _ in range(3):  # the same total on every page of the walk
        r = client.get(f"{API}?{query}&page_size=7" + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.json
        pag = r.json["pagination"]
        assert (pag["total_count"], pag["total_count_exact"], pag["total_count_range"]) == (want, True, [want, want])
        assert pag["total_pages"] == -(-want // 7)
        assert r.json["meta"]["total_method"] == "bitmap"
        if not pag["has_next"]:
            break
        cursor = pag["next_cursor"]


def test_include_total_false_skips_the_count(client):
    r = client.get(f"{API}?tag_names=cat&include_total=false")
    assert r.status_code == 200
    pag = r.json["pagination"]
    assert [pag[k] for k in ("total_count", "total_pages", "total_count_exact", "total_count_range")] == [None] * 4
    assert "total_method" not in r.json["meta"]
    assert client.get(f"{API}?include_total=maybe").json["error"]["field"] == "include_total"


def test_private_rows_count_only_for_their_creator(client, web_db):
    _, data = web_db
    mine = f"{API}?user_id={USERS['alice']}&content_source_types=user-regular,community-auto"
    theirs = f"{API}?user_id={USERS['bob']}&content_source_types=community-regular"
    assert client.get(mine).json["pagination"]["total_count"] == len(
        expected(data, [], "all", ["user-regular", "community-auto"], USERS["alice"]))
    assert client.get(theirs).json["pagination"]["total_count"] == len(
        expected(data, [], "all", ["community-regular"], USERS["bob"]))
    # alice's private items row 29 is in her own count and in nobody else's
    assert any(r.is_private and r.creator == "alice" for r in data)


def _brute_related(data, tags, match, sources, user, limit=20):
    rows = {key for key in expected(data, tags, match, sources, user)}
    counts = Counter(t for r in data if (r.source_type, r.id) in rows for t in r.tags)
    carried = set(tags) if match == "all" or len(tags) == 1 else set()
    ranked = sorted(((n, c) for n, c in counts.items() if n not in carried), key=lambda x: (-x[1], x[0]))
    return ranked[:limit]


@pytest.mark.parametrize("query,tags,match,sources,user", FILTERS)
def test_related_tags_match_a_group_by(client, web_db, query, tags, match, sources, user):
    _, data = web_db
    r = client.get(f"{RELATED}?{query}")
    assert r.status_code == 200, r.json
    got = [(NAME_OF[t["id"]], t["count"]) for t in r.json]
    assert got == _brute_related(data, tags, match, sources, user)
    assert all(t["exact"] and t["name"] == NAME_OF[t["id"]] for t in r.json)
    assert client.get(f"{RELATED}?{query}&limit=1").json == r.json[:1]


@pytest.mark.parametrize("query,field", (
    ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=x", "limit"), ("tag=nope", "tag"),
    ("tag_match=some", "tag_match"), ("content_source_types=mine", "content_source_types"),
    ("tag=00000000-0000-0000-0000-00000000dead", "tag"), ("tag_names=nosuch", "tag_names"),
    ("user_id=x", "user_id"),
))
def test_related_bad_input_is_400_naming_the_field(client, query, field):
    r = client.get(f"{RELATED}?{query}")
    assert r.status_code == 400, r.json
    assert r.json["error"]["field"] == field, r.json


def test_totals_and_related_are_cached_per_filter_and_invalidated(web_db, make_app):
    url, _ = web_db
    client = make_app(url).test_client()  # with the invalidation listener
    first = client.get(f"{API}?tag_names=cat&page_size=5").json
    assert (first["meta"]["cache"], first["meta"]["total_cache"]) == ("miss", "miss")
    # another page of the same filter: its own page, the same cached total
    other = client.get(f"{API}?tag_names=cat&page_size=5&cursor={first['pagination']['next_cursor']}").json
    assert (other["meta"]["cache"], other["meta"]["total_cache"]) == ("miss", "hit")
    assert other["pagination"]["total_count"] == first["pagination"]["total_count"]
    assert client.get(f"{RELATED}?tag_names=cat").headers["X-Tagpage-Cache"] == "miss"
    assert client.get(f"{RELATED}?tag_names=cat").headers["X-Tagpage-Cache"] == "hit"
    assert client.get(f"{RELATED}?tag_names=cat&cache_bypass=true").headers["X-Tagpage-Cache"] == "bypass"
    before_fish = {t["name"]: t["count"] for t in client.get(f"{RELATED}?tag_names=cat").json}.get("fish", 0)

    with psycopg.connect(url, autocommit=True) as conn:  # tag two more cat rows with fish
        conn.execute("insert into content_tags select id, source_type, %s from content_items_all"
                     " where id in (2, 4) and not is_private on conflict do nothing", (TAGS["fish"],))
    # Each must miss once the listener applied the write; polled apart, since the message may
    # arrive between the two requests of one round (the first then hits, and is stored again).
    deadline = time.monotonic() + 5
    page = related = None
    while page is None or related is None:
        if page is None:
            body = client.get(f"{API}?tag_names=cat&page_size=5").json
            page = body if body["meta"]["total_cache"] == "miss" else None
        if related is None:
            answer = client.get(f"{RELATED}?tag_names=cat")
            related = answer if answer.headers["X-Tagpage-Cache"] == "miss" else None
        assert time.monotonic() < deadline, "the write did not invalidate the cached total"
        time.sleep(0.05)
    fish = {t["name"]: t["count"] for t in related.json}.get("fish", 0)
    assert page["pagination"]["total_count"] == first["pagination"]["total_count"]
    assert fish == before_fish + 4


def test_counts_need_no_page_cache(web_db, make_app):
    """Redis off: totals come from PostgreSQL on every request."""
    url, data = web_db
    client = make_app(url, REDIS_URL="off", START_LISTENER=False).test_client()
    body = client.get(f"{API}?tag_names=dog").json
    assert body["meta"]["total_cache"] == "off"
    assert body["pagination"]["total_count"] == len(expected(data, ["dog"]))
    assert client.get(f"{RELATED}?tag_names=dog").headers["X-Tagpage-Cache"] == "off"


def test_results_label():
    from web.gallery import results_label

    assert results_label({"total": 12345, "exact": True}) == "12,345 results"
    assert results_label({"total": 1, "exact": True}) == "1 result"
    assert results_label({"total": 0, "exact": True}) == "0 results"
    assert results_label({"total": 861234, "exact": False}) == "about 860,000 results"
    assert results_label({"total": 87, "exact": False}) == "about 87 results"
    assert results_label(None) is None


def test_gallery_says_about_for_an_estimate(web_db, make_app):
    """With a tiny live budget and exact_limit, rows written since the bitmaps' build are
    sampled: the API marks the total inexact with its interval, the gallery says 'about'."""
    url, data = web_db
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("update planner_config set value = '1' where key in ('count_live_budget', 'count_exact_limit')")
        conn.execute("update content_items_all set is_private = not is_private where id % 2 = 0")
        truth = conn.execute("select count(*) from content_items_all where not is_private").fetchone()[0]
    client = make_app(url, START_LISTENER=False).test_client()
    pag = client.get(f"{API}?cache_bypass=true").json["pagination"]
    low, high = pag["total_count_range"]
    assert pag["total_count_exact"] is False and low <= pag["total_count"] <= high
    assert low <= truth <= high
    page = client.get("/?cache_bypass=true").data.decode()
    assert 'id="total"' in page and "about " in page and 'data-exact="false"' in page
