"""A bounded threaded load test: clients walk whole results over HTTP while a writer changes data.

Invariants checked for every walk (a walk = first page, then next_cursor until the end):
- every response is 200;
- no (source_type, id) appears twice in one walk;
- every *stable* row that matches the walk's filter is seen (stable = seeded and never touched by
  the writer, so it was present for the whole walk);
- stable rows come in display order;
- no private row reaches anyone but its creator.
The writer inserts new rows (ids above 1,000,000), retags and deletes only *volatile* seeded
rows (id % 5 == 0), and never changes a sort key (a row whose key moves during a keyset walk may
legitimately be seen twice or not at all).
"""
from __future__ import annotations

import json
import os
import random
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import psycopg

from bench.paths import unified_params
from reliability_support import SORTS, SOURCE_WORDS, Dataset

MAX_PAGES = 400  # a walk longer than this is a bug (a loop), not a slow server


def is_volatile(key: tuple[str, int]) -> bool:
    return key[1] % 5 == 0 or key[1] > 1_000_000


@dataclass(frozen=True)
class Query:
    tags: tuple[str, ...]
    match: str
    sources: tuple[str, ...] | None
    user: str | None
    sort: str
    page_size: int
    bypass: bool

    def params(self, cursor: str | None) -> list[tuple[str, str]]:
        return unified_params(self.tags, self.match, self.sort, self.page_size, self.sources,
                              self.user, cursor, bypass=self.bypass)


def expected_stable(data: Dataset, q: Query) -> list[tuple[str, int]]:
    """Stable rows matching `q`, in display order (computed from the seed, not the database)."""
    sources = set(q.sources or SOURCE_WORDS)
    wanted = set(q.tags)
    out = []
    for key, row in data.rows.items():
        if is_volatile(key):
            continue
        source = key[0]
        own = q.user is not None and row["creator"] == q.user
        word = ("user-" if own else "community-") + ("regular" if source == "items" else "auto")
        if word not in sources or (row["private"] and not own):
            continue
        row_tags = {data.tags[name] for name in row["tags"]}
        if wanted and not (wanted <= row_tags if q.match == "all" else wanted & row_tags):
            continue
        out.append(key)
    return sorted(out, key=lambda k: sort_key(data, k, q.sort))


def sort_key(data: Dataset, key: tuple[str, int], sort: str) -> tuple:
    row = data.rows[key]
    natural = (row["created"], key[1], key[0])
    if sort == "created_at_asc":
        return natural
    # descending orders: negate by sorting on the reverse of an ascending key
    if sort == "created_at_desc":
        return tuple(_Desc(v) for v in natural)
    return tuple(_Desc(v) for v in (row["quality"], *natural))


class _Desc:
    __slots__ = ("v",)

    def __init__(self, v) -> None:
        self.v = v

    def __lt__(self, other: "_Desc") -> bool:
        return self.v > other.v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.v == other.v


@dataclass
class Report:
    requests: int = 0
    walks: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    writes: int = 0
    seconds: float = 0.0

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def p95_ms(self) -> float:
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else 0.0
        return statistics.quantiles(self.latencies_ms, n=20)[18]

    def summary(self) -> str:
        return (f"load: {self.seconds:.1f}s, {self.requests} requests in {self.walks} walks, "
                f"{self.throughput:.0f} req/s, p50 {statistics.median(self.latencies_ms or [0]):.1f} ms, "
                f"p95 {self.p95_ms:.1f} ms, {self.writes} writes, {len(self.errors)} errors")


def random_query(rng: random.Random, data: Dataset) -> Query:
    names = list(data.tags)
    k = rng.choice((0, 0, 1, 1, 2, 3))
    tags = tuple(data.tags[n] for n in rng.sample(names, k))
    sources = rng.choice((None, None, ("community-regular", "community-auto"),
                          ("user-regular", "community-auto"), ("user-auto",), ("community-regular",)))
    user = rng.choice((None, *data.users.values()))
    return Query(tags, rng.choice(("all", "any")), sources, user, rng.choice(SORTS),
                 rng.choice((5, 10, 25)), rng.random() < 0.3)


def walk(base: str, q: Query, data: Dataset, report: Report, lock: threading.Lock) -> None:
    """One whole walk; appends problems to report.errors."""
    seen: list[tuple[str, int]] = []
    cursor = None
    for _ in range(MAX_PAGES):
        url = f"{base}/api/v1/content/unified?{urllib.parse.urlencode(q.params(cursor))}"
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=15) as response:
                body = json.loads(response.read())
        except urllib.error.HTTPError as exc:
            with lock:
                report.requests += 1
                report.errors.append(f"HTTP {exc.code} for {q}: {exc.read()[:300]!r}")
            return
        except Exception as exc:  # connection reset, timeout: an error all the same
            with lock:
                report.requests += 1
                report.errors.append(f"{type(exc).__name__} for {q}: {exc}")
            return
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            report.requests += 1
            report.latencies_ms.append(elapsed)
        seen.extend((item["source_type"], int(item["id"])) for item in body["items"])
        pagination = body["pagination"]
        cursor = pagination.get("next_cursor")
        if not pagination.get("has_next") or not cursor or not body["items"]:
            break
    else:
        with lock:
            report.errors.append(f"walk did not end within {MAX_PAGES} pages: {q}")
        return

    problems = check_walk(seen, data, q)
    with lock:
        report.walks += 1
        report.errors.extend(f"{p} in {q}" for p in problems)


def check_walk(seen: list[tuple[str, int]], data: Dataset, q: Query) -> list[str]:
    """The invariants of one finished walk (see the module docstring); [] when all hold."""
    problems = []
    for key in seen:
        row = data.rows.get(key)
        if row and row["private"] and row["creator"] != q.user:
            problems.append(f"private row {key} leaked to {q.user}")
    if len(seen) != len(set(seen)):
        dupes = sorted({k for k in seen if seen.count(k) > 1})
        problems.append(f"duplicates {dupes[:5]}")
    stable_seen = [k for k in seen if k in data.rows and not is_volatile(k)]
    expected = expected_stable(data, q)
    missing = sorted(set(expected) - set(stable_seen))
    if missing:
        problems.append(f"missing {len(missing)} stable rows, e.g. {missing[:5]}")
    extra = sorted(set(stable_seen) - set(expected))
    if extra:
        problems.append(f"unexpected stable rows {extra[:5]}")
    if not missing and not extra and stable_seen != expected:
        problems.append("stable rows out of display order")
    return problems


def writer(db_url: str, data: Dataset, stop: threading.Event, report: Report, lock: threading.Lock,
           rng_seed: int = 5) -> None:
    """Insert, retag and delete until `stop`; touches only volatile rows and new rows."""
    rng = random.Random(rng_seed)
    volatile = [k for k in data.rows if is_volatile(k)]
    tag_ids = list(data.tags.values())
    users = list(data.users.values())
    with psycopg.connect(db_url, autocommit=True) as conn:
        while not stop.is_set():
            op = rng.choice(("insert", "insert", "retag", "retag", "delete"))
            try:
                if op == "insert":
                    with conn.transaction():
                        source = rng.choice(("items", "auto"))
                        new_id = conn.execute(
                            "insert into content_items_all (source_type, title, creator_id, is_private, "
                            "quality_score, created_at, updated_at) values (%s, 'new', %s, %s, %s, "
                            "now() - random() * interval '400 days', now()) returning id",
                            (source, rng.choice(users), rng.random() < 0.3, rng.random())).fetchone()[0]
                        for tag in rng.sample(tag_ids, rng.randint(0, 3)):
                            conn.execute("insert into content_tags values (%s, %s, %s)", (new_id, source, tag))
                elif op == "retag" and volatile:
                    source, ident = rng.choice(volatile)
                    with conn.transaction():
                        conn.execute("delete from content_tags where content_id = %s and content_source = %s "
                                     "and tag_id = %s", (ident, source, rng.choice(tag_ids)))
                        conn.execute("insert into content_tags select %s, %s, %s where exists (select 1 "
                                     "from content_items_all where id = %s and source_type = %s) "
                                     "on conflict do nothing",
                                     (ident, source, rng.choice(tag_ids), ident, source))
                elif op == "delete" and volatile:
                    source, ident = volatile.pop(rng.randrange(len(volatile)))
                    conn.execute("delete from content_items_all where id = %s and source_type = %s",
                                 (ident, source))
                with lock:
                    report.writes += 1
            except psycopg.Error as exc:
                with lock:
                    report.errors.append(f"writer {op}: {exc}")
            stop.wait(0.01)


def run(base: str, db_url: str, data: Dataset, seconds: float, clients: int = 8,
        rng_seed: int = 1) -> Report:
    """Run `clients` walking threads and one writer for `seconds`; every thread then finishes
    its current walk (each walk is bounded by MAX_PAGES and a 15 s per-request timeout)."""
    report, lock, stop = Report(), threading.Lock(), threading.Event()

    def client(n: int) -> None:
        rng = random.Random(rng_seed * 1000 + n)
        while not stop.is_set():
            walk(base, random_query(rng, data), data, report, lock)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    threads.append(threading.Thread(target=writer, args=(db_url, data, stop, report, lock), daemon=True))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    stop.wait(seconds)
    stop.set()
    for thread in threads:
        thread.join(60)
    report.seconds = time.perf_counter() - started
    if any(thread.is_alive() for thread in threads):
        report.errors.append("a client or the writer did not stop within 60 s")
    return report


# ------------------------------------------------------------------ throughput on real-size data
# The walks above check every answer, which needs a small seeded data set. To measure what a
# server holds on a demo-size database (docs/scaling.md), throughput() only counts: clients read
# the bench's mixed workload (first pages, then a few next pages, as a reader does) as fast as the
# server answers. Run it as a script against a served database:
#
#   python tests/support/load_runner.py --base http://127.0.0.1:8000 --database "$DATABASE_URL" \
#       --seconds 30 --clients 8 --pid-of primary=<postmaster pid> --pid-of web=<gunicorn pid>
#
# --pid-of names process trees whose CPU time is reported per request.


def throughput(base: str, requests: list[list[tuple[str, str]]], seconds: float, clients: int,
               pages: int = 4, rng_seed: int = 1) -> Report:
    """`clients` keep-alive threads reading random requests for `seconds`; errors counted."""
    import http.client

    report, lock, stop = Report(), threading.Lock(), threading.Event()
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port

    def client(n: int) -> None:
        rng = random.Random(rng_seed * 1000 + n)
        conn = http.client.HTTPConnection(host, port, timeout=30)
        while not stop.is_set():
            params, cursor = rng.choice(requests), None
            for _ in range(pages):
                query = params + ([("cursor", cursor)] if cursor else [])
                started = time.perf_counter()
                try:
                    conn.request("GET", f"/api/v1/content/unified?{urllib.parse.urlencode(query)}")
                    response = conn.getresponse()
                    body = response.read()
                    status = response.status
                except (http.client.HTTPException, OSError) as exc:
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=30)
                    with lock:
                        report.requests += 1
                        report.errors.append(f"{type(exc).__name__}: {exc}")
                    break
                with lock:
                    report.requests += 1
                    report.latencies_ms.append((time.perf_counter() - started) * 1000)
                    if status != 200:
                        report.errors.append(f"HTTP {status}: {body[:200]!r}")
                if status != 200:
                    break
                cursor = json.loads(body)["pagination"].get("next_cursor")
                if not cursor:
                    break
            with lock:
                report.walks += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    stop.wait(seconds)
    stop.set()
    for thread in threads:
        thread.join(60)
    report.seconds = time.perf_counter() - started
    return report


def workload_params(database_url: str, count: int = 200, seed: int = 42, bypass: bool = True) -> list[list[tuple[str, str]]]:
    """First-page requests of the bench's mixed workload on the database at `database_url`."""
    from bench import workload

    with psycopg.connect(database_url) as conn:
        pools = workload.tag_pools(conn)
        users = workload.active_users(conn)
    return [unified_params(r.tags, r.tag_match, r.sort, r.page_size, r.source_types, r.user_id, None,
                           bypass=bypass)
            for r in workload.generate(pools, users, count, seed) if r.depth == 0]


def process_tree_cpu(root_pid: int) -> dict[int, float]:
    """CPU seconds (user + system) of a process and all its descendants, by pid."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, _) in stats.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return {pid: stats[pid][1] for pid in tree if pid in stats}


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds a process tree used between two samples (processes born meanwhile count whole)."""
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Requests/s and CPU per request of a served database.")
    parser.add_argument("--base", required=True, help="http://host:port of the app")
    parser.add_argument("--database", required=True, help="the database the app serves (for the workload)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--cached", action="store_true", help="let the page cache answer (default: bypass it)")
    parser.add_argument("--pid-of", action="append", default=[], metavar="NAME=PID",
                        help="report the CPU time of this process tree per request (repeatable)")
    args = parser.parse_args()
    requests = workload_params(args.database, bypass=not args.cached)
    throughput(args.base, requests, args.warmup, args.clients)
    trees = {name: int(pid) for name, pid in (item.split("=", 1) for item in args.pid_of)}
    before = {name: process_tree_cpu(pid) for name, pid in trees.items()}
    with open("/proc/loadavg") as handle:
        load_before = handle.read().split()[0]
    report = throughput(args.base, requests, args.seconds, args.clients)
    after = {name: process_tree_cpu(pid) for name, pid in trees.items()}
    with open("/proc/loadavg") as handle:
        load_after = handle.read().split()[0]
    served = max(report.requests - len(report.errors), 1)
    result = {"requests_per_second": round(report.throughput, 1), "requests": report.requests,
              "errors": len(report.errors),
              "p50_ms": round(statistics.median(report.latencies_ms or [0]), 2), "p95_ms": round(report.p95_ms, 2),
              "clients": args.clients, "seconds": round(report.seconds, 1), "cached": args.cached,
              "loadavg": [load_before, load_after],
              "cpu_ms_per_request": {name: round(cpu_used(before[name], after[name]) * 1000 / served, 2)
                                     for name in trees}}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
