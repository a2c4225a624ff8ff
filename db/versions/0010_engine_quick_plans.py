"""Quicker everyday plans, and the bitmap strategy for the slow tail.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

tagpage_plan (plpgsql/planner.sql) keeps one tag's walk, unbudgeted, as soon as its estimate is at
most what any other strategy could cost, with the comparison's own arithmetic: the same choice,
without the ~60 expressions of the full comparison on the everyday request.

A new strategy, bitmap (plpgsql/strategies/bitmap.sql), evaluates the whole tag filter once on the
count bitmaps of revision 0008 and tests each walked row with one bit (rows written since the
bitmaps' build are probed live, so pages stay exact); when the bitmaps count few matches it lists
them instead of walking. Both planners price it (tagpage_plan_sizes now also returns the bitmaps'
size) and use it as the walk's fallback, which bounds filters of many common tags and negation-heavy
tag queries that have no rare positive conjunct to seed from.

Functions come from plpgsql/, listed with their hashes in db/manifests/0010.json; the bodies
revision 0009 shipped are kept under db/frozen/0009/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CHANGED = ("planner.sql", "planner_query.sql", "unified_content_page.sql")
# Count files changed here and shipped by 0008.
CHANGED_0008 = ("count_expr.sql", "count_core.sql")
# Re-created entry points lose SECURITY DEFINER: granted again (db/grants.py).
ENTRY_POINTS = ENTRY_POINTS_BY_REVISION[revision]
# Its OUT parameters change, which CREATE OR REPLACE cannot do.
DROP_SIZES = "drop function if exists tagpage_plan_sizes(tagpage_request);"


def upgrade() -> None:
    run_sql(DROP_SIZES)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS)


def downgrade() -> None:
    uninstall(revision)
    run_sql(DROP_SIZES)
    reinstall("0009", CHANGED)
    reinstall("0008", CHANGED_0008)
    # tagpage_plan_sizes is 0009's again (its grants with it), and so are the entry points.
    grant_new_functions("0009", ENTRY_POINTS_BY_REVISION["0009"])
