-- Strategy bitmap: the whole tag filter evaluated once on the count bitmaps (count_bitmaps.sql),
-- then each row tested with one bit instead of a probe per tag.
--
-- The bitmaps describe the rows as of their last build; rows written since are logged in
-- count_dirty_rows (count_dirty.sql). A row is "clean" when its id is inside the bitmaps' range
-- and not logged: its tags are the ones its bits say, so its match is get_bit(M, id) with M the
-- filter's bitmap. Any other row is tested live with the fenced probes every walk uses. The
-- scope, privacy and keyset conditions are always evaluated on the row itself. Every value is
-- read at the caller's snapshot (the statements of a STABLE function share it), so the page is
-- exact however old the bitmaps are; a source without bitmaps is read entirely live.
--
-- Two ways to read the rows, chosen per call from the bitmaps' own count of matches:
--   walk   the keyset index in order, one get_bit per clean row: the walk of sort_first without
--          its probes, so a filter of many common tags, or a negation-heavy tree, costs one
--          index row per row walked instead of one probe per tag;
--   list   when the matches are few (tagpage_bitmap_lists): their ids listed from the bitmap
--          (plus the logged rows), fetched by primary key, then sorted; the cost follows the
--          matches, not the depth.

-- Whether to list the matches rather than walk: the cheaper by a measured model (zipf and
-- genonaut at scale 1, in microseconds). The candidates come from the bitmap's set bits
-- (~0.004 a bit, every bit read) or, with a seed, from its posting lists (~0.3 a posting, one
-- get_bit each); each match is then fetched by primary key (~3.5). The walk reads about
-- fetch_rows x bits / matches rows at ~1 each (ids are dense, so the bits stand for the rows).
create or replace function tagpage_bitmap_lists(
    p_matches    bigint,
    p_bits       bigint,
    p_fetch_rows integer,
    p_seed_rows  float8 default null
)
    returns boolean
    immutable
    language sql
return p_matches * 3.5 + least(p_bits * 0.004, p_seed_rows * 0.3)  -- least skips a NULL (no seed)
       < p_fetch_rows::float8 * p_bits / greatest(p_matches, 1);

-- Whether a seed's posting lists are a cheaper source of the list's candidates than the bits.
create or replace function tagpage_bitmap_seeded(
    p_bits       bigint,
    p_seed_rows  float8
)
    returns boolean
    immutable
    language sql
return p_seed_rows * 0.3 < p_bits * 0.004;

-- Per source read by the request: bitmap width, the filter's clean matches, the logged rows.
create or replace function tagpage_bitmap_inputs(
    p_req           tagpage_request,
    out widths      bigint[],
    out matches     bit varying[],
    out dirty       bit varying[],
    out counted     bigint
)
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_expr      jsonb := coalesce(p_req.expr, tagpage_count_filter_expr(p_req.k, p_req.tag_match));
    v_source    text;
    v_width     bigint;
    v_zero      bit varying;
    v_bitmaps   bit varying[];
    v_dirty     bit varying;
    v_m         bit varying;
    v_at        integer;
begin
    -- Index 1 is items, 2 auto, whether read or not (the statement picks its source's entry).
    -- Without bitmaps a source gets width 0: every row of it is live.
    widths := array[0, 0];
    matches := array[B'', B''];
    dirty := array[B'', B''];
    counted := 0;
    foreach v_source in array p_req.sources loop
        select s.width, s.public_bits # s.public_bits into v_width, v_zero
          from count_bitmap_source s where s.content_source = v_source;
        continue when v_width is null;
        v_bitmaps := array(
            select coalesce((select case v_source when 'items' then b.items_bits else b.auto_bits end
                               from count_tag_bitmap b where b.tag_id = t.id), v_zero)
              from unnest(p_req.tags) with ordinality as t(id, i)
             order by t.i);
        v_dirty := tagpage_bits_from_ids(
            array(select d.content_id from count_dirty_rows d where d.content_source = v_source), v_width);
        v_m := tagpage_count_eval_bits(v_expr, v_bitmaps, ~ v_dirty);
        v_at := array_position(array['items', 'auto'], v_source);
        widths[v_at] := v_width;
        matches[v_at] := v_m;
        dirty[v_at] := v_dirty;
        counted := counted + bit_count(v_m);
    end loop;
end;
$$;
comment on function tagpage_bitmap_inputs(tagpage_request) is
    'Per source (1 items, 2 auto): bitmap width (0 = none, rows read live), the filter''s matches among clean rows, the logged rows; counted = bits set in the matches.';

-- The row test of the bitmap strategy for one branch ({src} is the branch's source literal).
create or replace function tagpage_sql_bitmap_match(
    p_shape tagpage_shape,
    p_alias text default 'c'
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- $2 widths, $3 matches, $4 logged rows, indexed by the branch's source (the index folds
    -- to a constant). CASE evaluates its test first, so get_bit never sees an id outside the
    -- bitmap, and a source without bitmaps (width 0) is probed row by row. Only the row's id
    -- and source are read, so an index-only scan can evaluate it.
    return format('case when %1$I.id >= 0 and %1$I.id < ($2)[array_position(array[''items'', ''auto''], {src})] '
                  'and get_bit(($4)[array_position(array[''items'', ''auto''], {src})], %1$I.id::integer) = 0 '
                  'then get_bit(($3)[array_position(array[''items'', ''auto''], {src})], %1$I.id::integer) = 1 '
                  'else %2$s end',
                  p_alias, tagpage_sql_tag_probe(p_shape, format('%I.id', p_alias), '{src}', 1));
end;
$$;
comment on function tagpage_sql_bitmap_match(tagpage_shape, text) is
    'Per-row test of the bitmap strategy on the row aliased p_alias: a clean row''s bit, else the live probes.';

-- The bitmap walk: per partition, the keyset index read index-only and tested by the bits, then
-- each row that passes fetched by primary key and checked for scope.
create or replace function tagpage_sql_bitmap_walk(
    p_shape tagpage_shape
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
    v_kind      text;
    v_quality   boolean := p_shape.sort = 'quality_score_desc';
begin
    -- The test needs only the id and source, both in every keyset index, so the walk reads
    -- index entries (Index Only Scan, ~0.2 us a row) instead of a heap row per index entry
    -- (~1 us, and a random page each at scale 1): the walk of a filter matching 1 row in 200
    -- reads ~5,000 entries for a page. The rows that pass are fetched by primary key (a fenced
    -- LATERAL, so the walk stays outside) and only then checked for scope and privacy, which
    -- need the row. A 'user' scope is the creator equality on the walk itself (the creator
    -- indexes hold it), so it reads only the user's entries. The sort key columns come from
    -- the walk, so each branch stays in index order and the branches merge without a Sort;
    -- the walk has no LIMIT of its own (the scope check after it may drop rows), the branch
    -- stops at fetch_rows.
    foreach v_source in array array['items', 'auto'] loop
        v_kind := case v_source when 'items' then p_shape.items_kind else p_shape.auto_kind end;
        continue when v_kind is null;
        v_src_lit := format('%L', v_source);
        v_branches := v_branches || format(
            '(select k.id, k.source_type, c.title, c.creator_id, c.is_private, %1$s, k.created_at, '
            'c.content_type, c.path_thumb, c.updated_at '
            'from (select %2$s from content_items_all i where i.source_type = any(array[%3$s]) '
            'and %4$s and %5$s and %6$s order by %7$s) k '
            'cross join lateral (select * from content_items_all c where c.id = k.id and c.source_type = %3$s '
            'and %8$s offset 0) c order by %9$s limit %10$s)',
            case when v_quality then 'k.quality_score' else 'c.quality_score' end,
            tagpage_sql_sort_key(p_shape.sort, 'i', ''),
            v_src_lit,
            case when v_kind = 'user' then tagpage_sql_scope(p_shape, v_source, 'i') else 'true' end,
            tagpage_sql_keyset(p_shape, 'i'),
            replace(tagpage_sql_bitmap_match(p_shape, 'i'), '{src}', v_src_lit),
            tagpage_sql_order(p_shape.sort, p_shape.descending, 'i'),
            tagpage_sql_scope(p_shape, v_source, 'c'),
            tagpage_sql_order(p_shape.sort, p_shape.descending, 'k'),
            tagpage_sql_req(p_shape, 'fetch_rows'));
    end loop;
    return tagpage_sql_merge_branches(p_shape, v_branches, tagpage_sql_req(p_shape, 'fetch_rows'));
end;
$$;
comment on function tagpage_sql_bitmap_walk(tagpage_shape) is
    'SQL of the bitmap walk: the keyset (or creator) index read index-only and tested by the bits, passing rows fetched by primary key and checked for scope.';

-- SQL of the bitmap strategy: walk (p_list false) or the listed candidates (p_list true).
create or replace function tagpage_strategy_bitmap(
    p_shape tagpage_shape,
    p_list  boolean default false
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Binds $1 the request and tagpage_bitmap_inputs' arrays as $2..$4; the list reads the
    -- candidate ids of each source from $5 (items) and $6 (auto): the matches' positions, the
    -- logged rows and any row beyond the bitmaps, each fetched by primary key.
    if not p_list then
        return tagpage_sql_bitmap_walk(p_shape);
    end if;
    return tagpage_sql_branches(
        p_shape,
        'unnest(case {src} when ''items'' then $5 else $6 end) as m(id) cross join lateral '
        '(select * from content_items_all r where r.id = m.id and r.source_type = {src} offset 0) c',
        tagpage_sql_bitmap_match(p_shape),
        tagpage_sql_req(p_shape, 'fetch_rows'));
end;
$$;
comment on function tagpage_strategy_bitmap(tagpage_shape, boolean) is
    'SQL of the bitmap strategy: the keyset walk testing one bit per clean row, or (p_list) the listed candidates.';

-- The list's candidate ids in one source: the set bits of p_bits, then rows beyond them; or,
-- with a seed, the seed's postings whose bit is set or that lie beyond the bitmaps.
create or replace function tagpage_bitmap_candidates(
    p_req       tagpage_request,
    p_source    text,
    p_width     bigint,
    p_bits      bit varying,
    p_seed      uuid[] default null
)
    returns bigint[]
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- p_bits is the source's matches OR its logged rows (both tagpage_bitmap_inputs' bitmaps,
    -- so the log is read once). Nothing for a source the request does not read. Rows beyond
    -- the bitmaps come from two range reads of the primary key (one OR would read the whole
    -- partition in a generic plan). A seed is a positive conjunct of the filter (a tag, or an
    -- OR of tags): every match carries one of its tags now, so its postings read live hold
    -- every match; a clean posting is kept by its bit, any other is probed by the statement.
    if not p_source = any(p_req.sources) then
        return '{}';
    end if;
    if p_seed is not null then
        return array(
            select distinct e.content_id
              from content_tags e
             where e.tag_id = any(p_seed) and e.content_source = p_source
               and (e.content_id < 0 or e.content_id >= p_width
                    or get_bit(p_bits, e.content_id::integer) = 1));
    end if;
    return array(
        select p.id from tagpage_bit_positions(p_bits) as p(id)
        union all
        select c.id from content_items_all c where c.source_type = p_source and c.id < 0
        union all
        select c.id from content_items_all c where c.source_type = p_source and c.id >= p_width);
end;
$$;
comment on function tagpage_bitmap_candidates(tagpage_request, text, bigint, bit varying, uuid[]) is
    'Candidate ids of the bitmap list in one source: the set bits of p_bits (matches | logged rows) and rows beyond the bitmaps, or the seed''s postings that are set in p_bits or beyond the bitmaps.';

-- Rows of the bitmap strategy for a request (the inputs read, then one statement).
create or replace function tagpage_run_bitmap(
    p_req   tagpage_request
)
    returns tagpage_page_row[]
    stable
    language plpgsql
    set search_path = public, pg_temp
    set enable_sort = off
as $$
declare
    v_in        record;
    v_bits      bigint;
    v_seed      uuid[];
    v_seed_rows float8;
    v_list      boolean;
    v_items     bigint[];
    v_auto      bigint[];
    v_rows      tagpage_page_row[];
    v_shape     tagpage_shape := tagpage_shape_of(p_req, 'bitmap');
    v_read      text := nullif(current_setting('tagpage.bitmap_read', true), '');
begin
    -- enable_sort off pins the walk to the keyset index, as for sort_first; the list sorts its
    -- few candidates (the only plan for them). The list needs bitmaps for every source read:
    -- a source without them would list all its rows. A source's candidates are its matches'
    -- positions, its logged rows and its rows beyond the bitmaps, or the seed's postings among
    -- them when reading those costs less than reading every bit. The seed: the planner's (a
    -- tag query's cheapest positive conjunct), else the rarest tag of an all-tags filter (the
    -- plan orders them rarest first) or every tag of an any-tags filter. tagpage.bitmap_read
    -- (walk, list or seed) overrides the cost rule where the data allows, so tests reach each
    -- way on data of any size.
    if v_read is not null and v_read not in ('walk', 'list', 'seed') then
        raise exception 'tagpage.bitmap_read: % is not walk, list or seed', v_read using errcode = '22023';
    end if;
    select * into v_in from tagpage_bitmap_inputs(p_req);
    v_bits := v_in.widths[1] + v_in.widths[2];
    v_seed := coalesce(p_req.seed_tags,
                       case when p_req.expr is null and p_req.k > 0 then
                           case when p_req.tag_match = 'all' then p_req.tags[1:1] else p_req.tags end end);
    if v_seed is not null then
        select coalesce(sum(s.cardinality), 0) into v_seed_rows
          from tag_cardinality_stats s
         where s.tag_id = any(v_seed) and s.content_source = any(p_req.sources);
    end if;
    v_list := coalesce(v_read <> 'walk', tagpage_bitmap_lists(v_in.counted, v_bits, p_req.fetch_rows, v_seed_rows))
              and not exists (select 1 from unnest(p_req.sources) s
                               where v_in.widths[array_position(array['items', 'auto'], s)] = 0);
    if v_list then
        if not coalesce(v_read = 'seed', v_read is null and tagpage_bitmap_seeded(v_bits, v_seed_rows), false) then
            v_seed := null;
        end if;
        v_items := tagpage_bitmap_candidates(p_req, 'items', v_in.widths[1], v_in.matches[1] | v_in.dirty[1], v_seed);
        v_auto := tagpage_bitmap_candidates(p_req, 'auto', v_in.widths[2], v_in.matches[2] | v_in.dirty[2], v_seed);
        perform set_config('enable_sort', 'on', true);
    end if;
    execute format('select array(select row(%s)::tagpage_page_row from (%s) w)',
                   tagpage_sql_columns('w'), tagpage_strategy_bitmap(v_shape, v_list))
       into v_rows
      using p_req, v_in.widths, v_in.matches, v_in.dirty, v_items, v_auto;
    return v_rows;
end;
$$;
comment on function tagpage_run_bitmap(tagpage_request) is
    'Rows of the bitmap strategy: the filter on the count bitmaps, then the walk or the listed matches (from the bits or a seed''s postings).';
