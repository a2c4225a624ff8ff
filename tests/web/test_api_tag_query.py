"""`q`, the boolean tag query, over HTTP: pages, totals and related tags against a brute force,
errors as 400s naming q with the position, privacy, and the cache's keys and invalidation.

Expected rows come from tests/support/tag_query_oracle.py (an independent parser and evaluator over the
brute-force rows of tests/support/oracle.py), not from the engine. The app runs as the web's reader role.
"""
from __future__ import annotations

import time
from collections import Counter

import psycopg
import pytest

from oracle import Request
from tag_query_oracle import QueryError, evaluate, matching_keys, parse, row_tag_names
from web_support import TAGS, USERS, keys_of, make_app, web_db  # noqa: F401

API = "/api/v1/content/unified"
RELATED = "/api/v1/tags/related"
NAME_OF = {tag_id: name for name, tag_id in TAGS.items()}


@pytest.fixture
def client(web_db, make_app):
    url, _ = web_db
    return make_app(url, START_LISTENER=False).test_client()


@pytest.fixture
def conn(web_db):
    url, _ = web_db
    with psycopg.connect(url, autocommit=True) as c:
        yield c


def walk(client, params: list[tuple[str, str]], page_size: int = 4) -> tuple[list[tuple[str, int]], list[dict]]:
    """Every row of a request, page by page forwards, and the responses."""
    got, bodies, cursor = [], [], None
    for _ in range(100):
        r = client.get(API, query_string=params + [("page_size", str(page_size))]
                       + ([("cursor", cursor)] if cursor else []))
        assert r.status_code == 200, r.json
        bodies.append(r.json)
        got += keys_of(r.json["items"])
        if not r.json["pagination"]["has_next"]:
            return got, bodies
        cursor = r.json["pagination"]["next_cursor"]
    raise AssertionError("the walk did not end")


def walk_back(client, params: list[tuple[str, str]], last: dict, page_size: int = 4) -> list[tuple[str, int]]:
    """Every row before the last page, walked backwards with prev cursors, in display order."""
    got: list[tuple[str, int]] = []
    body = last
    while body["pagination"]["has_previous"]:
        r = client.get(API, query_string=params + [("page_size", str(page_size)),
                                                   ("cursor", body["pagination"]["prev_cursor"])])
        assert r.status_code == 200, r.json
        body = r.json
        got = keys_of(body["items"]) + got
    return got


# (q, extra params, the oracle's request, tags every match carries by definition)
CASES = [
    ("cat -dog", [], Request(), {"cat"}),
    ("-dog", [], Request(), set()),
    ("(cat or dog) bird", [], Request(), {"bird"}),
    ("~cat ~dog -bird", [], Request(sort="created_at_asc"), set()),
    ("not (cat or dog)", [], Request(sort="quality_score_desc"), set()),
    ("CAT and not Dog", [("tag_names", "bird")], Request(tags=(TAGS["bird"],)), {"cat", "bird"}),
    ("-fish", [("user_id", USERS["alice"]), ("content_source_types", "user-regular,community-auto")],
     Request(user_id=USERS["alice"], source_types=("user-regular", "community-auto")), set()),
    ("cat or -bird", [("user_id", USERS["bob"])], Request(user_id=USERS["bob"]), set()),
    ("cat -cat", [], Request(), set()),                       # never holds: empty
    ("cat or -cat", [], Request(), set()),                    # always holds: no filter
    ('"fish" | unused', [("tag_names", "cat"), ("tag_names", "dog"), ("tag_match", "any")],
     Request(tags=(TAGS["cat"], TAGS["dog"]), tag_match="any"), set()),
]


def _sort_params(req: Request) -> list[tuple[str, str]]:
    field, _, order = req.sort.rpartition("_")
    return [("sort_field", field), ("sort_order", order)]


@pytest.mark.parametrize("q,extra,req,carried", CASES, ids=[c[0] for c in CASES])
def test_q_pages_totals_and_related_equal_the_brute_force(client, conn, q, extra, req, carried):
    params = [("q", q)] + extra + _sort_params(req)
    want = matching_keys(conn, req, q)
    got, bodies = walk(client, params)
    assert got == want
    if len(bodies) > 1:  # and backwards from the last page
        back = walk_back(client, params, bodies[-1])
        assert back == want[:len(want) - len(bodies[-1]["items"])]
    for body in bodies:
        pag = body["pagination"]
        assert (pag["total_count"], pag["total_count_exact"]) == (len(want), True), q
    # related tags: a group-by of the matches' tags, less the ones the filter makes every match carry
    tag_names = row_tag_names(conn)
    counts = Counter(t for key in want for t in tag_names.get(key, ()))
    brute = sorted(((n, c) for n, c in counts.items() if n not in carried), key=lambda x: (-x[1], x[0]))
    related_params = [(k, v) for k, v in params if not k.startswith("sort_")]
    r = client.get(RELATED, query_string=related_params)
    assert r.status_code == 200, r.json
    assert [(t["name"], t["count"]) for t in r.json] == brute[:20]


@pytest.mark.parametrize("q,message", [
    ("(cat or dog", 'tag_query: unmatched "(" at 1'),
    ("cat -", 'tag_query: expected a tag after "-" at 5'),
    ("cat) dog", 'tag_query: unmatched ")" at 4'),
    ("or cat", 'tag_query: expected a tag before "or" at 1'),
    ('cat "dog', 'tag_query: unterminated quoted name at 5'),
    ("'; drop table tags; --", 'tag_query: expected a tag after "-" at 22'),
    ("x" * 2001, "q: longer than 2000 characters at 2001"),
])
def test_bad_queries_are_400_naming_q_with_the_position(client, q, message):
    if not message.startswith("q:"):  # the independent parser says the same
        with pytest.raises(QueryError) as raised:
            parse(q)
        assert raised.value.message == message
    for path in (API, RELATED):
        r = client.get(path, query_string=[("q", q)])
        assert r.status_code == 400, r.json
        assert r.json["error"] == {"code": "invalid_parameter", "message": message, "field": "q"}


def test_unknown_names_are_400_listing_them(client):
    r = client.get(API, query_string=[("q", "cat (nosuch or Zzz) -dog")])
    assert r.status_code == 400
    error = r.json["error"]
    assert error["field"] == "q" and error["message"].startswith("tag_query: unknown tag names")
    assert "nosuch" in error["message"] and "Zzz" in error["message"]


def test_q_parameter_checks_before_sql(client):
    assert client.get(API, query_string=[("q", "cat"), ("q", "dog")]).json["error"]["field"] == "q"
    nul = client.get(API, query_string=[("q", "cat\x00")])
    assert nul.status_code == 400 and nul.json["error"]["field"] == "q"
    # blank and whitespace-only (the grammar's whitespace) mean no filter
    everything = client.get(API, query_string=[("page_size", "100")]).json["items"]
    for blank in ("", "   ", "\t\n"):
        assert client.get(API, query_string=[("q", blank), ("page_size", "100")]).json["items"] == everything
    # a no-break space is part of a name, not whitespace: an unknown name
    assert client.get(API, query_string=[("q", "\u00a0")]).status_code == 400


# ------------------------------------------------------------------------------------ privacy

VIEWERS = [("alice", USERS["alice"]), ("bob", USERS["bob"]), ("nobody", None)]
PRIVATE = {"alice": ("items", 29), "bob": ("auto", 29)}


@pytest.mark.parametrize("q", ["-unused", "-fish", "not cat", "-cat or -dog", "cat or -bird"])
def test_a_negated_query_never_surfaces_another_users_private_rows(web_db, make_app, conn, q):
    url, _ = web_db
    client = make_app(url, START_LISTENER=False).test_client()
    outcomes = set()
    tag_names = row_tag_names(conn)
    # alice first, so a careless cache would hand her private row to the next viewer
    for viewer, user in VIEWERS + VIEWERS[::-1]:
        for bypass in (False, True):
            params = [("q", q), ("page_size", "100")] + ([("user_id", user)] if user else [])
            params += [("cache_bypass", "true")] if bypass else []
            body = client.get(API, query_string=params).json
            outcomes.add(body["meta"]["cache"])
            got = keys_of(body["items"])
            others = {key for who, key in PRIVATE.items() if who != viewer}
            assert not others & set(got), f"{viewer} sees another user's private row with q={q!r}"
            assert got == matching_keys(conn, Request(user_id=user), q), (viewer, bypass)
            assert body["pagination"]["total_count"] == len(got)
            # related tags count the visible matches only (no query here makes a tag carried)
            counts = Counter(t for key in got for t in tag_names.get(key, ()))
            related = client.get(RELATED, query_string=params).json
            assert [(t["name"], t["count"]) for t in related] == \
                sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:20]
    assert {"hit", "miss", "bypass"} <= outcomes


# -------------------------------------------------------------------------------------- cache

def _meta(client, q: str, *extra: tuple[str, str]) -> dict:
    r = client.get(API, query_string=[("q", q), *extra])
    assert r.status_code == 200, r.json
    return r.json["meta"]


def test_two_spellings_of_one_query_share_an_entry(client):
    assert _meta(client, "cat -dog")["cache"] == "miss"
    for spelling in ("-dog cat", "cat and not dog", "  CAT   -DOG ", "(cat) -(dog)", "~cat -dog",
                     "cat -dog cat", "cat (cat or bird) -dog", "not not cat and -dog", '"cat" -"Dog"'):
        meta = _meta(client, spelling)
        assert (meta["cache"], meta["total_cache"]) == ("hit", "hit"), spelling
    assert client.get(RELATED, query_string=[("q", "cat -dog")]).headers["X-Tagpage-Cache"] == "miss"
    assert client.get(RELATED, query_string=[("q", "-dog and cat")]).headers["X-Tagpage-Cache"] == "hit"
    # a query that filters nothing is the request without one
    assert _meta(client, "")["cache"] == "miss"
    assert _meta(client, "bird or not bird")["cache"] == "hit"


def test_different_queries_never_share_an_entry(client):
    queries = ["cat", "-cat", "cat dog", "cat or dog", "cat -dog", "-cat dog", "-cat -dog",
               "cat or -dog", "-cat or dog", "(cat or dog) bird", "cat or (dog bird)", "cat -bird",
               "cat dog -bird", "fish", "unused", "cat -cat", "-unused"]
    for q in queries:
        meta = _meta(client, q)
        assert (meta["cache"], meta["total_cache"]) == ("miss", "miss"), q
    # combined with tags, and with another user: other filters, other entries
    assert _meta(client, "dog", ("tag_names", "cat"))["cache"] == "miss"
    assert _meta(client, "cat", ("tag_names", "dog"))["cache"] == "miss"
    assert _meta(client, "cat", ("user_id", USERS["alice"]))["cache"] == "miss"
    assert _meta(client, "cat", ("tag_names", "cat"))["cache"] == "miss"
    for q in queries:  # and each is cached under its own key
        assert _meta(client, q)["cache"] == "hit", q


def test_keys_hold_the_engines_normal_form(client, conn):
    """TagQueryKey renders the normal form exactly as tagpage_tag_query_normalize's "text"."""
    from web.cache import TagQueryKey
    from web.service import normalize_tag_query

    for q in ("cat -dog", "(cat or dog) -bird fish", "-(cat or dog)", "cat -cat", "~cat ~dog or -fish bird",
              "not (cat (dog or -bird))"):
        normal = conn.execute("select tagpage_tag_query_normalize(%s, null)", (q,)).fetchone()[0]
        key = normalize_tag_query(conn, q)
        assert key == TagQueryKey.from_normal_form(normal["tags"], normal["expr"])
        assert key.text == normal["text"], q
        assert key.untagged == evaluate(parse(q), ()), q
    assert normalize_tag_query(conn, "cat or -cat") is None


def _wait_for_miss(client, q: str, timeout: float = 5.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(API, query_string=[("q", q), ("page_size", "100")])
        if r.json["meta"]["cache"] == "miss":
            return r.json
        assert time.monotonic() < deadline, f"a write did not invalidate q={q!r}"
        time.sleep(0.05)


def test_a_write_on_a_tag_of_the_query_invalidates_it(web_db, make_app, conn):
    url, _ = web_db
    client = make_app(url).test_client()  # with the invalidation listener
    queries = ("cat -dog", "-cat", "bird or -fish")
    for q in queries:
        client.get(API, query_string=[("q", q), ("page_size", "100")])
        assert _meta(client, q, ("page_size", "100"))["cache"] == "hit"

    # row 7 carries no tag: tagged `unused`, it stays in `bird or -fish` but its chips change,
    # and no tag of that query announces it (only the tag-less generation does)
    conn.execute("insert into content_tags values (7, 'items', %s)", (TAGS["unused"],))
    body = _wait_for_miss(client, "bird or -fish")
    shown = {(i["source_type"], i["id"]): i["tags"] for i in body["items"]}
    assert shown[("items", 7)] == ["unused"]
    assert keys_of(body["items"]) == matching_keys(conn, Request(), "bird or -fish")
    time.sleep(0.3)  # the listener has applied the message: a positive query was not touched
    assert _meta(client, "cat -dog", ("page_size", "100"))["cache"] == "hit"

    # a negated tag: items 2 (cat, not dog) gains dog and leaves cat -dog
    conn.execute("insert into content_tags values (2, 'items', %s)", (TAGS["dog"],))
    body = _wait_for_miss(client, "cat -dog")
    assert ("items", 2) not in keys_of(body["items"])
    assert keys_of(body["items"]) == matching_keys(conn, Request(), "cat -dog")

    # a new untagged row enters every purely negative query
    client.get(API, query_string=[("q", "-cat"), ("page_size", "100")])
    assert _meta(client, "-cat", ("page_size", "100"))["cache"] == "hit"
    conn.execute("insert into content_items_all (id, source_type, title, creator_id, created_at) "
                 "values (100, 'auto', 'new', %s, now())", (USERS["bob"],))
    body = _wait_for_miss(client, "-cat")
    assert keys_of(body["items"])[0] == ("auto", 100)
    assert keys_of(body["items"]) == matching_keys(conn, Request(), "-cat")


def test_a_new_case_variant_gives_the_query_a_new_key(web_db, make_app, conn):
    """`cat` means every tag named cat in any case: a new `CAT` changes the normal form, so the
    key, though the tags insert announces nothing (a new tag is on no row)."""
    url, _ = web_db
    client = make_app(url).test_client()
    _meta(client, "cat")
    assert _meta(client, "cat")["cache"] == "hit"
    conn.execute("insert into tags (id, name) values ('00000000-0000-0000-0000-00000000ca70', 'CAT')")
    conn.execute("insert into content_tags values (7, 'items', '00000000-0000-0000-0000-00000000ca70')")
    body = _wait_for_miss(client, "cat")
    assert ("items", 7) in keys_of(body["items"])
    assert keys_of(body["items"]) == matching_keys(conn, Request(), "cat")


def test_a_page_read_while_the_query_changed_meaning_is_not_stored(web_db, make_app, conn):
    """The normal form is read again after a miss's page: when it moved (here a case variant
    created between the key and the page), the page is served but not stored under the old key."""
    from web import service
    from web.params import ContentParams

    url, _ = web_db
    app = make_app(url, START_LISTENER=False)
    rt = app.extensions["tagpage"]
    stale = service.page_query(rt.servers, ContentParams(tag_query="cat"), rt.statement_timeout_ms)
    conn.execute("insert into tags (id, name) values ('00000000-0000-0000-0000-00000000ca71', 'Cat')")
    for _ in range(2):
        result = service.get_page(rt.servers, rt.cache, stale, bypass=False,
                                  statement_timeout_ms=rt.statement_timeout_ms, with_total=True)
        assert (result.cache, result.total_cache) == ("miss", "miss")
    fresh = service.page_query(rt.servers, ContentParams(tag_query="cat"), rt.statement_timeout_ms)
    assert fresh.query != stale.query and fresh.canonical() != stale.canonical()
    for outcome in ("miss", "hit"):
        result = service.get_page(rt.servers, rt.cache, fresh, bypass=False,
                                  statement_timeout_ms=rt.statement_timeout_ms)
        assert result.cache == outcome


def test_openapi_documents_q_on_pages_and_related(client):
    doc = client.get("/api/v1/openapi.json").json
    for path in (API, RELATED):
        params = {p["name"]: p for p in doc["paths"][path]["get"]["parameters"]}
        assert params["q"]["schema"] == {"type": "string", "maxLength": 2000}
