-- Schema of revision 0001 as docs/db.md describes it: tables, partitions and their bounds, keys,
-- foreign keys (with their ON DELETE actions, checked by behaviour too), the keyset indexes on each
-- partition, sidecars, column types / not-null, and a comment on every table and column.
BEGIN;
select plan(99);

-- tables -------------------------------------------------------------------------------------
select set_has(
    $$ select c.relname::text collate "default" from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') $$,
    $$ values ('users'), ('tags'), ('content_items_all'), ('content_items'), ('content_items_auto'),
              ('content_tags'), ('content_items_more'), ('content_items_auto_more'),
              ('tag_cardinality_stats'), ('content_source_stats'), ('planner_config'),
              ('tagpage_installed_function') $$,
    'public has the 0001 tables (later revisions may add more; they test their own)'
);

-- partitioning ---------------------------------------------------------------------------------
select is_partitioned('public', 'content_items_all', 'content_items_all is partitioned');
select is(
    (select pg_get_partkeydef('public.content_items_all'::regclass)),
    'LIST (source_type)',
    'content_items_all is partitioned by LIST (source_type)'
);
select partitions_are('public', 'content_items_all',
    array['content_items', 'content_items_auto']::name[],
    'content_items_all has exactly the two partitions');
select is(
    (select pg_get_expr(relpartbound, oid) from pg_class where oid = 'public.content_items'::regclass),
    'FOR VALUES IN (''items'')',
    'content_items holds source_type items'
);
select is(
    (select pg_get_expr(relpartbound, oid) from pg_class where oid = 'public.content_items_auto'::regclass),
    'FOR VALUES IN (''auto'')',
    'content_items_auto holds source_type auto'
);
select is(
    (select count(*)::int from pg_partitioned_table p where p.partrelid = 'public.content_items_all'::regclass and p.partdefid <> 0),
    0,
    'no default partition (an unknown source_type is refused, not hidden)'
);

-- columns, types, not-null --------------------------------------------------------------------
select col_type_is('public', 'users', 'id', 'uuid', 'users.id uuid');
select col_type_is('public', 'users', 'username', 'text', 'users.username text');
select col_type_is('public', 'users', 'created_at', 'timestamp with time zone', 'users.created_at timestamptz');
select col_is_unique('public', 'users', array['username']::name[], 'users.username is unique');
select col_type_is('public', 'tags', 'id', 'uuid', 'tags.id uuid');
select col_type_is('public', 'tags', 'name', 'text', 'tags.name text');
select col_is_unique('public', 'tags', array['name']::name[], 'tags.name is unique');
select col_type_is('public', 'tags', 'created_at', 'timestamp with time zone', 'tags.created_at timestamptz');

select col_type_is('public', 'content_items_all', 'id', 'bigint', 'content_items_all.id bigint');
select col_type_is('public', 'content_items_all', 'source_type', 'text', 'content_items_all.source_type text');
select col_type_is('public', 'content_items_all', 'title', 'text', 'content_items_all.title text');
select col_type_is('public', 'content_items_all', 'content_type', 'text', 'content_items_all.content_type text');
select col_type_is('public', 'content_items_all', 'content_data', 'text', 'content_items_all.content_data text');
select col_type_is('public', 'content_items_all', 'path_thumb', 'text', 'content_items_all.path_thumb text');
select col_type_is('public', 'content_items_all', 'prompt', 'text', 'content_items_all.prompt text');
select col_type_is('public', 'content_items_all', 'creator_id', 'uuid', 'content_items_all.creator_id uuid');
select col_type_is('public', 'content_items_all', 'item_metadata', 'jsonb', 'content_items_all.item_metadata jsonb');
select col_type_is('public', 'content_items_all', 'is_private', 'boolean', 'content_items_all.is_private boolean');
select col_type_is('public', 'content_items_all', 'quality_score', 'real', 'content_items_all.quality_score real');
select col_type_is('public', 'content_items_all', 'created_at', 'timestamp with time zone', 'content_items_all.created_at timestamptz');
select col_type_is('public', 'content_items_all', 'updated_at', 'timestamp with time zone', 'content_items_all.updated_at timestamptz');
select col_not_null('public', 'content_items_all', 'source_type', 'source_type is not null');
select col_not_null('public', 'content_items_all', 'is_private', 'is_private is not null');
select col_not_null('public', 'content_items_all', 'quality_score', 'quality_score is not null');
select col_not_null('public', 'content_items_all', 'created_at', 'created_at is not null');
select col_not_null('public', 'content_items_all', 'updated_at', 'updated_at is not null');
select col_default_is('public', 'content_items_all', 'is_private', 'false', 'is_private defaults to false');
select col_default_is('public', 'content_items_all', 'quality_score', '0', 'quality_score defaults to 0');
-- a generated column can be neither the partition key nor live on PARTITION OF children (docs/db.md)
select is(
    (select count(*)::int from pg_attribute a
      where a.attrelid in ('public.content_items_all'::regclass, 'public.content_items'::regclass, 'public.content_items_auto'::regclass)
        and a.attnum > 0 and not a.attisdropped and a.attgenerated <> ''),
    0,
    'no generated columns on the partitioned content tables'
);

select col_type_is('public', 'content_tags', 'content_id', 'bigint', 'content_tags.content_id bigint');
select col_type_is('public', 'content_tags', 'content_source', 'text', 'content_tags.content_source text');
select col_type_is('public', 'content_tags', 'tag_id', 'uuid', 'content_tags.tag_id uuid');
select col_not_null('public', 'content_tags', 'content_id', 'content_tags.content_id not null');
select col_not_null('public', 'content_tags', 'content_source', 'content_tags.content_source not null');
select col_not_null('public', 'content_tags', 'tag_id', 'content_tags.tag_id not null');

select col_type_is('public', 'tag_cardinality_stats', 'tag_id', 'uuid', 'tag_cardinality_stats.tag_id uuid');
select col_type_is('public', 'tag_cardinality_stats', 'content_source', 'text', 'tag_cardinality_stats.content_source text');
select col_type_is('public', 'tag_cardinality_stats', 'cardinality', 'bigint', 'tag_cardinality_stats.cardinality bigint');
select col_type_is('public', 'tag_cardinality_stats', 'updated_at', 'timestamp with time zone', 'tag_cardinality_stats.updated_at timestamptz');

select col_type_is('public', 'content_items_more', 'source_id', 'bigint', 'content_items_more.source_id bigint');
select col_type_is('public', 'content_items_more', 'metadata_more', 'jsonb', 'content_items_more.metadata_more jsonb');
select col_type_is('public', 'content_items_auto_more', 'source_id', 'bigint', 'content_items_auto_more.source_id bigint');
select col_type_is('public', 'content_items_auto_more', 'metadata_more', 'jsonb', 'content_items_auto_more.metadata_more jsonb');

-- primary keys -------------------------------------------------------------------------------
select col_is_pk('public', 'users', array['id']::name[], 'users PK (id)');
select col_is_pk('public', 'tags', array['id']::name[], 'tags PK (id)');
select col_is_pk('public', 'content_items_all', array['id', 'source_type']::name[],
    'content_items_all PK (id, source_type): a partitioned key must contain the partition key');
select col_is_pk('public', 'content_items', array['id', 'source_type']::name[], 'content_items inherits the PK');
select col_is_pk('public', 'content_items_auto', array['id', 'source_type']::name[], 'content_items_auto inherits the PK');
select col_is_pk('public', 'content_tags', array['content_id', 'content_source', 'tag_id']::name[],
    'content_tags PK (content_id, content_source, tag_id), in that order');
select col_is_pk('public', 'tag_cardinality_stats', array['tag_id', 'content_source']::name[], 'tag_cardinality_stats PK (tag_id, content_source)');
select col_is_pk('public', 'content_items_more', array['source_id']::name[], 'content_items_more PK (source_id)');
select col_is_pk('public', 'content_items_auto_more', array['source_id']::name[], 'content_items_auto_more PK (source_id)');
select col_is_unique('public', 'content_items', array['id']::name[], 'content_items.id unique (the sidecar FK target)');
select col_is_unique('public', 'content_items_auto', array['id']::name[], 'content_items_auto.id unique (the sidecar FK target)');

-- foreign keys and their delete actions ----------------------------------------------------------
-- pgTAP's fk_ok trips over the per-partition clones PostgreSQL makes of an FK that references a
-- partitioned table, so read the top-level constraint (conparentid = 0) directly.
select is(
    (select pg_get_constraintdef(oid) from pg_constraint
      where conrelid = 'public.content_tags'::regclass and contype = 'f' and conparentid = 0
        and confrelid = 'public.content_items_all'::regclass),
    'FOREIGN KEY (content_id, content_source) REFERENCES content_items_all(id, source_type) ON DELETE CASCADE',
    'content_tags (content_id, content_source) -> content_items_all (id, source_type) on delete cascade'
);
select fk_ok('public', 'content_tags', 'tag_id', 'public', 'tags', 'id', 'content_tags.tag_id -> tags.id');
select fk_ok('public', 'content_items_all', 'creator_id', 'public', 'users', 'id', 'content_items_all.creator_id -> users.id');
select fk_ok('public', 'content_items_more', 'source_id', 'public', 'content_items', 'id', 'content_items_more.source_id -> content_items.id');
select fk_ok('public', 'content_items_auto_more', 'source_id', 'public', 'content_items_auto', 'id', 'content_items_auto_more.source_id -> content_items_auto.id');
select fk_ok('public', 'tag_cardinality_stats', 'tag_id', 'public', 'tags', 'id', 'tag_cardinality_stats.tag_id -> tags.id');
select results_eq(
    $$ select conrelid::regclass::text, confrelid::regclass::text, confdeltype::text
         from pg_constraint
        where contype = 'f' and conparentid = 0
          and conrelid in ('content_tags'::regclass, 'content_items_more'::regclass, 'content_items_auto_more'::regclass)
        order by 1, 2 $$,
    $$ values ('content_items_auto_more', 'content_items_auto', 'c'),
              ('content_items_more', 'content_items', 'c'),
              ('content_tags', 'content_items_all', 'c'),
              ('content_tags', 'tags', 'c') $$,
    'content_tags and sidecar FKs are ON DELETE CASCADE'
);

-- keyset indexes: declared on the parent, present and valid on every partition ---------------------
select is(
    (select regexp_replace(pg_get_indexdef('public.content_items_all_created_idx'::regclass), '^.* USING ', '')),
    'btree (created_at DESC, id DESC, source_type DESC)',
    'created_at keyset index covers the whole display order'
);
select is(
    (select regexp_replace(pg_get_indexdef('public.content_items_all_quality_idx'::regclass), '^.* USING ', '')),
    'btree (quality_score DESC, created_at DESC, id DESC, source_type DESC)',
    'quality_score keyset index covers the whole display order'
);
select is(
    (select regexp_replace(pg_get_indexdef('public.content_items_all_creator_created_idx'::regclass), '^.* USING ', '')),
    'btree (creator_id, created_at DESC, id DESC, source_type DESC)',
    'creator keyset index: one creator in created_at order'
);
select results_eq(
    $$ select part.relname::text collate "default", parent_idx.relname::text collate "default",
              regexp_replace(pg_get_indexdef(x.indexrelid), '^.* USING ', ''), x.indisvalid and x.indisready
         from pg_inherits i
         join pg_index x on x.indexrelid = i.inhrelid
         join pg_class part on part.oid = x.indrelid
         join pg_class parent_idx on parent_idx.oid = i.inhparent
        where i.inhparent in ('content_items_all_created_idx'::regclass, 'content_items_all_quality_idx'::regclass,
                              'content_items_all_creator_created_idx'::regclass)
        order by 1, 2 $$,
    $$ values
        ('content_items', 'content_items_all_created_idx', 'btree (created_at DESC, id DESC, source_type DESC)', true),
        ('content_items', 'content_items_all_creator_created_idx', 'btree (creator_id, created_at DESC, id DESC, source_type DESC)', true),
        ('content_items', 'content_items_all_quality_idx', 'btree (quality_score DESC, created_at DESC, id DESC, source_type DESC)', true),
        ('content_items_auto', 'content_items_all_created_idx', 'btree (created_at DESC, id DESC, source_type DESC)', true),
        ('content_items_auto', 'content_items_all_creator_created_idx', 'btree (creator_id, created_at DESC, id DESC, source_type DESC)', true),
        ('content_items_auto', 'content_items_all_quality_idx', 'btree (quality_score DESC, created_at DESC, id DESC, source_type DESC)', true) $$,
    'each partition has a valid copy of each keyset index'
);
select has_index('public', 'content_tags', 'content_tags_tag_source_content_idx',
    array['tag_id', 'content_source', 'content_id']::name[], 'content_tags posting-list index (tag_id, content_source, content_id)');
select has_index('public', 'tags', 'tags_name_pattern_idx', 'name', 'tags name prefix index');
select is(
    (select opc.opcname::text from pg_index x join pg_opclass opc on opc.oid = x.indclass[0]
      where x.indexrelid = 'public.tags_name_pattern_idx'::regclass),
    'text_pattern_ops',
    'tags name index uses text_pattern_ops (LIKE prefix works under any collation)'
);

-- checks ---------------------------------------------------------------------------------------
select col_has_check('public', 'content_items_all', 'source_type', 'source_type is checked');
select col_has_check('public', 'tag_cardinality_stats', 'content_source', 'tag_cardinality_stats.content_source is checked');

-- comments on every table and column in public (the project's convention) -----------------------
select is_empty(
    $$ select c.relname::text collate "default" from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') and c.relname <> 'alembic_version'
          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
          and coalesce(obj_description(c.oid, 'pg_class'), '') = '' $$,
    'every table in public has a comment'
);
select is_empty(
    $$ select c.relname || '.' || a.attname from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') and not c.relispartition
          and c.relname <> 'alembic_version'
          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
          and coalesce(col_description(c.oid, a.attnum), '') = '' $$,
    'every column of every table in public has a comment (partitions share the parent''s columns)'
);
select is_empty(
    $$ select i.indexrelid::regclass::text from pg_index i
         join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relname in ('content_items_all_created_idx', 'content_items_all_quality_idx',
              'content_items_all_creator_created_idx', 'content_tags_tag_source_content_idx', 'tags_name_pattern_idx')
          and coalesce(obj_description(c.oid, 'pg_class'), '') = '' $$,
    'the 0001 indexes say what they serve'
);

-- behaviour: keys, partition routing and cascades ----------------------------------------------
insert into users (id, username) values ('00000000-0000-0000-0000-0000000000a1', 'schema_test_user');
insert into tags (id, name) values ('00000000-0000-0000-0000-0000000000b1', 'schema_test_tag'),
                                   ('00000000-0000-0000-0000-0000000000b2', 'schema_test_tag2');

select lives_ok(
    $$ insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at)
       values (900000001, 'items', 'i', '00000000-0000-0000-0000-0000000000a1', now(), now()),
              (900000001, 'auto',  'a', '00000000-0000-0000-0000-0000000000a1', now(), now()) $$,
    'the same id may exist once per source (ids collide across sources)'
);
select results_eq(
    $$ select tableoid::regclass::text, source_type from content_items_all where id = 900000001 order by 1 $$,
    $$ values ('content_items', 'items'), ('content_items_auto', 'auto') $$,
    'rows inserted through the parent land in the partition of their source_type'
);
select throws_ok(
    $$ insert into content_items_all (id, source_type, title, creator_id) values (900000001, 'items', 'dup', '00000000-0000-0000-0000-0000000000a1') $$,
    '23505', null, 'a second (id, items) row is refused'
);
select throws_ok(
    $$ insert into content_items_all (id, source_type, title, creator_id) values (900000002, 'video', 'x', '00000000-0000-0000-0000-0000000000a1') $$,
    '23514', null, 'an unknown source_type is refused'
);
select throws_ok(
    $$ insert into content_items_auto (id, source_type, title, creator_id) values (900000003, 'items', 'x', '00000000-0000-0000-0000-0000000000a1') $$,
    '23514', null, 'a partition refuses a row of the other source'
);
select throws_ok(
    $$ insert into content_tags values (900000999, 'items', '00000000-0000-0000-0000-0000000000b1') $$,
    '23503', null, 'content_tags refuses a tag on a row that does not exist (no orphans)'
);
select throws_ok(
    $$ insert into content_items_auto_more (source_id) values (900000999) $$,
    '23503', null, 'a sidecar refuses a row that does not exist'
);
select lives_ok(
    $$ insert into content_tags values
           (900000001, 'items', '00000000-0000-0000-0000-0000000000b1'),
           (900000001, 'items', '00000000-0000-0000-0000-0000000000b2'),
           (900000001, 'auto',  '00000000-0000-0000-0000-0000000000b1');
       insert into content_items_more (source_id) values (900000001);
       insert into content_items_auto_more (source_id) values (900000001) $$,
    'tags and sidecars attach to either source'
);
select throws_ok(
    $$ insert into content_tags values (900000001, 'items', '00000000-0000-0000-0000-0000000000b1') $$,
    '23505', null, 'a tag is on a row at most once'
);

delete from content_items_all where id = 900000001 and source_type = 'items';
select results_eq(
    $$ select content_source, count(*)::int from content_tags where content_id = 900000001 group by 1 order by 1 $$,
    $$ values ('auto', 1) $$,
    'deleting an items row cascades to its tags only, not to the auto row with the same id'
);
select is((select count(*)::int from content_items_more where source_id = 900000001), 0, 'deleting an items row cascades to its sidecar');
select is((select count(*)::int from content_items_auto_more where source_id = 900000001), 1, 'the auto sidecar with the same id stays');

delete from content_items_auto where id = 900000001;
select is((select count(*)::int from content_tags where content_id = 900000001), 0, 'deleting through a partition cascades too');
select is((select count(*)::int from content_items_auto_more where source_id = 900000001), 0, 'and removes the auto sidecar');

insert into content_items_all (id, source_type, title, creator_id) values (900000004, 'auto', 'x', '00000000-0000-0000-0000-0000000000a1');
insert into content_tags values (900000004, 'auto', '00000000-0000-0000-0000-0000000000b2');
insert into tag_cardinality_stats (tag_id, content_source, cardinality) values ('00000000-0000-0000-0000-0000000000b2', 'auto', 1);
delete from tags where id = '00000000-0000-0000-0000-0000000000b2';
select is((select count(*)::int from content_tags where tag_id = '00000000-0000-0000-0000-0000000000b2'), 0, 'deleting a tag cascades to content_tags');
select is((select count(*)::int from tag_cardinality_stats where tag_id = '00000000-0000-0000-0000-0000000000b2'), 0, 'and to its statistics');
select throws_ok(
    $$ delete from users where id = '00000000-0000-0000-0000-0000000000a1' $$,
    '23503', null, 'a user who still has content cannot be deleted'
);
select cmp_ok(
    (select nextval('content_items_all_id_seq')), '>', 0::bigint,
    'rows inserted without an id draw from the shared sequence'
);
select throws_ok(
    $$ insert into tag_cardinality_stats (tag_id, content_source, cardinality) values ('00000000-0000-0000-0000-0000000000b1', 'items', -1) $$,
    '23514', null, 'a negative cardinality is refused'
);

select * from finish();
ROLLBACK;
