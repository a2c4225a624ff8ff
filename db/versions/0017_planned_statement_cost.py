"""The planner counts what planning a statement at the call costs.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01

A strategy whose statement has no precompiled shape for the request is parsed and planned at
every call (~0.5 ms of backend CPU). tagpage_plan now adds that to the strategy's estimate
(tagpage_plan_statement_cost), so a precompiled strategy wins a tie with a planned one, and a
planned one is chosen only where it saves more than its planning (docs/performance.md,
"Planning at the call"). The same revision prices self_join's join below two_phase_single's
probes, the bitmap's list at W / 20, and caps the walk of a user-only scope at the viewer's own
rows (counted up to tagpage_plan_user_rows_cap()).

Functions come from plpgsql/, listed with their hashes in db/manifests/0017.json; the body
revision 0015 shipped is kept under db/frozen/0015/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

CHANGED_0015 = ("planner.sql",)
# tagpage_plan_sizes and tagpage_plan_inputs gain an OUT column (user_rows): CREATE OR REPLACE
# cannot change a result type, and the second's body depends on the first.
DROP_INPUTS = """
drop function if exists tagpage_plan_inputs(tagpage_request, boolean);
drop function if exists tagpage_plan_sizes(tagpage_request);
"""


def upgrade() -> None:
    run_sql(DROP_INPUTS)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    uninstall(revision)
    run_sql(DROP_INPUTS)
    reinstall("0015", CHANGED_0015)
    grant_new_functions("0013")  # the two re-created functions are 0013's, executable as then
