"""The `tagpage` command line: one click group, one function per command."""
from __future__ import annotations

import os

import click

from python_admin import db
from python_admin.settings import DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL


@click.group()
@click.option("--database-url", envvar="DATABASE_URL", default=DEFAULT_DATABASE_URL,
              show_default=True, help="PostgreSQL conninfo or URL.")
@click.option("--redis-url", envvar="REDIS_URL", default=DEFAULT_REDIS_URL,
              show_default=True, help="Redis URL for the cache.")
@click.pass_context
def main(ctx: click.Context, database_url: str, redis_url: str) -> None:
    """tagpage: tag-filtered keyset gallery pages served by PostgreSQL."""
    ctx.obj = {"database_url": database_url, "redis_url": redis_url}
    # Code below reads settings through the environment; keep it consistent with the options.
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = redis_url


@main.command()
@click.option("--revision", default="head", show_default=True, help="Target alembic revision.")
@click.option("--create-db/--no-create-db", default=True, show_default=True,
              help="Create the database first when it does not exist.")
@click.pass_obj
def migrate(obj: dict, revision: str, create_db: bool) -> None:
    """Create the database if needed and upgrade it to REVISION."""
    url = obj["database_url"]
    if create_db and db.ensure_database(url):
        click.secho("created database", fg="green")
    db.migrate(url, revision)
    click.secho(f"migrated to {revision}", fg="green")


@main.group("demo")
def demo_group() -> None:
    """Demo data (SPEC section 7)."""


@demo_group.command("load")
@click.option("--profile", type=click.Choice(["genonaut", "zipf"]), default="genonaut",
              show_default=True, help="Data shape: gallery-like dense tags, or a Zipf long tail.")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=0.01,
              show_default=True, help="1 = the gallery's size (65K items + 1.1M auto rows).")
@click.option("--seed", type=int, default=42, show_default=True,
              help="Same seed, same rows.")
@click.pass_obj
def demo_load(obj: dict, profile: str, scale: float, seed: int) -> None:
    """Replace all content, tags and users of a migrated database with demo data."""
    from python_admin import demo as demo_data

    with click.progressbar(length=len(demo_data.STEPS), label="demo load",
                           item_show_func=lambda label: label, show_pos=True) as bar:
        def progress(label: str, done: int, total: int) -> None:
            # Called before each step: show what is running, count what has finished.
            bar.update(done - bar.pos, label)

        result = demo_data.load(obj["database_url"], profile, scale, seed, progress=progress)
    click.secho(
        f"loaded {result['profile']} scale {result['scale']} seed {result['seed']}: "
        f"{result['items']} items, {result['auto']} auto, {result['tags']} tags, "
        f"{result['content_tags']} content_tags rows in {result['seconds']:.1f}s", fg="green")


@main.command("bench")
@click.option("--profile", type=click.Choice(["genonaut", "zipf"]), default="genonaut",
              show_default=True, help="Demo data profile to benchmark.")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=0.1,
              show_default=True, help="Demo data scale (1 = the gallery's size, ~88M tag rows).")
@click.option("--seed", type=int, default=42, show_default=True,
              help="Seed of the demo data and of the workload sample.")
@click.option("--requests", type=click.IntRange(min=0), default=300, show_default=True,
              help="Mixed-workload requests (0 = gallery requests only).")
@click.option("--reps", type=click.IntRange(min=1), default=10, show_default=True,
              help="Timed runs per gallery request on the tagpage paths.")
@click.option("--legacy-reps", type=click.IntRange(min=1), default=5, show_default=True,
              help="Timed runs per gallery request on the legacy path.")
@click.option("--workload-reps", type=click.IntRange(min=1), default=3, show_default=True,
              help="Timed runs per workload request and path (the median is kept).")
@click.option("--http", "http_mode", type=click.Choice(["server", "client", "off"]), default="server",
              show_default=True, help="HTTP path: gunicorn on localhost, Flask test client, or none.")
@click.option("--regret/--no-regret", default=True, show_default=True,
              help="Also run every workload request with each strategy forced.")
@click.option("--workload-legacy/--no-workload-legacy", default=True, show_default=True,
              help="Also time the legacy query on every workload request (once each).")
@click.option("--plot", is_flag=True, help="Write a PNG next to the JSON (latency CDF, regret).")
@click.option("--reuse", is_flag=True,
              help="Reuse the bench database tagpage_bench_<profile>_<scale> when it has data.")
@click.option("--database", default=None,
              help="Benchmark this existing database as it is (no load) instead of the bench's own.")
@click.option("--ladder", default=None,
              help="Comma-separated scales, e.g. 0.01,0.1,1: run the scale ladder instead.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Results directory (default bench/results).")
@click.pass_obj
def bench_command(obj: dict, profile: str, scale: float, seed: int, requests: int, reps: int,
                  legacy_reps: int, workload_reps: int, http_mode: str, regret: bool,
                  workload_legacy: bool, plot: bool, reuse: bool, database: str | None,
                  ladder: str | None, out_dir: str | None) -> None:
    """Legacy vs tagpage side by side, planner regret, scale ladder (issue 6)."""
    from pathlib import Path

    from psycopg.conninfo import make_conninfo

    from python_admin import bench

    options = bench.Options(
        profile=profile, scale=scale, seed=seed, requests=requests, reps=reps,
        legacy_reps=legacy_reps, workload_reps=workload_reps, http=http_mode,
        redis_url=obj["redis_url"], regret=regret, workload_legacy=workload_legacy, plot=plot)
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


# ----- web: serve and cache (issue 5) -------------------------------------------------------
@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to bind.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="gunicorn worker processes (each has its own pool, cache client and listener).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(min=1),
              help="Threads per worker (gthread).")
def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the gallery page and API with gunicorn (web.app:create_app())."""
    import sys

    # gunicorn, not the Flask dev server; exec so signals reach gunicorn directly.
    argv = [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}", "--workers", str(workers),
            "--threads", str(threads), "--worker-class", "gthread", "--access-logfile", "-",
            "web.app:create_app()"]
    os.execvp(argv[0], argv)


@main.group("cache")
def cache_group() -> None:
    """Redis page cache: warm, clear, stats, listen."""


def _page_cache(obj: dict):
    from python_admin.cache import PageCache

    cache = PageCache(obj["redis_url"])
    if not cache.enabled:
        raise click.ClickException("the cache is disabled (REDIS_URL is empty or off)")
    return cache


@cache_group.command("warm")
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=1, max=1000),
              help="How many of the most popular tags to warm.")
@click.option("--page-size", default=25, show_default=True, type=click.IntRange(min=1, max=500))
@click.pass_obj
def cache_warm(obj: dict, top: int, page_size: int) -> None:
    """Store the first page of the TOP most popular tags."""
    from psycopg_pool import ConnectionPool

    from web.app import _db_revision
    from web.service import warm_top_tags

    from python_admin.cache import PageCache

    cache = PageCache(obj["redis_url"], db_revision=_db_revision(obj["database_url"]))
    if not cache.enabled:
        raise click.ClickException("the cache is disabled (REDIS_URL is empty or off)")
    with ConnectionPool(obj["database_url"], min_size=1, max_size=1) as pool, \
            click.progressbar(length=top, label="warming") as bar:
        report = warm_top_tags(pool, cache, top, page_size=page_size,
                               progress=lambda done, total: bar.update(1))
    cache.publish_counters()
    stored = sum(1 for r in report if r["cache"] == "miss")
    click.echo(f"warmed {stored} pages ({len(report) - stored} already cached, "
               f"{sum(1 for r in report if r['cache'] == 'off')} with Redis unreachable)")


@cache_group.command("clear")
@click.pass_obj
def cache_clear(obj: dict) -> None:
    """Delete every cached page and generation under the prefix."""
    click.echo(f"deleted {_page_cache(obj).clear()} keys")


@cache_group.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def cache_stats(obj: dict, as_json: bool) -> None:
    """Hits, misses, errors (summed over processes), cached pages, Redis memory."""
    import json as _json

    stats = _page_cache(obj).stats()
    if as_json:
        click.echo(_json.dumps(stats))
        return
    for key, value in stats.items():
        click.echo(f"{key:18} {value}")


@cache_group.command("listen")
@click.option("--verbose", "-v", is_flag=True, help="Print every invalidation message.")
@click.pass_obj
def cache_listen(obj: dict, verbose: bool) -> None:
    """LISTEN tagpage_invalidate and invalidate cached pages until interrupted."""
    import logging
    import threading

    from python_admin.invalidation_listener import InvalidationListener

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    listener = InvalidationListener(obj["database_url"], _page_cache(obj),
                                    on_message=(lambda p: click.echo(p)) if verbose else None)
    stop = threading.Event()
    click.echo("listening on tagpage_invalidate (Ctrl-C to stop)")
    try:
        listener.run(stop)
    except KeyboardInterrupt:
        stop.set()
    click.echo(f"stopped after {listener.messages} messages")
