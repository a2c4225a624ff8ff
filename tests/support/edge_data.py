"""Hand-made edge-case data for the engine's oracle and paging tests.

Small (about a hundred rows) and built to break keyset paging and tag matching where it is most
likely to break:
- ids collide between the partitions (items 1..40 and auto 1..60, plus 0 and the largest
  bigint in both), and several colliding pairs also share created_at and quality_score, so only
  source_type orders them;
- created_at ties inside and across partitions, values one microsecond apart, far past/future;
- quality_score ties and values with no short decimal form in real (1/3, 0.1, 0.7);
- private rows of three users in both partitions; a user with no rows at all;
- tags from ~80% of rows down to one row, two tags on no row, rows with no tags, and a few
  rows carrying ten tags so that tag_match='all' with K = 10 still has an answer.
"""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import psycopg

from oracle import TagPool  # tests/ is on sys.path (pytest rootdir conftest)

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
QUALITIES = (0.0, 0.1, 0.5, 0.5, 1.0 / 3.0, 0.7, 1.0, -0.25, 0.5)
# Share of rows that carry each of t00..t09; t10 and t11 are on no row.
TAG_DENSITY = (0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.03, 0.0)


def _uuid(kind: int, n: int) -> str:
    return str(uuid.UUID(int=(kind << 64) | n))


USERS = {name: _uuid(0xA, n) for n, name in enumerate(("alice", "bob", "carol", "dave"), start=1)}
TAGS = [_uuid(0xB, n) for n in range(12)]
UNUSED_TAGS = TAGS[10:]
EVERYTHING_ROWS = (("items", 7), ("auto", 7), ("auto", 50))  # carry t00..t09


@dataclass(frozen=True)
class EdgeRow:
    source_type: str
    id: int
    creator: str
    is_private: bool
    quality_score: float
    created_at: datetime
    tags: tuple[str, ...]


def rows(seed: int = 2024) -> list[EdgeRow]:
    """The dataset, deterministic for a seed."""
    rng = random.Random(seed)
    # Few distinct instants (ties), a microsecond neighbour, and two outliers.
    instants = [T0 + timedelta(minutes=m) for m in range(12)]
    instants += [T0 + timedelta(minutes=3, microseconds=1), T0 + timedelta(minutes=3, microseconds=-1),
                 datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc),
                 datetime(2038, 1, 19, 3, 14, 8, tzinfo=timezone.utc)]
    creators = ["alice", "bob", "carol"]
    out: list[EdgeRow] = []
    shared: dict[int, tuple[datetime, float]] = {}
    for source, ids in (("items", range(1, 41)), ("auto", range(1, 61))):
        for i in ids:
            created = rng.choice(instants)
            quality = rng.choice(QUALITIES)
            if i % 5 == 0 or i == 7:
                # Same id, instant and score in both partitions: only source_type decides.
                created, quality = shared.setdefault(i, (created, quality))
            if (source, i) in EVERYTHING_ROWS:
                tags = tuple(TAGS[:10])
            elif i % 13 == 0:
                tags = ()
            else:
                tags = tuple(t for t, d in zip(TAGS, TAG_DENSITY) if rng.random() < d)
            out.append(EdgeRow(source, i, rng.choice(creators), rng.random() < 0.25,
                               quality, created, tags))
    # t09 is on the everything rows only (density 0). Make sure every user has private rows
    # in both partitions.
    for n, name in enumerate(creators):
        for source in ("items", "auto"):
            idx = next(k for k, r in enumerate(out) if r.source_type == source and r.id == 11 + n)
            r = out[idx]
            out[idx] = EdgeRow(r.source_type, r.id, name, True, r.quality_score, r.created_at, r.tags)
    # Extreme ids, colliding across the partitions with equal created_at and quality_score:
    # the largest bigint (a cursor that goes through a float loses it) and zero.
    for ident in (2**63 - 1, 0):
        for source in ("items", "auto"):
            out.append(EdgeRow(source, ident, "bob", False, 0.5, T0 + timedelta(minutes=5),
                               (TAGS[0], TAGS[1], TAGS[4])))
    return out


def load(conn: psycopg.Connection, seed: int = 2024) -> list[EdgeRow]:
    """Insert the dataset into a migrated, empty database and commit."""
    data = rows(seed)
    with conn.cursor() as cur:
        cur.executemany("insert into users (id, username) values (%s, %s)",
                        [(uid, f"edge-{name}") for name, uid in USERS.items()])
        cur.executemany("insert into tags (id, name) values (%s, %s)",
                        [(tid, f"edge-t{n:02d}") for n, tid in enumerate(TAGS)])
        cur.executemany(
            "insert into content_items_all (id, source_type, title, creator_id, is_private,"
            " quality_score, created_at, updated_at) values (%s, %s, %s, %s, %s, %s, %s, %s)",
            [(r.id, r.source_type, f"{r.source_type} #{r.id}", USERS[r.creator], r.is_private,
              r.quality_score, r.created_at, r.created_at) for r in data])
        cur.executemany(
            "insert into content_tags (content_id, content_source, tag_id) values (%s, %s, %s)",
            [(r.id, r.source_type, t) for r in data for t in r.tags])
        # Continue the shared sequence past the hand-picked ids so inserts can use the default.
        cur.execute("select setval('content_items_all_id_seq', 1000)")
    conn.commit()
    return data


def tag_pool() -> TagPool:
    """Requests draw mostly t00..t05, sometimes the sparse t06..t09 or the unused t10/t11."""
    return TagPool(common=TAGS[:6], other=TAGS[6:10], unused=list(UNUSED_TAGS))


def request_users() -> list[str | None]:
    """No user, users with public and private rows, and a user with no rows."""
    return [None, USERS["alice"], USERS["bob"], USERS["carol"], USERS["dave"]]
