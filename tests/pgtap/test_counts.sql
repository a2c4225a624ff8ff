-- unified_content_count and related_tags (revision 0008): the contract on a tiny dataset whose
-- answers are written out by hand, every argument error, and the life cycle of the count
-- bitmaps (no bitmaps -> scan, refresh -> bitmaps, writes -> live rows, TRUNCATE -> scan).
BEGIN;
select plan(43);

-- alice owns items 1..6 (6 private), bob owns auto 1..6 (6 private); ids collide on purpose.
--   cnt_red:   items 1 2 3 4 6, auto 1 2
--   cnt_blue:  items 2 4,       auto 2 3 4
--   cnt_green: items 5 6,       auto 1 2 3 4 5 6
--   cnt_none:  on no row
insert into users (id, username) values
    ('00000000-0000-0000-0000-0000000000c1', 'cnt_alice'),
    ('00000000-0000-0000-0000-0000000000c2', 'cnt_bob');
insert into tags (id, name) values
    ('00000000-0000-0000-0000-00000000c001', 'cnt_red'),
    ('00000000-0000-0000-0000-00000000c002', 'cnt_blue'),
    ('00000000-0000-0000-0000-00000000c003', 'cnt_green'),
    ('00000000-0000-0000-0000-00000000c004', 'cnt_none');
insert into content_items_all (id, source_type, title, creator_id, is_private)
select g, 'items', 'i' || g, '00000000-0000-0000-0000-0000000000c1'::uuid, g = 6 from generate_series(1, 6) g
union all
select g, 'auto', 'a' || g, '00000000-0000-0000-0000-0000000000c2'::uuid, g = 6 from generate_series(1, 6) g;
insert into content_tags (content_id, content_source, tag_id)
select x, 'items', '00000000-0000-0000-0000-00000000c001'::uuid from unnest(array[1, 2, 3, 4, 6]) x
union all select x, 'auto', '00000000-0000-0000-0000-00000000c001' from unnest(array[1, 2]) x
union all select x, 'items', '00000000-0000-0000-0000-00000000c002' from unnest(array[2, 4]) x
union all select x, 'auto', '00000000-0000-0000-0000-00000000c002' from unnest(array[2, 3, 4]) x
union all select x, 'items', '00000000-0000-0000-0000-00000000c003' from unnest(array[5, 6]) x
union all select x, 'auto', '00000000-0000-0000-0000-00000000c003' from generate_series(1, 6) x;
delete from count_bitmap_source;

create function pg_temp.c(p_tags text[] default null, p_user text default null, p_sources text[] default null,
                          p_match text default 'all', p_query text default null)
returns text language sql as $$
    select format('%s %s %s', total, exact, method)
    from unified_content_count(tags => array(select id from tags where name = any(p_tags) order by name),
                               user_id => (select id from users where username = p_user),
                               source_types => p_sources, tag_match => p_match, tag_query => p_query)
$$;

-- signatures ------------------------------------------------------------------------------------
select has_function('unified_content_count', array['uuid[]', 'uuid', 'text[]', 'text', 'text', 'integer'],
                    'unified_content_count(tags, user_id, source_types, tag_match, tag_query, exact_limit)');
select has_function('related_tags', array['uuid[]', 'uuid', 'text[]', 'text', 'text', 'integer', 'integer'],
                    'related_tags(<the same filter>, exact_limit, p_limit)');

-- before any build: counted row by row ----------------------------------------------------------
select is(pg_temp.c(), '10 t scan', 'no filter: public rows of both sources, scanned');
select is(pg_temp.c(array['cnt_red']), '6 t scan', 'one tag: public rows only (items 6 is private)');

-- after a build ------------------------------------------------------------------------------------
select lives_ok('select refresh_tag_cardinality_stats()', 'the statistics refresh builds the bitmaps');
select is((select count(*) from count_bitmap_source), 2::bigint, 'one bitmap header per source');
select is(pg_temp.c(), '10 t bitmap', 'no filter');
select is(pg_temp.c(array['cnt_red']), '6 t bitmap', 'cnt_red: items 1-4, auto 1-2');
select is(pg_temp.c(array['cnt_red', 'cnt_blue']), '3 t bitmap', 'all: items 2 4, auto 2');
select is(pg_temp.c(array['cnt_red', 'cnt_blue'], p_match => 'any'), '8 t bitmap', 'any: items 1-4, auto 1-4');
select is(pg_temp.c(array['cnt_none']), '0 t bitmap', 'a tag on no row');
select is(pg_temp.c(array['cnt_red', 'cnt_none'], p_match => 'any'), '6 t bitmap', 'any with an unused tag');
select is(pg_temp.c(p_sources => array['community-regular']), '5 t bitmap', 'community-regular, no user');
select is(pg_temp.c(p_sources => array['user-regular']), '0 t none', 'user-* without a user: nothing');
select is(pg_temp.c(p_user => 'cnt_alice', p_sources => array['user-regular']), '6 t bitmap',
          'alice''s own items include her private row');
select is(pg_temp.c(array['cnt_red'], p_user => 'cnt_bob', p_sources => array['community-regular', 'user-auto']),
          '6 t bitmap', 'bob: alice''s public red items (4) and his own red auto rows (2)');
select is(pg_temp.c(array['cnt_green'], p_user => 'cnt_bob'), '7 t bitmap',
          'bob sees his private auto 6 but not alice''s private items 6');
select is(pg_temp.c(array['cnt_green'], p_user => 'cnt_alice'), '7 t bitmap',
          'alice sees her private items 6 but not bob''s private auto 6');
select is(pg_temp.c(p_query => 'cnt_green -cnt_red'), '4 t bitmap', 'tag_query: green and not red (items 5, auto 3-5)');
select is(pg_temp.c(array['cnt_red'], p_query => 'cnt_blue or cnt_green'), '4 t bitmap',
          'tags and tag_query are ANDed (items 2 4, auto 1 2)');
select is(pg_temp.c(p_query => '   '), '10 t bitmap', 'an empty tag_query is no filter');

-- rows written since the build: counted live, still exact ----------------------------------------
insert into content_tags values (5, 'items', '00000000-0000-0000-0000-00000000c002');
select is((select count(*) from count_dirty_rows), 1::bigint, 'tagging a row logs it once');
select is(pg_temp.c(array['cnt_blue']), '6 t bitmap', 'the new tag link counts at once');
update content_items_all set is_private = true where id = 2 and source_type = 'auto';
select is(pg_temp.c(array['cnt_blue']), '5 t bitmap', 'a row made private leaves public counts');
select is(pg_temp.c(array['cnt_blue'], p_user => 'cnt_bob'), '6 t bitmap', 'but stays in its creator''s');
insert into content_items_all (id, source_type, title, creator_id) values (1000, 'items', 'far', '00000000-0000-0000-0000-0000000000c1');
insert into content_tags values (1000, 'items', '00000000-0000-0000-0000-00000000c004');
select is(pg_temp.c(array['cnt_none']), '1 t bitmap', 'a row beyond the bitmaps'' ids counts live');
delete from content_items_all where id = 1 and source_type = 'items';
select is(pg_temp.c(array['cnt_red']), '4 t bitmap', 'a deleted row leaves the count');
update content_items_all set title = 'retitled';
select is((select count(distinct (content_source, content_id)) from count_dirty_rows), 4::bigint,
          'retitling logs no row (the log holds the four rows written above)');
select lives_ok('select refresh_tag_cardinality_stats()', 'rebuilt');
select is((select count(*) from count_dirty_rows), 0::bigint, 'the build empties the log');
select is(pg_temp.c(array['cnt_red']), '4 t bitmap', 'same answer from the rebuilt bitmaps');

-- related tags ------------------------------------------------------------------------------------
select results_eq(
    $$select name, count, exact from related_tags(tags => array['00000000-0000-0000-0000-00000000c001']::uuid[])$$,
    $$values ('cnt_blue'::text, 2::bigint, true), ('cnt_green', 1::bigint, true)$$,
    'related to red (items 2 3 4, auto 1): blue twice, green once; red itself left out');
select results_eq(
    $$select name, count from related_tags(tags => array['00000000-0000-0000-0000-00000000c001',
                                                         '00000000-0000-0000-0000-00000000c002']::uuid[],
                                           tag_match => 'any', p_limit => 2)$$,
    $$values ('cnt_blue'::text, 5::bigint), ('cnt_green', 4::bigint)$$,
    'an any filter''s own tags are shown (they split the result); ties by name; p_limit cuts the list');
select results_eq(
    $$select name from related_tags(tag_query => 'cnt_green (cnt_red or cnt_blue)')$$,
    $$values ('cnt_blue'::text), ('cnt_red')$$,
    'a query''s top-level AND term is left out, its OR terms shown');

-- argument errors: 22023, the message names the argument -------------------------------------------
select throws_ok($$select * from unified_content_count(exact_limit => 0)$$, '22023',
                 'exact_limit: 0 is out of range 1..1000000', 'exact_limit below 1');
select throws_ok($$select * from unified_content_count(exact_limit => 1000001)$$, '22023',
                 'exact_limit: 1000001 is out of range 1..1000000', 'exact_limit above the maximum');
select throws_ok($$select * from related_tags(p_limit => 0)$$, '22023', 'p_limit: 0 is out of range 1..1000',
                 'related p_limit below 1');
select throws_ok($$select * from unified_content_count(tag_match => 'some')$$, '22023',
                 'tag_match: unknown value "some" (all, any)', 'the page''s validation: tag_match');
select throws_ok($$select * from related_tags(source_types => '{}')$$, '22023',
                 'source_types: empty list (pass NULL for all sources)', 'the page''s validation: source_types');
select throws_ok($$select * from unified_content_count(tags => array['00000000-0000-0000-0000-00000000dead']::uuid[])$$,
                 '22023', 'tags: unknown tag id(s)', 'unknown tag id');
select throws_ok($$select * from unified_content_count(tag_query => 'cnt_red -')$$, '22023',
                 'tag_query: expected a tag after "-" at 9', 'a bad tag query');

-- TRUNCATE cannot be logged row by row: the bitmaps go, counts scan --------------------------------
truncate content_tags;
select is((select count(*) from count_bitmap_source), 0::bigint, 'TRUNCATE drops the bitmaps');
select is(pg_temp.c(array['cnt_red']), '0 t scan', 'and counts scan, exactly');

select * from finish();
ROLLBACK;
