-- Strategy no_tags: no tag filter, a plain keyset walk of each needed partition.

-- SQL of the no_tags strategy.
create or replace function tagpage_strategy_no_tags(
    p_shape tagpage_shape
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Each branch is an index range scan from the cursor position, so the cost is the page
    -- size whatever the depth.
    return tagpage_sql_branches(p_shape, 'content_items_all c', 'true', tagpage_sql_req(p_shape, 'fetch_rows'));
end;
$$;
