-- Strategy self_join: the rarest tag's postings joined to one copy of content_tags per other tag.

-- SQL of the self_join strategy (tag_match 'all').
create or replace function tagpage_strategy_self_join(
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
declare
    v_joins text := '';
begin
    -- k copies of content_tags joined on (content_id, content_source), rarest tag driving.
    -- Planning cost grows with k, hence small_k_threshold.
    for i in 2 .. p_k loop
        v_joins := v_joins || format(
            ' join content_tags %1$I on %1$I.content_id = t1.content_id'
            ' and %1$I.content_source = t1.content_source and %1$I.tag_id = $1[%2$s]',
            't' || i, i);
    end loop;
    return tagpage_sql_tag_first(
        format('select t1.content_id, t1.content_source from content_tags t1%s '
               'where t1.tag_id = $1[1] and t1.content_source = any($9)', v_joins),
        p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor);
end;
$$;
