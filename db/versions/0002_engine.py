"""Query engine: cursors, planner, strategies, unified content page.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Functions come from plpgsql/, listed with their hashes in db/manifests/0002.json.
"""
from db.sqlfiles import install, run_sql, uninstall

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Objects the functions need, created before they are installed.
UPGRADE = r"""
create type tagpage_page_row as (
    id             bigint,
    source_type    text,
    title          text,
    creator_id     uuid,
    is_private     boolean,
    quality_score  real,
    created_at     timestamptz,
    content_type   text,
    path_thumb     text,
    updated_at     timestamptz
);
comment on type tagpage_page_row is 'The row columns every strategy returns; unified_content_page holds a budgeted sort_first walk''s rows in an array of it.';
comment on column tagpage_page_row.id is 'content_items_all.id.';
comment on column tagpage_page_row.source_type is 'content_items_all.source_type (items/auto).';
comment on column tagpage_page_row.title is 'content_items_all.title.';
comment on column tagpage_page_row.creator_id is 'content_items_all.creator_id.';
comment on column tagpage_page_row.is_private is 'content_items_all.is_private.';
comment on column tagpage_page_row.quality_score is 'content_items_all.quality_score.';
comment on column tagpage_page_row.created_at is 'content_items_all.created_at.';
comment on column tagpage_page_row.content_type is 'content_items_all.content_type.';
comment on column tagpage_page_row.path_thumb is 'content_items_all.path_thumb.';
comment on column tagpage_page_row.updated_at is 'content_items_all.updated_at.';

create index content_items_all_creator_quality_idx
    on content_items_all (creator_id, quality_score desc, created_at desc, id desc, source_type desc);
comment on index content_items_all_creator_quality_idx is 'One creator''s rows in quality_score_desc order: the user-* sources under that sort.';
"""

DOWNGRADE = r"""
drop index if exists content_items_all_creator_quality_idx;
drop type if exists tagpage_page_row;
"""


def upgrade() -> None:
    run_sql(UPGRADE)
    install(revision)


def downgrade() -> None:
    uninstall(revision)
    run_sql(DOWNGRADE)
