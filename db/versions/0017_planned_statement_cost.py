"""The planner counts what planning a statement at the call costs.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01

A strategy whose statement has no precompiled shape for the request is parsed and planned at
every call (~0.5 ms of backend CPU). tagpage_plan now adds that to the strategy's estimate
(tagpage_plan_statement_cost), so a precompiled strategy wins a tie with a planned one, and a
planned one is chosen only where it saves more than its planning (docs/performance.md,
"What planning at the call costs").

Functions come from plpgsql/, listed with their hashes in db/manifests/0017.json; the body
revision 0015 shipped is kept under db/frozen/0015/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, uninstall

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

CHANGED_0015 = ("planner.sql",)


def upgrade() -> None:
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    uninstall(revision)
    reinstall("0015", CHANGED_0015)
