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

The planner read its knobs by aggregating planner_config on every call (~30 us); it now reads
one row of planner_config_snapshot, which a statement trigger on planner_config rewrites in the
transaction that changes the knobs.

A request whose scope reads no partition (user-* sources without a user_id) cannot return a
row: unified_content_page returns the empty page without planning or running a statement,
unless a strategy is forced.

Functions come from plpgsql/, listed with their hashes in db/manifests/0022.json; the bodies
revision 0021 shipped are kept under db/frozen/0021/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

SNAPSHOT = """
create table planner_config_snapshot (
    singleton   boolean primary key default true check (singleton),
    knobs       jsonb not null
);
comment on table planner_config_snapshot is 'planner_config as one jsonb object (one row), rewritten by a statement trigger on planner_config: the planner reads its knobs with one row fetch instead of aggregating the table on every call.';
comment on column planner_config_snapshot.singleton is 'Always true: the table holds at most one row.';
comment on column planner_config_snapshot.knobs is 'Every planner_config knob, key -> value, as of the last statement that wrote planner_config.';
grant select on planner_config_snapshot to tagpage_query;
insert into planner_config_snapshot (knobs)
select coalesce(jsonb_object_agg(c.key, c.value), '{}'::jsonb) from planner_config c;
create trigger planner_config_snapshot_write
    after insert or update or delete on planner_config
    for each statement execute function tagpage_planner_config_snapshot();
create trigger planner_config_snapshot_truncate
    after truncate on planner_config
    for each statement execute function tagpage_planner_config_snapshot();
"""

DROP_SNAPSHOT = """
drop trigger planner_config_snapshot_truncate on planner_config;
drop trigger planner_config_snapshot_write on planner_config;
drop table planner_config_snapshot;
"""


def upgrade() -> None:
    # unified_content_page.sql before static_paths.sql in the manifest: the compile rewrites
    # the entry point as that file installed it.
    install(revision)
    run_sql(SNAPSHOT)  # after install: the triggers call a function planner.sql creates
    grant_new_functions(revision, ENTRY_POINTS_BY_REVISION[revision])


def downgrade() -> None:
    # The entry point before the compile that rewrites it.
    reinstall("0021", ("planner.sql", "strategies/common.sql", "unified_content_page.sql", "static_paths.sql"))
    run_sql(DROP_SNAPSHOT)
    uninstall(revision)
    grant_new_functions("0021", ENTRY_POINTS_BY_REVISION["0021"])
