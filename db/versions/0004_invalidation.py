"""Cache invalidation notifications.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

Functions come from plpgsql/, listed with their hashes in db/manifests/0004.json.
"""
from db.sqlfiles import install, uninstall

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    install(revision)


def downgrade() -> None:
    uninstall(revision)
