-- Strategy two_phase_dual: the two rarest tags' postings intersected, the rest probed.

-- SQL of the two_phase_dual strategy (tag_match 'all').
create or replace function tagpage_strategy_two_phase_dual(
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
    -- Phase 1: INTERSECT of the two rarest posting lists (a hashed set operation over two
    -- index-only scans), whole, never truncated. Phase 2: the other k-2 tags probed per
    -- candidate. Pays off when the rarest tag alone is still large. With one tag (forced only:
    -- the planner wants k >= two_phase_min_k_for_dual_seed) the seed is that tag's postings.
    if p_k = 1 then
        return tagpage_sql_tag_first(
            'select s.content_id, s.content_source from content_tags s '
            'where s.tag_id = $1[1] and s.content_source = any($9)',
            p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor);
    end if;
    return tagpage_sql_tag_first(
        format('select s.content_id, s.content_source from ('
               'select a.content_id, a.content_source from content_tags a '
               'where a.tag_id = $1[1] and a.content_source = any($9) '
               'intersect '
               'select b.content_id, b.content_source from content_tags b '
               'where b.tag_id = $1[2] and b.content_source = any($9)) s where %s',
               tagpage_sql_tag_probe('s.content_id', 's.content_source', 3, p_k, 'all')),
        p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor);
end;
$$;
