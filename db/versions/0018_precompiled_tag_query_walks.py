"""Precompiled walks for boolean tag filters over a few tags, and one-descent 'any' probes.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01

A walk (sort_first) under a boolean tag filter was a statement planned at every call: the
filter's tree is written into its text. A filter over at most tagpage_static_query_tags() tags
now walks through the precompiled functions: a probe per tag finds which of the request's
tags the row carries, and the filter's truth table (tagpage_request.truth, computed once per
request by tagpage_tag_query_truth) says whether that set passes. The tag-query planner prices
the precompiled walk (every tag probed, nothing planned) against the statements planned at the
call (docs/performance.md, "Boolean walks precompiled").

The precompiled walks for tag_match 'any' probed with tag_id = any(tags), which a generic plan
reads as a filter over all of a row's ~75 postings; each of the first tagpage_static_slots()
tags is now its own one-descent probe, the densest first.

Functions come from plpgsql/, listed with their hashes in db/manifests/0018.json; the bodies
earlier revisions shipped are kept under db/frozen/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

ADD_TRUTH = """
alter type tagpage_request add attribute truth bigint;
comment on column tagpage_request.truth is 'Truth table of expr over tags 1..k when k <= tagpage_static_query_tags(): bit m set when a row carrying exactly the tags of mask m (bit i - 1 for tags[i]) passes; NULL otherwise (the walk is planned per call).';
comment on column tagpage_shape.tag_match is 'all or any; query for a precompiled walk under a boolean tag filter (tested by tagpage_request.truth).';
"""
DROP_TRUTH = """
alter type tagpage_request drop attribute truth;
comment on column tagpage_shape.tag_match is 'all or any.';
"""


def upgrade() -> None:
    run_sql(ADD_TRUTH)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    # The older bodies first (none of them reads truth), then the attribute can go; the older
    # static_paths.sql regenerates the precompiled functions without the query shapes.
    uninstall(revision)
    reinstall("0007", ("tag_query.sql",))
    reinstall("0012", ("strategies/common.sql",))
    reinstall("0013", ("planner_query.sql",))
    reinstall("0015", ("request.sql",))
    reinstall("0016", ("static_paths.sql",))
    run_sql(DROP_TRUTH)
