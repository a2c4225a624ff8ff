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
