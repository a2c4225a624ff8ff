-- Strategy sort_first: walk the rows in display order and keep those carrying the tags.

-- SQL of the sort_first strategy; with p_shape.budgeted, only the first (request).budget rows
-- are walked.
create or replace function tagpage_strategy_sort_first(
    p_shape tagpage_shape
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Each partition's keyset index is read in order (Merge Append) and every row is probed
    -- through the content_tags primary key with fenced EXISTS, so the walk stops as soon as
    -- (request).fetch rows matched: cheap when matches are dense, a whole-table walk when they
    -- are not. Budgeted: the walk is cut after (request).budget rows (the planner's bound on
    -- what the walk may cost before a tag-first strategy is cheaper); unified_content_page then
    -- checks with tagpage_strategy_sort_first_walked whether the cut was reached and, if so,
    -- falls back.
    if not coalesce(p_shape.budgeted, false) then
        return tagpage_sql_branches(p_shape, 'content_items_all c',
                                    tagpage_sql_tag_probe(p_shape, 'c.id', '{src}', 1),
                                    tagpage_sql_req(p_shape, 'fetch_rows'));
    end if;
    return format('select %1$s from (%2$s) w where %3$s order by %4$s limit %5$s',
                  tagpage_sql_columns('w'), tagpage_strategy_sort_first_walked(p_shape),
                  tagpage_sql_tag_probe(p_shape, 'w.id', 'w.source_type', 1),
                  tagpage_sql_order(p_shape.sort, p_shape.descending, 'w'),
                  tagpage_sql_req(p_shape, 'fetch_rows'));
end;
$$;

-- SQL of the first (request).budget rows of a sort_first walk, before any tag probe.
create or replace function tagpage_strategy_sort_first_walked(
    p_shape tagpage_shape
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Counting these rows tells whether a budgeted walk saw every candidate (fewer than the
    -- budget) or was cut short.
    return tagpage_sql_branches(p_shape, 'content_items_all c', 'true', tagpage_sql_req(p_shape, 'budget'));
end;
$$;
