-- redundant_indexes() and index_report() (revision 0003).
BEGIN;
select plan(14);

-- enough rows for ANALYZE to give content_tags.content_source a distinct count (2)
insert into users (id, username) values ('00000000-0000-0000-0000-0000000000c1', 'maint_owner');
insert into tags (id, name) values
    ('00000000-0000-0000-0000-00000000c001', 'mt_a'), ('00000000-0000-0000-0000-00000000c002', 'mt_b');
insert into content_items_all (id, source_type, title, creator_id)
select g, s, s || g, '00000000-0000-0000-0000-0000000000c1'
from generate_series(1, 200) g cross join (values ('items'), ('auto')) v (s);
insert into content_tags (content_id, content_source, tag_id)
select i.id, i.source_type, t.id from content_items_all i cross join tags t where t.name like 'mt\_%';
analyze content_tags;

select is_empty('select * from redundant_indexes()', 'the schema as migrated has no redundant index');

-- the gallery's old index, superseded by (tag_id, content_source, content_id)
create index idx_content_tags_tag_content on content_tags (tag_id, content_id);
select results_eq(
    $$select table_name::text, index_name::text, superseded_by::text, reason, drop_statement from redundant_indexes()$$,
    $$values ('content_tags', 'idx_content_tags_tag_content', 'content_tags_tag_source_content_idx',
              'low_cardinality_gap', 'DROP INDEX CONCURRENTLY public.idx_content_tags_tag_content')$$,
    'idx_content_tags_tag_content (tag_id, content_id) is flagged, and nothing else');
select is_empty(
    'select * from redundant_indexes(p_max_gap_distinct => 1)',
    'a gap column with more distinct values than allowed is not a redundancy');
drop index idx_content_tags_tag_content;

create table mt_t (a int, b int, c int, d int);
comment on table mt_t is 'redundant_indexes() test table.';
insert into mt_t select g, g % 7, g % 3, g from generate_series(1, 20000) g;
create index mt_t_a on mt_t (a);
create index mt_t_ab on mt_t (a, b);
create unique index mt_t_d_unique on mt_t (d);
create index mt_t_d_b on mt_t (d, b);
create index mt_t_ab_again on mt_t (a, b);
create index mt_t_b_desc on mt_t (b desc);
create index mt_t_bc on mt_t (b, c);
create index mt_t_c_part on mt_t (c) where d > 10;
create index mt_t_cd on mt_t (c, d);
create index mt_t_lower on mt_t ((a + 1));
create index mt_t_lower_b on mt_t ((a + 1), b);
analyze mt_t;

select results_eq(
    $$select index_name::text, superseded_by::text, reason from redundant_indexes()
      where table_name = 'mt_t' order by index_name$$,
    $$values ('mt_t_a', 'mt_t_ab', 'prefix'), ('mt_t_ab_again', 'mt_t_ab', 'duplicate')$$,
    'prefix and duplicate flagged; unique, other direction, partial and expression indexes not');

-- PK and unique constraints are never candidates, whatever covers them
alter table mt_t add constraint mt_t_pk primary key (a, c);
create index mt_t_acb on mt_t (a, c, b);
select ok(
    not exists (select 1 from redundant_indexes() where index_name in ('mt_t_pk', 'mt_t_d_unique')),
    'indexes backing PK/unique are not flagged');
select ok(
    not exists (select 1 from redundant_indexes()
                where index_name in ('content_tags_pkey', 'content_items_all_pkey', 'content_items_id_key',
                                     'tags_pkey', 'tags_name_key')),
    'none of the schema''s constraint indexes is flagged');
select ok(
    not exists (select 1 from redundant_indexes() r
                join pg_inherits h on h.inhrelid = to_regclass(r.index_name)),
    'partitions of a partitioned index are not flagged');
select is(
    (select index_size_bytes from redundant_indexes() where index_name = 'mt_t_a'),
    pg_relation_size('mt_t_a'),
    'size of the redundant index is reported');

-- a redundant partitioned index is dropped without CONCURRENTLY (PostgreSQL refuses it there)
create index mt_created_only on content_items_all (created_at desc);
select is(
    (select drop_statement from redundant_indexes() where index_name = 'mt_created_only'),
    'DROP INDEX public.mt_created_only',
    'partitioned index: plain DROP INDEX');

-- the report
select is(
    (select count(*) from index_report() where table_name = 'mt_t'),
    (select count(*) from pg_indexes where tablename = 'mt_t'),
    'index_report has one row per index');
select ok(
    (select unused and redundant_reason = 'prefix' and superseded_by = 'mt_t_ab'
     from index_report() where index_name = 'mt_t_a'),
    'never-scanned index is unused, and redundancy is shown');
select ok(
    not (select unused from index_report() where index_name = 'mt_t_pk'),
    'an index enforcing a constraint is never called unused');
select cmp_ok(
    (select est_bloat_ratio from index_report() where index_name = 'mt_t_cd'),
    '<', 0.3::numeric,
    'freshly built index: little estimated bloat');
delete from mt_t where a % 10 <> 0;
analyze mt_t;
select cmp_ok(
    (select est_bloat_ratio from index_report() where index_name = 'mt_t_cd'),
    '>', 0.6::numeric,
    'after deleting 90% of the rows, most of the index is estimated bloat');

select * from finish();
ROLLBACK;
