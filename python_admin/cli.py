"""The `tagpage` command line: one click group, one function per command."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

import click

from python_admin import db
from db.settings import DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL


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


# ----- configuration, statistics, indexes, explain ------------------------------------------
# Exit codes: 0 ok, 1 failure (ClickException / fail), 2 usage (click's own).


@contextmanager
def _admin_conn(obj: dict) -> Iterator["psycopg.Connection"]:
    """A connection for admin commands; database errors become a one-line failure (exit 1)."""
    import psycopg

    try:
        with db.connect(obj["database_url"]) as conn:
            yield conn
    except psycopg.errors.UndefinedFunction as exc:
        raise click.ClickException(
            f"{exc.diag.message_primary}: is the database migrated? run `tagpage migrate`") from exc
    except psycopg.Error as exc:
        raise click.ClickException(str(exc).strip()) from exc


@main.command("schema-dump")
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write the dump (default db/schema.sql).")
@click.pass_obj
def schema_dump(obj: dict, output: str | None) -> None:
    """Dump the schema a fresh migration to head builds (a scratch database on the server)."""
    path = output or str(db.SCHEMA_DUMP_PATH)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(db.fresh_schema_dump(obj["database_url"]))
    click.secho(f"wrote {path}", fg="green")


@main.group("config")
def config_group() -> None:
    """Planner configuration (config/base.json -> planner_config)."""


@config_group.command("load")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
def config_load(obj: dict, path: str | None) -> None:
    """Validate PATH's planner section (default config/base.json) and write it to the database."""
    from python_admin import config_loader

    try:
        knobs = config_loader.load_file(path)
    except config_loader.ConfigError as exc:
        for problem in exc.problems:
            click.secho(f"error: {problem}", fg="red", err=True)
        raise SystemExit(1) from exc
    with _admin_conn(obj) as conn:
        written = config_loader.write(conn, knobs)
    click.secho(f"loaded {written} planner settings", fg="green")


@config_group.command("show")
@click.pass_obj
def config_show(obj: dict) -> None:
    """Print the planner settings in force."""
    from python_admin import config_loader, output

    with _admin_conn(obj) as conn:
        rows = config_loader.current(conn)
    output.print_table(rows, [("key", "key"), ("value", "value"), ("updated", "updated_at"),
                              ("known", "known", output.warn_if(lambda known: not known))])


@main.group("stats")
def stats_group() -> None:
    """Tag statistics the planner chooses strategies from."""


@stats_group.command("refresh")
@click.option("--incremental", is_flag=True,
              help="Only fold the content_tags change log into the counts (cheap).")
@click.pass_obj
def stats_refresh(obj: dict, incremental: bool) -> None:
    """Recompute tag counts (or fold pending deltas) and print rows written and time."""
    from python_admin import stats

    with _admin_conn(obj) as conn:
        result = stats.refresh(conn, incremental=incremental)
    what = "folded deltas into" if incremental else "refreshed"
    click.secho(f"{what} tag statistics: {result.rows_written} rows written in "
                f"{result.seconds:.3f}s", fg="green")


@stats_group.command("show")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--source", type=click.Choice(["items", "auto"]), default=None,
              help="Rank by one source's count.")
@click.pass_obj
def stats_show(obj: dict, limit: int, source: str | None) -> None:
    """Freshness, per-source totals and the most-used tags; exit 1 when the stats are stale."""
    from python_admin import output, stats

    with _admin_conn(obj) as conn:
        fresh = stats.freshness(conn)
        top = stats.top_tags(conn, limit, source)
    age = fresh["age_seconds"]
    state = ("fresh" if fresh["is_fresh"] else "STALE") if age is not None else "NEVER REFRESHED"
    click.echo(f"refreshed at   {output.cell(fresh['refreshed_at'])}")
    click.echo("age            " + (f"{age:.0f}s" if age is not None else "-")
               + f" (limit {fresh['freshness_seconds']}s) "
               + click.style(state, fg="green" if fresh["is_fresh"] else "red", bold=True))
    click.echo(f"pending deltas {fresh['pending_deltas']}")
    click.echo(f"tag rows       {fresh['tag_rows']}")
    click.echo("source rows    " + ", ".join(f"{k} {v}" for k, v in fresh["source_rows"].items()))
    click.echo()
    output.print_table(top, [("tag", "name"), ("total" if source is None else source, "cardinality"),
                             ("items", "items"), ("auto", "auto"), ("id", "id")])
    if not fresh["is_fresh"]:
        raise SystemExit(1)


@stats_group.command("schedule")
@click.option("--cron", "refresh_cron", default="17 * * * *", show_default=True,
              help="pg_cron schedule of the full refresh.")
@click.option("--deltas-cron", default="* * * * *", show_default=True,
              help="pg_cron schedule of the delta fold ('' to skip).")
@click.pass_obj
def stats_schedule(obj: dict, refresh_cron: str, deltas_cron: str) -> None:
    """Register the refresh inside the database with pg_cron (where it is available)."""
    from python_admin import stats

    with _admin_conn(obj) as conn:
        try:
            jobs = stats.schedule(conn, refresh_cron, deltas_cron or None)
        except stats.ScheduleError as exc:
            raise click.ClickException(str(exc)) from exc
    for name, job_id in jobs:
        click.secho(f"scheduled {name} (pg_cron job {job_id})", fg="green")


@main.group("indexes")
def indexes_group() -> None:
    """Index sizes, use, bloat and redundancy."""


_INDEX_REASON_STYLE = {"duplicate": "red", "prefix": "red", "low_cardinality_gap": "yellow"}


@indexes_group.command("report")
@click.pass_obj
def indexes_report(obj: dict) -> None:
    """Every index: size, scans, estimated bloat, unused and redundant ones coloured."""
    from python_admin import indexes, output

    with _admin_conn(obj) as conn:
        rows = indexes.report(conn)
    for row in rows:
        row["size"] = output.human_bytes(row["index_size_bytes"])
        row["bloat"] = output.human_bytes(row["est_bloat_bytes"])
        row["bloat %"] = None if row["est_bloat_ratio"] is None else round(float(row["est_bloat_ratio"]) * 100)
        row["redundant"] = (f"{row['redundant_reason']} of {row['superseded_by']}"
                            if row["redundant_reason"] else None)
    output.print_table(rows, [
        ("table", "table_name"), ("index", "index_name"), ("columns", "index_columns"),
        ("size", "size"), ("scans", "idx_scan"),
        ("unused", "unused", output.warn_if(lambda unused: unused)),
        ("bloat", "bloat"), ("bloat %", "bloat %", output.warn_if(lambda pct: pct >= 30)),
        ("redundant", "redundant", output.warn_if(lambda text: True, "red")),
    ])


@indexes_group.command("cleanup")
@click.option("--apply", "apply_", is_flag=True, help="Drop them (DROP INDEX CONCURRENTLY).")
@click.option("--strict", is_flag=True,
              help="Only duplicates and exact prefixes, not low-cardinality-gap ones.")
@click.pass_obj
def indexes_cleanup(obj: dict, apply_: bool, strict: bool) -> None:
    """Show the redundant indexes; with --apply drop them, logging each."""
    import time as _time

    from python_admin import indexes, output

    with _admin_conn(obj) as conn:
        rows = indexes.redundant(conn, strict=strict)
    for row in rows:
        row["size"] = output.human_bytes(row["index_size_bytes"])
    output.print_table(rows, [
        ("table", "table_name"), ("index", "index_name"), ("columns", "index_columns"),
        ("superseded by", "superseded_by"), ("by columns", "superseding_columns"),
        ("reason", "reason", lambda r: {"fg": _INDEX_REASON_STYLE.get(r, "red")}), ("size", "size"),
    ], empty="no redundant indexes")
    if not rows:
        return
    if not apply_:
        click.echo(f"{len(rows)} index(es) would be dropped; run with --apply to drop them")
        return

    def logged(row: dict, statement: str) -> None:
        click.echo(f"{_time.strftime('%Y-%m-%d %H:%M:%S')} dropped {row['schema_name']}.{row['index_name']}"
                   f" ({row['reason']}, {row['size']}): {statement}")

    try:
        dropped = indexes.drop(obj["database_url"], rows, logged)
    except Exception as exc:  # psycopg errors: report which drop failed, keep exit code 1
        raise click.ClickException(f"drop failed: {exc}") from exc
    click.secho(f"dropped {dropped} index(es)", fg="green")


@main.command("explain")
@click.option("--tag", "tags", multiple=True, help="Tag id (uuid); repeatable.")
@click.option("--tag-name", "tag_names", multiple=True, help="Tag name; repeatable.")
@click.option("--source", "sources", multiple=True,
              type=click.Choice(["user-regular", "user-auto", "community-regular", "community-auto"]),
              help="Source word; repeatable (default: all).")
@click.option("--user-id", default=None, help="Viewer's user id (uuid).")
@click.option("--sort", default="created_at_desc", show_default=True,
              type=click.Choice(["created_at_desc", "created_at_asc", "quality_score_desc"]))
@click.option("--match", "tag_match", default="all", show_default=True, type=click.Choice(["all", "any"]))
@click.option("--query", "tag_query", default=None,
              help="A boolean tag query, e.g. 'anime -nsfw (cat or dog)' (ANDed with the tags).")
@click.option("--page-size", default=25, show_default=True, type=click.IntRange(1, 500))
@click.option("--cursor", default=None, help="A next_cursor/prev_cursor from an earlier page.")
@click.option("--all-statements", is_flag=True, help="Also print every nested statement's plan.")
@click.option("--timing-calls", default=50, show_default=True, type=click.IntRange(0, 100000),
              help="Time each stage of the call over this many server-side calls (0: skip).")
@click.pass_obj
def explain_command(obj: dict, tags: tuple[str, ...], tag_names: tuple[str, ...], sources: tuple[str, ...],
                    user_id: str | None, sort: str, tag_match: str, tag_query: str | None, page_size: int,
                    cursor: str | None, all_statements: bool, timing_calls: int) -> None:
    """The planner's decision and EXPLAIN (ANALYZE, BUFFERS) of the chosen strategy."""
    import json as _json
    import uuid as _uuid

    from python_admin import explain

    for value, option in [(t, "--tag") for t in tags] + ([(user_id, "--user-id")] if user_id else []):
        try:
            _uuid.UUID(value)
        except ValueError:
            raise click.BadParameter(f"not a uuid: {value}", param_hint=option)
    request = explain.Request(tags=list(tags), tag_names=list(tag_names), cursor=cursor,
                              page_size=page_size, user_id=user_id, sources=list(sources) or None,
                              tag_match=tag_match, sort=sort, tag_query=tag_query)
    with _admin_conn(obj) as conn:
        try:
            result = explain.explain(conn, request, timing_calls)
        except explain.ExplainError as exc:
            raise click.ClickException(str(exc)) from exc
    decision = result.decision
    click.secho(f"strategy: {decision.get('strategy')}", fg="green", bold=True)
    for key in ("reason", "k", "rarest_count", "expr", "seed", "estimates"):
        if key in decision:
            click.echo(f"{key}: {_json.dumps(decision[key])}")
    click.echo("decision: " + _json.dumps(decision, sort_keys=True))
    total = f"{result.total_ms:.3f} ms" if result.total_ms is not None else "?"
    click.secho(f"\nunified_content_page: {result.rows} rows, {total}", bold=True)
    if result.count is not None:
        count = result.count
        what = (f"{count['total']} (exact" if count["exact"]
                else f"about {count['total']}, 95% in [{count['lower']}, {count['upper']}] (estimate")
        click.echo(f"total: {what}, method {count['method']})")
    shown = result.nested if all_statements else [result.strategy_plan] if result.strategy_plan else []
    if not shown:
        raise click.ClickException("auto_explain captured no plan (is auto_explain installed?)")
    for captured in shown:
        click.secho(f"\n-- {captured.duration_ms:.3f} ms: {captured.query[:200]}", fg="cyan")
        click.echo(captured.plan)
    if result.stages:
        click.secho(f"\nwhere the time goes (server side, median of {timing_calls} calls):", bold=True)
        for stage, ms in result.stages:
            click.echo(f"  {stage:32s} {ms:8.3f} ms")


@main.group("demo")
def demo_group() -> None:
    """Demo data: the genonaut and zipf profiles."""


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


@main.command("bench", context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                        "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench_command(args: tuple[str, ...]) -> None:
    """Legacy, upstream and tagpage side by side (the bench package; `tagpage bench --help`)."""
    import sys

    # The harness is its own package, imported by nothing else: start it as a program.
    os.execv(sys.executable, [sys.executable, "-m", "bench", *args])


# ----- web: serve and cache -----------------------------------------------------------------
@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to bind.")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="gunicorn worker processes, each with its own pools, cache client and listener "
                   "[default: the CPU cores this process may use].")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(min=1),
              help="Threads per worker (gthread).")
def serve(host: str, port: int, workers: int | None, threads: int) -> None:
    """Serve the gallery page and API with gunicorn (web.app:create_app()).

    /metrics adds up every worker (web/gunicorn_config.py: prometheus_client's multiprocess
    mode, PROMETHEUS_MULTIPROC_DIR). Read replicas: DATABASE_REPLICA_URLS (docs/scaling.md).
    """
    import sys

    workers = workers or len(os.sched_getaffinity(0))
    # gunicorn, not the Flask dev server; exec so signals reach gunicorn directly.
    argv = [sys.executable, "-m", "gunicorn", "--config", "python:web.gunicorn_config",
            "--bind", f"{host}:{port}", "--workers", str(workers),
            "--threads", str(threads), "--worker-class", "gthread", "--access-logfile", "-",
            "web.app:create_app()"]
    os.execvp(argv[0], argv)


@main.group("cache")
def cache_group() -> None:
    """Redis page cache: warm, clear, stats, listen."""


def _page_cache(obj: dict):
    from web.cache import PageCache

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

    from web.app import db_revision
    from web.service import warm_top_tags

    from web.cache import PageCache

    cache = PageCache(obj["redis_url"], db_revision=db_revision(obj["database_url"]))
    if not cache.enabled:
        raise click.ClickException("the cache is disabled (REDIS_URL is empty or off)")
    # No server-side prepared statements: DATABASE_URL may be a transaction pooler.
    with ConnectionPool(obj["database_url"], min_size=1, max_size=1, kwargs={"prepare_threshold": None}) as pool, \
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

    from web.invalidation_listener import InvalidationListener

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
