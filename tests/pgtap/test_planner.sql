-- The planner's decisions (unified_content_plan) for a matrix of (K, rarest count, density), with
-- the statistics rows set here: gallery-sized partitions (65K items, 1.1M auto) and tags of known
-- cardinality. Also: missing statistics, source restriction, every knob that changes a decision.
BEGIN;
select plan(72);

delete from tag_cardinality_stats;
delete from content_source_stats;
insert into content_source_stats (content_source, total_rows) values ('items', 65000), ('auto', 1100000);

-- A tag with the given cardinality per partition (NULL = no statistics row); names are prefixed
-- so the file also runs on a database holding demo data.
create function pg_temp.tag(p_name text, p_items bigint, p_auto bigint) returns uuid language plpgsql as $$
declare
    v_id uuid;
begin
    insert into tags (name) values ('planner-test:' || p_name) returning id into v_id;
    if p_items is not null then
        insert into tag_cardinality_stats (tag_id, content_source, cardinality) values (v_id, 'items', p_items);
    end if;
    if p_auto is not null then
        insert into tag_cardinality_stats (tag_id, content_source, cardinality) values (v_id, 'auto', p_auto);
    end if;
    return v_id;
end;
$$;
-- The plan for these tag names (other arguments as given).
create function pg_temp.plan_for(p_names text[], p_tag_match text default 'all',
                                 p_sources text[] default null) returns jsonb language sql as $$
    select unified_content_plan(
        tags => (select array_agg(t.id) from tags t
                  where t.name = any(array(select 'planner-test:' || n from unnest(p_names) n))),
        user_id => '00000000-0000-0000-0000-00000000beef', source_types => p_sources,
        tag_match => p_tag_match)
$$;

do $$
begin
    perform pg_temp.tag('anime', 48100, 814000);      -- 74 %, the gallery's most common tag
    perform pg_temp.tag('thirty', 19500, 330000);     -- 30 %
    perform pg_temp.tag('ten_a', 6500, 110000);       -- 10 %
    perform pg_temp.tag('ten_b', 6500, 110000);
    perform pg_temp.tag('five_a', 3250, 55000);       -- 5 %
    perform pg_temp.tag('five_b', 3250, 55000);
    perform pg_temp.tag('half_a', 32500, 550000);     -- 50 %
    perform pg_temp.tag('half_b', 32500, 550000);
    perform pg_temp.tag('half_c', 32500, 550000);
    perform pg_temp.tag('rare2000', 1000, 1000);
    perform pg_temp.tag('fifty', 3, 47);              -- a tag on 50 rows
    perform pg_temp.tag('nostats', null, null);
end;
$$;

-- Done-when decisions -----------------------------------------------------------------------------
select is(pg_temp.plan_for(array['anime'])->>'strategy', 'sort_first',
    'canonical request (most common tag, all sources, a user, 25 newest) -> sort_first');
select is(pg_temp.plan_for(array['anime'])->'walk_budget', 'null'::jsonb,
    'one tag: the density is known, the walk is not budgeted');
select isnt(pg_temp.plan_for(array['fifty'])->>'strategy', 'sort_first',
    'a tag on fewer than 100 rows -> tag-first');
select is(pg_temp.plan_for(array['fifty'])->>'strategy', 'two_phase_single',
    'k = 1: two_phase_single, precompiled, over self_join (the same estimate, planned per call)');
select is((pg_temp.plan_for(array['fifty'])->'estimates'->>'self_join')::numeric
          - (pg_temp.plan_for(array['fifty'])->'estimates'->>'two_phase_single')::numeric,
    tagpage_plan_statement_cost()::numeric,
    '... self_join''s estimate carries what planning at the call costs');
select is((pg_temp.plan_for(array['fifty'])->>'rarest_count')::int, 50, 'rarest_count sums the needed partitions');

-- Matrix over (K, rarest, density) --------------------------------------------------------------
select is(pg_temp.plan_for(array['anime', 'fifty'])->>'strategy', 'two_phase_single',
    'K=2, rarest 50, dense partner -> tag-first (walk would need ~600K rows): two_phase_single, precompiled, for 50 candidates');
select is(pg_temp.plan_for(array['anime', 'ten_a'])->>'strategy', 'sort_first',
    'K=2, rarest 10 %, density ~7 % -> sort_first');
select ok((pg_temp.plan_for(array['anime', 'ten_a'])->>'walk_budget')::bigint > 0,
    'K=2 sort_first gets a walk budget (independence may overestimate the overlap)');
select is(pg_temp.plan_for(array['anime', 'ten_a'])->>'fallback', 'self_join',
    '... and the cheapest tag-first strategy as its fallback');
select is((pg_temp.plan_for(array['rare2000', 'thirty', 'anime'])->'estimates'->>'self_join')::numeric
          - (pg_temp.plan_for(array['rare2000', 'thirty', 'anime'])->'estimates'->>'two_phase_single')::numeric,
    tagpage_plan_statement_cost()::numeric,
    'K=3, a 2,000-row tag with dense partners: self_join probes the candidates like two_phase_single (their posting lists are longer), plus its planning');
select is(pg_temp.plan_for(array['five_a', 'five_b'])->>'strategy', 'self_join',
    'K=2, two 5 % tags, density ~0.25 % -> tag-first: self_join, whose join of 58K postings saves more than its planning');
select is(pg_temp.plan_for(array['ten_a', 'ten_b'])->>'strategy', 'sort_first',
    'K=2, two 10 % tags, density ~1 % -> sort_first, budgeted');
select is(pg_temp.plan_for(array['anime', 'thirty', 'ten_a'])->>'strategy', 'sort_first',
    'K=3 common tags, density ~2 % -> sort_first');
select is(pg_temp.plan_for(array['half_a', 'half_b', 'half_c', 'anime', 'rare2000'])->>'strategy', 'two_phase_single',
    'K=5 > small_k_threshold, rarest 2000 -> two_phase_single');
select is(pg_temp.plan_for(array['five_a', 'five_b', 'half_a', 'half_b'])->>'strategy', 'two_phase_dual',
    'K=4, two 5 % tags under two 50 % tags -> two_phase_dual (the pair intersection is the small seed)');
select is(pg_temp.plan_for(array['ten_a', 'ten_b'], 'any')->>'strategy', 'sort_first',
    'any of two 10 % tags (density ~19 %) -> sort_first with an ANY probe');
select is(pg_temp.plan_for(array['fifty', 'rare2000'], 'any')->>'strategy', 'any_union',
    'any of two rare tags -> any_union');
select is(pg_temp.plan_for(array['anime', 'fifty'], 'any')->>'strategy', 'sort_first',
    'any containing the most common tag -> sort_first');
-- how the 'any' walk probes a row: expected descents 1 + (1 - d_k) + ..., densest tag first
select is(pg_temp.plan_for(array['anime', 'fifty'], 'any')->>'any_probe', 'per_tag',
    'any with the most common tag: ~1.3 descents a row -> one descent per tag, densest first');
select is(pg_temp.plan_for(array['ten_a', 'ten_b'], 'any')->>'any_probe', 'filtered',
    'any of two 10 % tags: 1.9 descents a row -> one filtered descent');
select is(pg_temp.plan_for(array['ten_a', 'ten_b', 'five_a'], 'any')->>'any_probe', 'filtered',
    'any of three 5-10 % tags: ~2.7 descents a row -> one filtered descent');
select is(pg_temp.plan_for(array['half_a', 'half_b', 'half_c'], 'any')->>'any_probe', 'per_tag',
    'any of three 50 % tags: 1.75 descents a row, under tagpage_plan_any_filtered_descents() -> one descent per tag');
select is(pg_temp.plan_for(array['anime', 'thirty', 'ten_a', 'ten_b'], 'any')->>'any_probe', 'per_tag',
    'four tags with the most common: one descent per tag past the slots too, densest first');
select is(pg_temp.plan_for(array['thirty', 'ten_a', 'ten_b', 'five_a'], 'any')->>'any_probe', 'filtered',
    'four 5-30 % tags: ~2.9 descents a row -> one filtered descent');

-- a grid: dense partners (74 %) plus one tag of the given size, K = 1, 2, 4
create temp table grid (k int, rarest bigint, expect text);
insert into grid values (1, 50, 'tag-first'), (2, 50, 'tag-first'), (4, 50, 'tag-first'),
                        (1, 500000, 'sort_first'), (2, 500000, 'sort_first'), (4, 500000, 'sort_first');
do $$
begin
    perform pg_temp.tag('grid_' || r, r * 65 / 1165, r - r * 65 / 1165) from (values (50), (500000)) v(r);
    perform pg_temp.tag('dense_' || i, 48100, 814000) from generate_series(1, 3) i;
end;
$$;
select is(
    (select count(*)::int from grid g
      where (pg_temp.plan_for(array['grid_' || g.rarest]
                               || array(select 'dense_' || i from generate_series(1, g.k - 1) i))->>'strategy' = 'sort_first')
            <> (g.expect = 'sort_first')),
    0, 'grid (K in 1,2,4) x (rarest 50 / 500000, partners 74 %): tag-first for 50, sort_first for 500000');

-- Estimates are reported -------------------------------------------------------------------------
select ok(pg_temp.plan_for(array['anime', 'ten_a'])->'estimates' ?& array['sort_first', 'self_join', 'two_phase_single', 'group_having'],
    'the plan shows the estimates it compared');
select ok((pg_temp.plan_for(array['anime'])->'estimates'->>'sort_first')::numeric
          < (pg_temp.plan_for(array['anime'])->'estimates'->>'two_phase_single')::numeric,
    'for the dense tag the walk is estimated cheaper than the posting list');
select is(pg_temp.plan_for(array['anime', 'fifty'])->'tags'->>0,
    (select id::text from tags where name = 'planner-test:fifty'), 'tags are ordered rarest first');
select is(pg_temp.plan_for(array['anime', 'fifty'])->>'k', '2', 'k is reported');
select is(unified_content_plan()->>'strategy', 'no_tags', 'no tags -> no_tags');
select is(unified_content_plan(tags => '{}')->>'strategy', 'no_tags', 'empty tag array -> no_tags');

-- Missing statistics -------------------------------------------------------------------------------
select is((pg_temp.plan_for(array['nostats'])->>'rarest_count')::int, 2000,
    'a tag without statistics counts stats.fallback_default_count (1000) per partition');
update planner_config set value = '7' where key = 'stats.fallback_default_count';
select is((pg_temp.plan_for(array['nostats'])->>'rarest_count')::int, 14, 'the fallback count is the knob''s value');
update planner_config set value = '1000' where key = 'stats.fallback_default_count';
insert into users (id, username) values ('00000000-0000-0000-0000-00000000beef', 'planner-test');
insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at)
select g, 'items', 't', '00000000-0000-0000-0000-00000000beef', now(), now() from generate_series(900000001, 900000003) g;
delete from content_source_stats where content_source = 'items';
select is((pg_temp.plan_for(array['anime'])->'source_rows'->>'items')::int, 3,
    'no content_source_stats row and no ANALYZE yet (fresh database) -> an exact count');
insert into content_source_stats (content_source, total_rows) values ('items', 65000);

-- Source restriction -------------------------------------------------------------------------------
select is(pg_temp.plan_for(array['fifty'], 'all', array['community-regular'])->'sources', '["items"]'::jsonb,
    'community-regular reads only the items partition');
select is((pg_temp.plan_for(array['fifty'], 'all', array['community-regular'])->>'rarest_count')::int, 3,
    'and counts only that partition''s cardinality');
select is((pg_temp.plan_for(array['anime'], 'all', array['user-auto'])->'source_rows'->>'items')::int, 0,
    'user-auto does not count items rows');

-- A user-only scope walks the creator index: at most the viewer's own rows -----------------------------
select is(pg_temp.plan_for(array['anime', 'fifty'], 'all', array['user-regular', 'user-auto'])->>'strategy', 'sort_first',
    'user-only scope, the viewer has 3 rows: the walk reads at most those, cheaper than any posting list');
select is((pg_temp.plan_for(array['anime', 'fifty'], 'all', array['user-regular', 'user-auto'])->>'user_rows')::int, 3,
    '... and the plan says how many rows it counted');
select is(pg_temp.plan_for(array['anime', 'fifty'], 'all', array['community-regular', 'community-auto'])->>'strategy',
    'two_phase_single', 'the community scope walks the sort index: the same tags go tag-first');
insert into users (id, username) values ('00000000-0000-0000-0000-0000000beef2', 'planner-test-2');
insert into content_items_all (id, source_type, title, creator_id, created_at, updated_at)
select g, 'auto', 't', '00000000-0000-0000-0000-0000000beef2', now(), now()
  from generate_series(910000001, 910000000 + tagpage_plan_user_rows_cap()) g;
select is((select unified_content_plan(
              tags => (select array_agg(t.id) from tags t where t.name in ('planner-test:anime', 'planner-test:fifty')),
              user_id => '00000000-0000-0000-0000-0000000beef2', source_types => array['user-auto'])
           ->> 'strategy'), 'two_phase_single',
    'a viewer with tagpage_plan_user_rows_cap() rows or more: not counted further, the walk priced as before');

-- Knobs ------------------------------------------------------------------------------------------------
update planner_config set value = 'false' where key = 'enable_sort_first';
select is(pg_temp.plan_for(array['anime', 'ten_a'])->>'strategy', 'self_join', 'enable_sort_first = false is respected');
update planner_config set value = 'true' where key = 'enable_sort_first';
update planner_config set value = 'false' where key = 'enable_two_phase_single';
select is(pg_temp.plan_for(array['fifty'])->>'strategy', 'self_join', 'enable_two_phase_single = false -> self_join');
update planner_config set value = '0' where key = 'small_k_threshold';
select is(pg_temp.plan_for(array['fifty'])->>'strategy', 'group_having', '... and k > small_k_threshold -> no self_join');
update planner_config set value = '3' where key = 'small_k_threshold';
update planner_config set value = 'true' where key = 'enable_two_phase_single';
update planner_config set value = '10' where key = 'seed_candidate_cap';
select is(pg_temp.plan_for(array['fifty'])->>'strategy', 'group_having',
    'a seed above seed_candidate_cap switches strategy (group_having), it does not truncate');
update planner_config set value = '200000' where key = 'seed_candidate_cap';
update planner_config set value = 'false' where key in ('enable_self_join', 'enable_two_phase_single', 'enable_two_phase_dual');
select is(pg_temp.plan_for(array['five_a', 'five_b'])->>'strategy', 'sort_first',
    'group_having not eligible when the rarest tag is above group_having_rarest_ceiling');
update planner_config set value = '100000' where key = 'group_having_rarest_ceiling';
select is(pg_temp.plan_for(array['five_a', 'five_b'])->>'strategy', 'group_having',
    '... and chosen once the ceiling allows it');
update planner_config set value = '50000' where key = 'group_having_rarest_ceiling';
update planner_config set value = 'true' where key in ('enable_self_join', 'enable_two_phase_single', 'enable_two_phase_dual');
update planner_config set value = '5' where key = 'two_phase_min_k_for_dual_seed';
select isnt(pg_temp.plan_for(array['five_a', 'five_b', 'half_a', 'half_b'])->>'strategy', 'two_phase_dual',
    'k < two_phase_min_k_for_dual_seed -> no dual seed');
update planner_config set value = '4' where key = 'two_phase_min_k_for_dual_seed';
update planner_config set value = '100000' where key = 'two_phase_dual_seed_floor';
select isnt(pg_temp.plan_for(array['five_a', 'five_b', 'half_a', 'half_b'])->>'strategy', 'two_phase_dual',
    'rarest below two_phase_dual_seed_floor -> no dual seed');
update planner_config set value = '1000' where key = 'two_phase_dual_seed_floor';
update planner_config set value = 'false'
 where key in ('enable_sort_first', 'enable_self_join', 'enable_group_having', 'enable_two_phase_single',
               'enable_two_phase_dual', 'enable_any_union');
select is(pg_temp.plan_for(array['fifty'])->>'strategy', 'sort_first',
    'every strategy disabled -> sort_first, which serves every request');
select matches(pg_temp.plan_for(array['fifty'])->>'reason', 'disabled', '... and the reason says so');
update planner_config set value = 'true'
 where key in ('enable_sort_first', 'enable_self_join', 'enable_group_having', 'enable_two_phase_single',
               'enable_two_phase_dual', 'enable_any_union');
update planner_config set value = '1' where key = 'enable_any_union';
select is(pg_temp.plan_for(array['fifty', 'rare2000'], 'any')->>'strategy', 'any_union',
    'knobs are read as JSON (1 is not false)');
update planner_config set value = 'true' where key = 'enable_any_union';

-- The quick decision for one tag equals the full comparison -----------------------------------------------
-- tagpage_plan decides a one-tag walk before comparing every strategy; explained (p_explain) it
-- always compares them all. Over a grid of cardinalities around the walk/tag-first boundary, sources,
-- page sizes and disabled strategies, both must return the same choice.
create function pg_temp.quick_differs(p_req tagpage_request) returns boolean language plpgsql as $$
declare
    v_a tagpage_plan_choice := tagpage_plan(p_req);
    v_b tagpage_plan_choice := tagpage_plan(p_req, true);
begin
    return (v_a.strategy, v_a.tags, v_a.budget, v_a.fallback, v_a.work_mem_mb, v_a.seed_tags)
           is distinct from (v_b.strategy, v_b.tags, v_b.budget, v_b.fallback, v_b.work_mem_mb, v_b.seed_tags);
end;
$$;
create function pg_temp.quick_vs_full() returns bigint language plpgsql as $$
declare
    v_diff bigint := 0;
    v_req  tagpage_request;
    v_tag  uuid;
begin
    for v_tag in select t.id from tags t where t.name like 'planner-grid:%' loop
        for v_req in
            select (tagpage_request_build(array[v_tag], null, ps, '00000000-0000-0000-0000-00000000beef', src, m, 'created_at_desc')).*
              from unnest(array[1, 25, 500]) ps,
                   unnest(array['all', 'any']) m,
                   unnest(array[null, '{community-regular}', '{user-auto}', '{user-regular,community-auto}']::text[]) src_text,
                   lateral (select case when src_text is null then null else src_text::text[] end as src) s
        loop
            if pg_temp.quick_differs(v_req) then
                v_diff := v_diff + 1;
            end if;
        end loop;
    end loop;
    return v_diff;
end;
$$;
insert into tags (name)
select 'planner-grid:' || i || ':' || j from generate_series(0, 24) i, generate_series(0, 2) j;
insert into tag_cardinality_stats (tag_id, content_source, cardinality)
select t.id, s.source, s.n
  from tags t
  cross join lateral (select split_part(t.name, ':', 2)::integer as i, split_part(t.name, ':', 3)::integer as j) g
  cross join lateral (values ('items', case when g.j <> 2 then round(65000 * power(0.62, g.i))::bigint end),
                             ('auto', case when g.j <> 1 then round(1100000 * power(0.62, g.i))::bigint end)) s(source, n)
 where t.name like 'planner-grid:%' and s.n is not null;
select is(pg_temp.quick_vs_full(), 0::bigint,
    'one tag: the quick decision equals the full comparison (25 densities x 3 source splits x page sizes, sources, match)');
update planner_config set value = 'false' where key in ('enable_self_join', 'enable_two_phase_single');
select is(pg_temp.quick_vs_full(), 0::bigint, '... also with the cheapest tag-first strategies disabled');
update planner_config set value = 'true' where key in ('enable_self_join', 'enable_two_phase_single');
update planner_config set value = 'false' where key = 'enable_sort_first';
select is(pg_temp.quick_vs_full(), 0::bigint, '... and with the walk disabled');
update planner_config set value = 'true' where key = 'enable_sort_first';
update planner_config set value = '0' where key = 'seed_candidate_cap';
select is(pg_temp.quick_vs_full(), 0::bigint, '... and with every seed over the candidate cap');
update planner_config set value = '200000' where key = 'seed_candidate_cap';

-- tag_match 'any' with two or three tags: the quick decision equals the full comparison too, over
-- pairs and triples of the same grid (both partitions' densities, 13 x 13 pairs, page sizes, sources).
create function pg_temp.quick_vs_full_any() returns bigint language plpgsql as $$
declare
    v_diff bigint := 0;
    v_req  tagpage_request;
begin
    for v_req in
        select (tagpage_request_build(t.tags, null, ps, '00000000-0000-0000-0000-00000000beef', s.src, 'any', 'created_at_desc')).*
          from (select array[a.id, b.id] as tags
                  from tags a join tags b on a.name like 'planner-grid:%:0' and b.name like 'planner-grid:%:0'
                   and split_part(a.name, ':', 2)::integer % 2 = 0 and split_part(b.name, ':', 2)::integer % 2 = 0
                   and a.id <> b.id
                union all
                select array[a.id, b.id, c.id]
                  from tags a, tags b, tags c
                 where a.name = 'planner-grid:0:0' and b.name like 'planner-grid:%:1' and c.name like 'planner-grid:%:2'
                   and split_part(b.name, ':', 2)::integer % 3 = 0 and split_part(c.name, ':', 2)::integer % 3 = 0) t,
               unnest(array[1, 25, 500]) ps,
               unnest(array[null, '{community-regular}', '{user-regular,community-auto}']::text[]) src_text,
               lateral (select case when src_text is null then null else src_text::text[] end as src) s
    loop
        if pg_temp.quick_differs(v_req) then
            v_diff := v_diff + 1;
        end if;
    end loop;
    return v_diff;
end;
$$;
select is(pg_temp.quick_vs_full_any(), 0::bigint,
    'any of two or three tags: the quick decision equals the full comparison');
update planner_config set value = 'false' where key = 'enable_any_union';
select is(pg_temp.quick_vs_full_any(), 0::bigint, '... also with any_union disabled');
update planner_config set value = 'true' where key = 'enable_any_union';
select isnt((select count(*) from (select (tagpage_plan(tagpage_request_build(array[a.id, b.id], null, 25, null, null, 'any', 'created_at_desc'))).strategy
                                     from tags a join tags b on a.name = 'planner-grid:0:0' and b.name = 'planner-grid:2:0') x
             where x.strategy = 'sort_first'), 0::bigint, 'the grid reaches the quick any decision (two dense tags walk)');

-- Forcing ------------------------------------------------------------------------------------------------
set local tagpage.force_strategy = 'two_phase_dual';
select is(pg_temp.plan_for(array['anime'])->>'strategy', 'two_phase_dual', 'a forced strategy overrides the estimates');
select is(pg_temp.plan_for(array['anime'])->>'reason', 'forced by tagpage.force_strategy', '... and says so');
reset tagpage.force_strategy;
select is(pg_temp.plan_for(array['anime'])->>'strategy', 'sort_first', 'after RESET the planner decides again');

-- The knobs the planners read are planner_config as one object, rewritten by every statement that
-- writes planner_config (insert, update, delete, truncate), in the writing transaction.
create temp view knobs_now as
    select (select knobs from planner_config_snapshot) as snapshot,
           (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from planner_config) as table_now;
select is((select snapshot from knobs_now), (select table_now from knobs_now), 'the knob snapshot is planner_config');
update planner_config set value = '7' where key = 'small_k_threshold';
select is((select snapshot->'small_k_threshold' from knobs_now), '7'::jsonb, '... after an update');
insert into planner_config (key, value) values ('planner_test.extra', '"x"');
select is((select snapshot from knobs_now), (select table_now from knobs_now), '... after an insert');
delete from planner_config where key = 'planner_test.extra';
select is((select snapshot from knobs_now), (select table_now from knobs_now), '... after a delete');
update planner_config set value = '3' where key = 'small_k_threshold';
select is((select count(*) from planner_config_snapshot), 1::bigint, 'one snapshot row');

-- A planner_config without a knob ---------------------------------------------------------------------------
-- The planners never substitute a default of their own: a knob missing from planner_config is an
-- error naming what is there, for the tag-filter planner and the tag-query planner alike.
delete from planner_config where key = 'seed_candidate_cap';
select throws_like($$select pg_temp.plan_for(array['anime'])$$,
    'planner_config: a planner knob is missing (have: %', 'a missing knob raises');
select throws_ok($$select pg_temp.plan_for(array['anime'])$$, '55000', null, '... as object_not_in_prerequisite_state');
select throws_ok($$select unified_content_plan(tag_query => 'planner-test:anime -planner-test:thirty',
                                                user_id => '00000000-0000-0000-0000-00000000beef')$$,
    '55000', null, '... also for a tag query');
truncate planner_config;
select is((select knobs from planner_config_snapshot), '{}'::jsonb, 'a truncated planner_config leaves no knob');

select * from finish();
ROLLBACK;
