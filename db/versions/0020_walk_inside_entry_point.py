"""The walk pages run inside unified_content_page, and a conjunctive tag query skips the parser.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02

unified_content_page returned a precompiled walk's page through `return query select * from`
its page function: a second function call with its own settings, and every row copied from the
page function's result into the entry point's. tagpage_static_compile now also writes the page
functions' statements into unified_content_page, between the marks its source carries, so the
walk's statement is the entry point's own (docs/performance.md, "The walk inside the entry
point"). The page functions stay, for `tagpage explain`'s stage timings.

A tag query that is a conjunction of plain or negated names (`anime -dark`) is normalised by
tagpage_tag_query_conjunction, a few statements instead of the general parser and normaliser
(now tagpage_tag_query_normalize_general); tagpage_tag_query_normalize tries the first, then the
second, and gives the same normal form either way (docs/performance.md, "Conjunctions without
the parser"). A tag query without a tags argument skips merging them into its own.

Functions come from plpgsql/, listed with their hashes in db/manifests/0020.json; the bodies
revisions 0016, 0018 and 0019 shipped are kept under db/frozen/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, uninstall

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # unified_content_page.sql comes first in the manifest: static_paths.sql's compile rewrites
    # the entry point as that file installed it.
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    # 0018's tag_query.sql first: its tagpage_tag_query_normalize no longer calls the two
    # functions this revision added (a SQL-standard body depends on what it calls, and dropping
    # them first would cascade to it). Then they go, and the entry point is 0016's again.
    reinstall("0018", ("tag_query.sql",))
    uninstall(revision)
    reinstall("0019", ("request.sql",))
    reinstall("0016", ("unified_content_page.sql",))
    reinstall("0018", ("static_paths.sql",))
    grant_new_functions("0016", ENTRY_POINTS_BY_REVISION["0016"])
