-- unified_content_count: how many rows a filter of unified_content_page selects, exact at the
-- caller's snapshot, or an estimate with a 95% interval when that would cost too much.

-- Combine the sources' parts into the count: exact, or estimated from a sample of live rows.
create or replace function tagpage_count_resolve(
    p_parts        tagpage_count_part[],
    p_tags         uuid[],
    p_expr         jsonb,
    p_user_id      uuid,
    p_exact_limit  bigint,
    out total      bigint,
    out exact      boolean,
    out lower      bigint,
    out upper      bigint,
    out method     text,
    out mask       bigint
)
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_part      tagpage_count_part;
    v_fixed     bigint := 0;    -- matches known exactly: scanned sources + bitmap rows not live
    v_live      bigint := 0;    -- live rows over every bitmap source
    v_budget    bigint := tagpage_count_knob('count_live_budget', 500);
    v_methods   text[] := '{}';
    v_shift     integer;
    v_eval      bigint := 0;
    v_match     bigint := 0;
    v_row       record;
    v_bounds    record;
    v_scale     double precision;
begin
    -- Live rows cost a primary-key fetch and an index probe per tag each (about 7 us on
    -- genonaut 0.1, so the default budget of 500 keeps them near 3.5 ms); within
    -- count_live_budget they are all evaluated (exact). Beyond it, and only when the rows known to match already exceed
    -- p_exact_limit (so a count at or under the limit is always exact), one live row in 2^m is
    -- evaluated, 2^m the smallest power of two bringing them under the budget, and the live
    -- matches are estimated from the sample with a Poisson 95% interval, clamped to what the
    -- sample proves (it cannot be fewer than the sampled matches, nor more than the live rows
    -- minus the sampled non-matches). `mask` tells related_tags which live rows were kept.
    mask := 0;
    foreach v_part in array p_parts loop
        if v_part.bitmaps then
            v_fixed := v_fixed + v_part.base - v_part.x_base;
            v_live := v_live + v_part.x_rows;
            v_methods := v_methods || 'bitmap'::text;
        else
            v_fixed := v_fixed + tagpage_count_scan(v_part.content_source, v_part.scope, p_tags, p_expr, p_user_id);
            v_methods := v_methods || 'scan'::text;
        end if;
    end loop;
    if v_live > v_budget and v_fixed > p_exact_limit then
        v_shift := ceil(log(2, v_live::numeric / greatest(v_budget, 1)))::integer;
        mask := (1::bigint << v_shift) - 1;
    end if;
    foreach v_part in array p_parts loop
        continue when not v_part.bitmaps or v_part.x_rows = 0;
        select * into v_row from tagpage_count_live(v_part, p_tags, p_expr, p_user_id, mask);
        v_eval := v_eval + v_row.evaluated;
        v_match := v_match + v_row.matched;
    end loop;
    method := coalesce((select string_agg(distinct m, '+') from unnest(v_methods) m), 'none');
    if mask = 0 then
        total := v_fixed + v_match;
        exact := true;
        lower := total;
        upper := total;
        return;
    end if;
    v_scale := (mask + 1)::double precision;
    v_bounds := tagpage_count_poisson_interval(v_match, 1.96);
    exact := false;
    lower := v_fixed + greatest(v_match, floor(v_bounds.lower * v_scale))::bigint;
    upper := v_fixed + least(v_live - (v_eval - v_match), ceil(v_bounds.upper * v_scale))::bigint;
    total := least(greatest(v_fixed + round(v_match * v_scale)::bigint, lower), upper);
    method := method || '_sampled';
end;
$$;
comment on function tagpage_count_resolve(tagpage_count_part[], uuid[], jsonb, uuid, bigint) is
    'Total of the parts: exact, or (live rows over count_live_budget and more than p_exact_limit known matches) estimated from a hash sample of the live rows.';

-- How many rows unified_content_page's filter selects (same arguments, same errors).
create or replace function unified_content_count(
    tags          uuid[]  default null,
    user_id       uuid    default null,
    source_types  text[]  default null,
    tag_match     text    default 'all',
    tag_query     text    default null,
    exact_limit   integer default null
)
    returns table (
        total   bigint,
        exact   boolean,
        lower   bigint,
        upper   bigint,
        method  text
    )
    stable
    language plpgsql
    set search_path = public, pg_temp
    set jit = off
    set plan_cache_mode = force_generic_plan
as $$
declare
    v_tag_match  text := coalesce($4, 'all');
    v_req        record;
    v_filter     record;
    v_limit      bigint;
    v_parts      tagpage_count_part[];
    v_result     record;
begin
    -- Contract: a count of at most exact_limit rows is exact (exact = true, lower = upper =
    -- total). A larger one may be an estimate whose [lower, upper] is a 95% interval; method
    -- says which: 'bitmap' (bitmaps + live rows, exact), 'bitmap_sampled' (estimate), 'scan'
    -- (a source without bitmaps, counted row by row, exact). jit off and generic plans for the
    -- static lookups, as in unified_content_page; the dynamic statements plan per call.
    select * into v_req from tagpage_request_normalize($1, 25, $2, $3, v_tag_match, 'created_at_desc');
    select * into v_filter from tagpage_count_filter(v_req.tags, v_tag_match, $5);
    v_limit := tagpage_count_exact_limit($6);
    v_parts := array(select p from tagpage_count_parts(v_filter.tags, v_filter.expr, $2, v_req.items_scope,
                                                        v_req.auto_scope) p);
    select * into v_result from tagpage_count_resolve(v_parts, v_filter.tags, v_filter.expr, $2, v_limit);
    return query select v_result.total, v_result.exact, v_result.lower, v_result.upper, v_result.method;
end;
$$;
comment on function unified_content_count(uuid[], uuid, text[], text, text, integer) is
    'Number of rows unified_content_page selects for a filter: (total, exact, lower, upper, method); exact whenever total <= exact_limit.';
