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

-- One source's clean matches (M0 without the live rows) over its sample, or NULL without samples.
create or replace function tagpage_related_sample(
    p_part     tagpage_count_part,
    p_tags     uuid[],
    p_expr     jsonb,
    p_user_id  uuid
)
    returns bit varying
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_public   bit varying;
    v_creator  bit varying;
    v_zero     bit varying;
    v_mask     bit varying;
    v_bitmaps  bit varying[];
    v_bits     bit varying;
    v_ids      bigint[];
begin
    -- The filter of tagpage_count_parts evaluated on the sample bitmaps (one id in 16, bit p
    -- = the id tagpage_sample_id keeps in block p): the same bitwise expression over 1/16 of
    -- the words gives the sampled ids among the matches. Live rows the sample keeps are taken
    -- out, as tagpage_related_live takes them out of M0 (their bits are as of the build).
    select s.sample_public_bits into v_public
      from count_bitmap_source s where s.content_source = p_part.content_source;
    if v_public is null then
        return null;
    end if;
    v_zero := v_public # v_public;
    if p_user_id is not null and p_part.scope <> 'public' then
        select b.sample_bits into v_creator
          from count_creator_bitmap b
         where b.creator_id = p_user_id and b.content_source = p_part.content_source;
        v_creator := coalesce(v_creator, v_zero);
    end if;
    v_mask := case p_part.scope
        when 'public' then v_public
        when 'all' then v_public | v_creator
        when 'community' then v_public & ~ v_creator
        when 'user' then v_creator
    end;
    v_bitmaps := array(
        select coalesce((select case p_part.content_source when 'items' then b.items_bits else b.auto_bits end
                           from count_tag_sample b where b.tag_id = t.id), v_zero)
          from unnest(p_tags) with ordinality as t(id, i)
         order by t.i);
    v_bits := tagpage_count_eval_bits(p_expr, v_bitmaps, v_mask);
    if p_part.x_rows > 0 then
        execute format('select array_agg(x.content_id / 16) from (%s) x '
                       'where x.content_id >= 0 and x.content_id < $4 '
                       'and x.content_id = tagpage_sample_id(%L, x.content_id / 16)',
                       tagpage_count_sql_x(p_part.content_source), p_part.content_source)
           into v_ids
          using p_tags, p_user_id, p_part.m0, p_part.width, 0::bigint;
        if v_ids is not null then
            v_bits := v_bits & ~ tagpage_bits_from_ids(v_ids, tagpage_sample_width(p_part.width));
        end if;
    end if;
    return v_bits;
end;
$$;
comment on function tagpage_related_sample(tagpage_count_part, uuid[], jsonb, uuid) is
    'A source''s bitmap matches without its live rows, over its sample bitmaps (bit p = the id tagpage_sample_id keeps in block p); NULL when the samples are not built.';

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
    v_exact_limit bigint;
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
    v_sampled    boolean := false;
    v_sample     bit varying[] := '{}';
    v_sample_matches bigint := 0;
    v_scale      double precision := 1;
    v_listed     bigint;
    v_path       text;
    v_match_ids  bigint[];
    v_words      double precision;
    v_walk_words double precision;
    v_population double precision;
    v_walk_rows  double precision;
    v_walk_tags  bigint;
    v_list_cost  double precision;
    v_threshold  bigint;
    v_items_clean bit varying;
    v_auto_clean  bit varying;
    v_offset     integer := 0;
    v_order      text;
    v_last_total bigint := 9223372036854775807;
    v_last_id    uuid := '00000000-0000-0000-0000-000000000000';
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
    -- way once it has cost more than that would).
    -- Exact when the clean matches are at most exact_limit (so every result within the limit
    -- is exact). Beyond it the same two ways run on the sample bitmaps (one id in 16, see
    -- count_bitmaps.sql) and each tag's sampled count is scaled by matches / sampled matches:
    -- 1/16 of the words per tag, 1/16 of the rows to list (exact = false). Counts are also
    -- estimates when the count itself sampled its live rows.
    -- Tags every match carries by definition (a lone tag, the tags of a top-level AND) are
    -- left out: they describe the query, not the result.
    select * into v_req from tagpage_request_normalize($1, 25, $2, $3, v_tag_match, 'created_at_desc');
    select * into v_filter from tagpage_count_filter(v_req.tags, v_tag_match, $5);
    if v_limit < 1 or v_limit > 1000 then
        raise exception 'p_limit: % is out of range 1..1000', v_limit using errcode = '22023';
    end if;
    v_exact_limit := tagpage_count_exact_limit($6);
    v_tags := v_filter.tags;
    v_expr := v_filter.expr;
    v_parts := array(select p from tagpage_count_parts(v_tags, v_expr, $2, v_req.items_scope,
                                                        v_req.auto_scope) p);
    select * into v_total
      from tagpage_count_resolve(v_parts, v_tags, v_expr, $2, v_exact_limit);
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

    -- More clean matches than exact_limit: the sample, when every source in play has one
    -- built and it holds some of the matches (else exact, however long it takes).
    if v_matches > v_exact_limit then
        v_sampled := true;
        foreach v_part in array v_parts loop
            continue when not v_part.bitmaps;
            v_sample := v_sample || tagpage_related_sample(v_part, v_tags, v_expr, $2);
            v_sample_matches := v_sample_matches + coalesce(bit_count(v_sample[cardinality(v_sample)]), 0);
            v_sampled := v_sampled and v_sample[cardinality(v_sample)] is not null;
        end loop;
        v_sampled := v_sampled and v_sample_matches > 0;
        if v_sampled then
            v_scale := v_matches::double precision / v_sample_matches;
            v_clean := v_sample;
        end if;
    end if;
    v_listed := case when v_sampled then v_sample_matches else v_matches end;

    if v_listed > 0 then
        -- Two ways; which is cheaper depends on the data. Estimated in microseconds
        -- (constants measured on zipf 1): the walk costs 8 us per tag visited plus 10 ns per
        -- 64-bit word ANDed; listing costs 300 us to start, 0.02 us per word of the bitmap and
        -- 1.2 us per match to find the matches' ids, and 0.9 us per tag link read (average
        -- links per row from the catalog's row estimates). Over the sample, the words and the
        -- rows are the sample's.
        -- Listing goes first when it costs less than the walk is expected to (below); else the
        -- walk goes first and gives way to listing once it has spent more than listing would
        -- cost (many rare tags and few matches: zipf), so neither is ever far from the cheaper.
        -- tagpage.related_path = 'walk' | 'list' forces one (tests, benchmarks), like
        -- tagpage.force_strategy for pages.
        v_path := nullif(current_setting('tagpage.related_path', true), '');
        select coalesce(sum(case when v_sampled then tagpage_sample_width(s.width) else s.width end), 0) / 64.0
          into v_words
          from count_bitmap_source s where s.content_source = any(v_sources);
        v_list_cost := 300 + v_words * 0.02 + 1.2 * v_listed + 0.9 * v_listed
                       * coalesce((select t.reltuples::double precision / nullif(sum(c.reltuples), 0)
                                     from pg_class t, pg_class c
                                    where t.oid = 'content_tags'::regclass
                                      and c.oid in ('content_items'::regclass, 'content_items_auto'::regclass)
                                      and t.reltuples > 0 and c.reltuples > 0
                                    group by t.reltuples), 10);
        v_items_clean := v_clean[array_position(v_sources, 'items')];
        v_auto_clean := v_clean[array_position(v_sources, 'auto')];
        -- Matches in one source only: walk that source's counts (a tag's count among them is at
        -- most its rows there, a far tighter bound than its rows in both).
        v_order := case when v_sampled then 'total'
                        when coalesce(bit_count(v_auto_clean), 0) = 0 then 'items'
                        when coalesce(bit_count(v_items_clean), 0) = 0 then 'auto'
                        else 'total' end;
        v_walk_words := case v_order
            when 'items' then (select s.width / 64.0 from count_bitmap_source s where s.content_source = 'items')
            when 'auto' then (select s.width / 64.0 from count_bitmap_source s where s.content_source = 'auto')
            else v_words end;
        if v_path is null and v_list_cost < 64 * (8 + v_walk_words * 0.01) then
            v_path := 'list';   -- cheaper than the walk's first chunk
        elsif v_path is null and v_list_cost < 4096 * (8 + v_walk_words * 0.01) then
            -- How far the walk would go if the tags were independent of the filter: to the tags
            -- whose rows, times the share of the rows that match, fall below that share of the
            -- p_limit-th tag's rows (tags that go with the filter stop it sooner). Counted on
            -- the walk's index, at most 4,096 tags.
            v_population := (select sum(s.total_rows) from content_source_stats s
                              where s.content_source = any(v_sources)
                                and (v_order = 'total' or s.content_source = v_order));
            v_walk_rows := case v_order
                when 'items' then (select b.items_rows from count_tag_bitmap b order by b.items_rows desc, b.tag_id
                                    offset v_limit - 1 limit 1)
                when 'auto' then (select b.auto_rows from count_tag_bitmap b order by b.auto_rows desc, b.tag_id
                                   offset v_limit - 1 limit 1)
                else (select b.total_rows from count_tag_bitmap b order by b.total_rows desc, b.tag_id
                       offset v_limit - 1 limit 1) end
                * least(v_matches / greatest(v_population, 1), 1);
            v_walk_tags := case v_order
                when 'items' then (select count(*) from (select 1 from count_tag_bitmap b
                                    where b.items_rows >= v_walk_rows order by b.items_rows desc limit 4096) w)
                when 'auto' then (select count(*) from (select 1 from count_tag_bitmap b
                                   where b.auto_rows >= v_walk_rows order by b.auto_rows desc limit 4096) w)
                else (select count(*) from (select 1 from count_tag_bitmap b
                       where b.total_rows >= v_walk_rows order by b.total_rows desc limit 4096) w) end;
            if v_list_cost < greatest(v_walk_tags, 64) * (8 + v_walk_words * 0.01) then
                v_path := 'list';
            end if;
        end if;
        if v_path is distinct from 'list' then
            -- Chunks of tags, most frequent first: each chunk is one statement (bit_count of
            -- every tag's bitmap against the matches), then the stop test. Each chunk starts
            -- after the last tag of the previous one (keyset, not OFFSET: an offset would
            -- compute bit_count for every row it skips, and the walk would cost its square).
            -- One static statement per order, so each has its index and a cached plan.
            loop
                if v_sampled then
                    select coalesce(array_agg(c.tag_id order by c.total_rows desc, c.tag_id), '{}'),
                           coalesce(array_agg(c.n order by c.total_rows desc, c.tag_id), '{}'),
                           min(c.total_rows), count(*)
                      into v_chunk_ids, v_chunk_counts, v_chunk_min, v_chunk_size
                      from (select b.tag_id, b.total_rows,
                                   coalesce(case when v_items_clean is not null then bit_count(v_items_clean & b.items_bits) end, 0)
                                   + coalesce(case when v_auto_clean is not null then bit_count(v_auto_clean & b.auto_bits) end, 0)
                                   as n
                              from count_tag_sample b
                             where b.total_rows <= v_last_total
                               and (b.total_rows < v_last_total or b.tag_id > v_last_id)
                             order by b.total_rows desc, b.tag_id
                             limit 64) c;
                elsif v_order = 'items' then
                    select coalesce(array_agg(c.tag_id order by c.items_rows desc, c.tag_id), '{}'),
                           coalesce(array_agg(c.n order by c.items_rows desc, c.tag_id), '{}'),
                           min(c.items_rows), count(*)
                      into v_chunk_ids, v_chunk_counts, v_chunk_min, v_chunk_size
                      from (select b.tag_id, b.items_rows, coalesce(bit_count(v_items_clean & b.items_bits), 0) as n
                              from count_tag_bitmap b
                             where b.items_rows <= v_last_total
                               and (b.items_rows < v_last_total or b.tag_id > v_last_id)
                             order by b.items_rows desc, b.tag_id
                             limit 64) c;
                elsif v_order = 'auto' then
                    select coalesce(array_agg(c.tag_id order by c.auto_rows desc, c.tag_id), '{}'),
                           coalesce(array_agg(c.n order by c.auto_rows desc, c.tag_id), '{}'),
                           min(c.auto_rows), count(*)
                      into v_chunk_ids, v_chunk_counts, v_chunk_min, v_chunk_size
                      from (select b.tag_id, b.auto_rows, coalesce(bit_count(v_auto_clean & b.auto_bits), 0) as n
                              from count_tag_bitmap b
                             where b.auto_rows <= v_last_total
                               and (b.auto_rows < v_last_total or b.tag_id > v_last_id)
                             order by b.auto_rows desc, b.tag_id
                             limit 64) c;
                else
                    select coalesce(array_agg(c.tag_id order by c.total_rows desc, c.tag_id), '{}'),
                           coalesce(array_agg(c.n order by c.total_rows desc, c.tag_id), '{}'),
                           min(c.total_rows), count(*)
                      into v_chunk_ids, v_chunk_counts, v_chunk_min, v_chunk_size
                      from (select b.tag_id, b.total_rows,
                                   coalesce(case when v_items_clean is not null then bit_count(v_items_clean & b.items_bits) end, 0)
                                   + coalesce(case when v_auto_clean is not null then bit_count(v_auto_clean & b.auto_bits) end, 0)
                                   as n
                              from count_tag_bitmap b
                             where b.total_rows <= v_last_total
                               and (b.total_rows < v_last_total or b.tag_id > v_last_id)
                             order by b.total_rows desc, b.tag_id
                             limit 64) c;
                end if;
                exit when v_chunk_size = 0;
                v_offset := v_offset + v_chunk_size;
                v_last_total := v_chunk_min;
                v_last_id := v_chunk_ids[v_chunk_size];
                select v_ids || coalesce(array_agg(u.tag_id), '{}'), v_counts || coalesce(array_agg(u.n), '{}')
                  into v_ids, v_counts
                  from unnest(v_chunk_ids, v_chunk_counts) as u(tag_id, n)
                 where u.n > 0 and not (u.tag_id = any(v_carried));
                -- the p_limit-th best final count so far (bitmap part, scaled, + live additions);
                -- every tag not visited yet has at most v_chunk_min rows at the build, plus live ones
                select f.n into v_threshold
                  from (select round(u.n * v_scale)::bigint + coalesce(v_extra[array_position(v_extra_ids, u.tag_id)], 0) as n
                          from unnest(v_ids, v_counts) as u(tag_id, n)) f
                 order by f.n desc offset v_limit - 1 limit 1;
                exit when v_chunk_size < 64 or round(v_chunk_min * v_scale)::bigint + v_extra_max < v_threshold;
                if v_path is null and v_offset * (8 + v_walk_words * 0.01) > v_list_cost then
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
                -- Over the sample, bit p is the id its block keeps.
                if v_sampled then
                    v_match_ids := array(select tagpage_sample_id(v_sources[v_source_no], p.p)
                                           from tagpage_bit_positions(v_clean[v_source_no]) as p(p));
                else
                    v_match_ids := array(select tagpage_bit_positions(v_clean[v_source_no]));
                end if;
                execute format('select $1 || coalesce(array_agg(e.tag_id), ''{}''), $2 || coalesce(array_agg(e.n), ''{}'') '
                               'from (select pt.tag_id, count(*) as n from unnest($3) as p(content_id) '
                               'join content_tags pt on pt.content_id = p.content_id and pt.content_source = %L '
                               'group by pt.tag_id) e', v_sources[v_source_no])
                   into v_ids, v_counts
                  using v_ids, v_counts, v_match_ids;
            end loop;
        end if;
    end if;

    -- Names are read only for the tags at or above the p_limit-th count (ties by name need
    -- them all): listing may have found thousands of tags.
    return query
        with f as (
            select u.tag_id, round(sum(u.n) * v_scale)::bigint + sum(u.x)::bigint as n
              from (select b.tag_id, b.n, 0 from unnest(v_ids, v_counts) as b(tag_id, n)
                    union all select e.tag_id, 0, e.n from unnest(v_extra_ids, v_extra) as e(tag_id, n))
                   as u(tag_id, n, x)
             where not (u.tag_id = any(v_carried))
             group by u.tag_id
        ), cut as (
            select f.n from f order by f.n desc offset v_limit - 1 limit 1
        )
        select t.id, t.name, f.n, v_total.mask = 0 and not v_sampled
          from f
          join public.tags t on t.id = f.tag_id
         where f.n > 0 and f.n >= coalesce((select cut.n from cut), 0)
         order by f.n desc, t.name
         limit v_limit;
end;
$$;
comment on function related_tags(uuid[], uuid, text[], text, text, integer, integer) is
    'The p_limit tags occurring most among a filter''s matches (count among them, exact flag: estimated from the sample bitmaps beyond exact_limit matches), without the tags every match carries by definition.';
