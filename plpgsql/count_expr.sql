-- A count's tag filter as a boolean expression over the request's tags, and the SQL it becomes.
--
-- Expression nodes (jsonb), tags referenced by their 1-based position i in the request's tag
-- array: {"op":"true"} | {"op":"false"} | {"op":"tag","i":N} | {"op":"not","i":N} |
-- {"op":"and","args":[...]} | {"op":"or","args":[...]}. `tags` + `tag_match` become an and/or of
-- every tag; a tag query arrives in the same form from its parser.

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

-- The expression as bitwise operations on bitmaps: $1 bit varying[] (tag i's bitmap), $2 all
-- zeros, $3 all ones, every bitmap of one width.
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
        return format('$1[%s]', (p_expr->>'i')::integer);
    elsif v_op = 'not' then
        return format('(~ $1[%s])', (p_expr->>'i')::integer);
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
    'The tag expression as a bit-string expression over $1[i] (tag bitmaps), $2 (zeros), $3 (ones).';

-- The expression as a predicate on one content row (alias p_alias), probing content_tags; tags $1.
create or replace function tagpage_count_sql_live(
    p_expr   jsonb,
    p_alias  text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_op    text := p_expr->>'op';
    v_args  text[];
    v_probe text;
begin
    -- One fenced EXISTS per tag through the content_tags primary key, as the engine's
    -- sort_first probes do (strategies/common.sql): an index probe per row and tag.
    if v_op in ('tag', 'not') then
        v_probe := format('exists (select 1 from content_tags pt where pt.content_id = %1$I.id '
                          'and pt.content_source = %1$I.source_type and pt.tag_id = $1[%2$s] offset 0)',
                          p_alias, (p_expr->>'i')::integer);
        return case when v_op = 'not' then '(not ' || v_probe || ')' else v_probe end;
    elsif v_op = 'true' then
        return 'true';
    elsif v_op = 'false' then
        return 'false';
    elsif v_op in ('and', 'or') then
        select array_agg(tagpage_count_sql_live(a, p_alias) order by n) into v_args
          from jsonb_array_elements(p_expr->'args') with ordinality as e(a, n);
        if v_args is null then
            return case when v_op = 'and' then 'true' else 'false' end;
        end if;
        return '(' || array_to_string(v_args, case when v_op = 'and' then ' and ' else ' or ' end) || ')';
    end if;
    raise exception 'tag expression: unknown node %', p_expr using errcode = '22023';
end;
$$;
comment on function tagpage_count_sql_live(jsonb, text) is
    'The tag expression as a SQL predicate on content row p_alias, one EXISTS probe per tag ($1 = tag ids).';

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
