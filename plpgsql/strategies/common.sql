-- SQL fragments shared by the strategies. A strategy's statement reads one value, the request
-- (tagpage_request), under the name the shape gives it: '$1' when unified_content_page runs it
-- with EXECUTE ... USING, 'p_req' inside the precompiled functions of static_paths.sql. Values
-- never enter the text; a statement returns tagpage_page_row columns in scan order (display
-- order, reversed for a 'prev' cursor), at most (request).fetch rows.

-- One field of the request, as the statement refers to it.
create or replace function tagpage_sql_req(
    p_shape tagpage_shape,
    p_field text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- p_shape.req is '$1' or 'p_req', set by our callers; p_field is one of our field names.
    return format('(%s).%I', p_shape.req, p_field);
end;
$$;

-- The row columns every strategy returns, qualified by an alias.
create or replace function tagpage_sql_columns(
    p_alias text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Same order as the composite type tagpage_page_row.
    return format('%1$I.id, %1$I.source_type, %1$I.title, %1$I.creator_id, %1$I.is_private, '
                  '%1$I.quality_score, %1$I.created_at, %1$I.content_type, %1$I.path_thumb, '
                  '%1$I.updated_at', p_alias);
end;
$$;

-- The full keyset key of a sort as a column list, each column followed by p_suffix.
create or replace function tagpage_sql_sort_key(
    p_sort          text,
    p_alias         text,
    p_suffix        text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- The key ends in (id, source_type) so the order is total across both partitions; it
    -- matches the partitions' keyset indexes column for column. One place for the key serves
    -- the ORDER BY lists (suffix: a direction) and the keyset row comparison (no suffix).
    return format(case when p_sort = 'quality_score_desc' then '%1$I.quality_score%2$s, ' else '' end
                  || '%1$I.created_at%2$s, %1$I.id%2$s, %1$I.source_type%2$s', p_alias, p_suffix);
end;
$$;

-- ORDER BY list of the full keyset order of a sort, in the scan direction.
create or replace function tagpage_sql_order(
    p_sort          text,
    p_descending    boolean,
    p_alias         text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Every key column in the same direction, as the keyset indexes are built.
    return tagpage_sql_sort_key(p_sort, p_alias, case when p_descending then ' desc' else ' asc' end);
end;
$$;

-- Keyset predicate: rows strictly after the request's position in the scan direction.
create or replace function tagpage_sql_keyset(
    p_shape tagpage_shape,
    p_alias text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- A row comparison on the whole key becomes one index condition on the keyset index. It is
    -- always there: without a cursor the request holds a position beyond every row.
    return format('(%s) %s (%s%s, %s, %s)',
                  tagpage_sql_sort_key(p_shape.sort, p_alias, ''),
                  case when p_shape.descending then '<' else '>' end,
                  case when p_shape.sort = 'quality_score_desc'
                       then tagpage_sql_req(p_shape, 'cur_quality') || ', ' else '' end,
                  tagpage_sql_req(p_shape, 'cur_created_at'), tagpage_sql_req(p_shape, 'cur_id'),
                  tagpage_sql_req(p_shape, 'cur_source'));
end;
$$;

-- Row filter of one partition's scope (see tagpage_request_build). The older overload
-- tagpage_sql_scope(scope, alias), for statements binding the user as $2, lives in revision 0002.
create or replace function tagpage_sql_scope(
    p_shape     tagpage_shape,
    p_source    text,
    p_alias     text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_prefix text := case p_source when 'items' then 'items_' else 'auto_' end;
begin
    -- Private rows only ever reach their creator, through the user's own rows. A 'user' scope
    -- is written as the plain equality so the creator index can drive; every other scope is one
    -- expression over the request's flags (own rows / public rows / public rows of others),
    -- which a precompiled statement evaluates per row and a per-call plan folds to constants.
    if (case p_source when 'items' then p_shape.items_kind else p_shape.auto_kind end) = 'user' then
        return format('%1$I.creator_id = %2$s', p_alias, tagpage_sql_req(p_shape, 'user_id'));
    end if;
    return format('(%2$s and %1$I.creator_id = %5$s or %3$s and not %1$I.is_private '
                  'and (not %4$s or %1$I.creator_id <> %5$s))',
                  p_alias, tagpage_sql_req(p_shape, v_prefix || 'own'),
                  tagpage_sql_req(p_shape, v_prefix || 'pub'), tagpage_sql_req(p_shape, v_prefix || 'excl'),
                  tagpage_sql_req(p_shape, 'user_id'));
end;
$$;

-- Fenced per-row tag probes through the content_tags primary key.
create or replace function tagpage_sql_tag_probe(
    p_shape         tagpage_shape,
    p_id_sql        text,
    p_source_sql    text,
    p_first         integer
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_parts text[] := '{}';
    v_probe text;
    v_tags  text := tagpage_sql_req(p_shape, 'tags');
    v_k     text := tagpage_sql_req(p_shape, 'k');
    -- every probe: the row (%1$s, %2$s) carries the tag (or one of the tags) %3$s
    v_exists text := 'exists (select 1 from content_tags pt where pt.content_id = %1$s '
                     'and pt.content_source = %2$s and pt.tag_id = %3$s offset 0)';
begin
    -- One EXISTS per tag, rarest first so most rows fail on the first probe; OFFSET 0 keeps each
    -- a separate subplan (an index probe per row) and keeps planning time flat in k.
    -- 'any' planned per call is one probe with tag_id = any(tags). A precompiled shape (p_shape.slots set) writes
    -- p_shape.slots probes, each skipped at run time beyond the request's k.
    -- p_id_sql / p_source_sql are the probed row's id and source columns (or the source
    -- literal), built by our callers, never user input. A boolean tag filter (p_shape.expr) is
    -- compiled whole by tagpage_sql_tag_expr, its tags still read from the request. A
    -- precompiled one (tag_match 'query') probes each of the request's k tags and looks the
    -- row's mask (bit i - 1 for tags[i]) up in the filter's truth table (request.truth); one
    -- probe with tag_id = any(tags) would be planned as a filter over the row's ~75 postings.
    if p_shape.expr is not null then
        return tagpage_sql_tag_expr(p_shape.expr, p_id_sql, p_source_sql, v_tags);
    end if;
    if p_shape.tag_match = 'query' then
        for i in 1 .. tagpage_static_query_tags() loop
            v_parts := v_parts || format('case when %s < %s then 0 when %s then %s else 0 end', v_k, i,
                                         format(v_exists, p_id_sql, p_source_sql, format('%s[%s]', v_tags, i)),
                                         1 << (i - 1));
        end loop;
        return format('(%s >> (%s)) & 1 = 1', tagpage_sql_req(p_shape, 'truth'), array_to_string(v_parts, ' | '));
    end if;
    -- 'any' planned per call: the one filtered probe, planned with the request's tags.
    -- Precompiled 'any': a generic plan reads tag_id = any(tags) as a filter over the row's
    -- postings, one descent that reads them all (cheaper when most rows carry none of the
    -- tags). Each tag can instead be its own one-descent probe, the last first (the planner
    -- orders tags rarest first: the densest is the likeliest hit), stopping at the first the row
    -- carries: cheaper when a dense tag hits at once and rows carry many postings. The planner
    -- says which (request.any_filtered). Up to p_shape.slots tags the probes are written out;
    -- the shape for more tags than the slots (p_shape.slots = 0) reads all the request's tags
    -- backwards through one scan of their subscripts. Two statements, because every subplan is
    -- started at each call, used or not: the few tags' statement does not carry the scan.
    if p_shape.tag_match = 'any' then
        v_probe := format(v_exists, p_id_sql, p_source_sql, format('any(%s)', v_tags));
        if p_shape.slots is null then
            return v_probe;
        end if;
        if p_shape.slots = 0 then
            return format('case when %s then %s else exists (select 1 from generate_subscripts(%s, 1, true) pr(i) '
                          'where %s) end',
                          tagpage_sql_req(p_shape, 'any_filtered'), v_probe,
                          v_tags, format(v_exists, p_id_sql, p_source_sql, format('%s[pr.i]', v_tags)));
        end if;
        for i in 0 .. p_shape.slots - 1 loop
            v_parts := v_parts || format('when %s < %s then false when %s then true', v_k, i + 1,
                                         format(v_exists, p_id_sql, p_source_sql, format('%s[%s - %s]', v_tags, v_k, i)));
        end loop;
        return format('case when %s > %s or %s then %s %s else false end', v_k, p_shape.slots,
                      tagpage_sql_req(p_shape, 'any_filtered'), v_probe, array_to_string(v_parts, ' '));
    end if;
    for i in p_first .. coalesce(p_shape.slots, p_shape.k) loop
        v_probe := format(v_exists, p_id_sql, p_source_sql, format('%s[%s]', v_tags, i));
        if p_shape.slots is not null and i > 1 then
            v_probe := format('(%s < %s or %s)', v_k, i, v_probe);
        end if;
        v_parts := v_parts || v_probe;
    end loop;
    -- Precompiled 'all' past the slots: the request's further tags in one probe that still
    -- descends once per tag, in the planner's order, and stops at the first tag the row lacks
    -- (the inner EXISTS keeps its OFFSET 0 fence, so it is not turned into a join that reads
    -- the row's every posting). Rows reach it only after the slots' rarer tags all matched.
    if p_shape.slots is not null then
        v_parts := v_parts || format(
            '(%1$s <= %2$s or not exists (select 1 from unnest(%3$s[%4$s:%1$s]) pr(tag_id) where not %5$s))',
            v_k, p_shape.slots, v_tags, p_shape.slots + 1,
            format(v_exists, p_id_sql, p_source_sql, 'pr.tag_id'));
    end if;
    return coalesce(nullif(array_to_string(v_parts, ' and '), ''), 'true');
end;
$$;

-- One ordered, limited branch per partition the request reads, merged in scan order.
create or replace function tagpage_sql_branches(
    p_shape     tagpage_shape,
    p_from      text,
    p_filter    text,
    p_limit     text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_branches  text[] := '{}';
    v_source    text;
    v_src_lit   text;
begin
    -- The partition key is a literal in each branch, so pruning happens at plan time and each
    -- branch reads its own partition's keyset (or creator) index in order; the outer ORDER BY
    -- over the UNION ALL then plans as a Merge Append with no Sort. It is written
    -- `= any(array['items'])`, not `= 'items'`: an equality would make source_type a known
    -- constant in the branch, drop it from the branch's sort order and force an Incremental
    -- Sort above the Merge Append. p_from and p_filter may contain {src}, replaced by the
    -- branch's source literal. Content rows are alias c.
    foreach v_source in array array['items', 'auto'] loop
        continue when (case v_source when 'items' then p_shape.items_kind else p_shape.auto_kind end) is null;
        v_src_lit := format('%L', v_source);
        v_branches := v_branches || format(
            '(select %1$s from %2$s where c.source_type = any(array[%3$s]) and %4$s and %5$s and %6$s order by %7$s limit %8$s)',
            tagpage_sql_columns('c'),
            replace(p_from, '{src}', v_src_lit),
            v_src_lit,
            tagpage_sql_scope(p_shape, v_source, 'c'),
            tagpage_sql_keyset(p_shape, 'c'),
            replace(p_filter, '{src}', v_src_lit),
            tagpage_sql_order(p_shape.sort, p_shape.descending, 'c'),
            p_limit);
    end loop;
    return tagpage_sql_merge_branches(p_shape, v_branches, p_limit);
end;
$$;

-- Partition branches (each parenthesised, ordered and limited) as one statement in scan order.
create or replace function tagpage_sql_merge_branches(
    p_shape     tagpage_shape,
    p_branches  text[],
    p_limit     text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- No branch (no partition is read): no row. One: the branch itself. Several: a UNION ALL
    -- under the full ORDER BY and the limit, which plans as a Merge Append of the branches'
    -- index orders when each branch returns the sort key columns its index is ordered by.
    if cardinality(p_branches) = 0 then
        return format('select %s from content_items_all c where false', tagpage_sql_columns('c'));
    end if;
    if cardinality(p_branches) = 1 then
        return substr(p_branches[1], 2, length(p_branches[1]) - 2);
    end if;
    return format('select %1$s from (%2$s) u order by %3$s limit %4$s',
                  tagpage_sql_columns('u'), array_to_string(p_branches, ' union all '),
                  tagpage_sql_order(p_shape.sort, p_shape.descending, 'u'), p_limit);
end;
$$;

-- Tag-first shape: a materialized match set joined to the content rows per partition.
create or replace function tagpage_sql_tag_first(
    p_shape     tagpage_shape,
    p_match_sql text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- MATERIALIZED pins the shape: the (content_id, content_source) matches are computed once,
    -- exactly, then each partition's branch fetches their rows by primary key, filters, sorts
    -- and keeps (request).fetch rows. Nothing truncates the match set itself. The fetch is a
    -- LATERAL subquery fenced by OFFSET 0, so the match set is always the outer side: as a plain
    -- join, a misestimated keyset row comparison (1 row) let PostgreSQL walk the sort index
    -- outside and rescan the whole CTE per row (bench: 1.34M join-filter rows, 75 ms, not 4 ms).
    return format('with m as materialized (%s) %s',
                  p_match_sql,
                  tagpage_sql_branches(p_shape,
                                       'm cross join lateral (select * from content_items_all r '
                                       'where r.id = m.content_id and r.source_type = {src} offset 0) c',
                                       'm.content_source = {src}', tagpage_sql_req(p_shape, 'fetch_rows')));
end;
$$;
