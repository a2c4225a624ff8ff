-- Count bitmaps: for each source, one bit per content id, per tag, per creator and for the
-- public rows, so a filter's matches are a few bitwise operations and a bit_count.
--
-- Bit i of a bitmap stands for content id i (0 <= i < count_bitmap_source.width, a multiple of
-- 64). The bitmaps describe the data as of their build (count_bitmaps_refresh, run by every
-- refresh_tag_cardinality_stats); rows written since are logged in count_dirty_rows by
-- triggers (count_dirty.sql) and evaluated live by the counts, so a count is exact at the
-- caller's snapshot however old the bitmaps are.

-- Sample bitmaps (count_tag_sample, count_bitmap_source.sample_public_bits,
-- count_creator_bitmap.sample_bits) hold one content id in 16: the ids are cut into blocks of 16
-- (16p .. 16p + 15) and block p keeps the one id tagpage_sample_id picks by a hash of p. Bit p
-- of a sample bitmap stands for that id, so a sample bitmap is 1/16 of the width
-- (tagpage_sample_width) and any id maps to its bit without a lookup (id / 16, if it is the
-- kept one). related_tags estimates from them when the matches exceed exact_limit.

-- The content id a source's sample keeps in block p_block (one of 16p .. 16p + 15).
create or replace function tagpage_sample_id(
    p_source  text,
    p_block   bigint
)
    returns bigint
    immutable
    parallel safe
    language sql
return 16 * p_block + (hashint8extended(p_block, case p_source when 'items' then 7303 else 7304 end) & 15);
comment on function tagpage_sample_id(text, bigint) is
    'The id kept by the sample in ids 16 * p_block .. 16 * p_block + 15 of a source: picked by a hash of the block, fixed across builds (SQL, inlined into the build).';

-- Bits of a source's sample bitmaps for a bitmap width (width / 16, rounded up to 64).
create or replace function tagpage_sample_width(
    p_width  bigint
)
    returns bigint
    immutable
    parallel safe
    language sql
return (p_width + 1023) / 1024 * 64;
comment on function tagpage_sample_width(bigint) is
    'Width of the sample bitmaps of a source whose bitmaps are p_width bits: one bit per block of 16 ids, a multiple of 64.';

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
    -- In chunks of 4096 bits, and only the chunks bit_count finds a one in (a few matches in a
    -- wide bitmap cost the chunks, ~0.4 ms for 1.1M bits, not the width as text). In a chunk,
    -- its text split at its ones gives the runs of zeros between them; a running sum of
    -- (run + 1) is each one's position (the last run, after the last one, is dropped). Both
    -- steps are C loops over the text: ~8 ms for 6,000 ones in 1.1M bits, against ~8 s for
    -- get_bit per bit.
    return query
        select c.o * 4096 + s.p
        from generate_series(0, (length(p_bits) - 1) / 4096) as c(o)
        cross join lateral (select substring(p_bits from (c.o * 4096 + 1)::integer for 4096) as chunk) k
        cross join lateral (
            select (sum(length(u.z) + 1) over (order by u.o) - 1)::bigint as p, u.o, count(*) over () as n
            from unnest(string_to_array(k.chunk::text, '1')) with ordinality as u(z, o)
            where bit_count(k.chunk) > 0) s
        where s.o < s.n
        order by 1;
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
    -- each creator's rows and each tag's rows as bitmaps, and the same over the sample (one id
    -- in 16, see tagpage_sample_id); upserts of what changed, deletes of what is gone, and the
    -- dirty-row log emptied.
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

    with links as (
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
    ), rows_in_range as (
        -- every link once at its id, and once more at its sample bit when its id is the one its
        -- block keeps (1/16 of them): one scan of content_tags serves both kinds of bitmap
        select l.kind, l.key, l.src, v.sampled, v.id
        from links l
        cross join lateral (values (false, l.id), (true, l.id / 16)) as v (sampled, id)
        where not v.sampled or l.id = tagpage_sample_id(l.src, l.id / 16)
    ), words as (
        select r.kind, r.key, r.src, r.sampled, r.id / 64 as w,
               bit_or(1::bigint << (63 - (r.id % 64))::integer) as word, count(*) as n
        from rows_in_range r
        group by r.kind, r.key, r.src, r.sampled, r.id / 64
    ), gapped as (
        select w.*, w.w - coalesce(lag(w.w) over (partition by w.kind, w.key, w.src, w.sampled order by w.w), -1) - 1 as gap
        from words w
    ), bitmaps as (
        select g.kind, g.key, g.src, g.sampled,
               ('x' || string_agg(repeat('0', 16 * g.gap::integer) || lpad(to_hex(g.word), 16, '0'), '' order by g.w)
                    || repeat('0', (16 * ((case when g.sampled then tagpage_sample_width(case g.src when 'items' then v_items else v_auto end)
                                                else case g.src when 'items' then v_items else v_auto end end) / 64
                                               - 1 - max(g.w)))::integer))::bit varying as bits,
               sum(g.n)::bigint as bit_rows
        from gapped g
        group by g.kind, g.key, g.src, g.sampled
    ), tag_rows as (
        select b.key as tag_id, b.sampled,
               (array_agg(b.bits) filter (where b.src = 'items'))[1] as items_bits,
               coalesce(sum(b.bit_rows) filter (where b.src = 'items'), 0)::bigint as items_rows,
               (array_agg(b.bits) filter (where b.src = 'auto'))[1] as auto_bits,
               coalesce(sum(b.bit_rows) filter (where b.src = 'auto'), 0)::bigint as auto_rows
        from bitmaps b
        where b.kind = 'tag'
        group by b.key, b.sampled
    ), sources as (
        insert into count_bitmap_source as s (content_source, width, public_bits, built_at, sample_public_bits)
        select v.src, v.width,
               coalesce((select b.bits from bitmaps b where b.kind = 'public' and b.src = v.src and not b.sampled),
                        ('x' || repeat('0', (v.width / 4)::integer))::bit varying),
               v_now,
               coalesce((select b.bits from bitmaps b where b.kind = 'public' and b.src = v.src and b.sampled),
                        ('x' || repeat('0', (tagpage_sample_width(v.width) / 4)::integer))::bit varying)
        from (values ('items', v_items), ('auto', v_auto)) as v (src, width)
        on conflict (content_source) do update
            set width = excluded.width,
                public_bits = excluded.public_bits,
                built_at = excluded.built_at,
                sample_public_bits = excluded.sample_public_bits
        returning 1
    ), tags_written as (
        insert into count_tag_bitmap as b (tag_id, items_bits, items_rows, auto_bits, auto_rows, total_rows)
        select r.tag_id, r.items_bits, r.items_rows, r.auto_bits, r.auto_rows, r.items_rows + r.auto_rows
        from tag_rows r
        left join count_tag_bitmap o on o.tag_id = r.tag_id
        where not r.sampled
          and (o.tag_id is null   -- unchanged bitmaps: no new row version
               or o.items_bits is distinct from r.items_bits
               or o.auto_bits is distinct from r.auto_bits)
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
        where not exists (select 1 from tag_rows r where r.tag_id = b.tag_id and not r.sampled)
        returning 1
    ), samples_written as (
        insert into count_tag_sample as b (tag_id, items_bits, auto_bits, total_rows)
        select r.tag_id, r.items_bits, r.auto_bits, r.items_rows + r.auto_rows
        from tag_rows r
        left join count_tag_sample o on o.tag_id = r.tag_id
        where r.sampled
          and (o.tag_id is null
               or o.items_bits is distinct from r.items_bits
               or o.auto_bits is distinct from r.auto_bits)
        order by r.tag_id
        on conflict (tag_id) do update
            set items_bits = excluded.items_bits,
                auto_bits = excluded.auto_bits,
                total_rows = excluded.total_rows
        returning 1
    ), samples_gone as (
        delete from count_tag_sample b
        where not exists (select 1 from tag_rows r where r.tag_id = b.tag_id and r.sampled)
        returning 1
    ), creators_written as (
        insert into count_creator_bitmap as b (creator_id, content_source, bits, bit_rows, sample_bits)
        select r.key, r.src, r.bits, r.bit_rows, s.bits
        from bitmaps r
        left join bitmaps s on s.kind = 'creator' and s.sampled and s.key = r.key and s.src = r.src
        left join count_creator_bitmap o on o.creator_id = r.key and o.content_source = r.src
        where r.kind = 'creator' and not r.sampled
          and (o.bits is distinct from r.bits or o.sample_bits is distinct from s.bits)
        order by r.key, r.src
        on conflict (creator_id, content_source) do update
            set bits = excluded.bits,
                bit_rows = excluded.bit_rows,
                sample_bits = excluded.sample_bits
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
           + (select count(*) from sources) + (select count(*) from samples_written)
    into v_written;

    return v_written;
end;
$$;
comment on function count_bitmaps_refresh() is
    'Rebuild count_bitmap_source, count_tag_bitmap, count_tag_sample and count_creator_bitmap (with their sample bitmaps) from the content and empty count_dirty_rows, in one statement; returns the bitmap rows written.';

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
    -- rows that qualify now), and their sample bitmaps likewise with the logged rows the sample
    -- keeps (a source whose samples were never built keeps none). Rows outside the width stay in the log, counted live, until the
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
        select distinct t.content_source as src, t.content_id as id,
               t.content_id = tagpage_sample_id(t.content_source, t.content_id / 16) as sampled
        from taken t
    ), masks as (
        -- per source: the logged rows (dirty) and those public now, over the bitmaps and over
        -- the sample bitmaps (a logged row the sample keeps is at bit id / 16 there)
        select s.content_source as src, s.width,
               tagpage_bits_from_ids(array_agg(r.id), s.width) as dirty,
               tagpage_bits_from_ids(coalesce(array_agg(c.id) filter (where not c.is_private), '{}'), s.width) as public_now,
               s.sample_public_bits is not null as has_sample,
               tagpage_sample_width(s.width) as swidth,
               tagpage_bits_from_ids(coalesce(array_agg(r.id / 16) filter (where r.sampled), '{}'),
                                     tagpage_sample_width(s.width)) as sdirty,
               tagpage_bits_from_ids(coalesce(array_agg(c.id / 16) filter (where r.sampled and not c.is_private), '{}'),
                                     tagpage_sample_width(s.width)) as spublic_now
        from rows_now r
        join count_bitmap_source s on s.content_source = r.src
        left join content_items_all c on c.id = r.id and c.source_type = r.src
        group by s.content_source, s.width, s.sample_public_bits is not null
    ), links_now as (
        -- the logged rows' current tags, per tag and source
        select ct.tag_id, r.src, array_agg(r.id) as ids, array_agg(r.id / 16) filter (where r.sampled) as sids
        from rows_now r
        join content_tags ct on ct.content_id = r.id and ct.content_source = r.src
        group by ct.tag_id, r.src
    ), owners_now as (
        select c.creator_id, r.src, array_agg(r.id) as ids, array_agg(r.id / 16) filter (where r.sampled) as sids
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
               | tagpage_bits_from_ids(coalesce(l.ids, '{}'), m.width) as bits,
               case when m.has_sample then
                   (coalesce(case m.src when 'items' then sb.items_bits else sb.auto_bits end, m.sdirty # m.sdirty)
                    & ~ m.sdirty)
                   | tagpage_bits_from_ids(coalesce(l.sids, '{}'), m.swidth)
               end as sbits
        from tag_keys k
        cross join masks m
        left join count_tag_bitmap b on b.tag_id = k.tag_id
        left join count_tag_sample sb on sb.tag_id = k.tag_id
        left join links_now l on l.tag_id = k.tag_id and l.src = m.src
    ), tag_folded as (
        select t.tag_id,
               (array_agg(t.bits) filter (where t.src = 'items'))[1] as items_bits,
               (array_agg(t.bits) filter (where t.src = 'auto'))[1] as auto_bits,
               (array_agg(t.sbits) filter (where t.src = 'items'))[1] as items_sbits,
               (array_agg(t.sbits) filter (where t.src = 'auto'))[1] as auto_sbits
        from tag_now t
        group by t.tag_id
    ), tag_rows as (
        -- a source without logged rows keeps the tag's bitmap as it was
        select f.tag_id, coalesce(f.items_bits, b.items_bits) as items_bits,
               coalesce(f.auto_bits, b.auto_bits) as auto_bits,
               coalesce(f.items_sbits, sb.items_bits) as items_sbits,
               coalesce(f.auto_sbits, sb.auto_bits) as auto_sbits
        from tag_folded f
        left join count_tag_bitmap b on b.tag_id = f.tag_id
        left join count_tag_sample sb on sb.tag_id = f.tag_id
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
    ), samples_written as (
        insert into count_tag_sample as b (tag_id, items_bits, auto_bits, total_rows)
        select r.tag_id, r.items_sbits, r.auto_sbits,
               coalesce(bit_count(r.items_sbits), 0) + coalesce(bit_count(r.auto_sbits), 0)
        from tag_rows r
        where r.items_sbits is not null or r.auto_sbits is not null
        order by r.tag_id
        on conflict (tag_id) do update
            set items_bits = excluded.items_bits,
                auto_bits = excluded.auto_bits,
                total_rows = excluded.total_rows
        returning 1
    ), creators_written as (
        insert into count_creator_bitmap as b (creator_id, content_source, bits, bit_rows, sample_bits)
        select n.creator_id, n.src, n.bits, bit_count(n.bits), n.sbits
        from (select k.creator_id, m.src,
                     (coalesce(o.bits, m.dirty # m.dirty) & ~ m.dirty)
                     | tagpage_bits_from_ids(coalesce(w.ids, '{}'), m.width) as bits,
                     case when m.has_sample then
                         (coalesce(o.sample_bits, m.sdirty # m.sdirty) & ~ m.sdirty)
                         | tagpage_bits_from_ids(coalesce(w.sids, '{}'), m.swidth)
                     end as sbits
              from creator_keys k
              cross join masks m
              left join count_creator_bitmap o on o.creator_id = k.creator_id and o.content_source = m.src
              left join owners_now w on w.creator_id = k.creator_id and w.src = m.src) n
        order by n.creator_id, n.src
        on conflict (creator_id, content_source) do update
            set bits = excluded.bits,
                bit_rows = excluded.bit_rows,
                sample_bits = excluded.sample_bits
        returning 1
    ), sources_written as (
        update count_bitmap_source s
           set public_bits = (s.public_bits & ~ m.dirty) | m.public_now,
               sample_public_bits = (s.sample_public_bits & ~ m.sdirty) | m.spublic_now
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
    'Fold count_dirty_rows (inside the bitmaps'' widths) into the bitmaps and sample bitmaps of the tags and creators count_dirty_keys names and the public rows; returns the rows folded.';
