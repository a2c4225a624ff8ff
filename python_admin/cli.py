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
