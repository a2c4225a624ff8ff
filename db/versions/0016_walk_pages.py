"""Walk pages in one statement: the precompiled walks also return the page itself.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01

A walk (no_tags, or sort_first without a walk budget) of a precompiled shape used to hand its
rows to unified_content_page as an array, which a second statement turned into the page (cursors,
has_next / has_prev). tagpage_static_compile now also generates tagpage_static_page_no_tags and
tagpage_static_page_sort_first, whose statements return the page directly, and
unified_content_page returns their rows (docs/performance.md, "Walk pages in one statement").

Functions come from plpgsql/, listed with their hashes in db/manifests/0016.json; the bodies
revisions 0009 and 0013 shipped are kept under db/frozen/0009/ and db/frozen/0013/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

CHANGED_0009 = ("static_paths.sql",)
CHANGED_0013 = ("unified_content_page.sql",)
# tagpage_static_specs gains an OUT column (page): CREATE OR REPLACE cannot change a result type.
DROP_SPECS = "drop function if exists tagpage_static_specs();"


def upgrade() -> None:
    run_sql(DROP_SPECS)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    # The page functions go with the revision's other functions; the specs and the entry points
    # are 0006's and 0013's again, with their grants.
    uninstall(revision)
    run_sql(DROP_SPECS)
    reinstall("0009", CHANGED_0009)
    reinstall("0013", CHANGED_0013)
    grant_new_functions("0006")
    grant_new_functions("0013", ENTRY_POINTS_BY_REVISION["0013"])
