"""A request checked by expressions; the quick walk decision for tag_match 'any' too.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01

tagpage_request_build validated and assembled a request in one SQL statement, which cost its
executor start-up on every call; it now checks with PL/pgSQL expressions and runs a statement
only for what needs one: the tags (distinct, known, within max_tags) and a cursor (its decoder).
The planner's quick decision, which keeps a walk without comparing every strategy when no
estimate can undercut it, covers several tags with tag_match 'any' as well as one tag
(docs/performance.md, "A request without a statement").

Functions come from plpgsql/, listed with their hashes in db/manifests/0015.json; the bodies
revision 0013 shipped are kept under db/frozen/0013/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, uninstall

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

CHANGED_0013 = ("request.sql", "planner.sql")


def upgrade() -> None:
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    uninstall(revision)
    reinstall("0013", CHANGED_0013)
