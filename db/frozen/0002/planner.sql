-- The planner: picks one exact strategy per request from our own statistics
-- (tag_cardinality_stats, content_source_stats) and the knobs in planner_config.
--
-- Cost model (unit ~ one content row visited with its heap fetch; docs/performance.md):
--   N_s    rows of partition s (content_source_stats, else pg_class.reltuples, else count(*))
--   c_ts   rows of s carrying tag t (tag_cardinality_stats, else stats.fallback_default_count)
--   p_ts   = c_ts / N_s;  d_t = c_t / N  (over the partitions the request reads)
--   matches   'all': sum_s N_s * prod_t p_ts      'any': sum_s N_s * (1 - prod_t (1 - p_ts))
--   sort_first      walk * (1 + probes), walk = min(N, N * (page_size + 1) / matches'),
--                   matches' = matches / 4 for 'all' with k >= 2 (independence overestimates
--                   the overlap of correlated-away tags; the walk is what that error costs),
--                   probes = 1 + d_1 + d_1 d_2 + ... (fenced EXISTS, rarest first) or
--                   1 + (k - 1) / 2 for one ANY probe
--   self_join, two_phase_single   0.1 c_1 + c_1 (d_2 + d_2 d_3 + ...) + 2 matches
--   two_phase_dual  0.3 (c_1 + c_2) + i_12 (1 + d_3 + ...) + 2 matches, i_12 the estimated overlap
--   group_having, any_union       0.3 sum_t c_t + 2 matches
-- Eligibility (besides enable_* and what a strategy can serve): self_join needs
-- k <= small_k_threshold; group_having needs c_1 <= group_having_rarest_ceiling; two_phase_dual
-- needs k >= two_phase_min_k_for_dual_seed and c_1 >= two_phase_dual_seed_floor; seeded
-- strategies need their seed (c_1, or i_12 for dual) <= seed_candidate_cap. The cheapest
-- eligible strategy wins (ties: the order of tagpage_strategies()). When sort_first wins for 'all'
-- with k >= 2 it gets a walk budget: the rows it may walk for the cost of the cheapest
-- eligible tag-first strategy, which takes over if the walk is cut (disjoint tags).

-- All strategy names, in tie-break order.
create or replace function tagpage_strategies()
    returns text[]
    immutable
    language sql
    set search_path = public, pg_temp
as $$
    select array['no_tags', 'sort_first', 'self_join', 'two_phase_single', 'two_phase_dual',
                 'any_union', 'group_having']
$$;

-- Rows of one partition: statistics row, else the catalog estimate, else an exact count.
create or replace function tagpage_source_rows(
    p_source text
)
    returns bigint
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_rows bigint;
begin
    -- The planner must stay cheap: count(*) only when neither statistics nor ANALYZE ran.
    select s.total_rows into v_rows from content_source_stats s where s.content_source = p_source;
    if v_rows is not null then
        return v_rows;
    end if;
    select case when c.reltuples >= 0 then c.reltuples::bigint end into v_rows
      from pg_class c
     where c.oid = case p_source when 'items' then 'content_items'::regclass
                                 else 'content_items_auto'::regclass end;
    if v_rows is null then
        execute format('select count(*) from content_items_all where source_type = %L', p_source)
           into v_rows;
    end if;
    return v_rows;
end;
$$;

-- The planner's decision for a normalized request, as jsonb.
create or replace function tagpage_plan(
    p_tags          uuid[],
    p_items_scope   text,
    p_auto_scope    text,
    p_tag_match     text,
    p_page_size     integer
)
    returns jsonb
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_knobs         jsonb;
    v_forced        text;
    v_k             integer := coalesce(cardinality(p_tags), 0);
    v_match         text := case when coalesce(cardinality(p_tags), 0) <= 1 then 'all' else p_tag_match end;
    v_sources       text[];
    v_fallback      numeric;
    v_n_items       numeric := 0;
    v_n_auto        numeric := 0;
    v_n             numeric;
    v_tags          uuid[];
    v_c             numeric[];
    v_ci            numeric[];
    v_ca            numeric[];
    v_prod_i        numeric := 1;
    v_prod_a        numeric := 1;
    v_none_i        numeric := 1;
    v_none_a        numeric := 1;
    v_matches       numeric;
    v_walk_matches  numeric;
    v_walk          numeric;
    v_probes        numeric := 0;
    v_chain         numeric := 1;
    v_rest2         numeric := 0;
    v_rest3         numeric := 0;
    v_inter         numeric := 0;
    v_costs         jsonb := '{}';
    v_eligible      text[] := '{}';
    v_serves        text[] := '{}';
    v_name          text;
    v_best          text;
    v_best_tf       text;
    v_any_tf        text;
    v_budget        bigint;
    v_reason        text;
    v_plan          jsonb;
begin
    -- Reads a handful of rows (knobs, two source counts, 2k stats rows) and does arithmetic;
    -- it never touches content. The result names the strategy and shows the estimates compared.
    select coalesce(jsonb_object_agg(key, value), '{}') into v_knobs from planner_config;
    v_forced := nullif(current_setting('tagpage.force_strategy', true), '');
    if v_forced is not null and v_forced <> all (tagpage_strategies()) then
        raise exception 'tagpage.force_strategy: unknown strategy "%"', v_forced
            using errcode = '22023', hint = array_to_string(tagpage_strategies(), ', ');
    end if;
    v_sources := array_remove(array[case when p_items_scope is not null then 'items' end,
                                    case when p_auto_scope is not null then 'auto' end], null);

    if v_k = 0 then
        if v_forced is not null and v_forced <> 'no_tags' then
            raise exception 'tagpage.force_strategy: % cannot serve a request without tags', v_forced
                using errcode = '22023';
        end if;
        return jsonb_build_object('strategy', 'no_tags', 'k', 0, 'rarest_count', null,
                                  'tags', '[]'::jsonb, 'sources', to_jsonb(v_sources),
                                  'estimates', '{}'::jsonb,
                                  'reason', case when v_forced is null then 'no tag filter'
                                                 else 'forced by tagpage.force_strategy' end);
    end if;

    v_fallback := coalesce((v_knobs->>'stats.fallback_default_count')::numeric, 1000);
    if 'items' = any(v_sources) then v_n_items := tagpage_source_rows('items'); end if;
    if 'auto' = any(v_sources) then v_n_auto := tagpage_source_rows('auto'); end if;
    v_n := v_n_items + v_n_auto;

    -- Per tag and partition: cardinality, capped by the partition size; rarest first.
    select array_agg(x.tag order by x.ci + x.ca, x.tag),
           array_agg(x.ci + x.ca order by x.ci + x.ca, x.tag),
           array_agg(x.ci order by x.ci + x.ca, x.tag),
           array_agg(x.ca order by x.ci + x.ca, x.tag)
      into v_tags, v_c, v_ci, v_ca
      from (select t.tag,
                   least(v_n_items, case when v_n_items > 0 then coalesce(s.ci, v_fallback) else 0 end) as ci,
                   least(v_n_auto, case when v_n_auto > 0 then coalesce(s.ca, v_fallback) else 0 end) as ca
              from unnest(p_tags) as t(tag)
              left join lateral (
                    select max(s.cardinality) filter (where s.content_source = 'items') as ci,
                           max(s.cardinality) filter (where s.content_source = 'auto') as ca
                      from tag_cardinality_stats s
                     where s.tag_id = t.tag) s on true
            offset 0) x;  -- fence: ci/ca are used by four aggregates, read them once per tag

    for i in 1 .. v_k loop
        if v_n_items > 0 then
            v_prod_i := v_prod_i * v_ci[i] / v_n_items;
            v_none_i := v_none_i * (1 - v_ci[i] / v_n_items);
        end if;
        if v_n_auto > 0 then
            v_prod_a := v_prod_a * v_ca[i] / v_n_auto;
            v_none_a := v_none_a * (1 - v_ca[i] / v_n_auto);
        end if;
        -- expected fenced probes per walked row: the i-th probe runs when the first i-1 matched
        v_probes := v_probes + v_chain;
        v_chain := v_chain * coalesce(v_c[i] / nullif(v_n, 0), 0);
    end loop;
    -- probes per seed row after a one-tag seed (tags 2..k) and after a two-tag seed (3..k)
    v_chain := 1;
    for i in 2 .. v_k loop
        v_rest2 := v_rest2 + v_chain;
        v_chain := v_chain * coalesce(v_c[i] / nullif(v_n, 0), 0);
    end loop;
    v_chain := 1;
    for i in 3 .. v_k loop
        v_rest3 := v_rest3 + v_chain;
        v_chain := v_chain * coalesce(v_c[i] / nullif(v_n, 0), 0);
    end loop;
    if v_k >= 2 then
        v_inter := case when v_n_items > 0 then v_ci[1] * v_ci[2] / v_n_items else 0 end
                 + case when v_n_auto > 0 then v_ca[1] * v_ca[2] / v_n_auto else 0 end;
    end if;

    v_matches := case when v_match = 'all'
                      then (case when v_n_items > 0 then v_n_items * v_prod_i else 0 end)
                         + (case when v_n_auto > 0 then v_n_auto * v_prod_a else 0 end)
                      else (case when v_n_items > 0 then v_n_items * (1 - v_none_i) else 0 end)
                         + (case when v_n_auto > 0 then v_n_auto * (1 - v_none_a) else 0 end) end;
    v_walk_matches := case when v_match = 'all' and v_k >= 2 then v_matches / 4 else v_matches end;
    v_walk := case when v_walk_matches <= 0 then v_n
                   else least(v_n, v_n * (p_page_size + 1) / v_walk_matches) end;
    if v_match = 'any' then
        v_probes := 1 + (v_k - 1) / 2.0;
    end if;

    -- What can serve the request, and at what estimated cost.
    v_serves := array['sort_first', 'group_having']
             || case when v_match = 'all' then array['self_join', 'two_phase_single', 'two_phase_dual'] else '{}' end
             || case when p_tag_match = 'any' or v_k = 1 then array['any_union'] else '{}' end;
    v_costs := jsonb_strip_nulls(jsonb_build_object(
        'sort_first', round(v_walk * (1 + v_probes), 1),
        'self_join', case when 'self_join' = any(v_serves)
                          then round(0.1 * v_c[1] + v_c[1] * v_rest2 + 2 * v_matches, 1) end,
        'two_phase_single', case when 'two_phase_single' = any(v_serves)
                                 then round(0.1 * v_c[1] + v_c[1] * v_rest2 + 2 * v_matches, 1) end,
        'two_phase_dual', case when 'two_phase_dual' = any(v_serves)
                               then round(0.3 * (v_c[1] + v_c[2]) + v_inter * v_rest3 + 2 * v_matches, 1) end,
        'group_having', round(0.3 * (select sum(c) from unnest(v_c) c) + 2 * v_matches, 1),
        'any_union', case when 'any_union' = any(v_serves)
                          then round(0.3 * (select sum(c) from unnest(v_c) c) + 2 * v_matches, 1) end));

    foreach v_name in array tagpage_strategies() loop
        continue when not (v_name = any(v_serves));
        continue when coalesce((v_knobs->>('enable_' || v_name))::boolean, true) is false;
        continue when v_name = 'any_union' and p_tag_match <> 'any';  -- served when forced (k = 1)
        -- The walk's fallback may be any enabled tag-first strategy that serves the request: the
        -- ceilings and caps below pick a first plan, they must not leave a walk unbounded.
        if v_name <> 'sort_first' and v_costs ? v_name
           and (v_any_tf is null or (v_costs->>v_name)::numeric < (v_costs->>v_any_tf)::numeric) then
            v_any_tf := v_name;
        end if;
        continue when v_name = 'self_join'
            and v_k > coalesce((v_knobs->>'small_k_threshold')::integer, 3);
        continue when v_name = 'group_having'
            and v_c[1] > coalesce((v_knobs->>'group_having_rarest_ceiling')::numeric, 50000);
        continue when v_name = 'two_phase_dual'
            and (v_k < 2 or v_k < coalesce((v_knobs->>'two_phase_min_k_for_dual_seed')::integer, 4)
                 or v_c[1] < coalesce((v_knobs->>'two_phase_dual_seed_floor')::numeric, 1000));
        continue when v_name in ('self_join', 'two_phase_single')
            and v_c[1] > coalesce((v_knobs->>'seed_candidate_cap')::numeric, 200000);
        continue when v_name = 'two_phase_dual'
            and v_inter > coalesce((v_knobs->>'seed_candidate_cap')::numeric, 200000);
        v_eligible := v_eligible || v_name;
        if v_best is null or (v_costs->>v_name)::numeric < (v_costs->>v_best)::numeric then
            v_best := v_name;
        end if;
        if v_name <> 'sort_first'
           and (v_best_tf is null or (v_costs->>v_name)::numeric < (v_costs->>v_best_tf)::numeric) then
            v_best_tf := v_name;
        end if;
    end loop;
    v_best_tf := coalesce(v_best_tf, v_any_tf);

    if v_forced is not null then
        if not (v_forced = any(v_serves)) then
            raise exception 'tagpage.force_strategy: % cannot serve this request (k = %, tag_match = %)',
                v_forced, v_k, p_tag_match using errcode = '22023';
        end if;
        v_best := v_forced;
        v_reason := 'forced by tagpage.force_strategy';
    elsif v_best is null then
        v_best := 'sort_first';
        v_reason := 'no eligible strategy (all disabled); sort_first serves every request';
    else
        v_reason := format('%s has the cheapest eligible estimate (%s)', v_best, v_costs->>v_best);
        if v_best = 'sort_first' and v_match = 'all' and v_k >= 2 and v_best_tf is not null then
            -- Cut the walk where it would have cost what the best tag-first plan costs.
            v_budget := greatest(ceil((v_costs->>v_best_tf)::numeric / (1 + v_probes)), p_page_size + 1);
            v_reason := v_reason || format('; walk budget %s rows, then %s', v_budget, v_best_tf);
        end if;
    end if;

    v_plan := jsonb_build_object(
        'strategy', v_best,
        'k', v_k,
        'rarest_count', v_c[1],
        'tag_match', v_match,
        'tags', to_jsonb(v_tags),
        'cardinalities', to_jsonb(v_c),
        'sources', to_jsonb(v_sources),
        'source_rows', jsonb_build_object('items', v_n_items, 'auto', v_n_auto),
        'matches_estimate', round(v_matches, 1),
        'walk_rows_estimate', round(v_walk, 1),
        'estimates', v_costs,
        'eligible', to_jsonb(v_eligible),
        'walk_budget', v_budget,
        'fallback', case when v_budget is not null then v_best_tf end,
        'reason', v_reason);
    if random() < coalesce((v_knobs->>'telemetry.sample_rate')::float8, 0) then
        raise log 'tagpage plan: %', v_plan;
    end if;
    return v_plan;
end;
$$;

-- The planner's decision for a request, without running it.
create or replace function unified_content_plan(
    tags         uuid[]  default null,
    cursor       text    default null,
    page_size    integer default 25,
    user_id      uuid    default null,
    source_types text[]  default null,
    tag_match    text    default 'all',
    sort         text    default 'created_at_desc'
)
    returns jsonb
    stable
    language plpgsql
    set search_path = public, pg_temp
    set plan_cache_mode = force_generic_plan
as $$
declare
    v_req       record;
    v_sort      text := coalesce($7, 'created_at_desc');
    v_tag_match text := coalesce($6, 'all');
    v_page_size integer := coalesce($3, 25);
begin
    -- Validates exactly like unified_content_page (same errors), then asks the planner.
    -- Generic plans for the planner's lookups, as in unified_content_page.
    select * into v_req from tagpage_request_normalize($1, v_page_size, $4, $5, v_tag_match, v_sort);
    if $2 is not null then
        perform tagpage_cursor_decode($2, v_sort);
    end if;
    return tagpage_plan(v_req.tags, v_req.items_scope, v_req.auto_scope, v_tag_match, v_page_size);
end;
$$;
