-- Strategy two_phase_single: the rarest tag's postings seed the candidates, the rest are probed.

-- SQL of the two_phase_single strategy (tag_match 'all').
create or replace function tagpage_strategy_two_phase_single(
    p_shape tagpage_shape
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Phase 1: the whole posting list of the rarest tag (tags[1]), never truncated.
    -- Phase 2: each candidate probes the other k-1 tags through the primary key (fenced EXISTS).
    -- Cost follows the rarest tag alone, so it wins whenever one tag is small.
    return tagpage_sql_tag_first(p_shape,
        format('select s.content_id, s.content_source from content_tags s '
               'where s.tag_id = %1$s[1] and s.content_source = any(%2$s) and %3$s',
               tagpage_sql_req(p_shape, 'tags'), tagpage_sql_req(p_shape, 'sources'),
               tagpage_sql_tag_probe(p_shape, 's.content_id', 's.content_source', 2)));
end;
$$;
