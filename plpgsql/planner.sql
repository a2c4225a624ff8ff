-- The planner: picks one exact strategy per request from our own statistics
-- (tag_cardinality_stats, content_source_stats) and the knobs in planner_config.
--
-- Cost model (unit ~ one content row visited with its heap fetch; docs/performance.md):
--   N_s    rows of partition s (content_source_stats, else pg_class.reltuples, else count(*))
--   c_ts   rows of s carrying tag t (tag_cardinality_stats, else stats.fallback_default_count)
--   p_ts   = c_ts / N_s;  d_t = c_t / N  (over the partitions the request reads)
--   matches   'all': sum_s N_s * prod_t p_ts      'any': sum_s N_s * (1 - prod_t (1 - p_ts))
--   sort_first      walk * (1 + probes), walk = min(N, N * (page_size + 1) / matches', U),
--                   matches' = matches / 4 for 'all' with k >= 2 (independence overestimates
--                   the overlap of correlated-away tags; the walk is what that error costs),
--                   U the viewer's own rows when only they are read (user-* sources: the walk
--                   reads the creator index), counted up to tagpage_plan_user_rows_cap(),
--                   probes = 1 + d_1 + d_1 d_2 + ... (fenced EXISTS, rarest first) or
--                   1 + (k - 1) / 2 for one ANY probe
--   two_phase_single  0.1 c_1 + p c_1 r + 2 matches, r = 1 + d_2 + d_2 d_3 + ... for k >= 2 (the
--                   fenced probes per candidate; 0 for one tag), p = tagpage_plan_seed_probe_cost()
--   self_join         0.1 c_1 + sum_{t >= 2} min(p c_1 d_2 ... d_t-1, 0.1 c_t) + 2 matches: planned
--                   per call with the values, PostgreSQL probes each later tag for the
--                   candidates left, or reads its whole posting list when that is shorter
--                   (zipf 1, three medium tags: a join in 1.9 ms against two_phase_single's
--                   probes in 4.4 ms; a medium tag with partners on 20 and 74 % of the rows:
--                   3,000 probes in 12.6 ms, where half the probes' price had sent it there
--                   over the bitmap's 4.7 ms). Replayed on zipf 1's forced timings, the choice's
--                   regret max 2.70 -> 1.93x and 2.39 -> 1.84x in two runs, genonaut unchanged
--   two_phase_dual  0.3 (c_1 + c_2) + i_12 (1 + d_3 + ...) + 2 matches, i_12 the estimated overlap
--   group_having, any_union       0.3 sum_t c_t + 2 matches
--   + 250 (tagpage_plan_statement_cost) for each of these whose statement has no precompiled
--                   shape for the request (tagpage_static_serves): it is planned at every call
--                   (~0.5 ms of backend CPU, measured against the precompiled statement of the
--                   same index work), so a precompiled strategy wins a tie and a planned one must
--                   save more than its planning
--   bitmap          W (k + 2) / 50 + min(walk, W / 20 + 2 matches, 0.15 seed + 2 matches) + 750,
--                   W the 64-bit words of the count bitmaps of the partitions read
--                   (strategies/bitmap.sql): the filter evaluated on k bitmaps and the logged
--                   rows, then a walk with no probes, or the matches listed from the bitmap or
--                   from a seed's postings (a tag query's positive conjunct; the tags planner
--                   passes none); only when every partition read has bitmaps. Fitted on
--                   genonaut 0.1 and 1 against the walk's estimates, the seed's term and the
--                   constant (a statement planned per call, ~1 ms) on zipf 1 and genonaut 0.1
--                   regret (docs/performance.md, "The bitmap strategy"). Listing from the bits
--                   skips empty 4,096-bit chunks: W / 20, from zipf 1's regret (priced at W, the
--                   list lost to tag-first plans that took 2-5x its time). The constant was
--                   500 until the walks over more than three tags were precompiled: genonaut
--                   0.1's walks over four to nine tags then ran 1.3-1.9x faster than the bitmap
--                   chosen at estimates 5-15 % apart; replayed on its forced timings, 750 took
--                   the choice's p95 / max regret from 1.42 / 1.87x to 1.22 / 1.52x, and zipf 1's
--                   choices stay the same up to 800 (at 850 one flips to a 2.6x slower plan)
-- Eligibility (besides enable_* and what a strategy can serve): self_join needs
-- k <= small_k_threshold; group_having needs c_1 <= group_having_rarest_ceiling; two_phase_dual
-- needs k >= two_phase_min_k_for_dual_seed and c_1 >= two_phase_dual_seed_floor; seeded
-- strategies need their seed (c_1, or i_12 for dual) <= seed_candidate_cap. The cheapest
-- eligible strategy wins (ties: the order of tagpage_strategies()). When sort_first wins for 'all'
-- with k >= 2 it gets a walk budget: the rows it may walk for the cost of the cheapest
-- eligible tag-first strategy, which takes over if the walk is cut (disjoint tags).
--
-- The decision is made in float8 arithmetic on a handful of rows; the jsonb explanation is
-- built only when asked for (unified_content_plan, tagpage explain), never on the page path.

-- All strategy names, in tie-break order.
create or replace function tagpage_strategies()
    returns text[]
    immutable
    language sql
    set search_path = public, pg_temp
as $$
    select array['no_tags', 'sort_first', 'self_join', 'two_phase_single', 'two_phase_dual',
                 'any_union', 'group_having', 'bitmap']
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

-- The strategy forced by the session setting tagpage.force_strategy, if any (checked).
create or replace function tagpage_forced_strategy()
    returns text
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_forced text := nullif(current_setting('tagpage.force_strategy', true), '');
begin
    -- A session setting, read at each call: behind a transaction pooler it is simply absent
    -- on a server connection that never saw the SET, and the planner decides.
    if v_forced is not null and v_forced <> all (tagpage_strategies()) then
        raise exception 'tagpage.force_strategy: unknown strategy "%"', v_forced
            using errcode = '22023', hint = array_to_string(tagpage_strategies(), ', ');
    end if;
    return v_forced;
end;
$$;

-- The bitmap strategy's estimate (cost model above), one definition for both planners and the
-- quick one-tag decision; NULL when the partitions read have no bitmaps (p_words NULL).
create or replace function tagpage_plan_bitmap_cost(
    p_words     float8,
    p_k         integer,
    p_walk      float8,
    p_matches   float8,
    p_seed      float8 default null
)
    returns float8
    immutable
    language sql
return p_words * (p_k + 2) / 50
       + least(p_walk, p_words / 20 + 2 * p_matches, 0.15 * p_seed + 2 * p_matches) + 750;

-- What planning a strategy's statement at the call costs, in the model's units (one content row
-- visited). Measured on zipf 1: self_join and two_phase_single run the same index work for one
-- rare tag, 0.94 ms as a statement planned per call, 0.48 ms as a precompiled one; a unit is
-- ~2 us.
create or replace function tagpage_plan_statement_cost()
    returns float8
    immutable
    language sql
return 250;

-- What a seed candidate's probe costs two_phase_single (and self_join where it probes), in the
-- model's units. The candidates come from a posting list, so each probe descends to a new leaf:
-- on zipf 1, 2,342 candidates of a medium tag took 6.2 ms (~2.6 us a probe), where two_phase_dual
-- read the two posting lists' 8,167 entries in 3.8 ms (0.3 units an entry). Priced at 1,
-- two_phase_single won ties it ran 1.6-2.6x slower than two_phase_dual or the bitmap once it no
-- longer paid for its planning at k > 3; replayed on three zipf 1 runs' forced timings, 1.25-1.5
-- took the choice's worst regret from 2.6-3.0x to 1.7x (2 starts to lose again), genonaut
-- unchanged.
create or replace function tagpage_plan_seed_probe_cost()
    returns float8
    immutable
    language sql
return 1.5;

-- Up to how many of the viewer's own rows the planner counts for a user-only scope: beyond
-- it the walk is priced as before (the partition), and the count stays a few index pages.
create or replace function tagpage_plan_user_rows_cap()
    returns integer
    immutable
    language sql
return 200;

-- Expected descents a row from which a precompiled 'any' walk reads each row's postings with one
-- filtered descent instead of one descent per tag. Measured on zipf 1 (~8 postings a row): three
-- tags at ~2.5 expected descents, 1.01 ms filtered against 1.48 per tag; two ~10 % tags (~1.9),
-- 1.05 against 1.45; its two most common tags (~1.4), the same either way. On genonaut (~74
-- postings a row, every tag on 60-90 % of the rows, 1.1-1.6 descents) one descent per tag is
-- the cheaper, and stays below this.
create or replace function tagpage_plan_any_filtered_descents()
    returns float8
    immutable
    language sql
return 1.8;

-- The knob names the planners read; config/base.json holds their values.
create or replace function tagpage_plan_knob_names()
    returns text[]
    immutable
    language sql
return array['small_k_threshold', 'group_having_rarest_ceiling', 'two_phase_min_k_for_dual_seed',
             'two_phase_dual_seed_floor', 'seed_candidate_cap', 'max_work_mem_mb',
             'stats.fallback_default_count', 'telemetry.sample_rate', 'plan_memo_slots'];

-- Raise the error of a planner_config that lacks a knob (p_knobs: what it has).
create or replace function tagpage_plan_knobs_missing(
    p_knobs jsonb
)
    returns jsonb
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Defaults live in config/base.json alone; the planner never substitutes its own.
    raise exception 'planner_config: a planner knob is missing (have: %)',
        (select string_agg(k, ', ' order by k) from jsonb_object_keys(coalesce(p_knobs, '{}')) k)
        using errcode = '55000', hint = 'load config/base.json with `tagpage config load`';
end;
$$;

-- planner_config as one object in planner_config_snapshot, rewritten by a statement trigger on
-- planner_config in the transaction that changes it.
create or replace function tagpage_planner_config_snapshot()
    returns trigger
    volatile
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_generation bigint := coalesce((select s.generation from planner_config_snapshot s), 0);
begin
    -- The planner reads its knobs on every call: one row fetched costs ~5 us where aggregating
    -- the ~20 rows of planner_config cost ~30 us (zipf 1, a loop of calls). Knobs change rarely,
    -- so the object is built here, once per statement that writes them. New knobs are a new
    -- generation: every session's remembered decisions stop matching (tagpage_plan_memoized).
    delete from planner_config_snapshot;
    insert into planner_config_snapshot (knobs, generation)
    select coalesce(jsonb_object_agg(c.key, c.value), '{}'::jsonb), v_generation + 1 from planner_config c;
    return null;
end;
$$;

-- A new generation of the planner's inputs: a statement trigger on the statistics it reads.
create or replace function tagpage_planner_generation_bump()
    returns trigger
    volatile
    security definer
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Runs as its owner (SECURITY DEFINER, pinned search_path): the statistics are written by
    -- maintenance and by content writers' TRUNCATE triggers, none of which has a grant on the
    -- snapshot. Once per statement, and the statements that write statistics are the refresh,
    -- the folds, the bitmap builds and a TRUNCATE of content: the row lock taken here never sits
    -- in a content insert, update or delete.
    -- The new generation commits with the statistics it announces, so a reader that sees it
    -- also sees them.
    update planner_config_snapshot set generation = generation + 1;
    return null;
end;
$$;

-- The viewer's own rows of a request that reads only theirs, up to tagpage_plan_user_rows_cap().
create or replace function tagpage_plan_user_rows(
    p_req tagpage_request
)
    returns float8
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_rows float8 := 0;
begin
    -- On each partition's creator index, NULL at the cap: the walk reads at most these rows.
    -- Each partition by name: a statement through the parent cannot prune by the request's
    -- sources in a generic plan. Callers ask only when every partition read is the viewer's.
    if p_req.items_kind = 'user' then
        v_rows := v_rows + (select count(*) from (select 1 from content_items u
                                                   where u.creator_id = p_req.user_id
                                                   limit tagpage_plan_user_rows_cap()) u);
    end if;
    if p_req.auto_kind = 'user' then
        v_rows := v_rows + (select count(*) from (select 1 from content_items_auto u
                                                   where u.creator_id = p_req.user_id
                                                   limit tagpage_plan_user_rows_cap()) u);
    end if;
    return nullif(least(v_rows, tagpage_plan_user_rows_cap()), tagpage_plan_user_rows_cap());
end;
$$;

-- Everything both planners read: the knobs (planner_config as one object), the rows of each
-- partition read, the count bitmaps' size, the viewer's own rows, and each tag's rows per
-- partition (c = ci + ca), rarest first or in the request's tag order.
create or replace function tagpage_plan_inputs(
    p_req           tagpage_request,
    p_by_rarity     boolean,
    out knobs       jsonb,
    out n_items     float8,
    out n_auto      float8,
    out bitmap_words float8,
    out user_rows   float8,
    out tags        uuid[],
    out c           float8[],
    out ci          float8[],
    out ca          float8[]
)
    stable
    language plpgsql
    set search_path = public, pg_temp
    set random_page_cost = 1.1
as $$
declare
    v_fallback  float8;
    v_ci        float8;
    v_ca        float8;
begin
    -- A few small statements, each a key lookup or a scan of a few rows, and only those the
    -- request needs: one statement with all of them as subqueries cost ~100 us of backend CPU
    -- (every subquery's plan started at each call, the never-run fallbacks included), these
    -- ~55 for one tag (docs/performance.md, "The planner's reads"). random_page_cost = 1.1:
    -- the statistics tables are small and always cached, and at the default a generic plan
    -- scans a table of a few pages and filters every row (~17 us for 200 statistics rows)
    -- where the primary key finds the row in ~3. A missing knob raises
    -- (tagpage_plan_knobs_missing); rows per partition come from the statistics, else
    -- tagpage_source_rows (the catalog estimate, else a count).
    select k.knobs into knobs from planner_config_snapshot k;
    if not coalesce(knobs ?& tagpage_plan_knob_names(), false) then
        perform tagpage_plan_knobs_missing(knobs);
    end if;
    select max(s.total_rows) filter (where s.content_source = 'items'),
           max(s.total_rows) filter (where s.content_source = 'auto')
      into n_items, n_auto
      from content_source_stats s;
    n_items := case when 'items' = any(p_req.sources) then coalesce(n_items, tagpage_source_rows('items')) else 0 end;
    n_auto := case when 'auto' = any(p_req.sources) then coalesce(n_auto, tagpage_source_rows('auto')) else 0 end;
    -- the count bitmaps' size when every partition read has them (NULL otherwise)
    select case when count(*) = cardinality(p_req.sources) then sum(b.width) / 64.0 end
      into bitmap_words
      from count_bitmap_source b
     where b.content_source = any(p_req.sources);
    -- Every partition read is the viewer's own rows: how many (tagpage_plan_user_rows).
    if cardinality(p_req.sources) > 0 and coalesce(p_req.items_kind, 'user') = 'user'
       and coalesce(p_req.auto_kind, 'user') = 'user' then
        user_rows := tagpage_plan_user_rows(p_req);
    end if;

    -- Each tag's rows per partition read: statistics, else the fallback count, capped by the
    -- partition size. One tag (most requests) needs neither the aggregate nor the order.
    v_fallback := (knobs ->> 'stats.fallback_default_count')::float8;
    if cardinality(p_req.tags) = 1 then
        select max(s.cardinality) filter (where s.content_source = 'items'),
               max(s.cardinality) filter (where s.content_source = 'auto')
          into v_ci, v_ca
          from tag_cardinality_stats s
         where s.tag_id = p_req.tags[1];
        tags := p_req.tags;
        ci := array[least(n_items, case when n_items > 0 then coalesce(v_ci, v_fallback) else 0 end)];
        ca := array[least(n_auto, case when n_auto > 0 then coalesce(v_ca, v_fallback) else 0 end)];
        c := array[ci[1] + ca[1]];
        return;
    end if;
    -- One primary-key lookup per tag and partition (a join would be planned as hash joins over
    -- the whole table, for the ten tags a generic plan assumes); the tags sorted once for the
    -- four aggregates (an ORDER BY inside each would sort once per aggregate).
    select array_agg(x.tag), array_agg(x.ci + x.ca), array_agg(x.ci), array_agg(x.ca)
      into tags, c, ci, ca
      from (select z.tag, z.ci, z.ca
              from (select y.tag, y.ord,
                           least(n_items, case when n_items > 0 then coalesce(y.ci, v_fallback) else 0 end) as ci,
                           least(n_auto, case when n_auto > 0 then coalesce(y.ca, v_fallback) else 0 end) as ca
                      from (select t.tag, t.ord,
                                   (select s.cardinality from tag_cardinality_stats s
                                     where s.tag_id = t.tag and s.content_source = 'items') as ci,
                                   (select s.cardinality from tag_cardinality_stats s
                                     where s.tag_id = t.tag and s.content_source = 'auto') as ca
                              from unnest(p_req.tags) with ordinality as t(tag, ord)
                            offset 0) y) z
             order by case when p_by_rarity then z.ci + z.ca end,
                      case when p_by_rarity then z.tag end,
                      z.ord) x;
end;
$$;

-- The planner's decision for a request; p_explain adds the estimates it compared as jsonb.
create or replace function tagpage_plan(
    p_req       tagpage_request,
    p_explain   boolean default false
)
    returns tagpage_plan_choice
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_forced        text := nullif(current_setting('tagpage.force_strategy', true), '');
    v_choice        tagpage_plan_choice;
    v_in            record;
    v_k             integer := p_req.k;
    v_all           boolean;
    v_o             jsonb;
    v_n_i           float8;
    v_n_a           float8;
    v_n             float8;
    v_words         float8;
    v_user_rows     float8;
    v_c             float8[];
    v_ci            float8[];
    v_ca            float8[];
    v_d             float8;
    v_prod_i        float8;
    v_prod_a        float8;
    v_none_i        float8;
    v_none_a        float8;
    v_matches       float8;
    v_walk          float8;
    v_probes        float8;
    v_chain         float8;
    v_chain2        float8;
    v_join2         float8;
    v_chain3        float8;
    v_rest2         float8;
    v_rest3         float8;
    v_inter         float8;
    v_sum_c         float8;
    v_names         text[];
    v_cost          float8[];
    v_serves        boolean[];
    v_eligible      text[];
    v_best          integer;
    v_best_tf       integer;
    v_any_tf        integer;
    v_desc_i        float8;
    v_desc_a        float8;
begin
    -- Reads a handful of rows (knobs, two source counts, 2k statistics rows: tagpage_plan_inputs)
    -- and does float arithmetic; it never touches content. v_names is tagpage_strategies():
    -- strategy i has the estimate v_cost[i]. The explanation (jsonb) is built only on request.
    if v_forced is not null then
        perform tagpage_forced_strategy();  -- raises for an unknown name
    end if;
    if p_req.expr is not null then
        return tagpage_plan_query(p_req, v_forced, p_explain);
    end if;
    if v_k = 0 then
        if v_forced is not null and v_forced <> 'no_tags' then
            raise exception 'tagpage.force_strategy: % cannot serve a request without tags', v_forced
                using errcode = '22023';
        end if;
        return row('no_tags', '{}'::uuid[], null, null, null,
                   case when p_explain then jsonb_build_object(
                       'strategy', 'no_tags', 'k', 0, 'rarest_count', null, 'tags', '[]'::jsonb,
                       'sources', to_jsonb(p_req.sources), 'estimates', '{}'::jsonb,
                       'reason', case when v_forced is null then 'no tag filter'
                                      else 'forced by tagpage.force_strategy' end) end, null, null)::tagpage_plan_choice;
    end if;

    -- Knobs, partition sizes and per tag and partition its cardinality, capped by the
    -- partition size, rarest first.
    v_in := tagpage_plan_inputs(p_req, true);  -- an expression: no statement around the call
    v_o := v_in.knobs;
    v_n_i := v_in.n_items;
    v_n_a := v_in.n_auto;
    v_words := v_in.bitmap_words;
    v_user_rows := v_in.user_rows;
    v_choice.tags := v_in.tags;
    v_c := v_in.c;
    v_ci := v_in.ci;
    v_ca := v_in.ca;
    v_n := v_n_i + v_n_a;

    -- How a precompiled 'any' walk probes a row: one descent per tag, densest first, stopping
    -- at the first hit, or one filtered descent over the row's postings. The first costs
    -- 1 + (1 - d_k) + (1 - d_k)(1 - d_k-1) + ... descents a row (d: the tags' densities in the
    -- partitions read), ~1.2 when a dense tag is among them, up to k when all are rare; past
    -- tagpage_plan_any_filtered_descents() the one filtered descent is cheaper (docs/performance.md,
    -- "The any walks: which probe", and for more tags than the slots "Many any tags, one
    -- descent each").
    if p_req.tag_match = 'any' and v_k >= 2 then
        v_none_i := 1; v_none_a := 1; v_desc_i := 0; v_desc_a := 0;
        for i in reverse v_k .. 1 loop
            v_desc_i := v_desc_i + v_none_i;
            v_desc_a := v_desc_a + v_none_a;
            v_none_i := v_none_i * (1 - coalesce(v_ci[i] / nullif(v_n_i, 0), 0));
            v_none_a := v_none_a * (1 - coalesce(v_ca[i] / nullif(v_n_a, 0), 0));
        end loop;
        v_choice.any_filtered := coalesce((v_n_i * v_desc_i + v_n_a * v_desc_a) / nullif(v_n, 0), 1)
                                 >= tagpage_plan_any_filtered_descents();
    end if;

    -- A walk whose cost no tag-first estimate nor the bitmap's can undercut: the comparison
    -- below would keep it, unbudgeted. One tag: the cheapest tag-first estimates are 0.1 c + 2 m
    -- (self_join, two_phase_single; the others cost more). Several tags with tag_match 'any':
    -- only any_union and group_having serve besides the bitmap, both 0.3 sum(c) + 2 m, and the
    -- walk has 1 + (k - 1) / 2 probes per row; 'any' never gets a walk budget. Decided here with
    -- the same arithmetic, because that comparison's ~60 expressions cost more (~50 us per call)
    -- than the page's own index work on the everyday requests. The planning term there only
    -- raises estimates, so a walk kept here is kept there too. Not when forced, explained,
    -- sampled for telemetry or walk disabled; pgTAP checks both give the same choice.
    if (v_k = 1 or p_req.tag_match = 'any') and v_forced is null and not p_explain
       and (v_o->>'telemetry.sample_rate')::float8 <= 0
       and v_o->'enable_sort_first' is distinct from 'false'::jsonb then
        if v_k = 1 then
            v_matches := v_n_i * coalesce(v_ci[1] / nullif(v_n_i, 0), 0)
                         + v_n_a * coalesce(v_ca[1] / nullif(v_n_a, 0), 0);
            v_probes := 1;
        else
            v_none_i := 1; v_none_a := 1; v_sum_c := 0;
            for i in 1 .. v_k loop
                v_none_i := v_none_i * (1 - coalesce(v_ci[i] / nullif(v_n_i, 0), 0));
                v_none_a := v_none_a * (1 - coalesce(v_ca[i] / nullif(v_n_a, 0), 0));
                v_sum_c := v_sum_c + v_c[i];
            end loop;
            v_matches := v_n_i * (1 - v_none_i) + v_n_a * (1 - v_none_a);
            v_probes := 1 + (v_k - 1) / 2.0;
        end if;
        v_walk := least(case when v_matches <= 0 then v_n else least(v_n, v_n * p_req.fetch_rows / v_matches) end,
                        v_user_rows);
        if v_walk * (1 + v_probes) <= (case when v_k = 1 then 0.1 * v_c[1] else 0.3 * v_sum_c end) + 2 * v_matches
           and (v_words is null
                or v_walk * (1 + v_probes) <= tagpage_plan_bitmap_cost(v_words, v_k, v_walk, v_matches)) then
            v_choice.strategy := 'sort_first';
            v_choice.work_mem_mb := (v_o->>'max_work_mem_mb')::integer;
            return v_choice;
        end if;
    end if;

    -- The full comparison from here on. Its variables get their start values here rather than
    -- in DECLARE: each initialised declaration is an expression evaluated (and, once per
    -- transaction, compiled) on every call, the quick decision's included.
    v_all := p_req.tag_match = 'all';
    v_prod_i := 1; v_prod_a := 1; v_none_i := 1; v_none_a := 1;
    v_probes := 0; v_chain := 1; v_chain2 := 1; v_chain3 := 1;
    v_rest2 := 0; v_rest3 := 0; v_inter := 0; v_sum_c := 0; v_join2 := 0;
    v_names := array['no_tags', 'sort_first', 'self_join', 'two_phase_single',
                     'two_phase_dual', 'any_union', 'group_having', 'bitmap'];
    v_eligible := '{}';

    -- One pass, rarest first: match products per partition, and the expected fenced probes per
    -- walked row (the i-th runs when the first i-1 matched), also after a one-tag seed (tags
    -- 2..k) and after a two-tag seed (3..k).
    for i in 1 .. v_k loop
        v_d := coalesce(v_c[i] / nullif(v_n, 0), 0);
        v_prod_i := v_prod_i * coalesce(v_ci[i] / nullif(v_n_i, 0), 0);
        v_none_i := v_none_i * (1 - coalesce(v_ci[i] / nullif(v_n_i, 0), 0));
        v_prod_a := v_prod_a * coalesce(v_ca[i] / nullif(v_n_a, 0), 0);
        v_none_a := v_none_a * (1 - coalesce(v_ca[i] / nullif(v_n_a, 0), 0));
        v_probes := v_probes + v_chain;
        v_chain := v_chain * v_d;
        v_rest2 := v_rest2 + case when i >= 2 then v_chain2 else 0 end;
        v_join2 := v_join2 + case when i >= 2 then least(tagpage_plan_seed_probe_cost() * v_c[1] * v_chain2, 0.1 * v_c[i]) else 0 end;
        v_chain2 := v_chain2 * case when i >= 2 then v_d else 1 end;
        v_rest3 := v_rest3 + case when i >= 3 then v_chain3 else 0 end;
        v_chain3 := v_chain3 * case when i >= 3 then v_d else 1 end;
        v_sum_c := v_sum_c + v_c[i];
    end loop;
    v_inter := case when v_k >= 2 then coalesce(v_ci[1] * v_ci[2] / nullif(v_n_i, 0), 0)
                                     + coalesce(v_ca[1] * v_ca[2] / nullif(v_n_a, 0), 0) else 0 end;
    v_matches := case when v_all then v_n_i * v_prod_i + v_n_a * v_prod_a
                      else v_n_i * (1 - v_none_i) + v_n_a * (1 - v_none_a) end;
    -- 'all' with k >= 2: the walk plans for a quarter of the independent estimate (correlated-
    -- away tags overlap less than independence says; the walk is what that error costs)
    v_walk := v_matches / case when v_all and v_k >= 2 then 4 else 1 end;
    v_walk := least(case when v_walk <= 0 then v_n else least(v_n, v_n * p_req.fetch_rows / v_walk) end,
                    v_user_rows);
    v_probes := case when v_all then v_probes else 1 + (v_k - 1) / 2.0 end;

    -- What can serve the request, and at what estimated cost (order of v_names).
    v_serves := array[false, true, v_all, v_all, v_all, p_req.requested_match = 'any' or v_k = 1, true, true];
    v_cost := array[null,
                    v_walk * (1 + v_probes),
                    0.1 * v_c[1] + v_join2 + 2 * v_matches,
                    0.1 * v_c[1] + tagpage_plan_seed_probe_cost() * v_c[1] * v_rest2 + 2 * v_matches,
                    case when v_k >= 2 then 0.3 * (v_c[1] + v_c[2]) + v_inter * v_rest3 + 2 * v_matches end,
                    0.3 * v_sum_c + 2 * v_matches,
                    0.3 * v_sum_c + 2 * v_matches,
                    tagpage_plan_bitmap_cost(v_words, v_k, v_walk, v_matches)];
    -- A statement without a precompiled shape is planned at every call, which its estimate
    -- carries (the bitmap's constant already does).
    for i in 2 .. 7 loop
        if v_cost[i] is not null and not tagpage_static_serves(p_req, v_names[i]) then
            v_cost[i] := v_cost[i] + tagpage_plan_statement_cost();
        end if;
    end loop;

    for i in 2 .. 8 loop
        -- serves, is enabled, and (any_union) was asked for by tag_match 'any'
        continue when not v_serves[i] or v_cost[i] is null
            or coalesce(v_o->('enable_' || v_names[i]) = 'false'::jsonb, false)
            or (i = 6 and p_req.requested_match <> 'any');
        -- The walk's fallback may be any enabled tag-first strategy that serves the request: the
        -- ceilings and caps below pick a first plan, they must not leave a walk unbounded.
        if i > 2 and (v_any_tf is null or v_cost[i] < v_cost[v_any_tf]) then
            v_any_tf := i;
        end if;
        continue when case i
            when 3 then v_k > (v_o->>'small_k_threshold')::integer
                        or v_c[1] > (v_o->>'seed_candidate_cap')::float8
            when 4 then v_c[1] > (v_o->>'seed_candidate_cap')::float8
            when 5 then v_k < (v_o->>'two_phase_min_k_for_dual_seed')::integer
                        or v_c[1] < (v_o->>'two_phase_dual_seed_floor')::float8
                        or v_inter > (v_o->>'seed_candidate_cap')::float8
            when 7 then v_c[1] > (v_o->>'group_having_rarest_ceiling')::float8
            else false end;
        v_eligible := v_eligible || v_names[i];
        if v_best is null or v_cost[i] < v_cost[v_best] then
            v_best := i;
        end if;
        if i > 2 and (v_best_tf is null or v_cost[i] < v_cost[v_best_tf]) then
            v_best_tf := i;
        end if;
    end loop;
    v_best_tf := coalesce(v_best_tf, v_any_tf);

    if v_forced is not null then
        if not coalesce(v_serves[array_position(v_names, v_forced)], false) then
            raise exception 'tagpage.force_strategy: % cannot serve this request (k = %, tag_match = %)',
                v_forced, v_k, p_req.requested_match using errcode = '22023';
        end if;
        v_choice.strategy := v_forced;
    else
        v_choice.strategy := coalesce(v_names[v_best], 'sort_first');
        if v_best = 2 and v_all and v_k >= 2 and v_best_tf is not null then
            -- Cut the walk where it would have cost what the best tag-first plan costs.
            v_choice.budget := greatest(ceil(v_cost[v_best_tf] / (1 + v_probes)), p_req.fetch_rows);
            v_choice.fallback := v_names[v_best_tf];
        end if;
    end if;
    v_choice.work_mem_mb := (v_o->>'max_work_mem_mb')::integer;

    if p_explain or (v_o->>'telemetry.sample_rate')::float8 > random() then
        v_choice.detail := jsonb_build_object(
            'strategy', v_choice.strategy,
            'k', v_k,
            'rarest_count', v_c[1],
            'tag_match', p_req.tag_match,
            'tags', to_jsonb(v_choice.tags),
            'cardinalities', to_jsonb(v_c),
            'sources', to_jsonb(p_req.sources),
            'source_rows', jsonb_build_object('items', v_n_i, 'auto', v_n_a),
            'matches_estimate', round(v_matches::numeric, 1),
            'walk_rows_estimate', round(v_walk::numeric, 1),
            'any_probe', case when v_choice.any_filtered then 'filtered'
                              when v_choice.any_filtered is not null then 'per_tag' end,
            'user_rows', v_user_rows,
            'estimates', (select jsonb_object_agg(v_names[i], round(v_cost[i]::numeric, 1))
                            from generate_subscripts(v_names, 1) i
                           where v_serves[i] and v_cost[i] is not null),
            'eligible', to_jsonb(v_eligible),
            'walk_budget', v_choice.budget,
            'fallback', v_choice.fallback,
            'reason', case
                when v_forced is not null then 'forced by tagpage.force_strategy'
                when v_best is null then 'no eligible strategy (all disabled); sort_first serves every request'
                else format('%s has the cheapest eligible estimate (%s)', v_choice.strategy,
                            round(v_cost[v_best]::numeric, 1))
                     || case when v_choice.budget is not null
                             then format('; walk budget %s rows, then %s', v_choice.budget, v_choice.fallback)
                             else '' end end);
        if not p_explain then
            raise log 'tagpage plan: %', v_choice.detail;
            v_choice.detail := null;
        end if;
    end if;
    return v_choice;
end;
$$;

-- The planner's decision for a page request, remembered in the session until its inputs change.
create or replace function tagpage_plan_memoized(
    p_req tagpage_request
)
    returns tagpage_plan_choice
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_snapshot  record;
    v_slots     integer;
    v_key       text;
    v_slot      text;
    v_memo      text;
    v_choice    tagpage_plan_choice;
begin
    -- The planner reads a few statistics rows and compares estimates at every call: ~110 us of
    -- a ~550 us two-tag page on genonaut 0.1 (docs/performance.md, "Decisions remembered"),
    -- for a decision that changes only when the statistics or knobs do. The session keeps its
    -- last decisions in plan_memo_slots settings (tagpage.plan_memo_<slot>), each holding
    -- "<key>\n<decision>"; the key is the generation of the inputs (planner_config_snapshot,
    -- bumped by a statement trigger on every table the planner reads) and every field of the
    -- request the decision depends on. A setting is the only state a session can keep that also
    -- works on a hot standby and behind a transaction pooler: a server connection that never
    -- saw it, or saw another client's, simply misses and plans. A scope of the viewer's own
    -- rows only is also decided by how many rows the viewer has, which no statistics generation
    -- follows: that count (a few index entries) is part of its key, as a tag query's normal
    -- form is (its planner's decision depends on the whole expression). Not remembered: a
    -- forced strategy, sampled telemetry (each decision may be logged) and no tags (decided
    -- without reading anything). A revision that changes tagpage_plan_choice advances the
    -- generation, so no session parses an old decision.
    select s.knobs, s.generation into v_snapshot from planner_config_snapshot s;
    v_slots := (v_snapshot.knobs ->> 'plan_memo_slots')::integer;
    if coalesce(v_slots, 0) < 1
       or p_req.k = 0
       or nullif(current_setting('tagpage.force_strategy', true), '') is not null
       or coalesce((v_snapshot.knobs ->> 'telemetry.sample_rate')::float8 > 0, true) then
        return tagpage_plan(p_req);
    end if;
    v_key := format('%s|%s|%s|%s|%s|%s|%s|%s|%s', v_snapshot.generation, p_req.tags, p_req.tag_match,
                    p_req.requested_match, p_req.items_kind, p_req.auto_kind, p_req.fetch_rows,
                    case when coalesce(p_req.items_kind, 'user') = 'user'
                              and coalesce(p_req.auto_kind, 'user') = 'user'
                         then coalesce(tagpage_plan_user_rows(p_req)::text, 'many') end,
                    p_req.expr);
    v_slot := 'tagpage.plan_memo_' || (hashtext(v_key) & 2147483647) % v_slots;
    v_memo := current_setting(v_slot, true);
    if starts_with(v_memo, v_key || E'\n') then
        return substr(v_memo, length(v_key) + 2)::tagpage_plan_choice;
    end if;
    v_choice := tagpage_plan(p_req);
    perform set_config(v_slot, v_key || E'\n' || v_choice::text, false);
    return v_choice;
end;
$$;
