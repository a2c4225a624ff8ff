"""How the web app connects with least privilege: as the tagpage_reader role (revision 0005).

The role is LOGIN without a password, so on a trust-auth server (local development, CI) the
app connects with user=tagpage_reader and the same host, port and database. Where passwords
are required, give the role one (`ALTER ROLE tagpage_reader PASSWORD ...`) and set
TAGPAGE_READER_PASSWORD, or point READER_DATABASE_URL at a full conninfo.
"""
from __future__ import annotations

import os

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from db.settings import database_url

READER_ROLE = "tagpage_reader"   # the web app's login
QUERY_ROLE = "tagpage_query"     # owns the SECURITY DEFINER read entry points; reads, never writes
# The functions the reader may call, by the revision that made them entry points (a revision
# that re-creates one names it again, since re-creating drops its definer rights).
ENTRY_POINTS_BY_REVISION: dict[str, tuple[str, ...]] = {
    "0005": ("unified_content_page", "unified_content_plan", "popular_tags", "search_tags",
             "item_tag_names"),
    "0006": ("unified_content_page", "unified_content_plan"),
    "0007": (),
    "0008": ("unified_content_count", "related_tags"),
    "0009": ("unified_content_page", "unified_content_plan"),
    "0010": ("unified_content_page", "unified_content_plan"),
    "0011": ("related_tags",),
    "0012": ("unified_content_page", "unified_content_plan"),
    "0013": ("unified_content_page", "unified_content_plan"),
    "0014": (),
    "0015": (),
    "0016": ("unified_content_page", "unified_content_plan"),
    "0017": (),
    "0018": (),
    "0019": (),
    "0020": ("unified_content_page", "unified_content_plan"),
    "0021": ("unified_content_page", "unified_content_plan"),
    "0022": ("unified_content_page", "unified_content_plan"),
    "0023": (),
    "0024": ("unified_content_page", "unified_content_plan"),
}
READ_ENTRY_POINTS = tuple(dict.fromkeys(n for names in ENTRY_POINTS_BY_REVISION.values() for n in names))
# The only tables the reader may SELECT: the tag vocabulary and the schema revision.
READER_TABLES = ("tags", "alembic_version")


def reader_url(url: str | None = None) -> str:
    """Conninfo of the database at `url` (DATABASE_URL by default), logged in as the reader.

    READER_DATABASE_URL wins when set: deployments that keep the reader's credentials apart.
    """
    explicit = os.environ.get("READER_DATABASE_URL")
    if explicit and url is None:
        return explicit
    params = conninfo_to_dict(url or database_url())
    params["user"] = READER_ROLE
    params.pop("password", None)
    password = os.environ.get("TAGPAGE_READER_PASSWORD")
    if password:
        params["password"] = password
    return make_conninfo(**params)
