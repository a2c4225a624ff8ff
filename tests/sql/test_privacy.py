"""Privacy: a private row reaches its creator (through user-* sources) and no one else.

Checked through SQL for every source combination, strategy (forced with
tagpage.force_strategy), sort and page, and through HTTP with the Redis cache cold, warm and
bypassed. The 'secret' tag lives only on private rows, so tag-first strategies, whose
candidates come from content_tags before any privacy filter, are pushed right at the edge.
"""
from __future__ import annotations

from itertools import combinations
from typing import Sequence

import psycopg
import pytest
from psycopg.rows import dict_row

from reliability_support import (SORTS, SOURCE_WORDS, STRATEGIES, Dataset, brute_force,
                                 private_redis, require_engine, require_web, seed)

ALL_ONLY = {"self_join", "group_having", "two_phase_single", "two_phase_dual"}
SOURCE_SUBSETS: tuple[tuple[str, ...] | None, ...] = (None,) + tuple(
    combo for n in range(1, 5) for combo in combinations(SOURCE_WORDS, n))
VIEWERS = (None, "alice", "bob")
PAGE_SQL = ("select * from unified_content_page(tags => %(tags)s::uuid[], cursor => %(cursor)s, "
            "page_size => %(size)s, user_id => %(user)s::uuid, source_types => %(src)s::text[], "
            "tag_match => %(match)s, sort => %(sort)s)")


def tag_sets(data: Dataset) -> list[tuple[tuple[str, ...], str]]:
    t = data.tags
    return [((), "all"), ((t["secret"],), "all"), ((t["common"], t["secret"]), "any"),
            ((t["common"], t["half"]), "all"), ((t["secret"], t["rare"], t["third"]), "any")]


def may_refuse(strategy: str, tags: Sequence[str], match: str) -> bool:
    """A forced strategy may answer 22023 only where it clearly cannot serve the request."""
    if strategy == "":
        return False
    if strategy == "no_tags":
        return bool(tags)
    if not tags:
        return True
    if strategy == "any_union":
        return match == "all"
    if strategy in ALL_ONLY:
        return match == "any"
    return False


def page(conn: psycopg.Connection, strategy: str, tags, user, sources, match, sort, size, cursor=None):
    """One page as dicts, or None when the forced strategy refused with 22023."""
    try:
        with conn.transaction():
            conn.execute("select set_config('tagpage.force_strategy', %s, true)", (strategy,))
            with conn.cursor(row_factory=dict_row) as cur:
                cur.execute(PAGE_SQL, {"tags": list(tags), "cursor": cursor, "size": size, "user": user,
                                       "src": list(sources) if sources else None, "match": match,
                                       "sort": sort})
                return cur.fetchall()
    except psycopg.errors.InvalidParameterValue:
        if may_refuse(strategy, tags, match):
            return None
        raise


@pytest.fixture
def seeded(postgresql: psycopg.Connection) -> Dataset:
    require_engine(postgresql)
    return seed(postgresql, n_per_source=60)


def test_no_private_row_leaks_in_any_combination(postgresql: psycopg.Connection, seeded: Dataset) -> None:
    """Whole answers (one page of 500) for viewer x sources x strategy x sort x tag set."""
    checked = refused = 0
    for viewer in VIEWERS:
        user = seeded.users.get(viewer) if viewer else None
        forbidden = seeded.private_of(viewer)
        for tags, match in tag_sets(seeded):
            for n_src, sources in enumerate(SOURCE_SUBSETS):
                expected_by_sort = {sort: brute_force(postgresql, tags, user, sources, match, sort)
                                    for sort in SORTS}
                for n_strategy, strategy in enumerate(("", *STRATEGIES)):
                    # The planner gets every sort; each forced strategy one sort per source
                    # subset, rotating, so every (strategy, sort, subset-size) pair still occurs.
                    sorts = SORTS if strategy == "" else (SORTS[(n_src + n_strategy) % 3],)
                    for sort in sorts:
                        expected = expected_by_sort[sort]
                        rows = page(postgresql, strategy, tags, user, sources, match, sort, 500)
                        if rows is None:
                            refused += 1
                            continue
                        got = [(r["source_type"], r["id"]) for r in rows]
                        where = f"viewer={viewer} tags={tags} {match} sources={sources} {sort} strategy={strategy!r}"
                        assert not forbidden & set(got), f"private rows leaked: {where}"
                        assert all(not r["is_private"] or str(r["creator_id"]) == user for r in rows), where
                        assert got == expected, f"wrong answer: {where}"
                        checked += 1
    assert checked > 500 and refused > 0


@pytest.mark.parametrize("sort", SORTS)
def test_no_private_row_leaks_on_any_page(postgresql: psycopg.Connection, seeded: Dataset, sort: str) -> None:
    """Walk forward in pages of 4 and back again with prev_cursor, for every strategy."""
    for viewer in VIEWERS:
        user = seeded.users.get(viewer) if viewer else None
        forbidden = seeded.private_of(viewer)
        for tags, match in tag_sets(seeded)[1:3] + [((), "all")]:
            expected = brute_force(postgresql, tags, user, None, match, sort)
            for strategy in ("", *STRATEGIES):
                first = page(postgresql, strategy, tags, user, None, match, sort, 4)
                if first is None:
                    continue
                pages = [first]
                while pages[-1] and len(pages) < 100:
                    cursor = pages[-1][-1]["next_cursor"]
                    if cursor is None:
                        break
                    pages.append(page(postgresql, strategy, tags, user, None, match, sort, 4, cursor))
                got = [(r["source_type"], r["id"]) for p in pages for r in p]
                where = f"viewer={viewer} tags={tags} {match} {sort} strategy={strategy!r}"
                assert not forbidden & set(got), f"private rows leaked while paging: {where}"
                assert got == expected, f"pages do not add up to the answer: {where}"
                # Back from the last full page: the previous page is exactly the one before it.
                full = [p for p in pages if p]
                if len(full) >= 2:
                    back = page(postgresql, strategy, tags, user, None, match, sort, 4,
                                full[-1][0]["prev_cursor"])
                    assert [(r["source_type"], r["id"]) for r in back] == \
                        [(r["source_type"], r["id"]) for r in full[-2]], f"prev page: {where}"


# --------------------------------------------------------------------------------- HTTP

def _http_ids(client, params: list[tuple[str, str]]) -> tuple[list[tuple[str, int]], str]:
    response = client.get("/api/v1/content/unified", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    return [(i["source_type"], int(i["id"])) for i in body["items"]], body["meta"]["cache"]


def test_cache_never_serves_one_users_page_to_another(postgresql: psycopg.Connection, seeded: Dataset,
                                                      db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    require_web()
    from web.app import create_app

    with private_redis() as redis:
        monkeypatch.setenv("DATABASE_URL", db_url)
        monkeypatch.setenv("REDIS_URL", redis.url)
        monkeypatch.delenv("TAGPAGE_ADMIN_TOKEN", raising=False)
        # Closed at the end: a live listener thread would outlast its Redis and log failures
        # into whichever test runs next.
        app = create_app()
        try:
            client = app.test_client()
            t = seeded.tags
            shapes = [
                [("tag", t["secret"])],
                [("tag", t["secret"]), ("tag", t["common"]), ("tag_match", "any")],
                [],
                [("content_source_types", "user-regular,user-auto,community-regular")],
            ]
            outcomes: set[str] = set()
            for shape in shapes:
                for sort_field, order in (("created_at", "desc"), ("quality_score", "desc")):
                    base = shape + [("sort_field", sort_field), ("sort_order", order), ("page_size", "50")]
                    # Alice first, so her private rows are what a careless cache would hand out.
                    for viewer, bypass in [("alice", False), ("alice", False), ("bob", False),
                                           (None, False), ("bob", False), (None, True), ("carol", True),
                                           ("alice", False)]:
                        user = seeded.users.get(viewer) if viewer else None
                        params = base + ([("user_id", user.upper() if viewer == "bob" else user)] if user else [])
                        if bypass:
                            params.append(("cache_bypass", "true"))
                        got, outcome = _http_ids(client, params)
                        outcomes.add(outcome)
                        assert not seeded.private_of(viewer) & set(got), f"{viewer} got others' private rows: {params}"
                        words = next((v.split(",") for k, v in shape if k == "content_source_types"), None)
                        tags = [v for k, v in shape if k == "tag"]
                        match = next((v for k, v in shape if k == "tag_match"), "all")
                        sort = "created_at_desc" if sort_field == "created_at" else "quality_score_desc"
                        assert got == brute_force(postgresql, tags, user, words, match, sort)[:50], params
            assert {"hit", "miss"} <= outcomes, f"the cache was not exercised: {outcomes}"
        finally:
            app.extensions["tagpage"].close()


def test_item_tag_names_hides_private_rows(postgresql: psycopg.Connection, seeded: Dataset) -> None:
    """The web role's only way to content_tags shows a private row's tags to its creator only."""
    keys = sorted(seeded.rows)
    ids, sources = [k[1] for k in keys], [k[0] for k in keys]
    for viewer in VIEWERS:
        user = seeded.users.get(viewer) if viewer else None
        got = {(src, ident) for ident, src, _ in postgresql.execute(
            "select * from item_tag_names(%s, %s, %s)", (ids, sources, user)).fetchall()}
        assert not got & seeded.private_of(viewer), viewer
        visible_tagged = {k for k, row in seeded.rows.items() if row["tags"]} - seeded.private_of(viewer)
        assert got == visible_tagged, viewer


def test_two_databases_sharing_one_redis_never_see_each_others_pages(
        postgresql: psycopg.Connection, db_url: str) -> None:
    """Staging and production (or two test copies) on one Redis with the default prefix: the
    same request must be answered from each app's own database, private rows included."""
    require_engine(postgresql)
    require_web()
    from psycopg.conninfo import make_conninfo

    from web.app import create_app

    first = seed(postgresql, n_per_source=30, rng_seed=1)
    other_name = f"{postgresql.info.dbname}_twin"
    with psycopg.connect(make_conninfo(db_url, dbname="postgres"), autocommit=True) as admin:
        admin.execute(f'drop database if exists "{other_name}"')
        admin.execute(f'create database "{other_name}"')
    other_url = make_conninfo(db_url, dbname=other_name)
    apps = []
    try:
        from python_admin import db as admin_db

        admin_db.migrate(other_url)
        with psycopg.connect(other_url) as other:
            seed(other, n_per_source=30, rng_seed=1)  # the same rows, then made to differ
            other.execute("update content_items_all set title = 'twin ' || title, "
                          "is_private = not is_private")
            other.commit()
            with private_redis() as redis:
                for url in (db_url, other_url):
                    apps.append(create_app({"DATABASE_URL": url, "REDIS_URL": redis.url,
                                            "START_LISTENER": False, "TAGPAGE_ADMIN_TOKEN": None}))
                params = [("user_id", first.users["alice"]), ("page_size", "40")]
                for app, conn in ((apps[0], postgresql), (apps[1], other), (apps[0], postgresql),
                                  (apps[1], other)):
                    got, _ = _http_ids(app.test_client(), params)
                    assert got == brute_force(conn, [], first.users["alice"], None, "all",
                                              "created_at_desc")[:40], conn.info.dbname
    finally:
        for app in apps:
            app.extensions["tagpage"].close()
        with psycopg.connect(make_conninfo(db_url, dbname="postgres"), autocommit=True) as admin:
            admin.execute(f'drop database if exists "{other_name}" with (force)')
