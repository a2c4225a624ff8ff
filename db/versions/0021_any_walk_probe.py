"""An 'any' walk over a few tags probes each row the way its tags' densities make cheaper.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02

The precompiled walks for tag_match 'any' over at most tagpage_static_slots() tags probed every
row with one descent per tag, densest first. That is right when a dense tag hits at once
(genonaut, where every tag sits on most rows), and three descents for each row carrying none of
the tags when they are rare (zipf's medium and rare tags), where the plain query's one filtered
descent over the row's postings is cheaper. The planner now estimates the descents a row costs
from the tags' densities and, past tagpage_plan_any_filtered_descents(), sets
tagpage_plan_choice.any_filtered; the entry point copies it into the request
(tagpage_request.any_filtered), and the precompiled 'any' statements take the filtered probe
when it is set (docs/performance.md, "The any walks: which probe").

The planner's estimate for self_join (planned per call, so PostgreSQL picks per later tag
between probing the candidates left and reading the tag's posting list) prices each later tag
as the cheaper of the two, instead of half the probes always, which had sent medium tags with
dense partners to self_join over the count bitmaps at 2-3x their time.

Functions come from plpgsql/, listed with their hashes in db/manifests/0021.json; the bodies
revisions 0018, 0019 and 0020 shipped are kept under db/frozen/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

ADD_ANY_FILTERED = """
alter type tagpage_request add attribute any_filtered boolean;
comment on column tagpage_request.any_filtered is 'A precompiled any walk over at most tagpage_static_slots() tags: true reads each row''s postings with one filtered descent, otherwise one descent per tag, densest first (copied from tagpage_plan_choice.any_filtered).';
alter type tagpage_plan_choice add attribute any_filtered boolean;
comment on column tagpage_plan_choice.any_filtered is 'For tag_match any over 2..tagpage_static_slots() tags: whether the expected descents per row of one probe per tag reach tagpage_plan_any_filtered_descents(), so the walk probes each row once, filtered; NULL for other requests.';
"""

DROP_ANY_FILTERED = """
alter type tagpage_plan_choice drop attribute any_filtered;
alter type tagpage_request drop attribute any_filtered;
"""


def upgrade() -> None:
    # unified_content_page.sql before static_paths.sql in the manifest: the compile rewrites
    # the entry point as that file installed it.
    run_sql(ADD_ANY_FILTERED)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    # The older bodies first (none of them reads any_filtered), the entry point before the
    # compile that rewrites it; then the new function and the attributes can go.
    reinstall("0019", ("planner.sql",))
    reinstall("0020", ("request.sql",))
    reinstall("0018", ("strategies/common.sql",))
    reinstall("0020", ("unified_content_page.sql",))
    reinstall("0020", ("static_paths.sql",))
    uninstall(revision)
    run_sql(DROP_ANY_FILTERED)
    grant_new_functions("0020", ENTRY_POINTS_BY_REVISION["0020"])
