"""Schema: users, tags, partitioned content, content_tags, statistics, config, sidecars.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
from db.sqlfiles import run_sql
from db.knobs import load_default_knobs

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UPGRADE = r"""
create extension if not exists pgcrypto;

create table users (
    id          uuid primary key default gen_random_uuid(),
    username    text not null unique,
    created_at  timestamptz not null default now()
);
comment on table users is 'People who create content; private rows are visible only to their creator.';
comment on column users.id is 'Primary key.';
comment on column users.username is 'Unique login name.';
comment on column users.created_at is 'When the user was created.';

create table tags (
    id          uuid primary key default gen_random_uuid(),
    name        text not null unique,
    created_at  timestamptz not null default now()
);
comment on table tags is 'Tag vocabulary; content_tags links content rows to these.';
comment on column tags.id is 'Primary key, the id callers pass to unified_content_page.';
comment on column tags.name is 'Unique display name; prefix search uses tags_name_pattern_idx.';
comment on column tags.created_at is 'When the tag was created.';
create index tags_name_pattern_idx on tags (name text_pattern_ops);
comment on index tags_name_pattern_idx is 'Serves tag-name prefix search (LIKE ''abc%'') for the tag picker.';

create sequence content_items_all_id_seq as bigint;
comment on sequence content_items_all_id_seq is 'Ids for rows inserted without one; both partitions draw from it so new rows never collide.';

create table content_items_all (
    id             bigint not null default nextval('content_items_all_id_seq'),
    source_type    text not null,
    title          text not null,
    content_type   text not null default 'image',
    content_data   text,
    path_thumb     text,
    prompt         text,
    creator_id     uuid not null references users (id),
    item_metadata  jsonb not null default '{}'::jsonb,
    is_private     boolean not null default false,
    quality_score  real not null default 0,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint content_items_all_pkey primary key (id, source_type),
    constraint content_items_all_source_type_check check (source_type in ('items', 'auto'))
) partition by list (source_type);
alter sequence content_items_all_id_seq owned by content_items_all.id;
comment on table content_items_all is 'All gallery content, partitioned by source_type; identity is (source_type, id) because the two sources'' ids collide.';
comment on column content_items_all.id is 'Id within the source; unique only together with source_type.';
comment on column content_items_all.source_type is 'Partition key: items (user-created) or auto (generated).';
comment on column content_items_all.title is 'Display title.';
comment on column content_items_all.content_type is 'Kind of content, e.g. image.';
comment on column content_items_all.content_data is 'Location or payload of the content.';
comment on column content_items_all.path_thumb is 'Thumbnail path.';
comment on column content_items_all.prompt is 'Generation prompt.';
comment on column content_items_all.creator_id is 'User who created the row.';
comment on column content_items_all.item_metadata is 'Free-form metadata.';
comment on column content_items_all.is_private is 'Private rows are returned only to their creator (user-* sources).';
comment on column content_items_all.quality_score is 'Quality rating; the quality_score_desc sort key.';
comment on column content_items_all.created_at is 'Creation time; the created_at sort key.';
comment on column content_items_all.updated_at is 'Last modification time.';

create table content_items partition of content_items_all for values in ('items');
comment on table content_items is 'Partition of content_items_all for user-created content (source_type = items).';
create table content_items_auto partition of content_items_all for values in ('auto');
comment on table content_items_auto is 'Partition of content_items_all for generated content (source_type = auto).';

-- The sidecars reference one partition by id alone, so each partition also keys on id.
alter table content_items add constraint content_items_id_key unique (id);
alter table content_items_auto add constraint content_items_auto_id_key unique (id);

-- Keyset indexes, created on the parent so every partition gets its own copy.  Each ends in
-- (id, source_type) so the index order is the full display order and a MergeAppend of the
-- partitions needs no Sort node.
create index content_items_all_created_idx
    on content_items_all (created_at desc, id desc, source_type desc);
comment on index content_items_all_created_idx is 'Keyset order for created_at_desc (forward scan) and created_at_asc (backward scan).';
create index content_items_all_quality_idx
    on content_items_all (quality_score desc, created_at desc, id desc, source_type desc);
comment on index content_items_all_quality_idx is 'Keyset order for quality_score_desc.';
create index content_items_all_creator_created_idx
    on content_items_all (creator_id, created_at desc, id desc, source_type desc);
comment on index content_items_all_creator_created_idx is 'One creator''s rows in created_at order: the user-* sources and the creator FK.';

create table content_tags (
    content_id      bigint not null,
    content_source  text not null,
    tag_id          uuid not null references tags (id) on delete cascade,
    constraint content_tags_pkey primary key (content_id, content_source, tag_id),
    constraint content_tags_content_fkey foreign key (content_id, content_source)
        references content_items_all (id, source_type) on delete cascade
);
comment on table content_tags is 'Which tags each content row carries (~75 per row in the gallery).';
comment on column content_tags.content_id is 'content_items_all.id of the tagged row.';
comment on column content_tags.content_source is 'content_items_all.source_type of the tagged row (items/auto).';
comment on column content_tags.tag_id is 'The tag.';
create index content_tags_tag_source_content_idx on content_tags (tag_id, content_source, content_id);
comment on index content_tags_tag_source_content_idx is 'Posting list of a tag per source: the tag-first strategies and statistics read it.';

create table content_items_more (
    source_id      bigint primary key references content_items (id) on delete cascade,
    metadata_more  jsonb not null default '{}'::jsonb
);
comment on table content_items_more is 'Sidecar of bulky metadata for content_items rows, kept out of the hot table.';
comment on column content_items_more.source_id is 'content_items.id this row extends.';
comment on column content_items_more.metadata_more is 'Extra metadata.';

create table content_items_auto_more (
    source_id      bigint primary key references content_items_auto (id) on delete cascade,
    metadata_more  jsonb not null default '{}'::jsonb
);
comment on table content_items_auto_more is 'Sidecar of bulky metadata for content_items_auto rows.';
comment on column content_items_auto_more.source_id is 'content_items_auto.id this row extends.';
comment on column content_items_auto_more.metadata_more is 'Extra metadata.';

create table tag_cardinality_stats (
    tag_id          uuid not null references tags (id) on delete cascade,
    content_source  text not null check (content_source in ('items', 'auto')),
    cardinality     bigint not null check (cardinality >= 0),
    updated_at      timestamptz not null default now(),
    constraint tag_cardinality_stats_pkey primary key (tag_id, content_source)
);
comment on table tag_cardinality_stats is 'Distinct content rows per tag and source, read by the planner; refreshed by refresh_tag_cardinality_stats().';
comment on column tag_cardinality_stats.tag_id is 'The tag.';
comment on column tag_cardinality_stats.content_source is 'items or auto.';
comment on column tag_cardinality_stats.cardinality is 'Number of content rows of that source carrying the tag.';
comment on column tag_cardinality_stats.updated_at is 'When the count was computed.';

create table content_source_stats (
    content_source  text primary key check (content_source in ('items', 'auto')),
    total_rows      bigint not null check (total_rows >= 0),
    updated_at      timestamptz not null default now()
);
comment on table content_source_stats is 'Rows per source, the denominator of the planner''s tag densities.';
comment on column content_source_stats.content_source is 'items or auto.';
comment on column content_source_stats.total_rows is 'Number of content rows of that source.';
comment on column content_source_stats.updated_at is 'When the count was computed.';

create table planner_config (
    key         text primary key,
    value       jsonb not null,
    updated_at  timestamptz not null default now()
);
comment on table planner_config is 'Planner knobs (config/base.json performance.query_planner_tag_prejoin_for_content_queries, flattened), written by `tagpage config load`.';
comment on column planner_config.key is 'Knob name, nested keys joined by a dot (stats.fallback_default_count).';
comment on column planner_config.value is 'Knob value as JSON.';
comment on column planner_config.updated_at is 'When the knob was last loaded.';

-- Knob values come from config/base.json (db/knobs.py), inserted by upgrade() below.

create table tagpage_installed_function (
    revision   text not null,
    signature  text not null,
    primary key (revision, signature)
);
comment on table tagpage_installed_function is 'Functions each migration revision created from plpgsql/, so its downgrade drops exactly them.';
comment on column tagpage_installed_function.revision is 'Alembic revision id.';
comment on column tagpage_installed_function.signature is 'regprocedure text of the function.';
"""

DOWNGRADE = r"""
drop table if exists tagpage_installed_function;
drop table if exists planner_config;
drop table if exists content_source_stats;
drop table if exists tag_cardinality_stats;
drop table if exists content_items_auto_more;
drop table if exists content_items_more;
drop table if exists content_tags;
drop table if exists content_items_all;
drop table if exists tags;
drop table if exists users;
"""


def upgrade() -> None:
    run_sql(UPGRADE)
    load_default_knobs()


def downgrade() -> None:
    run_sql(DOWNGRADE)
