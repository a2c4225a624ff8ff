"""Cursor format 2: plain URL-safe text instead of base64url of JSON.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01

A page carries two cursors per row. Format 1 (base64url of compact JSON, ~130 characters) cost
~3 us of backend CPU per row to build and doubled the bytes a page sends; format 2 writes the
same position as ~30 characters of plain text (docs/api.md, "Cursor format"; measured in
docs/performance.md, "Cursor format 2"). Its decoder checks by patterns, without the JSON parse
and the subtransactions format 1 needed, and still reads format 1 (tagpage_cursor_decode_v1), so
cursors handed out before the upgrade stay valid.

Functions come from plpgsql/, listed with their hashes in db/manifests/0014.json; the body
revision 0006 shipped is kept under db/frozen/0006/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, uninstall

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

CHANGED_0006 = ("cursor.sql",)


def upgrade() -> None:
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    # tagpage_cursor_decode_v1 goes; the format 1 encoder and decoder come back.
    uninstall(revision)
    reinstall("0006", CHANGED_0006)
