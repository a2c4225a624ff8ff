-- The planner for a boolean tag filter (tagpage_request.expr: a tag query, AND-ed with the
-- request's tags). Two exact strategies serve every such filter:
--   sort_first        walk in sort order, the whole expression evaluated per row with fenced
--                     probes (the only choice for a purely negative query such as -nsfw);
--   two_phase_single  a tag-first seed from the cheapest positive conjunct of the top-level AND
--                     (one tag's posting list, or the union of an OR group's lists), then the
--                     whole expression checked per candidate, then the page in keyset order;
-- and, as for plain tags, a walk with a budget whose tag-first fallback takes over when the
-- walk is cut. Estimates: densities per partition from tagpage_tag_query_density (tags
-- independent: AND multiplies, OR is 1 - prod(1 - p), NOT is 1 - p), the same units as
-- planner.sql:
--   sort_first        walk * (1 + probes), walk = min(N, N * (page_size + 1) / matches'),
--                     matches' = matches / 4 when the top-level AND has two or more positive
--                     conjuncts (positive tags correlate away from each other; a negation's
--                     error goes both ways), probes = the probe groups of the top-level AND,
--                     about half of them run per row (of an OR: half its k leaves), plus
--                     what planning the statement at the call costs (tagpage_plan_statement_cost);
--                     a filter over at most tagpage_static_query_tags() tags walks precompiled
--                     instead: probes = k (each of its tags is probed), nothing planned
--   two_phase_single  seed + seed * probes + 2 matches, seed = the conjunct's postings (each
--                     candidate is de-duplicated, fetched and probed: a walked row's cost), plus
--                     its planning
--   bitmap            as in planner.sql: the filter evaluated once on the count bitmaps, then a
--                     walk with no probes or the listed matches, read from the bits or from the
--                     seed's postings (one get_bit each instead of two_phase_single's probes);
--                     the walk's fallback too when it is cheaper than the seed, so a filter
--                     without a positive conjunct (no seed) is still cut when its matches turn
--                     out rarer than estimated

-- The planner's decision for a request with a boolean tag filter.
create or replace function tagpage_plan_query(
    p_req       tagpage_request,
    p_forced    text,
    p_explain   boolean
)
    returns tagpage_plan_choice
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_choice    tagpage_plan_choice;
    v_in        record;
    v_o         jsonb;
    v_n_i       float8;
    v_n_a       float8;
    v_n         float8;
    v_words     float8;
    v_user_rows float8;
    v_ci        float8[];
    v_ca        float8[];
    v_op        text := p_req.expr ->> 'op';
    v_conj      jsonb;
    v_matches   float8;
    v_walk      float8;
    v_probes    float8;
    v_seed      integer[];
    v_seed_size float8;
    v_size      float8;
    v_cand      integer[];
    v_positive  integer := 0;
    v_cost_walk float8;
    v_static    boolean := tagpage_static_serves(p_req, 'sort_first');
    v_walk_probes float8;
    v_cost_seed float8;
    v_cost_bits float8;
    v_tf        text;
    v_cost_tf   float8;
    v_reason    text;
begin
    -- Reads the knobs, two partition sizes and 2k statistics rows (tagpage_plan_inputs); never
    -- touches content. A constant-false filter needs no estimate: its statement folds away.
    v_in := tagpage_plan_inputs(p_req, false);  -- an expression: no statement around the call
    v_o := v_in.knobs;
    v_n_i := v_in.n_items;
    v_n_a := v_in.n_auto;
    v_words := v_in.bitmap_words;
    v_user_rows := v_in.user_rows;
    v_ci := v_in.ci;
    v_ca := v_in.ca;
    v_n := v_n_i + v_n_a;

    v_matches := case when v_n_i > 0 then v_n_i * tagpage_tag_query_density(p_req.expr,
                          array(select c / v_n_i from unnest(v_ci) c)) else 0 end
               + case when v_n_a > 0 then v_n_a * tagpage_tag_query_density(p_req.expr,
                          array(select c / v_n_a from unnest(v_ca) c)) else 0 end;
    -- Positive conjuncts of the top-level AND (the filter itself when it is no AND): a tag, or
    -- an OR of tags. Each may seed (the smallest posting list, or union, wins); two or more
    -- mean the walk's correlation discount.
    for v_conj in select a from jsonb_array_elements(case when v_op = 'and' then p_req.expr -> 'args'
                                                          else jsonb_build_array(p_req.expr) end) a loop
        v_cand := case
            when v_conj ->> 'op' = 'tag' then array[(v_conj ->> 'i')::integer]
            when v_conj ->> 'op' = 'or'
                 and not exists (select 1 from jsonb_array_elements(v_conj -> 'args') x where x ->> 'op' <> 'tag')
                then array(select (x ->> 'i')::integer from jsonb_array_elements(v_conj -> 'args') x)
        end;
        continue when v_cand is null;
        v_positive := v_positive + 1;
        v_size := (select sum(v_ci[i] + v_ca[i]) from unnest(v_cand) i);
        if v_seed is null or v_size < v_seed_size then
            v_seed := v_cand;
            v_seed_size := v_size;
        end if;
    end loop;

    v_walk := v_matches / case when v_positive >= 2 then 4 else 1 end;
    v_walk := least(case when v_walk <= 0 then v_n else least(v_n, v_n * p_req.fetch_rows / v_walk) end,
                    v_user_rows);  -- a user-only scope walks at most the viewer's rows (planner.sql)
    -- An OR (or a lone leaf) evaluates its leaves until one holds: about half of them per row,
    -- as for tag_match 'any' in planner.sql.
    v_probes := case when v_op = 'and' then (1 + jsonb_array_length(p_req.expr -> 'args')) / 2.0
                     else 1 + (p_req.k - 1) / 2.0 end;
    -- A precompiled walk probes every tag of the filter per row and is not planned; the
    -- statements planned at the call carry their planning.
    v_walk_probes := case when v_static then p_req.k else v_probes end;
    v_cost_walk := case when v_op = 'false' then 0
                        else v_walk * (1 + v_walk_probes)
                             + case when v_static then 0 else tagpage_plan_statement_cost() end end;
    if v_seed is not null then
        v_cost_seed := v_seed_size + v_seed_size * v_probes + 2 * v_matches + tagpage_plan_statement_cost();
    end if;
    v_cost_bits := tagpage_plan_bitmap_cost(v_words, p_req.k, v_walk, v_matches, v_seed_size);
    -- The cheapest strategy other than the walk: the seeded one, or the bitmap.
    if v_seed is not null and coalesce(v_o->'enable_two_phase_single' <> 'false'::jsonb, true)
       and v_seed_size <= (v_o->>'seed_candidate_cap')::float8 then
        v_tf := 'two_phase_single';
        v_cost_tf := v_cost_seed;
    end if;
    if v_cost_bits is not null and coalesce(v_o->'enable_bitmap' <> 'false'::jsonb, true)
       and (v_tf is null or v_cost_bits < v_cost_tf) then
        v_tf := 'bitmap';
        v_cost_tf := v_cost_bits;
    end if;

    v_choice.tags := p_req.tags;
    v_choice.work_mem_mb := (v_o->>'max_work_mem_mb')::integer;
    if p_forced is not null then
        if p_forced not in ('sort_first', 'bitmap') and not (p_forced = 'two_phase_single' and v_seed is not null) then
            raise exception 'tagpage.force_strategy: % cannot serve this tag query (sort_first, bitmap%)', p_forced,
                case when v_seed is not null then ', two_phase_single' else '' end using errcode = '22023';
        end if;
        v_choice.strategy := p_forced;
        v_reason := 'forced by tagpage.force_strategy';
    elsif v_op = 'false' then
        v_choice.strategy := 'sort_first';
        v_reason := 'the tag filter matches no row: nothing is read';
    elsif cardinality(p_req.sources) = 0 then
        -- user-* words without a user: no partition is read, and a budgeted walk would still
        -- run its count and a fallback for an empty page.
        v_choice.strategy := 'sort_first';
        v_reason := 'the request reads no partition: nothing is read';
    elsif v_tf is not null
          and (v_cost_tf < v_cost_walk or coalesce(v_o->'enable_sort_first' = 'false'::jsonb, false)) then
        v_choice.strategy := v_tf;
        v_reason := format('%s has the cheapest estimate (%s)', v_tf, round(v_cost_tf::numeric, 1));
    else
        v_choice.strategy := 'sort_first';
        v_reason := format('sort_first has the cheapest estimate (%s)', round(v_cost_walk::numeric, 1));
        if v_tf = 'bitmap' or (v_tf is not null and v_op = 'and') then
            -- Cut the walk where it would have cost what the other plan costs.
            v_choice.budget := greatest(ceil(v_cost_tf / (1 + v_walk_probes)), p_req.fetch_rows);
            v_choice.fallback := v_tf;
            v_reason := v_reason || format('; walk budget %s rows, then %s', v_choice.budget, v_tf);
        end if;
    end if;
    -- The seed serves two_phase_single, and the bitmap strategy's list when its postings are
    -- fewer to read than the bitmaps' bits.
    if v_seed is not null and (v_choice.strategy in ('two_phase_single', 'bitmap')
                               or v_choice.fallback in ('two_phase_single', 'bitmap')) then
        v_choice.seed_tags := array(select p_req.tags[i] from unnest(v_seed) i);
    end if;

    if p_explain then
        v_choice.detail := jsonb_build_object(
            'strategy', v_choice.strategy,
            'k', p_req.k,
            'tags', to_jsonb(p_req.tags),
            'expr', p_req.expr,
            'cardinalities', to_jsonb(array(select v_ci[i] + v_ca[i] from generate_subscripts(v_ci, 1) i)),
            'sources', to_jsonb(p_req.sources),
            'source_rows', jsonb_build_object('items', v_n_i, 'auto', v_n_a),
            'matches_estimate', round(v_matches::numeric, 1),
            'walk_rows_estimate', round(v_walk::numeric, 1),
            'seed', to_jsonb(v_choice.seed_tags),
            'seed_rows_estimate', v_seed_size,
            'estimates', jsonb_strip_nulls(jsonb_build_object(
                'sort_first', round(v_cost_walk::numeric, 1),
                'two_phase_single', round(v_cost_seed::numeric, 1),
                'bitmap', round(v_cost_bits::numeric, 1))),
            'walk_budget', v_choice.budget,
            'fallback', v_choice.fallback,
            'reason', v_reason);
    end if;
    return v_choice;
end;
$$;
