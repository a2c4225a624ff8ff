"""`tagpage bench` / `python -m bench`: the benchmark's command line (servers from DATABASE_URL
and REDIS_URL, as every tagpage command)."""
from __future__ import annotations

from pathlib import Path

import click
from psycopg.conninfo import make_conninfo

from bench import run as bench
from db.settings import database_url, redis_url


@click.command("bench", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--profile", type=click.Choice(["genonaut", "zipf"]), default="genonaut",
              show_default=True, help="Demo data profile to benchmark.")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=0.1,
              show_default=True, help="Demo data scale (1 = the gallery's size, ~88M tag rows).")
@click.option("--seed", type=int, default=42, show_default=True,
              help="Seed of the demo data and of the workload sample.")
@click.option("--requests", type=click.IntRange(min=0), default=300, show_default=True,
              help="Mixed-workload requests (0 with --boolean-requests 0 = gallery requests only).")
@click.option("--boolean-requests", type=click.IntRange(min=0), default=60, show_default=True,
              help="Boolean tag queries, a seeded sample timed after the mixed workload.")
@click.option("--reps", type=click.IntRange(min=1), default=bench.Options.reps, show_default=True,
              help="Timed runs per gallery request on the tagpage paths.")
@click.option("--legacy-reps", type=click.IntRange(min=1), default=bench.Options.legacy_reps, show_default=True,
              help="Timed runs per gallery request on the legacy path.")
@click.option("--workload-reps", type=click.IntRange(min=1), default=bench.Options.workload_reps, show_default=True,
              help="Timed runs per workload request and path (the median is kept).")
@click.option("--http", "http_mode", type=click.Choice(["server", "client", "off"]), default="server",
              show_default=True, help="HTTP path: gunicorn on localhost, Flask test client, or none.")
@click.option("--regret/--no-regret", default=True, show_default=True,
              help="Also run every workload request with each strategy forced.")
@click.option("--workload-legacy/--no-workload-legacy", default=True, show_default=True,
              help="Also time the legacy query on a sample of the workload requests (once each).")
@click.option("--legacy-sample", type=click.IntRange(min=1), default=50, show_default=True,
              help="How many workload requests (evenly spread) also run the legacy query.")
@click.option("--upstream/--no-upstream", default=True, show_default=True,
              help="Also time the plain keyset query (one EXISTS per tag) next to tagpage SQL.")
@click.option("--upstream-timeout-ms", type=click.IntRange(min=1), default=None,
              help="statement_timeout of each upstream statement [default: 2000 up to scale 0.1, "
                   "else 10000]; a request that hits it is reported as >= the timeout.")
@click.option("--counts/--no-counts", default=True, show_default=True,
              help="Time result counts and related tags over the workload, and a page with its "
                   "total over HTTP.")
@click.option("--count-exact-sample", type=click.IntRange(min=1), default=60, show_default=True,
              help="How many workload requests (evenly spread) also run the exact COUNT(*).")
@click.option("--plot", is_flag=True, help="Write a PNG next to the JSON (latency CDF, upstream, regret).")
@click.option("--reuse", is_flag=True,
              help="Reuse the bench database tagpage_bench_<profile>_<scale> when it has data.")
@click.option("--database", default=None,
              help="Benchmark this existing database as it is (no load) instead of the bench's own.")
@click.option("--ladder", default=None,
              help="Comma-separated scales, e.g. 0.01,0.1,1: run the scale ladder instead.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Results directory (default bench/results).")
def main(profile: str, scale: float, seed: int, requests: int,
                  boolean_requests: int, reps: int,
                  legacy_reps: int, workload_reps: int, http_mode: str, regret: bool,
                  workload_legacy: bool, legacy_sample: int, upstream: bool,
                  upstream_timeout_ms: int | None, counts: bool, count_exact_sample: int,
                  plot: bool, reuse: bool,
                  database: str | None,
                  ladder: str | None, out_dir: str | None) -> None:
    """Legacy, upstream and tagpage side by side, planner regret, scale ladder."""
    obj = {"database_url": database_url(), "redis_url": redis_url()}

    options = bench.Options(
        profile=profile, scale=scale, seed=seed, requests=requests,
        boolean_requests=boolean_requests, reps=reps,
        legacy_reps=legacy_reps, workload_reps=workload_reps, http=http_mode,
        redis_url=obj["redis_url"], regret=regret, workload_legacy=workload_legacy,
        workload_legacy_sample=legacy_sample, upstream=upstream,
        upstream_timeout_ms=upstream_timeout_ms, counts=counts,
        count_exact_sample=count_exact_sample, plot=plot)
    if out_dir:
        options.out_dir = Path(out_dir)
    try:
        if ladder:
            scales = [float(s) for s in ladder.split(",") if s.strip()]
            bench.ladder(obj["database_url"], scales, options, reuse=reuse)
        elif database:
            bench.run(make_conninfo(obj["database_url"], dbname=database), options)
        else:
            url = bench.prepare_database(obj["database_url"], profile, scale, seed, reuse=reuse,
                                         log=options.log)
            bench.run(url, options)
    except bench.BenchError as exc:
        raise click.ClickException(str(exc)) from exc
