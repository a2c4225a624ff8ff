-- Strategy group_having: one pass over every requested tag's posting list, grouped per row.

-- SQL of the group_having strategy.
create or replace function tagpage_strategy_group_having(
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
    -- Reads all k posting lists (index on (tag_id, content_source, content_id)); a row matches
    -- 'all' when it appears k times ($1 holds distinct tags), 'any' when it appears at all.
    -- Best when the tags are large but their overlap is small or empty.
    return tagpage_sql_tag_first(
        format('select t.content_id, t.content_source from content_tags t '
               'where t.tag_id = any($1) and t.content_source = any($9) '
               'group by t.content_id, t.content_source having count(*) %s',
               case when p_tag_match = 'any' then '>= 1' else '= $8' end),
        p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor);
end;
$$;
