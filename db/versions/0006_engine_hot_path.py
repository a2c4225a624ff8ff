"""Engine hot path.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

Functions come from plpgsql/, listed with their hashes in db/manifests/0006.json; files changed
since an earlier revision shipped them keep that revision's body under db/frozen/<revision>/.
"""
from db.grants import grant_new_functions
from db.sqlfiles import install, uninstall

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Functions of this revision the web app's role may call (SECURITY DEFINER, see db/grants.py).
ENTRY_POINTS: tuple[str, ...] = ()


def upgrade() -> None:
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS)


def downgrade() -> None:
    uninstall(revision)
