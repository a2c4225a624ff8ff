-- Strategy any_union: the union of the requested tags' postings (tag_match 'any').

-- SQL of the any_union strategy.
create or replace function tagpage_strategy_any_union(
    p_shape tagpage_shape
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Distinct (content_id, content_source) over all k posting lists, then joined and sorted:
    -- best when the union is small; sort_first with an ANY probe wins when it is dense.
    return tagpage_sql_tag_first(p_shape,
        format('select distinct t.content_id, t.content_source from content_tags t '
               'where t.tag_id = any(%s) and t.content_source = any(%s)',
               tagpage_sql_req(p_shape, 'tags'), tagpage_sql_req(p_shape, 'sources')));
end;
$$;
