"""Statistics, facets, index maintenance.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Functions come from plpgsql/, listed with their hashes in db/manifests/0003.json. The tables
and indexes below are what those functions read and write; they are created before the
functions are installed and dropped after they are removed.
"""
from db.sqlfiles import install, run_sql, uninstall

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UPGRADE = r"""
create table tag_total_stats (
    tag_id       uuid primary key references tags (id) on delete cascade,
    cardinality  bigint not null check (cardinality >= 0),
    updated_at   timestamptz not null default now()
);
comment on table tag_total_stats is 'Content rows per tag over both sources (sum of tag_cardinality_stats), so popular_tags() over all sources walks an index.';
comment on column tag_total_stats.tag_id is 'The tag.';
comment on column tag_total_stats.cardinality is 'Content rows (items + auto) carrying the tag.';
comment on column tag_total_stats.updated_at is 'When the count was last computed or adjusted.';
-- Statistics already in place (a database upgraded with data) give the totals at once.
insert into tag_total_stats (tag_id, cardinality, updated_at)
select tag_id, sum(cardinality)::bigint, max(updated_at)
from tag_cardinality_stats
group by tag_id;
create index tag_total_stats_cardinality_idx on tag_total_stats (cardinality desc, tag_id);
comment on index tag_total_stats_cardinality_idx is 'popular_tags() over all sources: top-N by cardinality without sorting.';

create index tag_cardinality_stats_source_cardinality_idx
    on tag_cardinality_stats (content_source, cardinality desc, tag_id);
comment on index tag_cardinality_stats_source_cardinality_idx is 'popular_tags(p_content_source => ...): top-N of one source by cardinality without sorting.';

create table tag_cardinality_deltas (
    tag_id          uuid not null,
    content_source  text not null,
    delta           bigint not null,
    logged_at       timestamptz not null default now()
);
comment on table tag_cardinality_deltas is 'Insert-only log of content_tags count changes (statement-level triggers), folded into the stats by apply_tag_cardinality_deltas() or the next full refresh. No keys or FKs: writers only append.';
comment on column tag_cardinality_deltas.tag_id is 'Tag whose count changed (may since have been deleted; folding skips it).';
comment on column tag_cardinality_deltas.content_source is 'items or auto.';
comment on column tag_cardinality_deltas.delta is 'Change in the number of content rows carrying the tag (negative for deletes).';
comment on column tag_cardinality_deltas.logged_at is 'Transaction time of the change.';
"""

DOWNGRADE = r"""
drop table if exists tag_cardinality_deltas;
drop index if exists tag_cardinality_stats_source_cardinality_idx;
drop table if exists tag_total_stats;
"""


def upgrade() -> None:
    run_sql(UPGRADE)
    install(revision)


def downgrade() -> None:
    uninstall(revision)
    run_sql(DOWNGRADE)
