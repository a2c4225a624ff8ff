"""The database servers one web process reads from: the primary and its streaming replicas.

Reads (pages, counts, tags) go round robin to the replicas that passed the last health check:
reachable, still in recovery (a standby, not a promoted server), and with a replay lag within
`max_lag_ms`. The primary is always the last candidate, and the only one for writes. A read that
fails on a replica for a connection-level reason marks it down and moves on to the next
candidate (web.service), so a replica dying mid-request costs a retry, not an error.

Lag is measured in time from WAL positions: every check samples the primary's WAL insert
position with the time it was seen; a replica's lag is how long ago the primary first had WAL
past the replica's replay position, and zero once it has replayed everything. An idle primary
therefore shows zero lag at once (`now() - pg_last_xact_replay_timestamp()` would grow for as
long as nothing is written). Resolution: one check interval.

A replica's connection pool exists only while the replica is up: it is closed when a check
fails and made afresh when one succeeds again, so a restarted standby is used at the next
check instead of after a pool's reconnection back-off.
"""
from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, ContextManager

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from web.cache import lsn_text, lsn_to_int

log = logging.getLogger("tagpage.servers")

PoolFactory = Callable[[str, str], ConnectionPool]
# How long the primary's WAL positions are remembered: lags longer than this read as this.
SAMPLE_WINDOW_SECONDS = 60.0


@dataclass
class Server:
    """One PostgreSQL server the app reads from, and what the last check found."""

    name: str                       # primary, replica1, replica2, ... (the metrics label)
    role: str                       # primary | replica
    url: str
    pool: ConnectionPool | None = None
    checkout_timeout: float = 10.0
    state: str = "unknown"          # ok | lagging | down | not_standby | unknown
    lag_ms: float | None = None
    replay_lsn: int | None = None
    error: str | None = None
    checked_at: float | None = None  # time.monotonic() of the last check
    check_conn: psycopg.Connection | None = field(default=None, repr=False)

    @property
    def address(self) -> str:
        params = conninfo_to_dict(self.url)
        return f"{params.get('host', 'localhost')}:{params.get('port', '5432')}"

    @property
    def usable(self) -> bool:
        return self.pool is not None and (self.role == "primary" or self.state == "ok")

    def connection(self) -> ContextManager[psycopg.Connection]:
        pool = self.pool
        if pool is None:
            raise psycopg.OperationalError(f"{self.name} is down")
        return pool.connection(timeout=self.checkout_timeout)

    def describe(self) -> dict:
        """What /api/v1/health shows of this server (never its credentials)."""
        out = {"name": self.name, "role": self.role, "address": self.address, "state": self.state}
        if self.role == "replica":
            out["lag_ms"] = None if self.lag_ms is None else round(self.lag_ms, 1)
            out["replay_lsn"] = None if self.replay_lsn is None else lsn_text(self.replay_lsn)
        if self.checked_at is not None:
            out["checked_ms_ago"] = round((time.monotonic() - self.checked_at) * 1000)
        if self.error:
            out["error"] = self.error
        return out


def replay_lag_ms(samples: deque[tuple[float, int]], replay_lsn: int, now: float) -> float:
    """Milliseconds since the primary was first seen with WAL past `replay_lsn` (samples are
    (time, WAL position), oldest first); 0 when the replica has replayed the latest sample."""
    for seen_at, lsn in samples:
        if lsn > replay_lsn:
            return (now - seen_at) * 1000
    return 0.0


class ServerSet:
    """The primary and the replicas of one process, their health, and the order reads try them."""

    def __init__(self, primary: Server, replicas: list[Server], *, pool_factory: PoolFactory | None = None,
                 max_lag_ms: float = 1000.0, check_seconds: float = 0.25,
                 on_check: Callable[["ServerSet"], None] | None = None,
                 on_query: Callable[[str, float, str | None], None] | None = None) -> None:
        self.primary = primary
        self.replicas = replicas
        self.pool_factory = pool_factory
        self.max_lag_ms = max_lag_ms
        self.check_seconds = check_seconds
        self.on_check = on_check
        self.on_query = on_query  # (server name, seconds, error code or None) per database call
        self.samples: deque[tuple[float, int]] = deque()
        self._turn = itertools.count()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def single(cls, pool: ConnectionPool) -> "ServerSet":
        """Just a primary, for callers that hold a plain pool (the CLI)."""
        return cls(Server("primary", "primary", pool.conninfo, pool=pool, state="ok"), [])

    @property
    def servers(self) -> list[Server]:
        return [self.primary, *self.replicas]

    # ----- routing -------------------------------------------------------------------------
    def readers(self) -> list[Server]:
        """Where a read goes, in order: the healthy replicas, starting with the next one in
        turn, then the primary."""
        healthy = [r for r in self.replicas if r.usable]
        if healthy:
            start = next(self._turn) % len(healthy)
            healthy = healthy[start:] + healthy[:start]
        return healthy + [self.primary]

    def failed(self, server: Server, exc: BaseException) -> None:
        """A call on `server` failed at the connection level: skip it until a check passes."""
        if server.role == "replica":
            server.state = "down"
            server.error = f"{type(exc).__name__}: {str(exc).strip()[:200]}"
            log.warning("read on %s failed (%s); retrying elsewhere", server.name, server.error)

    def record(self, server: Server, seconds: float, error: str | None = None) -> None:
        if self.on_query is not None:
            self.on_query(server.name, seconds, error)

    # ----- health --------------------------------------------------------------------------
    def start(self) -> None:
        """One check now (so the first requests already use the replicas), then a checker
        thread. Without replicas there is nothing to route, and no thread."""
        if not self.replicas:
            return
        self.check()
        self._thread = threading.Thread(target=self._run, name="tagpage-servers", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.check_seconds):
            try:
                self.check()
            except Exception:  # noqa: BLE001 - the checker must outlive any surprise
                log.exception("server check failed")

    def check(self) -> None:
        """Sample the primary's WAL position, then judge every replica against it."""
        now = time.monotonic()
        primary_lsn = self._probe(self.primary, "select pg_current_wal_insert_lsn()::text")
        if primary_lsn is not None:
            self.primary.state, self.primary.error = "ok", None
            if not self.samples or self.samples[-1][1] != primary_lsn:
                self.samples.append((now, primary_lsn))
            while len(self.samples) > 1 and now - self.samples[0][0] > SAMPLE_WINDOW_SECONDS:
                self.samples.popleft()
        for replica in self.replicas:
            self._check_replica(replica, primary_known=primary_lsn is not None)
        if self.on_check is not None:
            self.on_check(self)

    def _check_replica(self, replica: Server, primary_known: bool) -> None:
        row = self._probe(replica, "select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text", whole_row=True)
        if row is None:
            replica.state = "down"
            self._close_pool(replica)
            return
        in_recovery, replay = row
        if not in_recovery or replay is None:
            replica.state, replica.error = "not_standby", "the server is not in recovery"
            self._close_pool(replica)
            return
        replica.replay_lsn = lsn_to_int(replay)
        # The primary unreachable: lag cannot be measured; a reachable standby still serves reads.
        replica.lag_ms = replay_lag_ms(self.samples, replica.replay_lsn, time.monotonic()) if primary_known else None
        if replica.pool is None and not self._open_pool(replica):
            return
        replica.error = None
        replica.state = "lagging" if replica.lag_ms is not None and replica.lag_ms > self.max_lag_ms else "ok"

    def _probe(self, server: Server, query: str, whole_row: bool = False):
        """Run a one-row health query on the server's own check connection; None on failure
        (the reason is kept in server.error)."""
        server.checked_at = time.monotonic()
        try:
            if server.check_conn is None or server.check_conn.closed:
                # tcp_user_timeout bounds a probe of a server that stopped answering (a libpq
                # setting, not a server option, so it also passes a transaction pooler).
                server.check_conn = psycopg.connect(
                    server.url, autocommit=True, connect_timeout=2, tcp_user_timeout=3000,
                    prepare_threshold=None, application_name="tagpage-health")
            row = server.check_conn.execute(query).fetchone()
        except psycopg.Error as exc:
            server.error = f"{type(exc).__name__}: {str(exc).strip()[:200]}"
            if server.check_conn is not None:
                server.check_conn.close()
                server.check_conn = None
            return None
        if whole_row:
            return row
        return lsn_to_int(row[0])

    def _open_pool(self, replica: Server) -> bool:
        if self.pool_factory is None:
            return False
        pool = self.pool_factory(replica.url, replica.name)
        try:
            pool.open(wait=True, timeout=5)
        except Exception as exc:  # noqa: BLE001 - psycopg_pool raises PoolTimeout and friends
            pool.close(timeout=0)
            replica.state, replica.error = "down", f"pool did not open: {exc}"
            return False
        replica.pool = pool
        return True

    def _close_pool(self, replica: Server) -> None:
        pool, replica.pool = replica.pool, None
        if pool is not None:
            pool.close(timeout=0)

    def describe(self) -> list[dict]:
        return [server.describe() for server in self.servers]

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        for server in self.servers:
            if server.check_conn is not None:
                server.check_conn.close()
            if server.pool is not None:
                server.pool.close()
