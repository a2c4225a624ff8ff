-- refresh_tag_cardinality_stats(), tag_stats_freshness() and the incremental delta log (revision 0003).
BEGIN;
select plan(20);

insert into users (id, username) values ('00000000-0000-0000-0000-0000000000a1', 'stats_owner');
insert into tags (id, name) values
    ('00000000-0000-0000-0000-000000000001', 'st_common'),
    ('00000000-0000-0000-0000-000000000002', 'st_items_only'),
    ('00000000-0000-0000-0000-000000000003', 'st_rare'),
    ('00000000-0000-0000-0000-000000000004', 'st_empty');
-- 30 items rows, 50 auto rows; ids collide across sources on purpose
insert into content_items_all (id, source_type, title, creator_id)
select g, 'items', 'i' || g, '00000000-0000-0000-0000-0000000000a1' from generate_series(1, 30) g;
insert into content_items_all (id, source_type, title, creator_id)
select g, 'auto', 'a' || g, '00000000-0000-0000-0000-0000000000a1' from generate_series(1, 50) g;
insert into content_tags (content_id, content_source, tag_id)
select id, source_type, '00000000-0000-0000-0000-000000000001'::uuid from content_items_all where id % 2 = 0
union all
select id, source_type, '00000000-0000-0000-0000-000000000002'::uuid from content_items_all where source_type = 'items' and id <= 7
union all
select id, source_type, '00000000-0000-0000-0000-000000000003'::uuid from content_items_all where source_type = 'auto' and id = 3;

create temp view expected_counts as
select t.id as tag_id, s.content_source,
       (select count(distinct c.content_id) from content_tags c
        where c.tag_id = t.id and c.content_source = s.content_source) as cardinality
from tags t cross join (values ('items'), ('auto')) s (content_source)
where t.name like 'st\_%';

select is(refresh_tag_cardinality_stats(), 8::bigint, 'first refresh writes every tag x source row');

select results_eq(
    $$select tag_id, content_source, cardinality from tag_cardinality_stats
      where tag_id in (select id from tags where name like 'st\_%') order by 1, 2$$,
    $$select tag_id, content_source, cardinality from expected_counts order by 1, 2$$,
    'per-tag, per-source counts equal a direct count');

select results_eq(
    $$select content_source, cardinality from tag_cardinality_stats
      where tag_id = '00000000-0000-0000-0000-000000000004' order by 1$$,
    $$values ('auto', 0::bigint), ('items', 0::bigint)$$,
    'a tag with no content has a 0 row for each source');

select results_eq(
    $$select s.tag_id, s.cardinality from tag_total_stats s
      where s.tag_id in (select id from tags where name like 'st\_%') order by 1$$,
    $$select tag_id, sum(cardinality)::bigint from expected_counts group by 1 order by 1$$,
    'tag_total_stats holds the per-tag sum over sources');

select results_eq(
    $$select content_source, total_rows from content_source_stats order by 1$$,
    $$values ('auto', 50::bigint), ('items', 30::bigint)$$,
    'content_source_stats holds the rows per source');

select is(refresh_tag_cardinality_stats(), 0::bigint, 'a refresh with nothing changed rewrites nothing');

select ok((select is_fresh from tag_stats_freshness()), 'just refreshed: fresh');
update content_source_stats set updated_at = now() - interval '2 hours';
select ok(not (select is_fresh from tag_stats_freshness()), 'older than stats.freshness_seconds (3600): stale');
update planner_config set value = '86400' where key = 'stats.freshness_seconds';
select is((select freshness_seconds from tag_stats_freshness()), 86400::bigint, 'freshness limit read from planner_config');
select ok((select is_fresh from tag_stats_freshness()), 'a longer freshness_seconds makes the same age fresh');

-- incremental: inserts, deletes and updates are logged per statement, then folded
insert into content_tags (content_id, content_source, tag_id)
select id, 'auto', '00000000-0000-0000-0000-000000000004'::uuid from generate_series(1, 5) id;
select is((select sum(delta)::bigint from tag_cardinality_deltas
           where tag_id = '00000000-0000-0000-0000-000000000004'), 5::bigint,
          'an insert statement logs its per-tag delta');
delete from content_tags where tag_id = '00000000-0000-0000-0000-000000000001' and content_id <= 10;
update content_tags set tag_id = '00000000-0000-0000-0000-000000000003'
where tag_id = '00000000-0000-0000-0000-000000000002' and content_id = 1;
select cmp_ok(apply_tag_cardinality_deltas(), '>', 0::bigint, 'apply folds the logged deltas');
select is((select count(*) from tag_cardinality_deltas), 0::bigint, 'the log is empty after folding');
select results_eq(
    $$select tag_id, content_source, cardinality from tag_cardinality_stats
      where tag_id in (select id from tags where name like 'st\_%') order by 1, 2$$,
    $$select tag_id, content_source, cardinality from expected_counts order by 1, 2$$,
    'after insert, delete and update, folded counts equal a direct count');
select results_eq(
    $$select s.tag_id, s.cardinality from tag_total_stats s
      where s.tag_id in (select id from tags where name like 'st\_%') order by 1$$,
    $$select tag_id, sum(cardinality)::bigint from expected_counts group by 1 order by 1$$,
    'folded totals equal a direct count');
select is(refresh_tag_cardinality_stats(), 0::bigint, 'a full refresh after folding finds nothing to correct');

-- a refresh consumes pending deltas (its counts include them) instead of adding them twice
insert into content_tags (content_id, content_source, tag_id) values (20, 'items', '00000000-0000-0000-0000-000000000004');
select is(refresh_tag_cardinality_stats(), 1::bigint, 'refresh rewrites only the changed (tag, source) row');
select is(apply_tag_cardinality_deltas(), 0::bigint, 'refresh leaves no delta to apply again');
select results_eq(
    $$select tag_id, content_source, cardinality from tag_cardinality_stats
      where tag_id in (select id from tags where name like 'st\_%') order by 1, 2$$,
    $$select tag_id, content_source, cardinality from expected_counts order by 1, 2$$,
    'counts stay exact across refresh + apply');

truncate content_tags;
select is((select sum(cardinality)::bigint from tag_cardinality_stats), 0::bigint, 'truncate zeroes every count');

select * from finish();
ROLLBACK;
