-- Strategy no_tags: no tag filter, a plain keyset walk of each needed partition.

-- SQL of the no_tags strategy (parameters as in strategies/common.sql).
create or replace function tagpage_strategy_no_tags(
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
    -- Each branch is an index range scan from the cursor position, so the cost is the page
    -- size whatever the depth.
    return tagpage_sql_branches(p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor,
                                'content_items_all c', 'true', '$3');
end;
$$;
