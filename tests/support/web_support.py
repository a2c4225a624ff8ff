"""Data and fixtures shared by the web, cache and gallery tests.

A small hand-made gallery (60 rows, colliding ids across the two sources, five named tags) whose
expected answers are computed here in Python from the same definitions, so tests compare the
API against an independent brute force. Every app gets its own Redis key prefix, deleted at
teardown, so runs never see each other's pages.
"""
from __future__ import annotations

import itertools
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterator

import psycopg
import pytest
import redis

from conftest import url_of

REDIS_URL = os.environ.get("TAGPAGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
T0 = datetime(2026, 3, 1, tzinfo=timezone.utc)
USERS = {"alice": str(uuid.UUID(int=0xA1)), "bob": str(uuid.UUID(int=0xB0))}
TAG_NAMES = ("cat", "dog", "bird", "fish", "unused")
TAGS = {name: str(uuid.UUID(int=0x7A60 + n)) for n, name in enumerate(TAG_NAMES)}
N_PER_SOURCE = 30
_counter = itertools.count()


@dataclass(frozen=True)
class Row:
    source_type: str
    id: int
    title: str
    creator: str
    is_private: bool
    quality_score: float
    created_at: datetime
    tags: frozenset[str]


def rows() -> list[Row]:
    """items 1..30 by alice, auto 1..30 by bob; ids collide on purpose; one private row each."""
    out = []
    for source, offset, creator in (("items", 0, "alice"), ("auto", 30, "bob")):
        for i in range(1, N_PER_SOURCE + 1):
            tags = {name for name, every in (("cat", 2), ("dog", 3), ("bird", 5)) if i % every == 0}
            if source == "items" and i == 1:
                tags.add("fish")
            out.append(Row(
                source_type=source, id=i, title=f"{source} #{i}", creator=creator,
                is_private=(i == 29),
                quality_score=round(((i * 7) % 10) / 10.0 + (0.05 if source == "auto" else 0.0), 2),
                created_at=T0 + timedelta(minutes=2 * i, seconds=offset),
                tags=frozenset(tags),
            ))
    return out


def load(conn: psycopg.Connection) -> list[Row]:
    """Insert the dataset and refresh the tag statistics (popular_tags reads them)."""
    data = rows()
    with conn.cursor() as cur:
        for name, uid in USERS.items():
            cur.execute("insert into users (id, username) values (%s, %s)", (uid, name))
        for name, tid in TAGS.items():
            cur.execute("insert into tags (id, name) values (%s, %s)", (tid, name))
        for r in data:
            cur.execute(
                "insert into content_items_all (id, source_type, title, creator_id, is_private, "
                "quality_score, created_at, updated_at, path_thumb) values (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                (r.id, r.source_type, r.title, USERS[r.creator], r.is_private, r.quality_score,
                 r.created_at, r.created_at, f"/thumbs/{r.source_type}/{r.id}.svg"))
            for name in sorted(r.tags):
                cur.execute("insert into content_tags (content_id, content_source, tag_id) "
                            "values (%s, %s, %s)", (r.id, r.source_type, TAGS[name]))
        cur.execute("select refresh_tag_cardinality_stats()")
    conn.commit()
    return data


WORDS = {
    "user-regular": ("items", True),
    "user-auto": ("auto", True),
    "community-regular": ("items", False),
    "community-auto": ("auto", False),
}


def expected(data: list[Row], tags: list[str] = (), match: str = "all", sources=None,
             user: str | None = None, sort: str = "created_at_desc") -> list[tuple[str, int]]:
    """Brute force of the page contract (tags by name): (source_type, id) in display order."""
    words = sources or list(WORDS)
    wanted = set(tags)
    out = []
    for r in data:
        creator_id = USERS[r.creator]
        ok_source = False
        for w in words:
            source, mine = WORDS[w]
            if r.source_type != source:
                continue
            if mine and user is not None and creator_id == user:
                ok_source = True
            if not mine and creator_id != user and not r.is_private:
                ok_source = True
        if not ok_source:
            continue
        if wanted:
            hit = wanted <= r.tags if match == "all" else bool(wanted & r.tags)
            if not hit:
                continue
        out.append(r)
    if sort == "quality_score_desc":
        out.sort(key=lambda r: (r.quality_score, r.created_at, r.id, r.source_type), reverse=True)
    else:
        out.sort(key=lambda r: (r.created_at, r.id, r.source_type), reverse=(sort == "created_at_desc"))
    return [(r.source_type, r.id) for r in out]


def keys_of(items: list[dict]) -> list[tuple[str, int]]:
    return [(i["source_type"], i["id"]) for i in items]


def delete_prefix(prefix: str) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def web_db(postgresql: psycopg.Connection) -> tuple[str, list[Row]]:
    """(conninfo, rows) of a fresh migrated database holding the small gallery."""
    data = load(postgresql)
    return url_of(postgresql), data


@pytest.fixture
def make_app() -> Iterator[Callable]:
    """Factory of apps on a given database, each with its own Redis prefix; closed at teardown."""
    apps = []

    def factory(database_url: str, **overrides):
        from web.app import create_app

        settings = {"DATABASE_URL": database_url, "REDIS_URL": REDIS_URL,
                    "TAGPAGE_CACHE_PREFIX": f"tagpage_test_{os.getpid()}_{next(_counter)}",
                    "TAGPAGE_ADMIN_TOKEN": None}
        settings.update(overrides)
        app = create_app(settings)
        apps.append((app, settings["TAGPAGE_CACHE_PREFIX"]))
        runtime = app.extensions["tagpage"]
        if runtime.listener is not None:
            assert runtime.listener.ready.wait(10), "invalidation listener did not start"
        return app

    yield factory
    for app, prefix in apps:
        app.extensions["tagpage"].close()
        delete_prefix(prefix)
