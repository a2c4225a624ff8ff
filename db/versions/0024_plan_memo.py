"""A session remembers the planner's decisions while the statistics and knobs stay the same.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02

The planner reads a few statistics rows and compares its estimates at every call: ~110 us of
backend CPU in a ~550 us two-tag page on genonaut 0.1, for a decision that changes only when the
statistics or the knobs do. unified_content_page now takes it from tagpage_plan_memoized, which
keeps the session's last decisions in plan_memo_slots settings (a new knob, from
config/base.json) keyed by the request's fields the decision depends on and by the generation
of the planner's inputs: a new column of planner_config_snapshot that the snapshot's own trigger
and a statement trigger on each statistics table the planner reads advance
(docs/performance.md, "Decisions remembered").

Functions come from plpgsql/, listed with their hashes in db/manifests/0024.json; the bodies
revision 0023 shipped are kept under db/frozen/0023/ (planner.sql) and db/frozen/0022/
(unified_content_page.sql, last shipped by 0022).
"""
from db.grants import grant_new_functions
from db.knobs import load_default_knobs
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

# The generation column before the functions: the snapshot trigger planner.sql installs writes it.
GENERATION = """
alter table planner_config_snapshot add column generation bigint not null default 0;
comment on column planner_config_snapshot.generation is 'Advanced by every statement that writes planner_config, tag_cardinality_stats, content_source_stats or count_bitmap_source: a session''s remembered planner decisions (tagpage_plan_memoized) are keyed by it, so none outlives the inputs it was made from.';
comment on table planner_config_snapshot is 'planner_config as one jsonb object (one row), rewritten by a statement trigger on planner_config: the planner reads its knobs with one row fetch instead of aggregating the table on every call; also the generation of every input the planner reads.';
"""

# The statistics tables the planner reads besides planner_config (whose snapshot trigger advances
# the generation itself), each with the columns whose change is a change of its inputs (NULL: any).
STATISTICS = {"tag_cardinality_stats": None, "content_source_stats": None, "count_bitmap_source": "width"}

TRIGGERS = "".join(f"""
create trigger planner_generation_write
    after insert or update{f' of {columns}' if columns else ''} or delete on {table}
    for each statement execute function tagpage_planner_generation_bump();
create trigger planner_generation_truncate
    after truncate on {table}
    for each statement execute function tagpage_planner_generation_bump();
""" for table, columns in STATISTICS.items())

DROP = "".join(f"""
drop trigger planner_generation_truncate on {table};
drop trigger planner_generation_write on {table};""" for table in STATISTICS) + """
alter table planner_config_snapshot drop column generation;
comment on table planner_config_snapshot is 'planner_config as one jsonb object (one row), rewritten by a statement trigger on planner_config: the planner reads its knobs with one row fetch instead of aggregating the table on every call.';
"""


def upgrade() -> None:
    # The knob first: the planner's knob list names it, and a planner_config without it raises.
    load_default_knobs()
    run_sql(GENERATION)
    # unified_content_page.sql before static_paths.sql in the manifest: the compile rewrites
    # the entry point as that file installed it.
    install(revision)
    run_sql(TRIGGERS)
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    # The triggers call a function of this revision: they go before it does. The knob stays in
    # planner_config: configuration data, which an older revision simply never reads.
    run_sql(DROP)
    reinstall("0023", ("planner.sql",))
    reinstall("0022", ("unified_content_page.sql",))
    reinstall("0023", ("static_paths.sql",))
    uninstall(revision)
    # Re-created entry points lose their definer rights: 0022 made these ones what they are.
    grant_new_functions("0022", ENTRY_POINTS_BY_REVISION["0022"])
