-- Cache invalidation (revision 0004): functions, one trigger per event on every table that can
-- change a page, payload shape and size, and a least-privileged writer can still write (the
-- trigger functions are SECURITY DEFINER, revision 0005 revokes EXECUTE from PUBLIC).
BEGIN;
select plan(40);

-- functions ------------------------------------------------------------------------------------
select has_function('invalidation_message', array['text[]', 'uuid[]', 'integer']);
select has_function('invalidation_publish', array['bigint[]', 'text[]', 'uuid[]', 'integer']);
select has_function('invalidation_flush', array['text[]']);
select has_function('invalidation_content_tags_trigger');
select has_function('invalidation_content_items_trigger');
select has_function('invalidation_tags_trigger');
select has_function('invalidation_install_triggers', array['integer', 'integer']);
select is_definer('invalidation_content_tags_trigger');
select is_definer('invalidation_content_items_trigger');
select is_definer('invalidation_tags_trigger');

-- triggers: a partition written directly fires only its own statement triggers -------------------
select has_trigger('content_tags', 'tagpage_invalidate_ins');
select has_trigger('content_tags', 'tagpage_invalidate_upd');
select has_trigger('content_tags', 'tagpage_invalidate_del');
select has_trigger('content_tags', 'tagpage_invalidate_trunc');
select has_trigger('content_items_all', 'tagpage_invalidate_ins');
select has_trigger('content_items_all', 'tagpage_invalidate_upd');
select has_trigger('content_items_all', 'tagpage_invalidate_del');
select has_trigger('content_items_all', 'tagpage_invalidate_trunc');
select has_trigger('content_items', 'tagpage_invalidate_ins');
select has_trigger('content_items', 'tagpage_invalidate_upd');
select has_trigger('content_items', 'tagpage_invalidate_del');
select has_trigger('content_items_auto', 'tagpage_invalidate_ins');
select has_trigger('content_items_auto', 'tagpage_invalidate_upd');
select has_trigger('content_items_auto', 'tagpage_invalidate_del');
select has_trigger('tags', 'tagpage_invalidate_upd');
select has_trigger('tags', 'tagpage_invalidate_del');
select is(
    (select count(*)::int from pg_trigger t
      where t.tgname like 'tagpage_invalidate_%'
        and t.tgtype & 1 = 0                              -- statement level
        and (t.tgname = 'tagpage_invalidate_trunc' or t.tgnewtable is not null or t.tgoldtable is not null)),
    19, 'all 19 invalidation triggers are statement-level, and all but TRUNCATE use transition tables');

-- payloads -------------------------------------------------------------------------------------
select is(
    invalidation_message(array['items', 'auto', 'items', null],
                         array['00000000-0000-0000-0000-0000000000b2', '00000000-0000-0000-0000-0000000000b1',
                               '00000000-0000-0000-0000-0000000000b2', null]::uuid[]),
    '{"v":1,"src":["auto","items"],"tags":["00000000-0000-0000-0000-0000000000b1","00000000-0000-0000-0000-0000000000b2"]}',
    'compact JSON, sources and tags sorted and distinct, nulls dropped');
select is(invalidation_message('{}'::text[], '{}'::uuid[]), '{"v":1,"src":[],"tags":[]}', 'empty message');
select is(
    invalidation_message(array['items'], (select array_agg(gen_random_uuid()) from generate_series(1, 151)), 150),
    '{"v":1,"flush":["auto","items"]}', 'more tags than p_max_tags: a flush');
select cmp_ok(
    octet_length(invalidation_message(array['auto', 'items'],
                                      (select array_agg(gen_random_uuid()) from generate_series(1, 150)), 150)),
    '<', 8000, '150 tags fit the 8000-byte NOTIFY limit');
select is(
    invalidation_message(array['items'], (select array_agg(gen_random_uuid()) from generate_series(1, 250)), 1000),
    '{"v":1,"flush":["auto","items"]}', 'a payload near the NOTIFY limit becomes a flush, never an error');
select is(invalidation_flush(array['items']), '{"v":1,"flush":["items"]}', 'flush of one source');

-- publish adds every tag the touched rows carry now ------------------------------------------------
insert into users (id, username) values ('00000000-0000-0000-0000-0000000000c1', 'inv-user');
insert into tags (id, name) values
    ('00000000-0000-0000-0000-0000000000d1', 'inv-a'),
    ('00000000-0000-0000-0000-0000000000d2', 'inv-b'),
    ('00000000-0000-0000-0000-0000000000d3', 'inv-c');
insert into content_items_all (id, source_type, title, creator_id) values
    (9001, 'items', 'inv 1', '00000000-0000-0000-0000-0000000000c1'),
    (9001, 'auto', 'inv 2', '00000000-0000-0000-0000-0000000000c1');
insert into content_tags values
    (9001, 'items', '00000000-0000-0000-0000-0000000000d1'),
    (9001, 'items', '00000000-0000-0000-0000-0000000000d2'),
    (9001, 'auto', '00000000-0000-0000-0000-0000000000d3');
select is(
    invalidation_publish(array[9001]::bigint[], array['items'], '{}'::uuid[]),
    '{"v":1,"src":["items"],"tags":["00000000-0000-0000-0000-0000000000d1","00000000-0000-0000-0000-0000000000d2"]}',
    'publish lists the tags of (items, 9001) and not those of (auto, 9001)');
select is(
    invalidation_publish(array[9001]::bigint[], array['auto'], array['00000000-0000-0000-0000-0000000000d1']::uuid[]),
    '{"v":1,"src":["auto"],"tags":["00000000-0000-0000-0000-0000000000d1","00000000-0000-0000-0000-0000000000d3"]}',
    'publish merges the given tags (e.g. just deleted) with the current ones');

-- a writer with only DML privileges can still write: the triggers need nothing from it ------------
create role tagpage_pgtap_writer;
grant usage on schema public to tagpage_pgtap_writer;
grant insert, update, delete on content_items_all, content_items, content_items_auto, content_tags
    to tagpage_pgtap_writer;
-- Revision 0003's incremental-statistics trigger appends to its delta log as the writer (not
-- this revision's concern): grant that, and nothing that 0004's triggers would need.
do $$
begin
    if to_regclass('public.tag_cardinality_deltas') is not null then
        grant insert on tag_cardinality_deltas to tagpage_pgtap_writer;
    end if;
end
$$;
set local role tagpage_pgtap_writer;
select lives_ok($$ insert into content_tags values (9001, 'auto', '00000000-0000-0000-0000-0000000000d2') $$,
                'writer role inserts content_tags');
select lives_ok($$ update content_items_auto set title = 'retitled' $$, 'writer role updates a partition');
select lives_ok($$ delete from content_tags $$, 'writer role deletes content_tags');
select lives_ok($$ insert into content_items (id, source_type, title, creator_id)
                   values (9002, 'items', 'inv 3', '00000000-0000-0000-0000-0000000000c1') $$,
                'writer role inserts into a partition');
reset role;

-- a rename goes through the tags trigger without error ------------------------------------------
select lives_ok($$ update tags set name = 'inv-a2' where id = '00000000-0000-0000-0000-0000000000d1' $$,
                'tag rename fires the tags trigger');

select * from finish();
ROLLBACK;
