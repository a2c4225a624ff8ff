-- Count bitmaps: for each source, one bit per content id, per tag, per creator and for the
-- public rows, so a filter's matches are a few bitwise operations and a bit_count.
--
-- Bit i of a bitmap stands for content id i (0 <= i < count_bitmap_source.width, a multiple of
-- 64). The bitmaps describe the data as of their build (count_bitmaps_refresh, run by every
-- refresh_tag_cardinality_stats); rows written since are logged in count_dirty_rows by
-- triggers (count_dirty.sql) and evaluated live by the counts, so a count is exact at the
-- caller's snapshot however old the bitmaps are.

-- A bitmap of p_width bits with the bits of p_ids set (ids outside 0..p_width-1 are ignored).
create or replace function tagpage_bits_from_ids(
    p_ids    bigint[],
    p_width  bigint
)
    returns bit varying
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_bits  bit varying;
begin
    -- Built as hexadecimal text: one 16-digit word per 64 ids that has a bit set, runs of
    -- zero words written as zeros, then cast. The work is in the set words, so a sparse
    -- bitmap (a rare tag, a creator's rows) costs its ids, not its width. p_width is a
    -- multiple of 64 (every caller rounds it up).
    with words as (
        select u.id / 64 as w, bit_or(1::bigint << (63 - (u.id % 64))::integer) as word
        from unnest(p_ids) as u(id)
        where u.id >= 0 and u.id < p_width
        group by 1
    ), gapped as (
        select w.w, w.word, w.w - coalesce(lag(w.w) over (order by w.w), -1) - 1 as gap
        from words w
    )
    select ('x' || coalesce(string_agg(repeat('0', 16 * g.gap::integer) || lpad(to_hex(g.word), 16, '0'),
                                       '' order by g.w), '')
                || repeat('0', (16 * (p_width / 64 - 1 - coalesce(max(g.w), -1)))::integer))::bit varying
    into v_bits
    from gapped g;
    return v_bits;
end;
$$;
comment on function tagpage_bits_from_ids(bigint[], bigint) is
    'Bitmap of p_width bits (a multiple of 64) with bit i set for each id i in p_ids.';

-- The positions of the set bits of a bitmap, ascending.
create or replace function tagpage_bit_positions(
    p_bits  bit varying
)
    returns setof bigint
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- The bitmap as text split at its ones gives the runs of zeros between them; a running sum
    -- of (run + 1) is each one's position (the last run, after the last one, is dropped). Both
    -- steps are C loops over the text: ~15 ms for 1.1M bits, against ~8 s for get_bit per bit.
    return query
        select s.p
        from (select (sum(length(u.z) + 1) over (order by u.o) - 1)::bigint as p, u.o,
                     count(*) over () as n
              from unnest(string_to_array(p_bits::text, '1')) with ordinality as u(z, o)) s
        where s.o < s.n;
end;
$$;
comment on function tagpage_bit_positions(bit varying) is
    'Positions (ids) of the set bits of a bitmap, ascending.';

-- Rebuild every count bitmap from content_tags and the content tables, in one statement.
create or replace function count_bitmaps_refresh()
    returns bigint
    volatile
    language plpgsql
    set search_path = public, pg_temp
    set jit = off
    set work_mem = '256MB'
as $$
declare
    -- Ids at or above this are never given a bit (get_bit takes an integer position, and a
    -- bitmap this wide is already 16 MB); rows there are counted live like rows written since
    -- the build. Gallery ids come from one sequence, far below it.
    v_max_width   constant bigint := 134217728;
    v_now         timestamptz := clock_timestamp();
    v_items       bigint;
    v_auto        bigint;
    v_written     bigint;
begin
    -- What: per source, the covered width (max id + 1 and room to grow, a multiple of 64), then the public rows,
    -- each creator's rows and each tag's rows as bitmaps; upserts of what changed, deletes of
    -- what is gone, and the dirty-row log emptied.
    -- Why one statement for the bitmaps and the log: one snapshot, so a log row is deleted
    -- exactly when the write it records is inside the bitmaps (the reasoning of
    -- refresh_tag_cardinality_stats); readers see the old bitmaps until commit, never a mix.
    -- The widths come first, from an earlier snapshot: a row that appears in between has a
    -- larger id, so it is outside the bitmaps and counted live anyway.
    -- How: every row link becomes (kind, key, source, word number, 64-bit word) through one
    -- hash aggregate, then each bitmap is its words' hexadecimal text, runs of zero words
    -- padded, cast once (the work is in the set bits, so rare tags and small creators cost
    -- their rows, not the width). The advisory lock serialises builds (refresh_tag_cardinality_stats
    -- already holds it). work_mem: the word aggregate stays in memory; jit off: compiling costs
    -- about a second and saves nothing here.
    perform lock_tag_stats_writers();
    select coalesce(max(c.id), -1) into v_items
      from content_items_all c where c.source_type = 'items' and c.id >= 0 and c.id < v_max_width;
    select coalesce(max(c.id), -1) into v_auto
      from content_items_all c where c.source_type = 'auto' and c.id >= 0 and c.id < v_max_width;
    -- Room for the ids to come (1/16 more, at least 1024): rows inserted since are then inside
    -- the bitmaps, and count_bitmaps_fold can fold them in without widening every bitmap.
    v_items := least((v_items + 1 + greatest(1024, v_items / 16)) / 64 * 64 + 64, v_max_width);
    v_auto := least((v_auto + 1 + greatest(1024, v_auto / 16)) / 64 * 64 + 64, v_max_width);

    with rows_in_range as (
        select 'tag'::text as kind, ct.tag_id as key, ct.content_source as src, ct.content_id as id
        from content_tags ct
        where ct.content_id >= 0
          and ct.content_id < case ct.content_source when 'items' then v_items else v_auto end
        union all
        select 'creator', c.creator_id, c.source_type, c.id
        from content_items_all c
        where c.id >= 0 and c.id < case c.source_type when 'items' then v_items else v_auto end
        union all
        select 'public', null, c.source_type, c.id
        from content_items_all c
        where not c.is_private
          and c.id >= 0 and c.id < case c.source_type when 'items' then v_items else v_auto end
    ), words as (
        select r.kind, r.key, r.src, r.id / 64 as w,
               bit_or(1::bigint << (63 - (r.id % 64))::integer) as word, count(*) as n
        from rows_in_range r
        group by r.kind, r.key, r.src, r.id / 64
    ), gapped as (
        select w.*, w.w - coalesce(lag(w.w) over (partition by w.kind, w.key, w.src order by w.w), -1) - 1 as gap
        from words w
    ), bitmaps as (
        select g.kind, g.key, g.src,
               ('x' || string_agg(repeat('0', 16 * g.gap::integer) || lpad(to_hex(g.word), 16, '0'), '' order by g.w)
                    || repeat('0', (16 * ((case g.src when 'items' then v_items else v_auto end) / 64
                                          - 1 - max(g.w)))::integer))::bit varying as bits,
               sum(g.n)::bigint as bit_rows
        from gapped g
        group by g.kind, g.key, g.src
    ), tag_rows as (
        select b.key as tag_id,
               (array_agg(b.bits) filter (where b.src = 'items'))[1] as items_bits,
               coalesce(sum(b.bit_rows) filter (where b.src = 'items'), 0)::bigint as items_rows,
               (array_agg(b.bits) filter (where b.src = 'auto'))[1] as auto_bits,
               coalesce(sum(b.bit_rows) filter (where b.src = 'auto'), 0)::bigint as auto_rows
        from bitmaps b
        where b.kind = 'tag'
        group by b.key
    ), sources as (
        insert into count_bitmap_source as s (content_source, width, public_bits, built_at)
        select v.src, v.width,
               coalesce((select b.bits from bitmaps b where b.kind = 'public' and b.src = v.src),
                        ('x' || repeat('0', (v.width / 4)::integer))::bit varying),
               v_now
        from (values ('items', v_items), ('auto', v_auto)) as v (src, width)
        on conflict (content_source) do update
            set width = excluded.width,
                public_bits = excluded.public_bits,
                built_at = excluded.built_at
        returning 1
    ), tags_written as (
        insert into count_tag_bitmap as b (tag_id, items_bits, items_rows, auto_bits, auto_rows, total_rows)
        select r.tag_id, r.items_bits, r.items_rows, r.auto_bits, r.auto_rows, r.items_rows + r.auto_rows
        from tag_rows r
        left join count_tag_bitmap o on o.tag_id = r.tag_id
        where o.tag_id is null   -- unchanged bitmaps: no new row version
           or o.items_bits is distinct from r.items_bits
           or o.auto_bits is distinct from r.auto_bits
        order by r.tag_id
        on conflict (tag_id) do update
            set items_bits = excluded.items_bits,
                items_rows = excluded.items_rows,
                auto_bits = excluded.auto_bits,
                auto_rows = excluded.auto_rows,
                total_rows = excluded.total_rows
        returning 1
    ), tags_gone as (
        delete from count_tag_bitmap b
        where not exists (select 1 from tag_rows r where r.tag_id = b.tag_id)
        returning 1
    ), creators_written as (
        insert into count_creator_bitmap as b (creator_id, content_source, bits, bit_rows)
        select r.key, r.src, r.bits, r.bit_rows
        from bitmaps r
        left join count_creator_bitmap o on o.creator_id = r.key and o.content_source = r.src
        where r.kind = 'creator'
          and o.bits is distinct from r.bits
        order by r.key, r.src
        on conflict (creator_id, content_source) do update
            set bits = excluded.bits,
                bit_rows = excluded.bit_rows
        returning 1
    ), creators_gone as (
        delete from count_creator_bitmap b
        where not exists (select 1 from bitmaps r
                          where r.kind = 'creator' and r.key = b.creator_id and r.src = b.content_source)
        returning 1
    ), consumed as (
        delete from count_dirty_rows
        returning 1
    ), consumed_keys as (
        delete from count_dirty_keys
        returning 1
    )
    -- data-modifying CTEs always run to completion, read or not
    select (select count(*) from tags_written) + (select count(*) from creators_written)
           + (select count(*) from sources)
    into v_written;

    return v_written;
end;
$$;
comment on function count_bitmaps_refresh() is
    'Rebuild count_bitmap_source, count_tag_bitmap and count_creator_bitmap from the content and empty count_dirty_rows, in one statement; returns the bitmap rows written.';

-- Fold the rows written since the build into the bitmaps they changed, in one statement.
create or replace function count_bitmaps_fold()
    returns bigint
    volatile
    language plpgsql
    set search_path = public, pg_temp
    set jit = off
as $$
declare
    v_folded  bigint;
begin
    -- What: take (delete) the logged rows and keys; for each source with bitmaps, the logged
    -- rows inside its width become a mask D; every bitmap a logged key names (tags whose links
    -- changed, creators before and after) and the public rows become (bits & ~D) | (the logged
    -- rows that qualify now). Rows outside the width stay in the log, counted live, until the
    -- next full build (which also widens).
    -- Why: counts evaluate every logged row live; folding every minute keeps that work small
    -- between full builds, and it rewrites only the bitmaps the writes touched (a few on zipf,
    -- every tag of a retagged row on genonaut), without reading content_tags in full.
    -- One statement, one snapshot: a log row is deleted exactly when the state it stands for is
    -- read into the bitmaps (the reasoning of count_bitmaps_refresh). The advisory lock
    -- serialises folds with builds and the statistics writers.
    perform lock_tag_stats_writers();

    with taken as (
        delete from count_dirty_rows d
        where exists (select 1 from count_bitmap_source s
                       where s.content_source = d.content_source
                         and d.content_id >= 0 and d.content_id < s.width)
        returning d.content_source, d.content_id
    ), taken_keys as (
        delete from count_dirty_keys
        returning kind, key
    ), rows_now as (
        select distinct t.content_source as src, t.content_id as id from taken t
    ), masks as (
        select s.content_source as src, s.width,
               tagpage_bits_from_ids(array_agg(r.id), s.width) as dirty,
               tagpage_bits_from_ids(coalesce(array_agg(c.id) filter (where not c.is_private), '{}'), s.width) as public_now
        from rows_now r
        join count_bitmap_source s on s.content_source = r.src
        left join content_items_all c on c.id = r.id and c.source_type = r.src
        group by s.content_source, s.width
    ), links_now as (
        -- the logged rows' current tags, per tag and source
        select ct.tag_id, r.src, array_agg(r.id) as ids
        from rows_now r
        join content_tags ct on ct.content_id = r.id and ct.content_source = r.src
        group by ct.tag_id, r.src
    ), owners_now as (
        select c.creator_id, r.src, array_agg(r.id) as ids
        from rows_now r
        join content_items_all c on c.id = r.id and c.source_type = r.src
        group by c.creator_id, r.src
    ), tag_keys as (
        select k.key as tag_id from taken_keys k where k.kind = 'tag'
        union
        select l.tag_id from links_now l
    ), creator_keys as (
        select k.key as creator_id from taken_keys k where k.kind = 'creator'
        union
        select o.creator_id from owners_now o
    ), tag_now as (
        select k.tag_id, m.src,
               (coalesce(case m.src when 'items' then b.items_bits else b.auto_bits end, m.dirty # m.dirty)
                & ~ m.dirty)
               | tagpage_bits_from_ids(coalesce(l.ids, '{}'), m.width) as bits
        from tag_keys k
        cross join masks m
        left join count_tag_bitmap b on b.tag_id = k.tag_id
        left join links_now l on l.tag_id = k.tag_id and l.src = m.src
    ), tag_folded as (
        select t.tag_id,
               (array_agg(t.bits) filter (where t.src = 'items'))[1] as items_bits,
               (array_agg(t.bits) filter (where t.src = 'auto'))[1] as auto_bits
        from tag_now t
        group by t.tag_id
    ), tag_rows as (
        -- a source without logged rows keeps the tag's bitmap as it was
        select f.tag_id, coalesce(f.items_bits, b.items_bits) as items_bits,
               coalesce(f.auto_bits, b.auto_bits) as auto_bits
        from tag_folded f
        left join count_tag_bitmap b on b.tag_id = f.tag_id
    ), tags_written as (
        insert into count_tag_bitmap as b (tag_id, items_bits, items_rows, auto_bits, auto_rows, total_rows)
        select r.tag_id, r.items_bits, coalesce(bit_count(r.items_bits), 0), r.auto_bits,
               coalesce(bit_count(r.auto_bits), 0),
               coalesce(bit_count(r.items_bits), 0) + coalesce(bit_count(r.auto_bits), 0)
        from tag_rows r
        order by r.tag_id
        on conflict (tag_id) do update
            set items_bits = excluded.items_bits,
                items_rows = excluded.items_rows,
                auto_bits = excluded.auto_bits,
                auto_rows = excluded.auto_rows,
                total_rows = excluded.total_rows
        returning 1
    ), creators_written as (
        insert into count_creator_bitmap as b (creator_id, content_source, bits, bit_rows)
        select n.creator_id, n.src, n.bits, bit_count(n.bits)
        from (select k.creator_id, m.src,
                     (coalesce(o.bits, m.dirty # m.dirty) & ~ m.dirty)
                     | tagpage_bits_from_ids(coalesce(w.ids, '{}'), m.width) as bits
              from creator_keys k
              cross join masks m
              left join count_creator_bitmap o on o.creator_id = k.creator_id and o.content_source = m.src
              left join owners_now w on w.creator_id = k.creator_id and w.src = m.src) n
        order by n.creator_id, n.src
        on conflict (creator_id, content_source) do update
            set bits = excluded.bits,
                bit_rows = excluded.bit_rows
        returning 1
    ), sources_written as (
        update count_bitmap_source s
           set public_bits = (s.public_bits & ~ m.dirty) | m.public_now
          from masks m
         where m.src = s.content_source
        returning 1
    )
    -- data-modifying CTEs always run to completion, read or not
    select count(*) from rows_now
    into v_folded;

    return v_folded;
end;
$$;
comment on function count_bitmaps_fold() is
    'Fold count_dirty_rows (inside the bitmaps'' widths) into the bitmaps of the tags and creators count_dirty_keys names and the public rows; returns the rows folded.';
