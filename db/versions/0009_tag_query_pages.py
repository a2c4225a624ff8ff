"""Pages, plans and counts of a boolean tag query: the engine reads tag_query.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

unified_content_page, unified_content_plan and tagpage_page_stage_timings take a last argument
tag_query (default NULL, so every earlier call keeps working); the request carries the whole tag
filter as one tree (tagpage_request.expr) and plpgsql/planner_query.sql plans it. Functions come
from plpgsql/, listed with their hashes in db/manifests/0009.json; the bodies revision 0006
shipped are kept under db/frozen/0006/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Re-created with a new last argument: new functions, granted as entry points again.
ENTRY_POINTS = ENTRY_POINTS_BY_REVISION[revision]

# The signatures this revision replaces (a call with their arguments would otherwise match two).
REPLACED_0006 = (
    "unified_content_page(uuid[], text, integer, uuid, text[], text, text)",
    "unified_content_plan(uuid[], text, integer, uuid, text[], text, text)",
    "tagpage_page_stage_timings(integer, uuid[], text, integer, uuid, text[], text, text)",
    "tagpage_request_build(uuid[], text, integer, uuid, text[], text, text)",
    "tagpage_run_tag_first(tagpage_request, tagpage_shape)",  # now tagpage_run_statement
)
DROP_REPLACED = "\n".join(f"drop function if exists {signature};" for signature in REPLACED_0006)


def upgrade() -> None:
    run_sql(DROP_REPLACED)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS)


def downgrade() -> None:
    uninstall(revision)
    reinstall("0006")
    grant_new_functions("0006", ENTRY_POINTS_BY_REVISION["0006"])
