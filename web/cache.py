"""Redis cache of gallery pages, invalidated by the database's NOTIFY messages.

Keys (prefix defaults to `tagpage`, `TAGPAGE_CACHE_PREFIX` overrides it):

    <prefix>:gen:src:<items|auto>      generation of every page that reads that source
    <prefix>:gen:notag:<items|auto>    generation of pages reading that source that a row carrying
                                       none of their tags can enter (no tag filter, `-nsfw`);
                                       every targeted write to the source moves it
    <prefix>:gen:tag:<uuid>            generation of pages whose filter names that tag
    <prefix>:v<SCHEMA>:<rev>:page:<sha256>     one cached page (JSON), with a TTL
    <prefix>:v<SCHEMA>:<rev>:count:<sha256>    one filter's total (unified_content_count)
    <prefix>:v<SCHEMA>:<rev>:related:<sha256>  one filter's related tags, per limit
    <prefix>:stats                     hash of hit/miss/... counters summed over processes
    <prefix>:lsn                       WAL watermark: the highest primary WAL position recorded
                                       with any invalidation applied so far (16 hex digits)

A page's key hashes its canonical request (sorted tag ids, match mode, sorted source words, user,
sort, page size, cursor, and a tag query's normal form: see TagQueryKey) together with the current
values of the generations it depends on: its sources', every tag its filter names (a tag query's
too, negated ones included), and the tag-less generations of its sources when a row carrying none
of those tags can match (no tag filter, or a query such as `-nsfw`).
Counts and related tags hash the filter alone (no sort, size or cursor: every page of a result
shares one total) with the same generations, so the same writes invalidate them. The
invalidation listener replaces a generation with a fresh unique token, so every key built from
the old value becomes unreachable at once and expires through its TTL; nothing is scanned or
deleted on the write path. Tokens are unique (time + random), never counters, so a generation
key that is lost and re-created can never bring back an old page.

Read replicas: a page read from a streaming replica is stored only when the replica had replayed
the primary's WAL up to the watermark read together with the page's generations (see
docs/caching.md, "Read replicas"): every invalidation that could have moved those generations
belongs to a write at or below the watermark, so the page already contains it.

Redis being down or slow never fails a request: every call has a socket timeout of tens of
milliseconds, a failure opens a short circuit (requests skip Redis and report cache "off") and
is logged at most once per interval.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from db.settings import load_config

log = logging.getLogger("tagpage.cache")

# Bump when the cached payload's layout changes: old entries then simply stop being read.
SCHEMA_VERSION = 1
SOURCE_WORDS = ("community-auto", "community-regular", "user-auto", "user-regular")
# Which partition each source word reads; a page depends on the generations of these.
WORD_PARTITION = {
    "user-regular": "items",
    "community-regular": "items",
    "user-auto": "auto",
    "community-auto": "auto",
}
PARTITIONS = ("auto", "items")
STAT_FIELDS = ("hits", "misses", "bypass", "off", "stores", "errors", "invalidations", "flushes",
               "replica_behind")

# Raise the watermark to ARGV[1] (never lower it: listeners of several processes apply the same
# messages in any order), then give every generation in KEYS[2..] the fresh token ARGV[2]. One
# script, so no reader can see a new generation without the watermark of its write. LSNs are
# fixed-width hex, so Lua's string comparison orders them.
_APPLY_SCRIPT = """
local current = redis.call('GET', KEYS[1])
if (not current) or current < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end
for i = 2, #KEYS do redis.call('SET', KEYS[i], ARGV[2]) end
return #KEYS - 1
"""


def lsn_to_int(text: str) -> int:
    """PostgreSQL's pg_lsn text ('16/B374D848') as an integer."""
    high, _, low = text.partition("/")
    return (int(high, 16) << 32) | int(low, 16)


def lsn_text(value: int) -> str:
    """An integer WAL position in PostgreSQL's spelling."""
    return f"{value >> 32:X}/{value & 0xFFFFFFFF:X}"


def new_token() -> str:
    """A generation value never used before (nanosecond clock plus randomness)."""
    return f"{time.time_ns():x}-{os.urandom(4).hex()}"


@dataclass(frozen=True)
class TagQueryKey:
    """A boolean tag query as the cache sees it: its normal form, from the engine.

    `text` renders the normal form the way tagpage_tag_query_normalize's "text" does (docs/api.md,
    "Tag queries"): two spellings of one query share it, two different queries never do. Names
    are resolved to ids for each request, so the text follows renames, deletions and new case
    variants of the tags a query names.
    `tags` are the ids it uses, negated ones included; `untagged` says whether a row carrying none
    of them matches (`-nsfw` does, `cat or -dog` does, `cat -dog` does not).
    """

    text: str
    tags: tuple[str, ...]
    untagged: bool

    @classmethod
    def from_normal_form(cls, tags: list[str], expr: dict[str, Any]) -> "TagQueryKey":
        """From the engine's normal form: tag ids, and the tree whose leaves point into them."""
        ids = [str(t).lower() for t in tags]
        return cls(_render(expr, ids), tuple(sorted(set(ids))), _holds_untagged(expr))


def _render(node: dict[str, Any], ids: list[str]) -> str:
    """The normal form's text: a tag is its uuid, a negated tag `-uuid`, AND / OR `and(...)` /
    `or(...)` of their children's texts in sorted order, constants `true` / `false`."""
    op = node["op"]
    if op in ("true", "false"):
        return op
    if op == "tag":
        return ids[node["i"] - 1]
    if op == "not":
        return "-" + ids[node["i"] - 1]
    return f"{op}({','.join(sorted(_render(arg, ids) for arg in node['args']))})"


def _holds_untagged(node: dict[str, Any]) -> bool:
    """Whether the normal form holds for a row carrying none of its tags (NOT is at the leaves)."""
    op = node["op"]
    if op in ("true", "false"):
        return op == "true"
    if op in ("tag", "not"):
        return op == "not"
    held = (_holds_untagged(arg) for arg in node["args"])
    return all(held) if op == "and" else any(held)


@dataclass(frozen=True)
class PageQuery:
    """One request of unified_content_page, in canonical form (the cache key's input)."""

    tags: tuple[str, ...] = ()
    tag_match: str = "all"
    source_types: tuple[str, ...] = SOURCE_WORDS
    user_id: str | None = None
    sort: str = "created_at_desc"
    page_size: int = 25
    cursor: str | None = None
    # The tag query as the client wrote it (what SQL is called with; never part of a key) and its
    # normal form (what keys hold; None when the text filters nothing).
    tag_query: str | None = None
    query: TagQueryKey | None = None

    @classmethod
    def create(cls, tags: Iterable[str] = (), tag_match: str = "all",
               source_types: Iterable[str] | None = None, user_id: str | None = None,
               sort: str = "created_at_desc", page_size: int = 25,
               cursor: str | None = None, tag_query: str | None = None,
               query: TagQueryKey | None = None) -> "PageQuery":
        """Normalise: equal requests must build equal keys, whatever order their lists came in."""
        tag_ids = tuple(sorted({str(t).lower() for t in tags}))
        words = tuple(sorted(set(source_types))) if source_types else SOURCE_WORDS
        # With zero or one tag, 'all' and 'any' select the same rows: share one key.
        match = tag_match if len(tag_ids) > 1 else "all"
        return cls(tag_ids, match, words, str(user_id).lower() if user_id else None, sort,
                   int(page_size), cursor or None, tag_query or None, query)

    def _filter_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"tags": list(self.tags), "match": self.tag_match,
                                  "src": list(self.source_types), "user": self.user_id}
        if self.query is not None:  # absent otherwise, so keys without a query stay as they were
            fields["q"] = self.query.text
        return fields

    def canonical_filter(self) -> str:
        """Compact, key-sorted JSON of the filter alone: what a count or related tags depend on."""
        return json.dumps(self._filter_fields(), sort_keys=True, separators=(",", ":"))

    def canonical(self) -> str:
        """Compact, key-sorted JSON of the request."""
        return json.dumps(
            self._filter_fields() | {"sort": self.sort, "size": self.page_size, "cursor": self.cursor},
            sort_keys=True, separators=(",", ":"),
        )

    def filter_tags(self) -> tuple[str, ...]:
        """Every tag id the filter names: the tags and the query's (negated ones too)."""
        return tuple(sorted(set(self.tags) | set(self.query.tags if self.query else ())))

    def matches_untagged(self) -> bool:
        """Whether a row carrying none of filter_tags() can be selected."""
        return not self.tags and (self.query is None or self.query.untagged)

    def partitions(self) -> tuple[str, ...]:
        """The partitions (items/auto) this request reads."""
        return tuple(sorted({WORD_PARTITION[w] for w in self.source_types if w in WORD_PARTITION}))


@dataclass
class Lookup:
    """Result of a cache read: outcome is hit, miss or off; key is where to store on a miss."""

    outcome: str
    value: dict[str, Any] | None = None
    key: str | None = None
    # The WAL watermark read with the generations (None: not known, e.g. no listener ran yet).
    watermark: int | None = None


@dataclass
class _Counters:
    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAT_FIELDS, 0))
    unflushed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAT_FIELDS, 0))
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Called with (name, n) on every add: the web app's metrics count the same events.
    on_add: Callable[[str, int], None] | None = None

    def add(self, name: str, n: int = 1) -> None:
        with self.lock:
            self.values[name] += n
            self.unflushed[name] += n
        if self.on_add is not None:
            self.on_add(name, n)

    def take_unflushed(self) -> dict[str, int]:
        with self.lock:
            taken = {k: v for k, v in self.unflushed.items() if v}
            self.unflushed = dict.fromkeys(STAT_FIELDS, 0)
            return taken


class PageCache:
    """Gallery pages in Redis, keyed by canonical request and invalidation generations."""

    def __init__(self, redis_url: str | None, *, prefix: str | None = None,
                 ttl_seconds: int | None = None, socket_timeout_ms: int | None = None,
                 error_log_interval_seconds: float | None = None,
                 retry_after_seconds: float | None = None, db_revision: str = "") -> None:
        section = load_config().get("cache", {})
        self.prefix = prefix or os.environ.get("TAGPAGE_CACHE_PREFIX") or "tagpage"
        self.ttl_seconds = int(ttl_seconds if ttl_seconds is not None else section.get("ttl_seconds", 60))
        timeout_ms = socket_timeout_ms if socket_timeout_ms is not None else section.get("socket_timeout_ms", 50)
        self.error_log_interval = float(
            error_log_interval_seconds if error_log_interval_seconds is not None
            else section.get("error_log_interval_seconds", 30))
        # After a failure, skip Redis this long so a dead server costs one timeout, not one per request.
        self.retry_after = float(retry_after_seconds if retry_after_seconds is not None
                                 else section.get("retry_after_seconds", 1.0))
        self.db_revision = db_revision
        self.counters = _Counters()
        self._down_until = 0.0
        self._last_error_log = 0.0
        self._suppressed = 0
        self._error_lock = threading.Lock()
        self.enabled = bool(redis_url) and redis_url.lower() not in ("off", "none", "disabled")
        self._apply: Any = None  # the registered _APPLY_SCRIPT, made on first use
        self.redis: redis.Redis | None = None
        if self.enabled:
            self.redis = redis.Redis.from_url(
                redis_url,
                socket_timeout=timeout_ms / 1000.0,
                socket_connect_timeout=timeout_ms / 1000.0,
                retry=Retry(NoBackoff(), 0),  # a retry would double the time lost to a dead server
                retry_on_timeout=False,
                health_check_interval=0,
            )

    # ----- keys -----------------------------------------------------------------------------
    def gen_key(self, kind: str, name: str) -> str:
        return f"{self.prefix}:gen:{kind}:{name}"

    def page_prefix(self, kind: str = "page") -> str:
        """Prefix of cached values of one kind: page, count or related."""
        return f"{self.prefix}:v{SCHEMA_VERSION}:{self.db_revision or 'r'}:{kind}:"

    def stats_key(self) -> str:
        return f"{self.prefix}:stats"

    def watermark_key(self) -> str:
        return f"{self.prefix}:lsn"

    def dependencies(self, query: PageQuery) -> list[str]:
        """Generation keys a page depends on (see the module docstring)."""
        # A write announces every tag its rows carry, before and after: a row that carries one of
        # the filter's tags is covered by that tag's generation. A row carrying none is covered
        # only by the tag-less generations, which every write to its source moves.
        parts = query.partitions()
        keys = [self.gen_key("src", p) for p in parts]
        keys += [self.gen_key("tag", t) for t in query.filter_tags()]
        if query.matches_untagged():
            keys += [self.gen_key("notag", p) for p in parts]
        return keys

    # ----- failure handling -----------------------------------------------------------------
    def available(self) -> bool:
        """False when disabled or inside the pause after a failure."""
        return self.enabled and time.monotonic() >= self._down_until

    def _failed(self, exc: Exception, what: str) -> None:
        """Open the circuit and log, at most once per interval, how many failures there were."""
        self.counters.add("errors")
        now = time.monotonic()
        with self._error_lock:
            self._down_until = now + self.retry_after
            if now - self._last_error_log >= self.error_log_interval:
                log.warning("redis unavailable during %s (%s: %s); serving from PostgreSQL "
                            "(%d more failures since the last message)",
                            what, type(exc).__name__, exc, self._suppressed)
                self._last_error_log = now
                self._suppressed = 0
            else:
                self._suppressed += 1

    # ----- read / write ---------------------------------------------------------------------
    def _generations(self, keys: list[str]) -> tuple[list[str], int | None]:
        """Current values of generation keys (missing ones are created with a fresh token) and
        the WAL watermark, read in the same MGET so the two agree."""
        assert self.redis is not None
        read = keys + [self.watermark_key()]
        values = self.redis.mget(read)
        missing = [k for k, v in zip(keys, values) if v is None]
        if missing:
            pipe = self.redis.pipeline(transaction=False)
            for key in missing:
                pipe.set(key, new_token(), nx=True)
            pipe.mget(read)
            values = pipe.execute()[-1]
        text = [v.decode() if isinstance(v, bytes) else v for v in values]
        watermark = int(text[-1], 16) if text[-1] else None
        return [str(v) for v in text[:-1]], watermark

    def _key(self, query: PageQuery, kind: str = "page", extra: str = "") -> tuple[str, int | None]:
        """The data key under the current generations, and the WAL watermark read with them: a
        page, or (kind count or related) the filter's total or related tags, `extra` telling
        apart variants (a limit)."""
        deps = self.dependencies(query)
        gens, watermark = self._generations(deps)
        request = query.canonical() if kind == "page" else f"{query.canonical_filter()}|{extra}"
        material = request + "|" + ",".join(f"{k}={v}" for k, v in zip(deps, gens))
        return self.page_prefix(kind) + hashlib.sha256(material.encode()).hexdigest(), watermark

    def page_key(self, query: PageQuery, kind: str = "page", extra: str = "") -> str:
        """The data key for `query` under the current generations (see _key)."""
        return self._key(query, kind, extra)[0]

    def lookup(self, query: PageQuery, kind: str = "page", extra: str = "") -> Lookup:
        """Read a page (or a count, related tags: see page_key). Generations are read before the
        caller queries PostgreSQL, so a write committed meanwhile bumps them and the value stored
        under the old key is never read. The hit/miss/off counters are the pages' only."""
        counted = kind == "page"
        if not self.available():
            if counted:
                self.counters.add("off")
            return Lookup("off")
        try:
            key, watermark = self._key(query, kind, extra)
            raw = self.redis.get(key)  # type: ignore[union-attr]
        except (redis.RedisError, OSError) as exc:
            self._failed(exc, "lookup")
            if counted:
                self.counters.add("off")
            return Lookup("off")
        if raw is None:
            if counted:
                self.counters.add("misses")
            return Lookup("miss", None, key, watermark)
        if counted:
            self.counters.add("hits")
        return Lookup("hit", json.loads(raw), key, watermark)

    def may_store(self, lookup: Lookup, replay_lsn: int | None, counted: bool = True) -> bool:
        """Whether a value read after `lookup` may be stored under its key. `replay_lsn` is the
        WAL position the answering replica had replayed before its query, None for the primary
        (whose snapshot holds every committed write). A replica's value is stored only when it
        had replayed every write whose invalidation was applied before the lookup. `counted`: a
        page (the replica_behind counter is the pages' only, like hits and misses)."""
        if lookup.outcome != "miss":
            return False
        if replay_lsn is None:
            return True
        if lookup.watermark is not None and replay_lsn >= lookup.watermark:
            return True
        if counted:
            self.counters.add("replica_behind")
        return False

    def store(self, key: str | None, value: dict[str, Any], counted: bool = True) -> bool:
        """Write a value under the key a miss returned; False (never an exception) on failure.
        `counted`: a page (the stores counter is the pages' only, like hits and misses)."""
        if key is None or not self.available():
            return False
        try:
            self.redis.set(key, dumps(value), ex=self.ttl_seconds)  # type: ignore[union-attr]
        except (redis.RedisError, OSError) as exc:
            self._failed(exc, "store")
            return False
        if counted:
            self.counters.add("stores")
        return True

    def note_bypass(self) -> None:
        self.counters.add("bypass")

    # ----- invalidation ---------------------------------------------------------------------
    def apply_message(self, payload: str, lsn: int | None = None) -> int:
        """Apply one NOTIFY payload from the triggers; returns how many generations changed.

        `lsn`: the primary's WAL insert position read after the message arrived (so at or past
        the writing transaction's commit); it raises the watermark in the same step. Raises
        redis errors: the listener must know a message was not applied.
        """
        message = json.loads(payload)
        if "flush" in message:
            self.flush(message["flush"] or PARTITIONS, lsn)
            return len(message["flush"] or PARTITIONS)
        keys = [self.gen_key("tag", t) for t in message.get("tags", [])]
        keys += [self.gen_key("notag", s) for s in message.get("src", [])]
        self._bump(keys, lsn)
        self.counters.add("invalidations")
        return len(keys)

    def flush(self, partitions: Iterable[str] = PARTITIONS, lsn: int | None = None) -> None:
        """Invalidate every page reading these partitions. Raises redis errors."""
        self._bump([self.gen_key("src", p) for p in partitions], lsn)
        self.counters.add("flushes")

    def watermark_missing(self) -> bool:
        """True when the WAL watermark is gone (evicted, deleted, never set). Raises redis errors."""
        return self.redis is not None and not self.redis.exists(self.watermark_key())

    def ensure_watermark(self, lsn: int) -> None:
        """Re-create a lost watermark from a WAL position read after the loss was seen (so at or
        past every write committed before it); a watermark set meanwhile is kept. Raises redis
        errors."""
        if self.redis is not None:
            self.redis.set(self.watermark_key(), f"{lsn:016x}", nx=True)

    def _bump(self, keys: list[str], lsn: int | None = None) -> None:
        if self.redis is None:
            return
        if lsn is not None:
            if self._apply is None:
                self._apply = self.redis.register_script(_APPLY_SCRIPT)
            self._apply(keys=[self.watermark_key(), *keys], args=[f"{lsn:016x}", new_token()])
            return
        if not keys:
            return
        pipe = self.redis.pipeline(transaction=False)
        for key in keys:
            pipe.set(key, new_token())
        pipe.execute()

    def clear(self) -> int:
        """Delete every page and generation under this prefix; returns keys deleted."""
        assert self.redis is not None
        deleted = 0
        for pattern in (f"{self.prefix}:v*:page:*", f"{self.prefix}:v*:count:*",
                        f"{self.prefix}:v*:related:*", f"{self.prefix}:gen:*"):
            batch: list[bytes] = []
            for key in self.redis.scan_iter(match=pattern, count=1000):
                batch.append(key)
                if len(batch) >= 500:
                    deleted += self.redis.unlink(*batch)
                    batch = []
            if batch:
                deleted += self.redis.unlink(*batch)
        return deleted

    # ----- statistics -----------------------------------------------------------------------
    def publish_counters(self) -> None:
        """Add this process's counters since the last call to the shared stats hash."""
        if not self.available():
            return
        taken = self.counters.take_unflushed()
        if not taken:
            return
        try:
            pipe = self.redis.pipeline(transaction=False)  # type: ignore[union-attr]
            for name, n in taken.items():
                pipe.hincrby(self.stats_key(), name, n)
            pipe.execute()
        except (redis.RedisError, OSError) as exc:
            self._failed(exc, "publish_counters")

    def stats(self) -> dict[str, Any]:
        """Shared counters plus the number of cached pages and Redis memory in use."""
        assert self.redis is not None
        self.publish_counters()
        raw = self.redis.hgetall(self.stats_key())
        shared = {k.decode(): int(v) for k, v in raw.items()}
        pages = sum(1 for _ in self.redis.scan_iter(match=f"{self.prefix}:v*:page:*", count=1000))
        memory = self.redis.info("memory").get("used_memory_human")
        result: dict[str, Any] = {name: shared.get(name, 0) for name in STAT_FIELDS}
        lookups = result["hits"] + result["misses"]
        result["hit_ratio"] = round(result["hits"] / lookups, 4) if lookups else None
        result["pages"] = pages
        result["redis_used_memory"] = memory
        return result

    def ping(self) -> bool:
        """True when Redis answers within the socket timeout."""
        if not self.enabled:
            return False
        try:
            return bool(self.redis.ping())  # type: ignore[union-attr]
        except (redis.RedisError, OSError) as exc:
            self._failed(exc, "ping")
            return False

    def close(self) -> None:
        if self.redis is not None:
            self.redis.close()


def dumps(value: dict[str, Any]) -> str:
    """Serialise a page payload. Payloads are already JSON types (see web.service.to_json_row),
    so loads(dumps(x)) == x for every field, floats included (repr round-trips)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
