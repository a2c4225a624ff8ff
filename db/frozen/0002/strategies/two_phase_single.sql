-- Strategy two_phase_single: the rarest tag's postings seed the candidates, the rest are probed.

-- SQL of the two_phase_single strategy (tag_match 'all').
create or replace function tagpage_strategy_two_phase_single(
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
    -- Phase 1: the whole posting list of the rarest tag ($1[1]), never truncated.
    -- Phase 2: each candidate probes the other k-1 tags through the primary key (fenced EXISTS).
    -- Cost follows the rarest tag alone, so it wins whenever one tag is small.
    return tagpage_sql_tag_first(
        format('select s.content_id, s.content_source from content_tags s '
               'where s.tag_id = $1[1] and s.content_source = any($9) and %s',
               tagpage_sql_tag_probe('s.content_id', 's.content_source', 2, p_k, 'all')),
        p_items_scope, p_auto_scope, p_sort, p_descending, p_has_cursor);
end;
$$;
