-- Strategy any_union: the union of the requested tags' postings (tag_match 'any').

-- SQL of the any_union strategy.
create or replace function tagpage_strategy_any_union(
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
    -- Distinct (content_id, content_source) over all k posting lists, then joined and sorted:
    -- best when the union is small; sort_first with an ANY probe wins when it is dense.
    return tagpage_sql_tag_first(
        'select distinct t.content_id, t.content_source from content_tags t '
        'where t.tag_id = any($1) and t.content_source = any($9)',
        p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor);
end;
$$;
