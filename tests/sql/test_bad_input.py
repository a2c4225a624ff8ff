"""Hostile input: every call returns a correct page or a 22023 / HTTP 400 naming the field.

Never another SQLSTATE, a 500, a traceback, a wrong page, or a hang (statement_timeout and
per-request timeouts turn a hang into a failure).
"""
from __future__ import annotations

import base64
import json
import math
import random
import uuid
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.rows import dict_row

from reliability_support import (SORTS, SOURCE_WORDS, Dataset, brute_force, require_engine,
                                 require_web, seed)

SETTINGS = settings(max_examples=int(__import__("os").environ.get("TAGPAGE_FUZZ_EXAMPLES", "60")),
                    deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])
ARGS = ("tags", "cursor", "page_size", "user_id", "source_types", "tag_match", "sort")
DEFAULTS: dict[str, Any] = {"tags": None, "cursor": None, "page_size": 25, "user_id": None,
                            "source_types": None, "tag_match": "all", "sort": "created_at_desc"}
SQL = ("select * from unified_content_page(tags => %(tags)s::uuid[], cursor => %(cursor)s::text, "
       "page_size => %(page_size)s::integer, user_id => %(user_id)s::uuid, "
       "source_types => %(source_types)s::text[], tag_match => %(tag_match)s::text, "
       "sort => %(sort)s::text)")
SQLISH = ["'; drop table users; --", "1 OR 1=1", "$$", "%s", "%(x)s", "\\", "' || pg_sleep(10) --",
          "created_at_desc; select 1", "all'--", "{\"a\":1}", "null", "NULL", "☃", "\u202e", " all",
          "ALL", "created_at_desc ", "items", "user-regular,community-auto"]
text_no_nul = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                      max_size=60)


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# ----------------------------------------------------------------------- forged cursors

def forged_cursors() -> st.SearchStrategy[str]:
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers(-(2 ** 80), 2 ** 80)
        | st.floats(allow_nan=False, allow_infinity=False) | text_no_nul,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text_no_nul, inner, max_size=3),
        max_leaves=6)
    timestamps = st.sampled_from([
        "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000001Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z", "294277-01-01T00:00:00Z", "4714-11-24T00:00:00Z BC",
        "infinity", "-infinity", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-01-01T25:00:00Z", "2026-01-01T00:00:00+99:99", "", "now", "epoch"]) | text_no_nul
    numbers = st.sampled_from(["NaN", "Infinity", "-Infinity", 1e308, -1e308, 3.5e38, 1e39, 2 ** 63,
                               2 ** 63 - 1, -(2 ** 63), -(2 ** 63) - 1, 0, -0.0, 0.5, "0.5"]) | json_values
    field = st.sampled_from(["v", "s", "d", "k", "id", "src"])

    tokens = st.sampled_from(["", "x", "-", ".", "0", "-1", "1e39", "1e-99", "NaN", "-Infinity", "0x1F",
                              "9223372036854775808", "-9223372036854775809", "20260101T000000.000000",
                              "20260230T000000.000000", "20261301T250000.000000", "2026-01-01",
                              "infinity", "-infinity", "99991231T235959.999999", "i", "a", "items"])

    @st.composite
    def format_2(draw, sort: str) -> str:
        head = "2" + draw(st.sampled_from("npx")) + draw(st.sampled_from("daqz" if sort else "d"))
        fields = [draw(st.sampled_from(["0.5", "NaN"]) | tokens)] if head[2] == "q" else []
        fields += [draw(st.just("20260101T000000.000000") | tokens), draw(st.integers(-5, 200).map(str) | tokens),
                   draw(st.sampled_from(["i", "a"]) | tokens)]
        if draw(st.integers(0, 4)) == 0:
            fields.insert(draw(st.integers(0, len(fields))), draw(tokens))  # a field too many
        return "_".join([head] + fields)

    @st.composite
    def build(draw) -> str:
        sort = draw(st.sampled_from(SORTS))
        keys = [draw(timestamps)] if sort != "quality_score_desc" else [draw(numbers), draw(timestamps)]
        payload: dict[str, Any] = {"v": 1, "s": sort, "d": draw(st.sampled_from(["next", "prev"])),
                                   "k": keys, "id": draw(st.integers(-5, 200)),
                                   "src": draw(st.sampled_from(["items", "auto"]))}
        for _ in range(draw(st.integers(0, 2))):  # corrupt up to two fields
            name = draw(field)
            payload[name] = draw(json_values | numbers)
        if draw(st.booleans()):
            payload.pop(draw(field), None)
        if draw(st.integers(0, 9)) == 0:
            payload[draw(text_no_nul)] = 1
        text = json.dumps(payload, separators=(",", ":"), allow_nan=True)
        kind = draw(st.integers(0, 12))
        if kind in (3, 4, 5):  # format 2: its fields, some of them forged
            return draw(format_2(sort))
        if kind == 0:
            return draw(text_no_nul)  # not base64 at all
        if kind == 1:
            return b64(draw(st.binary(max_size=80)))  # base64 of garbage
        if kind == 2:
            return base64.b64encode(text.encode()).decode()  # standard alphabet, padded
        return b64(text.encode())

    return build()


def as_sql_args(overrides: dict[str, Any]) -> dict[str, Any]:
    return {**DEFAULTS, **overrides}


class Called:
    """Outcome of one call: rows, or the SQLSTATE and message of the error."""

    def __init__(self, conn: psycopg.Connection, args: dict[str, Any]) -> None:
        self.rows: list[dict] | None = None
        self.sqlstate: str | None = None
        self.message = ""
        try:
            with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
                cur.execute(SQL, args)
                self.rows = cur.fetchall()
        except psycopg.Error as exc:
            self.sqlstate = exc.sqlstate
            self.message = exc.diag.message_primary or str(exc)


@pytest.fixture
def data(postgresql: psycopg.Connection) -> Dataset:
    require_engine(postgresql)
    d = seed(postgresql, n_per_source=40)
    postgresql.execute("set statement_timeout = '5s'")
    postgresql.commit()
    return d


def check(conn: psycopg.Connection, data: Dataset, overrides: dict[str, Any], field: str) -> Called:
    """The property: a correct page, or 22023 naming `field`."""
    args = as_sql_args(overrides)
    called = Called(conn, args)
    if called.sqlstate is not None:
        assert called.sqlstate == "22023", f"{field}={overrides.get(field)!r}: {called.sqlstate} {called.message}"
        assert field in called.message, f"22023 does not name {field}: {called.message}"
        return called
    rows = called.rows or []
    forbidden = data.private_of(next((n for n, u in data.users.items() if u == args["user_id"]), None))
    got = [(r["source_type"], r["id"]) for r in rows]
    assert not forbidden & set(got), f"private row leaked for {overrides}"
    # NULL for an argument with a default must mean that default (or be refused above).
    sort = args["sort"] or "created_at_desc"
    match = args["tag_match"] or "all"
    size = args["page_size"] if args["page_size"] is not None else 25
    expected = brute_force(conn, list(dict.fromkeys(args["tags"] or [])), args["user_id"],
                           args["source_types"] or None, match, sort)
    if args["cursor"] is None:
        assert got == expected[:size], f"wrong first page for {overrides}"
    else:  # a hand-made but valid position: a contiguous run of the answer, in order
        assert len(got) <= size
        if got:
            start = expected.index(got[0])
            assert got == expected[start:start + len(got)], f"not a contiguous run for {overrides}"
    return called


# ----------------------------------------------------------------------- SQL properties

@SETTINGS
@given(st.lists(st.sampled_from(SOURCE_WORDS) | text_no_nul | st.none(), max_size=6) | st.none())
def test_source_types(postgresql: psycopg.Connection, data: Dataset, value) -> None:
    check(postgresql, data, {"source_types": value}, "source_types")


@SETTINGS
@given(st.sampled_from(["all", "any"]) | st.sampled_from(SQLISH) | text_no_nul | st.none())
def test_tag_match(postgresql: psycopg.Connection, data: Dataset, value) -> None:
    check(postgresql, data, {"tag_match": value, "tags": [data.tags["common"], data.tags["half"]]},
          "tag_match")


@SETTINGS
@given(st.sampled_from(SORTS) | st.sampled_from(SQLISH) | text_no_nul | st.none())
def test_sort(postgresql: psycopg.Connection, data: Dataset, value) -> None:
    check(postgresql, data, {"sort": value}, "sort")


@SETTINGS
@given(st.integers(-(2 ** 31), 2 ** 31 - 1) | st.sampled_from([0, 1, 500, 501, -1, 2 ** 31 - 1]) | st.none())
def test_page_size(postgresql: psycopg.Connection, data: Dataset, value) -> None:
    check(postgresql, data, {"page_size": value}, "page_size")


@SETTINGS
@given(st.uuids().map(str) | st.none())
def test_user_id(postgresql: psycopg.Connection, data: Dataset, value) -> None:
    check(postgresql, data, {"user_id": value}, "user_id")


@SETTINGS
@given(st.data())
def test_tags(postgresql: psycopg.Connection, data: Dataset, draw) -> None:
    known = list(data.tags.values())
    value = draw.draw(st.lists(st.sampled_from(known) | st.uuids().map(str) | st.none(), max_size=8)
                      | st.none())
    check(postgresql, data, {"tags": value}, "tags")


@SETTINGS
@given(forged_cursors(), st.sampled_from(SORTS), st.booleans())
def test_forged_cursors(postgresql: psycopg.Connection, data: Dataset, cursor: str, sort: str,
                        with_user: bool) -> None:
    user = data.users["alice"] if with_user else None
    check(postgresql, data, {"cursor": cursor, "sort": sort, "user_id": user}, "cursor")


def test_ten_thousand_tags(postgresql: psycopg.Connection, data: Dataset) -> None:
    tags = [str(uuid.UUID(int=random.Random(1).getrandbits(128) + n)) for n in range(10_000)]
    called = check(postgresql, data, {"tags": tags}, "tags")
    assert called.sqlstate == "22023"
    same = [data.tags["common"]] * 10_000  # duplicates count once: a valid one-tag request
    assert check(postgresql, data, {"tags": same}, "tags").sqlstate is None


def test_a_cursor_of_another_sort_is_refused(postgresql: psycopg.Connection, data: Dataset) -> None:
    first = Called(postgresql, as_sql_args({"page_size": 3}))
    assert first.rows
    cursor = first.rows[-1]["next_cursor"]
    for sort in ("created_at_asc", "quality_score_desc"):
        called = check(postgresql, data, {"cursor": cursor, "sort": sort}, "cursor")
        assert called.sqlstate == "22023"
    ok = check(postgresql, data, {"cursor": cursor, "page_size": 3}, "cursor")
    assert ok.sqlstate is None and ok.rows


def test_property_checker_rejects_a_wrong_page(postgresql: psycopg.Connection, data: Dataset,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle comparison above can fail: a page missing its first row is caught."""
    real_init = Called.__init__

    def drop_first(self, conn, args):
        real_init(self, conn, args)
        if self.rows:
            self.rows = self.rows[1:]

    monkeypatch.setattr(Called, "__init__", drop_first)
    with pytest.raises(AssertionError, match="wrong first page"):
        check(postgresql, data, {}, "page_size")


# ----------------------------------------------------------------------- HTTP properties

PARAM_NAMES = ("tag", "tag_names", "tag_match", "q", "content_source_types", "user_id", "sort_field",
               "sort_order", "page_size", "cursor", "cache_bypass")
ENDPOINTS = {
    "/api/v1/content/unified": PARAM_NAMES,
    "/api/v1/tags/popular": ("limit", "content_source", "min_cardinality"),
    "/api/v1/tags": ("q", "min_count", "max_count", "limit"),
}


@pytest.fixture
def client(data: Dataset, db_url: str, monkeypatch: pytest.MonkeyPatch):
    require_web()
    from web.app import create_app

    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("REDIS_URL", "off")  # the cache's own tests live elsewhere; here: validation
    monkeypatch.delenv("TAGPAGE_ADMIN_TOKEN", raising=False)
    app = create_app()
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a bug must surface as the 500 a user would get
    return app.test_client()


def assert_clean(response, names: tuple[str, ...], what: Any) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 400), f"{response.status_code} for {what!r}: {body[:500]}"
    assert "Traceback" not in body and "psycopg" not in body, body[:500]
    payload = response.get_json()
    assert payload is not None, f"not JSON for {what!r}"
    if response.status_code == 400:
        error = payload["error"]
        assert error["code"] and error["message"]
        assert error.get("field") in names, f"400 names {error.get('field')!r}, not one of {names}: {what!r}"


http_values = (text_no_nul | st.text(max_size=30) | st.sampled_from(SQLISH)
               | st.integers(-(2 ** 70), 2 ** 70).map(str) | st.uuids().map(str)
               | st.sampled_from(["nan", "inf", "-0", "1e9", "0x10", " 5", "5 ", "٣", "1_000",
                                  "desc", "asc", "created_at", "quality_score", "true", "false"]))


@SETTINGS
@given(st.data())
def test_http_parameters(client, draw) -> None:
    path = draw.draw(st.sampled_from(sorted(ENDPOINTS)))
    names = ENDPOINTS[path]
    params = draw.draw(st.lists(st.tuples(st.sampled_from(names) | text_no_nul, http_values), max_size=6))
    response = client.get(path, query_string=params)
    assert_clean(response, names, (path, params))


@SETTINGS
@given(forged_cursors(), st.sampled_from([("created_at", "desc"), ("created_at", "asc"),
                                          ("quality_score", "desc")]))
def test_http_forged_cursors(client, cursor: str, sort: tuple[str, str]) -> None:
    response = client.get("/api/v1/content/unified", query_string=[
        ("cursor", cursor), ("sort_field", sort[0]), ("sort_order", sort[1])])
    assert_clean(response, ("cursor",), cursor)


def test_http_extremes(client, data: Dataset) -> None:
    path = "/api/v1/content/unified"
    many = [("tag", str(uuid.UUID(int=n + 1))) for n in range(10_000)]
    response = client.get(path, query_string=many)
    assert response.status_code == 400 and response.get_json()["error"]["field"] == "tag"
    for params in (
        [("page_size", "10"), ("page_size", "20")],          # repeated single-valued parameter
        [("sort_field", "created_at"), ("sort_field", "quality_score")],
        [("cursor", "x" * 100_000)],                          # oversize values
        [("tag_names", "y" * 100_000)],
        [("user_id", "\x00")],                                # NUL never reaches PostgreSQL
        [("tag_match", "all\x00")],
        [("content_source_types", ",".join(["community-auto"] * 5000))],
        [("q" * 5000, "1")],                                  # unknown, oversize name: ignored
        [("q", "(" * 5000)],                                  # oversize tag query
        [("q", "a or " * 399 + "a")],                         # 1,999 characters of query
        [("q", "cat\x00")],
    ):
        assert_clean(client.get(path, query_string=params), PARAM_NAMES, params)
    huge = str(2 ** 80)
    for other, name in (("/api/v1/tags/popular", "min_cardinality"), ("/api/v1/tags/popular", "limit"),
                        ("/api/v1/tags", "min_count"), ("/api/v1/tags", "max_count"),
                        (path, "page_size")):
        for value in (huge, "-" + huge, str(2 ** 63), "9" * 5000):
            response = client.get(other, query_string=[(name, value)])
            assert response.status_code == 400, (other, name, value[:30], response.get_data(as_text=True))
            assert response.get_json()["error"]["field"] == name
    response = client.get(path, query_string=[("page_size", "10"), ("page_size", "20")])
    assert response.status_code == 400 and response.get_json()["error"]["field"] == "page_size"
