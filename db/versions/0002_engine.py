"""Query engine: cursors, planner, strategies, unified content page.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Functions come from plpgsql/, listed with their hashes in db/manifests/0002.json.
"""
from db.sqlfiles import install, uninstall

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    install(revision)


def downgrade() -> None:
    uninstall(revision)
