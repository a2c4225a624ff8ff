-- Strategy sort_first: walk the rows in display order and keep those carrying the tags.

-- SQL of the sort_first strategy; with p_budgeted, only the first $10 rows are walked.
create or replace function tagpage_strategy_sort_first(
    p_items_scope   text,
    p_auto_scope    text,
    p_sort          text,
    p_descending    boolean,
    p_has_cursor    boolean,
    p_k             integer,
    p_tag_match     text,
    p_budgeted      boolean default false
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_walk text;
begin
    -- Each partition's keyset index is read in order (Merge Append) and every row is probed
    -- through the content_tags primary key with fenced EXISTS, so the walk stops as soon as
    -- $3 rows matched: cheap when matches are dense, a whole-table walk when they are not.
    -- Budgeted: the walk is cut after $10 rows (the planner's bound on what the walk may cost
    -- before a tag-first strategy is cheaper); unified_content_page then checks with
    -- tagpage_strategy_sort_first_walked whether the cut was reached and, if so, falls back.
    if not p_budgeted then
        return tagpage_sql_branches(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor,
                                    'content_items_all c',
                                    tagpage_sql_tag_probe('c.id', '{src}', 1, p_k, p_tag_match), '$3');
    end if;
    v_walk := tagpage_strategy_sort_first_walked(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor);
    return format('select %1$s from (%2$s) w where %3$s order by %4$s limit $3',
                  tagpage_sql_columns('w'), v_walk,
                  tagpage_sql_tag_probe('w.id', 'w.source_type', 1, p_k, p_tag_match),
                  tagpage_sql_order(p_sort, p_descending, 'w'));
end;
$$;

-- SQL of the first $10 rows of a sort_first walk, before any tag probe.
create or replace function tagpage_strategy_sort_first_walked(
    p_items_scope   text,
    p_auto_scope    text,
    p_sort          text,
    p_descending    boolean,
    p_has_cursor    boolean
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Counting these rows tells whether a budgeted walk saw every candidate (fewer than $10)
    -- or was cut short.
    return tagpage_sql_branches(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor,
                                'content_items_all c', 'true', '$10');
end;
$$;
