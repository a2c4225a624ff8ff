"""One-tag walks with their one probe; 'any' walks over many tags may descend once per tag.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02

A precompiled statement serves any number of tags with tagpage_static_slots() probes, each
skipped at run time beyond the request's k, and one more probe for the tags past them. Every
probe is a subplan the executor starts at each call, used or not: a one-tag request (the
gallery's everyday one) started ten index scans where it reads two. The page walk (and so the
walks inside unified_content_page) now has a shape for exactly one tag, 'one' in
tagpage_static_specs, whose statement holds that tag's probe only (tagpage_static_shape).
two_phase_single keeps its slots: without the probes' filter its seed's generic plan reads the
tag's postings of every partition and filters them by source.

A precompiled 'any' walk over more tags than the slots always read each row's postings with one
filtered descent. Where rows carry many postings and a dense tag is among the request's, one
descent per tag, densest first, stopping at the first the row carries, reads far less: the
planner now chooses between the two (tagpage_request.any_filtered) at any k, as it did up to
the slots, and a request with more tags than the slots runs a statement of its own
('any_past_slots') that reads all its tags backwards through one scan of their subscripts; the
few tags' statement stays as it was, its subplans all started at every call (docs/performance.md,
"One tag, one probe" and "Many any tags, one descent each").

Revision 0022 also raised the bitmap strategy's constant from 500 to 750 units
(tagpage_plan_bitmap_cost); its docstring named only the seed probe's price.

Functions come from plpgsql/, listed with their hashes in db/manifests/0023.json; the bodies
revision 0022 shipped are kept under db/frozen/0022/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


COMMENTS = """
comment on column tagpage_request.any_filtered is 'A precompiled any walk: true reads each row''s postings with one filtered descent, otherwise one descent per tag, densest first (copied from tagpage_plan_choice.any_filtered).';
comment on column tagpage_plan_choice.any_filtered is 'For tag_match any over two or more tags: whether the expected descents per row of one probe per tag reach tagpage_plan_any_filtered_descents(), so the walk probes each row once, filtered; NULL for other requests.';
comment on column tagpage_shape.slots is 'Precompiled statements: probes written, each skipped at run time beyond the request''s k (0: none, an any walk past the slots reads the tags through their subscripts); NULL for dynamic statements and the one-tag shape, which write exactly k probes.';
"""

COMMENTS_0022 = """
comment on column tagpage_request.any_filtered is 'A precompiled any walk over at most tagpage_static_slots() tags: true reads each row''s postings with one filtered descent, otherwise one descent per tag, densest first (copied from tagpage_plan_choice.any_filtered).';
comment on column tagpage_plan_choice.any_filtered is 'For tag_match any over 2..tagpage_static_slots() tags: whether the expected descents per row of one probe per tag reach tagpage_plan_any_filtered_descents(), so the walk probes each row once, filtered; NULL for other requests.';
comment on column tagpage_shape.slots is 'Precompiled statements: probes written, each skipped at run time beyond the request''s k; NULL for dynamic statements.';
"""


def upgrade() -> None:
    # strategies/common.sql before static_paths.sql in the manifest: the compile writes the
    # precompiled functions and the walks inside unified_content_page from those builders.
    install(revision)
    run_sql(COMMENTS)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    # 0022's builders, then its compile, which rewrites the functions and the entry point's walks.
    reinstall("0022", ("planner.sql", "strategies/common.sql", "static_paths.sql"))
    run_sql(COMMENTS_0022)
    uninstall(revision)
    grant_new_functions("0022", ENTRY_POINTS_BY_REVISION["0022"])
