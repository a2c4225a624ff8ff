-- The shared steps of unified_content_count and related_tags.
--
-- A filter's matches in one source are
--     (rows clean since the bitmaps' build that match by the bitmaps)
--   + (rows written since, or outside the bitmaps' id range, that match now),
-- the second set ("live rows", X) read from count_dirty_rows and the content table. With M0 =
-- expression(tag bitmaps) & scope mask, the count is bit_count(M0) - |X set in M0| + |X matching
-- now|: exact at the caller's snapshot. Statements over X bind
--   $1 uuid[] tags, $2 uuid user_id, $3 bit varying M0, $4 bigint width, $5 bigint sample mask.

-- A planner_config knob as a bigint, or p_default when absent.
create or replace function tagpage_count_knob(
    p_key      text,
    p_default  bigint
)
    returns bigint
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_value  bigint;
begin
    -- One lookup by primary key; config load validates the value's type.
    select (c.value #>> '{}')::bigint into v_value from planner_config c where c.key = p_key;
    return coalesce(v_value, p_default);
end;
$$;
comment on function tagpage_count_knob(text, bigint) is
    'planner_config value of p_key as a bigint (p_default when missing).';

-- The exact_limit argument, validated, or the count_exact_limit knob when NULL.
create or replace function tagpage_count_exact_limit(
    p_exact_limit  integer
)
    returns bigint
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- 22023 naming the argument, like every argument error of the engine.
    if p_exact_limit is not null and (p_exact_limit < 1 or p_exact_limit > 1000000) then
        raise exception 'exact_limit: % is out of range 1..1000000', p_exact_limit using errcode = '22023';
    end if;
    return coalesce(p_exact_limit, tagpage_count_knob('count_exact_limit', 10000));
end;
$$;
comment on function tagpage_count_exact_limit(integer) is
    'exact_limit checked against 1..1000000, defaulting to planner_config count_exact_limit (10000).';

-- The live rows (X) of one source: logged as written since the build, or outside its id range.
create or replace function tagpage_count_sql_x(
    p_source  text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- $4 is the source's bitmap width. Outside rows come from the primary key by range.
    return format('select d.content_id from count_dirty_rows d where d.content_source = %1$L '
                  'union '
                  'select c.id from content_items_all c where c.source_type = %1$L and (c.id < 0 or c.id >= $4)',
                  p_source);
end;
$$;
comment on function tagpage_count_sql_x(text) is
    'SELECT of the live rows (content ids) of one source: count_dirty_rows plus rows outside the bitmaps ($4 = width).';

-- Whether a live row is in the sample kept for estimates ($5 = 2^m - 1 keeps one row in 2^m).
create or replace function tagpage_count_sql_sampled(
    p_source  text,
    p_id_sql  text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- A hash of the row's identity with a fixed salt per source: the same rows are kept by every
    -- call (so a count and its related tags agree), and which rows a hash keeps is unrelated to
    -- their tags. p_id_sql is a column reference built by our callers.
    return format('($5 = 0 or (hashint8extended(%s, %s) & $5) = 0)',
                  p_id_sql, case p_source when 'items' then 7301 else 7302 end);
end;
$$;
comment on function tagpage_count_sql_sampled(text, text) is
    'Predicate keeping one live row in ($5 + 1), chosen by a hash of its id ($5 = 0 keeps all).';

-- The expression evaluated on bitmaps (p_bitmaps[i] = tag i's): expression & p_mask.
create or replace function tagpage_count_eval_bits(
    p_expr     jsonb,
    p_bitmaps  bit varying[],
    p_mask     bit varying
)
    returns bit varying
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_op    text := p_expr->>'op';
    v_bits  bit varying;
    v_node  jsonb;
    v_i     integer;
    v_sql   text;
    v_zero  bit varying;
begin
    -- A lone tag and a flat and/or of tags (every tags + tag_match filter) are folded here,
    -- which costs no statement to plan; any other shape goes through the generated SQL.
    if v_op = 'true' then
        return p_mask;
    elsif v_op = 'tag' then
        return p_bitmaps[(p_expr->>'i')::integer] & p_mask;
    elsif v_op in ('and', 'or')
          and not exists (select 1 from jsonb_array_elements(p_expr->'args') a where a->>'op' <> 'tag') then
        v_bits := case when v_op = 'and' then p_mask else p_mask # p_mask end;
        for v_node in select a from jsonb_array_elements(p_expr->'args') a loop
            v_i := (v_node->>'i')::integer;
            v_bits := case when v_op = 'and' then v_bits & p_bitmaps[v_i] else v_bits | p_bitmaps[v_i] end;
        end loop;
        return v_bits & p_mask;
    end if;
    -- The bitmaps are one column b of a fenced subquery: referenced as the parameter $1, each
    -- b[i] would copy the whole array (measured on genonaut 1, twelve 137 KB bitmaps: 21 ms
    -- against 7 ms).
    -- The constants $2 (zeros) and $3 (ones) are built only when the expression uses them: each
    -- is a pass over the whole width (~0.15 ms at 1.1M bits).
    v_sql := tagpage_count_sql_bits(p_expr);
    if strpos(v_sql, '$2') > 0 or strpos(v_sql, '$3') > 0 then
        v_zero := tagpage_bits_zero(length(p_mask));
    end if;
    execute format('select (%s) & $4 from (select $1 as b offset 0) s', v_sql)
       into v_bits
      using p_bitmaps, v_zero, ~ v_zero, p_mask;
    return v_bits;
end;
$$;
comment on function tagpage_count_eval_bits(jsonb, bit varying[], bit varying) is
    'Bitmap of the rows matching the tag expression (tag i = p_bitmaps[i]) within p_mask.';

-- Each source's share of a filter: bitmap matches and the size of its live set.
create or replace function tagpage_count_parts(
    p_tags         uuid[],
    p_expr         jsonb,
    p_user_id      uuid,
    p_items_scope  text,
    p_auto_scope   text
)
    returns setof tagpage_count_part
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_part     tagpage_count_part;
    v_source   text;
    v_scope    text;
    v_public   bit varying;
    v_creator  bit varying;
    v_zero     bit varying;
    v_mask     bit varying;
    v_bitmaps  bit varying[];
    v_min      bigint;
    v_max      bigint;
begin
    -- Per source the scope mask B (public rows, the user's rows, or a mix, per scope), the tag
    -- bitmaps in the request's tag order (a tag without one had no rows then: zeros), and
    -- M0 = expression & B. Then one pass over the live rows counts them and how many M0 holds.
    -- A source without bitmaps (never built, or truncated since) is returned with bitmaps =
    -- false: the caller scans it. Every statement here is static, so its plan is cached.
    foreach v_source in array array['items', 'auto'] loop
        v_scope := case v_source when 'items' then p_items_scope else p_auto_scope end;
        continue when v_scope is null;
        v_part := row(v_source, v_scope, false, null, null, null, null, null)::tagpage_count_part;
        select s.width, s.public_bits into v_part.width, v_public
          from count_bitmap_source s where s.content_source = v_source;
        if v_part.width is null then
            return next v_part;
            continue;
        end if;
        v_part.bitmaps := true;
        v_zero := v_public # v_public;
        if p_user_id is not null and v_scope <> 'public' then
            select b.bits into v_creator
              from count_creator_bitmap b
             where b.creator_id = p_user_id and b.content_source = v_source;
            v_creator := coalesce(v_creator, v_zero);
        end if;
        v_mask := case v_scope
            when 'public' then v_public
            when 'all' then v_public | v_creator
            when 'community' then v_public & ~ v_creator
            when 'user' then v_creator
        end;
        v_bitmaps := array(
            select coalesce((select case v_source when 'items' then b.items_bits else b.auto_bits end
                               from count_tag_bitmap b where b.tag_id = t.id), v_zero)
              from unnest(p_tags) with ordinality as t(id, i)
             order by t.i);
        v_part.m0 := tagpage_count_eval_bits(p_expr, v_bitmaps, v_mask);
        v_part.base := bit_count(v_part.m0);
        -- Rows outside the covered ids are rare (ids only grow past the width between
        -- builds), so two index end points rule them out before the general statement runs.
        select min(c.id), max(c.id) into v_min, v_max from content_items_all c where c.source_type = v_source;
        if v_min >= 0 and v_max < v_part.width or v_max is null then
            select count(distinct d.content_id),
                   count(distinct d.content_id) filter (
                       where case when d.content_id >= 0 and d.content_id < v_part.width
                                  then get_bit(v_part.m0, d.content_id::integer) = 1
                                  else false end)
              into v_part.x_rows, v_part.x_base
              from count_dirty_rows d
             where d.content_source = v_source;
        else
            execute format('select count(*), count(*) filter (where case when x.content_id >= 0 and x.content_id < $4 '
                           'then get_bit($3, x.content_id::integer) = 1 else false end) from (%s) x',
                           tagpage_count_sql_x(v_source))
               into v_part.x_rows, v_part.x_base
              using p_tags, p_user_id, v_part.m0, v_part.width, 0::bigint;
        end if;
        return next v_part;
    end loop;
end;
$$;
comment on function tagpage_count_parts(uuid[], jsonb, uuid, text, text) is
    'Per source read by the request: its bitmap matches (m0, base) and live rows (x_rows, x_base), or bitmaps = false.';

-- Live rows of one source that match now: (rows evaluated, rows matching), all or a sample.
create or replace function tagpage_count_live(
    p_part     tagpage_count_part,
    p_tags     uuid[],
    p_expr     jsonb,
    p_user_id  uuid,
    p_mask     bigint
)
    returns table (evaluated bigint, matched bigint)
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Each kept live row is fetched by primary key (a deleted one finds nothing) and tested
    -- with the scope and one probe per tag: the same predicate the pages apply.
    return query execute format(
        'select count(*), count(*) filter (where c.id is not null and %1$s and %2$s) '
        'from (%3$s) x left join content_items_all c on c.id = x.content_id and c.source_type = %4$L '
        'where %5$s',
        tagpage_sql_scope(p_part.scope, 'c'),
        tagpage_sql_tag_expr(p_expr, 'c.id', 'c.source_type', '$1'),
        tagpage_count_sql_x(p_part.content_source),
        p_part.content_source,
        tagpage_count_sql_sampled(p_part.content_source, 'x.content_id'))
        using p_tags, p_user_id, p_part.m0, p_part.width, p_mask;
end;
$$;
comment on function tagpage_count_live(tagpage_count_part, uuid[], jsonb, uuid, bigint) is
    'Live rows of a source (all, or the hash sample p_mask keeps): how many were evaluated and how many match now.';

-- Matches of one source counted row by row (a source without bitmaps).
create or replace function tagpage_count_scan(
    p_source   text,
    p_scope    text,
    p_tags     uuid[],
    p_expr     jsonb,
    p_user_id  uuid
)
    returns bigint
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_count  bigint;
begin
    -- Exact and slow (every row of the scope, probed): only until the next statistics refresh
    -- builds the bitmaps. The partition is a literal, so only its rows are read.
    execute format('select count(*) from content_items_all c where c.source_type = any(array[%L]) and %s and %s',
                   p_source, tagpage_sql_scope(p_scope, 'c'), tagpage_sql_tag_expr(p_expr, 'c.id', 'c.source_type', '$1'))
       into v_count
      using p_tags, p_user_id;
    return v_count;
end;
$$;
comment on function tagpage_count_scan(text, text, uuid[], jsonb, uuid) is
    'Exact count of a source''s matches by scanning its rows (used when the source has no bitmaps).';

-- A 95% (or other z) interval for a Poisson mean from one observation.
create or replace function tagpage_count_poisson_interval(
    p_observed  bigint,
    p_z         double precision,
    out lower   double precision,
    out upper   double precision
)
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- The Wilson-Hilferty approximations of the exact (chi-square) limits, within about 1% of
    -- them even for small counts; 0 observed gives [0, ~3.7] at z = 1.96.
    lower := case when p_observed = 0 then 0
                  else p_observed * power(greatest(1 - 1 / (9.0 * p_observed)
                                                   - p_z / (3 * sqrt(p_observed::double precision)), 0), 3)
             end;
    upper := (p_observed + 1) * power(1 - 1 / (9.0 * (p_observed + 1)) + p_z / (3 * sqrt(p_observed + 1.0)), 3);
end;
$$;
comment on function tagpage_count_poisson_interval(bigint, double precision) is
    'Two-sided interval (z standard errors) for a Poisson mean given one observed count (Wilson-Hilferty).';
