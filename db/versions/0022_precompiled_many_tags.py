"""The walks and two_phase_single run precompiled for any number of tags; an empty scope runs nothing.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02

A request for more than tagpage_static_slots() tags with tag_match 'all' ran its walk or its
two_phase_single statement through EXECUTE: parsed and planned at every call, ~1.8 ms for nine
tags on zipf 1 around 0.35 ms of index work. The precompiled statements now take the tags past
the slots in one more probe, still one descent per tag, in the planner's order, stopping at the
first tag the row lacks, so tagpage_static_serves holds for those strategies at any k and the
planner no longer charges them the statement's planning (docs/performance.md, "Many tags,
precompiled").

Without that planning term, two_phase_single won ties it runs slower than two_phase_dual or the
count bitmaps: its seed candidates' probes are now priced at tagpage_plan_seed_probe_cost()
units each (1.5; they were 1).

A request whose scope reads no partition (user-* sources without a user_id) cannot return a
row: unified_content_page returns the empty page without planning or running a statement,
unless a strategy is forced.

Functions come from plpgsql/, listed with their hashes in db/manifests/0022.json; the bodies
revision 0021 shipped are kept under db/frozen/0021/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, uninstall

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # unified_content_page.sql before static_paths.sql in the manifest: the compile rewrites
    # the entry point as that file installed it.
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    # The entry point before the compile that rewrites it.
    reinstall("0021", ("planner.sql", "strategies/common.sql", "unified_content_page.sql", "static_paths.sql"))
    uninstall(revision)
    grant_new_functions("0021", ENTRY_POINTS_BY_REVISION["0021"])
