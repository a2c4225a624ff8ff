"""`tagpage bench`: legacy, upstream and tagpage side by side, planner regret, scale ladder.

One run, on demo data of one profile and scale:
1. the gallery's failing requests (canonical, any-of-two, detailed repeat, no tags, page 1 and
   page 400) through legacy SQL, upstream SQL, tagpage SQL and tagpage HTTP (cache bypassed,
   and cached), and four boolean tag queries through the same paths but legacy, which has none;
2. a seeded mixed workload through the same paths, then a seeded sample of boolean tag queries;
3. planner regret: every workload request again with each strategy forced;
4. result counts and related tags over the whole workload, beside the exact COUNT(*), and a
   page with its total over HTTP against the page alone (bench/counts.py);
then tables on the terminal, a JSON file under bench/results/ and, with --plot, a PNG.

Upstream (bench/upstream.py) is the plain keyset query a gallery would write today; it is
timed next to tagpage SQL, the two alternating call by call, so their ratio compares samples taken
together, and it must return tagpage's rows in tagpage's order. Each upstream statement runs
under a statement_timeout: a request that hits it is reported as ">= timeout", never waited for.

Timing is time.perf_counter() around the full call (execute and fetch every row, or the whole
HTTP round trip including JSON decoding), after warm-up runs. Nothing here tunes the engine; a
missed target is reported as missed.
"""
from __future__ import annotations

import hashlib
import math
import signal
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

import click
import psycopg
from psycopg import errors, sql
from psycopg.conninfo import make_conninfo

from bench import counts as bench_counts
from bench import paths
from bench import report
from bench import workload as wl
from bench.workload import Request

PAGE_400_DEPTH = 399 * 25  # rows before page 400 at 25 per page: legacy OFFSET 9975
DETAILED_REPEAT_RUNS = 5   # the gallery's "detailed" measurement: 5 runs, averaged
LEGACY_TIMEOUT_MS = 60_000  # a legacy call slower than this is recorded as censored
SAME_ROWS = "same rows"
NO_LEGACY = "n/a: the legacy query has no tag queries"
HTTP_TOTALS_GALLERY = ("canonical", "any_two_tags", "no_tags", "page_400")


class BenchError(RuntimeError):
    """The bench cannot run (engine not installed, no data, ...)."""


@dataclass
class Options:
    """What one bench run does; defaults are `make bench`'s."""

    profile: str = "genonaut"
    scale: float = 0.1
    seed: int = 42
    requests: int = 300
    boolean_requests: int = 60  # the seeded sample of boolean tag queries after the workload
    # timed runs per canonical query on the tagpage paths: with ten, a gallery ratio moved by
    # ~0.1 between runs of the same code; thirty cost a few seconds more
    reps: int = 30
    legacy_reps: int = 5       # timed runs per canonical query on the legacy path
    workload_reps: int = 3     # timed runs per workload request and path (median kept)
    warmup: int = 2            # untimed runs before timing a canonical query on each path
    http: str = "server"       # server (gunicorn) | client (Flask test client) | off
    redis_url: str | None = None
    regret: bool = True
    workload_legacy: bool = True
    workload_legacy_sample: int = 50     # legacy runs on this many workload requests (evenly spread)
    workload_legacy_timeout_ms: int = 10_000
    upstream: bool = True                # time the upstream query next to tagpage SQL
    upstream_timeout_ms: int | None = None  # its statement_timeout; None = by scale (below)
    forced_timeout_factor: float = 3.0   # a forced strategy is cut at factor x the planner's time
    forced_timeout_floor_ms: int = 20    # ... but never below this
    forced_slow_factor: float = 3.0      # warm-up this much slower than the best: not repeated
    counts: bool = True                  # time counts and related tags over the workload
    count_exact_sample: int = 60         # ... with the exact COUNT(*) on this many (evenly spread)
    count_exact_timeout_ms: int = 10_000  # a COUNT(*) slower than this is recorded as the bound
    http_totals_sample: int = 20         # workload requests (evenly spread) timed with and without
                                         # their total over HTTP, beside the gallery requests
    http_totals_reps: int = 5            # timed calls of each, medians kept
    plot: bool = False
    out_dir: Path = report.RESULTS_DIR
    write: bool = True
    quiet: bool = False
    log: Callable[[str], None] = field(default=lambda msg: click.echo(msg, err=True))


def upstream_timeout_ms(options: Options) -> int:
    """The upstream statement_timeout: 2 s up to scale 0.1, 10 s above (unless set).

    Several times the slowest upstream plans seen at each scale's everyday requests, so a
    timeout marks a runaway plan, not a slow machine.
    """
    if options.upstream_timeout_ms:
        return int(options.upstream_timeout_ms)
    return 2_000 if options.scale <= 0.1 else 10_000


@dataclass
class UpstreamTrack:
    """The upstream query's calls for one request, made next to tagpage's."""

    samples: list[float] = field(default_factory=list)
    timed_out: bool = False     # a timed call hit the statement_timeout: the request's result
    warmup_timeouts: int = 0    # a warm-up call did (a cold cache, or the same runaway plan)
    check: str | None = None  # SAME_ROWS, or the first difference from tagpage's rows seen

    def figures(self, timeout_ms: int, sql_ms: float | None) -> dict[str, Any]:
        """upstream_ms (the timeout when a call hit it), the ratio to tagpage, the check."""
        ms = float(timeout_ms) if self.timed_out else (
            statistics.median(self.samples) if self.samples else None)
        return {"upstream_ms": ms, "upstream_samples": self.samples,
                "upstream_timed_out": self.timed_out,
                "upstream_over_sql": ms / sql_ms if ms is not None and sql_ms else None,
                "vs_upstream": self.check or ("not compared: upstream timed out" if self.timed_out
                                              else None)}


def database_name(profile: str, scale: float) -> str:
    """The bench's own database for a profile and scale, e.g. tagpage_bench_genonaut_0_1."""
    return f"tagpage_bench_{profile}_{format(scale, 'g').replace('.', '_').replace('-', 'm')}"


def prepare_database(server_url: str, profile: str, scale: float, seed: int, *, reuse: bool,
                     log: Callable[[str], None]) -> str:
    """Create, migrate and load the bench database (or reuse it when asked and it has data).

    Only databases named by database_name() are ever dropped: they belong to the bench.
    """
    from python_admin import db, demo

    name = database_name(profile, scale)
    url = make_conninfo(server_url, dbname=name)
    maintenance = make_conninfo(server_url, dbname="postgres")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
        if exists and reuse and _has_data(url) and _schema_mark(conn, name) == schema_fingerprint():
            log(f"reusing database {name}")
            return url
        if exists and reuse:
            log(f"not reusing {name}: no data, or built from other migrations/SQL than this checkout")
        if exists:
            log(f"dropping bench database {name}")
            conn.execute(sql.SQL("drop database {} with (force)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    log(f"migrating {name}")
    db.migrate(url)
    started = time.perf_counter()
    log(f"loading demo data: profile {profile} scale {scale} seed {seed}")
    demo.load(url, profile=profile, scale=scale, seed=seed)
    # demo.load ends with VACUUM ANALYZE and the statistics tables: nothing more to settle.
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("comment on database {} is {}").format(
            sql.Identifier(name), sql.Literal(f"tagpage bench data; schema {schema_fingerprint()}")))
    log(f"loaded in {time.perf_counter() - started:.0f}s")
    return url


def schema_fingerprint() -> str:
    """A hash of every migration and manifest: a reused database must match this checkout's.

    Unreleased revisions are edited in place (their manifests re-frozen), so the alembic
    version alone does not say whether a database has today's functions.
    """
    from db.settings import REPO_ROOT

    digest = hashlib.sha256()
    root = REPO_ROOT / "db"
    for path in sorted([*root.glob("versions/*.py"), *root.glob("manifests/*.json"),
                        *root.glob("frozen/**/*.sql")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _schema_mark(conn: psycopg.Connection, name: str) -> str | None:
    row = conn.execute("select shobj_description(oid, 'pg_database') from pg_database where datname = %s",
                       (name,)).fetchone()
    text = row[0] if row else None
    return text.rsplit(" ", 1)[-1] if text and "schema" in text else None


def _has_data(url: str) -> bool:
    try:
        with psycopg.connect(url) as conn:
            return bool(conn.execute("select exists (select 1 from content_items_all)").fetchone()[0])
    except psycopg.Error:
        return False


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Milliseconds taken by fn() (its full result fetched), and the result."""
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000.0, result


def measure(fn: Callable[[], Any], warmup: int, reps: int) -> tuple[list[float], Any]:
    """`warmup` untimed calls, then `reps` timed ones; the samples and the last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    samples = []
    for _ in range(reps):
        ms, result = timed(fn)
        samples.append(ms)
    return samples, result


def identities(rows: Sequence[Any]) -> list[tuple[str, int]]:
    """(source_type, id) of dict rows (tagpage) or tuple rows (legacy: id, source_type, ...)."""
    if rows and isinstance(rows[0], dict):
        return [(r["source_type"], r["id"]) for r in rows]
    return [(r[1], r[0]) for r in rows]


class Runner:
    """One bench run against one database."""

    def __init__(self, url: str, options: Options) -> None:
        self.url = url
        self.opt = options
        self.conn = paths.connect(url)
        self.legacy_conn = paths.connect(url)
        # Its own session, so its statement_timeout covers every upstream statement and nothing
        # else; no other setting is made there (PostgreSQL plans the query as it likes).
        self.upstream_conn = paths.connect(url)
        self.upstream_timeout = upstream_timeout_ms(options)
        paths.statement_timeout(self.upstream_conn, self.upstream_timeout)
        self.upstream_tracks: dict[str, UpstreamTrack] = {}
        self.upstream_mismatches: dict[str, str] = {}
        self.http: Any = None
        self.server: paths.GunicornServer | None = None
        self.http_note = "off"
        self.http_query = False  # the HTTP endpoint takes a tag query (q)
        self.gallery_requests: dict[str, Request] = {}
        self.workload_requests: list[Request] = []
        self.legacy_sample: set[str] = set()
        self.forced_limit_ms = 0
        self.cache_states: dict[tuple[str, str], dict[str, int]] = {}
        self.strategies: tuple[str, ...] = ()  # the engine's, read by check_engine

    # -- setup ---------------------------------------------------------------------------
    def check_engine(self) -> None:
        found = self.conn.execute(
            "select to_regproc('unified_content_page') is not null,"
            " to_regproc('unified_content_plan') is not null").fetchone()
        if not all(found):
            raise BenchError("unified_content_page / unified_content_plan are not installed "
                             "(revision 0002): migrate the database first")
        if not _has_data(self.url):
            raise BenchError("the database has no content rows: load demo data first")
        self.strategies = paths.strategies(self.conn)

    def start_http(self) -> None:
        mode = self.opt.http
        if mode == "off":
            return
        try:
            if mode == "server":
                self.server = paths.GunicornServer(self.url, self.opt.redis_url)
                self.http = self.server.client()
                self.http_note = f"gunicorn, 1 sync worker, 127.0.0.1:{self.server.port}"
            else:
                self.http = paths.TestClientPath(self.url, self.opt.redis_url)
                self.http_note = "Flask test client (in process)"
        except (ImportError, paths.HttpPathError) as exc:
            self.http = None
            self.http_note = f"skipped: {exc}"
            self.opt.log(f"HTTP path {self.http_note}")
            return
        self.http_query = paths.takes_tag_query(self.http)
        if not self.http_query:
            self.http_note += "; the endpoint takes no tag query (q): boolean requests not timed over HTTP"
            self.opt.log("HTTP path: no q parameter on the page endpoint, boolean requests skip HTTP")

    def serves(self, path: str, request: Request) -> bool:
        """Whether a path can run a request: legacy has no tag queries; HTTP only with q."""
        if not request.boolean:
            return True
        if path == "legacy":
            return False
        return self.http_query if path.startswith("http") else True

    def close(self) -> None:
        if self.http is not None:
            self.http.close()
        if self.server is not None:
            self.server.stop()
        self.conn.close()
        self.legacy_conn.close()
        self.upstream_conn.close()

    def data_info(self) -> dict[str, Any]:
        rows = self.conn.execute(
            "select source_type, count(*) from content_items_all group by 1 order by 1").fetchall()
        info: dict[str, Any] = {f"content_{src}": int(n) for src, n in rows}
        info["content_tags_estimate"] = int(self.conn.execute(
            "select reltuples from pg_class where oid = 'content_tags'::regclass").fetchone()[0])
        info["tags"] = int(self.conn.execute("select count(*) from tags").fetchone()[0])
        info["users"] = int(self.conn.execute("select count(*) from users").fetchone()[0])
        info["database_size_mb"] = round(self.conn.execute(
            "select pg_database_size(current_database())").fetchone()[0] / 2**20)
        return info

    def planner_config(self) -> dict[str, Any]:
        return dict(self.conn.execute("select key, value from planner_config order by key").fetchall())

    # -- path calls ----------------------------------------------------------------------
    def sql(self, request: Request) -> list[dict]:
        return paths.sql_page(self.conn, request)

    def legacy(self, request: Request):
        return paths.legacy_page(self.legacy_conn, request)

    def http_call(self, request: Request, bypass: bool) -> dict[str, Any]:
        return self.http.page(request, bypass=bypass)

    def upstream(self, request: Request) -> list[tuple]:
        return paths.upstream_page(self.upstream_conn, request)

    def _track(self, request: Request) -> UpstreamTrack:
        return self.upstream_tracks.setdefault(request.name, UpstreamTrack())

    def _upstream_call(self, request: Request, *, timing: bool) -> tuple[float, list[tuple]] | None:
        """One upstream call (timed into the request's track when `timing`); None = it hit the
        statement_timeout, or is not made because an earlier call did.

        A warm-up call that times out skips the request's other warm-ups; the first timed call
        still runs (the warm-up may have met a cold cache), and when it times out too, so does
        the request: at most two timeouts are spent on it, never a wait for the runaway plan.
        """
        track = self._track(request)
        if track.timed_out or (not timing and track.warmup_timeouts):
            return None
        try:
            ms, rows = timed(lambda: self.upstream(request))
        except errors.QueryCanceled:
            if timing:
                track.timed_out = True
                track.samples.append(float(self.upstream_timeout))
            else:
                track.warmup_timeouts += 1
            self.opt.log(f"upstream: {request.name} hit the {self.upstream_timeout} ms timeout"
                         + ("" if timing else " while warming up"))
            return None
        if timing:
            track.samples.append(ms)
        return ms, rows

    def _paired(self, request: Request, number: int) -> tuple[float, list[dict]]:
        """A timed tagpage SQL call with a timed upstream call right before or after it
        (alternating by `number`), so machine noise hits both; checks upstream's rows."""
        if not self.opt.upstream:
            return timed(lambda: self.sql(request))
        if number % 2 == 0:
            up = self._upstream_call(request, timing=True)
            ms, rows = timed(lambda: self.sql(request))
        else:
            ms, rows = timed(lambda: self.sql(request))
            up = self._upstream_call(request, timing=True)
        if up is not None:
            self._check_upstream(request, rows, up[1])
        return ms, rows

    def _check_upstream(self, request: Request, rows: list[dict], upstream_rows: list[tuple]) -> None:
        """Upstream must return tagpage's page exactly: the same rows in the same order."""
        verdict = compare_with_upstream(rows, upstream_rows)
        track = self._track(request)
        if track.check is None or (track.check == SAME_ROWS and verdict != SAME_ROWS):
            track.check = verdict
        if verdict != SAME_ROWS and request.name not in self.upstream_mismatches:
            self.upstream_mismatches[request.name] = verdict
            self.opt.log(f"!!! UPSTREAM AND TAGPAGE DISAGREE on {request.name}: {verdict}; "
                         f"request {request.describe()}")

    # -- 1. the gallery's failing requests -----------------------------------------------
    def canonical(self, pools: wl.TagPools, user_id: str) -> dict[str, Any]:
        requests = wl.canonical_requests(pools, user_id)
        base = requests["canonical"]
        page_400 = wl.walk_to_depth(self.conn, replace(base, name="page_400"), PAGE_400_DEPTH,
                                    paths.sql_page)
        queries: list[tuple[str, Request, int | None]] = [
            ("canonical", base, None),
            ("any_two_tags", requests["any_two_tags"], None),
            ("detailed_repeat", replace(base, name="detailed_repeat"), DETAILED_REPEAT_RUNS),
            ("no_tags", requests["no_tags"], None),
            ("page_1", replace(base, name="page_1"), None),
            ("page_400", page_400, None),
        ]
        queries += [(name, request, None)
                    for name, request in wl.boolean_gallery_requests(pools, user_id).items()]
        self.gallery_requests = {name: request for name, request, _ in queries}
        self.opt.log("canonical: warm-up")
        calls = self._canonical_calls()
        for _, request, _ in queries:
            for path, call in calls.items():  # the first cached call fills the cache
                if self.serves(path, request):
                    for _ in range(1 if path == "legacy" else self.opt.warmup):
                        call(request)
        self.cache_states.clear()  # count the timed calls' cache outcomes only
        # One path at a time, in rounds over the queries: a burst of background load hits
        # every query alike, so ratios such as page 400 / page 1 compare samples taken together.
        # Paths are not mixed within a round: legacy's whole-table reads or a hop to the HTTP
        # server between two SQL calls would leave those calls with cold CPU caches, which is
        # not the warm measurement the targets are about. The one exception is upstream, which
        # runs inside the tagpage SQL rounds, call next to call: their ratio is the figure.
        samples: dict[tuple[str, str], list[float]] = {}
        last: dict[tuple[str, str], Any] = {}
        for path, call in calls.items():
            if path == "upstream":
                continue  # timed in the tagpage SQL rounds
            reps = self.opt.legacy_reps if path == "legacy" else self.opt.reps
            rounds = max(reps, DETAILED_REPEAT_RUNS)
            self.opt.log(f"canonical: {path}, {rounds} rounds"
                         + (", upstream interleaved" if path == "sql" and "upstream" in calls else ""))
            if path != "legacy":
                # Warm again right before this path's rounds: the legacy rounds in between take
                # minutes at scale 1, longer than the page cache's TTL.
                for _, request, _ in queries:
                    for _ in range(self.opt.warmup if self.serves(path, request) else 0):
                        call(request)
                        if path == "sql" and "upstream" in calls:
                            calls["upstream"](request)
                for name, _, _ in queries:
                    self.cache_states.pop((name, path), None)
            for number in range(rounds):
                for name, request, fixed_reps in queries:
                    if number < (fixed_reps or reps) and self.serves(path, request):
                        if path == "sql":
                            ms, last[name, path] = self._paired(request, number)
                        else:
                            ms, last[name, path] = timed(lambda: call(request))
                        samples.setdefault((name, path), []).append(ms)
        out: dict[str, Any] = {}
        for name, request, _ in queries:
            entry: dict[str, Any] = {"request": request.describe(), "paths": {}}
            for path in calls:
                if not self.serves(path, request):
                    continue
                if path == "upstream":
                    entry["paths"][path] = self._upstream_figures(request)
                    continue
                figures: dict[str, Any] = {**report.summarize(samples[name, path]),
                                           "samples": samples[name, path]}
                result = last[name, path]
                if path == "legacy":
                    figures["total"] = result.total
                elif path == "sql":
                    figures.update(strategy=result[0]["strategy"] if result else None,
                                   rows=len(result))
                else:
                    figures["cache_states"] = self._states(name, path)
                entry["paths"][path] = figures
            if "legacy" in entry["paths"]:
                entry["vs_legacy"] = compare_with_legacy(last[name, "sql"], last[name, "legacy"].rows,
                                                         request.sort)
                legacy_p50 = entry["paths"]["legacy"]["p50"]
                entry["legacy_over"] = {p: legacy_p50 / v["p50"] for p, v in entry["paths"].items()
                                        if p != "legacy" and v["p50"] > 0}
            else:
                entry["vs_legacy"], entry["legacy_over"] = NO_LEGACY, {}
            if "upstream" in calls:
                track = self._track(request).figures(self.upstream_timeout,
                                                     entry["paths"]["sql"]["p50"])
                entry["vs_upstream"] = track["vs_upstream"]
                entry["upstream_over"] = {"sql": track["upstream_over_sql"]}
                entry["upstream_timed_out"] = track["upstream_timed_out"]
            out[name] = entry
        return out

    def _upstream_figures(self, request: Request) -> dict[str, Any]:
        """The upstream path's summary for a gallery request; a timeout is its only figure."""
        track = self._track(request)
        values = [float(self.upstream_timeout)] if track.timed_out else track.samples
        return {**report.summarize(values), "samples": track.samples, "timed_out": track.timed_out,
                "timeout_ms": self.upstream_timeout}

    def _canonical_calls(self) -> dict[str, Callable[[Request], Any]]:
        """The paths of the gallery requests; HTTP calls count their cache outcomes."""

        def http(bypass: bool, path: str) -> Callable[[Request], Any]:
            def call(request: Request) -> Any:
                body = self.http_call(request, bypass)
                states = self.cache_states.setdefault((request.name, path), {})
                state = body["meta"].get("cache", "?")
                states[state] = states.get(state, 0) + 1
                return body
            return call

        calls: dict[str, Callable[[Request], Any]] = {"legacy": self.legacy}
        if self.opt.upstream:
            calls["upstream"] = lambda request: self._upstream_call(request, timing=False)
        calls["sql"] = self.sql
        if self.http is not None:
            calls["http_bypass"] = http(True, "http_bypass")
            calls["http_cached"] = http(False, "http_cached")
        return calls

    def _states(self, name: str, path: str) -> dict[str, int]:
        return self.cache_states.get((name, path), {})

    def _cached_samples(self, request: Request, reps: int) -> tuple[list[float], dict[str, int]]:
        samples: list[float] = []
        states: dict[str, int] = {}
        for _ in range(reps):
            ms, body = timed(lambda: self.http_call(request, False))
            samples.append(ms)
            state = body["meta"].get("cache", "?")
            states[state] = states.get(state, 0) + 1
        return samples, states

    # -- 2 and 3. mixed workload and planner regret ---------------------------------------
    def workload(self, pools: wl.TagPools, users: list[str]) -> dict[str, Any]:
        generated = wl.generate(pools, users, self.opt.requests, self.opt.seed)
        generated += wl.generate_boolean(pools, users, self.opt.boolean_requests, self.opt.seed)
        self.opt.log(f"workload: {len(generated)} requests, walking deep cursors")
        requests = [wl.walk_to_depth(self.conn, r, r.depth, paths.sql_page) if r.depth else r
                    for r in generated]
        self.workload_requests = requests
        self.opt.log("workload: warm-up pass" + (", upstream too" if self.opt.upstream else ""))
        for request in requests:
            self.sql(request)
            if self.opt.upstream:
                self._upstream_call(request, timing=False)
        # Legacy costs ~1 s per request at scale 0.1: time it on an evenly spread sample (of
        # the requests it can run: it has no tag queries).
        self.legacy_sample = {r.name for r in evenly_spread(
            [r for r in requests if self.serves("legacy", r)], self.opt.workload_legacy_sample)}
        results: list[dict[str, Any]] = []
        failures: list[dict[str, Any]] = []
        started = time.perf_counter()
        interrupted = False
        with click.progressbar(requests, label="workload", file=sys.stderr,
                               show_pos=True) as bar:
            try:
                for number, request in enumerate(bar, start=1):
                    try:
                        results.append(self._one_request(request))
                    except (psycopg.Error, paths.HttpPathError) as exc:
                        # One failing request is a finding, not a reason to lose the run.
                        failures.append({"name": request.name, "request": request.describe(),
                                         "error": f"{type(exc).__name__}: {exc}"[:2000]})
                        self.opt.log(f"workload: {request.name} failed: {type(exc).__name__}: "
                                     f"{str(exc).splitlines()[0] if str(exc) else ''}")
                        self._reset_session()
                    if not sys.stderr.isatty() and number % 25 == 0:
                        self.opt.log(f"workload: {number}/{len(requests)} in "
                                     f"{time.perf_counter() - started:.0f}s")
            except KeyboardInterrupt:
                # Keep what was measured: the report says how many requests ran.
                interrupted = True
                self.opt.log(f"workload interrupted after {len(results)} requests")
        # The mixed workload's figures are over its own requests, as before boolean queries
        # came; the boolean sample gets the same figures apart.
        plain = [r for r in results if not r["request"]["boolean"]]
        boolean = [r for r in results if r["request"]["boolean"]]
        return {"requests": results, "planned": len(requests), "interrupted": interrupted,
                "failures": failures,
                "summary": _workload_summary(plain),
                "upstream": _upstream_summary(plain, self.upstream_timeout)
                if self.opt.upstream else None,
                "tag_pools": pools.summary(), "regret": _regret_summary(plain)
                if self.opt.regret else None,
                "boolean": {
                    "n": len(boolean), "planned": sum(1 for r in requests if r.boolean),
                    "legacy": NO_LEGACY,
                    "http": ("timed" if self.http_query else "not timed: " + (
                        "no HTTP path" if self.http is None else "the endpoint takes no q")),
                    "summary": _workload_summary(boolean),
                    "upstream": _upstream_summary(boolean, self.upstream_timeout)
                    if self.opt.upstream else None,
                    "regret": _regret_summary(boolean) if self.opt.regret else None,
                }}

    # -- 4. counts, related tags, a page with its total -----------------------------------
    def counts(self) -> dict[str, Any]:
        """unified_content_count and related_tags on every workload request (boolean ones
        included), the exact COUNT(*) on an evenly spread sample."""
        requests = self.workload_requests
        self.opt.log(f"counts: {len(requests)} requests, count and related tags; exact COUNT(*) "
                     f"on {min(self.opt.count_exact_sample, len(requests))}")
        result = bench_counts.measure_counts(
            self.conn, requests, reps=self.opt.workload_reps, warmup=1,
            exact_timeout_ms=self.opt.count_exact_timeout_ms,
            exact_sample=self.opt.count_exact_sample)
        rows = result["rows"]
        result["boolean"] = bench_counts.summarize([r for r in rows if r["boolean"]])
        result["exact_timeout_ms"] = self.opt.count_exact_timeout_ms
        for row in rows:
            if row.get("agrees") is False:
                self.opt.log(f"!!! COUNT DISAGREES WITH COUNT(*) on {row['name']}: count "
                             f"{row['total']} (exact {row['exact']}, [{row['lower']}, {row['upper']}]), "
                             f"COUNT(*) {row['exact_count']}")
        return result

    def http_totals(self) -> dict[str, Any] | None:
        """A page with its total against the page alone over HTTP, past every cache: the
        gallery requests, then an evenly spread sample of the workload."""
        if self.http is None:
            return None
        gallery = [r for name, r in self.gallery_requests.items()
                   if (name in HTTP_TOTALS_GALLERY or r.boolean) and self.serves("http_bypass", r)]
        sample = evenly_spread([r for r in self.workload_requests if self.serves("http_bypass", r)],
                               self.opt.http_totals_sample)
        self.opt.log(f"HTTP totals: {len(gallery) + len(sample)} requests, with and without total")
        return bench_counts.measure_http_totals(self.http, gallery + sample,
                                                reps=self.opt.http_totals_reps)

    def _one_request(self, request: Request) -> dict[str, Any]:
        reps = self.opt.workload_reps
        plan = paths.sql_plan(self.conn, request)
        # The planner's decision alone (unified_content_plan), part of every unforced call.
        plan_samples, _ = measure(lambda: paths.sql_plan(self.conn, request), 0, reps)
        if self.opt.regret:
            entry = self._sql_and_forced(request, reps)
        else:
            samples, rows = [], []
            for number in range(reps):
                ms, rows = self._paired(request, number)
                samples.append(ms)
            entry = {"sql_ms": statistics.median(samples), "sql_samples": samples,
                     "rows": len(rows), "strategy": rows[0]["strategy"] if rows else None}
        entry = {"name": request.name, "request": request.describe(), **entry, "plan": plan,
                 "plan_ms": statistics.median(plan_samples)}
        if self.opt.upstream:
            entry.update(self._track(request).figures(self.upstream_timeout, entry["sql_ms"]))
        if entry["strategy"] is None:  # an empty page carries no strategy column
            entry["strategy"] = plan.get("strategy")
        if self.http is not None and self.serves("http_bypass", request):
            samples, _ = measure(lambda: self.http_call(request, True), 0, reps)
            entry["http_bypass_ms"] = statistics.median(samples)
            self.http_call(request, False)
            samples, states = self._cached_samples(request, reps)
            entry["http_cached_ms"] = statistics.median(samples)
            entry["http_cache_states"] = states
        if self.opt.workload_legacy and request.name in self.legacy_sample:
            entry["legacy_ms"], entry["legacy_censored"] = self._legacy_once(request)
        return entry

    def _sql_and_forced(self, request: Request, reps: int) -> dict[str, Any]:
        """The planner's own time and each strategy forced, measured in interleaved rounds.

        Round 0 is a warm-up that also probes which strategies apply (22023 = cannot serve the
        request). Then each round runs the planner's choice next to the upstream query (the
        upstream comparison), the planner's choice again on its own and every surviving
        strategy, so background load hits all of them alike; the median of the rounds is kept.
        Regret compares the planner's own call with the forced ones, timed alike: each runs once
        untimed right before its timed call (_timed_after_itself; round 0's times, which pick
        the 'slow' strategies, are such second calls too). The paired call follows (or
        precedes) an upstream query that may have run for a second and evicted tagpage's pages,
        which no timed regret call pays. The regret rounds take about twice the calls.
        A forced strategy is cut at max(factor x the planner's time, floor): one slower than
        that cannot be the fastest, so cutting it changes no regret figure and keeps the
        pathological strategies (a walk that never fills the page: seconds) from dominating.
        Likewise one whose warm-up was over forced_slow_factor x the best warm-up is recorded
        as 'slow' with that single time and not repeated.
        """
        warm_ms, rows = timed(lambda: self.sql(request))
        limit = max(self.opt.forced_timeout_factor * warm_ms, self.opt.forced_timeout_floor_ms)
        forced: dict[str, dict[str, Any]] = {}
        samples: dict[str | None, list[float]] = {None: []}
        paired: list[float] = []
        self.forced_limit_ms = math.ceil(limit)
        try:
            warm: dict[str, float] = {}
            for strategy in self.strategies:
                status, ms, _ = self._forced_run(request, strategy)
                forced[strategy] = {"ms": limit if status == "timeout" else None, "status": status}
                if status == "ok":
                    warm[strategy] = ms
            best_warm = min(warm.values(), default=0.0)
            for strategy, ms in warm.items():
                if ms > self.opt.forced_slow_factor * best_warm and ms > self.opt.forced_timeout_floor_ms:
                    # Far behind the best strategy already: cannot be the fastest, not repeated.
                    forced[strategy] = {"ms": ms, "status": "slow", "samples": [ms]}
                else:
                    samples[strategy] = []
            for number in range(reps):
                for strategy in list(samples):
                    if strategy is None:
                        ms, rows = self._paired(request, number)
                        paired.append(ms)
                        ms, rows = self._timed_after_itself(request)
                        samples[None].append(ms)
                        continue
                    status, ms, forced_rows = self._forced_run(request, strategy)
                    if status != "ok":
                        forced[strategy] = {"ms": limit, "status": status}
                        del samples[strategy]
                        continue
                    samples[strategy].append(ms)
                    forced[strategy]["reported"] = forced_rows[0]["strategy"] if forced_rows else None
        finally:
            paths.force_strategy(self.conn, None)
        planner_ms = statistics.median(samples[None])
        for strategy, values in samples.items():
            if strategy is not None:
                forced[strategy].update(ms=statistics.median(values), samples=values)
        entry: dict[str, Any] = {"sql_ms": statistics.median(paired), "sql_samples": paired,
                                 "planner_ms": planner_ms, "planner_samples": samples[None],
                                 "rows": len(rows), "strategy": rows[0]["strategy"] if rows else None,
                                 "forced": forced, "fastest": None, "fastest_ms": None,
                                 "regret": None, "choice_regret": None}
        done = {s: v["ms"] for s, v in forced.items() if v["status"] == "ok"}
        if done:
            fastest = min(done, key=done.get)
            entry.update(fastest=fastest, fastest_ms=done[fastest])
            if done[fastest] > 0:
                entry["regret"] = planner_ms / done[fastest]
                # The same ratio from the fastest round of each (min instead of median): less
                # sensitive to background load, reported beside the headline figure.
                mins = {s: min(v) for s, v in samples.items() if s is not None and v}
                if mins and min(mins.values()) > 0:
                    entry["regret_min"] = min(samples[None]) / min(mins.values())
                chosen = done.get(entry["strategy"] or "")
                # The chosen strategy forced vs the fastest: the choice alone, without the
                # planner's own overhead.
                entry["choice_regret"] = chosen / done[fastest] if chosen is not None else None
        return entry

    def _reset_session(self) -> None:
        """Back to the planner's choice and no time limit after a failed call."""
        for conn in (self.conn, self.legacy_conn):
            try:
                paths.force_strategy(conn, None)
                paths.statement_timeout(conn, None)
            except psycopg.Error:
                pass

    def _timed_after_itself(self, request: Request) -> tuple[float, list[dict]]:
        """A regret round's call, the planner's own or a forced one: the same call once untimed,
        then timed, so each finds the pages it reads as its own last call left them.

        Timed straight after the paired call, the planner's own call followed the upstream
        query in every other round, whose scans had evicted tagpage's pages from shared buffers
        (zipf 1 is ~16 times shared_buffers) and left the backend idle: zipf 1, w115, 1.67 ms
        after an upstream query against 1.08 ms after two small statements, the same call;
        w010's rounds, own call 1.76 / 1.46 / 0.84 ms against its strategy forced
        1.75 / 0.82 / 0.76 ms.
        """
        self.sql(request)
        return timed(lambda: self.sql(request))

    def _forced_run(self, request: Request, strategy: str) -> tuple[str, float | None, list[dict] | None]:
        """A request with a strategy forced: (ok | not_applicable | timeout, ms, rows).

        Only the page call is timed; setting and clearing the strategy and its time limit
        happen outside the clock (the planner's own calls run without a limit). Timed as the
        planner's own call is (_timed_after_itself).
        """
        paths.force_strategy(self.conn, strategy)
        paths.statement_timeout(self.conn, self.forced_limit_ms)
        try:
            ms, rows = self._timed_after_itself(request)
            return "ok", ms, rows
        except errors.InvalidParameterValue:
            return "not_applicable", None, None
        except errors.QueryCanceled:
            return "timeout", None, None
        finally:
            paths.statement_timeout(self.conn, None)
            paths.force_strategy(self.conn, None)

    def _legacy_once(self, request: Request) -> tuple[float, bool]:
        try:
            paths.statement_timeout(self.legacy_conn, self.opt.workload_legacy_timeout_ms)
            ms, _ = timed(lambda: self.legacy(request))
            return ms, False
        except errors.QueryCanceled:
            return float(self.opt.workload_legacy_timeout_ms), True
        finally:
            paths.statement_timeout(self.legacy_conn, None)


def compare_with_legacy(rows: list[dict], legacy_rows: list[tuple], sort: str) -> str:
    """'same rows', 'same keys' or 'DIFFERENT': does tagpage return legacy's page?

    Legacy sorts by the sort column alone, so among rows with an equal sort value (the demo data
    has exact ties) it may pick and order others than the engine's total order: equal key sequences
    with different rows are still both correct.
    """
    column = "quality_score" if sort == "quality_score_desc" else "created_at"
    legacy_column = 5 if sort == "quality_score_desc" else 6
    if identities(rows) == identities(legacy_rows):
        return "same rows"
    if [r[column] for r in rows] == [r[legacy_column] for r in legacy_rows]:
        return "same keys"
    return "DIFFERENT"


def compare_with_upstream(rows: list[dict], upstream_rows: list[tuple]) -> str:
    """SAME_ROWS, or where upstream's page first differs from tagpage's.

    Both order by the same total key, so nothing but the same keys in the same order is right.
    """
    ours, theirs = identities(rows), identities(upstream_rows)
    if ours == theirs:
        return SAME_ROWS
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    return (f"DIFFERENT: {len(ours)} tagpage rows, {len(theirs)} upstream rows; first difference at "
            f"row {at + 1}: tagpage {ours[at] if at < len(ours) else None}, "
            f"upstream {theirs[at] if at < len(theirs) else None}")


def evenly_spread(items: Sequence[Any], n: int) -> list[Any]:
    """At most n items, evenly spread over the sequence (all of them when n >= its length)."""
    step = max(len(items) / max(n, 1), 1.0)
    return [items[int(i * step)] for i in range(len(items)) if int(i * step) < len(items)]


def geomean(values: Sequence[float]) -> float:
    """Geometric mean of positive values (NaN for none)."""
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else math.nan


def _k_bucket(k: int) -> str:
    return "0" if k == 0 else "1" if k == 1 else "2-3" if k <= 3 else "4-6" if k <= 6 else "7-10"


def _upstream_summary(results: list[dict[str, Any]], timeout_ms: int) -> dict[str, Any]:
    """upstream / tagpage SQL over the workload: geometric mean, the worst request, by group.

    A timed-out upstream request counts with the timeout as its time, so its ratio (and any
    mean it enters) is a lower bound; `timeouts` says how many.
    """
    rated = [r for r in results if r.get("upstream_over_sql") is not None]
    ratios = [r["upstream_over_sql"] for r in rated]

    def brief(r: dict[str, Any]) -> dict[str, Any]:
        return {"name": r["name"], "ratio": r["upstream_over_sql"], "upstream_ms": r["upstream_ms"],
                "sql_ms": r["sql_ms"], "timed_out": r["upstream_timed_out"],
                "strategy": r.get("strategy"), "vs_upstream": r.get("vs_upstream"),
                "request": r["request"]}

    groups: dict[str, dict[str, list[float]]] = {"by_k": {}, "by_mode": {}, "by_sort": {},
                                                  "by_page": {}, "by_strategy": {}}
    for r in rated:
        req = r["request"]
        for group, key in (("by_k", _k_bucket(req["k"])), ("by_mode", req["tag_match"]),
                           ("by_sort", req["sort"]), ("by_page", "deep" if req["depth"] else "first"),
                           ("by_strategy", r.get("strategy") or "?")):
            groups[group].setdefault(key, []).append(r["upstream_over_sql"])
    checked = [r for r in results if r.get("vs_upstream") not in (None, "not compared: upstream timed out")]
    lowest = sorted(rated, key=lambda r: r["upstream_over_sql"])[:10]
    return {"n": len(rated), "timeout_ms": timeout_ms,
            "timeouts": sum(1 for r in rated if r["upstream_timed_out"]),
            "geomean": geomean(ratios), "p50": report.percentile(ratios, 50),
            "min": min(ratios, default=math.nan), "max": max(ratios, default=math.nan),
            "below_1": sum(1 for v in ratios if v < 1.0),
            "worst": brief(lowest[0]) if lowest else None,
            "lowest": [brief(r) for r in lowest],
            "checked": len(checked),
            "mismatches": [{"name": r["name"], "vs_upstream": r["vs_upstream"]}
                           for r in checked if r["vs_upstream"] != SAME_ROWS],
            **{group: {key: {"n": len(v), "geomean": geomean(v), "min": min(v)}
                       for key, v in sorted(buckets.items())} for group, buckets in groups.items()}}


def _workload_summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    summary: dict[str, Any] = {"paths": {}, "by_strategy": {}, "by_page": {}, "by_k": {},
                               "by_mode": {}}
    for key, name in (("upstream_ms", "upstream"), ("sql_ms", "sql"), ("plan_ms", "plan"),
                      ("http_bypass_ms", "http_bypass"), ("http_cached_ms", "http_cached"),
                      ("legacy_ms", "legacy")):
        values = [r[key] for r in results if r.get(key) is not None]
        if values:
            summary["paths"][name] = report.summarize(values)
    if "upstream" in summary["paths"]:
        summary["paths"]["upstream"]["timeouts"] = sum(1 for r in results if r.get("upstream_timed_out"))
    groups: dict[str, dict[str, list[float]]] = {"by_strategy": {}, "by_page": {}, "by_k": {},
                                                  "by_mode": {}}
    for r in results:
        req = r["request"]
        k = req["k"]
        bucket = _k_bucket(k)
        for group, key in (("by_strategy", r.get("strategy") or "?"),
                           ("by_page", "deep" if req["depth"] else "first"),
                           ("by_k", bucket), ("by_mode", req["tag_match"])):
            groups[group].setdefault(key, []).append(r["sql_ms"])
    for group, buckets in groups.items():
        summary[group] = {key: report.summarize(values) for key, values in sorted(buckets.items())}
    return summary


def _regret_summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    rated = [r for r in results if r.get("regret") is not None]
    ratios = [r["regret"] for r in rated]
    picked = sum(1 for r in rated if r["fastest"] == r["strategy"])
    within = sum(1 for r in rated if r["regret"] <= 1.1)
    worst = sorted(rated, key=lambda r: r["regret"], reverse=True)[:10]
    choice = [r["choice_regret"] for r in rated if r.get("choice_regret") is not None]
    by_min = [r["regret_min"] for r in rated if r.get("regret_min") is not None]
    return {"n": len(rated), "p50": report.percentile(ratios, 50),
            "p95": report.percentile(ratios, 95), "max": max(ratios, default=math.nan),
            "picked_fastest_pct": 100.0 * picked / len(rated) if rated else math.nan,
            "within_1_1x_pct": 100.0 * within / len(rated) if rated else math.nan,
            "by_min": {"n": len(by_min), "p50": report.percentile(by_min, 50),
                       "p95": report.percentile(by_min, 95), "max": max(by_min, default=math.nan)},
            "choice": {"n": len(choice), "p50": report.percentile(choice, 50),
                       "p95": report.percentile(choice, 95), "max": max(choice, default=math.nan)},
            "worst": [{"name": r["name"], "request": r["request"], "strategy": r["strategy"],
                       "sql_ms": r["planner_ms"], "fastest": r["fastest"],
                       "fastest_ms": r["fastest_ms"],
                       "regret": r["regret"], "choice_regret": r.get("choice_regret"), "plan": r["plan"],
                       "forced": {s: v["ms"] for s, v in r["forced"].items()}} for r in worst]}


def evaluate_targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The benchmark's targets against this run's figures (met / missed / not measured)."""
    canonical = result.get("canonical", {})
    scale = result["meta"]["scale"]
    targets: list[dict[str, Any]] = []

    def add(name: str, target: str, value: float | None, met: bool | None) -> None:
        targets.append({"target": name, "wanted": target, "value": value,
                        "met": None if value is None or (isinstance(value, float) and math.isnan(value))
                        else met})

    def p50(query: str, path: str) -> float | None:
        return canonical.get(query, {}).get("paths", {}).get(path, {}).get("p50")

    sql_p50 = p50("canonical", "sql")
    add("canonical SQL p50", "<= 2 ms", sql_p50, sql_p50 is not None and sql_p50 <= 2)
    ratio = canonical.get("canonical", {}).get("legacy_over", {}).get("sql")
    need = 500 if scale >= 1 else 50
    add("canonical legacy / SQL", f">= {need}x", ratio, ratio is not None and ratio >= need)
    p1, p400 = p50("page_1", "sql"), p50("page_400", "sql")
    depth = canonical.get("page_400", {}).get("request", {}).get("depth")
    ratio400 = p400 / p1 if p1 and p400 is not None else None
    add(f"page 400 / page 1 (SQL, depth {depth})", "<= 2x", ratio400,
        ratio400 is not None and ratio400 <= 2)
    paths_summary = result.get("workload", {}).get("summary", {}).get("paths", {})
    wsql = paths_summary.get("sql", {})
    add("workload SQL p95", "<= 25 ms", wsql.get("p95"), (wsql.get("p95") or 1e9) <= 25)
    add("workload SQL max", "<= 150 ms", wsql.get("max"), (wsql.get("max") or 1e9) <= 150)
    regret = (result.get("workload") or {}).get("regret") or {}
    add("planner regret p95", "<= 1.5x", regret.get("p95"), (regret.get("p95") or 1e9) <= 1.5)
    cached = p50("canonical", "http_cached")
    add("canonical cached HTTP p50", "<= 3 ms", cached, cached is not None and cached <= 3)
    bypass = p50("canonical", "http_bypass")
    extra = bypass - sql_p50 if bypass is not None and sql_p50 is not None else None
    add("canonical uncached HTTP - SQL (p50)", "<= 2 ms", extra, extra is not None and extra <= 2)
    # The plain keyset query is what a gallery would run instead: tagpage must not lose to it.
    gallery = [(e.get("upstream_over") or {}).get("sql") for e in canonical.values()
               if not (e.get("request") or {}).get("boolean")]
    gallery = [v for v in gallery if v is not None]
    worst_gallery = min(gallery) if gallery else None
    add("upstream / SQL, every gallery request (min)", ">= 1.0x", worst_gallery,
        worst_gallery is not None and worst_gallery >= 1.0)
    up = (result.get("workload") or {}).get("upstream") or {}
    add("workload upstream / SQL geomean", ">= 2x", up.get("geomean"), (up.get("geomean") or 0) >= 2)
    add("workload upstream / SQL worst", ">= 0.8x", up.get("min"), (up.get("min") or 0) >= 0.8)
    # Boolean tag queries, counts and related tags: the figures these are meant for come from
    # scale 1 runs; smaller scales print them as measured.
    boolean = (result.get("workload") or {}).get("boolean") or {}
    bsql = (boolean.get("summary") or {}).get("paths", {}).get("sql", {})
    add("boolean-query SQL p95", "<= 15 ms", bsql.get("p95"), (bsql.get("p95") or 1e9) <= 15)
    add("boolean-query SQL max", "<= 100 ms", bsql.get("max"), (bsql.get("max") or 1e9) <= 100)
    bregret = boolean.get("regret") or {}
    add("planner regret p95, boolean queries", "<= 1.3x", bregret.get("p95"),
        (bregret.get("p95") or 1e9) <= 1.3)
    counts = (result.get("counts") or {}).get("summary") or {}
    count, related = counts.get("count") or {}, counts.get("related") or {}
    add("count p95", "<= 5 ms", count.get("p95"), (count.get("p95") or 1e9) <= 5)
    add("count max", "<= 25 ms", count.get("max"), (count.get("max") or 1e9) <= 25)
    add("related tags p95", "<= 25 ms", related.get("p95"), (related.get("p95") or 1e9) <= 25)
    extra = (((result.get("http_totals") or {}).get("summary") or {}).get("extra") or {}).get("p50")
    add("HTTP page + total - page alone (p50, uncached)", "<= 2 ms", extra,
        extra is not None and extra <= 2)
    return targets


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def run(url: str, options: Options) -> dict[str, Any]:
    """Benchmark the database at `url`; the full result (also written as JSON unless told not)."""
    started = time.time()
    runner = Runner(url, options)
    # SIGTERM (a CI timeout, `kill`) ends the workload like Ctrl-C: what was measured is kept.
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        runner.check_engine()
        runner.start_http()
        pools = wl.tag_pools(runner.conn)
        users = wl.active_users(runner.conn)
        if not pools.counts or not users:
            raise BenchError("no tagged content or no users in the database")
        result: dict[str, Any] = {"meta": {
            "profile": options.profile, "scale": options.scale, "seed": options.seed,
            "database": runner.conn.info.dbname, "machine": report.machine_info(),
            "postgres": report.postgres_info(runner.conn), "data": runner.data_info(),
            "planner_config": runner.planner_config(), "http": runner.http_note,
            "options": {k: v for k, v in vars(options).items() if k not in ("log", "out_dir")},
            "canonical_user": users[0],
            "upstream_timeout_ms": runner.upstream_timeout if options.upstream else None,
        }}
        result["canonical"] = runner.canonical(pools, users[0])
        result["workload"] = (runner.workload(pools, users)
                              if options.requests or options.boolean_requests else {})
        if options.counts and runner.workload_requests and not result["workload"].get("interrupted"):
            try:
                result["counts"] = runner.counts()
                result["http_totals"] = runner.http_totals()
            except KeyboardInterrupt:  # keep the pages measured so far; counts are not reported
                options.log("counts interrupted: not reported")
                result["counts_interrupted"] = True
        result["meta"]["http"] = runner.http_note
        result["meta"]["http_tag_query"] = runner.http_query
        result["upstream_mismatches"] = runner.upstream_mismatches
    finally:
        runner.close()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
    result["meta"]["duration_s"] = round(time.time() - started, 1)
    result["meta"]["machine_end"] = {"loadavg": report.machine_info().get("loadavg")}
    result["targets"] = evaluate_targets(result)
    if not options.quiet:
        click.echo(render(result))
    if options.write:
        stem = f"bench-{options.profile}-{format(options.scale, 'g')}"
        path = report.write_json(result, options.out_dir, stem)
        result["meta"]["json_path"] = str(path)
        if options.plot:
            result["meta"]["plot_path"] = str(report.plot(result, path.with_suffix(".png")))
        options.log(f"wrote {path}" + (f" and {result['meta'].get('plot_path')}" if options.plot else ""))
    return result


# -- terminal output --------------------------------------------------------------------------
PATH_LABELS = {"legacy": "legacy SQL", "upstream": "upstream SQL", "sql": "tagpage SQL",
               "http_bypass": "HTTP bypass", "http_cached": "HTTP cached",
               "plan": "plan only (unified_content_plan)"}


def render(result: dict[str, Any]) -> str:
    """Every table of a run, as text (also pasted into docs/performance.md)."""
    meta = result["meta"]
    data = meta["data"]
    out = [f"tagpage bench: profile {meta['profile']} scale {meta['scale']} seed {meta['seed']} "
           f"on {meta['database']} ({data.get('content_items', 0):,} items + "
           f"{data.get('content_auto', 0):,} auto rows, ~{data['content_tags_estimate']:,} "
           f"content_tags rows); HTTP: {meta['http']}",
           f"load average at start {_load(meta['machine'])}, at end {_load(meta.get('machine_end', {}))}"
           f" on {meta['machine'].get('cpus')} CPUs", ""]
    out.append(render_canonical(result["canonical"]))
    if any("upstream" in e["paths"] for e in result["canonical"].values()):
        out += ["", render_upstream_gallery(result["canonical"], meta.get("upstream_timeout_ms"))]
    workload = result.get("workload") or {}
    if workload.get("summary", {}).get("paths"):
        out += ["", render_workload(workload)]
    if (workload.get("boolean") or {}).get("n"):
        out += ["", render_boolean(workload["boolean"])]
    if result.get("counts"):
        out += ["", render_counts(result["counts"])]
    if result.get("http_totals"):
        out += ["", render_http_totals(result["http_totals"])]
    out += ["", render_targets(result["targets"])]
    headline = upstream_headline(result)
    if headline:
        out += ["", headline]
    out.append(f"\n({meta.get('duration_s', '?')} s)")
    return "\n".join(out)


def upstream_headline(result: dict[str, Any]) -> str | None:
    """The run's answer in one line: upstream / tagpage over the workload and the gallery,
    and loudly whether upstream ever returned other rows than tagpage."""
    canonical = result.get("canonical") or {}
    gallery = {n: e["upstream_over"]["sql"] for n, e in canonical.items()
               if (e.get("upstream_over") or {}).get("sql") is not None
               and not (e.get("request") or {}).get("boolean")}
    boolean_gallery = {n: e["upstream_over"]["sql"] for n, e in canonical.items()
                       if (e.get("upstream_over") or {}).get("sql") is not None
                       and (e.get("request") or {}).get("boolean")}
    up = (result.get("workload") or {}).get("upstream")
    bup = ((result.get("workload") or {}).get("boolean") or {}).get("upstream")
    mismatches = result.get("upstream_mismatches") or {}
    if not gallery and not boolean_gallery and not up and not bup and not mismatches:
        return None
    parts = []
    if up and up.get("n"):
        worst = up["worst"]
        bound = ">= " if up["timeouts"] else ""
        parts.append(f"upstream / tagpage: workload geomean {bound}{report.fmt_ratio(up['geomean'])}, "
                     f"worst {'>= ' if worst['timed_out'] else ''}{report.fmt_ratio(worst['ratio'])} "
                     f"(request {worst['name']}: {describe_short(worst['request'])}), "
                     f"{up['below_1']} of {up['n']} requests below 1.0x")
    if gallery:
        name = min(gallery, key=gallery.get)
        timed_out = canonical[name].get("upstream_timed_out")
        parts.append(f"gallery requests min {'>= ' if timed_out else ''}{report.fmt_ratio(gallery[name])} "
                     f"({name})")
    boolean = []
    if bup and bup.get("n"):
        worst = bup["worst"]
        boolean.append(f"sample geomean {'>= ' if bup['timeouts'] else ''}{report.fmt_ratio(bup['geomean'])}, "
                       f"worst {'>= ' if worst['timed_out'] else ''}{report.fmt_ratio(worst['ratio'])} "
                       f"({worst['name']}), {bup['below_1']} of {bup['n']} below 1.0x")
    if boolean_gallery:
        name = min(boolean_gallery, key=boolean_gallery.get)
        timed_out = canonical[name].get("upstream_timed_out")
        boolean.append(f"gallery min {'>= ' if timed_out else ''}"
                       f"{report.fmt_ratio(boolean_gallery[name])} ({name})")
    if boolean:
        parts.append("boolean queries: " + ", ".join(boolean))
    if mismatches:
        parts.append(f"!!! UPSTREAM RETURNED OTHER ROWS THAN TAGPAGE on {len(mismatches)} request(s): "
                     + ", ".join(sorted(mismatches)))
    else:
        parts.append("upstream returned tagpage's rows on every compared request")
    return "; ".join(parts)


def describe_short(req: dict[str, Any]) -> str:
    """A request description for one line: K, match, sort, page, sources, user."""
    sources = ",".join(s.replace("community-", "c-").replace("user-", "u-")
                       for s in req.get("source_types") or ["all sources"])
    match = f"q {req['tag_query']!r}" if req.get("tag_query") is not None else req["tag_match"]
    return (f"K={req['k']} {match} {req['sort']} "
            f"{'depth ' + str(req['depth']) if req['depth'] else 'first page'} {sources}"
            f"{' user' if req.get('user_id') else ''}")


def _upstream_ms(ms: float | None, timed_out: bool) -> str:
    return (">= " if timed_out else "") + report.fmt_ms(ms)


def _upstream_ratio(ratio: float | None, timed_out: bool) -> str:
    return (">= " if timed_out and ratio is not None else "") + report.fmt_ratio(ratio)


def render_upstream_gallery(canonical: dict[str, Any], timeout_ms: int | None) -> str:
    """Per gallery request: upstream and tagpage SQL p50 (interleaved calls) and their ratio."""
    rows = []
    for name, entry in canonical.items():
        up, sql_fig = entry["paths"].get("upstream"), entry["paths"]["sql"]
        if up is None:
            continue
        timed_out = bool(up.get("timed_out"))
        rows.append([name, up["n"], _upstream_ms(up["p50"], timed_out), report.fmt_ms(sql_fig["p50"]),
                     _upstream_ratio(entry["upstream_over"]["sql"], timed_out),
                     sql_fig.get("strategy"), entry.get("vs_upstream")])
    return (f"Upstream vs tagpage SQL, gallery requests (p50 ms of interleaved calls; upstream "
            f"statement_timeout {report.fmt_ms(timeout_ms)} ms)\n" + report.table(
                ["query", "n", "upstream", "tagpage", "upstream/tagpage", "strategy", "rows"], rows))


def _load(machine: dict[str, Any]) -> str:
    load = machine.get("loadavg")
    return "/".join(f"{x:.1f}" for x in load) if load else "?"


def render_canonical(canonical: dict[str, Any]) -> str:
    rows = []
    for name, entry in canonical.items():
        query = entry["request"].get("tag_query")
        if query is not None:  # a boolean request: legacy cannot run it, the query says what it is
            rows.append([name, PATH_LABELS["legacy"], "n/a", "", "", "", "", "",
                         f"no tag queries; q: {query}"])
        for path, fig in entry["paths"].items():
            extra = ""
            if path == "sql":
                extra = f"{fig.get('strategy')}; {fig.get('rows')} rows"
                if query is None:
                    extra += f"; {entry.get('vs_legacy')} as legacy"
                check = entry.get("vs_upstream")
                if check == SAME_ROWS:
                    extra += "; same rows as upstream"
                elif check and entry.get("upstream_timed_out"):
                    extra += "; upstream timed out"
                elif check:
                    extra += f"; UPSTREAM {check}"
            elif path == "legacy":
                extra = f"total {fig.get('total'):,}"
            elif path == "upstream":
                extra = f"TIMED OUT at {report.fmt_ms(fig.get('timeout_ms'))} ms" if fig.get("timed_out") else ""
            elif path == "http_cached":
                extra = ", ".join(f"{k} {v}" for k, v in fig.get("cache_states", {}).items())
            label = name if path == "legacy" else ""
            if name == "page_400" and path == "legacy":
                label = f"page_400 (depth {entry['request']['depth']})"
            bound = ">= " if fig.get("timed_out") else ""
            rows.append([label, PATH_LABELS[path], fig["n"], bound + report.fmt_ms(fig["p50"]),
                         bound + report.fmt_ms(fig["p95"]), bound + report.fmt_ms(fig["max"]),
                         bound + report.fmt_ms(fig["mean"]),
                         "" if path == "legacy" else report.fmt_ratio(entry["legacy_over"].get(path)),
                         extra])
    return "Gallery requests (ms)\n" + report.table(
        ["query", "path", "n", "p50", "p95", "max", "mean", "legacy/this (p50)", "notes"], rows)


def render_workload(workload: dict[str, Any]) -> str:
    summary = workload["summary"]
    n = sum(1 for r in workload["requests"] if not r["request"].get("boolean"))
    planned = workload.get("planned", n) - (workload.get("boolean") or {}).get("planned", 0)
    failures = workload.get("failures") or []
    out = [f"Mixed workload: {n} requests" + (f" of {planned}" if n < planned else "")
           + (" (INTERRUPTED)" if workload.get("interrupted") else "")
           + (f"; {len(failures)} FAILED: " + ", ".join(f["name"] for f in failures) if failures else "")
           + ", median of the timed runs per request (ms); legacy on a sample",
           report.table(["path", "n", "p50", "p95", "max", "mean", "notes"],
                        [[PATH_LABELS[p], f["n"], report.fmt_ms(f["p50"]), report.fmt_ms(f["p95"]),
                          report.fmt_ms(f["max"]), report.fmt_ms(f["mean"]),
                          f"{f['timeouts']} timed out (counted as the timeout)" if f.get("timeouts") else ""]
                         for p, f in summary["paths"].items()])]
    if workload.get("upstream"):
        out += ["", render_upstream_workload(workload["upstream"])]
    for group, title in (("by_strategy", "strategy chosen"), ("by_k", "K"), ("by_mode", "tag_match"),
                         ("by_page", "page")):
        out += ["", f"tagpage SQL by {title} (ms)", report.table(
            [title, "n", "p50", "p95", "max"],
            [[key, f["n"], report.fmt_ms(f["p50"]), report.fmt_ms(f["p95"]), report.fmt_ms(f["max"])]
             for key, f in summary[group].items()])]
    regret = workload.get("regret")
    if regret:
        out += ["", f"Planner regret (planner's time / fastest forced strategy, {regret['n']} requests): "
                f"p50 {report.fmt_ratio(regret['p50'])}, p95 {report.fmt_ratio(regret['p95'])}, "
                f"max {report.fmt_ratio(regret['max'])}; picked the fastest "
                f"{regret['picked_fastest_pct']:.0f}%, within 1.1x {regret['within_1_1x_pct']:.0f}%. "
                f"The chosen strategy forced / fastest (the choice without planning overhead): "
                f"p50 {report.fmt_ratio(regret['choice']['p50'])}, p95 "
                f"{report.fmt_ratio(regret['choice']['p95'])}, max {report.fmt_ratio(regret['choice']['max'])}. "
                f"From the fastest round of each instead of the median: p50 "
                f"{report.fmt_ratio(regret['by_min']['p50'])}, p95 {report.fmt_ratio(regret['by_min']['p95'])}, "
                f"max {report.fmt_ratio(regret['by_min']['max'])}",
                "", "Worst ten by regret", render_worst(regret["worst"])]
    return "\n".join(out)


def render_upstream_workload(up: dict[str, Any]) -> str:
    """upstream / tagpage SQL over the workload: the figures, by group, the ten lowest."""
    bound = ">= " if up["timeouts"] else ""
    timeouts = (f"{up['timeouts']} hit the {report.fmt_ms(up['timeout_ms'])} ms timeout and count "
                f"with it, so the figures they enter are lower bounds" if up["timeouts"] else
                f"none hit the {report.fmt_ms(up['timeout_ms'])} ms timeout")
    out = [f"Upstream / tagpage SQL per workload request (medians of interleaved calls; {up['n']} "
           f"requests, {timeouts}): geomean {bound}"
           f"{report.fmt_ratio(up['geomean'])}, p50 {report.fmt_ratio(up['p50'])}, min "
           f"{_upstream_ratio(up['min'], bool(up['worst'] and up['worst']['timed_out']))}, max {report.fmt_ratio(up['max'])}; below 1.0x on "
           f"{up['below_1']}. Rows compared on {up['checked']} requests: "
           + (f"{len(up['mismatches'])} DIFFERENT ({', '.join(m['name'] for m in up['mismatches'])})"
              if up["mismatches"] else "all the same")]
    for group, title in (("by_k", "K"), ("by_mode", "tag_match"), ("by_sort", "sort"),
                         ("by_page", "page"), ("by_strategy", "strategy chosen")):
        out += ["", f"upstream / tagpage by {title}", report.table(
            [title, "n", "geomean", "min"],
            [[key, f["n"], report.fmt_ratio(f["geomean"]), report.fmt_ratio(f["min"])]
             for key, f in up[group].items()])]
    rows = [[r["name"], r["request"]["k"], r["request"]["tag_match"], r["request"]["sort"],
             r["request"]["depth"], r["strategy"], _upstream_ms(r["upstream_ms"], r["timed_out"]),
             report.fmt_ms(r["sql_ms"]), _upstream_ratio(r["ratio"], r["timed_out"]), r["vs_upstream"]]
            for r in up["lowest"]]
    out += ["", "Lowest upstream / tagpage (where tagpage gains least; every request is in the JSON)",
            report.table(["req", "K", "match", "sort", "depth", "strategy", "upstream", "tagpage",
                          "upstream/tagpage", "rows"], rows)]
    return "\n".join(out)


def render_worst(worst: list[dict[str, Any]]) -> str:
    rows = []
    for r in worst:
        req, plan = r["request"], r["plan"] or {}
        rows.append([r["name"], req["k"], req["tag_match"], req["sort"], req["depth"],
                     ",".join(c[0] for c in req["tag_classes"]), r["strategy"], report.fmt_ms(r["sql_ms"]),
                     r["fastest"], report.fmt_ms(r["fastest_ms"]), report.fmt_ratio(r["regret"]),
                     plan.get("rarest_count"), _estimates_text(plan)])
    return report.table(["req", "K", "match", "sort", "depth", "classes", "planner", "ms", "fastest",
                         "ms", "regret", "rarest", "planner estimates"], rows)


def _estimates_text(plan: dict[str, Any]) -> str:
    """A one-line digest of the planner's estimates (whatever shape the engine gives them)."""
    estimates = plan.get("estimates")
    if isinstance(estimates, dict):
        parts = []
        for key, value in estimates.items():
            parts.append(f"{key}={value:.3g}" if isinstance(value, (int, float)) else f"{key}={value}")
        text = " ".join(parts)
    elif estimates is not None:
        text = str(estimates)
    else:
        text = ", ".join(f"{k}={v}" for k, v in plan.items() if k not in ("strategy", "k", "rarest_count"))
    return text if len(text) <= 110 else text[:107] + "..."


def render_boolean(boolean: dict[str, Any]) -> str:
    """The boolean sample: tagpage and upstream per path, upstream / tagpage, planner regret."""
    summary = boolean["summary"]
    out = [f"Boolean tag queries: {boolean['n']} requests"
           + (f" of {boolean['planned']}" if boolean["n"] < boolean["planned"] else "")
           + " (a seeded sample: random AND / OR / NOT trees over the workload's tag pools, as "
             "tag_query; legacy n/a, it has no tag queries; HTTP "
           + boolean["http"] + "), median of the timed runs per request (ms)",
           report.table(["path", "n", "p50", "p95", "max", "mean", "notes"],
                        [[PATH_LABELS[p], f["n"], report.fmt_ms(f["p50"]), report.fmt_ms(f["p95"]),
                          report.fmt_ms(f["max"]), report.fmt_ms(f["mean"]),
                          f"{f['timeouts']} timed out (counted as the timeout)" if f.get("timeouts") else ""]
                         for p, f in summary["paths"].items()])]
    out += ["", "tagpage SQL on boolean queries by strategy chosen (ms)", report.table(
        ["strategy chosen", "n", "p50", "p95", "max"],
        [[key, f["n"], report.fmt_ms(f["p50"]), report.fmt_ms(f["p95"]), report.fmt_ms(f["max"])]
         for key, f in summary["by_strategy"].items()])]
    up = boolean.get("upstream")
    if up and up.get("n"):
        bound = ">= " if up["timeouts"] else ""
        out += ["", f"Upstream / tagpage SQL on boolean queries ({up['n']} requests, "
                f"{up['timeouts'] or 'none'} hit the {report.fmt_ms(up['timeout_ms'])} ms timeout): "
                f"geomean {bound}{report.fmt_ratio(up['geomean'])}, p50 {report.fmt_ratio(up['p50'])}, "
                f"min {_upstream_ratio(up['min'], bool(up['worst'] and up['worst']['timed_out']))}, "
                f"max {report.fmt_ratio(up['max'])}; below 1.0x on {up['below_1']}. Rows compared on "
                f"{up['checked']} requests: "
                + (f"{len(up['mismatches'])} DIFFERENT ({', '.join(m['name'] for m in up['mismatches'])})"
                   if up["mismatches"] else "all the same"),
                "", "Lowest upstream / tagpage on boolean queries",
                report.table(["req", "q", "sort", "depth", "strategy", "upstream", "tagpage",
                              "upstream/tagpage"],
                             [[r["name"], _clip(r["request"]["tag_query"], 60), r["request"]["sort"],
                               r["request"]["depth"], r["strategy"],
                               _upstream_ms(r["upstream_ms"], r["timed_out"]), report.fmt_ms(r["sql_ms"]),
                               _upstream_ratio(r["ratio"], r["timed_out"])] for r in up["lowest"][:5]])]
    regret = boolean.get("regret")
    if regret and regret.get("n"):
        out += ["", f"Planner regret on boolean queries ({regret['n']} requests; forced strategies that "
                f"cannot serve a tag query are not applicable): p50 {report.fmt_ratio(regret['p50'])}, "
                f"p95 {report.fmt_ratio(regret['p95'])}, max {report.fmt_ratio(regret['max'])}; picked "
                f"the fastest {regret['picked_fastest_pct']:.0f}%; the choice alone p95 "
                f"{report.fmt_ratio(regret['choice']['p95'])}, max {report.fmt_ratio(regret['choice']['max'])}"]
    return "\n".join(out)


def render_counts(counts: dict[str, Any]) -> str:
    """Counts and related tags over the workload, the exact COUNT(*) beside them."""
    summary, boolean = counts["summary"], counts.get("boolean") or {}
    exact = summary["exact_count"]
    bound = ">= " if summary["exact_timeouts"] else ""

    def row(label: str, n: int, fig: dict[str, Any], note: str = "") -> list[Any]:
        return [label, n, report.fmt_ms(fig["p50"]), report.fmt_ms(fig["p95"]), report.fmt_ms(fig["max"]), note]

    rows = [row("unified_content_count", summary["requests"], summary["count"],
                f"{summary['estimated']} estimated (exact = false)"),
            row("  boolean queries only", boolean.get("requests", 0), boolean.get("count") or _NO_FIG),
            row("exact COUNT(*), plain query", summary["compared"], exact,
                f"{summary['exact_timeouts']} hit the {report.fmt_ms(counts.get('exact_timeout_ms'))} ms "
                f"timeout (counted as it)" if summary["exact_timeouts"] else ""),
            row("related_tags (limit 20)", summary["requests"], summary["related"]),
            row("  boolean queries only", boolean.get("requests", 0), boolean.get("related") or _NO_FIG)]
    agreement = (f"!!! {summary['disagreements']} COUNTS DISAGREE WITH COUNT(*) (see the log and the JSON)"
                 if summary["disagreements"] else
                 f"every count agreed with the COUNT(*) on the {summary['compared']} compared "
                 f"(exact: equal; estimated: inside [lower, upper])")
    return (f"Result counts and related tags over the workload ({summary['requests']} requests, "
            f"{boolean.get('requests', 0)} boolean; medians of the timed calls per request, ms); "
            f"COUNT(*) / count per request: p50 {bound}{report.fmt_ratio(summary['ratio_p50'])}, "
            f"min {bound}{report.fmt_ratio(summary['ratio_min'])}; {agreement}\n"
            + report.table(["call", "n", "p50", "p95", "max", "notes"], rows))


_NO_FIG = {"p50": None, "p95": None, "max": None}


def render_http_totals(totals: dict[str, Any]) -> str:
    """A page with its total over HTTP against the page alone (cache bypassed)."""
    summary = totals["summary"]
    rows = [[label, summary["requests"], report.fmt_ms(fig["p50"]), report.fmt_ms(fig["p95"]),
             report.fmt_ms(fig["max"])]
            for label, fig in (("page alone (include_total=false)", summary["page"]),
                               ("page + total", summary["page_with_total"]),
                               ("page + total - page alone", summary["extra"]))]
    return ("HTTP page with its total against the page alone (cache_bypass=true; gallery requests "
            "and a workload sample; medians per request, ms)\n"
            + report.table(["call", "n", "p50", "p95", "max"], rows))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def render_targets(targets: list[dict[str, Any]]) -> str:
    rows = []
    for t in targets:
        value = t["value"]
        shown = "-" if value is None else (report.fmt_ratio(value) if "x" in t["wanted"]
                                          else report.fmt_ms(value) + " ms")
        verdict = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
        rows.append([t["target"], t["wanted"], shown, verdict])
    return "Targets\n" + report.table(["target", "wanted", "this run", "verdict"], rows)


# -- scale ladder -----------------------------------------------------------------------------
def ladder(server_url: str, scales: Sequence[float], options: Options, *, reuse: bool,
           prepare: Callable[[float], str] | None = None) -> dict[str, Any]:
    """The canonical requests and the workload at each scale; how each path grows.

    `prepare(scale)` returns the database to run at a scale (default: the bench's own, loaded
    by prepare_database).
    """
    if prepare is None:
        def prepare(scale: float) -> str:
            return prepare_database(server_url, options.profile, scale, options.seed, reuse=reuse,
                                    log=options.log)
    runs = {}
    for scale in scales:
        url = prepare(scale)
        runs[format(scale, "g")] = run(url, replace(options, scale=scale, quiet=True, plot=False))
    result = {"meta": {"profile": options.profile, "seed": options.seed, "scales": list(scales),
                       "machine": report.machine_info()},
              "runs": {scale: {"canonical": r["canonical"], "workload_summary": r["workload"].get("summary"),
                               "upstream": {k: v for k, v in (r["workload"].get("upstream") or {}).items()
                                            if k != "lowest"},
                               "upstream_mismatches": r.get("upstream_mismatches") or {},
                               "regret": {k: v for k, v in (r["workload"].get("regret") or {}).items()
                                          if k != "worst"},
                               "boolean": {k: v for k, v in (r["workload"].get("boolean") or {}).items()
                                           if k in ("n", "summary", "regret")},
                               "boolean_upstream": {k: v for k, v in ((r["workload"].get("boolean") or {})
                                                                      .get("upstream") or {}).items()
                                                    if k != "lowest"},
                               "counts": (r.get("counts") or {}).get("summary"),
                               "http_totals": (r.get("http_totals") or {}).get("summary"),
                               "data": r["meta"]["data"], "targets": r["targets"],
                               "json_path": r["meta"].get("json_path")}
                       for scale, r in runs.items()}}
    click.echo(render_ladder(result))
    if options.write:
        path = report.write_json(result, options.out_dir, f"ladder-{options.profile}")
        options.log(f"wrote {path}")
        result["meta"]["json_path"] = str(path)
    return result


def render_ladder(result: dict[str, Any]) -> str:
    runs = result["runs"]
    scales = list(runs)
    header = ["query", "path"] + [f"scale {s}" for s in scales]
    rows = [["rows (items+auto)", ""] + [f"{r['data'].get('content_items', 0) + r['data'].get('content_auto', 0):,}"
                                         for r in runs.values()]]
    first = runs[scales[0]]["canonical"]
    for name in ("canonical", "any_two_tags", "no_tags", "page_400"):
        if name not in first:
            continue
        for path in first[name]["paths"]:
            rows.append([name, PATH_LABELS[path]] + [
                report.fmt_ms(runs[s]["canonical"].get(name, {}).get("paths", {}).get(path, {}).get("p50"))
                for s in scales])
        rows.append([name, "legacy / SQL"] + [
            report.fmt_ratio(runs[s]["canonical"].get(name, {}).get("legacy_over", {}).get("sql"))
            for s in scales])
        if "upstream" in first[name]["paths"]:
            entries = [runs[s]["canonical"].get(name, {}) for s in scales]
            rows.append([name, "upstream / SQL"] + [
                _upstream_ratio((e.get("upstream_over") or {}).get("sql"), bool(e.get("upstream_timed_out")))
                for e in entries])
    for path in ("upstream", "sql", "http_bypass", "http_cached", "legacy"):
        for stat in ("p50", "p95", "max"):
            cells = [(runs[s]["workload_summary"] or {}).get("paths", {}).get(path, {}).get(stat)
                     for s in scales]
            if any(c is not None for c in cells):
                rows.append([f"workload {stat}", PATH_LABELS[path]] + [report.fmt_ms(c) for c in cells])
    for stat, label in (("geomean", "geomean"), ("min", "worst")):
        cells = [(runs[s].get("upstream") or {}) for s in scales]
        if any(c.get(stat) is not None for c in cells):
            rows.append([f"workload {label}", "upstream / SQL"] + [
                _upstream_ratio(c.get(stat), bool(c.get("timeouts"))) for c in cells])
    for stat in ("p50", "p95", "max"):
        for path in ("upstream", "sql"):
            cells = [(((runs[s].get("boolean") or {}).get("summary") or {}).get("paths", {})
                      .get(path, {}).get(stat)) for s in scales]
            if any(c is not None for c in cells):
                rows.append([f"boolean {stat}", PATH_LABELS[path]] + [report.fmt_ms(c) for c in cells])
    for key, label in (("count", "count"), ("related", "related tags"), ("exact_count", "COUNT(*)")):
        for stat in ("p50", "p95", "max"):
            cells = [((runs[s].get("counts") or {}).get(key) or {}).get(stat) for s in scales]
            if any(c is not None for c in cells):
                rows.append([f"{label} {stat}", "SQL"] + [report.fmt_ms(c) for c in cells])
    cells = [(((runs[s].get("http_totals") or {}).get("extra")) or {}).get("p50") for s in scales]
    if any(c is not None for c in cells):
        rows.append(["page + total - page", "HTTP p50"] + [report.fmt_ms(c) for c in cells])
    return f"Scale ladder, profile {result['meta']['profile']} (ms)\n" + report.table(header, rows)
