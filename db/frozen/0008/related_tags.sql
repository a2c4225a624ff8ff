-- related_tags: the tags that occur most among a filter's matches, with their counts there.

-- One source's matches among its clean rows (M0 without the live rows) and, per tag, how often
-- the live rows that match now carry it (all live rows, or the sample `p_mask` keeps, scaled).
create or replace function tagpage_related_live(
    p_part     tagpage_count_part,
    p_tags     uuid[],
    p_expr     jsonb,
    p_user_id  uuid,
    p_mask     bigint,
    out clean  bit varying,
    out tag_ids uuid[],
    out counts bigint[]
)
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_ids  bigint[];
begin
    -- Live rows leave M0 through a bitmap of their ids (their bits there describe them as they
    -- were), then come back as they are now, with their current tags, read row by row.
    clean := p_part.m0;
    tag_ids := '{}';
    counts := '{}';
    if p_part.x_rows = 0 then
        return;
    end if;
    execute format('select array_agg(x.content_id) from (%s) x where x.content_id >= 0 and x.content_id < $4',
                   tagpage_count_sql_x(p_part.content_source))
       into v_ids
      using p_tags, p_user_id, p_part.m0, p_part.width, p_mask;
    if v_ids is not null then
        clean := p_part.m0 & ~ tagpage_bits_from_ids(v_ids, p_part.width);
    end if;
    execute format(
        'select coalesce(array_agg(t.tag_id order by t.tag_id), ''{}''), coalesce(array_agg(t.n order by t.tag_id), ''{}'') '
        'from (select pt.tag_id, count(*) * ($5 + 1) as n '
        '      from (%1$s) x join content_items_all c on c.id = x.content_id and c.source_type = %2$L '
        '      join content_tags pt on pt.content_id = c.id and pt.content_source = c.source_type '
        '      where %3$s and %4$s and %5$s group by pt.tag_id) t',
        tagpage_count_sql_x(p_part.content_source), p_part.content_source,
        tagpage_sql_scope(p_part.scope, 'c'), tagpage_sql_tag_expr(p_expr, 'c.id', 'c.source_type', '$1'),
        tagpage_count_sql_sampled(p_part.content_source, 'x.content_id'))
       into tag_ids, counts
      using p_tags, p_user_id, p_part.m0, p_part.width, p_mask;
end;
$$;
comment on function tagpage_related_live(tagpage_count_part, uuid[], jsonb, uuid, bigint) is
    'A source''s bitmap matches without its live rows (clean), and per tag the live matches carrying it (sampled by p_mask, scaled).';

-- Per tag, how often the matches of a source without bitmaps carry it (row by row).
create or replace function tagpage_related_scan(
    p_part     tagpage_count_part,
    p_tags     uuid[],
    p_expr     jsonb,
    p_user_id  uuid,
    out tag_ids uuid[],
    out counts bigint[]
)
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Exact and slow, like tagpage_count_scan: only until the bitmaps are built.
    execute format(
        'select coalesce(array_agg(t.tag_id order by t.tag_id), ''{}''), coalesce(array_agg(t.n order by t.tag_id), ''{}'') '
        'from (select pt.tag_id, count(*) as n from content_items_all c '
        '      join content_tags pt on pt.content_id = c.id and pt.content_source = c.source_type '
        '      where c.source_type = any(array[%1$L]) and %2$s and %3$s group by pt.tag_id) t',
        p_part.content_source, tagpage_sql_scope(p_part.scope, 'c'), tagpage_sql_tag_expr(p_expr, 'c.id', 'c.source_type', '$1'))
       into tag_ids, counts
      using p_tags, p_user_id;
end;
$$;
comment on function tagpage_related_scan(tagpage_count_part, uuid[], jsonb, uuid) is
    'Per tag, the matches of a source without bitmaps that carry it.';

-- The tags occurring most among the rows a filter selects (same filter arguments as the count).
create or replace function related_tags(
    tags          uuid[]  default null,
    user_id       uuid    default null,
    source_types  text[]  default null,
    tag_match     text    default 'all',
    tag_query     text    default null,
    exact_limit   integer default null,
    p_limit       integer default 20
)
    returns table (
        id     uuid,
        name   text,
        count  bigint,
        exact  boolean
    )
    stable
    language plpgsql
    set search_path = public, pg_temp
    set jit = off
    set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
    v_tag_match  text := coalesce($4, 'all');
    v_limit      integer := coalesce($7, 20);
    v_req        record;
    v_filter     record;
    v_tags       uuid[];
    v_expr       jsonb;
    v_parts      tagpage_count_part[];
    v_part       tagpage_count_part;
    v_total      record;
    v_carried    uuid[];
    v_live       record;
    v_clean      bit varying[] := '{}';
    v_sources    text[] := '{}';
    v_extra_ids  uuid[] := '{}';
    v_extra      bigint[] := '{}';
    v_extra_max  bigint;
    v_ids        uuid[] := '{}';
    v_counts     bigint[] := '{}';
    v_matches    bigint := 0;
    v_path       text;
    v_match_ids  bigint[];
    v_words      double precision;
    v_list_cost  double precision;
    v_threshold  bigint;
    v_items_clean bit varying;
    v_auto_clean  bit varying;
    v_offset     integer := 0;
    v_chunk_ids  uuid[];
    v_chunk_counts bigint[];
    v_chunk_min  bigint;
    v_chunk_size bigint;
    v_source_no  integer;
begin
    -- The count's tag bitmaps give every tag's count among the clean matches as one
    -- bit_count(matches & tag) each; live rows add their current tags (see count_core.sql).
    -- Tags are visited most frequent first, and the walk stops when no tag left can reach the
    -- list (its rows at the build plus every live match cannot beat the p_limit-th count).
    -- When the matches are few against the tags to visit (many rare tags), the matches' ids
    -- are listed from the bitmap instead and their tags read from content_tags (the walk gives
    -- way once it has cost more than that would). Both are exact;
    -- counts are estimates (exact = false) only when the count itself sampled its live rows.
    -- Tags every match carries by definition (a lone tag, the tags of a top-level AND) are
    -- left out: they describe the query, not the result.
    select * into v_req from tagpage_request_normalize($1, 25, $2, $3, v_tag_match, 'created_at_desc');
    select * into v_filter from tagpage_count_filter(v_req.tags, v_tag_match, $5);
    if v_limit < 1 or v_limit > 1000 then
        raise exception 'p_limit: % is out of range 1..1000', v_limit using errcode = '22023';
    end if;
    v_tags := v_filter.tags;
    v_expr := v_filter.expr;
    v_parts := array(select p from tagpage_count_parts(v_tags, v_expr, $2, v_req.items_scope,
                                                        v_req.auto_scope) p);
    select * into v_total
      from tagpage_count_resolve(v_parts, v_tags, v_expr, $2, tagpage_count_exact_limit($6));
    v_carried := array(select v_tags[i] from unnest(tagpage_count_carried(v_expr)) as i);

    -- Live rows (and sources without bitmaps) first: they are exact additions per tag.
    foreach v_part in array v_parts loop
        if v_part.bitmaps then
            select * into v_live from tagpage_related_live(v_part, v_tags, v_expr, $2, v_total.mask);
            v_sources := v_sources || v_part.content_source;
            v_clean := v_clean || v_live.clean;
            v_matches := v_matches + bit_count(v_live.clean);
        else
            select * into v_live from tagpage_related_scan(v_part, v_tags, v_expr, $2);
        end if;
        v_extra_ids := v_extra_ids || v_live.tag_ids;
        v_extra := v_extra || v_live.counts;
    end loop;
    select coalesce(array_agg(e.tag_id order by e.tag_id), '{}'), coalesce(array_agg(e.n order by e.tag_id), '{}'),
           coalesce(max(e.n), 0)
      into v_extra_ids, v_extra, v_extra_max
      from (select u.tag_id, sum(u.n)::bigint as n from unnest(v_extra_ids, v_extra) as u(tag_id, n)
             group by u.tag_id) e;

    if cardinality(v_sources) > 0 then
        -- Two exact ways; which is cheaper depends on the data. Estimated in microseconds
        -- (constants measured on genonaut 0.1 and zipf 0.01): the walk costs 8 us per tag
        -- visited plus 13 ns per 64-bit word ANDed; listing costs 300 us to start, 0.9 us per
        -- word of the bitmap to find the matches' ids and 0.5 us per tag link read (average
        -- links per row from the catalog's row estimates).
        -- The walk goes first and gives way to listing once it has spent more than listing would
        -- cost (many rare tags and few matches: zipf), so neither is ever far from the cheaper.
        -- tagpage.related_path = 'walk' | 'list' forces one (tests, benchmarks), like
        -- tagpage.force_strategy for pages.
        v_path := nullif(current_setting('tagpage.related_path', true), '');
        select coalesce(sum(s.width), 0) / 64.0 into v_words
          from count_bitmap_source s where s.content_source = any(v_sources);
        v_list_cost := 300 + v_words * 0.9 + 0.5 * v_matches
                       * coalesce((select t.reltuples::double precision / nullif(sum(c.reltuples), 0)
                                     from pg_class t, pg_class c
                                    where t.oid = 'content_tags'::regclass
                                      and c.oid in ('content_items'::regclass, 'content_items_auto'::regclass)
                                      and t.reltuples > 0 and c.reltuples > 0
                                    group by t.reltuples), 10);
        if v_path is distinct from 'list' then
            -- Chunks of tags, most frequent first: each chunk is one statement (bit_count of
            -- every tag's bitmap against the matches), then the stop test.
            v_items_clean := v_clean[array_position(v_sources, 'items')];
            v_auto_clean := v_clean[array_position(v_sources, 'auto')];
            loop
                select coalesce(array_agg(c.tag_id order by c.total_rows desc, c.tag_id), '{}'),
                       coalesce(array_agg(c.n order by c.total_rows desc, c.tag_id), '{}'),
                       min(c.total_rows), count(*)
                  into v_chunk_ids, v_chunk_counts, v_chunk_min, v_chunk_size
                  from (select b.tag_id, b.total_rows,
                               coalesce(case when v_items_clean is not null then bit_count(v_items_clean & b.items_bits) end, 0)
                               + coalesce(case when v_auto_clean is not null then bit_count(v_auto_clean & b.auto_bits) end, 0)
                               as n
                          from count_tag_bitmap b
                         order by b.total_rows desc, b.tag_id
                         offset v_offset limit 64) c;
                exit when v_chunk_size = 0;
                v_offset := v_offset + v_chunk_size;
                select v_ids || coalesce(array_agg(u.tag_id), '{}'), v_counts || coalesce(array_agg(u.n), '{}')
                  into v_ids, v_counts
                  from unnest(v_chunk_ids, v_chunk_counts) as u(tag_id, n)
                 where u.n > 0 and not (u.tag_id = any(v_carried));
                -- the p_limit-th best final count so far (bitmap part + live additions); every
                -- tag not visited yet has at most v_chunk_min rows at the build, plus live ones
                select f.n into v_threshold
                  from (select u.n + coalesce(v_extra[array_position(v_extra_ids, u.tag_id)], 0) as n
                          from unnest(v_ids, v_counts) as u(tag_id, n)) f
                 order by f.n desc offset v_limit - 1 limit 1;
                exit when v_chunk_size < 64 or v_chunk_min + v_extra_max < v_threshold;
                if v_path is null and v_offset * (8 + v_words * 0.013) > v_list_cost then
                    v_path := 'list';
                    exit;
                end if;
            end loop;
        end if;
        if v_path = 'list' then
            v_ids := '{}';
            v_counts := '{}';
            for v_source_no in 1 .. cardinality(v_sources) loop
                -- The ids as an array first: a bound array tells the planner how many rows it
                -- holds (a set-returning function would be guessed at 1000 and hash-joined
                -- against all of content_tags), so each match is an index range of its tags.
                v_match_ids := array(select tagpage_bit_positions(v_clean[v_source_no]));
                execute format('select $1 || coalesce(array_agg(e.tag_id), ''{}''), $2 || coalesce(array_agg(e.n), ''{}'') '
                               'from (select pt.tag_id, count(*) as n from unnest($3) as p(content_id) '
                               'join content_tags pt on pt.content_id = p.content_id and pt.content_source = %L '
                               'group by pt.tag_id) e', v_sources[v_source_no])
                   into v_ids, v_counts
                  using v_ids, v_counts, v_match_ids;
            end loop;
        end if;
    end if;

    return query
        select t.id, t.name, f.n, v_total.mask = 0
          from (select u.tag_id, sum(u.n)::bigint as n
                  from (select * from unnest(v_ids, v_counts) union all select * from unnest(v_extra_ids, v_extra))
                       as u(tag_id, n)
                 group by u.tag_id) f
          join public.tags t on t.id = f.tag_id
         where f.n > 0 and not (f.tag_id = any(v_carried))
         order by f.n desc, t.name
         limit v_limit;
end;
$$;
comment on function related_tags(uuid[], uuid, text[], text, text, integer, integer) is
    'The p_limit tags occurring most among a filter''s matches (count among them, exact flag), without the tags every match carries by definition.';
