-- Read helpers for the least-privileged web role (revision 0005).

-- Tag names of content rows the viewer may see, for a page's item chips.
create or replace function item_tag_names(
    p_ids      bigint[],
    p_sources  text[],
    p_user_id  uuid default null
)
    returns table (content_id bigint, content_source text, names text[])
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- The web role cannot read content_tags (it would reveal private rows' tags); this returns
    -- names only for rows visible to p_user_id: public rows, or private rows it created.
    -- p_ids and p_sources are parallel arrays of row identities (id, source_type).
    if cardinality(p_ids) is distinct from cardinality(p_sources) then
        raise exception 'p_sources: must have as many elements as p_ids' using errcode = '22023';
    end if;
    if cardinality(p_ids) > 1000 then
        raise exception 'p_ids: at most 1000 rows per call' using errcode = '22023';
    end if;
    -- Visibility is decided once per row, in a fenced step, before the ~75 tag links per row
    -- are read (left to itself the planner probed content_items_all once per link).
    return query
        with visible as materialized (
            select distinct c.id, c.source_type
            from unnest(p_ids, p_sources) as r(id, src)
            join content_items_all c on c.id = r.id and c.source_type = r.src
            where not c.is_private or c.creator_id = p_user_id
        )
        select v.id, v.source_type, array_agg(t.name order by t.name)
        from visible v
        join content_tags ct on ct.content_id = v.id and ct.content_source = v.source_type
        join tags t on t.id = ct.tag_id
        group by v.id, v.source_type;
end;
$$;
