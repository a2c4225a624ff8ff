"""Result counts and related tags.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

Functions come from plpgsql/, listed with their hashes in db/manifests/0008.json; files changed
since an earlier revision shipped them keep that revision's body under db/frozen/<revision>/.
The tables here are derived data (bitmaps of the content rows per tag, creator and privacy, and
the log of rows written since they were built); `refresh_tag_cardinality_stats()` rebuilds them.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Functions of this revision the web app's role may call (SECURITY DEFINER, see db/grants.py).
ENTRY_POINTS = ENTRY_POINTS_BY_REVISION[revision]

UPGRADE = r"""
create table count_bitmap_source (
    content_source  text primary key check (content_source in ('items', 'auto')),
    width           bigint not null check (width >= 0 and width % 64 = 0),
    public_bits     bit varying not null,
    built_at        timestamptz not null
);
comment on table count_bitmap_source is 'Per source: the id range the count bitmaps cover and the public rows, as of their last build (refresh_tag_cardinality_stats). No row = no bitmaps for that source (never built, or content truncated since): counts scan instead.';
comment on column count_bitmap_source.content_source is 'items or auto.';
comment on column count_bitmap_source.width is 'Bit i of every bitmap of this source stands for content id i, for 0 <= i < width (a multiple of 64); rows outside are always counted live.';
comment on column count_bitmap_source.public_bits is 'Bit set for each row that existed and was not private at the build.';
comment on column count_bitmap_source.built_at is 'When the bitmaps of this source were built.';

create table count_tag_bitmap (
    tag_id      uuid primary key,
    items_bits  bit varying,
    items_rows  bigint not null check (items_rows >= 0),
    auto_bits   bit varying,
    auto_rows   bigint not null check (auto_rows >= 0),
    total_rows  bigint not null check (total_rows >= 0)
);
comment on table count_tag_bitmap is 'Per tag with content: which rows of each source carried it at the last build, as bitmaps over content ids (see count_bitmap_source.width). Derived from content_tags; rebuilt by refresh_tag_cardinality_stats.';
comment on column count_tag_bitmap.tag_id is 'The tag (no foreign key: a deleted tag''s row lingers, unused, until the next build).';
comment on column count_tag_bitmap.items_bits is 'items rows carrying the tag; NULL when none in the covered range.';
comment on column count_tag_bitmap.items_rows is 'Bits set in items_bits.';
comment on column count_tag_bitmap.auto_bits is 'auto rows carrying the tag; NULL when none in the covered range.';
comment on column count_tag_bitmap.auto_rows is 'Bits set in auto_bits.';
comment on column count_tag_bitmap.total_rows is 'items_rows + auto_rows: related_tags visits tags in this order and stops when no later tag can make the list.';
create index count_tag_bitmap_total_rows_idx on count_tag_bitmap (total_rows desc, tag_id);
comment on index count_tag_bitmap_total_rows_idx is 'related_tags walks tags most frequent first.';

create table count_creator_bitmap (
    creator_id      uuid not null,
    content_source  text not null check (content_source in ('items', 'auto')),
    bits            bit varying not null,
    bit_rows        bigint not null check (bit_rows >= 0),
    primary key (creator_id, content_source)
);
comment on table count_creator_bitmap is 'Per creator and source: the rows the creator had at the last build (private ones included), for the user-* and community scopes.';
comment on column count_creator_bitmap.creator_id is 'The creator (users.id; no foreign key, derived data).';
comment on column count_creator_bitmap.content_source is 'items or auto.';
comment on column count_creator_bitmap.bits is 'Bit set for each of the creator''s rows.';
comment on column count_creator_bitmap.bit_rows is 'Bits set in bits.';

create table count_dirty_rows (
    content_source  text not null,
    content_id      bigint not null,
    logged_at       timestamptz not null default now()
);
comment on table count_dirty_rows is 'Insert-only log of content rows written since the count bitmaps were built (statement triggers on content_tags and the content tables); counts evaluate these rows live, and the next build empties the log. No keys: writers only append.';
comment on column count_dirty_rows.content_source is 'Source of the written row.';
comment on column count_dirty_rows.content_id is 'Id of the written row (it may since have been deleted).';
comment on column count_dirty_rows.logged_at is 'Transaction time of the write.';

create type tagpage_count_part as (
    content_source  text,
    scope           text,
    bitmaps         boolean,
    width           bigint,
    m0              bit varying,
    base            bigint,
    x_rows          bigint,
    x_base          bigint
);
comment on type tagpage_count_part is 'One source''s share of a count (tagpage_count_parts): whether bitmaps serve it, its matches among the bitmaps'' rows (m0, base = bits set) and the rows to evaluate live (x_rows, of which x_base are set in m0).';

create table count_dirty_keys (
    kind        text not null check (kind in ('tag', 'creator')),
    key         uuid not null,
    logged_at   timestamptz not null default now()
);
comment on table count_dirty_keys is 'Insert-only log of the tags and creators whose bitmaps the rows in count_dirty_rows may have changed (their old and new tags and creators), so count_bitmaps_fold rewrites only those bitmaps.';
comment on column count_dirty_keys.kind is 'tag or creator.';
comment on column count_dirty_keys.key is 'The tag id or creator id.';
comment on column count_dirty_keys.logged_at is 'Transaction time of the write.';

-- The entry points run as tagpage_query (SECURITY DEFINER), which reads every table of ours.
grant select on count_bitmap_source, count_tag_bitmap, count_creator_bitmap, count_dirty_rows,
    count_dirty_keys to tagpage_query;

insert into planner_config (key, value) values
    ('count_exact_limit', '10000'),
    ('count_live_budget', '500')
on conflict (key) do nothing;
"""

# The two knobs stay in planner_config on downgrade: they are configuration data, like a value
# `tagpage config load` wrote, and an older revision simply never reads them.
DOWNGRADE = r"""
drop type if exists tagpage_count_part;
drop table if exists count_dirty_keys;
drop table if exists count_dirty_rows;
drop table if exists count_creator_bitmap;
drop table if exists count_tag_bitmap;
drop table if exists count_bitmap_source;
"""


def upgrade() -> None:
    run_sql(UPGRADE)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS)


def downgrade() -> None:
    uninstall(revision)
    # stats.sql: refresh_tag_cardinality_stats() builds the count bitmaps since this revision
    reinstall("0003", ("stats.sql",))
    run_sql(DOWNGRADE)
