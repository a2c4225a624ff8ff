-- unified_content_page: build the request -> plan -> fetch the rows with one strategy ->
-- return them in display order with their cursors.

-- The shape of a strategy's statement for a request, as the builders take it.
create or replace function tagpage_shape_of(
    p_req       tagpage_request,
    p_strategy  text,
    p_budgeted  boolean default false
)
    returns tagpage_shape
    immutable
    language sql
    set search_path = public, pg_temp
as $$
    -- The dynamic path writes exactly k probes and names the request $1 (EXECUTE ... USING).
    select row(p_strategy, p_req.items_kind, p_req.auto_kind, p_req.sort, p_req.descending,
               p_req.tag_match, p_req.k, null, '$1', p_budgeted, p_req.expr)::tagpage_shape
$$;

-- The statement of one strategy for a shape.
create or replace function tagpage_strategy_sql(
    p_shape tagpage_shape
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- A dispatcher, so each strategy stays in its own file and is reachable by name.
    return case p_shape.strategy
        when 'no_tags' then tagpage_strategy_no_tags(p_shape)
        when 'sort_first' then tagpage_strategy_sort_first(p_shape)
        when 'self_join' then tagpage_strategy_self_join(p_shape)
        when 'group_having' then tagpage_strategy_group_having(p_shape)
        when 'two_phase_single' then tagpage_strategy_two_phase_single(p_shape)
        when 'two_phase_dual' then tagpage_strategy_two_phase_dual(p_shape)
        when 'any_union' then tagpage_strategy_any_union(p_shape)
        when 'bitmap' then tagpage_strategy_bitmap(p_shape)
    end;
end;
$$;

-- Rows of a walk strategy (no_tags, sort_first) planned for this call's values.
create or replace function tagpage_run_walk(
    p_req   tagpage_request,
    p_shape tagpage_shape
)
    returns tagpage_page_row[]
    stable
    language plpgsql
    set search_path = public, pg_temp
    set enable_sort = off
as $$
begin
    -- enable_sort off pins the walk: on small partitions PostgreSQL may prefer a Seq Scan and a
    -- Sort of the whole filtered partition, which stops being cheap as the data grows. The
    -- function's SET clause restores the caller's value on the way out.
    return tagpage_run_statement(p_req, p_shape);
end;
$$;

-- How many rows a budgeted walk read (the budget when it was cut short).
create or replace function tagpage_run_walked(
    p_req   tagpage_request,
    p_shape tagpage_shape
)
    returns bigint
    stable
    language plpgsql
    set search_path = public, pg_temp
    set enable_sort = off
as $$
declare
    v_walked bigint;
begin
    -- Same pin as tagpage_run_walk: the count walks the same index range the walk did.
    execute format('select count(*) from (%s) w', tagpage_strategy_sort_first_walked(p_shape))
       into v_walked
      using p_req;
    return v_walked;
end;
$$;

-- Rows of a strategy's statement planned for this call's values (the tag-first ones directly).
create or replace function tagpage_run_statement(
    p_req   tagpage_request,
    p_shape tagpage_shape
)
    returns tagpage_page_row[]
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_rows tagpage_page_row[];
begin
    -- The text comes from our builders; the request's values are bound, never written into it.
    execute format('select array(select row(%s)::tagpage_page_row from (%s) w)',
                   tagpage_sql_columns('w'), tagpage_strategy_sql(p_shape))
       into v_rows
      using p_req;
    return v_rows;
end;
$$;

-- The rows one strategy returns for a request, in scan order (at most fetch = page_size + 1).
create or replace function tagpage_page_rows(
    p_req       tagpage_request,
    p_strategy  text
)
    returns tagpage_page_row[]
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- A precompiled statement when one serves the shape (static_paths.sql), else the strategy's
    -- statement planned for this call.
    if tagpage_static_serves(p_req, p_strategy) then
        case p_strategy
            when 'no_tags' then return tagpage_static_no_tags(p_req);
            when 'sort_first' then return tagpage_static_sort_first(p_req);
            when 'two_phase_single' then return tagpage_static_two_phase_single(p_req);
            when 'any_union' then return tagpage_static_any_union(p_req);
            else null;
        end case;
    end if;
    if p_strategy in ('no_tags', 'sort_first') then
        return tagpage_run_walk(p_req, tagpage_shape_of(p_req, p_strategy));
    end if;
    if p_strategy = 'bitmap' then
        return tagpage_run_bitmap(p_req);
    end if;
    return tagpage_run_statement(p_req, tagpage_shape_of(p_req, p_strategy));
end;
$$;

-- A budgeted sort_first walk: its rows, or NULL when the budget ran out before the page filled.
create or replace function tagpage_page_rows_budgeted(
    p_req tagpage_request
)
    returns tagpage_page_row[]
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_rows      tagpage_page_row[];
    v_walked    bigint;
    v_static    boolean := tagpage_static_serves(p_req, 'sort_first');
begin
    -- Keep the walk's rows if it filled the page or saw every candidate; otherwise the tags
    -- overlap less than estimated and the caller runs the planner's tag-first fallback.
    if v_static then
        v_rows := tagpage_static_sort_first_budgeted(p_req);
    else
        v_rows := tagpage_run_walk(p_req, tagpage_shape_of(p_req, 'sort_first', true));
    end if;
    if coalesce(cardinality(v_rows), 0) >= p_req.fetch_rows then
        return v_rows;
    end if;
    if v_static then
        v_walked := tagpage_static_sort_first_walked(p_req);
    else
        v_walked := tagpage_run_walked(p_req, tagpage_shape_of(p_req, 'sort_first', true));
    end if;
    return case when v_walked < p_req.budget then coalesce(v_rows, '{}') end;
end;
$$;

-- The rows of a planned request in scan order, and the strategy that produced them.
create or replace function tagpage_page_fetch(
    p_req           tagpage_request,
    p_plan          tagpage_plan_choice,
    out page_rows   tagpage_page_row[],
    out strategy    text
)
    stable
    language plpgsql
    set search_path = public, pg_temp
    set enable_sort = on
as $$
declare
    v_req       tagpage_request := p_req;
    v_work_mem  text;
begin
    -- The plan's tag order, 'any' probe, walk budget and seed go into the request the
    -- statements read (here, once, for every caller). A budgeted walk first when the planner
    -- asked for one; its fallback, or the planned strategy, otherwise. Tag-first strategies
    -- hash or sort whole posting lists: they get up to max_work_mem_mb (never less than the
    -- session has) so they do not spill, for their statement only. enable_sort = on:
    -- unified_content_page turns it off for its walks, and the tag-first statements may need
    -- to sort.
    v_req.tags := p_plan.tags;
    v_req.any_filtered := p_plan.any_filtered;
    v_req.budget := p_plan.budget;
    v_req.seed_tags := p_plan.seed_tags;
    strategy := p_plan.strategy;
    if p_plan.budget is not null then
        page_rows := tagpage_page_rows_budgeted(v_req);
        if page_rows is not null then
            return;
        end if;
        strategy := p_plan.fallback;
    end if;
    if strategy not in ('no_tags', 'sort_first')
       and pg_size_bytes(current_setting('work_mem')) < p_plan.work_mem_mb::bigint * 1024 * 1024 then
        v_work_mem := current_setting('work_mem');
        perform set_config('work_mem', p_plan.work_mem_mb || 'MB', true);
    end if;
    page_rows := coalesce(tagpage_page_rows(v_req, strategy), '{}');
    if v_work_mem is not null then
        perform set_config('work_mem', v_work_mem, true);
    end if;
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
    sort         text    default 'created_at_desc',
    tag_query    text    default null
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
    set enable_sort = off
as $$
#variable_conflict use_column
declare
    v_req       tagpage_request;
    p_req       alias for v_req;  -- the name the precompiled walks' statements use
    v_plan      tagpage_plan_choice;
    v_fetch     record;
    v_rows      tagpage_page_row[];
    v_more      boolean;
begin
    -- The strategy fetches page_size + 1 rows from the cursor position in scan order (display
    -- order, reversed for a 'prev' cursor); the extra row only says whether more exist in that
    -- direction. No OFFSET anywhere: the cost of a page does not grow with depth.
    -- jit = off: compiling costs 100+ ms and these statements return at most 501 rows.
    -- extra_float_digits = 1: cursors write quality_score as its shortest exact text.
    -- plan_cache_mode: every static statement of this call and of the functions it calls
    -- (validation, planner reads, precompiled strategy statements) reuses one generic plan.
    -- enable_sort = off: the walks' generic plans merge the partitions' index order rather
    -- than sort (tagpage_page_fetch turns it back on for the tag-first statements).
    -- use_column: the walks' statements name columns like this function's output columns.
    v_req := tagpage_request_build($1, $2, coalesce($3, 25), $4, $5, coalesce($6, 'all'),
                                   coalesce($7, 'created_at_desc'), $8);
    -- No partition is read (user-* words without a user_id): no row can match, so there is
    -- nothing to plan or run. A forced strategy still runs its statement (the bench's and the
    -- tests' view of each strategy).
    if v_req.items_kind is null and v_req.auto_kind is null and tagpage_forced_strategy() is null then
        return;
    end if;
    v_plan := tagpage_plan(v_req);

    -- A walk without a budget whose shape is precompiled: one statement returns the rows with
    -- their cursors (static_paths.sql). Everything else fetches the rows first and builds the
    -- page below. As written here, the walk is a call of its page function; installing
    -- static_paths.sql replaces the lines between the marks with those functions' statements
    -- (tagpage_static_compile), which saves a call, its settings and a copy of the rows:
    -- ~40 us of a 250 us page.
    if tagpage_static_page_serves(v_req, v_plan) then
        v_req.tags := v_plan.tags;
        v_req.any_filtered := v_plan.any_filtered;
        -- <walks>
        if v_plan.strategy = 'no_tags' then
            return query select * from tagpage_static_page_no_tags(v_req);
        else
            return query select * from tagpage_static_page_sort_first(v_req);
        end if;
        return;
        -- </walks>
    end if;

    v_fetch := tagpage_page_fetch(v_req, v_plan);
    v_rows := v_fetch.page_rows;

    -- Cursors: next_cursor = this row, direction next; prev_cursor = this row, direction prev.
    -- has_next / has_prev come from the extra row, not from window functions over the page.
    -- A 'next' page is already in display order; a 'prev' page is read backwards and reversed
    -- here. Two statements, so the everyday one has no Sort (~25 us of backend CPU a call).
    -- OFFSET 0 keeps each row's tail a column: pulled up, the subquery's expression would be
    -- copied into both cursors and encoded twice (~120 us of backend CPU a page, measured).
    v_more := cardinality(v_rows) > v_req.page_size;
    if v_req.direction = 'next' then
        return query
            select r.id, r.source_type, r.title, r.creator_id, r.is_private, r.quality_score,
                   r.created_at, r.content_type, r.path_thumb, r.updated_at,
                   v_more,
                   v_req.has_cursor,
                   tagpage_cursor_head('next') || c.tail,
                   tagpage_cursor_head('prev') || c.tail,
                   v_fetch.strategy
              from unnest(v_rows[1:v_req.page_size])
                   as r(id, source_type, title, creator_id, is_private, quality_score, created_at,
                        content_type, path_thumb, updated_at)
              cross join lateral (select tagpage_cursor_tail(v_req.sort, r.quality_score, r.created_at,
                                                             r.id, r.source_type) as tail
                                    offset 0) c;
        return;
    end if;
    return query
        select r.id, r.source_type, r.title, r.creator_id, r.is_private, r.quality_score,
               r.created_at, r.content_type, r.path_thumb, r.updated_at,
               true,
               v_more,
               tagpage_cursor_head('next') || c.tail,
               tagpage_cursor_head('prev') || c.tail,
               v_fetch.strategy
          from unnest(v_rows[1:v_req.page_size]) with ordinality
               as r(id, source_type, title, creator_id, is_private, quality_score, created_at,
                    content_type, path_thumb, updated_at, ord)
          cross join lateral (select tagpage_cursor_tail(v_req.sort, r.quality_score, r.created_at,
                                                         r.id, r.source_type) as tail
                                offset 0) c
         order by r.ord desc;
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
    sort         text    default 'created_at_desc',
    tag_query    text    default null
)
    returns jsonb
    stable
    language plpgsql
    set search_path = public, pg_temp
    set plan_cache_mode = force_generic_plan
as $$
declare
    v_req   tagpage_request;
    v_plan  jsonb;
begin
    -- Validates exactly like unified_content_page (same errors), then asks the planner for its
    -- decision with the estimates it compared, and says whether a precompiled statement serves.
    v_req := tagpage_request_build($1, $2, coalesce($3, 25), $4, $5, coalesce($6, 'all'),
                                   coalesce($7, 'created_at_desc'), $8);
    v_plan := (tagpage_plan(v_req, true)).detail;
    if v_req.items_kind is null and v_req.auto_kind is null and tagpage_forced_strategy() is null then
        -- what unified_content_page does with it: an empty page, no statement
        v_plan := v_plan || jsonb_build_object(
            'reason', 'the scope reads no partition (user-* sources without a user_id): the page is empty '
                      'and no statement runs');
    end if;
    return v_plan || jsonb_build_object('precompiled', tagpage_static_serves(v_req, v_plan->>'strategy'));
end;
$$;

-- Server-side time of each stage of unified_content_page, median of p_calls calls (ms).
create or replace function tagpage_page_stage_timings(
    p_calls         integer,
    tags            uuid[]  default null,
    cursor          text    default null,
    page_size       integer default 25,
    user_id         uuid    default null,
    source_types    text[]  default null,
    tag_match       text    default 'all',
    sort            text    default 'created_at_desc',
    tag_query       text    default null
)
    returns table (stage text, median_ms float8)
    volatile
    language plpgsql
    set search_path = public, pg_temp
    set jit = off
    set extra_float_digits = 1
    set plan_cache_mode = force_generic_plan
as $$
declare
    v_req       tagpage_request;
    v_plan      tagpage_plan_choice;
    v_fetch     record;
    v_stage     text;
    v_t         timestamptz;
    v_build     float8[] := '{}';
    v_planned   float8[] := '{}';
    v_fetched   float8[] := '{}';
    v_whole     float8[] := '{}';
begin
    -- For `tagpage explain`: where a call's time goes, measured inside the server (no network),
    -- with the same settings unified_content_page runs under. "whole" is the complete call; what
    -- it spends beyond build + plan + fetch is the output step (cursors, has_next / has_prev),
    -- except for a walk with a page function, whose one statement is both (timed as the fetch).
    for i in 1 .. greatest(p_calls, 1) loop
        v_t := clock_timestamp();
        v_req := tagpage_request_build($2, $3, coalesce($4, 25), $5, $6, coalesce($7, 'all'),
                                       coalesce($8, 'created_at_desc'), $9);
        v_build := v_build || extract(epoch from clock_timestamp() - v_t) * 1000;
        v_t := clock_timestamp();
        v_plan := tagpage_plan(v_req);
        v_planned := v_planned || extract(epoch from clock_timestamp() - v_t) * 1000;
        v_t := clock_timestamp();
        if tagpage_static_page_serves(v_req, v_plan) then
            v_req.tags := v_plan.tags;
            v_req.any_filtered := v_plan.any_filtered;
            if v_plan.strategy = 'no_tags' then
                perform count(*) from tagpage_static_page_no_tags(v_req);
            else
                perform count(*) from tagpage_static_page_sort_first(v_req);
            end if;
            v_stage := v_plan.strategy || ', with the page: one statement';
        else
            v_fetch := tagpage_page_fetch(v_req, v_plan);
            v_stage := v_fetch.strategy;
        end if;
        v_fetched := v_fetched || extract(epoch from clock_timestamp() - v_t) * 1000;
        v_t := clock_timestamp();
        perform count(*) from unified_content_page($2, $3, $4, $5, $6, $7, $8, $9);
        v_whole := v_whole || extract(epoch from clock_timestamp() - v_t) * 1000;
    end loop;
    return query
        select x.stage, (select percentile_cont(0.5) within group (order by v) from unnest(x.times) v)
          from (values (1, 'build request', v_build), (2, 'plan', v_planned),
                       (3, 'fetch rows (' || v_stage || ')', v_fetched),
                       (4, 'whole call', v_whole)) as x(ord, stage, times)
         order by x.ord;
end;
$$;
