"""Related tags of large results from sample bitmaps.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

The count bitmaps get a sample: one content id in 16 (one per block of 16 ids, picked by a hash
of the block), kept as bitmaps of 1/16 of the width, built and folded with the others by
`count_bitmaps_refresh` / `count_bitmaps_fold`. `related_tags` estimates from them when a
filter's matches exceed exact_limit (docs/api.md, docs/db.md "Count bitmaps"). The samples are
derived data: empty until the next `refresh_tag_cardinality_stats()`, and until then related
tags stay exact. Functions come from plpgsql/, listed with their hashes in
db/manifests/0011.json; the bodies revision 0008 shipped are kept under db/frozen/0008/.
"""
from db.grants import grant_new_functions
from db.roles import ENTRY_POINTS_BY_REVISION
from db.sqlfiles import install, reinstall, run_sql, uninstall

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# related_tags is re-created: an entry point again (SECURITY DEFINER, granted to the reader).
ENTRY_POINTS = ENTRY_POINTS_BY_REVISION[revision]

UPGRADE = r"""
create table count_tag_sample (
    tag_id      uuid primary key,
    items_bits  bit varying,
    auto_bits   bit varying,
    total_rows  bigint not null check (total_rows >= 0)
);
comment on table count_tag_sample is 'Per tag with sampled content: which rows of the sample (one id in 16, tagpage_sample_id) carried it at the last build or fold, bit p standing for the id kept in block p (ids 16p .. 16p + 15). Derived from content_tags with count_tag_bitmap; related_tags estimates from it when the matches exceed exact_limit.';
comment on column count_tag_sample.tag_id is 'The tag (no foreign key, derived data, like count_tag_bitmap).';
comment on column count_tag_sample.items_bits is 'Sampled items rows carrying the tag (tagpage_sample_width(width) bits); NULL when none.';
comment on column count_tag_sample.auto_bits is 'Sampled auto rows carrying the tag; NULL when none.';
comment on column count_tag_sample.total_rows is 'Bits set in items_bits and auto_bits: related_tags walks the sample in this order and stops when no later tag can make the list.';
create index count_tag_sample_total_rows_idx on count_tag_sample (total_rows desc, tag_id);
comment on index count_tag_sample_total_rows_idx is 'related_tags walks the sampled tags most frequent first.';

create index count_tag_bitmap_items_rows_idx on count_tag_bitmap (items_rows desc, tag_id);
comment on index count_tag_bitmap_items_rows_idx is 'related_tags walks tags by their items rows when the matches are all items rows.';
create index count_tag_bitmap_auto_rows_idx on count_tag_bitmap (auto_rows desc, tag_id);
comment on index count_tag_bitmap_auto_rows_idx is 'related_tags walks tags by their auto rows when the matches are all auto rows.';

alter table count_bitmap_source add column sample_public_bits bit varying;
comment on column count_bitmap_source.sample_public_bits is 'public_bits over the sample (bit p: the id tagpage_sample_id keeps in block p). NULL until a build made the samples: related_tags is then exact at any size.';
alter table count_creator_bitmap add column sample_bits bit varying;
comment on column count_creator_bitmap.sample_bits is 'bits over the sample (bit p: the id tagpage_sample_id keeps in block p); NULL when the creator has no sampled row.';

grant select on count_tag_sample to tagpage_query;
"""

DOWNGRADE = r"""
drop index if exists count_tag_bitmap_auto_rows_idx;
drop index if exists count_tag_bitmap_items_rows_idx;
alter table count_creator_bitmap drop column if exists sample_bits;
alter table count_bitmap_source drop column if exists sample_public_bits;
drop table if exists count_tag_sample;
"""

CHANGED_FILES = ("count_bitmaps.sql", "related_tags.sql")


def upgrade() -> None:
    run_sql(UPGRADE)
    install(revision)
    grant_new_functions(revision, ENTRY_POINTS)


def downgrade() -> None:
    uninstall(revision)
    reinstall("0008", CHANGED_FILES)
    grant_new_functions("0008", ENTRY_POINTS_BY_REVISION["0008"])
    run_sql(DOWNGRADE)
