"""The planner reads its inputs in a few small statements, and a one-tag request validates in one.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01

tagpage_plan_inputs was one SQL statement with every input as a subquery (the knobs, both
partition sizes with their catalog fallbacks, the bitmaps' size, the viewer's rows, the tags'
statistics): each call started the plan of every subquery, also of those that never ran, and a
generic plan read the statistics tables by scanning them. It is now a PL/pgSQL function of small
key lookups, run only where the request needs them (docs/performance.md, "The planner's
reads"); tagpage_plan_sizes and tagpage_plan_tag_counts, which it inlined, are gone. A request
with one tag checks it with one primary-key lookup instead of the de-duplicating aggregate.

Functions come from plpgsql/, listed with their hashes in db/manifests/0019.json; the bodies
revisions 0017 and 0018 shipped are kept under db/frozen/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION, QUERY_ROLE
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# tagpage_plan_inputs changes its result (a set of rows -> one row of OUT parameters), which
# CREATE OR REPLACE cannot do; the two SQL functions it inlined go with it.
DROP_SQL_INPUTS = """
drop function if exists tagpage_plan_inputs(tagpage_request, boolean);
drop function if exists tagpage_plan_sizes(tagpage_request);
drop function if exists tagpage_plan_tag_counts(uuid[], float8, float8, float8);
"""
# Revision 0009 created tagpage_plan_tag_counts: re-created by the downgrade, it gets the grants
# it had (executable by the query role only).
GRANT_TAG_COUNTS = f"""
revoke execute on function tagpage_plan_tag_counts(uuid[], float8, float8, float8) from public;
grant execute on function tagpage_plan_tag_counts(uuid[], float8, float8, float8) to {QUERY_ROLE};
"""


def upgrade() -> None:
    run_sql(DROP_SQL_INPUTS)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    uninstall(revision)
    reinstall("0017", ("planner.sql",))
    reinstall("0018", ("request.sql", "planner_query.sql"))
    grant_new_functions("0017")  # tagpage_plan_inputs and tagpage_plan_sizes, as 0017 made them
    run_sql(GRANT_TAG_COUNTS)
