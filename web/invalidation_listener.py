"""LISTEN tagpage_invalidate and turn each message into cache generation bumps.

Runs as a daemon thread of the web app (one per process) or in the foreground through
`tagpage cache listen`. It never lets an invalidation fall through a gap: when the LISTEN
connection is (re)opened, or a message could not be applied because Redis failed, it flushes
every source as soon as Redis answers again, because writes made during the gap are unknown.

Each batch of messages is applied with the primary's WAL insert position read after the batch
arrived (at or past every announced write's commit): the cache's watermark, which decides
whether a page read from a read replica may be stored (web/cache.py). The listener
therefore connects to the primary itself, never to a standby, nor through a transaction pooler
(LISTEN needs its own session).
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

import psycopg
import redis

from web.cache import PageCache, lsn_to_int

log = logging.getLogger("tagpage.invalidation")
CHANNEL = "tagpage_invalidate"


class InvalidationListener:
    """One LISTEN connection feeding one PageCache."""

    def __init__(self, database_url: str, cache: PageCache, *, poll_seconds: float = 0.25,
                 reconnect_seconds: float = 1.0, stats_interval_seconds: float = 2.0,
                 on_message: Callable[[str], None] | None = None,
                 on_state: Callable[[bool], None] | None = None) -> None:
        self.database_url = database_url
        self.cache = cache
        self.poll_seconds = poll_seconds
        self.reconnect_seconds = reconnect_seconds
        self.stats_interval = stats_interval_seconds
        self.on_message = on_message
        self.on_state = on_state  # called with True/False when LISTEN becomes active/inactive
        self.ready = threading.Event()  # set once LISTEN is active (tests wait on it)
        self.messages = 0
        self.pending_flush = False
        self._last_stats = time.monotonic()
        self._last_error_log = 0.0

    def run(self, stop: threading.Event) -> None:
        """Listen until `stop` is set, reconnecting after failures."""
        while not stop.is_set():
            try:
                with psycopg.connect(self.database_url, autocommit=True,
                                     application_name="tagpage-invalidation") as conn:
                    if conn.execute("select pg_is_in_recovery()").fetchone()[0]:
                        raise psycopg.OperationalError("the invalidation listener needs the primary, "
                                                       "this server is a standby")
                    conn.execute(f"listen {CHANNEL}")
                    # Writes committed before LISTEN took effect were not heard: start clean.
                    self.pending_flush = True
                    self._retry_flush(conn)
                    self._set_ready(True)
                    while not stop.is_set():
                        batch = [n.payload for n in conn.notifies(timeout=self.poll_seconds, stop_after=1)]
                        if batch:
                            batch += [n.payload for n in conn.notifies(timeout=0)]
                            lsn = wal_insert_lsn(conn)
                            for payload in batch:
                                self.handle(payload, lsn)
                        self._retry_flush(conn)
                        self._maybe_publish_stats(conn)
            except psycopg.Error as exc:
                self._set_ready(False)
                self._log_error(f"LISTEN connection failed ({exc}); retrying")
                stop.wait(self.reconnect_seconds)
        self._set_ready(False)

    def _set_ready(self, up: bool) -> None:
        if up:
            self.ready.set()
        else:
            self.ready.clear()
        if self.on_state is not None:
            self.on_state(up)

    def handle(self, payload: str, lsn: int | None = None) -> None:
        """Apply one message (`lsn`: see the module docstring); on a Redis failure remember to
        flush everything later."""
        self.messages += 1
        if self.on_message is not None:
            self.on_message(payload)
        if not self.cache.enabled:
            return
        try:
            self.cache.apply_message(payload, lsn)
        except (redis.RedisError, OSError) as exc:
            self.pending_flush = True
            self.cache.counters.add("errors")
            self._log_error(f"could not apply invalidation ({exc}); will flush when Redis is back")
        except ValueError as exc:
            # Not ours or garbled: the safe reading of an unknown write is "everything changed".
            self.pending_flush = True
            self._log_error(f"unreadable invalidation payload {payload[:200]!r} ({exc})")

    def _retry_flush(self, conn: psycopg.Connection | None = None) -> None:
        if not self.pending_flush or not self.cache.enabled:
            return
        try:
            self.cache.flush(lsn=wal_insert_lsn(conn) if conn is not None else None)
            self.pending_flush = False
        except (redis.RedisError, OSError) as exc:
            self._log_error(f"flush after a missed invalidation failed ({exc}); retrying")

    def _maybe_publish_stats(self, conn: psycopg.Connection) -> None:
        now = time.monotonic()
        if now - self._last_stats >= self.stats_interval:
            self._last_stats = now
            self.cache.publish_counters()
            if self.cache.available():
                try:
                    # The position is read after the watermark was seen missing, so it is past
                    # every write whose invalidation was applied before the loss.
                    if self.cache.watermark_missing():
                        self.cache.ensure_watermark(wal_insert_lsn(conn))
                except (redis.RedisError, OSError) as exc:
                    self._log_error(f"could not check the WAL watermark ({exc})")

    def _log_error(self, text: str) -> None:
        now = time.monotonic()
        if now - self._last_error_log >= self.cache.error_log_interval:
            self._last_error_log = now
            log.warning(text)


def wal_insert_lsn(conn: psycopg.Connection) -> int:
    """The primary's current WAL insert position: past the end of every record inserted so far,
    commit records of asynchronous commits included."""
    return lsn_to_int(conn.execute("select pg_current_wal_insert_lsn()::text").fetchone()[0])


def start_thread(database_url: str, cache: PageCache,
                 **kwargs) -> tuple[InvalidationListener, threading.Event, threading.Thread]:
    """Start a daemon listener thread; set the returned event to stop it."""
    listener = InvalidationListener(database_url, cache, **kwargs)
    stop = threading.Event()
    thread = threading.Thread(target=listener.run, args=(stop,), name="tagpage-invalidation",
                              daemon=True)
    thread.start()
    return listener, stop, thread
