-- popular_tags() and search_tags() (revision 0003), read from refreshed statistics.
BEGIN;
select plan(17);

insert into users (id, username) values ('00000000-0000-0000-0000-0000000000b1', 'facet_owner');
insert into tags (id, name) values
    ('00000000-0000-0000-0000-00000000f001', 'fc_cat'),        -- 6 items + 4 auto = 10
    ('00000000-0000-0000-0000-00000000f002', 'fc_car'),        -- 0 items + 8 auto = 8
    ('00000000-0000-0000-0000-00000000f003', 'fc_cab'),        -- 8 items + 0 auto = 8 (ties fc_car)
    ('00000000-0000-0000-0000-00000000f004', 'fc_scar'),       -- 3 items
    ('00000000-0000-0000-0000-00000000f005', 'fc_100%_done'),  -- 2 auto
    ('00000000-0000-0000-0000-00000000f006', 'fc_1000_done'),  -- 1 auto
    ('00000000-0000-0000-0000-00000000f007', 'fc_a\b'),        -- 0
    ('00000000-0000-0000-0000-00000000f008', 'fc_axb');        -- 0
insert into content_items_all (id, source_type, title, creator_id)
select g, s, s || g, '00000000-0000-0000-0000-0000000000b1'
from generate_series(1, 10) g cross join (values ('items'), ('auto')) v (s);
insert into content_tags (content_id, content_source, tag_id)
select g, 'items', '00000000-0000-0000-0000-00000000f001'::uuid from generate_series(1, 6) g
union all select g, 'auto', '00000000-0000-0000-0000-00000000f001'::uuid from generate_series(1, 4) g
union all select g, 'auto', '00000000-0000-0000-0000-00000000f002'::uuid from generate_series(1, 8) g
union all select g, 'items', '00000000-0000-0000-0000-00000000f003'::uuid from generate_series(1, 8) g
union all select g, 'items', '00000000-0000-0000-0000-00000000f004'::uuid from generate_series(1, 3) g
union all select g, 'auto', '00000000-0000-0000-0000-00000000f005'::uuid from generate_series(1, 2) g
union all select g, 'auto', '00000000-0000-0000-0000-00000000f006'::uuid from generate_series(1, 1) g;
-- only this test's tags: facets would otherwise see whatever else the database holds
delete from tags where name not like 'fc\_%';
select lives_ok('select refresh_tag_cardinality_stats()', 'statistics refreshed');

select results_eq(
    $$select name, cardinality from popular_tags(3)$$,
    $$values ('fc_cat', 10::bigint), ('fc_car', 8::bigint), ('fc_cab', 8::bigint)$$,
    'popular_tags: biggest total first, ties by tag id');
select results_eq(
    $$select name, cardinality from popular_tags(2, 'items')$$,
    $$values ('fc_cab', 8::bigint), ('fc_cat', 6::bigint)$$,
    'popular_tags per source counts only that source');
select results_eq(
    $$select name from popular_tags(100, 'auto', 4)$$,
    $$values ('fc_car'), ('fc_cat')$$,
    'p_min_cardinality drops smaller tags');
select is((select count(*) from popular_tags(100)), 8::bigint, 'p_min_cardinality 0 keeps tags with no content');
select throws_ok('select * from popular_tags(0)', '22023', null, 'p_limit 0 is invalid');
select throws_ok($$select * from popular_tags(5, 'user-regular')$$, '22023', null, 'unknown content source is invalid');

select results_eq(
    $$select name, cardinality from search_tags('fc_ca')$$,
    $$values ('fc_cat', 10::bigint), ('fc_cab', 8::bigint), ('fc_car', 8::bigint)$$,
    'prefix match, most-used first then by name; fc_scar does not match');
select results_eq(
    $$select name from search_tags('fc_ca', 9)$$,
    $$values ('fc_cat')$$,
    'p_min_count');
select results_eq(
    $$select name from search_tags('fc_ca', null, 8)$$,
    $$values ('fc_cab'), ('fc_car')$$,
    'p_max_count');
select results_eq(
    $$select name, cardinality from search_tags('fc_ca', null, null, 10, 'items')$$,
    $$values ('fc_cab', 8::bigint), ('fc_cat', 6::bigint), ('fc_car', 0::bigint)$$,
    'per-source counts');
select results_eq(
    $$select name from search_tags('fc_100%')$$,
    $$values ('fc_100%_done')$$,
    '% in the prefix matches only a literal %');
select results_eq(
    $$select name from search_tags('fc_100_')$$,
    $$select 'x'::text where false$$,
    '_ in the prefix matches only a literal _ (fc_1000_done does not match)');
select results_eq(
    $$select name from search_tags('fc_a\')$$,
    $$values ('fc_a\b')$$,
    'a backslash in the prefix matches only a literal backslash');
select is((select count(*) from search_tags('fc_', null, null, 2)), 2::bigint, 'p_limit caps the rows');
select is((select count(*) from search_tags('nope_')), 0::bigint, 'no match, no rows');
select throws_ok($$select * from search_tags('fc', null, null, 0)$$, '22023', null, 'p_limit 0 is invalid');

select * from finish();
ROLLBACK;
