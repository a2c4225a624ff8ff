-- A count's tag filter as a boolean expression over the request's tags, and the SQL it becomes.
--
-- Expression nodes (jsonb), tags referenced by their 1-based position i in the request's tag
-- array: {"op":"true"} | {"op":"false"} | {"op":"tag","i":N} | {"op":"not","i":N} |
-- {"op":"and","args":[...]} | {"op":"or","args":[...]}: the normalised form of a tag query
-- (tag_query.sql, which also compiles it to per-row probes: tagpage_sql_tag_expr). `tags` +
-- `tag_match` become an and/or of every tag, ANDed with the tag query when there is one.

-- The expression of a plain tag filter: every tag (all) or at least one (any).
create or replace function tagpage_count_filter_expr(
    p_k          integer,
    p_tag_match  text
)
    returns jsonb
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- No tags: every row of the scope. One tag: both modes agree.
    if coalesce(p_k, 0) = 0 then
        return '{"op":"true"}';
    end if;
    if p_k = 1 then
        return '{"op":"tag","i":1}';
    end if;
    return jsonb_build_object(
        'op', case when p_tag_match = 'any' then 'or' else 'and' end,
        'args', (select jsonb_agg(jsonb_build_object('op', 'tag', 'i', i) order by i)
                   from generate_series(1, p_k) as i));
end;
$$;
comment on function tagpage_count_filter_expr(integer, text) is
    'Expression (and/or of tags 1..k) of a tags + tag_match filter.';

-- The expression as bitwise operations on bitmaps: b bit varying[] (tag i's bitmap, a column of
-- the caller's statement), $2 all zeros, $3 all ones, every bitmap of one width.
create or replace function tagpage_count_sql_bits(
    p_expr  jsonb
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_op    text := p_expr->>'op';
    v_args  text[];
begin
    -- Built from the expression's fixed node kinds and integer positions only.
    if v_op = 'true' then
        return '$3';
    elsif v_op = 'false' then
        return '$2';
    elsif v_op = 'tag' then
        return format('b[%s]', (p_expr->>'i')::integer);
    elsif v_op = 'not' then
        return format('(~ b[%s])', (p_expr->>'i')::integer);
    elsif v_op in ('and', 'or') then
        select array_agg(tagpage_count_sql_bits(a) order by n) into v_args
          from jsonb_array_elements(p_expr->'args') with ordinality as e(a, n);
        if v_args is null then
            return case when v_op = 'and' then '$3' else '$2' end;
        end if;
        return '(' || array_to_string(v_args, case when v_op = 'and' then ' & ' else ' | ' end) || ')';
    end if;
    raise exception 'tag expression: unknown node %', p_expr using errcode = '22023';
end;
$$;
comment on function tagpage_count_sql_bits(jsonb) is
    'The tag expression as a bit-string expression over b[i] (tag bitmaps), $2 (zeros), $3 (ones).';

-- Positions of the tags every match carries by definition: the positive terms of a top-level AND.
create or replace function tagpage_count_carried(
    p_expr  jsonb
)
    returns integer[]
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- A lone tag is carried by every match too; a tag inside an OR is not (it splits the result).
    if p_expr->>'op' = 'tag' then
        return array[(p_expr->>'i')::integer];
    end if;
    if p_expr->>'op' = 'and' then
        return coalesce((select array_agg((a->>'i')::integer order by (a->>'i')::integer)
                           from jsonb_array_elements(p_expr->'args') as e(a)
                          where a->>'op' = 'tag'), '{}');
    end if;
    return '{}';
end;
$$;
comment on function tagpage_count_carried(jsonb) is
    'Positions of the tags every match of the expression carries (a lone tag, the tag terms of a top-level AND).';

-- The expression with every tag position moved up by p_by (tags appended after others).
create or replace function tagpage_count_expr_shift(
    p_expr  jsonb,
    p_by    integer
)
    returns jsonb
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Recursion follows the normalised tree, whose depth the tag-query parser bounds.
    if p_expr->>'op' in ('tag', 'not') then
        return jsonb_set(p_expr, '{i}', to_jsonb((p_expr->>'i')::integer + p_by));
    elsif p_expr->>'op' in ('and', 'or') then
        return jsonb_build_object('op', p_expr->>'op',
                                  'args', (select jsonb_agg(tagpage_count_expr_shift(a, p_by) order by n)
                                             from jsonb_array_elements(p_expr->'args') with ordinality as e(a, n)));
    end if;
    return p_expr;
end;
$$;
comment on function tagpage_count_expr_shift(jsonb, integer) is
    'The tag expression with every tag position increased by p_by.';

-- A count's whole filter: the tags (all/any) and the tag query, ANDed, over one tag array.
create or replace function tagpage_count_filter(
    p_tags       uuid[],
    p_tag_match  text,
    p_tag_query  text,
    out tags     uuid[],
    out expr     jsonb
)
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_query  jsonb;
    v_args   jsonb := '[]';
    v_part   jsonb;
begin
    -- The query's tags follow the request's (a tag in both appears twice: harmless, each
    -- position is looked up on its own). Top-level ANDs merge into one, so the tags every match
    -- carries (tagpage_count_carried) are read off one node. Errors of the query text are the
    -- parser's: 22023 'tag_query: ...'.
    tags := coalesce(p_tags, '{}');
    expr := tagpage_count_filter_expr(cardinality(tags), p_tag_match);
    v_query := tagpage_tag_query_normalize(p_tag_query, null);
    if v_query is null then
        return;
    end if;
    foreach v_part in array array[expr, tagpage_count_expr_shift(v_query->'expr', cardinality(tags))] loop
        if v_part->>'op' = 'false' then
            expr := v_part;
            tags := tags || array(select jsonb_array_elements_text(v_query->'tags')::uuid);
            return;
        end if;
        v_args := v_args || case when v_part->>'op' = 'and' then v_part->'args'
                                 when v_part->>'op' = 'true' then '[]'::jsonb
                                 else jsonb_build_array(v_part) end;
    end loop;
    tags := tags || array(select jsonb_array_elements_text(v_query->'tags')::uuid);
    expr := case jsonb_array_length(v_args)
                when 0 then '{"op":"true"}'::jsonb
                when 1 then v_args->0
                else jsonb_build_object('op', 'and', 'args', v_args)
            end;
end;
$$;
comment on function tagpage_count_filter(uuid[], text, text) is
    'Tags and expression of a count''s filter: tags with tag_match, ANDed with the normalised tag query.';
