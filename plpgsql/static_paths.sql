-- Precompiled statements for the everyday request shapes.
--
-- A strategy's statement run with EXECUTE is parsed and planned at every call: ~0.3-0.6 ms,
-- more than the index work of a typical page (measured on genonaut 0.1: the canonical walk
-- executes in 0.13 ms as a cached plan, 0.70 ms planned per call). PL/pgSQL caches the plan of
-- a static statement per session, so the common shapes get functions whose bodies hold one
-- static statement per shape, generated here from the very builders the dynamic path uses
-- (tagpage_strategy_sql with the request named p_req instead of $1), so the two cannot drift.
-- Their plans are generic (plan_cache_mode = force_generic_plan): the strategies' shapes are
-- pinned by fences, so values do not change the plan that is right.
--
-- A shape is (sort, scan direction, how each partition is read, tag_match): 'general' scopes
-- walk the sort index, a 'user' scope the creator index (its equality on the leading column
-- makes that the generic plan too). The walks, two_phase_single and any_union are precompiled
-- for any number of tags: tagpage_static_slots() probes each of their own, and for tag_match
-- 'all' one more probe takes the request's further tags one descent each; an 'any' walk over
-- more tags than the slots has a shape of its own ('any_past_slots'), one filtered descent or
-- one descent per tag. The other strategies run through the dynamic path. A boolean tag
-- filter over at most tagpage_static_query_tags() tags is a shape of its own ('query') for the
-- walks: a probe per tag finds which of the request's tags the row carries, and the filter's
-- truth table (tagpage_request.truth) says whether that set passes. The page walk also has a
-- shape for exactly one tag ('one'), the everyday request, whose statement holds that tag's
-- probe only (tagpage_static_shape).
--
-- The walks (no_tags, sort_first without a budget) also come as page functions: the same
-- statement wrapped in the page's output (cursors, has_next / has_prev), returned as the rows
-- of unified_content_page. An array of rows between the statement and a second output statement
-- cost ~60 us of backend CPU per call (docs/performance.md, "Walk pages in one statement").
-- unified_content_page holds the page functions' statements itself (written into it here), so
-- a walk's page is one statement of the entry point (docs/performance.md, "The walk inside
-- the entry point"); the page functions stay for `tagpage explain`'s stage timings.

-- Tag probes a precompiled statement writes out one by one; the request's further tags share
-- one probe (tagpage_sql_tag_probe).
create or replace function tagpage_static_slots()
    returns integer
    immutable
    language sql
return 3;

-- Tags of a boolean tag filter a precompiled walk serves: its per-row probe reads all of them
-- (the dynamic walk stops at the first deciding one), and its truth table has 2^k bits.
create or replace function tagpage_static_query_tags()
    returns integer
    immutable
    language sql
return 4;

-- The precompiled functions: name, strategy, tag matches ('query': a boolean tag filter, tested
-- by its truth table; 'one': exactly one tag, a statement with its one probe only;
-- 'any_past_slots': tag_match 'any' over more tags than the slots), budgeted walk, count of the
-- walk, and whether it returns the page itself (unified_content_page's rows) rather than the
-- rows. A function's matches are tested in this order (tagpage_static_compile).
create or replace function tagpage_static_specs(
    out name        text,
    out strategy    text,
    out matches     text[],
    out budgeted    boolean,
    out walked      boolean,
    out page        boolean
)
    returns setof record
    immutable
    language sql
    set search_path = public, pg_temp
as $$
    values ('tagpage_static_no_tags', 'no_tags', array['all'], false, false, false),
           ('tagpage_static_sort_first', 'sort_first', array['query', 'all', 'any_past_slots', 'any'], false, false, false),
           ('tagpage_static_sort_first_budgeted', 'sort_first', array['query', 'all'], true, false, false),
           ('tagpage_static_sort_first_walked', 'sort_first', array['all'], true, true, false),
           ('tagpage_static_two_phase_single', 'two_phase_single', array['all'], false, false, false),
           ('tagpage_static_any_union', 'any_union', array['any', 'all'], false, false, false),
           ('tagpage_static_page_no_tags', 'no_tags', array['all'], false, false, true),
           ('tagpage_static_page_sort_first', 'sort_first', array['query', 'one', 'all', 'any_past_slots', 'any'],
            false, false, true)
$$;

-- The shape a precompiled statement is written for. 'one' is tag_match 'all' for exactly one tag,
-- its one probe only: every probe is a subplan the executor starts at each call, used or not,
-- and the slots' shape starts ten index scans per call where one tag reads two (one per
-- partition). Every other match holds tagpage_static_slots() probes, each skipped at run time
-- beyond the request's k. Only the page walk takes 'one': two_phase_single's seed, without the
-- probes' filter, gets a generic plan that reads the tag's postings of every partition and
-- filters them by source (zipf 1, one tag of one partition: 2.1 -> 3.8 ms). 'any_past_slots' is
-- tag_match 'any' with no probe written out (slots 0): the filtered descent or one descent per
-- tag through the tags' subscripts (tagpage_sql_tag_probe).
create or replace function tagpage_static_shape(
    p_strategy      text,
    p_items_kind    text,
    p_auto_kind     text,
    p_sort          text,
    p_descending    boolean,
    p_match         text,
    p_budgeted      boolean
)
    returns tagpage_shape
    immutable
    language sql
return case p_match
            when 'one' then row(p_strategy, p_items_kind, p_auto_kind, p_sort, p_descending, 'all', 1, null,
                                'p_req', p_budgeted, null)::tagpage_shape
            when 'any_past_slots' then row(p_strategy, p_items_kind, p_auto_kind, p_sort, p_descending, 'any',
                                           null, 0, 'p_req', p_budgeted, null)::tagpage_shape
            else row(p_strategy, p_items_kind, p_auto_kind, p_sort, p_descending, p_match, null,
                     tagpage_static_slots(), 'p_req', p_budgeted, null)::tagpage_shape end;

-- One page in display order from a strategy's statement (p_sql, scan order, at most fetch_rows
-- rows): the first page_size rows with their cursors, has_next / has_prev from the extra row.
create or replace function tagpage_static_page_sql(
    p_sql       text,
    p_strategy  text,
    p_prev      boolean
)
    returns text
    immutable
    language sql
    set search_path = public, pg_temp
as $$
    -- What unified_content_page's output statements do with an array of rows, here straight
    -- from the statement. A 'next' page is already in display order (has_prev: a cursor was
    -- given); a 'prev' page was read backwards and is reversed by row number, a Sort of at most
    -- 500 rows (has_next: the cursor's own row follows). OFFSET 0 keeps each row's cursor tail
    -- one column (pulled up, it would be encoded once per cursor).
    select format(
        'select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, '
        || 'w.created_at, w.content_type, w.path_thumb, w.updated_at, %s, %s, '
        || 'tagpage_cursor_head(''next'') || c.tail, tagpage_cursor_head(''prev'') || c.tail, %L::text '
        || 'from (select s.*, count(*) over () as n, row_number() over () as r from (%s) s) w '
        || 'cross join lateral (select tagpage_cursor_tail(p_req.sort, w.quality_score, w.created_at, '
        || 'w.id, w.source_type) as tail offset 0) c '
        || 'where w.r <= p_req.page_size%s',
        case when p_prev then 'true' else 'w.n > p_req.page_size' end,
        case when p_prev then 'w.n > p_req.page_size' else 'p_req.has_cursor' end,
        p_strategy, p_sql,
        case when p_prev then ' order by w.r desc' else '' end)
$$;

-- (Re)create the precompiled functions from the strategy builders, and write the page
-- functions' statements into unified_content_page; returns how many functions it wrote.
create or replace function tagpage_static_compile()
    returns integer
    volatile
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_spec      record;
    v_sort      text;
    v_desc      boolean;
    v_kinds     text[];
    v_match     text;
    v_shape     tagpage_shape;
    v_sql       text;
    v_body      text;
    v_by_desc   text;
    v_by_kinds  text;
    v_by_match  text;
    v_walks     text;
    v_def       text;
    v_from      integer;
    v_to        integer;
    v_count     integer := 0;
begin
    -- Runs at migration time (the revision that installs this file calls it). The SQL comes
    -- from our builders; the only values are our own names, quoted with %I / %L.
    v_walks := '';
    for v_spec in select * from tagpage_static_specs() loop
        v_body := '';
        foreach v_sort in array array['created_at_desc', 'created_at_asc', 'quality_score_desc'] loop
            v_by_desc := '';
            foreach v_desc in array array[true, false] loop
                v_by_kinds := '';
                foreach v_kinds slice 1 in array array[['general', 'general'], ['general', null], [null, 'general'],
                                                               ['user', 'user'], ['user', null], [null, 'user'],
                                                               ['user', 'general'], ['general', 'user']] loop
                    v_by_match := '';
                    foreach v_match in array v_spec.matches loop
                        v_shape := tagpage_static_shape(v_spec.strategy, v_kinds[1], v_kinds[2], v_sort, v_desc,
                                                        v_match, v_spec.budgeted);
                        if v_spec.walked then
                            v_sql := format('return (select count(*) from (%s) w);',
                                            tagpage_strategy_sort_first_walked(v_shape));
                        elsif v_spec.page then
                            v_sql := tagpage_strategy_sql(v_shape);
                            v_sql := format(E'if p_req.direction = ''next'' then\n'
                                            || E'                        return query %s;\n'
                                            || E'                    else\n'
                                            || E'                        return query %s;\n'
                                            || E'                    end if;\n'
                                            || '                    return;',
                                            tagpage_static_page_sql(v_sql, v_spec.strategy, false),
                                            tagpage_static_page_sql(v_sql, v_spec.strategy, true));
                        else
                            v_sql := format('return array(select row(%s)::tagpage_page_row from (%s) w);',
                                            tagpage_sql_columns('w'), tagpage_strategy_sql(v_shape));
                        end if;
                        -- a filtered request keeps tag_match 'all': its branch comes first; a
                        -- request past the slots before the few tags' 'any'
                        v_by_match := v_by_match || format(
                            E'\n                if %s then\n                    %s\n                end if;',
                            case v_match
                                when 'query' then 'p_req.expr is not null'
                                when 'one' then 'p_req.expr is null and p_req.k = 1'
                                when 'any_past_slots' then format('p_req.tag_match = ''any'' and p_req.k > %s',
                                                                  tagpage_static_slots())
                                else format('p_req.tag_match = %L', v_match) end,
                            v_sql);
                    end loop;
                    v_by_kinds := v_by_kinds || format(
                        E'\n            if p_req.items_kind is not distinct from %L and p_req.auto_kind is not distinct from %L then%s\n            end if;',
                        v_kinds[1], v_kinds[2], v_by_match);
                end loop;
                v_by_desc := v_by_desc || format(E'\n        if p_req.descending = %L then%s\n        end if;',
                                                 v_desc, v_by_kinds);
            end loop;
            v_body := v_body || format(E'\n    if p_req.sort = %L then%s\n    end if;', v_sort, v_by_desc);
        end loop;
        execute format(
            E'create or replace function %I(\n    p_req tagpage_request\n)\n'
            || E'    returns %s\n    stable\n    language plpgsql\n    set search_path = public, pg_temp\n'
            || E'    set plan_cache_mode = force_generic_plan\n%s'
            || 'as %L',
            v_spec.name,
            case when v_spec.walked then 'bigint'
                 when v_spec.page then 'table (id bigint, source_type text, title text, creator_id uuid, '
                                       || 'is_private boolean, quality_score real, created_at timestamptz, '
                                       || 'content_type text, path_thumb text, updated_at timestamptz, '
                                       || 'has_next boolean, has_prev boolean, next_cursor text, '
                                       || 'prev_cursor text, strategy text)'
                 else 'tagpage_page_row[]' end,
            case when v_spec.strategy in ('no_tags', 'sort_first') then E'    set enable_sort = off\n' else '' end,
            format(E'\n%sbegin\n    -- Generated by tagpage_static_compile() from the %s builder: one static statement per\n'
                   || E'    -- shape, each planned once per session and reused.%s\n'
                   || E'    raise exception ''%s: no precompiled statement for this shape'' using errcode = ''XX000'';\nend;\n',
                   -- a page function's output columns are named like the statement's: columns win
                   case when v_spec.page then E'#variable_conflict use_column\n' else '' end,
                   v_spec.strategy, v_body, v_spec.name));
        execute format('comment on function %I(tagpage_request) is %L', v_spec.name,
                       format('Precompiled %s statements (generated by tagpage_static_compile).', v_spec.strategy));
        if v_spec.page then
            v_walks := v_walks || format(E'\n        if v_plan.strategy = %L then%s\n        end if;',
                                         v_spec.strategy, v_body);
        end if;
        v_count := v_count + 1;
    end loop;

    -- unified_content_page as installed, with its page functions' calls (between its walks
    -- marks) replaced by their statements; run again, it replaces the statements it wrote.
    -- CREATE OR REPLACE keeps its owner, grants and comment; the definition keeps the rest.
    v_def := pg_get_functiondef(
        'unified_content_page(uuid[], text, integer, uuid, text[], text, text, text)'::regprocedure);
    v_from := strpos(v_def, '-- <walks>');
    v_to := strpos(v_def, '-- </walks>');
    if v_from = 0 or v_to < v_from then
        raise exception 'tagpage_static_compile: unified_content_page has no walks marks'
            using errcode = 'XX000';
    end if;
    execute left(v_def, v_from + length('-- <walks>') - 1)
            || E'\n        -- Generated by tagpage_static_compile() from the page functions: the statements of'
            || E'\n        -- tagpage_static_page_no_tags and tagpage_static_page_sort_first.'
            || v_walks
            || E'\n        raise exception ''unified_content_page: no precompiled walk for this shape'' using errcode = ''XX000'';'
            || E'\n        ' || substr(v_def, v_to);
    return v_count + 1;
end;
$$;

-- Whether a precompiled function serves this request with this strategy.
create or replace function tagpage_static_serves(
    p_req       tagpage_request,
    p_strategy  text
)
    returns boolean
    immutable
    language sql
return (p_req.items_kind is not null or p_req.auto_kind is not null)
       and case when p_req.expr is not null then p_strategy = 'sort_first' and p_req.truth is not null
                else case p_strategy
                         when 'no_tags' then true
                         when 'sort_first' then true
                         when 'two_phase_single' then true
                         when 'any_union' then true
                         else false
                     end
           end;

-- Whether a page function serves a planned request: a walk without a budget, precompiled.
create or replace function tagpage_static_page_serves(
    p_req   tagpage_request,
    p_plan  tagpage_plan_choice
)
    returns boolean
    immutable
    language sql
return p_plan.budget is null
       and p_plan.strategy in ('no_tags', 'sort_first')
       and tagpage_static_serves(p_req, p_plan.strategy);

select tagpage_static_compile();
