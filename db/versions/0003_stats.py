"""Statistics, facets, index maintenance.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Functions come from plpgsql/, listed with their hashes in db/manifests/0003.json.
"""
from db.sqlfiles import install, uninstall

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    install(revision)


def downgrade() -> None:
    uninstall(revision)
