"""The planner decides an obvious one-tag walk before comparing every strategy.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

tagpage_plan (plpgsql/planner.sql) keeps one tag's walk, unbudgeted, as soon as its estimate is at
most what the cheapest tag-first strategy could cost, with the comparison's own arithmetic: the
same choice, without the ~60 expressions of the full comparison on the everyday request. Functions
come from plpgsql/, listed with their hashes in db/manifests/0010.json; the planner body revision
0009 shipped is kept under db/frozen/0009/.
"""
from db.sqlfiles import install, reinstall, uninstall

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CHANGED = ("planner.sql",)


def upgrade() -> None:
    install(revision)


def downgrade() -> None:
    uninstall(revision)
    reinstall("0009", CHANGED)
