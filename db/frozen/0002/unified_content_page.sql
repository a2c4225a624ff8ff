-- unified_content_page: validate -> decode cursor -> plan -> one strategy's SQL
-- -> rows in display order with their cursors.

-- The statement of one strategy (parameters as described in strategies/common.sql).
create or replace function tagpage_strategy_sql(
    p_strategy      text,
    p_items_scope   text,
    p_auto_scope    text,
    p_sort          text,
    p_descending    boolean,
    p_has_cursor    boolean,
    p_k             integer,
    p_tag_match     text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- A dispatcher, so each strategy stays in its own file and is reachable by name.
    return case p_strategy
        when 'no_tags' then tagpage_strategy_no_tags(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor, p_k, p_tag_match)
        when 'sort_first' then tagpage_strategy_sort_first(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor, p_k, p_tag_match)
        when 'self_join' then tagpage_strategy_self_join(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor, p_k, p_tag_match)
        when 'group_having' then tagpage_strategy_group_having(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor, p_k, p_tag_match)
        when 'two_phase_single' then tagpage_strategy_two_phase_single(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor, p_k, p_tag_match)
        when 'two_phase_dual' then tagpage_strategy_two_phase_dual(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor, p_k, p_tag_match)
        when 'any_union' then tagpage_strategy_any_union(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor, p_k, p_tag_match)
    end;
end;
$$;

-- One page of tag-filtered content in keyset order, with cursors.
create or replace function unified_content_page(
    tags         uuid[]  default null,
    cursor       text    default null,
    page_size    integer default 25,
    user_id      uuid    default null,
    source_types text[]  default null,
    tag_match    text    default 'all',
    sort         text    default 'created_at_desc'
)
    returns table (
        id              bigint,
        source_type     text,
        title           text,
        creator_id      uuid,
        is_private      boolean,
        quality_score   real,
        created_at      timestamptz,
        content_type    text,
        path_thumb      text,
        updated_at      timestamptz,
        has_next        boolean,
        has_prev        boolean,
        next_cursor     text,
        prev_cursor     text,
        strategy        text
    )
    stable
    language plpgsql
    set search_path = public, pg_temp
    set jit = off
    set extra_float_digits = 1
    set plan_cache_mode = force_generic_plan
as $$
declare
    v_sort          text := coalesce($7, 'created_at_desc');
    v_tag_match     text := coalesce($6, 'all');
    v_page_size     integer := coalesce($3, 25);
    v_cursor        text := $2;
    v_user_id       uuid := $4;
    v_req           record;
    v_pos           record;
    v_direction     text := 'next';
    v_descending    boolean;
    v_plan          jsonb;
    v_strategy      text;
    v_tags          uuid[];
    v_sources       text[];
    v_k             integer;
    v_budget        integer;
    v_source_sql    text;
    v_rows          tagpage_page_row[];
    v_walked        bigint;
    v_sql           text;
    v_enable_sort   text;
    v_work_mem      text;
    v_max_work_mem  integer;
begin
    -- The strategy statement fetches page_size + 1 rows from the cursor position in scan order
    -- (display order, reversed for a 'prev' cursor); the extra row only says whether more
    -- exist in that direction. No OFFSET anywhere: the cost of a page does not grow with depth.
    -- Cursors: next_cursor = this row, direction next; prev_cursor = this row, direction prev.
    -- jit = off: compiling costs 100+ ms and these statements return at most 501 rows; the
    -- estimates that would trigger it (big posting lists, the enable_sort pin) are not run time.
    -- extra_float_digits = 1: the inline cursor expressions (tagpage_sql_cursor) need it.
    -- plan_cache_mode: the static lookups of this call and of the functions it calls
    -- (validation, planner reads, cursor decoding) reuse one generic plan instead of planning
    -- anew at each call (0.1 ms of the planner's 0.3); the strategy statement is dynamic SQL,
    -- planned with its values every time whatever this says.
    select * into v_req from tagpage_request_normalize($1, v_page_size, v_user_id, $5, v_tag_match, v_sort);
    if v_cursor is not null then
        select * into v_pos from tagpage_cursor_decode(v_cursor, v_sort);
        v_direction := v_pos.direction;
    else
        select null::real as quality_score, null::timestamptz as created_at, null::bigint as id,
               null::text as source_type into v_pos;
    end if;
    v_descending := (v_sort <> 'created_at_asc') = (v_direction = 'next');

    v_plan := tagpage_plan(v_req.tags, v_req.items_scope, v_req.auto_scope, v_tag_match, v_page_size);
    v_strategy := v_plan->>'strategy';
    v_k := (v_plan->>'k')::integer;
    v_tags := coalesce(array(select jsonb_array_elements_text(v_plan->'tags')::uuid), '{}');
    v_sources := array(select jsonb_array_elements_text(v_plan->'sources'));
    v_budget := (v_plan->>'walk_budget')::integer;
    if v_strategy in ('no_tags', 'sort_first') then
        -- Pin the walk: on small partitions PostgreSQL may prefer a Seq Scan and a Sort of the
        -- whole filtered partition, which stops being cheap as the data grows. Restored below.
        v_enable_sort := current_setting('enable_sort');
        perform set_config('enable_sort', 'off', true);
    end if;

    if v_budget is not null then
        -- Budgeted walk: keep its rows if it filled the page or saw every candidate; otherwise
        -- the tags overlap less than estimated and the planner's tag-first fallback serves.
        execute format('select array_agg(row(%s)::tagpage_page_row) from (%s) w',
                       tagpage_sql_columns('w'),
                       tagpage_strategy_sort_first(v_req.items_scope, v_req.auto_scope, v_sort, v_descending,
                                                   v_cursor is not null, v_k, v_tag_match, true))
           into v_rows
          using v_tags, v_user_id, v_page_size + 1, v_pos.quality_score, v_pos.created_at,
                v_pos.id, v_pos.source_type, v_k, v_sources, v_budget;
        if coalesce(cardinality(v_rows), 0) <= v_page_size then
            execute format('select count(*) from (%s) w',
                           tagpage_strategy_sort_first_walked(v_req.items_scope, v_req.auto_scope, v_sort,
                                                              v_descending, v_cursor is not null))
               into v_walked
              using v_tags, v_user_id, v_page_size + 1, v_pos.quality_score, v_pos.created_at,
                    v_pos.id, v_pos.source_type, v_k, v_sources, v_budget;
        end if;
        if v_walked is null or v_walked < v_budget then
            v_source_sql := format('select %s from unnest($11) r', tagpage_sql_columns('r'));
        else
            v_strategy := v_plan->>'fallback';
            perform set_config('enable_sort', v_enable_sort, true);
            v_enable_sort := null;
        end if;
    end if;
    if v_source_sql is null then
        v_source_sql := tagpage_strategy_sql(v_strategy, v_req.items_scope, v_req.auto_scope, v_sort,
                                             v_descending, v_cursor is not null, v_k, v_tag_match);
    end if;
    if v_strategy not in ('no_tags', 'sort_first') then
        -- Tag-first strategies hash or sort whole posting lists: give them up to max_work_mem_mb
        -- (never less than the session has) so they do not spill. Restored below.
        select (c.value #>> '{}')::integer into v_max_work_mem from planner_config c
         where c.key = 'max_work_mem_mb';
        if v_max_work_mem is not null
           and pg_size_bytes(current_setting('work_mem')) < v_max_work_mem::bigint * 1024 * 1024 then
            v_work_mem := current_setting('work_mem');
            perform set_config('work_mem', v_max_work_mem || 'MB', true);
        end if;
    end if;

    v_sql := format(
        'with page as materialized (%1$s), '
        'numbered as (select p.*, row_number() over (order by %2$s) as rn, count(*) over () as fetched from page p) '
        'select %3$s, %4$s, %5$s, '
        '%6$s, %7$s, %8$L::text '
        'from numbered n where n.rn <= $12 order by %9$s',
        v_source_sql,
        tagpage_sql_order(v_sort, v_descending, 'p'),
        tagpage_sql_columns('n'),
        case when v_direction = 'next' then 'n.fetched > $12' else 'true' end,
        case when v_direction = 'prev' then 'n.fetched > $12'
             when v_cursor is not null then 'true' else 'false' end,
        tagpage_sql_cursor(v_sort, 'next', 'n'),
        tagpage_sql_cursor(v_sort, 'prev', 'n'),
        v_strategy,
        tagpage_sql_order(v_sort, v_sort <> 'created_at_asc', 'n'));
    return query execute v_sql
        using v_tags, v_user_id, v_page_size + 1, v_pos.quality_score, v_pos.created_at,
              v_pos.id, v_pos.source_type, v_k, v_sources, v_budget, v_rows, v_page_size;
    if v_enable_sort is not null then
        perform set_config('enable_sort', v_enable_sort, true);
    end if;
    if v_work_mem is not null then
        perform set_config('work_mem', v_work_mem, true);
    end if;
end;
$$;
