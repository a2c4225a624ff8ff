-- Strategy group_having: one pass over every requested tag's posting list, grouped per row.

-- SQL of the group_having strategy ('all': a row carrying all k tags; 'any': at least one).
create or replace function tagpage_strategy_group_having(
    p_shape tagpage_shape
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Reads all k posting lists (index on (tag_id, content_source, content_id)); a row matches
    -- 'all' when it appears k times (tags are distinct), 'any' when it appears at all.
    -- Best when the tags are large but their overlap is small or empty.
    return tagpage_sql_tag_first(p_shape,
        format('select t.content_id, t.content_source from content_tags t '
               'where t.tag_id = any(%s) and t.content_source = any(%s) '
               'group by t.content_id, t.content_source having count(*) %s',
               tagpage_sql_req(p_shape, 'tags'), tagpage_sql_req(p_shape, 'sources'),
               case when p_shape.tag_match = 'any' then '>= 1' else '= ' || tagpage_sql_req(p_shape, 'k') end));
end;
$$;
