"""Least-privilege reader role.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

Functions come from plpgsql/, listed with their hashes in db/manifests/0005.json.
"""
from db.sqlfiles import install, uninstall

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    install(revision)


def downgrade() -> None:
    uninstall(revision)
