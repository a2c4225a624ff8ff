"""A lighter page call: the planner reads in one statement; each cursor is encoded once.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01

Measured per canonical call (backend CPU, genonaut 0.1; docs/performance.md, "Where a call's
fixed cost went"): unified_content_page wrote each row's cursor tail twice, the subquery that
computed it having been pulled up into both cursor columns (an OFFSET 0 fence keeps it one
column); the planner read its knobs and partition sizes through a PL/pgSQL function and a second
statement for the tags' statistics (tagpage_plan_sizes is now a SQL function inlined into one
statement, and the missing-knob error moves to tagpage_plan_knobs_missing); the tags' statistics
and the request's distinct tags were sorted once per aggregate (four and three sorts, now one);
the planner's full-comparison variables were initialised on every call, the quick one-tag
decision's included.

Functions come from plpgsql/, listed with their hashes in db/manifests/0013.json; the bodies
revisions 0009 and 0012 shipped are kept under db/frozen/0009/ and db/frozen/0012/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

CHANGED_0012 = ("planner.sql", "planner_query.sql", "unified_content_page.sql")
CHANGED_0009 = ("request.sql",)
# Re-created entry points lose SECURITY DEFINER: granted again (db/grants.py).
ENTRY_POINTS = ENTRY_POINTS_BY_REVISION[revision]
# tagpage_plan_sizes returns a table now (it was a record of OUT parameters): CREATE OR REPLACE
# cannot change a function's result type.
DROP_SIZES = "drop function if exists tagpage_plan_sizes(tagpage_request);"


def upgrade() -> None:
    run_sql(DROP_SIZES)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS)


def downgrade() -> None:
    uninstall(revision)
    run_sql(DROP_SIZES)
    reinstall("0012", CHANGED_0012)
    reinstall("0009", CHANGED_0009)
    # tagpage_plan_sizes is 0010's again (its grants with it), and so are the entry points.
    grant_new_functions("0010", ENTRY_POINTS_BY_REVISION["0010"])
