--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;


--
-- Name: EXTENSION pgcrypto; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';


--
-- Name: tagpage_count_part; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.tagpage_count_part AS (
	content_source text,
	scope text,
	bitmaps boolean,
	width bigint,
	m0 bit varying,
	base bigint,
	x_rows bigint,
	x_base bigint
);


--
-- Name: TYPE tagpage_count_part; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TYPE public.tagpage_count_part IS 'One source''s share of a count (tagpage_count_parts): whether bitmaps serve it, its matches among the bitmaps'' rows (m0, base = bits set) and the rows to evaluate live (x_rows, of which x_base are set in m0).';


--
-- Name: tagpage_page_row; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.tagpage_page_row AS (
	id bigint,
	source_type text,
	title text,
	creator_id uuid,
	is_private boolean,
	quality_score real,
	created_at timestamp with time zone,
	content_type text,
	path_thumb text,
	updated_at timestamp with time zone
);


--
-- Name: TYPE tagpage_page_row; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TYPE public.tagpage_page_row IS 'The row columns every strategy returns; unified_content_page holds a budgeted sort_first walk''s rows in an array of it.';


--
-- Name: COLUMN tagpage_page_row.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.id IS 'content_items_all.id.';


--
-- Name: COLUMN tagpage_page_row.source_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.source_type IS 'content_items_all.source_type (items/auto).';


--
-- Name: COLUMN tagpage_page_row.title; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.title IS 'content_items_all.title.';


--
-- Name: COLUMN tagpage_page_row.creator_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.creator_id IS 'content_items_all.creator_id.';


--
-- Name: COLUMN tagpage_page_row.is_private; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.is_private IS 'content_items_all.is_private.';


--
-- Name: COLUMN tagpage_page_row.quality_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.quality_score IS 'content_items_all.quality_score.';


--
-- Name: COLUMN tagpage_page_row.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.created_at IS 'content_items_all.created_at.';


--
-- Name: COLUMN tagpage_page_row.content_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.content_type IS 'content_items_all.content_type.';


--
-- Name: COLUMN tagpage_page_row.path_thumb; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.path_thumb IS 'content_items_all.path_thumb.';


--
-- Name: COLUMN tagpage_page_row.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_page_row.updated_at IS 'content_items_all.updated_at.';


--
-- Name: tagpage_plan_choice; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.tagpage_plan_choice AS (
	strategy text,
	tags uuid[],
	budget integer,
	fallback text,
	work_mem_mb integer,
	detail jsonb,
	seed_tags uuid[]
);


--
-- Name: TYPE tagpage_plan_choice; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TYPE public.tagpage_plan_choice IS 'The planner''s decision (tagpage_plan).';


--
-- Name: COLUMN tagpage_plan_choice.strategy; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_plan_choice.strategy IS 'Strategy to run.';


--
-- Name: COLUMN tagpage_plan_choice.tags; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_plan_choice.tags IS 'The request''s tags, rarest first.';


--
-- Name: COLUMN tagpage_plan_choice.budget; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_plan_choice.budget IS 'Walk budget in rows when sort_first may fall back, else NULL.';


--
-- Name: COLUMN tagpage_plan_choice.fallback; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_plan_choice.fallback IS 'Tag-first strategy serving the request when the budgeted walk is cut.';


--
-- Name: COLUMN tagpage_plan_choice.work_mem_mb; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_plan_choice.work_mem_mb IS 'work_mem the tag-first statement may use (max_work_mem_mb), NULL for walks.';


--
-- Name: COLUMN tagpage_plan_choice.detail; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_plan_choice.detail IS 'The estimates compared and the reason, when asked for (unified_content_plan), else NULL.';


--
-- Name: COLUMN tagpage_plan_choice.seed_tags; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_plan_choice.seed_tags IS 'Tags seeding a tag-first strategy for a boolean filter (tagpage_request.seed_tags).';


--
-- Name: tagpage_request; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.tagpage_request AS (
	tags uuid[],
	k integer,
	tag_match text,
	requested_match text,
	user_id uuid,
	sort text,
	direction text,
	descending boolean,
	has_cursor boolean,
	page_size integer,
	fetch_rows integer,
	cur_quality real,
	cur_created_at timestamp with time zone,
	cur_id bigint,
	cur_source text,
	sources text[],
	items_scope text,
	auto_scope text,
	items_kind text,
	auto_kind text,
	items_own boolean,
	items_pub boolean,
	items_excl boolean,
	auto_own boolean,
	auto_pub boolean,
	auto_excl boolean,
	budget integer,
	expr jsonb,
	seed_tags uuid[]
);


--
-- Name: TYPE tagpage_request; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TYPE public.tagpage_request IS 'One validated request (tagpage_request_build): the single value every strategy statement reads.';


--
-- Name: COLUMN tagpage_request.tags; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.tags IS 'Distinct tag ids; the planner puts them rarest first.';


--
-- Name: COLUMN tagpage_request.k; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.k IS 'Number of distinct tags.';


--
-- Name: COLUMN tagpage_request.tag_match; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.tag_match IS 'all or any as the strategies apply it (all when k <= 1).';


--
-- Name: COLUMN tagpage_request.requested_match; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.requested_match IS 'tag_match as the caller gave it.';


--
-- Name: COLUMN tagpage_request.user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.user_id IS 'The viewer: owner of the user-* rows, the only one who sees its private rows.';


--
-- Name: COLUMN tagpage_request.sort; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.sort IS 'created_at_desc, created_at_asc or quality_score_desc.';


--
-- Name: COLUMN tagpage_request.direction; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.direction IS 'next (no cursor, or a next_cursor) or prev (a prev_cursor).';


--
-- Name: COLUMN tagpage_request.descending; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.descending IS 'Scan direction of the keyset indexes for this sort and direction.';


--
-- Name: COLUMN tagpage_request.has_cursor; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.has_cursor IS 'Whether the caller passed a cursor.';


--
-- Name: COLUMN tagpage_request.page_size; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.page_size IS 'Rows per page, 1..500.';


--
-- Name: COLUMN tagpage_request.fetch_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.fetch_rows IS 'Rows a strategy fetches: page_size + 1 (the extra row says whether more exist).';


--
-- Name: COLUMN tagpage_request.cur_quality; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.cur_quality IS 'Keyset position: quality_score (quality_score_desc only).';


--
-- Name: COLUMN tagpage_request.cur_created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.cur_created_at IS 'Keyset position: created_at (infinity or -infinity without a cursor).';


--
-- Name: COLUMN tagpage_request.cur_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.cur_id IS 'Keyset position: id.';


--
-- Name: COLUMN tagpage_request.cur_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.cur_source IS 'Keyset position: source_type.';


--
-- Name: COLUMN tagpage_request.sources; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.sources IS 'Partitions read (items, auto).';


--
-- Name: COLUMN tagpage_request.items_scope; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.items_scope IS 'Scope in the items partition: all, user, community, public or NULL (not read).';


--
-- Name: COLUMN tagpage_request.auto_scope; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.auto_scope IS 'Scope in the auto partition, as items_scope.';


--
-- Name: COLUMN tagpage_request.items_kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.items_kind IS 'How the items partition is read: user (creator index), general (sort index) or NULL.';


--
-- Name: COLUMN tagpage_request.auto_kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.auto_kind IS 'How the auto partition is read, as items_kind.';


--
-- Name: COLUMN tagpage_request.items_own; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.items_own IS 'items: the viewer''s own rows (private included) belong to the scope.';


--
-- Name: COLUMN tagpage_request.items_pub; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.items_pub IS 'items: public rows belong to the scope.';


--
-- Name: COLUMN tagpage_request.items_excl; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.items_excl IS 'items: public rows of the viewer are left out (community scope).';


--
-- Name: COLUMN tagpage_request.auto_own; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.auto_own IS 'auto: as items_own.';


--
-- Name: COLUMN tagpage_request.auto_pub; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.auto_pub IS 'auto: as items_pub.';


--
-- Name: COLUMN tagpage_request.auto_excl; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.auto_excl IS 'auto: as items_excl.';


--
-- Name: COLUMN tagpage_request.budget; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.budget IS 'Rows a budgeted sort_first walk may read (set by the planner).';


--
-- Name: COLUMN tagpage_request.expr; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.expr IS 'The whole tag filter as a normalised boolean tree over tags (a tag query AND tags / tag_match); NULL: tags and tag_match alone.';


--
-- Name: COLUMN tagpage_request.seed_tags; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_request.seed_tags IS 'Tags whose posting lists seed a tag-first strategy for expr (one positive conjunct, set by the planner).';


--
-- Name: tagpage_shape; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.tagpage_shape AS (
	strategy text,
	items_kind text,
	auto_kind text,
	sort text,
	descending boolean,
	tag_match text,
	k integer,
	slots integer,
	req text,
	budgeted boolean,
	expr jsonb
);


--
-- Name: TYPE tagpage_shape; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TYPE public.tagpage_shape IS 'What a strategy statement''s text depends on; everything else is a field of the bound tagpage_request.';


--
-- Name: COLUMN tagpage_shape.strategy; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.strategy IS 'Strategy name (tagpage_strategies()).';


--
-- Name: COLUMN tagpage_shape.items_kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.items_kind IS 'tagpage_request.items_kind the statement is written for.';


--
-- Name: COLUMN tagpage_shape.auto_kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.auto_kind IS 'tagpage_request.auto_kind the statement is written for.';


--
-- Name: COLUMN tagpage_shape.sort; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.sort IS 'Sort the statement orders by.';


--
-- Name: COLUMN tagpage_shape.descending; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.descending IS 'Scan direction.';


--
-- Name: COLUMN tagpage_shape.tag_match; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.tag_match IS 'all or any.';


--
-- Name: COLUMN tagpage_shape.k; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.k IS 'Tags probed (dynamic statements: exactly k probes).';


--
-- Name: COLUMN tagpage_shape.slots; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.slots IS 'Precompiled statements: probes written, each skipped at run time beyond the request''s k; NULL for dynamic statements.';


--
-- Name: COLUMN tagpage_shape.req; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.req IS 'How the statement names the request: $1 (EXECUTE ... USING) or p_req (precompiled function).';


--
-- Name: COLUMN tagpage_shape.budgeted; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.budgeted IS 'sort_first only: walk at most tagpage_request.budget rows.';


--
-- Name: COLUMN tagpage_shape.expr; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_shape.expr IS 'tagpage_request.expr: its tree is written into the statement (its tags stay parameters).';


--
-- Name: apply_tag_cardinality_deltas(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.apply_tag_cardinality_deltas() RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_applied  bigint;
begin
    -- What: take (delete) every visible delta, sum per tag and source, add to the existing
    -- rows or insert rows for tags that had none; tags deleted since are skipped.
    -- Why: keeps counts near the truth between full refreshes for the price of the log's size;
    -- the advisory lock serialises it with refresh_tag_cardinality_stats(), so after a refresh
    -- it sees the refresh's deletions and never adds a delta the counts already include.
    perform lock_tag_stats_writers();

    with taken as (
        delete from tag_cardinality_deltas
        returning tag_id, content_source, delta
    ), summed as (
        select d.tag_id, d.content_source, sum(d.delta)::bigint as delta
        from taken d
        join tags t on t.id = d.tag_id
        group by d.tag_id, d.content_source
    ), summed_total as (
        select m.tag_id, sum(m.delta)::bigint as delta
        from summed m
        group by m.tag_id
    ), bumped as (
        update tag_cardinality_stats s
        set cardinality = greatest(s.cardinality + m.delta, 0),
            updated_at = clock_timestamp()
        from summed m
        where s.tag_id = m.tag_id and s.content_source = m.content_source
        returning 1
    ), added as (
        insert into tag_cardinality_stats (tag_id, content_source, cardinality, updated_at)
        select m.tag_id, m.content_source, greatest(m.delta, 0), clock_timestamp()
        from summed m
        where not exists (
            select 1 from tag_cardinality_stats s
            where s.tag_id = m.tag_id and s.content_source = m.content_source
        )
        returning 1
    ), bumped_total as (
        update tag_total_stats s
        set cardinality = greatest(s.cardinality + m.delta, 0),
            updated_at = clock_timestamp()
        from summed_total m
        where s.tag_id = m.tag_id
        returning 1
    ), added_total as (
        insert into tag_total_stats (tag_id, cardinality, updated_at)
        select m.tag_id, greatest(m.delta, 0), clock_timestamp()
        from summed_total m
        where not exists (select 1 from tag_total_stats s where s.tag_id = m.tag_id)
        returning 1
    )
    -- data-modifying CTEs always run to completion, read or not
    select count(*) from summed
    into v_applied;

    return v_applied;
end;
$$;


--
-- Name: FUNCTION apply_tag_cardinality_deltas(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.apply_tag_cardinality_deltas() IS 'Fold tag_cardinality_deltas into tag_cardinality_stats and tag_total_stats; returns the (tag, source) counts changed.';


--
-- Name: count_bitmaps_fold(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.count_bitmaps_fold() RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    SET jit TO 'off'
    AS $$
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


--
-- Name: FUNCTION count_bitmaps_fold(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.count_bitmaps_fold() IS 'Fold count_dirty_rows (inside the bitmaps'' widths) into the bitmaps and sample bitmaps of the tags and creators count_dirty_keys names and the public rows; returns the rows folded.';


--
-- Name: count_bitmaps_refresh(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.count_bitmaps_refresh() RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    SET jit TO 'off'
    SET work_mem TO '256MB'
    AS $$
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


--
-- Name: FUNCTION count_bitmaps_refresh(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.count_bitmaps_refresh() IS 'Rebuild count_bitmap_source, count_tag_bitmap, count_tag_sample and count_creator_bitmap (with their sample bitmaps) from the content and empty count_dirty_rows, in one statement; returns the bitmap rows written.';


--
-- Name: count_dirty_content_items_trigger(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.count_dirty_content_items_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- A row's bits depend on its identity, creator and privacy only: an update of other
    -- columns (titles, scores) logs nothing, so bulk metadata edits cost the counts nothing.
    -- An update that changes the identity logs both identities; the creators before and after
    -- go to count_dirty_keys (a fold rewrites only their bitmaps).
    if tg_op = 'TRUNCATE' then
        perform lock_tag_stats_writers();
        delete from count_bitmap_source;
    elsif tg_op = 'INSERT' then
        insert into count_dirty_rows (content_source, content_id)
        select n.source_type, n.id from new_rows n;
        insert into count_dirty_keys (kind, key)
        select distinct 'creator', n.creator_id from new_rows n;
    elsif tg_op = 'DELETE' then
        insert into count_dirty_rows (content_source, content_id)
        select o.source_type, o.id from old_rows o;
        insert into count_dirty_keys (kind, key)
        select distinct 'creator', o.creator_id from old_rows o;
    else
        with changed as (
            select n.source_type, n.id, n.creator_id, o.creator_id as old_creator
            from new_rows n
            left join old_rows o on o.id = n.id and o.source_type = n.source_type
            where o.id is null
               or o.creator_id is distinct from n.creator_id
               or o.is_private is distinct from n.is_private
        ), gone as (
            select o.source_type, o.id, o.creator_id
            from old_rows o
            where not exists (select 1 from new_rows n where n.id = o.id and n.source_type = o.source_type)
        ), logged as (
            insert into count_dirty_rows (content_source, content_id)
            select c.source_type, c.id from changed c
            union
            select g.source_type, g.id from gone g
        )
        insert into count_dirty_keys (kind, key)
        select 'creator', c.creator_id from changed c
        union
        select 'creator', c.old_creator from changed c where c.old_creator is not null
        union
        select 'creator', g.creator_id from gone g;
    end if;
    return null;
end;
$$;


--
-- Name: FUNCTION count_dirty_content_items_trigger(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.count_dirty_content_items_trigger() IS 'Statement trigger on content_items_all and its partitions: append rows inserted, deleted, re-identified or changed in creator or privacy to count_dirty_rows (TRUNCATE drops the count bitmaps).';


--
-- Name: count_dirty_content_tags_trigger(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.count_dirty_content_tags_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Runs as its owner (SECURITY DEFINER, pinned search_path): a writer needs no grant on the
    -- derived count tables. One log row per touched content row, not per tag link.
    -- The tags of the changed links go to count_dirty_keys: a fold rewrites only their bitmaps.
    if tg_op = 'TRUNCATE' then
        perform lock_tag_stats_writers();
        delete from count_bitmap_source;
    elsif tg_op = 'INSERT' then
        insert into count_dirty_rows (content_source, content_id)
        select distinct n.content_source, n.content_id from new_rows n;
        insert into count_dirty_keys (kind, key)
        select distinct 'tag', n.tag_id from new_rows n;
    elsif tg_op = 'DELETE' then
        insert into count_dirty_rows (content_source, content_id)
        select distinct o.content_source, o.content_id from old_rows o;
        insert into count_dirty_keys (kind, key)
        select distinct 'tag', o.tag_id from old_rows o;
    else
        insert into count_dirty_rows (content_source, content_id)
        select n.content_source, n.content_id from new_rows n
        union
        select o.content_source, o.content_id from old_rows o;
        insert into count_dirty_keys (kind, key)
        select 'tag', n.tag_id from new_rows n
        union
        select 'tag', o.tag_id from old_rows o;
    end if;
    return null;
end;
$$;


--
-- Name: FUNCTION count_dirty_content_tags_trigger(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.count_dirty_content_tags_trigger() IS 'Statement trigger on content_tags: append the touched content rows to count_dirty_rows (TRUNCATE drops the count bitmaps).';


--
-- Name: count_dirty_install_triggers(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.count_dirty_install_triggers() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_schema    text;
    v_table     text;
    v_function  text;
    v_count     integer := 0;
begin
    -- What: (re)create one trigger per event on each table (transition tables allow one event
    -- per trigger); returns how many it created.
    -- Why each partition: a statement aimed straight at a partition fires only that
    -- partition's statement triggers. Run again after attaching a partition.
    for v_schema, v_table, v_function in
        select n.nspname, c.relname,
               case when c.relname = 'content_tags' then 'count_dirty_content_tags_trigger'
                    else 'count_dirty_content_items_trigger' end
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
         where c.oid in (select 'content_tags'::regclass
                         union all
                         select relid from pg_partition_tree('content_items_all'::regclass))
         order by c.relname
    loop
        execute format('drop trigger if exists count_dirty_ins on %I.%I', v_schema, v_table);
        execute format('drop trigger if exists count_dirty_upd on %I.%I', v_schema, v_table);
        execute format('drop trigger if exists count_dirty_del on %I.%I', v_schema, v_table);
        execute format('drop trigger if exists count_dirty_trunc on %I.%I', v_schema, v_table);
        execute format('create trigger count_dirty_ins after insert on %I.%I '
                       'referencing new table as new_rows for each statement execute function %I()',
                       v_schema, v_table, v_function);
        execute format('create trigger count_dirty_upd after update on %I.%I '
                       'referencing old table as old_rows new table as new_rows '
                       'for each statement execute function %I()',
                       v_schema, v_table, v_function);
        execute format('create trigger count_dirty_del after delete on %I.%I '
                       'referencing old table as old_rows for each statement execute function %I()',
                       v_schema, v_table, v_function);
        execute format('create trigger count_dirty_trunc after truncate on %I.%I '
                       'for each statement execute function %I()',
                       v_schema, v_table, v_function);
        v_count := v_count + 4;
    end loop;
    return v_count;
end;
$$;


--
-- Name: FUNCTION count_dirty_install_triggers(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.count_dirty_install_triggers() IS 'Create the count_dirty_* statement triggers on content_tags, content_items_all and each partition.';


--
-- Name: facet_check_args(integer, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.facet_check_args(p_limit integer, p_content_source text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- What: p_limit within 1..1000, p_content_source NULL, items or auto.
    -- Why: popular_tags() and search_tags() take the same two arguments and must refuse them
    -- with the same messages; one check keeps them from drifting apart.
    if p_limit is null or p_limit < 1 or p_limit > 1000 then
        raise exception 'p_limit must be between 1 and 1000, got %', p_limit
            using errcode = '22023';
    end if;
    if p_content_source is not null and p_content_source not in ('items', 'auto') then
        raise exception 'p_content_source must be items or auto, got %', p_content_source
            using errcode = '22023';
    end if;
end;
$$;


--
-- Name: FUNCTION facet_check_args(p_limit integer, p_content_source text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.facet_check_args(p_limit integer, p_content_source text) IS 'Raise 22023 unless p_limit is 1..1000 and p_content_source is NULL, items or auto (popular_tags, search_tags).';


--
-- Name: index_key_positions(smallint[], smallint[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.index_key_positions(p_sub smallint[], p_full smallint[]) RETURNS integer[]
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_positions  int[] := '{}';
    v_at         int := 0;
    v_col        int2;
begin
    -- What: a greedy left-to-right subsequence match of index key columns (attnums).
    -- Why: redundant_indexes() needs to know which columns of the wider index a narrower one
    -- skips; SQL alone has no ordered-subsequence operator.
    foreach v_col in array p_sub loop
        loop
            v_at := v_at + 1;
            if v_at > coalesce(array_length(p_full, 1), 0) then
                return null;
            end if;
            exit when p_full[v_at] = v_col;
        end loop;
        v_positions := v_positions || v_at;
    end loop;
    return v_positions;
end;
$$;


--
-- Name: FUNCTION index_key_positions(p_sub smallint[], p_full smallint[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.index_key_positions(p_sub smallint[], p_full smallint[]) IS 'Where the key columns p_sub occur, in order, inside p_full (1-based positions), or NULL.';


--
-- Name: index_report(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.index_report() RETURNS TABLE(schema_name text, table_name text, index_name text, index_columns text, index_size_bytes bigint, idx_scan bigint, is_unique boolean, backs_constraint boolean, is_partitioned boolean, unused boolean, est_bloat_bytes bigint, est_bloat_ratio numeric, redundant_reason text, superseded_by text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- What: one row per top-level index (a partitioned index sums its partitions' sizes and
    -- scans). unused = never scanned since statistics were reset and not enforcing a
    -- constraint. The bloat estimate (btree only) compares the actual size with the pages its
    -- tuples need: reltuples x (8-byte header + avg key width from pg_stats, MAXALIGNed, + 4-byte
    -- line pointer) over 90%-full 8 kB pages, +1% internal pages, +1 meta page; NULL when the
    -- table was never analysed.  pgstattuple's pgstatindex() gives the exact figure.
    -- Why: sizes, scans and bloat are what decide a REINDEX or a DROP; computing them from the
    -- catalogs needs no extension and reads no index pages.
    return query
    with top as (
        select i.indexrelid, i.indrelid, ic.relname as index_name, tc.relname as table_name,
               n.nspname as schema_name, ic.relkind = 'I' as is_partitioned, i.indisunique,
               i.indnkeyatts,
               exists (select 1 from pg_constraint k
                       where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x')) as backs_constraint
        from pg_index i
        join pg_class ic on ic.oid = i.indexrelid
        join pg_class tc on tc.oid = i.indrelid
        join pg_namespace n on n.oid = ic.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname !~ '^pg_toast'
          and not exists (select 1 from pg_inherits h where h.inhrelid = i.indexrelid)
    ), leaves as (
        select t.indexrelid as root, t.indexrelid as leaf from top t where not t.is_partitioned
        union all
        select t.indexrelid, pt.relid
        from top t
        cross join lateral pg_partition_tree(t.indexrelid) pt
        where t.is_partitioned and pt.isleaf
    ), leaf_stats as (
        select l.root,
               l.leaf,
               pg_relation_size(l.leaf) as size_bytes,
               coalesce(su.idx_scan, 0) as scans,
               case when ic.relam = (select am.oid from pg_am am where am.amname = 'btree')
                         and ic.reltuples >= 0 then
                   (select case when count(*) = count(s.avg_width) then
                        -- expected pages: leaf pages at fillfactor, ~1% internal pages, meta page
                        ceil(ic.reltuples * ((ceil((8 + sum(s.avg_width)) / 8.0) * 8) + 4)
                             / ((current_setting('block_size')::numeric - 40)
                                * coalesce((select split_part(o, '=', 2)::numeric / 100
                                            from unnest(ic.reloptions) o
                                            where o like 'fillfactor=%'), 0.9)))
                        * 1.01 + 1
                    end
                    from pg_index li
                    cross join unnest(string_to_array(li.indkey::text, ' ')::int2[]) k (attnum)
                    join pg_attribute att on att.attrelid = li.indrelid and att.attnum = k.attnum
                    join pg_class lt on lt.oid = li.indrelid
                    join pg_namespace ln on ln.oid = lt.relnamespace
                    left join pg_stats s
                      on s.schemaname = ln.nspname and s.tablename = lt.relname
                     and s.attname = att.attname and s.inherited = false
                    where li.indexrelid = l.leaf)
               end as expected_pages
        from leaves l
        join pg_class ic on ic.oid = l.leaf
        left join pg_stat_user_indexes su on su.indexrelid = l.leaf
    ), agg as (
        select ls.root,
               sum(ls.size_bytes)::bigint as size_bytes,
               sum(ls.scans)::bigint as scans,
               case when count(*) = count(ls.expected_pages) then
                   sum(greatest(ls.size_bytes
                                - ls.expected_pages * current_setting('block_size')::numeric, 0))::bigint
               end as bloat_bytes
        from leaf_stats ls
        group by ls.root
    )
    select t.schema_name::text,
           t.table_name::text,
           t.index_name::text,
           (select string_agg(pg_get_indexdef(t.indexrelid, k, true), ', ' order by k)
            from generate_series(1, t.indnkeyatts) k),
           a.size_bytes,
           a.scans,
           t.indisunique,
           t.backs_constraint,
           t.is_partitioned,
           a.scans = 0 and not t.indisunique and not t.backs_constraint,
           a.bloat_bytes,
           case when a.size_bytes > 0 then round(a.bloat_bytes::numeric / a.size_bytes, 3) end,
           r.reason,
           r.superseded_by
    from top t
    join agg a on a.root = t.indexrelid
    left join redundant_indexes() r
      on r.schema_name = t.schema_name and r.index_name = t.index_name
    order by t.schema_name, t.table_name, t.index_name;
end;
$$;


--
-- Name: FUNCTION index_report(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.index_report() IS 'Per index: columns, size, scans (unused = never scanned and not enforcing a constraint), estimated btree bloat, and redundancy from redundant_indexes().';


--
-- Name: invalidation_content_items_trigger(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.invalidation_content_items_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_max_rows  integer := coalesce(TG_ARGV[0], '200')::integer;
    v_max_tags  integer := coalesce(TG_ARGV[1], '150')::integer;
    v_count     integer;
    v_ids       bigint[];
    v_sources   text[];
begin
    -- What: publish the touched rows' sources and every tag they carry; a flush of the touched
    -- sources (or both, when the statement is large) otherwise.
    -- Why: an inserted row has no tags yet (content_tags rows must follow it), so only tag-less
    -- pages of its source change; an updated or deleted row changes every page that shows it.
    if TG_OP = 'TRUNCATE' then
        perform invalidation_flush();
        return null;
    end if;

    -- the same size check as invalidation_content_tags_trigger()
    if TG_OP = 'DELETE' then
        select count(*) into v_count from (select 1 from old_rows limit v_max_rows + 1) as s;
    else
        select count(*) into v_count from (select 1 from new_rows limit v_max_rows + 1) as s;
    end if;
    if v_count > v_max_rows then
        perform invalidation_flush();
        return null;
    end if;

    if TG_OP = 'INSERT' then
        select array_agg(id), array_agg(source_type) into v_ids, v_sources from new_rows;
    elsif TG_OP = 'DELETE' then
        select array_agg(id), array_agg(source_type) into v_ids, v_sources from old_rows;
    else
        select array_agg(id), array_agg(source_type)
          into v_ids, v_sources
          from (select id, source_type from new_rows
                union
                select id, source_type from old_rows) as changed;
    end if;

    if v_ids is not null then
        perform invalidation_publish(v_ids, v_sources, '{}'::uuid[], v_max_tags);
    end if;
    return null;
end;
$$;


--
-- Name: FUNCTION invalidation_content_items_trigger(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.invalidation_content_items_trigger() IS 'Statement trigger on content_items_all and its partitions: NOTIFY the touched rows'' sources and tags (args: max rows, max tags).';


--
-- Name: invalidation_content_tags_trigger(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.invalidation_content_tags_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_max_rows  integer := coalesce(TG_ARGV[0], '200')::integer;
    v_max_tags  integer := coalesce(TG_ARGV[1], '150')::integer;
    v_count     integer;
    v_ids       bigint[];
    v_sources   text[];
    v_tags      uuid[];
begin
    -- What: collect the distinct (content_id, content_source) pairs and tag ids of the
    -- transition rows and publish them; a flush when the statement is large.
    -- Why: the count is bounded by LIMIT, so a bulk load pays one short scan, not a distinct
    -- over millions of rows; an ordinary tagging statement pays one index probe per touched row
    -- (pairs are made distinct first: tagging one row with 75 tags is one probe, not 75).
    if TG_OP = 'TRUNCATE' then
        perform invalidation_flush();
        return null;
    end if;

    -- one size check for every event: DELETE has only old_rows, INSERT and UPDATE new_rows
    -- (an UPDATE's old_rows has as many rows)
    if TG_OP = 'DELETE' then
        select count(*) into v_count from (select 1 from old_rows limit v_max_rows + 1) as s;
    else
        select count(*) into v_count from (select 1 from new_rows limit v_max_rows + 1) as s;
    end if;
    if v_count > v_max_rows then
        perform invalidation_flush();
        return null;
    end if;

    if TG_OP = 'INSERT' then
        select array_agg(distinct tag_id) into v_tags from new_rows;
        select array_agg(content_id), array_agg(content_source)
          into v_ids, v_sources
          from (select distinct content_id, content_source from new_rows) as touched;
    elsif TG_OP = 'DELETE' then
        select array_agg(distinct tag_id) into v_tags from old_rows;
        select array_agg(content_id), array_agg(content_source)
          into v_ids, v_sources
          from (select distinct content_id, content_source from old_rows) as touched;
    else
        select array_agg(distinct tag_id) into v_tags
          from (select tag_id from new_rows union all select tag_id from old_rows) as changed;
        select array_agg(content_id), array_agg(content_source)
          into v_ids, v_sources
          from (select content_id, content_source from new_rows
                union
                select content_id, content_source from old_rows) as touched;
    end if;

    if v_ids is not null then
        perform invalidation_publish(v_ids, v_sources, v_tags, v_max_tags);
    end if;
    return null;
end;
$$;


--
-- Name: FUNCTION invalidation_content_tags_trigger(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.invalidation_content_tags_trigger() IS 'Statement trigger on content_tags: NOTIFY the changed tags and the touched rows'' tags (args: max rows, max tags).';


--
-- Name: invalidation_flush(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.invalidation_flush(p_sources text[] DEFAULT ARRAY['auto'::text, 'items'::text]) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_payload  text;
begin
    -- What: NOTIFY a flush message for whole sources.
    -- Why: bulk statements and TRUNCATE would cost more to describe than to re-read.
    select format('{"v":1,"flush":%s}', to_json(coalesce(array_agg(distinct s order by s), '{}'))::text)
      into v_payload
      from unnest(p_sources) as u(s);
    perform pg_notify('tagpage_invalidate', v_payload);
    return v_payload;
end;
$$;


--
-- Name: FUNCTION invalidation_flush(p_sources text[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.invalidation_flush(p_sources text[]) IS 'NOTIFY tagpage_invalidate with a flush of whole sources (bulk writes, TRUNCATE, tag renames).';


--
-- Name: invalidation_install_triggers(integer, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.invalidation_install_triggers(p_max_rows integer DEFAULT 200, p_max_tags integer DEFAULT 150) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_schema    text;
    v_table     text;
    v_function  text;
    v_count     integer := 0;
begin
    -- What: (re)create one trigger per event on each table (a trigger with transition tables
    -- may have only one event); returns how many triggers it created.
    -- Why: a statement aimed straight at a partition fires only that partition's statement
    -- triggers, so each partition needs its own; run again after attaching a new partition.
    for v_schema, v_table, v_function in
        select n.nspname, c.relname,
               case when c.relname = 'content_tags' then 'invalidation_content_tags_trigger'
                    when c.relname = 'tags' then 'invalidation_tags_trigger'
                    else 'invalidation_content_items_trigger' end
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
         where c.oid in (select 'content_tags'::regclass
                         union all
                         select 'tags'::regclass
                         union all
                         select relid from pg_partition_tree('content_items_all'::regclass))
         order by c.relname
    loop
        execute format('drop trigger if exists tagpage_invalidate_ins on %I.%I', v_schema, v_table);
        execute format('drop trigger if exists tagpage_invalidate_upd on %I.%I', v_schema, v_table);
        execute format('drop trigger if exists tagpage_invalidate_del on %I.%I', v_schema, v_table);
        execute format('drop trigger if exists tagpage_invalidate_trunc on %I.%I', v_schema, v_table);
        if v_table <> 'tags' then
            -- a new tag is on no page yet, so tags needs no insert trigger
            execute format(
                'create trigger tagpage_invalidate_ins after insert on %I.%I '
                'referencing new table as new_rows '
                'for each statement execute function %I(%L, %L)',
                v_schema, v_table, v_function, p_max_rows, p_max_tags);
            v_count := v_count + 1;
        end if;
        execute format(
            'create trigger tagpage_invalidate_upd after update on %I.%I '
            'referencing old table as old_rows new table as new_rows '
            'for each statement execute function %I(%L, %L)',
            v_schema, v_table, v_function, p_max_rows, p_max_tags);
        execute format(
            'create trigger tagpage_invalidate_del after delete on %I.%I '
            'referencing old table as old_rows '
            'for each statement execute function %I(%L, %L)',
            v_schema, v_table, v_function, p_max_rows, p_max_tags);
        execute format(
            'create trigger tagpage_invalidate_trunc after truncate on %I.%I '
            'for each statement execute function %I(%L, %L)',
            v_schema, v_table, v_function, p_max_rows, p_max_tags);
        v_count := v_count + 3;
    end loop;
    return v_count;
end;
$$;


--
-- Name: FUNCTION invalidation_install_triggers(p_max_rows integer, p_max_tags integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.invalidation_install_triggers(p_max_rows integer, p_max_tags integer) IS 'Create the tagpage_invalidate_* statement triggers on content_tags, tags, content_items_all and each partition.';


--
-- Name: invalidation_message(text[], uuid[], integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.invalidation_message(p_sources text[], p_tags uuid[], p_max_tags integer DEFAULT 150) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_sources  text[];
    v_tags     uuid[];
    v_payload  text;
begin
    -- What: the compact JSON the listener understands, sources and tags sorted and distinct.
    -- Why: sorting makes equal messages of one transaction byte-identical, so PostgreSQL sends
    -- them once; a NOTIFY payload over 8000 bytes is an error that would abort the writer's
    -- transaction, so anything that could approach it becomes a flush.
    select coalesce(array_agg(distinct s order by s), '{}')
      into v_sources
      from unnest(p_sources) as u(s)
     where s is not null;
    select coalesce(array_agg(distinct t order by t), '{}')
      into v_tags
      from unnest(p_tags) as u(t)
     where t is not null;

    if cardinality(v_tags) <= p_max_tags then
        v_payload := format('{"v":1,"src":%s,"tags":%s}', to_json(v_sources)::text, to_json(v_tags)::text);
        if octet_length(v_payload) < 7900 then
            return v_payload;
        end if;
    end if;
    return format('{"v":1,"flush":%s}', to_json(array['auto', 'items'])::text);
end;
$$;


--
-- Name: FUNCTION invalidation_message(p_sources text[], p_tags uuid[], p_max_tags integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.invalidation_message(p_sources text[], p_tags uuid[], p_max_tags integer) IS 'Compact JSON invalidation payload for sources and tags; a flush of both sources when the tags would not fit.';


--
-- Name: invalidation_publish(bigint[], text[], uuid[], integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.invalidation_publish(p_content_ids bigint[], p_content_sources text[], p_tags uuid[], p_max_tags integer DEFAULT 150) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_tags     uuid[];
    v_payload  text;
begin
    -- What: add the tags the touched rows carry now (PK prefix probes on content_tags), build
    -- the message and NOTIFY it.  Returns the payload, for tests.
    -- Why: pages show each item's tag names, so any cached page that can contain a touched row
    -- is keyed by one of these tags (or by no tag: the sources cover that case).
    select coalesce(array_agg(distinct t), '{}')
      into v_tags
      from (
            select unnest(p_tags) as t
            union
            select ct.tag_id
              from unnest(p_content_ids, p_content_sources) as r(id, src)
              join content_tags ct
                on ct.content_id = r.id
               and ct.content_source = r.src
           ) as all_tags;

    v_payload := invalidation_message(p_content_sources, v_tags, p_max_tags);
    perform pg_notify('tagpage_invalidate', v_payload);
    return v_payload;
end;
$$;


--
-- Name: FUNCTION invalidation_publish(p_content_ids bigint[], p_content_sources text[], p_tags uuid[], p_max_tags integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.invalidation_publish(p_content_ids bigint[], p_content_sources text[], p_tags uuid[], p_max_tags integer) IS 'NOTIFY tagpage_invalidate for the given content rows (with all their current tags) and tags.';


--
-- Name: invalidation_tags_trigger(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.invalidation_tags_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_max_tags  integer := coalesce(TG_ARGV[1], '150')::integer;
    v_tags      uuid[];
begin
    -- What: flush everything when a tag name changed; announce deleted tag ids.
    -- Why: a renamed tag appears on pages of other tags too (items list all their tag names),
    -- and renames are rare; a deleted tag's content_tags rows cascade and announce themselves,
    -- but a cached empty page of an unused deleted tag must go as well.
    if TG_OP = 'UPDATE' then
        if exists (select 1 from new_rows n left join old_rows o on o.id = n.id
                    where o.id is null or n.name is distinct from o.name) then
            perform invalidation_flush();
        end if;
        return null;
    end if;

    if TG_OP = 'DELETE' then
        select array_agg(id) into v_tags from (select id from old_rows limit v_max_tags + 1) as d;
        if v_tags is not null then
            perform invalidation_publish('{}'::bigint[], '{}'::text[], v_tags, v_max_tags);
        end if;
        return null;
    end if;

    perform invalidation_flush();
    return null;
end;
$$;


--
-- Name: FUNCTION invalidation_tags_trigger(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.invalidation_tags_trigger() IS 'Statement trigger on tags: flush on rename or truncate, announce deleted tag ids.';


--
-- Name: item_tag_names(bigint[], text[], uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.item_tag_names(p_ids bigint[], p_sources text[], p_user_id uuid DEFAULT NULL::uuid) RETURNS TABLE(content_id bigint, content_source text, names text[])
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: lock_tag_stats_writers(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.lock_tag_stats_writers() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- What: a transaction-scoped advisory lock on one fixed key (tagpage revision 0003).
    -- Why: the full refresh, the delta fold and the TRUNCATE reset must not interleave, or a
    -- delta is counted twice or lost; one function keeps the three on the same key.
    perform pg_advisory_xact_lock(4242003);
end;
$$;


--
-- Name: FUNCTION lock_tag_stats_writers(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.lock_tag_stats_writers() IS 'Transaction advisory lock shared by refresh_tag_cardinality_stats, apply_tag_cardinality_deltas and the content_tags TRUNCATE reset.';


--
-- Name: log_content_tags_delta(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.log_content_tags_delta() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- What: append one (tag, source, +n/-n) row per tag and source the statement touched,
    -- read from the statement's transition tables.
    -- Runs as its owner (SECURITY DEFINER, pinned search_path): a writer needs DML on
    -- content_tags only, never a grant on the statistics tables behind it.
    -- Why: an insert-only log takes no row locks, so concurrent writers never queue on the hot
    -- stats row of a tag that sits on 74% of items (measured in docs/db.md, ## Statistics);
    -- apply_tag_cardinality_deltas() or the next full refresh folds the log in.
    if tg_op = 'INSERT' then
        insert into tag_cardinality_deltas (tag_id, content_source, delta)
        select n.tag_id, n.content_source, count(*)
        from new_rows n
        group by n.tag_id, n.content_source;
    elsif tg_op = 'DELETE' then
        insert into tag_cardinality_deltas (tag_id, content_source, delta)
        select o.tag_id, o.content_source, -count(*)
        from old_rows o
        group by o.tag_id, o.content_source;
    elsif tg_op = 'UPDATE' then
        insert into tag_cardinality_deltas (tag_id, content_source, delta)
        select d.tag_id, d.content_source, sum(d.delta)::bigint
        from (
            select n.tag_id, n.content_source, 1 as delta from new_rows n
            union all
            select o.tag_id, o.content_source, -1 from old_rows o
        ) d
        group by d.tag_id, d.content_source
        having sum(d.delta) <> 0;
    end if;
    return null;
end;
$$;


--
-- Name: FUNCTION log_content_tags_delta(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.log_content_tags_delta() IS 'Statement-level trigger on content_tags: appends per-tag, per-source count deltas to tag_cardinality_deltas.';


--
-- Name: popular_tags(integer, text, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.popular_tags(p_limit integer, p_content_source text DEFAULT NULL::text, p_min_cardinality bigint DEFAULT 0) RETURNS TABLE(id uuid, name text, cardinality bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
#variable_conflict use_column
declare
    v_min  bigint := coalesce(p_min_cardinality, 0);
begin
    -- What: top tags by cardinality (ties by tag id, so pages of it are stable), at least
    -- p_min_cardinality, from tag_total_stats (all sources) or tag_cardinality_stats (one).
    -- Why: both are walked through their (cardinality desc, tag_id) index and stop after
    -- p_limit rows, so the cost does not grow with the vocabulary (~20K tags on zipf).
    perform facet_check_args(p_limit, p_content_source);

    if p_content_source is null then
        return query
            select t.id, t.name, s.cardinality
            from tag_total_stats s
            join tags t on t.id = s.tag_id
            where s.cardinality >= v_min
            order by s.cardinality desc, s.tag_id
            limit p_limit;
    else
        return query
            select t.id, t.name, s.cardinality
            from tag_cardinality_stats s
            join tags t on t.id = s.tag_id
            where s.content_source = p_content_source
              and s.cardinality >= v_min
            order by s.cardinality desc, s.tag_id
            limit p_limit;
    end if;
end;
$$;


--
-- Name: FUNCTION popular_tags(p_limit integer, p_content_source text, p_min_cardinality bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.popular_tags(p_limit integer, p_content_source text, p_min_cardinality bigint) IS 'Most-used tags (all sources or items/auto), at least p_min_cardinality, biggest first; served by the cardinality indexes.';


--
-- Name: redundant_indexes(double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.redundant_indexes(p_max_gap_distinct double precision DEFAULT 16) RETURNS TABLE(schema_name text, table_name text, index_name text, index_columns text, superseded_by text, superseding_columns text, reason text, index_size_bytes bigint, drop_statement text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- What: index A is reported when another valid index B on the same table, same access
    -- method and same predicate, starts with A's key columns (same opclass, order, collation):
    --   'duplicate'  B has exactly A's keys (the newer plain one of two is reported),
    --   'prefix'     A's keys are a leading prefix of B's,
    --   'low_cardinality_gap'  A's keys occur in order in B from B's first column and every
    --                column B puts between them has at most p_max_gap_distinct distinct values
    --                (pg_stats; unknown means not reported): (tag_id, content_id) beside
    --                (tag_id, content_source, content_id), since every tagpage lookup names the
    --                source (a row's identity is (source, id)).
    -- A must not be unique, back a constraint, be a partition of a partitioned index or use
    -- expressions, and B must hold A's INCLUDE columns.
    -- Why: redundant indexes cost every write and the buffer cache; `tagpage indexes cleanup`
    -- drops exactly these rows' drop_statement.
    return query
    with idx as (
        select i.indexrelid,
               i.indrelid,
               ic.relname                                        as index_name,
               tc.relname                                        as table_name,
               n.nspname                                         as schema_name,
               ic.relkind                                        as index_kind,
               ic.relam,
               i.indnkeyatts                                     as nkeys,
               string_to_array(i.indkey::text, ' ')::int2[]      as cols,
               string_to_array(i.indclass::text, ' ')::oid[]     as opclasses,
               string_to_array(i.indoption::text, ' ')::int2[]   as options,
               string_to_array(i.indcollation::text, ' ')::oid[] as collations,
               pg_get_expr(i.indpred, i.indrelid)                as predicate,
               i.indexprs is not null                            as has_expressions,
               i.indisunique,
               i.indisvalid,
               exists (select 1 from pg_constraint k
                       where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x')) as backs_constraint,
               exists (select 1 from pg_inherits h where h.inhrelid = i.indexrelid) as is_partition
        from pg_index i
        join pg_class ic on ic.oid = i.indexrelid
        join pg_class tc on tc.oid = i.indrelid
        join pg_namespace n on n.oid = ic.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema')
          and n.nspname !~ '^pg_toast'
    ), keyed as (
        select x.*, x.cols[1:x.nkeys] as keys
        from idx x
    ), pairs as (
        select a.*,
               b.indexrelid as b_oid,
               b.index_name as b_name,
               b.keys as b_keys,
               p.positions,
               case
                   when a.nkeys = b.nkeys and p.positions = b_prefix.positions then 'duplicate'
                   when p.positions = b_prefix.positions then 'prefix'
                   else 'low_cardinality_gap'
               end as why
        from keyed a
        join keyed b
          on b.indrelid = a.indrelid
         and b.indexrelid <> a.indexrelid
         and b.relam = a.relam
         and b.indisvalid
         and not b.has_expressions
         and b.predicate is not distinct from a.predicate
        cross join lateral (select index_key_positions(a.keys, b.keys) as positions) p
        cross join lateral (
            select array(select g from generate_series(1, a.nkeys) g) as positions
        ) b_prefix
        where a.indisvalid
          and not a.indisunique
          and not a.backs_constraint
          and not a.is_partition
          and not a.has_expressions
          and p.positions is not null
          and p.positions[1] = 1
          -- same opclass, sort options and collation on every matched column
          and a.opclasses[1:a.nkeys] = array(select b.opclasses[q] from unnest(p.positions) q)
          and a.options[1:a.nkeys] = array(select b.options[q] from unnest(p.positions) q)
          and a.collations[1:a.nkeys] = array(select b.collations[q] from unnest(p.positions) q)
          -- B also carries A's INCLUDE columns
          and coalesce(a.cols[a.nkeys + 1:], '{}') <@ b.cols
          -- of two identical indexes report one: the plain, newer one
          and (a.nkeys < b.nkeys
               or b.indisunique or b.backs_constraint or b.is_partition
               or a.indexrelid > b.indexrelid)
          -- every column B puts between A's columns has few distinct values
          and not exists (
              select 1
              from generate_series(1, p.positions[array_upper(p.positions, 1)]) g
              where g <> all (p.positions)
                and coalesce((
                        select max(case when s.n_distinct >= 0 then s.n_distinct
                                        else -s.n_distinct * greatest(tc.reltuples, 0) end)
                        from pg_attribute att
                        join pg_class tc on tc.oid = att.attrelid
                        join pg_stats s
                          on s.schemaname = a.schema_name
                         and s.tablename = a.table_name
                         and s.attname = att.attname
                        where att.attrelid = a.indrelid
                          and att.attnum = b.keys[g]
                    ), 'Infinity'::double precision) > p_max_gap_distinct
          )
    ), best as (
        select distinct on (pr.indexrelid) pr.*
        from pairs pr
        order by pr.indexrelid,
                 case pr.why when 'duplicate' then 0 when 'prefix' then 1 else 2 end,
                 array_length(pr.b_keys, 1),
                 pr.b_name
    )
    select b.schema_name::text,
           b.table_name::text,
           b.index_name::text,
           (select string_agg(pg_get_indexdef(b.indexrelid, k, true), ', ' order by k)
            from generate_series(1, b.nkeys) k),
           b.b_name::text,
           (select string_agg(pg_get_indexdef(b.b_oid, k, true), ', ' order by k)
            from generate_series(1, array_length(b.b_keys, 1)) k),
           b.why,
           coalesce((select sum(pg_relation_size(t.relid))::bigint
                     from pg_partition_tree(b.indexrelid) t where t.isleaf),
                    pg_relation_size(b.indexrelid)),
           case when b.index_kind = 'I'
                then format('DROP INDEX %I.%I', b.schema_name, b.index_name)
                else format('DROP INDEX CONCURRENTLY %I.%I', b.schema_name, b.index_name)
           end
    from best b
    order by b.schema_name, b.table_name, b.index_name;
end;
$$;


--
-- Name: FUNCTION redundant_indexes(p_max_gap_distinct double precision); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.redundant_indexes(p_max_gap_distinct double precision) IS 'Indexes superseded by another on the same table (duplicate, leading prefix, or prefix with only low-cardinality columns between), never unique or constraint-backing ones; with the DROP statement cleanup runs.';


--
-- Name: refresh_tag_cardinality_stats(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.refresh_tag_cardinality_stats() RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_now      timestamptz := clock_timestamp();
    v_written  bigint;
begin
    -- What: one set-based pass over content_tags (its PK makes count(*) a distinct-content
    -- count) and the two partitions, written with upserts plus deletes of stale rows, and the
    -- content_tags change log (tag_cardinality_deltas) emptied of what the counts already hold.
    -- Why: everything happens in one statement, so one snapshot: readers keep seeing the old
    -- rows until commit (no TRUNCATE, no ACCESS EXCLUSIVE lock; queries never block or fail),
    -- and a delta is deleted exactly when its content_tags change is inside the counts.  The
    -- advisory lock serialises this with apply_tag_cardinality_deltas() so no delta is counted twice.
    -- Rows whose count did not change are not rewritten (no dead tuples, no index churn), so
    -- updated_at there is when the count last changed; content_source_stats.updated_at, always
    -- written, is the time of the refresh (tag_stats_freshness() reads it).
    perform lock_tag_stats_writers();

    with counted as (
        select c.tag_id, c.content_source, count(*) as cardinality
        from content_tags c
        group by c.tag_id, c.content_source
    ), fresh as (
        select t.id as tag_id, s.content_source, coalesce(c.cardinality, 0) as cardinality
        from tags t
        cross join (values ('items'), ('auto')) as s (content_source)
        left join counted c on c.tag_id = t.id and c.content_source = s.content_source
    ), fresh_total as (
        select f.tag_id, sum(f.cardinality)::bigint as cardinality
        from fresh f
        group by f.tag_id
    ), written as (
        insert into tag_cardinality_stats as s (tag_id, content_source, cardinality, updated_at)
        select f.tag_id, f.content_source, f.cardinality, v_now
        from fresh f
        left join tag_cardinality_stats o
          on o.tag_id = f.tag_id and o.content_source = f.content_source
        where o.cardinality is distinct from f.cardinality   -- unchanged rows: no new version
        order by f.tag_id, f.content_source   -- one lock order for every writer
        on conflict (tag_id, content_source) do update
            set cardinality = excluded.cardinality,
                updated_at = excluded.updated_at
        returning 1
    ), stale as (
        delete from tag_cardinality_stats s
        where not exists (
            select 1 from fresh f
            where f.tag_id = s.tag_id and f.content_source = s.content_source
        )
        returning 1
    ), written_total as (
        insert into tag_total_stats as s (tag_id, cardinality, updated_at)
        select f.tag_id, f.cardinality, v_now
        from fresh_total f
        left join tag_total_stats o on o.tag_id = f.tag_id
        where o.cardinality is distinct from f.cardinality
        order by f.tag_id
        on conflict (tag_id) do update
            set cardinality = excluded.cardinality,
                updated_at = excluded.updated_at
        returning 1
    ), stale_total as (
        delete from tag_total_stats s
        where not exists (select 1 from fresh_total f where f.tag_id = s.tag_id)
        returning 1
    ), sources as (
        insert into content_source_stats as s (content_source, total_rows, updated_at)
        select v.content_source,
               (select count(*) from content_items_all c where c.source_type = v.content_source),
               v_now
        from (values ('items'), ('auto')) as v (content_source)
        on conflict (content_source) do update
            set total_rows = excluded.total_rows,
                updated_at = excluded.updated_at
        returning 1
    ), consumed as (
        delete from tag_cardinality_deltas
        returning 1
    )
    -- data-modifying CTEs always run to completion, read or not
    select count(*) from written
    into v_written;

    -- The count bitmaps (revision 0008) are derived from the same tables and go stale at the
    -- same pace, so every refresh rebuilds them (its own single statement, see count_bitmaps.sql).
    perform count_bitmaps_refresh();

    return v_written;
end;
$$;


--
-- Name: FUNCTION refresh_tag_cardinality_stats(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.refresh_tag_cardinality_stats() IS 'Recompute tag_cardinality_stats (0 rows for unused tags), tag_total_stats, content_source_stats and the count bitmaps in one transaction; returns the tag_cardinality_stats rows written (inserted or changed).';


--
-- Name: related_tags(uuid[], uuid, text[], text, text, integer, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.related_tags(tags uuid[] DEFAULT NULL::uuid[], user_id uuid DEFAULT NULL::uuid, source_types text[] DEFAULT NULL::text[], tag_match text DEFAULT 'all'::text, tag_query text DEFAULT NULL::text, exact_limit integer DEFAULT NULL::integer, p_limit integer DEFAULT 20) RETURNS TABLE(id uuid, name text, count bigint, exact boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $_$
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
$_$;


--
-- Name: FUNCTION related_tags(tags uuid[], user_id uuid, source_types text[], tag_match text, tag_query text, exact_limit integer, p_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.related_tags(tags uuid[], user_id uuid, source_types text[], tag_match text, tag_query text, exact_limit integer, p_limit integer) IS 'The p_limit tags occurring most among a filter''s matches (count among them, exact flag: estimated from the sample bitmaps beyond exact_limit matches), without the tags every match carries by definition.';


--
-- Name: reset_tag_stats_on_truncate(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reset_tag_stats_on_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Runs as its owner, like log_content_tags_delta(): TRUNCATE on content_tags is enough.
    -- What: every tag count becomes 0 and pending deltas are dropped.
    -- Why: TRUNCATE removes all tag links without row events; zero is then the exact count.
    perform lock_tag_stats_writers();
    update tag_cardinality_stats set cardinality = 0, updated_at = clock_timestamp() where cardinality <> 0;
    update tag_total_stats set cardinality = 0, updated_at = clock_timestamp() where cardinality <> 0;
    delete from tag_cardinality_deltas;
    return null;
end;
$$;


--
-- Name: FUNCTION reset_tag_stats_on_truncate(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.reset_tag_stats_on_truncate() IS 'Statement-level TRUNCATE trigger on content_tags: zeroes tag counts and clears the delta log.';


--
-- Name: search_tags(text, bigint, bigint, integer, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_tags(p_prefix text, p_min_count bigint DEFAULT NULL::bigint, p_max_count bigint DEFAULT NULL::bigint, p_limit integer DEFAULT 20, p_content_source text DEFAULT NULL::text) RETURNS TABLE(id uuid, name text, cardinality bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    v_pattern  text;
begin
    -- What: case-sensitive prefix match on tags.name (LIKE wildcards and the escape character
    -- in p_prefix match literally), counts from the statistics (0 when a tag has no row yet),
    -- optional count bounds, most-used first then by name.
    -- Why: EXECUTE ... USING plans with the actual pattern, so the planner turns the prefix into
    -- a range on tags_name_pattern_idx; a cached generic plan could not.
    perform facet_check_args(p_limit, p_content_source);

    v_pattern := replace(replace(replace(coalesce(p_prefix, ''), '\', '\\'), '%', '\%'), '_', '\_') || '%';

    return query execute
        $sql$
        select m.id, m.name, m.cardinality
        from (
            select t.id, t.name,
                   coalesce(case when $2 is null then tot.cardinality else src.cardinality end, 0)::bigint
                       as cardinality
            from tags t
            left join tag_total_stats tot on tot.tag_id = t.id
            left join tag_cardinality_stats src on src.tag_id = t.id and src.content_source = $2
            where t.name like $1
        ) m
        where m.cardinality >= coalesce($3, 0)
          and m.cardinality <= coalesce($4, 9223372036854775807)
        order by m.cardinality desc, m.name
        limit $5
        $sql$
    using v_pattern, p_content_source, p_min_count, p_max_count, p_limit;
end;
$_$;


--
-- Name: FUNCTION search_tags(p_prefix text, p_min_count bigint, p_max_count bigint, p_limit integer, p_content_source text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.search_tags(p_prefix text, p_min_count bigint, p_max_count bigint, p_limit integer, p_content_source text) IS 'Tag picker: tags whose name starts with p_prefix (wildcards literal), counts within [p_min_count, p_max_count], most-used first.';


--
-- Name: tag_stats_freshness(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tag_stats_freshness() RETURNS TABLE(refreshed_at timestamp with time zone, age_seconds double precision, freshness_seconds bigint, is_fresh boolean)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
#variable_conflict use_column
declare
    v_refreshed_at  timestamptz;
    v_limit         bigint;
begin
    -- What: the time of the last full refresh (every refresh writes both content_source_stats
    -- rows, so their oldest updated_at is it) and whether it is within freshness_seconds.
    -- Why: two tiny lookups, cheap enough for the planner to call per request; NULL
    -- refreshed_at (never refreshed) is never fresh.
    select case when count(*) = 2 then min(s.updated_at) end
    into v_refreshed_at
    from content_source_stats s;

    select (c.value #>> '{}')::bigint
    into v_limit
    from planner_config c
    where c.key = 'stats.freshness_seconds';
    v_limit := coalesce(v_limit, 3600);

    refreshed_at := v_refreshed_at;
    age_seconds := extract(epoch from clock_timestamp() - v_refreshed_at);
    freshness_seconds := v_limit;
    is_fresh := coalesce(age_seconds <= v_limit, false);
    return next;
end;
$$;


--
-- Name: FUNCTION tag_stats_freshness(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tag_stats_freshness() IS 'Last full statistics refresh, its age in seconds, the stats.freshness_seconds limit and whether the stats are within it.';


--
-- Name: tagpage_bit_positions(bit varying); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_bit_positions(p_bits bit varying) RETURNS SETOF bigint
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: FUNCTION tagpage_bit_positions(p_bits bit varying); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_bit_positions(p_bits bit varying) IS 'Positions (ids) of the set bits of a bitmap, ascending.';


--
-- Name: tagpage_bitmap_candidates(public.tagpage_request, text, bigint, bit varying, uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_bitmap_candidates(p_req public.tagpage_request, p_source text, p_width bigint, p_bits bit varying, p_seed uuid[] DEFAULT NULL::uuid[]) RETURNS bigint[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: FUNCTION tagpage_bitmap_candidates(p_req public.tagpage_request, p_source text, p_width bigint, p_bits bit varying, p_seed uuid[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_bitmap_candidates(p_req public.tagpage_request, p_source text, p_width bigint, p_bits bit varying, p_seed uuid[]) IS 'Candidate ids of the bitmap list in one source: the set bits of p_bits (matches | logged rows) and rows beyond the bitmaps, or the seed''s postings that are set in p_bits or beyond the bitmaps.';


--
-- Name: tagpage_bitmap_inputs(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_bitmap_inputs(p_req public.tagpage_request, OUT widths bigint[], OUT matches bit varying[], OUT dirty bit varying[], OUT counted bigint) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: FUNCTION tagpage_bitmap_inputs(p_req public.tagpage_request, OUT widths bigint[], OUT matches bit varying[], OUT dirty bit varying[], OUT counted bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_bitmap_inputs(p_req public.tagpage_request, OUT widths bigint[], OUT matches bit varying[], OUT dirty bit varying[], OUT counted bigint) IS 'Per source (1 items, 2 auto): bitmap width (0 = none, rows read live), the filter''s matches among clean rows, the logged rows; counted = bits set in the matches.';


--
-- Name: tagpage_bitmap_lists(bigint, bigint, integer, double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_bitmap_lists(p_matches bigint, p_bits bigint, p_fetch_rows integer, p_seed_rows double precision DEFAULT NULL::double precision) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    RETURN (((((p_matches)::numeric * 3.5))::double precision + LEAST((((p_bits)::numeric * 0.004))::double precision, (p_seed_rows * (0.3)::double precision))) < (((p_fetch_rows)::double precision * (p_bits)::double precision) / (GREATEST(p_matches, (1)::bigint))::double precision));


--
-- Name: tagpage_bitmap_seeded(bigint, double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_bitmap_seeded(p_bits bigint, p_seed_rows double precision) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    RETURN ((p_seed_rows * (0.3)::double precision) < (((p_bits)::numeric * 0.004))::double precision);


--
-- Name: tagpage_bits_from_ids(bigint[], bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_bits_from_ids(p_ids bigint[], p_width bigint) RETURNS bit varying
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_lo    bigint;
    v_hi    bigint;
    v_bits  bit varying;
begin
    -- Only the words from the lowest to the highest id are written, as hexadecimal text (one
    -- 16-digit word per 64 ids with a bit set, runs of zero words as zeros) and cast; the zero
    -- words around them come from "bit"(0, n), which allocates them zeroed. Parsing text costs
    -- ~2 ns a bit (2 ms for an empty bitmap of 1.1M bits when it was all text), so an empty or
    -- clustered list (rows written since the last build: the newest ids) costs its own span.
    -- p_width is a multiple of 64 (every caller rounds it up).
    select min(u.id) / 64, max(u.id) / 64 into v_lo, v_hi
      from unnest(p_ids) as u(id)
     where u.id >= 0 and u.id < p_width;
    if v_lo is null then
        return tagpage_bits_zero(p_width);
    end if;
    with words as (
        select u.id / 64 as w, bit_or(1::bigint << (63 - (u.id % 64))::integer) as word
        from unnest(p_ids) as u(id)
        where u.id >= 0 and u.id < p_width
        group by 1
    ), gapped as (
        select w.w, w.word, w.w - coalesce(lag(w.w) over (order by w.w), v_lo - 1) - 1 as gap
        from words w
    )
    select ('x' || string_agg(repeat('0', 16 * g.gap::integer) || lpad(to_hex(g.word), 16, '0'),
                              '' order by g.w))::bit varying
    into v_bits
    from gapped g;
    if v_lo > 0 then
        v_bits := tagpage_bits_zero(64 * v_lo) || v_bits;
    end if;
    if v_hi < p_width / 64 - 1 then
        v_bits := v_bits || tagpage_bits_zero(p_width - 64 * (v_hi + 1));
    end if;
    return v_bits;
end;
$$;


--
-- Name: FUNCTION tagpage_bits_from_ids(p_ids bigint[], p_width bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_bits_from_ids(p_ids bigint[], p_width bigint) IS 'Bitmap of p_width bits (a multiple of 64) with bit i set for each id i in p_ids.';


--
-- Name: tagpage_bits_zero(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_bits_zero(p_width bigint) RETURNS bit varying
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (p_width > 0) THEN (("bit"((0)::bigint, (p_width)::integer))::bit varying)::"bit" ELSE ''::"bit" END;


--
-- Name: FUNCTION tagpage_bits_zero(p_width bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_bits_zero(p_width bigint) IS 'p_width zero bits, allocated zeroed (the int-to-bit cast) instead of parsed from text.';


--
-- Name: tagpage_count_carried(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_carried(p_expr jsonb) RETURNS integer[]
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- A lone tag is carried by every match too; a tag inside an OR is not (it splits the result).
    if p_expr->>'op' = 'tag' then
        return array[(p_expr->>'i')::integer];
    end if;
    if p_expr->>'op' = 'and' then
        return coalesce((select array_agg((a->>'i')::integer order by (a->>'i')::integer)
                           from jsonb_array_elements(p_expr->'args') as e(a)
                          where a->>'op' = 'tag'), '{}');
    end if;
    return '{}';
end;
$$;


--
-- Name: FUNCTION tagpage_count_carried(p_expr jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_carried(p_expr jsonb) IS 'Positions of the tags every match of the expression carries (a lone tag, the tag terms of a top-level AND).';


--
-- Name: tagpage_count_eval_bits(jsonb, bit varying[], bit varying); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_eval_bits(p_expr jsonb, p_bitmaps bit varying[], p_mask bit varying) RETURNS bit varying
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    v_op    text := p_expr->>'op';
    v_bits  bit varying;
    v_node  jsonb;
    v_i     integer;
    v_sql   text;
    v_zero  bit varying;
begin
    -- A lone tag and a flat and/or of tags (every tags + tag_match filter) are folded here,
    -- which costs no statement to plan; any other shape goes through the generated SQL.
    if v_op = 'true' then
        return p_mask;
    elsif v_op = 'tag' then
        return p_bitmaps[(p_expr->>'i')::integer] & p_mask;
    elsif v_op in ('and', 'or')
          and not exists (select 1 from jsonb_array_elements(p_expr->'args') a where a->>'op' <> 'tag') then
        v_bits := case when v_op = 'and' then p_mask else p_mask # p_mask end;
        for v_node in select a from jsonb_array_elements(p_expr->'args') a loop
            v_i := (v_node->>'i')::integer;
            v_bits := case when v_op = 'and' then v_bits & p_bitmaps[v_i] else v_bits | p_bitmaps[v_i] end;
        end loop;
        return v_bits & p_mask;
    end if;
    -- The bitmaps are one column b of a fenced subquery: referenced as the parameter $1, each
    -- b[i] would copy the whole array (measured on genonaut 1, twelve 137 KB bitmaps: 21 ms
    -- against 7 ms).
    -- The constants $2 (zeros) and $3 (ones) are built only when the expression uses them: each
    -- is a pass over the whole width (~0.15 ms at 1.1M bits).
    v_sql := tagpage_count_sql_bits(p_expr);
    if strpos(v_sql, '$2') > 0 or strpos(v_sql, '$3') > 0 then
        v_zero := tagpage_bits_zero(length(p_mask));
    end if;
    execute format('select (%s) & $4 from (select $1 as b offset 0) s', v_sql)
       into v_bits
      using p_bitmaps, v_zero, ~ v_zero, p_mask;
    return v_bits;
end;
$_$;


--
-- Name: FUNCTION tagpage_count_eval_bits(p_expr jsonb, p_bitmaps bit varying[], p_mask bit varying); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_eval_bits(p_expr jsonb, p_bitmaps bit varying[], p_mask bit varying) IS 'Bitmap of the rows matching the tag expression (tag i = p_bitmaps[i]) within p_mask.';


--
-- Name: tagpage_count_exact_limit(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_exact_limit(p_exact_limit integer) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- 22023 naming the argument, like every argument error of the engine.
    if p_exact_limit is not null and (p_exact_limit < 1 or p_exact_limit > 1000000) then
        raise exception 'exact_limit: % is out of range 1..1000000', p_exact_limit using errcode = '22023';
    end if;
    return coalesce(p_exact_limit, tagpage_count_knob('count_exact_limit', 10000));
end;
$$;


--
-- Name: FUNCTION tagpage_count_exact_limit(p_exact_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_exact_limit(p_exact_limit integer) IS 'exact_limit checked against 1..1000000, defaulting to planner_config count_exact_limit (10000).';


--
-- Name: tagpage_count_expr_shift(jsonb, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_expr_shift(p_expr jsonb, p_by integer) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Recursion follows the normalised tree, whose depth the tag-query parser bounds.
    if p_expr->>'op' in ('tag', 'not') then
        return jsonb_set(p_expr, '{i}', to_jsonb((p_expr->>'i')::integer + p_by));
    elsif p_expr->>'op' in ('and', 'or') then
        return jsonb_build_object('op', p_expr->>'op',
                                  'args', (select jsonb_agg(tagpage_count_expr_shift(a, p_by) order by n)
                                             from jsonb_array_elements(p_expr->'args') with ordinality as e(a, n)));
    end if;
    return p_expr;
end;
$$;


--
-- Name: FUNCTION tagpage_count_expr_shift(p_expr jsonb, p_by integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_expr_shift(p_expr jsonb, p_by integer) IS 'The tag expression with every tag position increased by p_by.';


--
-- Name: tagpage_count_filter(uuid[], text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_filter(p_tags uuid[], p_tag_match text, p_tag_query text, OUT tags uuid[], OUT expr jsonb) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_query  jsonb;
    v_args   jsonb := '[]';
    v_part   jsonb;
begin
    -- The query's tags follow the request's (a tag in both appears twice: harmless, each
    -- position is looked up on its own). Top-level ANDs merge into one, so the tags every match
    -- carries (tagpage_count_carried) are read off one node. Errors of the query text are the
    -- parser's: 22023 'tag_query: ...'.
    tags := coalesce(p_tags, '{}');
    expr := tagpage_count_filter_expr(cardinality(tags), p_tag_match);
    v_query := tagpage_tag_query_normalize(p_tag_query, null);
    if v_query is null then
        return;
    end if;
    foreach v_part in array array[expr, tagpage_count_expr_shift(v_query->'expr', cardinality(tags))] loop
        if v_part->>'op' = 'false' then
            expr := v_part;
            tags := tags || array(select jsonb_array_elements_text(v_query->'tags')::uuid);
            return;
        end if;
        v_args := v_args || case when v_part->>'op' = 'and' then v_part->'args'
                                 when v_part->>'op' = 'true' then '[]'::jsonb
                                 else jsonb_build_array(v_part) end;
    end loop;
    tags := tags || array(select jsonb_array_elements_text(v_query->'tags')::uuid);
    expr := case jsonb_array_length(v_args)
                when 0 then '{"op":"true"}'::jsonb
                when 1 then v_args->0
                else jsonb_build_object('op', 'and', 'args', v_args)
            end;
end;
$$;


--
-- Name: FUNCTION tagpage_count_filter(p_tags uuid[], p_tag_match text, p_tag_query text, OUT tags uuid[], OUT expr jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_filter(p_tags uuid[], p_tag_match text, p_tag_query text, OUT tags uuid[], OUT expr jsonb) IS 'Tags and expression of a count''s filter: tags with tag_match, ANDed with the normalised tag query.';


--
-- Name: tagpage_count_filter_expr(integer, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_filter_expr(p_k integer, p_tag_match text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- No tags: every row of the scope. One tag: both modes agree.
    if coalesce(p_k, 0) = 0 then
        return '{"op":"true"}';
    end if;
    if p_k = 1 then
        return '{"op":"tag","i":1}';
    end if;
    return jsonb_build_object(
        'op', case when p_tag_match = 'any' then 'or' else 'and' end,
        'args', (select jsonb_agg(jsonb_build_object('op', 'tag', 'i', i) order by i)
                   from generate_series(1, p_k) as i));
end;
$$;


--
-- Name: FUNCTION tagpage_count_filter_expr(p_k integer, p_tag_match text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_filter_expr(p_k integer, p_tag_match text) IS 'Expression (and/or of tags 1..k) of a tags + tag_match filter.';


--
-- Name: tagpage_count_knob(text, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_knob(p_key text, p_default bigint) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_value  bigint;
begin
    -- One lookup by primary key; config load validates the value's type.
    select (c.value #>> '{}')::bigint into v_value from planner_config c where c.key = p_key;
    return coalesce(v_value, p_default);
end;
$$;


--
-- Name: FUNCTION tagpage_count_knob(p_key text, p_default bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_knob(p_key text, p_default bigint) IS 'planner_config value of p_key as a bigint (p_default when missing).';


--
-- Name: tagpage_count_live(public.tagpage_count_part, uuid[], jsonb, uuid, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_live(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid, p_mask bigint) RETURNS TABLE(evaluated bigint, matched bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- Each kept live row is fetched by primary key (a deleted one finds nothing) and tested
    -- with the scope and one probe per tag: the same predicate the pages apply.
    return query execute format(
        'select count(*), count(*) filter (where c.id is not null and %1$s and %2$s) '
        'from (%3$s) x left join content_items_all c on c.id = x.content_id and c.source_type = %4$L '
        'where %5$s',
        tagpage_sql_scope(p_part.scope, 'c'),
        tagpage_sql_tag_expr(p_expr, 'c.id', 'c.source_type', '$1'),
        tagpage_count_sql_x(p_part.content_source),
        p_part.content_source,
        tagpage_count_sql_sampled(p_part.content_source, 'x.content_id'))
        using p_tags, p_user_id, p_part.m0, p_part.width, p_mask;
end;
$_$;


--
-- Name: FUNCTION tagpage_count_live(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid, p_mask bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_live(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid, p_mask bigint) IS 'Live rows of a source (all, or the hash sample p_mask keeps): how many were evaluated and how many match now.';


--
-- Name: tagpage_count_parts(uuid[], jsonb, uuid, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_parts(p_tags uuid[], p_expr jsonb, p_user_id uuid, p_items_scope text, p_auto_scope text) RETURNS SETOF public.tagpage_count_part
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    v_part     tagpage_count_part;
    v_source   text;
    v_scope    text;
    v_public   bit varying;
    v_creator  bit varying;
    v_zero     bit varying;
    v_mask     bit varying;
    v_bitmaps  bit varying[];
    v_min      bigint;
    v_max      bigint;
begin
    -- Per source the scope mask B (public rows, the user's rows, or a mix, per scope), the tag
    -- bitmaps in the request's tag order (a tag without one had no rows then: zeros), and
    -- M0 = expression & B. Then one pass over the live rows counts them and how many M0 holds.
    -- A source without bitmaps (never built, or truncated since) is returned with bitmaps =
    -- false: the caller scans it. Every statement here is static, so its plan is cached.
    foreach v_source in array array['items', 'auto'] loop
        v_scope := case v_source when 'items' then p_items_scope else p_auto_scope end;
        continue when v_scope is null;
        v_part := row(v_source, v_scope, false, null, null, null, null, null)::tagpage_count_part;
        select s.width, s.public_bits into v_part.width, v_public
          from count_bitmap_source s where s.content_source = v_source;
        if v_part.width is null then
            return next v_part;
            continue;
        end if;
        v_part.bitmaps := true;
        v_zero := v_public # v_public;
        if p_user_id is not null and v_scope <> 'public' then
            select b.bits into v_creator
              from count_creator_bitmap b
             where b.creator_id = p_user_id and b.content_source = v_source;
            v_creator := coalesce(v_creator, v_zero);
        end if;
        v_mask := case v_scope
            when 'public' then v_public
            when 'all' then v_public | v_creator
            when 'community' then v_public & ~ v_creator
            when 'user' then v_creator
        end;
        v_bitmaps := array(
            select coalesce((select case v_source when 'items' then b.items_bits else b.auto_bits end
                               from count_tag_bitmap b where b.tag_id = t.id), v_zero)
              from unnest(p_tags) with ordinality as t(id, i)
             order by t.i);
        v_part.m0 := tagpage_count_eval_bits(p_expr, v_bitmaps, v_mask);
        v_part.base := bit_count(v_part.m0);
        -- Rows outside the covered ids are rare (ids only grow past the width between
        -- builds), so two index end points rule them out before the general statement runs.
        select min(c.id), max(c.id) into v_min, v_max from content_items_all c where c.source_type = v_source;
        if v_min >= 0 and v_max < v_part.width or v_max is null then
            select count(distinct d.content_id),
                   count(distinct d.content_id) filter (
                       where case when d.content_id >= 0 and d.content_id < v_part.width
                                  then get_bit(v_part.m0, d.content_id::integer) = 1
                                  else false end)
              into v_part.x_rows, v_part.x_base
              from count_dirty_rows d
             where d.content_source = v_source;
        else
            execute format('select count(*), count(*) filter (where case when x.content_id >= 0 and x.content_id < $4 '
                           'then get_bit($3, x.content_id::integer) = 1 else false end) from (%s) x',
                           tagpage_count_sql_x(v_source))
               into v_part.x_rows, v_part.x_base
              using p_tags, p_user_id, v_part.m0, v_part.width, 0::bigint;
        end if;
        return next v_part;
    end loop;
end;
$_$;


--
-- Name: FUNCTION tagpage_count_parts(p_tags uuid[], p_expr jsonb, p_user_id uuid, p_items_scope text, p_auto_scope text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_parts(p_tags uuid[], p_expr jsonb, p_user_id uuid, p_items_scope text, p_auto_scope text) IS 'Per source read by the request: its bitmap matches (m0, base) and live rows (x_rows, x_base), or bitmaps = false.';


--
-- Name: tagpage_count_poisson_interval(bigint, double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_poisson_interval(p_observed bigint, p_z double precision, OUT lower double precision, OUT upper double precision) RETURNS record
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- The Wilson-Hilferty approximations of the exact (chi-square) limits, within about 1% of
    -- them even for small counts; 0 observed gives [0, ~3.7] at z = 1.96.
    lower := case when p_observed = 0 then 0
                  else p_observed * power(greatest(1 - 1 / (9.0 * p_observed)
                                                   - p_z / (3 * sqrt(p_observed::double precision)), 0), 3)
             end;
    upper := (p_observed + 1) * power(1 - 1 / (9.0 * (p_observed + 1)) + p_z / (3 * sqrt(p_observed + 1.0)), 3);
end;
$$;


--
-- Name: FUNCTION tagpage_count_poisson_interval(p_observed bigint, p_z double precision, OUT lower double precision, OUT upper double precision); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_poisson_interval(p_observed bigint, p_z double precision, OUT lower double precision, OUT upper double precision) IS 'Two-sided interval (z standard errors) for a Poisson mean given one observed count (Wilson-Hilferty).';


--
-- Name: tagpage_count_resolve(public.tagpage_count_part[], uuid[], jsonb, uuid, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_resolve(p_parts public.tagpage_count_part[], p_tags uuid[], p_expr jsonb, p_user_id uuid, p_exact_limit bigint, OUT total bigint, OUT exact boolean, OUT lower bigint, OUT upper bigint, OUT method text, OUT mask bigint) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_part      tagpage_count_part;
    v_fixed     bigint := 0;    -- matches known exactly: scanned sources + bitmap rows not live
    v_live      bigint := 0;    -- live rows over every bitmap source
    v_budget    bigint := tagpage_count_knob('count_live_budget', 500);
    v_methods   text[] := '{}';
    v_shift     integer;
    v_eval      bigint := 0;
    v_match     bigint := 0;
    v_row       record;
    v_bounds    record;
    v_scale     double precision;
begin
    -- Live rows cost a primary-key fetch and an index probe per tag each (about 7 us on
    -- genonaut 0.1, so the default budget of 500 keeps them near 3.5 ms); within
    -- count_live_budget they are all evaluated (exact). Beyond it, and only when the rows known to match already exceed
    -- p_exact_limit (so a count at or under the limit is always exact), one live row in 2^m is
    -- evaluated, 2^m the smallest power of two bringing them under the budget, and the live
    -- matches are estimated from the sample with a Poisson 95% interval, clamped to what the
    -- sample proves (it cannot be fewer than the sampled matches, nor more than the live rows
    -- minus the sampled non-matches). `mask` tells related_tags which live rows were kept.
    mask := 0;
    foreach v_part in array p_parts loop
        if v_part.bitmaps then
            v_fixed := v_fixed + v_part.base - v_part.x_base;
            v_live := v_live + v_part.x_rows;
            v_methods := v_methods || 'bitmap'::text;
        else
            v_fixed := v_fixed + tagpage_count_scan(v_part.content_source, v_part.scope, p_tags, p_expr, p_user_id);
            v_methods := v_methods || 'scan'::text;
        end if;
    end loop;
    if v_live > v_budget and v_fixed > p_exact_limit then
        v_shift := ceil(log(2, v_live::numeric / greatest(v_budget, 1)))::integer;
        mask := (1::bigint << v_shift) - 1;
    end if;
    foreach v_part in array p_parts loop
        continue when not v_part.bitmaps or v_part.x_rows = 0;
        select * into v_row from tagpage_count_live(v_part, p_tags, p_expr, p_user_id, mask);
        v_eval := v_eval + v_row.evaluated;
        v_match := v_match + v_row.matched;
    end loop;
    method := coalesce((select string_agg(distinct m, '+') from unnest(v_methods) m), 'none');
    if mask = 0 then
        total := v_fixed + v_match;
        exact := true;
        lower := total;
        upper := total;
        return;
    end if;
    v_scale := (mask + 1)::double precision;
    v_bounds := tagpage_count_poisson_interval(v_match, 1.96);
    exact := false;
    lower := v_fixed + greatest(v_match, floor(v_bounds.lower * v_scale))::bigint;
    upper := v_fixed + least(v_live - (v_eval - v_match), ceil(v_bounds.upper * v_scale))::bigint;
    total := least(greatest(v_fixed + round(v_match * v_scale)::bigint, lower), upper);
    method := method || '_sampled';
end;
$$;


--
-- Name: FUNCTION tagpage_count_resolve(p_parts public.tagpage_count_part[], p_tags uuid[], p_expr jsonb, p_user_id uuid, p_exact_limit bigint, OUT total bigint, OUT exact boolean, OUT lower bigint, OUT upper bigint, OUT method text, OUT mask bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_resolve(p_parts public.tagpage_count_part[], p_tags uuid[], p_expr jsonb, p_user_id uuid, p_exact_limit bigint, OUT total bigint, OUT exact boolean, OUT lower bigint, OUT upper bigint, OUT method text, OUT mask bigint) IS 'Total of the parts: exact, or (live rows over count_live_budget and more than p_exact_limit known matches) estimated from a hash sample of the live rows.';


--
-- Name: tagpage_count_scan(text, text, uuid[], jsonb, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_scan(p_source text, p_scope text, p_tags uuid[], p_expr jsonb, p_user_id uuid) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    v_count  bigint;
begin
    -- Exact and slow (every row of the scope, probed): only until the next statistics refresh
    -- builds the bitmaps. The partition is a literal, so only its rows are read.
    execute format('select count(*) from content_items_all c where c.source_type = any(array[%L]) and %s and %s',
                   p_source, tagpage_sql_scope(p_scope, 'c'), tagpage_sql_tag_expr(p_expr, 'c.id', 'c.source_type', '$1'))
       into v_count
      using p_tags, p_user_id;
    return v_count;
end;
$_$;


--
-- Name: FUNCTION tagpage_count_scan(p_source text, p_scope text, p_tags uuid[], p_expr jsonb, p_user_id uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_scan(p_source text, p_scope text, p_tags uuid[], p_expr jsonb, p_user_id uuid) IS 'Exact count of a source''s matches by scanning its rows (used when the source has no bitmaps).';


--
-- Name: tagpage_count_sql_bits(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_sql_bits(p_expr jsonb) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    v_op    text := p_expr->>'op';
    v_args  text[];
begin
    -- Built from the expression's fixed node kinds and integer positions only.
    if v_op = 'true' then
        return '$3';
    elsif v_op = 'false' then
        return '$2';
    elsif v_op = 'tag' then
        return format('b[%s]', (p_expr->>'i')::integer);
    elsif v_op = 'not' then
        return format('(~ b[%s])', (p_expr->>'i')::integer);
    elsif v_op in ('and', 'or') then
        select array_agg(tagpage_count_sql_bits(a) order by n) into v_args
          from jsonb_array_elements(p_expr->'args') with ordinality as e(a, n);
        if v_args is null then
            return case when v_op = 'and' then '$3' else '$2' end;
        end if;
        return '(' || array_to_string(v_args, case when v_op = 'and' then ' & ' else ' | ' end) || ')';
    end if;
    raise exception 'tag expression: unknown node %', p_expr using errcode = '22023';
end;
$_$;


--
-- Name: FUNCTION tagpage_count_sql_bits(p_expr jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_sql_bits(p_expr jsonb) IS 'The tag expression as a bit-string expression over b[i] (tag bitmaps), $2 (zeros), $3 (ones).';


--
-- Name: tagpage_count_sql_sampled(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_sql_sampled(p_source text, p_id_sql text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- A hash of the row's identity with a fixed salt per source: the same rows are kept by every
    -- call (so a count and its related tags agree), and which rows a hash keeps is unrelated to
    -- their tags. p_id_sql is a column reference built by our callers.
    return format('($5 = 0 or (hashint8extended(%s, %s) & $5) = 0)',
                  p_id_sql, case p_source when 'items' then 7301 else 7302 end);
end;
$_$;


--
-- Name: FUNCTION tagpage_count_sql_sampled(p_source text, p_id_sql text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_sql_sampled(p_source text, p_id_sql text) IS 'Predicate keeping one live row in ($5 + 1), chosen by a hash of its id ($5 = 0 keeps all).';


--
-- Name: tagpage_count_sql_x(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_count_sql_x(p_source text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- $4 is the source's bitmap width. Outside rows come from the primary key by range.
    return format('select d.content_id from count_dirty_rows d where d.content_source = %1$L '
                  'union '
                  'select c.id from content_items_all c where c.source_type = %1$L and (c.id < 0 or c.id >= $4)',
                  p_source);
end;
$_$;


--
-- Name: FUNCTION tagpage_count_sql_x(p_source text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_count_sql_x(p_source text) IS 'SELECT of the live rows (content ids) of one source: count_dirty_rows plus rows outside the bitmaps ($4 = width).';


--
-- Name: tagpage_cursor_decode(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_cursor_decode(p_cursor text, p_sort text, OUT direction text, OUT quality_score real, OUT created_at timestamp with time zone, OUT id bigint, OUT source_type text) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    v_sort      text;
    v_fields    text[];
    v_keys      integer;
    v_ts        text;
begin
    -- A cursor comes from the network: every step that can fail is checked and reported as
    -- invalid_parameter_value naming the cursor, never as an internal error. Checked by
    -- patterns first, so a well-formed cursor costs no subtransaction but the one around the
    -- two casts a pattern cannot settle (a day that does not exist, a real out of range).
    if p_cursor is null or left(p_cursor, 1) <> '2' then
        select d.direction, d.quality_score, d.created_at, d.id, d.source_type
          into direction, quality_score, created_at, id, source_type
          from tagpage_cursor_decode_v1(p_cursor, p_sort) d;
        return;
    end if;
    if p_cursor !~ '^2[np][daq](_[-0-9A-Za-z.]+){3,4}$' then
        raise exception 'cursor: not a tagpage cursor (format 2: 2<n|p><d|a|q>_<keys>_<id>_<i|a>)'
            using errcode = '22023';
    end if;
    v_sort := case substr(p_cursor, 3, 1) when 'd' then 'created_at_desc'
                                          when 'a' then 'created_at_asc'
                                          else 'quality_score_desc' end;
    if v_sort <> p_sort then
        raise exception 'cursor: issued for sort %, not for sort %', v_sort, p_sort
            using errcode = '22023';
    end if;
    direction := case substr(p_cursor, 2, 1) when 'n' then 'next' else 'prev' end;
    v_fields := string_to_array(substr(p_cursor, 5), '_');
    v_keys := case when p_sort = 'quality_score_desc' then 2 else 1 end;
    if cardinality(v_fields) <> v_keys + 2 then
        raise exception 'cursor: % sort key value(s), id and src expected', v_keys
            using errcode = '22023';
    end if;
    source_type := case v_fields[v_keys + 2] when 'i' then 'items' when 'a' then 'auto' end;
    if source_type is null then
        raise exception 'cursor: src must be i (items) or a (auto)' using errcode = '22023';
    end if;
    if not (case when v_fields[v_keys + 1] ~ '^-?[0-9]{1,19}$'
                 then v_fields[v_keys + 1]::numeric between -9223372036854775808 and 9223372036854775807
                 else false end) then
        raise exception 'cursor: id must be a bigint' using errcode = '22023';
    end if;
    id := v_fields[v_keys + 1]::bigint;
    v_ts := v_fields[v_keys];
    if v_ts !~ '^([0-9]{8}T[0-9]{6}\.[0-9]{6}|-?infinity)$' then
        raise exception 'cursor: created_at must be YYYYMMDDTHHMMSS.ffffff (UTC)' using errcode = '22023';
    end if;
    if v_keys = 2 and v_fields[1] !~ '^(-?([0-9]+(\.[0-9]*)?|\.[0-9]+)(e-?[0-9]+)?|NaN|-?Infinity)$' then
        raise exception 'cursor: quality_score must be a number' using errcode = '22023';
    end if;
    begin
        created_at := case when v_ts like '%infinity' then v_ts else v_ts || 'Z' end::timestamptz;
        if v_keys = 2 then
            quality_score := v_fields[1]::real;
        end if;
    exception when others then
        raise exception 'cursor: sort key out of range (%)', array_to_string(v_fields[1:v_keys], ', ')
            using errcode = '22023';
    end;
end;
$_$;


--
-- Name: tagpage_cursor_decode_v1(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_cursor_decode_v1(p_cursor text, p_sort text, OUT direction text, OUT quality_score real, OUT created_at timestamp with time zone, OUT id bigint, OUT source_type text) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    v_b64       text;
    v_json      jsonb;
    v_keys      jsonb;
    v_key_count integer;
    v_ts        text;
    v_q         jsonb;
begin
    -- A cursor comes from the network: every step that can fail is checked and reported as
    -- invalid_parameter_value naming the cursor, never as an internal error. The JSON is
    --   {"d":"next"|"prev","v":1,"s":<sort>,"k":[<sort key values>],"id":<id>,"src":"items"|"auto"}
    -- with "k" = [created_at] or [quality_score, created_at]; the keys in any order.
    if p_cursor is null or p_cursor = '' or p_cursor !~ '^[A-Za-z0-9_-]+$' or length(p_cursor) % 4 = 1 then
        raise exception 'cursor: not URL-safe base64' using errcode = '22023';
    end if;
    v_b64 := translate(p_cursor, '-_', '+/') || repeat('=', (4 - length(p_cursor) % 4) % 4);
    begin
        v_json := convert_from(decode(v_b64, 'base64'), 'UTF8')::jsonb;
    exception when others then
        raise exception 'cursor: not base64-encoded JSON' using errcode = '22023';
    end;
    if jsonb_typeof(v_json) is distinct from 'object' then
        raise exception 'cursor: JSON must be an object with exactly the keys v, s, d, k, id, src'
            using errcode = '22023';
    end if;
    if (select array_agg(k order by k collate "C") from jsonb_object_keys(v_json) k)
       is distinct from array['d', 'id', 'k', 's', 'src', 'v'] then
        raise exception 'cursor: JSON must be an object with exactly the keys v, s, d, k, id, src'
            using errcode = '22023';
    end if;
    if v_json->'v' <> '1'::jsonb then
        raise exception 'cursor: unsupported version %', v_json->'v' using errcode = '22023';
    end if;
    if jsonb_typeof(v_json->'s') <> 'string'
       or v_json->>'s' not in ('created_at_desc', 'created_at_asc', 'quality_score_desc') then
        raise exception 'cursor: unknown sort %', v_json->'s' using errcode = '22023';
    end if;
    if v_json->>'s' <> p_sort then
        raise exception 'cursor: issued for sort %, not for sort %', v_json->>'s', p_sort
            using errcode = '22023';
    end if;
    if jsonb_typeof(v_json->'d') <> 'string' or v_json->>'d' not in ('next', 'prev') then
        raise exception 'cursor: direction must be "next" or "prev"' using errcode = '22023';
    end if;
    direction := v_json->>'d';
    if jsonb_typeof(v_json->'src') <> 'string' or v_json->>'src' not in ('items', 'auto') then
        raise exception 'cursor: src must be "items" or "auto"' using errcode = '22023';
    end if;
    source_type := v_json->>'src';
    if jsonb_typeof(v_json->'id') <> 'number' or (v_json->>'id') !~ '^-?[0-9]{1,19}$' then
        raise exception 'cursor: id must be an integer' using errcode = '22023';
    end if;
    begin
        id := (v_json->>'id')::bigint;
    exception when others then
        raise exception 'cursor: id out of range' using errcode = '22023';
    end;
    v_keys := v_json->'k';
    v_key_count := case when p_sort = 'quality_score_desc' then 2 else 1 end;
    if jsonb_typeof(v_keys) <> 'array' or jsonb_array_length(v_keys) <> v_key_count then
        raise exception 'cursor: k must be an array of % sort key value(s)', v_key_count
            using errcode = '22023';
    end if;
    v_ts := v_keys->>(v_key_count - 1);
    if jsonb_typeof(v_keys->(v_key_count - 1)) <> 'string'
       or v_ts !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$' then
        raise exception 'cursor: created_at must be an ISO 8601 timestamp' using errcode = '22023';
    end if;
    begin
        created_at := v_ts::timestamptz;
    exception when others then
        raise exception 'cursor: created_at % is not a valid timestamp', v_ts using errcode = '22023';
    end;
    if v_key_count = 2 then
        v_q := v_keys->0;
        if not (jsonb_typeof(v_q) = 'number'
                or (jsonb_typeof(v_q) = 'string' and v_keys->>0 in ('NaN', 'Infinity', '-Infinity'))) then
            raise exception 'cursor: quality_score must be a number' using errcode = '22023';
        end if;
        begin
            quality_score := (v_keys->>0)::real;
        exception when others then
            raise exception 'cursor: quality_score out of range' using errcode = '22023';
        end;
    end if;
end;
$_$;


--
-- Name: tagpage_cursor_encode(text, text, real, timestamp with time zone, bigint, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_cursor_encode(p_sort text, p_direction text, p_quality_score real, p_created_at timestamp with time zone, p_id bigint, p_source_type text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET extra_float_digits TO '1'
    AS $$
begin
    -- The same expression unified_content_page evaluates per row, applied to one position.
    return tagpage_cursor_head(p_direction)
           || tagpage_cursor_tail(p_sort, p_quality_score, p_created_at, p_id, p_source_type);
end;
$$;


--
-- Name: tagpage_cursor_head(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_cursor_head(p_direction text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE p_direction WHEN 'next'::text THEN '2n'::text WHEN 'prev'::text THEN '2p'::text ELSE NULL::text END;


--
-- Name: tagpage_cursor_tail(text, real, timestamp with time zone, bigint, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_cursor_tail(p_sort text, p_quality_score real, p_created_at timestamp with time zone, p_id bigint, p_source_type text) RETURNS text
    LANGUAGE sql STABLE
    RETURN (((((CASE p_sort WHEN 'created_at_desc'::text THEN 'd_'::text WHEN 'created_at_asc'::text THEN 'a_'::text ELSE (('q_'::text || replace((p_quality_score)::text, '+'::text, ''::text)) || '_'::text) END || COALESCE(to_char((p_created_at AT TIME ZONE 'UTC'::text), 'YYYYMMDD"T"HH24MISS.US'::text), (p_created_at)::text)) || '_'::text) || (p_id)::text) || '_'::text) || "left"(p_source_type, 1));


--
-- Name: tagpage_forced_strategy(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_forced_strategy() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_forced text := nullif(current_setting('tagpage.force_strategy', true), '');
begin
    -- A session setting, read at each call: behind a transaction pooler it is simply absent
    -- on a server connection that never saw the SET, and the planner decides.
    if v_forced is not null and v_forced <> all (tagpage_strategies()) then
        raise exception 'tagpage.force_strategy: unknown strategy "%"', v_forced
            using errcode = '22023', hint = array_to_string(tagpage_strategies(), ', ');
    end if;
    return v_forced;
end;
$$;


--
-- Name: tagpage_page_fetch(public.tagpage_request, public.tagpage_plan_choice); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_page_fetch(p_req public.tagpage_request, p_plan public.tagpage_plan_choice, OUT page_rows public.tagpage_page_row[], OUT strategy text) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_req       tagpage_request := p_req;
    v_work_mem  text;
begin
    -- The plan's tag order, walk budget and seed go into the request the statements read
    -- (here, once, for every caller). A budgeted walk first when the planner asked for one;
    -- its fallback, or the planned strategy, otherwise. Tag-first strategies hash or sort whole posting lists: they get up to
    -- max_work_mem_mb (never less than the session has) so they do not spill, for their
    -- statement only.
    v_req.tags := p_plan.tags;
    v_req.budget := p_plan.budget;
    v_req.seed_tags := p_plan.seed_tags;
    strategy := p_plan.strategy;
    if p_plan.budget is not null then
        page_rows := tagpage_page_rows_budgeted(v_req);
        if page_rows is not null then
            return;
        end if;
        strategy := p_plan.fallback;
    end if;
    if strategy not in ('no_tags', 'sort_first')
       and pg_size_bytes(current_setting('work_mem')) < p_plan.work_mem_mb::bigint * 1024 * 1024 then
        v_work_mem := current_setting('work_mem');
        perform set_config('work_mem', p_plan.work_mem_mb || 'MB', true);
    end if;
    page_rows := coalesce(tagpage_page_rows(v_req, strategy), '{}');
    if v_work_mem is not null then
        perform set_config('work_mem', v_work_mem, true);
    end if;
end;
$$;


--
-- Name: tagpage_page_rows(public.tagpage_request, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_page_rows(p_req public.tagpage_request, p_strategy text) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- A precompiled statement when one serves the shape (static_paths.sql), else the strategy's
    -- statement planned for this call.
    if tagpage_static_serves(p_req, p_strategy) then
        case p_strategy
            when 'no_tags' then return tagpage_static_no_tags(p_req);
            when 'sort_first' then return tagpage_static_sort_first(p_req);
            when 'two_phase_single' then return tagpage_static_two_phase_single(p_req);
            when 'any_union' then return tagpage_static_any_union(p_req);
            else null;
        end case;
    end if;
    if p_strategy in ('no_tags', 'sort_first') then
        return tagpage_run_walk(p_req, tagpage_shape_of(p_req, p_strategy));
    end if;
    if p_strategy = 'bitmap' then
        return tagpage_run_bitmap(p_req);
    end if;
    return tagpage_run_statement(p_req, tagpage_shape_of(p_req, p_strategy));
end;
$$;


--
-- Name: tagpage_page_rows_budgeted(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_page_rows_budgeted(p_req public.tagpage_request) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_rows      tagpage_page_row[];
    v_walked    bigint;
    v_static    boolean := tagpage_static_serves(p_req, 'sort_first');
begin
    -- Keep the walk's rows if it filled the page or saw every candidate; otherwise the tags
    -- overlap less than estimated and the caller runs the planner's tag-first fallback.
    if v_static then
        v_rows := tagpage_static_sort_first_budgeted(p_req);
    else
        v_rows := tagpage_run_walk(p_req, tagpage_shape_of(p_req, 'sort_first', true));
    end if;
    if coalesce(cardinality(v_rows), 0) >= p_req.fetch_rows then
        return v_rows;
    end if;
    if v_static then
        v_walked := tagpage_static_sort_first_walked(p_req);
    else
        v_walked := tagpage_run_walked(p_req, tagpage_shape_of(p_req, 'sort_first', true));
    end if;
    return case when v_walked < p_req.budget then coalesce(v_rows, '{}') end;
end;
$$;


--
-- Name: tagpage_page_stage_timings(integer, uuid[], text, integer, uuid, text[], text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_page_stage_timings(p_calls integer, tags uuid[] DEFAULT NULL::uuid[], cursor text DEFAULT NULL::text, page_size integer DEFAULT 25, user_id uuid DEFAULT NULL::uuid, source_types text[] DEFAULT NULL::text[], tag_match text DEFAULT 'all'::text, sort text DEFAULT 'created_at_desc'::text, tag_query text DEFAULT NULL::text) RETURNS TABLE(stage text, median_ms double precision)
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    SET jit TO 'off'
    SET extra_float_digits TO '1'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $_$
declare
    v_req       tagpage_request;
    v_plan      tagpage_plan_choice;
    v_fetch     record;
    v_t         timestamptz;
    v_build     float8[] := '{}';
    v_planned   float8[] := '{}';
    v_fetched   float8[] := '{}';
    v_whole     float8[] := '{}';
begin
    -- For `tagpage explain`: where a call's time goes, measured inside the server (no network),
    -- with the same settings unified_content_page runs under. "whole" is the complete call; what
    -- it spends beyond build + plan + fetch is the output step (cursors, has_next / has_prev).
    for i in 1 .. greatest(p_calls, 1) loop
        v_t := clock_timestamp();
        v_req := tagpage_request_build($2, $3, coalesce($4, 25), $5, $6, coalesce($7, 'all'),
                                       coalesce($8, 'created_at_desc'), $9);
        v_build := v_build || extract(epoch from clock_timestamp() - v_t) * 1000;
        v_t := clock_timestamp();
        v_plan := tagpage_plan(v_req);
        v_planned := v_planned || extract(epoch from clock_timestamp() - v_t) * 1000;
        v_t := clock_timestamp();
        v_fetch := tagpage_page_fetch(v_req, v_plan);
        v_fetched := v_fetched || extract(epoch from clock_timestamp() - v_t) * 1000;
        v_t := clock_timestamp();
        perform count(*) from unified_content_page($2, $3, $4, $5, $6, $7, $8, $9);
        v_whole := v_whole || extract(epoch from clock_timestamp() - v_t) * 1000;
    end loop;
    return query
        select x.stage, (select percentile_cont(0.5) within group (order by v) from unnest(x.times) v)
          from (values (1, 'build request', v_build), (2, 'plan', v_planned),
                       (3, 'fetch rows (' || v_fetch.strategy || ')', v_fetched),
                       (4, 'whole call', v_whole)) as x(ord, stage, times)
         order by x.ord;
end;
$_$;


--
-- Name: tagpage_plan(public.tagpage_request, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_plan(p_req public.tagpage_request, p_explain boolean DEFAULT false) RETURNS public.tagpage_plan_choice
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_forced        text := nullif(current_setting('tagpage.force_strategy', true), '');
    v_choice        tagpage_plan_choice;
    v_k             integer := p_req.k;
    v_all           boolean;
    v_o             jsonb;
    v_n_i           float8;
    v_n_a           float8;
    v_n             float8;
    v_words         float8;
    v_c             float8[];
    v_ci            float8[];
    v_ca            float8[];
    v_d             float8;
    v_prod_i        float8;
    v_prod_a        float8;
    v_none_i        float8;
    v_none_a        float8;
    v_matches       float8;
    v_walk          float8;
    v_probes        float8;
    v_chain         float8;
    v_chain2        float8;
    v_chain3        float8;
    v_rest2         float8;
    v_rest3         float8;
    v_inter         float8;
    v_sum_c         float8;
    v_names         text[];
    v_cost          float8[];
    v_serves        boolean[];
    v_eligible      text[];
    v_best          integer;
    v_best_tf       integer;
    v_any_tf        integer;
begin
    -- Reads a handful of rows (knobs, two source counts, 2k statistics rows) in one statement
    -- and does float arithmetic; it never touches content. v_names is tagpage_strategies():
    -- strategy i has the estimate v_cost[i]. The explanation (jsonb) is built only on request.
    if v_forced is not null then
        perform tagpage_forced_strategy();  -- raises for an unknown name
    end if;
    if p_req.expr is not null then
        return tagpage_plan_query(p_req, v_forced, p_explain);
    end if;
    if v_k = 0 then
        if v_forced is not null and v_forced <> 'no_tags' then
            raise exception 'tagpage.force_strategy: % cannot serve a request without tags', v_forced
                using errcode = '22023';
        end if;
        return row('no_tags', '{}'::uuid[], null, null, null,
                   case when p_explain then jsonb_build_object(
                       'strategy', 'no_tags', 'k', 0, 'rarest_count', null, 'tags', '[]'::jsonb,
                       'sources', to_jsonb(p_req.sources), 'estimates', '{}'::jsonb,
                       'reason', case when v_forced is null then 'no tag filter'
                                      else 'forced by tagpage.force_strategy' end) end, null)::tagpage_plan_choice;
    end if;

    -- Knobs, partition sizes and per tag and partition its cardinality, capped by the
    -- partition size, rarest first.
    select i.knobs, i.n_items, i.n_auto, i.bitmap_words, i.tags, i.c, i.ci, i.ca
      into v_o, v_n_i, v_n_a, v_words, v_choice.tags, v_c, v_ci, v_ca
      from tagpage_plan_inputs(p_req, true) i;
    v_n := v_n_i + v_n_a;

    -- A walk whose cost no tag-first estimate nor the bitmap's can undercut: the comparison
    -- below would keep it, unbudgeted. One tag: the cheapest tag-first estimates are 0.1 c + 2 m
    -- (self_join, two_phase_single; the others cost more). Several tags with tag_match 'any':
    -- only any_union and group_having serve besides the bitmap, both 0.3 sum(c) + 2 m, and the
    -- walk has 1 + (k - 1) / 2 probes per row; 'any' never gets a walk budget. Decided here with
    -- the same arithmetic, because that comparison's ~60 expressions cost more (~50 us per call)
    -- than the page's own index work on the everyday requests. Not when forced, explained,
    -- sampled for telemetry or walk disabled; pgTAP checks both give the same choice.
    if (v_k = 1 or p_req.tag_match = 'any') and v_forced is null and not p_explain
       and (v_o->>'telemetry.sample_rate')::float8 <= 0
       and v_o->'enable_sort_first' is distinct from 'false'::jsonb then
        if v_k = 1 then
            v_matches := v_n_i * coalesce(v_ci[1] / nullif(v_n_i, 0), 0)
                         + v_n_a * coalesce(v_ca[1] / nullif(v_n_a, 0), 0);
            v_probes := 1;
        else
            v_none_i := 1; v_none_a := 1; v_sum_c := 0;
            for i in 1 .. v_k loop
                v_none_i := v_none_i * (1 - coalesce(v_ci[i] / nullif(v_n_i, 0), 0));
                v_none_a := v_none_a * (1 - coalesce(v_ca[i] / nullif(v_n_a, 0), 0));
                v_sum_c := v_sum_c + v_c[i];
            end loop;
            v_matches := v_n_i * (1 - v_none_i) + v_n_a * (1 - v_none_a);
            v_probes := 1 + (v_k - 1) / 2.0;
        end if;
        v_walk := case when v_matches <= 0 then v_n else least(v_n, v_n * p_req.fetch_rows / v_matches) end;
        if v_walk * (1 + v_probes) <= (case when v_k = 1 then 0.1 * v_c[1] else 0.3 * v_sum_c end) + 2 * v_matches
           and (v_words is null
                or v_walk * (1 + v_probes) <= tagpage_plan_bitmap_cost(v_words, v_k, v_walk, v_matches)) then
            v_choice.strategy := 'sort_first';
            v_choice.work_mem_mb := (v_o->>'max_work_mem_mb')::integer;
            return v_choice;
        end if;
    end if;

    -- The full comparison from here on. Its variables get their start values here rather than
    -- in DECLARE: each initialised declaration is an expression evaluated (and, once per
    -- transaction, compiled) on every call, the quick decision's included.
    v_all := p_req.tag_match = 'all';
    v_prod_i := 1; v_prod_a := 1; v_none_i := 1; v_none_a := 1;
    v_probes := 0; v_chain := 1; v_chain2 := 1; v_chain3 := 1;
    v_rest2 := 0; v_rest3 := 0; v_inter := 0; v_sum_c := 0;
    v_names := array['no_tags', 'sort_first', 'self_join', 'two_phase_single',
                     'two_phase_dual', 'any_union', 'group_having', 'bitmap'];
    v_eligible := '{}';

    -- One pass, rarest first: match products per partition, and the expected fenced probes per
    -- walked row (the i-th runs when the first i-1 matched), also after a one-tag seed (tags
    -- 2..k) and after a two-tag seed (3..k).
    for i in 1 .. v_k loop
        v_d := coalesce(v_c[i] / nullif(v_n, 0), 0);
        v_prod_i := v_prod_i * coalesce(v_ci[i] / nullif(v_n_i, 0), 0);
        v_none_i := v_none_i * (1 - coalesce(v_ci[i] / nullif(v_n_i, 0), 0));
        v_prod_a := v_prod_a * coalesce(v_ca[i] / nullif(v_n_a, 0), 0);
        v_none_a := v_none_a * (1 - coalesce(v_ca[i] / nullif(v_n_a, 0), 0));
        v_probes := v_probes + v_chain;
        v_chain := v_chain * v_d;
        v_rest2 := v_rest2 + case when i >= 2 then v_chain2 else 0 end;
        v_chain2 := v_chain2 * case when i >= 2 then v_d else 1 end;
        v_rest3 := v_rest3 + case when i >= 3 then v_chain3 else 0 end;
        v_chain3 := v_chain3 * case when i >= 3 then v_d else 1 end;
        v_sum_c := v_sum_c + v_c[i];
    end loop;
    v_inter := case when v_k >= 2 then coalesce(v_ci[1] * v_ci[2] / nullif(v_n_i, 0), 0)
                                     + coalesce(v_ca[1] * v_ca[2] / nullif(v_n_a, 0), 0) else 0 end;
    v_matches := case when v_all then v_n_i * v_prod_i + v_n_a * v_prod_a
                      else v_n_i * (1 - v_none_i) + v_n_a * (1 - v_none_a) end;
    -- 'all' with k >= 2: the walk plans for a quarter of the independent estimate (correlated-
    -- away tags overlap less than independence says; the walk is what that error costs)
    v_walk := v_matches / case when v_all and v_k >= 2 then 4 else 1 end;
    v_walk := case when v_walk <= 0 then v_n else least(v_n, v_n * p_req.fetch_rows / v_walk) end;
    v_probes := case when v_all then v_probes else 1 + (v_k - 1) / 2.0 end;

    -- What can serve the request, and at what estimated cost (order of v_names).
    v_serves := array[false, true, v_all, v_all, v_all, p_req.requested_match = 'any' or v_k = 1, true, true];
    v_cost := array[null,
                    v_walk * (1 + v_probes),
                    0.1 * v_c[1] + v_c[1] * v_rest2 + 2 * v_matches,
                    0.1 * v_c[1] + v_c[1] * v_rest2 + 2 * v_matches,
                    case when v_k >= 2 then 0.3 * (v_c[1] + v_c[2]) + v_inter * v_rest3 + 2 * v_matches end,
                    0.3 * v_sum_c + 2 * v_matches,
                    0.3 * v_sum_c + 2 * v_matches,
                    tagpage_plan_bitmap_cost(v_words, v_k, v_walk, v_matches)];

    for i in 2 .. 8 loop
        -- serves, is enabled, and (any_union) was asked for by tag_match 'any'
        continue when not v_serves[i] or v_cost[i] is null
            or coalesce(v_o->('enable_' || v_names[i]) = 'false'::jsonb, false)
            or (i = 6 and p_req.requested_match <> 'any');
        -- The walk's fallback may be any enabled tag-first strategy that serves the request: the
        -- ceilings and caps below pick a first plan, they must not leave a walk unbounded.
        if i > 2 and (v_any_tf is null or v_cost[i] < v_cost[v_any_tf]) then
            v_any_tf := i;
        end if;
        continue when case i
            when 3 then v_k > (v_o->>'small_k_threshold')::integer
                        or v_c[1] > (v_o->>'seed_candidate_cap')::float8
            when 4 then v_c[1] > (v_o->>'seed_candidate_cap')::float8
            when 5 then v_k < (v_o->>'two_phase_min_k_for_dual_seed')::integer
                        or v_c[1] < (v_o->>'two_phase_dual_seed_floor')::float8
                        or v_inter > (v_o->>'seed_candidate_cap')::float8
            when 7 then v_c[1] > (v_o->>'group_having_rarest_ceiling')::float8
            else false end;
        v_eligible := v_eligible || v_names[i];
        if v_best is null or v_cost[i] < v_cost[v_best] then
            v_best := i;
        end if;
        if i > 2 and (v_best_tf is null or v_cost[i] < v_cost[v_best_tf]) then
            v_best_tf := i;
        end if;
    end loop;
    v_best_tf := coalesce(v_best_tf, v_any_tf);

    if v_forced is not null then
        if not coalesce(v_serves[array_position(v_names, v_forced)], false) then
            raise exception 'tagpage.force_strategy: % cannot serve this request (k = %, tag_match = %)',
                v_forced, v_k, p_req.requested_match using errcode = '22023';
        end if;
        v_choice.strategy := v_forced;
    else
        v_choice.strategy := coalesce(v_names[v_best], 'sort_first');
        if v_best = 2 and v_all and v_k >= 2 and v_best_tf is not null then
            -- Cut the walk where it would have cost what the best tag-first plan costs.
            v_choice.budget := greatest(ceil(v_cost[v_best_tf] / (1 + v_probes)), p_req.fetch_rows);
            v_choice.fallback := v_names[v_best_tf];
        end if;
    end if;
    v_choice.work_mem_mb := (v_o->>'max_work_mem_mb')::integer;

    if p_explain or (v_o->>'telemetry.sample_rate')::float8 > random() then
        v_choice.detail := jsonb_build_object(
            'strategy', v_choice.strategy,
            'k', v_k,
            'rarest_count', v_c[1],
            'tag_match', p_req.tag_match,
            'tags', to_jsonb(v_choice.tags),
            'cardinalities', to_jsonb(v_c),
            'sources', to_jsonb(p_req.sources),
            'source_rows', jsonb_build_object('items', v_n_i, 'auto', v_n_a),
            'matches_estimate', round(v_matches::numeric, 1),
            'walk_rows_estimate', round(v_walk::numeric, 1),
            'estimates', (select jsonb_object_agg(v_names[i], round(v_cost[i]::numeric, 1))
                            from generate_subscripts(v_names, 1) i
                           where v_serves[i] and v_cost[i] is not null),
            'eligible', to_jsonb(v_eligible),
            'walk_budget', v_choice.budget,
            'fallback', v_choice.fallback,
            'reason', case
                when v_forced is not null then 'forced by tagpage.force_strategy'
                when v_best is null then 'no eligible strategy (all disabled); sort_first serves every request'
                else format('%s has the cheapest eligible estimate (%s)', v_choice.strategy,
                            round(v_cost[v_best]::numeric, 1))
                     || case when v_choice.budget is not null
                             then format('; walk budget %s rows, then %s', v_choice.budget, v_choice.fallback)
                             else '' end end);
        if not p_explain then
            raise log 'tagpage plan: %', v_choice.detail;
            v_choice.detail := null;
        end if;
    end if;
    return v_choice;
end;
$$;


--
-- Name: tagpage_plan_bitmap_cost(double precision, integer, double precision, double precision, double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_plan_bitmap_cost(p_words double precision, p_k integer, p_walk double precision, p_matches double precision, p_seed double precision DEFAULT NULL::double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE
    RETURN ((((p_words * ((p_k + 2))::double precision) / (50)::double precision) + LEAST(p_walk, (p_words + ((2)::double precision * p_matches)), (((0.15)::double precision * p_seed) + ((2)::double precision * p_matches)))) + (500)::double precision);


--
-- Name: tagpage_plan_knob_names(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_plan_knob_names() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    RETURN ARRAY['small_k_threshold'::text, 'group_having_rarest_ceiling'::text, 'two_phase_min_k_for_dual_seed'::text, 'two_phase_dual_seed_floor'::text, 'seed_candidate_cap'::text, 'max_work_mem_mb'::text, 'stats.fallback_default_count'::text, 'telemetry.sample_rate'::text];


--
-- Name: tagpage_plan_knobs_missing(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_plan_knobs_missing(p_knobs jsonb) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Defaults live in config/base.json alone; the planner never substitutes its own.
    raise exception 'planner_config: a planner knob is missing (have: %)',
        (select string_agg(k, ', ' order by k) from jsonb_object_keys(coalesce(p_knobs, '{}')) k)
        using errcode = '55000', hint = 'load config/base.json with `tagpage config load`';
end;
$$;


--
-- Name: tagpage_source_rows(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_source_rows(p_source text) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_rows bigint;
begin
    -- The planner must stay cheap: count(*) only when neither statistics nor ANALYZE ran.
    select s.total_rows into v_rows from content_source_stats s where s.content_source = p_source;
    if v_rows is not null then
        return v_rows;
    end if;
    select case when c.reltuples >= 0 then c.reltuples::bigint end into v_rows
      from pg_class c
     where c.oid = case p_source when 'items' then 'content_items'::regclass
                                 else 'content_items_auto'::regclass end;
    if v_rows is null then
        execute format('select count(*) from content_items_all where source_type = %L', p_source)
           into v_rows;
    end if;
    return v_rows;
end;
$$;


SET default_tablespace = '';

--
-- Name: content_items_all; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.content_items_all (
    id bigint NOT NULL,
    source_type text NOT NULL,
    title text NOT NULL,
    content_type text DEFAULT 'image'::text NOT NULL,
    content_data text,
    path_thumb text,
    prompt text,
    creator_id uuid NOT NULL,
    item_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    is_private boolean DEFAULT false NOT NULL,
    quality_score real DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT content_items_all_source_type_check CHECK ((source_type = ANY (ARRAY['items'::text, 'auto'::text])))
)
PARTITION BY LIST (source_type);


--
-- Name: TABLE content_items_all; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.content_items_all IS 'All gallery content, partitioned by source_type; identity is (source_type, id) because the two sources'' ids collide.';


--
-- Name: COLUMN content_items_all.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.id IS 'Id within the source; unique only together with source_type.';


--
-- Name: COLUMN content_items_all.source_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.source_type IS 'Partition key: items (user-created) or auto (generated).';


--
-- Name: COLUMN content_items_all.title; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.title IS 'Display title.';


--
-- Name: COLUMN content_items_all.content_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.content_type IS 'Kind of content, e.g. image.';


--
-- Name: COLUMN content_items_all.content_data; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.content_data IS 'Location or payload of the content.';


--
-- Name: COLUMN content_items_all.path_thumb; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.path_thumb IS 'Thumbnail path.';


--
-- Name: COLUMN content_items_all.prompt; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.prompt IS 'Generation prompt.';


--
-- Name: COLUMN content_items_all.creator_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.creator_id IS 'User who created the row.';


--
-- Name: COLUMN content_items_all.item_metadata; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.item_metadata IS 'Free-form metadata.';


--
-- Name: COLUMN content_items_all.is_private; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.is_private IS 'Private rows are returned only to their creator (user-* sources).';


--
-- Name: COLUMN content_items_all.quality_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.quality_score IS 'Quality rating; the quality_score_desc sort key.';


--
-- Name: COLUMN content_items_all.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.created_at IS 'Creation time; the created_at sort key.';


--
-- Name: COLUMN content_items_all.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_all.updated_at IS 'Last modification time.';


--
-- Name: content_items_all_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.content_items_all_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: content_items_all_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.content_items_all_id_seq OWNED BY public.content_items_all.id;


--
-- Name: SEQUENCE content_items_all_id_seq; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON SEQUENCE public.content_items_all_id_seq IS 'Ids for rows inserted without one; both partitions draw from it so new rows never collide.';


SET default_table_access_method = heap;

--
-- Name: content_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.content_items (
    id bigint DEFAULT nextval('public.content_items_all_id_seq'::regclass) NOT NULL,
    source_type text NOT NULL,
    title text NOT NULL,
    content_type text DEFAULT 'image'::text NOT NULL,
    content_data text,
    path_thumb text,
    prompt text,
    creator_id uuid NOT NULL,
    item_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    is_private boolean DEFAULT false NOT NULL,
    quality_score real DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT content_items_all_source_type_check CHECK ((source_type = ANY (ARRAY['items'::text, 'auto'::text])))
);


--
-- Name: TABLE content_items; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.content_items IS 'Partition of content_items_all for user-created content (source_type = items).';


--
-- Name: content_items_auto; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.content_items_auto (
    id bigint DEFAULT nextval('public.content_items_all_id_seq'::regclass) NOT NULL,
    source_type text NOT NULL,
    title text NOT NULL,
    content_type text DEFAULT 'image'::text NOT NULL,
    content_data text,
    path_thumb text,
    prompt text,
    creator_id uuid NOT NULL,
    item_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    is_private boolean DEFAULT false NOT NULL,
    quality_score real DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT content_items_all_source_type_check CHECK ((source_type = ANY (ARRAY['items'::text, 'auto'::text])))
);


--
-- Name: TABLE content_items_auto; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.content_items_auto IS 'Partition of content_items_all for generated content (source_type = auto).';


--
-- Name: content_source_stats; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.content_source_stats (
    content_source text NOT NULL,
    total_rows bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT content_source_stats_content_source_check CHECK ((content_source = ANY (ARRAY['items'::text, 'auto'::text]))),
    CONSTRAINT content_source_stats_total_rows_check CHECK ((total_rows >= 0))
);


--
-- Name: TABLE content_source_stats; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.content_source_stats IS 'Rows per source, the denominator of the planner''s tag densities.';


--
-- Name: COLUMN content_source_stats.content_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_source_stats.content_source IS 'items or auto.';


--
-- Name: COLUMN content_source_stats.total_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_source_stats.total_rows IS 'Number of content rows of that source.';


--
-- Name: COLUMN content_source_stats.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_source_stats.updated_at IS 'When the count was computed.';


--
-- Name: count_bitmap_source; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.count_bitmap_source (
    content_source text NOT NULL,
    width bigint NOT NULL,
    public_bits bit varying NOT NULL,
    built_at timestamp with time zone NOT NULL,
    sample_public_bits bit varying,
    CONSTRAINT count_bitmap_source_content_source_check CHECK ((content_source = ANY (ARRAY['items'::text, 'auto'::text]))),
    CONSTRAINT count_bitmap_source_width_check CHECK (((width >= 0) AND ((width % (64)::bigint) = 0)))
);


--
-- Name: TABLE count_bitmap_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.count_bitmap_source IS 'Per source: the id range the count bitmaps cover and the public rows, as of their last build (refresh_tag_cardinality_stats). No row = no bitmaps for that source (never built, or content truncated since): counts scan instead.';


--
-- Name: COLUMN count_bitmap_source.content_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_bitmap_source.content_source IS 'items or auto.';


--
-- Name: COLUMN count_bitmap_source.width; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_bitmap_source.width IS 'Bit i of every bitmap of this source stands for content id i, for 0 <= i < width (a multiple of 64); rows outside are always counted live.';


--
-- Name: COLUMN count_bitmap_source.public_bits; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_bitmap_source.public_bits IS 'Bit set for each row that existed and was not private at the build.';


--
-- Name: COLUMN count_bitmap_source.built_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_bitmap_source.built_at IS 'When the bitmaps of this source were built.';


--
-- Name: COLUMN count_bitmap_source.sample_public_bits; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_bitmap_source.sample_public_bits IS 'public_bits over the sample (bit p: the id tagpage_sample_id keeps in block p). NULL until a build made the samples: related_tags is then exact at any size.';


--
-- Name: planner_config; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.planner_config (
    key text NOT NULL,
    value jsonb NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE planner_config; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.planner_config IS 'Planner knobs (config/base.json performance.query_planner_tag_prejoin_for_content_queries, flattened), written by `tagpage config load`.';


--
-- Name: COLUMN planner_config.key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.planner_config.key IS 'Knob name, nested keys joined by a dot (stats.fallback_default_count).';


--
-- Name: COLUMN planner_config.value; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.planner_config.value IS 'Knob value as JSON.';


--
-- Name: COLUMN planner_config.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.planner_config.updated_at IS 'When the knob was last loaded.';


--
-- Name: tagpage_plan_sizes(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_plan_sizes(p_req public.tagpage_request) RETURNS TABLE(knobs jsonb, n_items double precision, n_auto double precision, bitmap_words double precision)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT
         CASE
             WHEN (k.knobs ?& public.tagpage_plan_knob_names()) THEN k.knobs
             ELSE public.tagpage_plan_knobs_missing(k.knobs)
         END AS tagpage_plan_knobs_missing,
         CASE
             WHEN ('items'::text = ANY ((tagpage_plan_sizes.p_req).sources)) THEN COALESCE(( SELECT s.total_rows
                FROM public.content_source_stats s
               WHERE (s.content_source = 'items'::text)), ( SELECT
                     CASE
                         WHEN (c.reltuples >= (0)::double precision) THEN (c.reltuples)::bigint
                         ELSE NULL::bigint
                     END AS "case"
                FROM pg_class c
               WHERE (c.oid = ('public.content_items'::regclass)::oid)), public.tagpage_source_rows('items'::text))
             ELSE (0)::bigint
         END AS "case",
         CASE
             WHEN ('auto'::text = ANY ((tagpage_plan_sizes.p_req).sources)) THEN COALESCE(( SELECT s.total_rows
                FROM public.content_source_stats s
               WHERE (s.content_source = 'auto'::text)), ( SELECT
                     CASE
                         WHEN (c.reltuples >= (0)::double precision) THEN (c.reltuples)::bigint
                         ELSE NULL::bigint
                     END AS "case"
                FROM pg_class c
               WHERE (c.oid = ('public.content_items_auto'::regclass)::oid)), public.tagpage_source_rows('auto'::text))
             ELSE (0)::bigint
         END AS "case",
     ( SELECT
                 CASE
                     WHEN (count(*) = cardinality((tagpage_plan_sizes.p_req).sources)) THEN (sum(b.width) / 64.0)
                     ELSE NULL::numeric
                 END AS "case"
            FROM public.count_bitmap_source b
           WHERE (b.content_source = ANY ((tagpage_plan_sizes.p_req).sources))) AS "case"
    FROM ( SELECT ( SELECT jsonb_object_agg(c.key, c.value) AS jsonb_object_agg
                    FROM public.planner_config c) AS knobs
          OFFSET 0) k;
END;


--
-- Name: tag_cardinality_stats; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tag_cardinality_stats (
    tag_id uuid NOT NULL,
    content_source text NOT NULL,
    cardinality bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tag_cardinality_stats_cardinality_check CHECK ((cardinality >= 0)),
    CONSTRAINT tag_cardinality_stats_content_source_check CHECK ((content_source = ANY (ARRAY['items'::text, 'auto'::text])))
);


--
-- Name: TABLE tag_cardinality_stats; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.tag_cardinality_stats IS 'Distinct content rows per tag and source, read by the planner; refreshed by refresh_tag_cardinality_stats().';


--
-- Name: COLUMN tag_cardinality_stats.tag_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_cardinality_stats.tag_id IS 'The tag.';


--
-- Name: COLUMN tag_cardinality_stats.content_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_cardinality_stats.content_source IS 'items or auto.';


--
-- Name: COLUMN tag_cardinality_stats.cardinality; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_cardinality_stats.cardinality IS 'Number of content rows of that source carrying the tag.';


--
-- Name: COLUMN tag_cardinality_stats.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_cardinality_stats.updated_at IS 'When the count was computed.';


--
-- Name: tagpage_plan_tag_counts(uuid[], double precision, double precision, double precision); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_plan_tag_counts(p_tags uuid[], p_n_items double precision, p_n_auto double precision, p_fallback double precision) RETURNS TABLE(tag uuid, ord bigint, ci double precision, ca double precision)
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT x.tag,
     x.ord,
     x.ci,
     x.ca
    FROM ( SELECT t.tag,
             t.ord,
             LEAST(tagpage_plan_tag_counts.p_n_items,
                 CASE
                     WHEN (tagpage_plan_tag_counts.p_n_items > (0)::double precision) THEN COALESCE(s.ci, tagpage_plan_tag_counts.p_fallback)
                     ELSE (0)::double precision
                 END) AS ci,
             LEAST(tagpage_plan_tag_counts.p_n_auto,
                 CASE
                     WHEN (tagpage_plan_tag_counts.p_n_auto > (0)::double precision) THEN COALESCE(s.ca, tagpage_plan_tag_counts.p_fallback)
                     ELSE (0)::double precision
                 END) AS ca
            FROM (unnest(tagpage_plan_tag_counts.p_tags) WITH ORDINALITY t(tag, ord)
              LEFT JOIN LATERAL ( SELECT (max(c.cardinality) FILTER (WHERE (c.content_source = 'items'::text)))::double precision AS ci,
                     (max(c.cardinality) FILTER (WHERE (c.content_source = 'auto'::text)))::double precision AS ca
                    FROM public.tag_cardinality_stats c
                   WHERE (c.tag_id = t.tag)) s ON (true))
          OFFSET 0) x;
END;


--
-- Name: tagpage_plan_inputs(public.tagpage_request, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_plan_inputs(p_req public.tagpage_request, p_by_rarity boolean) RETURNS TABLE(knobs jsonb, n_items double precision, n_auto double precision, bitmap_words double precision, tags uuid[], c double precision[], ci double precision[], ca double precision[])
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT z.knobs,
     z.n_items,
     z.n_auto,
     z.bitmap_words,
     t.tags,
     t.c,
     t.ci,
     t.ca
    FROM (( SELECT tagpage_plan_sizes.knobs,
             tagpage_plan_sizes.n_items,
             tagpage_plan_sizes.n_auto,
             tagpage_plan_sizes.bitmap_words
            FROM public.tagpage_plan_sizes(tagpage_plan_inputs.p_req) tagpage_plan_sizes(knobs, n_items, n_auto, bitmap_words)
          OFFSET 0) z
      CROSS JOIN LATERAL ( SELECT array_agg(x.tag) AS tags,
             array_agg((x.ci + x.ca)) AS c,
             array_agg(x.ci) AS ci,
             array_agg(x.ca) AS ca
            FROM ( SELECT y.tag,
                     y.ci,
                     y.ca
                    FROM public.tagpage_plan_tag_counts((tagpage_plan_inputs.p_req).tags, z.n_items, z.n_auto, ((z.knobs ->> 'stats.fallback_default_count'::text))::double precision) y(tag, ord, ci, ca)
                   ORDER BY
                         CASE
                             WHEN tagpage_plan_inputs.p_by_rarity THEN (y.ci + y.ca)
                             ELSE NULL::double precision
                         END,
                         CASE
                             WHEN tagpage_plan_inputs.p_by_rarity THEN y.tag
                             ELSE NULL::uuid
                         END, y.ord) x) t);
END;


--
-- Name: tagpage_plan_query(public.tagpage_request, text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_plan_query(p_req public.tagpage_request, p_forced text, p_explain boolean) RETURNS public.tagpage_plan_choice
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_choice    tagpage_plan_choice;
    v_o         jsonb;
    v_n_i       float8;
    v_n_a       float8;
    v_n         float8;
    v_words     float8;
    v_ci        float8[];
    v_ca        float8[];
    v_op        text := p_req.expr ->> 'op';
    v_conj      jsonb;
    v_matches   float8;
    v_walk      float8;
    v_probes    float8;
    v_seed      integer[];
    v_seed_size float8;
    v_size      float8;
    v_cand      integer[];
    v_positive  integer := 0;
    v_cost_walk float8;
    v_cost_seed float8;
    v_cost_bits float8;
    v_tf        text;
    v_cost_tf   float8;
    v_reason    text;
begin
    -- Reads the knobs, two partition sizes and 2k statistics rows, like planner.sql; never
    -- touches content. A constant-false filter needs no estimate: its statement folds away.
    select i.knobs, i.n_items, i.n_auto, i.bitmap_words, i.ci, i.ca
      into v_o, v_n_i, v_n_a, v_words, v_ci, v_ca
      from tagpage_plan_inputs(p_req, false) i;
    v_n := v_n_i + v_n_a;

    v_matches := case when v_n_i > 0 then v_n_i * tagpage_tag_query_density(p_req.expr,
                          array(select c / v_n_i from unnest(v_ci) c)) else 0 end
               + case when v_n_a > 0 then v_n_a * tagpage_tag_query_density(p_req.expr,
                          array(select c / v_n_a from unnest(v_ca) c)) else 0 end;
    -- Positive conjuncts of the top-level AND (the filter itself when it is no AND): a tag, or
    -- an OR of tags. Each may seed (the smallest posting list, or union, wins); two or more
    -- mean the walk's correlation discount.
    for v_conj in select a from jsonb_array_elements(case when v_op = 'and' then p_req.expr -> 'args'
                                                          else jsonb_build_array(p_req.expr) end) a loop
        v_cand := case
            when v_conj ->> 'op' = 'tag' then array[(v_conj ->> 'i')::integer]
            when v_conj ->> 'op' = 'or'
                 and not exists (select 1 from jsonb_array_elements(v_conj -> 'args') x where x ->> 'op' <> 'tag')
                then array(select (x ->> 'i')::integer from jsonb_array_elements(v_conj -> 'args') x)
        end;
        continue when v_cand is null;
        v_positive := v_positive + 1;
        v_size := (select sum(v_ci[i] + v_ca[i]) from unnest(v_cand) i);
        if v_seed is null or v_size < v_seed_size then
            v_seed := v_cand;
            v_seed_size := v_size;
        end if;
    end loop;

    v_walk := v_matches / case when v_positive >= 2 then 4 else 1 end;
    v_walk := case when v_walk <= 0 then v_n else least(v_n, v_n * p_req.fetch_rows / v_walk) end;
    -- An OR (or a lone leaf) evaluates its leaves until one holds: about half of them per row,
    -- as for tag_match 'any' in planner.sql.
    v_probes := case when v_op = 'and' then (1 + jsonb_array_length(p_req.expr -> 'args')) / 2.0
                     else 1 + (p_req.k - 1) / 2.0 end;
    v_cost_walk := case when v_op = 'false' then 0 else v_walk * (1 + v_probes) end;
    if v_seed is not null then
        v_cost_seed := v_seed_size + v_seed_size * v_probes + 2 * v_matches;
    end if;
    v_cost_bits := tagpage_plan_bitmap_cost(v_words, p_req.k, v_walk, v_matches, v_seed_size);
    -- The cheapest strategy other than the walk: the seeded one, or the bitmap.
    if v_seed is not null and coalesce(v_o->'enable_two_phase_single' <> 'false'::jsonb, true)
       and v_seed_size <= (v_o->>'seed_candidate_cap')::float8 then
        v_tf := 'two_phase_single';
        v_cost_tf := v_cost_seed;
    end if;
    if v_cost_bits is not null and coalesce(v_o->'enable_bitmap' <> 'false'::jsonb, true)
       and (v_tf is null or v_cost_bits < v_cost_tf) then
        v_tf := 'bitmap';
        v_cost_tf := v_cost_bits;
    end if;

    v_choice.tags := p_req.tags;
    v_choice.work_mem_mb := (v_o->>'max_work_mem_mb')::integer;
    if p_forced is not null then
        if p_forced not in ('sort_first', 'bitmap') and not (p_forced = 'two_phase_single' and v_seed is not null) then
            raise exception 'tagpage.force_strategy: % cannot serve this tag query (sort_first, bitmap%)', p_forced,
                case when v_seed is not null then ', two_phase_single' else '' end using errcode = '22023';
        end if;
        v_choice.strategy := p_forced;
        v_reason := 'forced by tagpage.force_strategy';
    elsif v_op = 'false' then
        v_choice.strategy := 'sort_first';
        v_reason := 'the tag filter matches no row: nothing is read';
    elsif cardinality(p_req.sources) = 0 then
        -- user-* words without a user: no partition is read, and a budgeted walk would still
        -- run its count and a fallback for an empty page.
        v_choice.strategy := 'sort_first';
        v_reason := 'the request reads no partition: nothing is read';
    elsif v_tf is not null
          and (v_cost_tf < v_cost_walk or coalesce(v_o->'enable_sort_first' = 'false'::jsonb, false)) then
        v_choice.strategy := v_tf;
        v_reason := format('%s has the cheapest estimate (%s)', v_tf, round(v_cost_tf::numeric, 1));
    else
        v_choice.strategy := 'sort_first';
        v_reason := format('sort_first has the cheapest estimate (%s)', round(v_cost_walk::numeric, 1));
        if v_tf = 'bitmap' or (v_tf is not null and v_op = 'and') then
            -- Cut the walk where it would have cost what the other plan costs.
            v_choice.budget := greatest(ceil(v_cost_tf / (1 + v_probes)), p_req.fetch_rows);
            v_choice.fallback := v_tf;
            v_reason := v_reason || format('; walk budget %s rows, then %s', v_choice.budget, v_tf);
        end if;
    end if;
    -- The seed serves two_phase_single, and the bitmap strategy's list when its postings are
    -- fewer to read than the bitmaps' bits.
    if v_seed is not null and (v_choice.strategy in ('two_phase_single', 'bitmap')
                               or v_choice.fallback in ('two_phase_single', 'bitmap')) then
        v_choice.seed_tags := array(select p_req.tags[i] from unnest(v_seed) i);
    end if;

    if p_explain then
        v_choice.detail := jsonb_build_object(
            'strategy', v_choice.strategy,
            'k', p_req.k,
            'tags', to_jsonb(p_req.tags),
            'expr', p_req.expr,
            'cardinalities', to_jsonb(array(select v_ci[i] + v_ca[i] from generate_subscripts(v_ci, 1) i)),
            'sources', to_jsonb(p_req.sources),
            'source_rows', jsonb_build_object('items', v_n_i, 'auto', v_n_a),
            'matches_estimate', round(v_matches::numeric, 1),
            'walk_rows_estimate', round(v_walk::numeric, 1),
            'seed', to_jsonb(v_choice.seed_tags),
            'seed_rows_estimate', v_seed_size,
            'estimates', jsonb_strip_nulls(jsonb_build_object(
                'sort_first', round(v_cost_walk::numeric, 1),
                'two_phase_single', round(v_cost_seed::numeric, 1),
                'bitmap', round(v_cost_bits::numeric, 1))),
            'walk_budget', v_choice.budget,
            'fallback', v_choice.fallback,
            'reason', v_reason);
    end if;
    return v_choice;
end;
$$;


--
-- Name: tagpage_related_live(public.tagpage_count_part, uuid[], jsonb, uuid, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_related_live(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid, p_mask bigint, OUT clean bit varying, OUT tag_ids uuid[], OUT counts bigint[]) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: FUNCTION tagpage_related_live(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid, p_mask bigint, OUT clean bit varying, OUT tag_ids uuid[], OUT counts bigint[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_related_live(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid, p_mask bigint, OUT clean bit varying, OUT tag_ids uuid[], OUT counts bigint[]) IS 'A source''s bitmap matches without its live rows (clean), and per tag the live matches carrying it (sampled by p_mask, scaled).';


--
-- Name: tagpage_related_sample(public.tagpage_count_part, uuid[], jsonb, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_related_sample(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid) RETURNS bit varying
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: FUNCTION tagpage_related_sample(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_related_sample(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid) IS 'A source''s bitmap matches without its live rows, over its sample bitmaps (bit p = the id tagpage_sample_id keeps in block p); NULL when the samples are not built.';


--
-- Name: tagpage_related_scan(public.tagpage_count_part, uuid[], jsonb, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_related_scan(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid, OUT tag_ids uuid[], OUT counts bigint[]) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: FUNCTION tagpage_related_scan(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid, OUT tag_ids uuid[], OUT counts bigint[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_related_scan(p_part public.tagpage_count_part, p_tags uuid[], p_expr jsonb, p_user_id uuid, OUT tag_ids uuid[], OUT counts bigint[]) IS 'Per tag, the matches of a source without bitmaps that carry it.';


--
-- Name: tagpage_request_build(uuid[], text, integer, uuid, text[], text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_request_build(p_tags uuid[], p_cursor text, p_page_size integer, p_user_id uuid, p_source_types text[], p_tag_match text, p_sort text, p_tag_query text DEFAULT NULL::text) RETURNS public.tagpage_request
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_words     text[] := coalesce(p_source_types, array['user-regular', 'user-auto',
                                                         'community-regular', 'community-auto']);
    v_items     text;
    v_auto      text;
    v_tags      uuid[] := '{}';
    v_k         integer := 0;
    v_rejected  boolean;
    -- Without a cursor the keyset position is a sentinel beyond every row in the scan direction,
    -- so one statement shape serves first and later pages: (created_at, id, source_type) <
    -- ('infinity', max bigint, 'zzzz') holds for every row, source_type being 'items' or 'auto'
    -- ('zzzz' sorts after both in any collation, '' before both).
    v_direction text := 'next';
    v_quality   real := case when p_sort = 'created_at_asc' then '-Infinity'::real else 'NaN'::real end;
    v_created   timestamptz := case when p_sort = 'created_at_asc' then '-infinity'::timestamptz
                                    else 'infinity'::timestamptz end;
    v_id        bigint := case when p_sort = 'created_at_asc' then -9223372036854775808
                               else 9223372036854775807 end;
    v_source    text := case when p_sort = 'created_at_asc' then '' else 'zzzz' end;
    v_req       tagpage_request;
begin
    -- Strategies bind this one value (never positional parameters), so adding a field touches
    -- the type and this function only. The checks are expressions, not statements: a request
    -- without tags or cursor runs no statement at all, one with tags one (distinct tags, unknown
    -- ones, max_tags), one with a cursor one more (the decoder). Each statement costs its
    -- executor start-up, more than the checks themselves (measured in docs/performance.md,
    -- "A request without a statement"). A rejected request goes to tagpage_request_normalize,
    -- which raises the error naming the argument.
    if (p_sort in ('created_at_desc', 'created_at_asc', 'quality_score_desc')
            and p_tag_match in ('all', 'any')
            and p_page_size between 1 and 500
            and cardinality(v_words) > 0
            and v_words <@ array['user-regular', 'user-auto', 'community-regular', 'community-auto']
            and array_position(v_words, null) is null
            and (p_tags is null or array_position(p_tags, null) is null)) is not true then
        perform tagpage_request_normalize(p_tags, p_page_size, p_user_id, p_source_types, p_tag_match, p_sort);
        raise exception 'request: rejected without a reason' using errcode = 'XX000';
    end if;
    v_items := tagpage_request_scope(v_words, p_user_id is not null, 'regular');
    v_auto := tagpage_request_scope(v_words, p_user_id is not null, 'auto');
    if cardinality(p_tags) > 0 then
        -- the distinct tags sorted once; one primary-key probe per tag (a hash join would read
        -- the whole vocabulary)
        select array_agg(u.tag), count(*)::integer,
               bool_or(not exists (select 1 from public.tags g where g.id = u.tag))
               or count(*) > (select (c.value #>> '{}')::integer from public.planner_config c
                               where c.key = 'max_tags')
          into v_tags, v_k, v_rejected
          from (select distinct v.tag from unnest(p_tags) as v(tag) order by v.tag) u;
        if v_rejected is not false then
            perform tagpage_request_normalize(p_tags, p_page_size, p_user_id, p_source_types, p_tag_match, p_sort);
            raise exception 'request: rejected without a reason' using errcode = 'XX000';
        end if;
    end if;
    if p_cursor is not null then
        select d.direction, d.quality_score, d.created_at, d.id, d.source_type
          into v_direction, v_quality, v_created, v_id, v_source
          from tagpage_cursor_decode(p_cursor, p_sort) d;
    end if;
    v_req := row(
        v_tags,
        v_k,
        case when v_k <= 1 then 'all' else p_tag_match end,
        p_tag_match,
        p_user_id,
        p_sort,
        v_direction,
        -- a prev cursor scans the other way round
        (p_sort <> 'created_at_asc') = (v_direction = 'next'),
        p_cursor is not null,
        p_page_size,
        p_page_size + 1,
        v_quality,
        v_created,
        v_id,
        v_source,
        array_remove(array[case when v_items is not null then 'items' end,
                           case when v_auto is not null then 'auto' end], null),
        v_items,
        v_auto,
        tagpage_request_kind(v_items),
        tagpage_request_kind(v_auto),
        v_items in ('all', 'user'),
        v_items in ('all', 'community', 'public'),
        v_items = 'community',
        v_auto in ('all', 'user'),
        v_auto in ('all', 'community', 'public'),
        v_auto = 'community',
        null,
        null,
        null)::tagpage_request;
    if p_tag_query is not null then
        v_req := tagpage_request_with_query(v_req, p_tag_query);
    end if;
    return v_req;
end;
$$;


--
-- Name: tagpage_request_kind(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_request_kind(p_scope text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN (p_scope = 'user'::text) THEN 'user'::text WHEN (p_scope IS NOT NULL) THEN 'general'::text ELSE NULL::text END;


--
-- Name: tagpage_request_normalize(uuid[], integer, uuid, text[], text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_request_normalize(p_tags uuid[], p_page_size integer, p_user_id uuid, p_source_types text[], p_tag_match text, p_sort text, OUT tags uuid[], OUT items_scope text, OUT auto_scope text) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
#variable_conflict use_variable
declare
    v_words     text[];
    v_bad       text[];
    v_max_tags  integer;
    v_unknown   text;
begin
    -- Every error is 22023 and names the argument, so the HTTP layer can map it to a field.
    -- Scopes per partition: 'all' = the user's rows plus everyone's public rows, 'user' =
    -- creator_id = user_id (private included), 'community' = public rows of other creators,
    -- 'public' = everyone's public rows (no user_id), NULL = nothing from that partition.
    -- Folding user + community into one scope lets one index walk serve both words.
    if p_sort is null or p_sort not in ('created_at_desc', 'created_at_asc', 'quality_score_desc') then
        raise exception 'sort: unknown value "%" (created_at_desc, created_at_asc, quality_score_desc)', p_sort
            using errcode = '22023';
    end if;
    if p_tag_match is null or p_tag_match not in ('all', 'any') then
        raise exception 'tag_match: unknown value "%" (all, any)', p_tag_match using errcode = '22023';
    end if;
    if p_page_size is null or p_page_size < 1 or p_page_size > 500 then
        raise exception 'page_size: % is out of range 1..500', coalesce(p_page_size::text, 'NULL')
            using errcode = '22023';
    end if;

    v_words := coalesce(p_source_types,
                        array['user-regular', 'user-auto', 'community-regular', 'community-auto']);
    if cardinality(v_words) = 0 then
        raise exception 'source_types: empty list (pass NULL for all sources)' using errcode = '22023';
    end if;
    if not (v_words <@ array['user-regular', 'user-auto', 'community-regular', 'community-auto'])
       or array_position(v_words, null) is not null then
        select array_agg(coalesce(w, 'NULL')) into v_bad
          from unnest(v_words) w
         where w is null or w not in ('user-regular', 'user-auto', 'community-regular', 'community-auto');
        raise exception 'source_types: unknown word(s) %', array_to_string(v_bad, ', ')
            using errcode = '22023',
                  hint = 'use user-regular, user-auto, community-regular, community-auto';
    end if;
    items_scope := tagpage_request_scope(v_words, p_user_id is not null, 'regular');
    auto_scope := tagpage_request_scope(v_words, p_user_id is not null, 'auto');

    if coalesce(cardinality(p_tags), 0) = 0 then
        tags := '{}';
        return;
    end if;
    if array_position(p_tags, null) is not null then
        raise exception 'tags: contains NULL' using errcode = '22023';
    end if;
    -- One pass over the tags: the distinct set and the ones the vocabulary does not know.
    select coalesce(array_agg(distinct t), '{}'),
           string_agg(distinct t::text, ', ' order by t::text) filter (where g.id is null)
      into tags, v_unknown
      from unnest(p_tags) t
      left join public.tags g on g.id = t;
    select (c.value #>> '{}')::integer into v_max_tags from planner_config c where c.key = 'max_tags';
    if cardinality(tags) > v_max_tags then
        raise exception 'tags: % distinct tags, more than max_tags (%)', cardinality(tags), v_max_tags
            using errcode = '22023';
    end if;
    if v_unknown is not null then
        raise exception 'tags: unknown tag id(s)' using errcode = '22023', detail = v_unknown;
    end if;
end;
$$;


--
-- Name: tagpage_request_scope(text[], boolean, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_request_scope(p_words text[], p_has_user boolean, p_kind text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN (NOT p_has_user) THEN CASE WHEN (('community-'::text || p_kind) = ANY (p_words)) THEN 'public'::text ELSE NULL::text END WHEN ((('user-'::text || p_kind) = ANY (p_words)) AND (('community-'::text || p_kind) = ANY (p_words))) THEN 'all'::text WHEN (('user-'::text || p_kind) = ANY (p_words)) THEN 'user'::text WHEN (('community-'::text || p_kind) = ANY (p_words)) THEN 'community'::text ELSE NULL::text END;


--
-- Name: tagpage_request_with_query(public.tagpage_request, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_request_with_query(p_req public.tagpage_request, p_query text) RETURNS public.tagpage_request
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_req       tagpage_request := p_req;
    v_max_tags  integer;
    v_query     jsonb;
    v_tags      uuid[];
    v_base      jsonb;
begin
    -- The query's tags come first, so its tree keeps its positions; the tags argument adds its
    -- own (those not in the query) after them and joins as one AND (all) or OR (any) group.
    -- An empty query, or one that always holds (x or -x), filters nothing: the request stays a
    -- plain one, with its plans and precompiled statements. One that never holds (x and -x)
    -- keeps expr = false, which every statement folds away without reading content.
    select (c.value #>> '{}')::integer into v_max_tags from planner_config c where c.key = 'max_tags';
    v_query := tagpage_tag_query_normalize(p_query, v_max_tags);
    if v_query is null or v_query #>> '{expr,op}' = 'true' then
        return v_req;
    end if;
    v_tags := array(select t::uuid from jsonb_array_elements_text(v_query -> 'tags') t);
    v_tags := v_tags || array(select t from unnest(p_req.tags) t where t <> all (v_tags));
    if cardinality(v_tags) > v_max_tags then
        raise exception 'tag_query: % distinct tags together with tags, more than max_tags (%)',
            cardinality(v_tags), v_max_tags using errcode = '22023';
    end if;
    if p_req.k > 0 and v_query #>> '{expr,op}' <> 'false' then
        select case when count(*) = 1 then min(l.leaf::text)::jsonb
                    else jsonb_build_object('op', case when p_req.tag_match = 'any' then 'or' else 'and' end,
                                            'args', jsonb_agg(l.leaf order by l.leaf ->> 'i')) end
          into v_base
          from (select jsonb_build_object('op', 'tag', 'i', array_position(v_tags, t)) as leaf
                  from unnest(p_req.tags) t) l;
        -- one flat AND: the planner seeds from a top-level conjunct, so the query's own
        -- conjuncts (a rare tag among them) must stand beside the tags, not inside a nested AND
        v_req.expr := jsonb_build_object('op', 'and', 'args',
            case when v_base ->> 'op' = 'and' then v_base -> 'args' else jsonb_build_array(v_base) end
            || case when v_query #>> '{expr,op}' = 'and' then v_query #> '{expr,args}'
                    else jsonb_build_array(v_query -> 'expr') end);
    else
        v_req.expr := v_query -> 'expr';
    end if;
    v_req.tags := v_tags;
    v_req.k := cardinality(v_tags);
    v_req.tag_match := 'all';
    return v_req;
end;
$$;


--
-- Name: tagpage_run_bitmap(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_run_bitmap(p_req public.tagpage_request) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET enable_sort TO 'off'
    AS $$
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


--
-- Name: FUNCTION tagpage_run_bitmap(p_req public.tagpage_request); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_run_bitmap(p_req public.tagpage_request) IS 'Rows of the bitmap strategy: the filter on the count bitmaps, then the walk or the listed matches (from the bits or a seed''s postings).';


--
-- Name: tagpage_run_statement(public.tagpage_request, public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_run_statement(p_req public.tagpage_request, p_shape public.tagpage_shape) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_rows tagpage_page_row[];
begin
    -- The text comes from our builders; the request's values are bound, never written into it.
    execute format('select array(select row(%s)::tagpage_page_row from (%s) w)',
                   tagpage_sql_columns('w'), tagpage_strategy_sql(p_shape))
       into v_rows
      using p_req;
    return v_rows;
end;
$$;


--
-- Name: tagpage_run_walk(public.tagpage_request, public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_run_walk(p_req public.tagpage_request, p_shape public.tagpage_shape) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET enable_sort TO 'off'
    AS $$
begin
    -- enable_sort off pins the walk: on small partitions PostgreSQL may prefer a Seq Scan and a
    -- Sort of the whole filtered partition, which stops being cheap as the data grows. The
    -- function's SET clause restores the caller's value on the way out.
    return tagpage_run_statement(p_req, p_shape);
end;
$$;


--
-- Name: tagpage_run_walked(public.tagpage_request, public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_run_walked(p_req public.tagpage_request, p_shape public.tagpage_shape) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET enable_sort TO 'off'
    AS $$
declare
    v_walked bigint;
begin
    -- Same pin as tagpage_run_walk: the count walks the same index range the walk did.
    execute format('select count(*) from (%s) w', tagpage_strategy_sort_first_walked(p_shape))
       into v_walked
      using p_req;
    return v_walked;
end;
$$;


--
-- Name: tagpage_sample_id(text, bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sample_id(p_source text, p_block bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((16 * p_block) + (hashint8extended(p_block, (CASE p_source WHEN 'items'::text THEN 7303 ELSE 7304 END)::bigint) & (15)::bigint));


--
-- Name: FUNCTION tagpage_sample_id(p_source text, p_block bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_sample_id(p_source text, p_block bigint) IS 'The id kept by the sample in ids 16 * p_block .. 16 * p_block + 15 of a source: picked by a hash of the block, fixed across builds (SQL, inlined into the build).';


--
-- Name: tagpage_sample_width(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sample_width(p_width bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (((p_width + 1023) / 1024) * 64);


--
-- Name: FUNCTION tagpage_sample_width(p_width bigint); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_sample_width(p_width bigint) IS 'Width of the sample bitmaps of a source whose bitmaps are p_width bits: one bit per block of 16 ids, a multiple of 64.';


--
-- Name: tagpage_shape_of(public.tagpage_request, text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_shape_of(p_req public.tagpage_request, p_strategy text, p_budgeted boolean DEFAULT false) RETURNS public.tagpage_shape
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
    -- The dynamic path writes exactly k probes and names the request $1 (EXECUTE ... USING).
    select row(p_strategy, p_req.items_kind, p_req.auto_kind, p_req.sort, p_req.descending,
               p_req.tag_match, p_req.k, null, '$1', p_budgeted, p_req.expr)::tagpage_shape
$_$;


--
-- Name: tagpage_sql_bitmap_match(public.tagpage_shape, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_bitmap_match(p_shape public.tagpage_shape, p_alias text DEFAULT 'c'::text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: FUNCTION tagpage_sql_bitmap_match(p_shape public.tagpage_shape, p_alias text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_sql_bitmap_match(p_shape public.tagpage_shape, p_alias text) IS 'Per-row test of the bitmap strategy on the row aliased p_alias: a clean row''s bit, else the live probes.';


--
-- Name: tagpage_sql_bitmap_walk(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_bitmap_walk(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: FUNCTION tagpage_sql_bitmap_walk(p_shape public.tagpage_shape); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_sql_bitmap_walk(p_shape public.tagpage_shape) IS 'SQL of the bitmap walk: the keyset (or creator) index read index-only and tested by the bits, passing rows fetched by primary key and checked for scope.';


--
-- Name: tagpage_sql_branches(public.tagpage_shape, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_branches(p_shape public.tagpage_shape, p_from text, p_filter text, p_limit text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: tagpage_sql_columns(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_columns(p_alias text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- Same order as the composite type tagpage_page_row.
    return format('%1$I.id, %1$I.source_type, %1$I.title, %1$I.creator_id, %1$I.is_private, '
                  '%1$I.quality_score, %1$I.created_at, %1$I.content_type, %1$I.path_thumb, '
                  '%1$I.updated_at', p_alias);
end;
$_$;


--
-- Name: tagpage_sql_keyset(public.tagpage_shape, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_keyset(p_shape public.tagpage_shape, p_alias text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: tagpage_sql_merge_branches(public.tagpage_shape, text[], text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_merge_branches(p_shape public.tagpage_shape, p_branches text[], p_limit text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: tagpage_sql_order(text, boolean, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_order(p_sort text, p_descending boolean, p_alias text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Every key column in the same direction, as the keyset indexes are built.
    return tagpage_sql_sort_key(p_sort, p_alias, case when p_descending then ' desc' else ' asc' end);
end;
$$;


--
-- Name: tagpage_sql_req(public.tagpage_shape, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_req(p_shape public.tagpage_shape, p_field text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- p_shape.req is '$1' or 'p_req', set by our callers; p_field is one of our field names.
    return format('(%s).%I', p_shape.req, p_field);
end;
$_$;


--
-- Name: tagpage_sql_scope(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_scope(p_scope text, p_alias text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- Private rows only ever reach their creator, through the user scope.
    return case p_scope
        when 'all'       then format('(not %1$I.is_private or %1$I.creator_id = $2)', p_alias)
        when 'user'      then format('%1$I.creator_id = $2', p_alias)
        when 'community' then format('(not %1$I.is_private and %1$I.creator_id <> $2)', p_alias)
        when 'public'    then format('not %1$I.is_private', p_alias)
    end;
end;
$_$;


--
-- Name: tagpage_sql_scope(public.tagpage_shape, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_scope(p_shape public.tagpage_shape, p_source text, p_alias text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: tagpage_sql_sort_key(text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_sort_key(p_sort text, p_alias text, p_suffix text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- The key ends in (id, source_type) so the order is total across both partitions; it
    -- matches the partitions' keyset indexes column for column. One place for the key serves
    -- the ORDER BY lists (suffix: a direction) and the keyset row comparison (no suffix).
    return format(case when p_sort = 'quality_score_desc' then '%1$I.quality_score%2$s, ' else '' end
                  || '%1$I.created_at%2$s, %1$I.id%2$s, %1$I.source_type%2$s', p_alias, p_suffix);
end;
$_$;


--
-- Name: tagpage_sql_tag_expr(jsonb, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_tag_expr(p_expr jsonb, p_id_sql text, p_source_sql text, p_tags_sql text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_op        text := p_expr ->> 'op';
    v_arg       jsonb;
    v_parts     text[] := '{}';
    v_leaves    integer[] := '{}';
    v_leaf_op   text;
begin
    -- Leaves are fenced probes; tag ids stay parameters (p_tags_sql[i]), never text. The
    -- positive tags of an OR share one probe (tag_id = any), and so do the negated tags of an
    -- AND (-a -b = not (a or b): one NOT EXISTS). p_id_sql / p_source_sql / p_tags_sql are
    -- fragments built by the engine, never user input; positions are cast to integer here.
    if v_op = 'true' then
        return 'true';
    elsif v_op = 'false' then
        return 'false';
    elsif v_op = 'tag' then
        return tagpage_sql_tag_query_probe(array[(p_expr ->> 'i')::integer], p_id_sql, p_source_sql, p_tags_sql);
    elsif v_op = 'not' then
        return 'not ' || tagpage_sql_tag_query_probe(array[(p_expr ->> 'i')::integer], p_id_sql, p_source_sql, p_tags_sql);
    elsif v_op not in ('and', 'or') or jsonb_typeof(p_expr -> 'args') is distinct from 'array' then
        raise exception 'tag_query: not a normalised tag query node: %', left(p_expr::text, 200)
            using errcode = '22023';
    end if;
    v_leaf_op := case when v_op = 'or' then 'tag' else 'not' end;
    for v_arg in select jsonb_array_elements(p_expr -> 'args') loop
        if v_arg ->> 'op' = v_leaf_op then
            v_leaves := v_leaves || (v_arg ->> 'i')::integer;
        else
            v_parts := v_parts || tagpage_sql_tag_expr(v_arg, p_id_sql, p_source_sql, p_tags_sql);
        end if;
    end loop;
    if cardinality(v_leaves) > 0 then
        v_parts := case when v_op = 'or' then '' else 'not ' end
                   || tagpage_sql_tag_query_probe(v_leaves, p_id_sql, p_source_sql, p_tags_sql)
                   || v_parts;
    end if;
    if cardinality(v_parts) = 1 then
        return v_parts[1];
    end if;
    return '(' || array_to_string(v_parts, ' ' || v_op || ' ') || ')';
end;
$$;


--
-- Name: tagpage_sql_tag_first(public.tagpage_shape, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_tag_first(p_shape public.tagpage_shape, p_match_sql text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: tagpage_sql_tag_probe(public.tagpage_shape, text, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_tag_probe(p_shape public.tagpage_shape, p_id_sql text, p_source_sql text, p_first integer) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    v_parts text[] := '{}';
    v_probe text;
begin
    -- One EXISTS per tag, rarest first so most rows fail on the first probe; OFFSET 0 keeps each
    -- a separate subplan (an index probe per row) and keeps planning time flat in k.
    -- 'any' is one probe with tag_id = any(tags). A precompiled shape (p_shape.slots set) writes
    -- p_shape.slots probes, each skipped at run time beyond the request's k.
    -- p_id_sql / p_source_sql are the probed row's id and source columns (or the source
    -- literal), built by our callers, never user input. A boolean tag filter (p_shape.expr) is
    -- compiled whole by tagpage_sql_tag_expr, its tags still read from the request.
    if p_shape.expr is not null then
        return tagpage_sql_tag_expr(p_shape.expr, p_id_sql, p_source_sql, tagpage_sql_req(p_shape, 'tags'));
    end if;
    if p_shape.tag_match = 'any' then
        return format('exists (select 1 from content_tags pt where pt.content_id = %1$s '
                      'and pt.content_source = %2$s and pt.tag_id = any(%3$s) offset 0)',
                      p_id_sql, p_source_sql, tagpage_sql_req(p_shape, 'tags'));
    end if;
    for i in p_first .. coalesce(p_shape.slots, p_shape.k) loop
        v_probe := format('exists (select 1 from content_tags pt where pt.content_id = %1$s '
                          'and pt.content_source = %2$s and pt.tag_id = %3$s[%4$s] offset 0)',
                          p_id_sql, p_source_sql, tagpage_sql_req(p_shape, 'tags'), i);
        if p_shape.slots is not null and i > 1 then
            v_probe := format('(%s < %s or %s)', tagpage_sql_req(p_shape, 'k'), i, v_probe);
        end if;
        v_parts := v_parts || v_probe;
    end loop;
    return coalesce(nullif(array_to_string(v_parts, ' and '), ''), 'true');
end;
$_$;


--
-- Name: tagpage_sql_tag_query_probe(integer[], text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_sql_tag_query_probe(p_positions integer[], p_id_sql text, p_source_sql text, p_tags_sql text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- Same shape as tagpage_sql_tag_probe: OFFSET 0 keeps it one index probe per row. Several
    -- positions are one probe with = any(array[...]). The fragments come from the engine.
    return format('exists (select 1 from content_tags pt where pt.content_id = %1$s '
                  'and pt.content_source = %2$s and pt.tag_id = %3$s offset 0)',
                  p_id_sql, p_source_sql,
                  case when cardinality(p_positions) = 1 then format('%s[%s]', p_tags_sql, p_positions[1])
                       else format('any(array[%s])',
                                   (select string_agg(format('%s[%s]', p_tags_sql, x), ', ' order by o)
                                      from unnest(p_positions) with ordinality as u(x, o)))
                  end);
end;
$_$;


--
-- Name: tagpage_static_any_union(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_any_union(p_req public.tagpage_request) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
begin
    -- Generated by tagpage_static_compile() from the any_union builder: one static statement per
    -- shape, each planned once per session and reused.
    if p_req.sort = 'created_at_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'created_at_asc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'quality_score_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select distinct t.content_id, t.content_source from content_tags t where t.tag_id = any((p_req).tags) and t.content_source = any((p_req).sources)) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    raise exception 'tagpage_static_any_union: no precompiled statement for this shape' using errcode = 'XX000';
end;
$$;


--
-- Name: FUNCTION tagpage_static_any_union(p_req public.tagpage_request); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_static_any_union(p_req public.tagpage_request) IS 'Precompiled any_union statements (generated by tagpage_static_compile).';


--
-- Name: tagpage_static_compile(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_compile() RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_spec      record;
    v_sort      text;
    v_desc      boolean;
    v_kinds     text[];
    v_match     text;
    v_shape     tagpage_shape;
    v_sql       text;
    v_body      text;
    v_by_desc   text;
    v_by_kinds  text;
    v_by_match  text;
    v_count     integer := 0;
begin
    -- Runs at migration time (the revision that installs this file calls it). The SQL comes
    -- from our builders; the only values are our own names, quoted with %I / %L.
    for v_spec in select * from tagpage_static_specs() loop
        v_body := '';
        foreach v_sort in array array['created_at_desc', 'created_at_asc', 'quality_score_desc'] loop
            v_by_desc := '';
            foreach v_desc in array array[true, false] loop
                v_by_kinds := '';
                foreach v_kinds slice 1 in array array[['general', 'general'], ['general', null], [null, 'general'],
                                                               ['user', 'user'], ['user', null], [null, 'user'],
                                                               ['user', 'general'], ['general', 'user']] loop
                    v_by_match := '';
                    foreach v_match in array v_spec.matches loop
                        v_shape := row(v_spec.strategy, v_kinds[1], v_kinds[2], v_sort, v_desc, v_match,
                                       null, tagpage_static_slots(), 'p_req', v_spec.budgeted, null)::tagpage_shape;
                        if v_spec.walked then
                            v_sql := format('return (select count(*) from (%s) w);',
                                            tagpage_strategy_sort_first_walked(v_shape));
                        else
                            v_sql := format('return array(select row(%s)::tagpage_page_row from (%s) w);',
                                            tagpage_sql_columns('w'), tagpage_strategy_sql(v_shape));
                        end if;
                        v_by_match := v_by_match || format(
                            E'\n                if p_req.tag_match = %L then\n                    %s\n                end if;',
                            v_match, v_sql);
                    end loop;
                    v_by_kinds := v_by_kinds || format(
                        E'\n            if p_req.items_kind is not distinct from %L and p_req.auto_kind is not distinct from %L then%s\n            end if;',
                        v_kinds[1], v_kinds[2], v_by_match);
                end loop;
                v_by_desc := v_by_desc || format(E'\n        if p_req.descending = %L then%s\n        end if;',
                                                 v_desc, v_by_kinds);
            end loop;
            v_body := v_body || format(E'\n    if p_req.sort = %L then%s\n    end if;', v_sort, v_by_desc);
        end loop;
        execute format(
            E'create or replace function %I(\n    p_req tagpage_request\n)\n'
            || E'    returns %s\n    stable\n    language plpgsql\n    set search_path = public, pg_temp\n'
            || E'    set plan_cache_mode = force_generic_plan\n%s'
            || 'as %L',
            v_spec.name,
            case when v_spec.walked then 'bigint' else 'tagpage_page_row[]' end,
            case when v_spec.strategy in ('no_tags', 'sort_first') then E'    set enable_sort = off\n' else '' end,
            format(E'\nbegin\n    -- Generated by tagpage_static_compile() from the %s builder: one static statement per\n'
                   || E'    -- shape, each planned once per session and reused.%s\n'
                   || E'    raise exception ''%s: no precompiled statement for this shape'' using errcode = ''XX000'';\nend;\n',
                   v_spec.strategy, v_body, v_spec.name));
        execute format('comment on function %I(tagpage_request) is %L', v_spec.name,
                       format('Precompiled %s statements (generated by tagpage_static_compile).', v_spec.strategy));
        v_count := v_count + 1;
    end loop;
    return v_count;
end;
$$;


--
-- Name: tagpage_static_no_tags(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_no_tags(p_req public.tagpage_request) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    SET enable_sort TO 'off'
    AS $$
begin
    -- Generated by tagpage_static_compile() from the no_tags builder: one static statement per
    -- shape, each planned once per session and reused.
    if p_req.sort = 'created_at_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'created_at_asc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'quality_score_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    raise exception 'tagpage_static_no_tags: no precompiled statement for this shape' using errcode = 'XX000';
end;
$$;


--
-- Name: FUNCTION tagpage_static_no_tags(p_req public.tagpage_request); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_static_no_tags(p_req public.tagpage_request) IS 'Precompiled no_tags statements (generated by tagpage_static_compile).';


--
-- Name: tagpage_static_slots(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_slots() RETURNS integer
    LANGUAGE sql IMMUTABLE
    RETURN 3;


--
-- Name: tagpage_static_serves(public.tagpage_request, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_serves(p_req public.tagpage_request, p_strategy text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    RETURN (((p_req).expr IS NULL) AND (((p_req).items_kind IS NOT NULL) OR ((p_req).auto_kind IS NOT NULL)) AND CASE p_strategy WHEN 'no_tags'::text THEN true WHEN 'sort_first'::text THEN (((p_req).tag_match = 'any'::text) OR ((p_req).k <= public.tagpage_static_slots())) WHEN 'two_phase_single'::text THEN ((p_req).k <= public.tagpage_static_slots()) WHEN 'any_union'::text THEN true ELSE false END);


--
-- Name: tagpage_static_sort_first(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_sort_first(p_req public.tagpage_request) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    SET enable_sort TO 'off'
    AS $$
begin
    -- Generated by tagpage_static_compile() from the sort_first builder: one static statement per
    -- shape, each planned once per session and reused.
    if p_req.sort = 'created_at_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'created_at_asc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'quality_score_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = (p_req).tags[3] offset 0)) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
                if p_req.tag_match = 'any' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'items' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = 'auto' and pt.tag_id = any((p_req).tags) offset 0) order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    raise exception 'tagpage_static_sort_first: no precompiled statement for this shape' using errcode = 'XX000';
end;
$$;


--
-- Name: FUNCTION tagpage_static_sort_first(p_req public.tagpage_request); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_static_sort_first(p_req public.tagpage_request) IS 'Precompiled sort_first statements (generated by tagpage_static_compile).';


--
-- Name: tagpage_static_sort_first_budgeted(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_sort_first_budgeted(p_req public.tagpage_request) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    SET enable_sort TO 'off'
    AS $$
begin
    -- Generated by tagpage_static_compile() from the sort_first builder: one static statement per
    -- shape, each planned once per session and reused.
    if p_req.sort = 'created_at_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'created_at_asc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'quality_score_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score desc, w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score desc, w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score desc, w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score desc, w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score desc, w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score desc, w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score desc, w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score desc, w.created_at desc, w.id desc, w.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score asc, w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score asc, w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score asc, w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score asc, w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score asc, w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score asc, w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score asc, w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (select w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w where exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[1] offset 0) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = w.id and pt.content_source = w.source_type and pt.tag_id = (p_req).tags[3] offset 0)) order by w.quality_score asc, w.created_at asc, w.id asc, w.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    raise exception 'tagpage_static_sort_first_budgeted: no precompiled statement for this shape' using errcode = 'XX000';
end;
$$;


--
-- Name: FUNCTION tagpage_static_sort_first_budgeted(p_req public.tagpage_request); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_static_sort_first_budgeted(p_req public.tagpage_request) IS 'Precompiled sort_first statements (generated by tagpage_static_compile).';


--
-- Name: tagpage_static_sort_first_walked(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_sort_first_walked(p_req public.tagpage_request) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    SET enable_sort TO 'off'
    AS $$
begin
    -- Generated by tagpage_static_compile() from the sort_first builder: one static statement per
    -- shape, each planned once per session and reused.
    if p_req.sort = 'created_at_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'created_at_asc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'quality_score_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).budget)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).budget) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return (select count(*) from (select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from content_items_all c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and true order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).budget)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).budget) w);
                end if;
            end if;
        end if;
    end if;
    raise exception 'tagpage_static_sort_first_walked: no precompiled statement for this shape' using errcode = 'XX000';
end;
$$;


--
-- Name: FUNCTION tagpage_static_sort_first_walked(p_req public.tagpage_request); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_static_sort_first_walked(p_req public.tagpage_request) IS 'Precompiled sort_first statements (generated by tagpage_static_compile).';


--
-- Name: tagpage_static_specs(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_specs(OUT name text, OUT strategy text, OUT matches text[], OUT budgeted boolean, OUT walked boolean) RETURNS SETOF record
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
    values ('tagpage_static_no_tags', 'no_tags', array['all'], false, false),
           ('tagpage_static_sort_first', 'sort_first', array['all', 'any'], false, false),
           ('tagpage_static_sort_first_budgeted', 'sort_first', array['all'], true, false),
           ('tagpage_static_sort_first_walked', 'sort_first', array['all'], true, true),
           ('tagpage_static_two_phase_single', 'two_phase_single', array['all'], false, false),
           ('tagpage_static_any_union', 'any_union', array['any', 'all'], false, false)
$$;


--
-- Name: tagpage_static_two_phase_single(public.tagpage_request); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_static_two_phase_single(p_req public.tagpage_request) RETURNS public.tagpage_page_row[]
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
begin
    -- Generated by tagpage_static_compile() from the two_phase_single builder: one static statement per
    -- shape, each planned once per session and reused.
    if p_req.sort = 'created_at_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'created_at_asc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) < ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.created_at, c.id, c.source_type) > ((p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    if p_req.sort = 'quality_score_desc' then
        if p_req.descending = 't' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) < ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score desc, c.created_at desc, c.id desc, c.source_type desc limit (p_req).fetch_rows)) u order by u.quality_score desc, u.created_at desc, u.id desc, u.source_type desc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
        if p_req.descending = 'f' then
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from NULL then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from NULL and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'user' and p_req.auto_kind is not distinct from 'general' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and ((p_req).auto_own and c.creator_id = (p_req).user_id or (p_req).auto_pub and not c.is_private and (not (p_req).auto_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
            if p_req.items_kind is not distinct from 'general' and p_req.auto_kind is not distinct from 'user' then
                if p_req.tag_match = 'all' then
                    return array(select row(w.id, w.source_type, w.title, w.creator_id, w.is_private, w.quality_score, w.created_at, w.content_type, w.path_thumb, w.updated_at)::tagpage_page_row from (with m as materialized (select s.content_id, s.content_source from content_tags s where s.tag_id = (p_req).tags[1] and s.content_source = any((p_req).sources) and ((p_req).k < 2 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[2] offset 0)) and ((p_req).k < 3 or exists (select 1 from content_tags pt where pt.content_id = s.content_id and pt.content_source = s.content_source and pt.tag_id = (p_req).tags[3] offset 0))) select u.id, u.source_type, u.title, u.creator_id, u.is_private, u.quality_score, u.created_at, u.content_type, u.path_thumb, u.updated_at from ((select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'items' offset 0) c where c.source_type = any(array['items']) and ((p_req).items_own and c.creator_id = (p_req).user_id or (p_req).items_pub and not c.is_private and (not (p_req).items_excl or c.creator_id <> (p_req).user_id)) and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'items' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows) union all (select c.id, c.source_type, c.title, c.creator_id, c.is_private, c.quality_score, c.created_at, c.content_type, c.path_thumb, c.updated_at from m cross join lateral (select * from content_items_all r where r.id = m.content_id and r.source_type = 'auto' offset 0) c where c.source_type = any(array['auto']) and c.creator_id = (p_req).user_id and (c.quality_score, c.created_at, c.id, c.source_type) > ((p_req).cur_quality, (p_req).cur_created_at, (p_req).cur_id, (p_req).cur_source) and m.content_source = 'auto' order by c.quality_score asc, c.created_at asc, c.id asc, c.source_type asc limit (p_req).fetch_rows)) u order by u.quality_score asc, u.created_at asc, u.id asc, u.source_type asc limit (p_req).fetch_rows) w);
                end if;
            end if;
        end if;
    end if;
    raise exception 'tagpage_static_two_phase_single: no precompiled statement for this shape' using errcode = 'XX000';
end;
$$;


--
-- Name: FUNCTION tagpage_static_two_phase_single(p_req public.tagpage_request); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_static_two_phase_single(p_req public.tagpage_request) IS 'Precompiled two_phase_single statements (generated by tagpage_static_compile).';


--
-- Name: tagpage_strategies(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategies() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
    select array['no_tags', 'sort_first', 'self_join', 'two_phase_single', 'two_phase_dual',
                 'any_union', 'group_having', 'bitmap']
$$;


--
-- Name: tagpage_strategy_any_union(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_any_union(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Distinct (content_id, content_source) over all k posting lists, then joined and sorted:
    -- best when the union is small; sort_first with an ANY probe wins when it is dense.
    return tagpage_sql_tag_first(p_shape,
        format('select distinct t.content_id, t.content_source from content_tags t '
               'where t.tag_id = any(%s) and t.content_source = any(%s)',
               tagpage_sql_req(p_shape, 'tags'), tagpage_sql_req(p_shape, 'sources')));
end;
$$;


--
-- Name: tagpage_strategy_bitmap(public.tagpage_shape, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_bitmap(p_shape public.tagpage_shape, p_list boolean DEFAULT false) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: FUNCTION tagpage_strategy_bitmap(p_shape public.tagpage_shape, p_list boolean); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.tagpage_strategy_bitmap(p_shape public.tagpage_shape, p_list boolean) IS 'SQL of the bitmap strategy: the keyset walk testing one bit per clean row, or (p_list) the listed candidates.';


--
-- Name: tagpage_strategy_group_having(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_group_having(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Reads all k posting lists (index on (tag_id, content_source, content_id)); a row matches
    -- 'all' when it appears k times (tags are distinct), 'any' when it appears at all.
    -- Best when the tags are large but their overlap is small or empty.
    return tagpage_sql_tag_first(p_shape,
        format('select t.content_id, t.content_source from content_tags t '
               'where t.tag_id = any(%s) and t.content_source = any(%s) '
               'group by t.content_id, t.content_source having count(*) %s',
               tagpage_sql_req(p_shape, 'tags'), tagpage_sql_req(p_shape, 'sources'),
               case when p_shape.tag_match = 'any' then '>= 1' else '= ' || tagpage_sql_req(p_shape, 'k') end));
end;
$$;


--
-- Name: tagpage_strategy_no_tags(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_no_tags(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Each branch is an index range scan from the cursor position, so the cost is the page
    -- size whatever the depth.
    return tagpage_sql_branches(p_shape, 'content_items_all c', 'true', tagpage_sql_req(p_shape, 'fetch_rows'));
end;
$$;


--
-- Name: tagpage_strategy_self_join(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_self_join(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    v_joins text := '';
begin
    -- k copies of content_tags joined on (content_id, content_source), rarest tag driving.
    -- Planning cost grows with k, hence small_k_threshold.
    for i in 2 .. p_shape.k loop
        v_joins := v_joins || format(
            ' join content_tags %1$I on %1$I.content_id = t1.content_id'
            ' and %1$I.content_source = t1.content_source and %1$I.tag_id = %2$s[%3$s]',
            't' || i, tagpage_sql_req(p_shape, 'tags'), i);
    end loop;
    return tagpage_sql_tag_first(p_shape,
        format('select t1.content_id, t1.content_source from content_tags t1%s '
               'where t1.tag_id = %s[1] and t1.content_source = any(%s)',
               v_joins, tagpage_sql_req(p_shape, 'tags'), tagpage_sql_req(p_shape, 'sources')));
end;
$_$;


--
-- Name: tagpage_strategy_sort_first(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_sort_first(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- Each partition's keyset index is read in order (Merge Append) and every row is probed
    -- through the content_tags primary key with fenced EXISTS, so the walk stops as soon as
    -- (request).fetch rows matched: cheap when matches are dense, a whole-table walk when they
    -- are not. Budgeted: the walk is cut after (request).budget rows (the planner's bound on
    -- what the walk may cost before a tag-first strategy is cheaper); unified_content_page then
    -- checks with tagpage_strategy_sort_first_walked whether the cut was reached and, if so,
    -- falls back.
    if not coalesce(p_shape.budgeted, false) then
        return tagpage_sql_branches(p_shape, 'content_items_all c',
                                    tagpage_sql_tag_probe(p_shape, 'c.id', '{src}', 1),
                                    tagpage_sql_req(p_shape, 'fetch_rows'));
    end if;
    return format('select %1$s from (%2$s) w where %3$s order by %4$s limit %5$s',
                  tagpage_sql_columns('w'), tagpage_strategy_sort_first_walked(p_shape),
                  tagpage_sql_tag_probe(p_shape, 'w.id', 'w.source_type', 1),
                  tagpage_sql_order(p_shape.sort, p_shape.descending, 'w'),
                  tagpage_sql_req(p_shape, 'fetch_rows'));
end;
$_$;


--
-- Name: tagpage_strategy_sort_first_walked(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_sort_first_walked(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Counting these rows tells whether a budgeted walk saw every candidate (fewer than the
    -- budget) or was cut short.
    return tagpage_sql_branches(p_shape, 'content_items_all c', 'true', tagpage_sql_req(p_shape, 'budget'));
end;
$$;


--
-- Name: tagpage_strategy_sql(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_sql(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- A dispatcher, so each strategy stays in its own file and is reachable by name.
    return case p_shape.strategy
        when 'no_tags' then tagpage_strategy_no_tags(p_shape)
        when 'sort_first' then tagpage_strategy_sort_first(p_shape)
        when 'self_join' then tagpage_strategy_self_join(p_shape)
        when 'group_having' then tagpage_strategy_group_having(p_shape)
        when 'two_phase_single' then tagpage_strategy_two_phase_single(p_shape)
        when 'two_phase_dual' then tagpage_strategy_two_phase_dual(p_shape)
        when 'any_union' then tagpage_strategy_any_union(p_shape)
        when 'bitmap' then tagpage_strategy_bitmap(p_shape)
    end;
end;
$$;


--
-- Name: tagpage_strategy_two_phase_dual(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_two_phase_dual(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- Phase 1: INTERSECT of the two rarest posting lists (a hashed set operation over two
    -- index-only scans), whole, never truncated. Phase 2: the other k-2 tags probed per
    -- candidate. Pays off when the rarest tag alone is still large. With one tag (forced only:
    -- the planner wants k >= two_phase_min_k_for_dual_seed) the seed is that tag's postings.
    if p_shape.k = 1 then
        return tagpage_sql_tag_first(p_shape,
            format('select s.content_id, s.content_source from content_tags s '
                   'where s.tag_id = %s[1] and s.content_source = any(%s)',
                   tagpage_sql_req(p_shape, 'tags'), tagpage_sql_req(p_shape, 'sources')));
    end if;
    return tagpage_sql_tag_first(p_shape,
        format('select s.content_id, s.content_source from ('
               'select a.content_id, a.content_source from content_tags a '
               'where a.tag_id = %1$s[1] and a.content_source = any(%2$s) '
               'intersect '
               'select b.content_id, b.content_source from content_tags b '
               'where b.tag_id = %1$s[2] and b.content_source = any(%2$s)) s where %3$s',
               tagpage_sql_req(p_shape, 'tags'), tagpage_sql_req(p_shape, 'sources'),
               tagpage_sql_tag_probe(p_shape, 's.content_id', 's.content_source', 3)));
end;
$_$;


--
-- Name: tagpage_strategy_two_phase_single(public.tagpage_shape); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_strategy_two_phase_single(p_shape public.tagpage_shape) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $_$
begin
    -- Phase 1: the whole posting list of the rarest tag (tags[1]), never truncated.
    -- Phase 2: each candidate probes the other k-1 tags through the primary key (fenced EXISTS).
    -- Cost follows the rarest tag alone, so it wins whenever one tag is small. For a boolean
    -- tag filter the seed is the planner's positive conjunct (seed_tags: one tag, or an OR
    -- group's union, each row once) and every candidate is checked against the whole filter.
    if p_shape.expr is not null then
        return tagpage_sql_tag_first(p_shape,
            format('select s.content_id, s.content_source from (select distinct e.content_id, e.content_source '
                   'from content_tags e where e.tag_id = any(%1$s) and e.content_source = any(%2$s)) s where %3$s',
                   tagpage_sql_req(p_shape, 'seed_tags'), tagpage_sql_req(p_shape, 'sources'),
                   tagpage_sql_tag_probe(p_shape, 's.content_id', 's.content_source', 1)));
    end if;
    return tagpage_sql_tag_first(p_shape,
        format('select s.content_id, s.content_source from content_tags s '
               'where s.tag_id = %1$s[1] and s.content_source = any(%2$s) and %3$s',
               tagpage_sql_req(p_shape, 'tags'), tagpage_sql_req(p_shape, 'sources'),
               tagpage_sql_tag_probe(p_shape, 's.content_id', 's.content_source', 2)));
end;
$_$;


--
-- Name: tagpage_tag_query_density(jsonb, double precision[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_tag_query_density(p_expr jsonb, p_probs double precision[]) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_op        text := p_expr ->> 'op';
    v_p         float8;
    v_arg       jsonb;
begin
    -- p_probs[i] is the share of rows carrying tag i (expr's "i"), clamped to [0, 1]; AND
    -- multiplies, OR is 1 - prod(1 - p), NOT is 1 - p.
    if v_op = 'true' then
        return 1;
    elsif v_op = 'false' then
        return 0;
    elsif v_op in ('tag', 'not') then
        v_p := p_probs[(p_expr ->> 'i')::integer];
        if v_p is null then
            raise exception 'tag_query: no probability for tag %', p_expr ->> 'i' using errcode = '22023';
        end if;
        v_p := least(greatest(v_p, 0), 1);
        return case when v_op = 'tag' then v_p else 1 - v_p end;
    elsif v_op = 'and' then
        v_p := 1;
        for v_arg in select jsonb_array_elements(p_expr -> 'args') loop
            v_p := v_p * tagpage_tag_query_density(v_arg, p_probs);
        end loop;
        return v_p;
    elsif v_op = 'or' then
        v_p := 1;
        for v_arg in select jsonb_array_elements(p_expr -> 'args') loop
            v_p := v_p * (1 - tagpage_tag_query_density(v_arg, p_probs));
        end loop;
        return 1 - v_p;
    end if;
    raise exception 'tag_query: not a normalised tag query node: %', left(p_expr::text, 200)
        using errcode = '22023';
end;
$$;


--
-- Name: tagpage_tag_query_normalize(text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_tag_query_normalize(p_query text, p_max_tags integer) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
declare
    v_tree      record;
    v_ops       text[];             -- the parsed nodes (see tagpage_tag_query_tree)
    v_pkf       integer[];
    v_pkc       integer[];
    v_pk        integer[];
    v_nnodes    integer;
    v_low       text[] := '{}';     -- lower-case name of each tag node
    v_found     text[];             -- lower(name) of every tag a name resolves to, in uuid order
    v_ids       text[];             -- those tags' ids
    v_unknown   text[] := '{}';
    v_detail    text[] := '{}';
    v_max       integer := p_max_tags;
    v_pol       boolean[];          -- polarity of each parsed node (NULL: not reachable)
    v_norm      integer[] := '{}';  -- the normalised node of each parsed node
    -- normalised nodes, children before parents; 1 is true, 2 is false
    s_op        text[] := '{true,false}';
    s_u         text[] := '{NULL,NULL}';
    s_kf        integer[] := '{0,0}';
    s_kc        integer[] := '{0,0}';
    s_text      text[] := '{true,false}';
    s_json      text[] := array['{"op":"true"}', '{"op":"false"}'];  -- positions into v_ids
    s_k         integer[] := '{}';
    v_ns        integer := 2;
    v_nsk       integer := 0;
    v_n         integer;
    v_j         integer;
    v_jj        integer;
    v_s         integer;
    v_pos       integer[];
    v_p         boolean;
    v_op        text;
    v_ident     integer;
    v_absorb    integer;
    v_list      integer[];
    v_texts     text[];
    v_cnt       integer;
    v_keep      boolean[];
    v_posl      text[];
    v_negl      text[];
    v_compound  boolean;
    v_sub       text[];
    v_t         text;
    v_k         integer;
    v_done      boolean;
    v_reach     boolean[];
    v_used      boolean[];
    v_tags      text[] := '{}';
    v_json      text[] := '{}';
    v_root      integer;
begin
    -- Parse, resolve names case-insensitively (every tag whose lower(name) matches; two tags
    -- differing only in case make the name an OR of both), then normalise bottom-up: NOT goes to
    -- the leaves (each parsed node gets its polarity in a top-down pass first), AND/OR children
    -- are flattened, constants folded, x and -x / x or -x folded, duplicates removed (equal
    -- canonical text), an OR child of an AND holding one of the AND's other children dropped
    -- (absorption; dually for OR), and children sorted by canonical text in the C collation,
    -- which makes the text canonical. plan_cache_mode: the name lookup's generic plan is as good
    -- as a custom one, and replanning it on every call cost more than the rest of the function.
    v_tree := tagpage_tag_query_tree(p_query);
    if v_tree.root is null then
        return null;
    end if;
    v_ops := v_tree.ops;
    v_pkf := v_tree.kid_first;
    v_pkc := v_tree.kid_count;
    v_pk := v_tree.kids;
    v_nnodes := cardinality(v_ops);
    if v_max is null then
        select (value #>> '{}')::integer into v_max from planner_config where key = 'max_tags';
        v_max := coalesce(v_max, 50);
    end if;

    for v_n in 1 .. v_nnodes loop
        if v_ops[v_n] = 'tag' then
            v_low[v_n] := lower(v_tree.names[v_n]);
        end if;
    end loop;
    -- every tag whose lower(name) is one of the names, in uuid order (one row per tag)
    select coalesce(array_agg(lower(t.name) order by t.id), '{}'),
           coalesce(array_agg(t.id order by t.id)::text[], '{}')
      into v_found, v_ids
      from tags t
     where lower(t.name) = any(v_low);
    for v_n in 1 .. v_nnodes loop
        if v_low[v_n] is not null and not v_low[v_n] = any(v_found) and not v_low[v_n] = any(v_unknown) then
            v_unknown := v_unknown || v_low[v_n];
            v_detail := v_detail || tagpage_tag_query_quote(v_tree.names[v_n]);
        end if;
    end loop;
    if cardinality(v_unknown) > 0 then
        -- each unknown name as first written, in the order of the lower-case names
        raise exception 'tag_query: unknown tag names' using errcode = '22023',
              detail = (select string_agg(u.d, ', ' order by u.l collate "C") from unnest(v_unknown, v_detail) as u(l, d));
    end if;
    if cardinality(v_ids) > v_max then
        raise exception 'tag_query: % distinct tags, more than max_tags (%)', cardinality(v_ids), v_max
            using errcode = '22023';
    end if;

    -- polarity, top-down (a parent always comes after its children)
    v_pol := array_fill(null::boolean, array[v_nnodes]);
    v_pol[v_tree.root] := true;
    for v_n in reverse v_nnodes .. 1 loop
        v_p := v_pol[v_n];
        continue when v_p is null or v_ops[v_n] = 'tag';
        if v_ops[v_n] = 'not' then
            v_pol[v_pk[v_pkf[v_n]]] := not v_p;
        else
            for v_j in v_pkf[v_n] .. v_pkf[v_n] + v_pkc[v_n] - 1 loop
                v_pol[v_pk[v_j]] := v_p;
            end loop;
        end if;
    end loop;

    -- normal forms, bottom-up
    for v_n in 1 .. v_nnodes loop
        v_p := v_pol[v_n];
        continue when v_p is null;
        v_op := v_ops[v_n];
        if v_op = 'not' then
            v_norm[v_n] := v_norm[v_pk[v_pkf[v_n]]];
            continue;
        end if;
        if v_op = 'tag' then
            -- one leaf per tag the name resolves to; several: an OR (negated: an AND of NOTs),
            -- already in uuid order, which is their text order
            v_k := array_position(v_found, v_low[v_n]);
            if array_position(v_found, v_low[v_n], v_k + 1) is null then
                v_t := v_ids[v_k];
                v_ns := v_ns + 1;
                s_op[v_ns] := case when v_p then 'tag' else 'not' end;
                s_u[v_ns] := v_t;
                s_kf[v_ns] := 0;
                s_kc[v_ns] := 0;
                s_text[v_ns] := case when v_p then v_t else '-' || v_t end;
                s_json[v_ns] := '{"op":"' || s_op[v_ns] || '","i":' || v_k || '}';
                v_norm[v_n] := v_ns;
                continue;
            end if;
            v_pos := array_positions(v_found, v_low[v_n]);
            v_cnt := cardinality(v_pos);
            v_list := '{}';
            v_texts := '{}';
            for v_j in 1 .. v_cnt loop
                v_ns := v_ns + 1;
                v_t := v_ids[v_pos[v_j]];
                s_op[v_ns] := case when v_p then 'tag' else 'not' end;
                s_u[v_ns] := v_t;
                s_kf[v_ns] := 0;
                s_kc[v_ns] := 0;
                s_text[v_ns] := case when v_p then v_t else '-' || v_t end;
                s_json[v_ns] := '{"op":"' || s_op[v_ns] || '","i":' || v_pos[v_j] || '}';
                v_list[v_j] := v_ns;
                v_texts[v_j] := s_text[v_ns];
            end loop;
            v_op := case when v_p then 'or' else 'and' end;
        else
            -- AND/OR (swapped under negation): gather the children, flattening same-op ones
            if not v_p then
                v_op := case when v_op = 'and' then 'or' else 'and' end;
            end if;
            v_ident := case when v_op = 'and' then 1 else 2 end;
            v_absorb := 3 - v_ident;
            v_list := '{}';
            v_texts := '{}';
            v_posl := '{}';
            v_negl := '{}';
            v_cnt := 0;
            v_compound := false;
            v_done := false;
            for v_j in v_pkf[v_n] .. v_pkf[v_n] + v_pkc[v_n] - 1 loop
                v_s := v_norm[v_pk[v_j]];
                if v_s = v_ident then
                    continue;
                elsif v_s = v_absorb then
                    v_done := true;
                    exit;
                elsif s_op[v_s] = v_op then
                    for v_jj in s_kf[v_s] .. s_kf[v_s] + s_kc[v_s] - 1 loop
                        v_k := s_k[v_jj];
                        v_cnt := v_cnt + 1;
                        v_list[v_cnt] := v_k;
                        v_texts[v_cnt] := s_text[v_k];
                        if s_op[v_k] = 'tag' then
                            v_posl := v_posl || s_u[v_k];
                        elsif s_op[v_k] = 'not' then
                            v_negl := v_negl || s_u[v_k];
                        else
                            v_compound := true;
                        end if;
                    end loop;
                else
                    v_cnt := v_cnt + 1;
                    v_list[v_cnt] := v_s;
                    v_texts[v_cnt] := s_text[v_s];
                    if s_op[v_s] = 'tag' then
                        v_posl := v_posl || s_u[v_s];
                    elsif s_op[v_s] = 'not' then
                        v_negl := v_negl || s_u[v_s];
                    else
                        v_compound := true;
                    end if;
                end if;
            end loop;
            -- a constant that absorbs, or x and -x / x or -x side by side
            if v_done or v_posl && v_negl then
                v_norm[v_n] := v_absorb;
                continue;
            end if;
            if v_cnt > 1 then
                -- sort by canonical text and drop duplicates (insertion sort for a few children)
                if v_cnt <= 8 then
                    for v_j in 2 .. v_cnt loop
                        v_k := v_list[v_j];
                        v_t := v_texts[v_j];
                        v_jj := v_j - 1;
                        while v_jj >= 1 and v_texts[v_jj] > v_t collate "C" loop
                            v_list[v_jj + 1] := v_list[v_jj];
                            v_texts[v_jj + 1] := v_texts[v_jj];
                            v_jj := v_jj - 1;
                        end loop;
                        v_list[v_jj + 1] := v_k;
                        v_texts[v_jj + 1] := v_t;
                    end loop;
                    v_jj := 1;
                    for v_j in 2 .. v_cnt loop
                        if v_texts[v_j] <> v_texts[v_jj] then
                            v_jj := v_jj + 1;
                            v_list[v_jj] := v_list[v_j];
                            v_texts[v_jj] := v_texts[v_j];
                        end if;
                    end loop;
                    v_cnt := v_jj;
                else
                    select array_agg(d.k order by d.t collate "C"), array_agg(d.t order by d.t collate "C")
                      into v_list, v_texts
                      from (select min(u.k) as k, u.t from unnest(v_list, v_texts) as u(k, t) group by u.t) d;
                    v_cnt := cardinality(v_list);
                end if;
            end if;
            -- absorption: x and (x or y) = x, x or (x and y) = x (the child's children are of
            -- the other op; a sibling among them absorbs it)
            if v_compound and v_cnt > 1 then
                v_keep := array_fill(true, array[v_cnt]);
                v_k := v_cnt;
                for v_j in 1 .. v_cnt loop
                    v_s := v_list[v_j];
                    continue when s_kc[v_s] = 0;
                    v_sub := '{}';
                    for v_jj in s_kf[v_s] .. s_kf[v_s] + s_kc[v_s] - 1 loop
                        v_sub := v_sub || s_text[s_k[v_jj]];
                    end loop;
                    if v_sub && v_texts[1:v_cnt] then
                        v_keep[v_j] := false;
                        v_k := v_k - 1;
                    end if;
                end loop;
                if v_k < v_cnt then
                    v_jj := 0;
                    for v_j in 1 .. v_cnt loop
                        if v_keep[v_j] then
                            v_jj := v_jj + 1;
                            v_list[v_jj] := v_list[v_j];
                            v_texts[v_jj] := v_texts[v_j];
                        end if;
                    end loop;
                    v_cnt := v_jj;
                end if;
            end if;
            if v_cnt = 0 then
                v_norm[v_n] := v_ident;
                continue;
            elsif v_cnt = 1 then
                v_norm[v_n] := v_list[1];
                continue;
            end if;
        end if;
        -- a new AND/OR node over the first v_cnt of v_list (sorted, at least two)
        v_ns := v_ns + 1;
        s_op[v_ns] := v_op;
        s_u[v_ns] := null;
        s_kf[v_ns] := v_nsk + 1;
        s_kc[v_ns] := v_cnt;
        v_t := '';
        for v_j in 1 .. v_cnt loop
            v_nsk := v_nsk + 1;
            s_k[v_nsk] := v_list[v_j];
            v_t := v_t || case when v_j > 1 then ',' else '' end || s_json[v_list[v_j]];
        end loop;
        s_text[v_ns] := v_op || '(' || array_to_string(v_texts[1:v_cnt], ',') || ')';
        s_json[v_ns] := '{"op":"' || v_op || '","args":[' || v_t || ']}';
        v_norm[v_n] := v_ns;
    end loop;

    v_root := v_norm[v_tree.root];
    if v_root <= 2 then
        return jsonb_build_object('tags', '[]'::jsonb, 'expr', jsonb_build_object('op', s_op[v_root]),
                                  'text', s_text[v_root]);
    end if;
    -- Usually every resolved tag is still in the tree, and the JSON made along the way, whose
    -- positions point into v_ids, is the answer (the text is uuids, ops, commas, parentheses:
    -- nothing to escape). Folding may have dropped some tags: then renumber below.
    v_done := true;
    foreach v_t in array v_ids loop
        if strpos(s_text[v_root], v_t) = 0 then
            v_done := false;
            exit;
        end if;
    end loop;
    if v_done then
        return ('{"tags":' || to_json(v_ids)::text || ',"expr":' || s_json[v_root]
                || ',"text":"' || s_text[v_root] || '"}')::jsonb;
    end if;
    -- the tags the final tree uses, in uuid order
    v_reach := array_fill(false, array[v_root]);
    v_reach[v_root] := true;
    v_used := array_fill(false, array[cardinality(v_ids)]);
    for v_s in reverse v_root .. 3 loop
        continue when not v_reach[v_s];
        if s_kc[v_s] = 0 then
            v_used[array_position(v_ids, s_u[v_s])] := true;
        end if;
        for v_j in s_kf[v_s] .. s_kf[v_s] + s_kc[v_s] - 1 loop
            v_reach[s_k[v_j]] := true;
        end loop;
    end loop;
    for v_j in 1 .. cardinality(v_ids) loop
        if v_used[v_j] then
            v_tags := v_tags || v_ids[v_j];
        end if;
    end loop;
    -- the tree as JSON text (ops and positions only, nothing to escape), parsed once at the end
    for v_s in 3 .. v_root loop
        continue when not v_reach[v_s];
        if s_kc[v_s] = 0 then
            v_json[v_s] := '{"op":"' || s_op[v_s] || '","i":' || array_position(v_tags, s_u[v_s]) || '}';
        else
            v_t := '{"op":"' || s_op[v_s] || '","args":[' || v_json[s_k[s_kf[v_s]]];
            for v_j in s_kf[v_s] + 1 .. s_kf[v_s] + s_kc[v_s] - 1 loop
                v_t := v_t || ',' || v_json[s_k[v_j]];
            end loop;
            v_json[v_s] := v_t || ']}';
        end if;
    end loop;
    return jsonb_build_object('tags', to_jsonb(v_tags), 'expr', v_json[v_root]::jsonb, 'text', s_text[v_root]);
end;
$$;


--
-- Name: tagpage_tag_query_parse(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_tag_query_parse(p_query text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    v_tree      record;
    v_json      jsonb[] := '{}';
    v_args      jsonb[];
    v_n         integer;
    v_j         integer;
begin
    -- Shows how the grammar read the text, before names are resolved or anything simplified:
    -- {"op":"tag","name":...} | {"op":"not","arg":NODE} | {"op":"and"|"or","args":[NODE, ...]}.
    -- Nodes come children first, so one forward pass builds every node from finished children.
    v_tree := tagpage_tag_query_tree(p_query);
    if v_tree.root is null then
        return null;
    end if;
    for v_n in 1 .. v_tree.root loop
        if v_tree.ops[v_n] = 'tag' then
            v_json[v_n] := jsonb_build_object('op', 'tag', 'name', v_tree.names[v_n]);
        elsif v_tree.ops[v_n] = 'not' then
            v_json[v_n] := jsonb_build_object('op', 'not', 'arg', v_json[v_tree.kids[v_tree.kid_first[v_n]]]);
        else
            v_args := '{}';
            for v_j in v_tree.kid_first[v_n] .. v_tree.kid_first[v_n] + v_tree.kid_count[v_n] - 1 loop
                v_args := v_args || v_json[v_tree.kids[v_j]];
            end loop;
            v_json[v_n] := jsonb_build_object('op', v_tree.ops[v_n], 'args', to_jsonb(v_args));
        end if;
    end loop;
    return v_json[v_tree.root];
end;
$$;


--
-- Name: tagpage_tag_query_quote(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_tag_query_quote(p_name text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    -- Used in error details, so a name listed there can be pasted back into a query. A bare
    -- name cannot be empty, hold whitespace, ( ) | ", start with - or ~, or be a keyword.
    if p_name <> ''
       and p_name !~ '[ \t\n\r\f\v()|"]'
       and left(p_name, 1) not in ('-', '~')
       and lower(p_name) not in ('and', 'or', 'not') then
        return p_name;
    end if;
    return '"' || replace(replace(p_name, '\', '\\'), '"', '\"') || '"';
end;
$$;


--
-- Name: tagpage_tag_query_tree(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tagpage_tag_query_tree(p_query text, OUT ops text[], OUT names text[], OUT kid_first integer[], OUT kid_count integer[], OUT kids integer[], OUT root integer) RETURNS record
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
declare
    c_max_chars constant integer := 2000;
    c_max_depth constant integer := 10;
    c_space     constant text := E' \t\n\r\f' || chr(11);
    v_toks      text[];             -- the tokens, each with the whitespace before it
    v_ntok      integer;
    v_t         integer := 0;       -- index of the current token
    v_tok       text;               -- the current token as written
    v_kind      text;               -- name ( ) and or not - ~ end
    v_name      text;
    v_pos       integer;            -- 1-based character position of the current token
    v_next_pos  integer := 1;
    v_after     boolean := false;   -- a term just ended (else a term is expected)
    v_pend      text;               -- the token that asked for the term ('(' or an operator)
    v_pend_pos  integer;
    v_prefixed  boolean := false;   -- the term being read has a prefix (- not ~) already
    v_neg       boolean := false;   -- odd number of - / not before the term
    v_tilde     boolean := false;   -- the term is ~-prefixed
    v_node      integer;
    v_n         integer := 0;       -- nodes made
    v_nk        integer := 0;       -- entries in kids
    -- value stacks, shared by all open parentheses; each frame owns the part above its bases
    v_conj      integer[] := '{}';
    v_nconj     integer := 0;
    v_tild      integer[] := '{}';
    v_ntild     integer := 0;
    v_alt       integer[] := '{}';
    v_nalt      integer := 0;
    v_bconj     integer := 0;
    v_btild     integer := 0;
    v_balt      integer := 0;
    -- one frame per open parenthesis: the enclosing frame's bases and pending prefixes
    v_depth     integer := 0;
    f_conj      integer[] := '{}';
    f_tild      integer[] := '{}';
    f_alt       integer[] := '{}';
    f_neg       boolean[] := '{}';
    f_tilde     boolean[] := '{}';
    f_pos       integer[] := '{}';
    v_i         integer;
    v_cnt       integer;
begin
    -- Iterative operator-precedence parse (NOT > AND > OR): a term goes on the conjunct stack,
    -- or on the ~ stack when ~-prefixed; `or`, `)` and the end close the current conjunction
    -- (its ~ terms become one OR group ANDed with the rest); `)` and the end also close the
    -- alternatives of their level. Errors are 22023 with the position of the token at fault.
    ops := '{}'; names := '{}'; kid_first := '{}'; kid_count := '{}'; kids := '{}';
    if p_query is null then
        return;
    end if;
    if octet_length(p_query) > c_max_chars and char_length(p_query) > c_max_chars then
        raise exception 'tag_query: longer than % characters at %', c_max_chars, c_max_chars + 1
            using errcode = '22023';
    end if;
    -- Tokens, each with the whitespace before it: ( ) |, a quoted name (a backslash takes the
    -- next character as is), a lone " (unterminated), a - or ~ prefix, a bare word. Every
    -- character falls in one, so the lengths give the positions. (A function scan returns the
    -- matches in order; one capture-free pattern is the cheapest way to get them.)
    v_toks := array(select (regexp_matches(p_query,
                  '[ \t\n\r\f\v]*(?:[()|]|"(?:[^"\\]|\\.)*"|"|[-~]|[^ \t\n\r\f\v()|"~-][^ \t\n\r\f\v()|"]*)',
                  'g'))[1]);
    v_ntok := cardinality(v_toks);

    loop
        -- the next token: its kind, position and (for a name) the name
        v_t := v_t + 1;
        if v_t > v_ntok then
            v_kind := 'end';
            v_tok := '';
        else
            v_tok := ltrim(v_toks[v_t], c_space);
            v_pos := v_next_pos + char_length(v_toks[v_t]) - char_length(v_tok);
            v_next_pos := v_pos + char_length(v_tok);
            if v_tok in ('-', '~') then
                -- a prefix touches its term
                if v_t = v_ntok or strpos(c_space, left(v_toks[v_t + 1], 1)) > 0 then
                    raise exception 'tag_query: expected a tag after "%" at %', v_tok, v_pos using errcode = '22023';
                end if;
                v_kind := v_tok;
            elsif v_tok in ('(', ')') then
                v_kind := v_tok;
            elsif v_tok = '|' then
                v_kind := 'or';
            elsif left(v_tok, 1) = '"' then
                if v_tok = '"' then
                    raise exception 'tag_query: unterminated quoted name at %', v_pos using errcode = '22023';
                end if;
                v_name := substr(v_tok, 2, char_length(v_tok) - 2);
                if strpos(v_name, '\') > 0 then
                    v_name := regexp_replace(v_name, '\\(.)', '\1', 'g');
                end if;
                if v_name = '' then
                    raise exception 'tag_query: empty quoted name at %', v_pos using errcode = '22023';
                end if;
                v_kind := 'name';
            elsif char_length(v_tok) <= 3 and lower(v_tok) in ('and', 'or', 'not') then
                v_kind := lower(v_tok);
            else
                v_name := v_tok;
                v_kind := 'name';
            end if;
        end if;

        -- a term right after a term: juxtaposition is AND
        if v_after and v_kind in ('name', '(', '-', '~', 'not') then
            v_after := false;
            v_pend := null;
        end if;

        v_node := null;
        if not v_after then
            -- a term is expected
            if v_kind = 'name' then
                v_n := v_n + 1;
                ops[v_n] := 'tag';
                names[v_n] := v_name;
                kid_first[v_n] := 0;
                kid_count[v_n] := 0;
                v_node := v_n;
            elsif v_kind = '(' then
                if v_depth >= c_max_depth then
                    raise exception 'tag_query: parentheses nested deeper than % at %', c_max_depth, v_pos
                        using errcode = '22023';
                end if;
                v_depth := v_depth + 1;
                f_conj[v_depth] := v_bconj;
                f_tild[v_depth] := v_btild;
                f_alt[v_depth] := v_balt;
                f_neg[v_depth] := v_neg;
                f_tilde[v_depth] := v_tilde;
                f_pos[v_depth] := v_pos;
                v_bconj := v_nconj;
                v_btild := v_ntild;
                v_balt := v_nalt;
                v_neg := false;
                v_tilde := false;
                v_prefixed := false;
                v_pend := '(';
                v_pend_pos := v_pos;
                continue;
            elsif v_kind in ('-', 'not') or (v_kind = '~' and not v_prefixed) then
                if v_kind = '~' then
                    v_tilde := true;
                else
                    v_neg := not v_neg;
                end if;
                v_prefixed := true;
                v_pend := v_tok;
                v_pend_pos := v_pos;
                continue;
            elsif v_pend is null and v_kind = 'end' then
                return;  -- whitespace only: no filter
            elsif v_pend is null and v_kind = ')' then
                raise exception 'tag_query: unmatched ")" at %', v_pos using errcode = '22023';
            elsif v_pend = '(' and v_kind = ')' then
                raise exception 'tag_query: empty parentheses at %', v_pend_pos using errcode = '22023';
            elsif v_pend = '(' and v_kind = 'end' then
                raise exception 'tag_query: unmatched "(" at %', v_pend_pos using errcode = '22023';
            elsif (v_pend is null or v_pend = '(') and v_kind in ('and', 'or') then
                raise exception 'tag_query: expected a tag before "%" at %', v_tok, v_pos using errcode = '22023';
            else
                raise exception 'tag_query: expected a tag after "%" at %', v_pend, v_pend_pos using errcode = '22023';
            end if;
        else
            -- a term has just ended
            if v_kind = 'and' then
                v_after := false;
                v_pend := v_tok;
                v_pend_pos := v_pos;
                continue;
            end if;
            if v_kind = ')' and v_depth = 0 then
                raise exception 'tag_query: unmatched ")" at %', v_pos using errcode = '22023';
            end if;
            if v_kind = 'end' and v_depth > 0 then
                raise exception 'tag_query: unmatched "(" at %', f_pos[v_depth] using errcode = '22023';
            end if;
            -- close the conjunction: its ~ terms first, as one OR group
            v_cnt := v_ntild - v_btild;
            if v_cnt > 0 then
                if v_cnt = 1 then
                    v_node := v_tild[v_ntild];
                else
                    v_n := v_n + 1;
                    ops[v_n] := 'or';
                    kid_first[v_n] := v_nk + 1;
                    kid_count[v_n] := v_cnt;
                    for v_i in v_btild + 1 .. v_ntild loop
                        v_nk := v_nk + 1;
                        kids[v_nk] := v_tild[v_i];
                    end loop;
                    v_node := v_n;
                end if;
                v_ntild := v_btild;
                v_nconj := v_nconj + 1;
                v_conj[v_nconj] := v_node;
            end if;
            v_cnt := v_nconj - v_bconj;
            if v_cnt = 1 then
                v_node := v_conj[v_nconj];
            else
                v_n := v_n + 1;
                ops[v_n] := 'and';
                kid_first[v_n] := v_nk + 1;
                kid_count[v_n] := v_cnt;
                for v_i in v_bconj + 1 .. v_nconj loop
                    v_nk := v_nk + 1;
                    kids[v_nk] := v_conj[v_i];
                end loop;
                v_node := v_n;
            end if;
            v_nconj := v_bconj;
            v_nalt := v_nalt + 1;
            v_alt[v_nalt] := v_node;
            if v_kind = 'or' then
                v_after := false;
                v_pend := v_tok;
                v_pend_pos := v_pos;
                continue;
            end if;
            -- ')' or the end: close this level's alternatives
            v_cnt := v_nalt - v_balt;
            if v_cnt = 1 then
                v_node := v_alt[v_nalt];
            else
                v_n := v_n + 1;
                ops[v_n] := 'or';
                kid_first[v_n] := v_nk + 1;
                kid_count[v_n] := v_cnt;
                for v_i in v_balt + 1 .. v_nalt loop
                    v_nk := v_nk + 1;
                    kids[v_nk] := v_alt[v_i];
                end loop;
                v_node := v_n;
            end if;
            v_nalt := v_balt;
            if v_kind = 'end' then
                root := v_node;
                return;
            end if;
            -- ')': back to the enclosing level, whose prefixes apply to the group
            v_bconj := f_conj[v_depth];
            v_btild := f_tild[v_depth];
            v_balt := f_alt[v_depth];
            v_neg := f_neg[v_depth];
            v_tilde := f_tilde[v_depth];
            v_depth := v_depth - 1;
        end if;

        -- a term is complete: apply its prefixes and put it on its stack
        if v_neg then
            if ops[v_node] = 'not' then
                v_node := kids[kid_first[v_node]];
            else
                v_n := v_n + 1;
                ops[v_n] := 'not';
                v_nk := v_nk + 1;
                kids[v_nk] := v_node;
                kid_first[v_n] := v_nk;
                kid_count[v_n] := 1;
                v_node := v_n;
            end if;
        end if;
        if v_tilde then
            v_ntild := v_ntild + 1;
            v_tild[v_ntild] := v_node;
        else
            v_nconj := v_nconj + 1;
            v_conj[v_nconj] := v_node;
        end if;
        v_neg := false;
        v_tilde := false;
        v_prefixed := false;
        v_after := true;
    end loop;
end;
$$;


--
-- Name: unified_content_count(uuid[], uuid, text[], text, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unified_content_count(tags uuid[] DEFAULT NULL::uuid[], user_id uuid DEFAULT NULL::uuid, source_types text[] DEFAULT NULL::text[], tag_match text DEFAULT 'all'::text, tag_query text DEFAULT NULL::text, exact_limit integer DEFAULT NULL::integer) RETURNS TABLE(total bigint, exact boolean, lower bigint, upper bigint, method text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET jit TO 'off'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $_$
declare
    v_tag_match  text := coalesce($4, 'all');
    v_req        record;
    v_filter     record;
    v_limit      bigint;
    v_parts      tagpage_count_part[];
    v_result     record;
begin
    -- Contract: a count of at most exact_limit rows is exact (exact = true, lower = upper =
    -- total). A larger one may be an estimate whose [lower, upper] is a 95% interval; method
    -- says which: 'bitmap' (bitmaps + live rows, exact), 'bitmap_sampled' (estimate), 'scan'
    -- (a source without bitmaps, counted row by row, exact). jit off and generic plans for the
    -- static lookups, as in unified_content_page; the dynamic statements plan per call.
    select * into v_req from tagpage_request_normalize($1, 25, $2, $3, v_tag_match, 'created_at_desc');
    select * into v_filter from tagpage_count_filter(v_req.tags, v_tag_match, $5);
    v_limit := tagpage_count_exact_limit($6);
    v_parts := array(select p from tagpage_count_parts(v_filter.tags, v_filter.expr, $2, v_req.items_scope,
                                                        v_req.auto_scope) p);
    select * into v_result from tagpage_count_resolve(v_parts, v_filter.tags, v_filter.expr, $2, v_limit);
    return query select v_result.total, v_result.exact, v_result.lower, v_result.upper, v_result.method;
end;
$_$;


--
-- Name: FUNCTION unified_content_count(tags uuid[], user_id uuid, source_types text[], tag_match text, tag_query text, exact_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.unified_content_count(tags uuid[], user_id uuid, source_types text[], tag_match text, tag_query text, exact_limit integer) IS 'Number of rows unified_content_page selects for a filter: (total, exact, lower, upper, method); exact whenever total <= exact_limit.';


--
-- Name: unified_content_page(uuid[], text, integer, uuid, text[], text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unified_content_page(tags uuid[] DEFAULT NULL::uuid[], cursor text DEFAULT NULL::text, page_size integer DEFAULT 25, user_id uuid DEFAULT NULL::uuid, source_types text[] DEFAULT NULL::text[], tag_match text DEFAULT 'all'::text, sort text DEFAULT 'created_at_desc'::text, tag_query text DEFAULT NULL::text) RETURNS TABLE(id bigint, source_type text, title text, creator_id uuid, is_private boolean, quality_score real, created_at timestamp with time zone, content_type text, path_thumb text, updated_at timestamp with time zone, has_next boolean, has_prev boolean, next_cursor text, prev_cursor text, strategy text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET jit TO 'off'
    SET extra_float_digits TO '1'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $_$
declare
    v_req       tagpage_request;
    v_plan      tagpage_plan_choice;
    v_fetch     record;
    v_rows      tagpage_page_row[];
    v_more      boolean;
begin
    -- The strategy fetches page_size + 1 rows from the cursor position in scan order (display
    -- order, reversed for a 'prev' cursor); the extra row only says whether more exist in that
    -- direction. No OFFSET anywhere: the cost of a page does not grow with depth.
    -- jit = off: compiling costs 100+ ms and these statements return at most 501 rows.
    -- extra_float_digits = 1: cursors write quality_score as its shortest exact text.
    -- plan_cache_mode: every static statement of this call and of the functions it calls
    -- (validation, planner reads, precompiled strategy statements) reuses one generic plan.
    v_req := tagpage_request_build($1, $2, coalesce($3, 25), $4, $5, coalesce($6, 'all'),
                                   coalesce($7, 'created_at_desc'), $8);
    v_plan := tagpage_plan(v_req);
    v_fetch := tagpage_page_fetch(v_req, v_plan);
    v_rows := v_fetch.page_rows;

    -- Cursors: next_cursor = this row, direction next; prev_cursor = this row, direction prev.
    -- has_next / has_prev come from the extra row, not from window functions over the page.
    -- A 'next' page is already in display order; a 'prev' page is read backwards and reversed
    -- here. Two statements, so the everyday one has no Sort (~25 us of backend CPU a call).
    -- OFFSET 0 keeps each row's tail a column: pulled up, the subquery's expression would be
    -- copied into both cursors and encoded twice (~120 us of backend CPU a page, measured).
    v_more := cardinality(v_rows) > v_req.page_size;
    if v_req.direction = 'next' then
        return query
            select r.id, r.source_type, r.title, r.creator_id, r.is_private, r.quality_score,
                   r.created_at, r.content_type, r.path_thumb, r.updated_at,
                   v_more,
                   v_req.has_cursor,
                   tagpage_cursor_head('next') || c.tail,
                   tagpage_cursor_head('prev') || c.tail,
                   v_fetch.strategy
              from unnest(v_rows[1:v_req.page_size])
                   as r(id, source_type, title, creator_id, is_private, quality_score, created_at,
                        content_type, path_thumb, updated_at)
              cross join lateral (select tagpage_cursor_tail(v_req.sort, r.quality_score, r.created_at,
                                                             r.id, r.source_type) as tail
                                    offset 0) c;
        return;
    end if;
    return query
        select r.id, r.source_type, r.title, r.creator_id, r.is_private, r.quality_score,
               r.created_at, r.content_type, r.path_thumb, r.updated_at,
               true,
               v_more,
               tagpage_cursor_head('next') || c.tail,
               tagpage_cursor_head('prev') || c.tail,
               v_fetch.strategy
          from unnest(v_rows[1:v_req.page_size]) with ordinality
               as r(id, source_type, title, creator_id, is_private, quality_score, created_at,
                    content_type, path_thumb, updated_at, ord)
          cross join lateral (select tagpage_cursor_tail(v_req.sort, r.quality_score, r.created_at,
                                                         r.id, r.source_type) as tail
                                offset 0) c
         order by r.ord desc;
end;
$_$;


--
-- Name: unified_content_plan(uuid[], text, integer, uuid, text[], text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unified_content_plan(tags uuid[] DEFAULT NULL::uuid[], cursor text DEFAULT NULL::text, page_size integer DEFAULT 25, user_id uuid DEFAULT NULL::uuid, source_types text[] DEFAULT NULL::text[], tag_match text DEFAULT 'all'::text, sort text DEFAULT 'created_at_desc'::text, tag_query text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET plan_cache_mode TO 'force_generic_plan'
    AS $_$
declare
    v_req   tagpage_request;
    v_plan  jsonb;
begin
    -- Validates exactly like unified_content_page (same errors), then asks the planner for its
    -- decision with the estimates it compared, and says whether a precompiled statement serves.
    v_req := tagpage_request_build($1, $2, coalesce($3, 25), $4, $5, coalesce($6, 'all'),
                                   coalesce($7, 'created_at_desc'), $8);
    v_plan := (tagpage_plan(v_req, true)).detail;
    return v_plan || jsonb_build_object('precompiled', tagpage_static_serves(v_req, v_plan->>'strategy'));
end;
$_$;


--
-- Name: alembic_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: content_items_auto_more; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.content_items_auto_more (
    source_id bigint NOT NULL,
    metadata_more jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: TABLE content_items_auto_more; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.content_items_auto_more IS 'Sidecar of bulky metadata for content_items_auto rows.';


--
-- Name: COLUMN content_items_auto_more.source_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_auto_more.source_id IS 'content_items_auto.id this row extends.';


--
-- Name: COLUMN content_items_auto_more.metadata_more; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_auto_more.metadata_more IS 'Extra metadata.';


--
-- Name: content_items_more; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.content_items_more (
    source_id bigint NOT NULL,
    metadata_more jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: TABLE content_items_more; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.content_items_more IS 'Sidecar of bulky metadata for content_items rows, kept out of the hot table.';


--
-- Name: COLUMN content_items_more.source_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_more.source_id IS 'content_items.id this row extends.';


--
-- Name: COLUMN content_items_more.metadata_more; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_items_more.metadata_more IS 'Extra metadata.';


--
-- Name: content_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.content_tags (
    content_id bigint NOT NULL,
    content_source text NOT NULL,
    tag_id uuid NOT NULL
);


--
-- Name: TABLE content_tags; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.content_tags IS 'Which tags each content row carries (~75 per row in the gallery).';


--
-- Name: COLUMN content_tags.content_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_tags.content_id IS 'content_items_all.id of the tagged row.';


--
-- Name: COLUMN content_tags.content_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_tags.content_source IS 'content_items_all.source_type of the tagged row (items/auto).';


--
-- Name: COLUMN content_tags.tag_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.content_tags.tag_id IS 'The tag.';


--
-- Name: count_creator_bitmap; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.count_creator_bitmap (
    creator_id uuid NOT NULL,
    content_source text NOT NULL,
    bits bit varying NOT NULL,
    bit_rows bigint NOT NULL,
    sample_bits bit varying,
    CONSTRAINT count_creator_bitmap_bit_rows_check CHECK ((bit_rows >= 0)),
    CONSTRAINT count_creator_bitmap_content_source_check CHECK ((content_source = ANY (ARRAY['items'::text, 'auto'::text])))
);


--
-- Name: TABLE count_creator_bitmap; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.count_creator_bitmap IS 'Per creator and source: the rows the creator had at the last build (private ones included), for the user-* and community scopes.';


--
-- Name: COLUMN count_creator_bitmap.creator_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_creator_bitmap.creator_id IS 'The creator (users.id; no foreign key, derived data).';


--
-- Name: COLUMN count_creator_bitmap.content_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_creator_bitmap.content_source IS 'items or auto.';


--
-- Name: COLUMN count_creator_bitmap.bits; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_creator_bitmap.bits IS 'Bit set for each of the creator''s rows.';


--
-- Name: COLUMN count_creator_bitmap.bit_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_creator_bitmap.bit_rows IS 'Bits set in bits.';


--
-- Name: COLUMN count_creator_bitmap.sample_bits; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_creator_bitmap.sample_bits IS 'bits over the sample (bit p: the id tagpage_sample_id keeps in block p); NULL when the creator has no sampled row.';


--
-- Name: count_dirty_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.count_dirty_keys (
    kind text NOT NULL,
    key uuid NOT NULL,
    logged_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT count_dirty_keys_kind_check CHECK ((kind = ANY (ARRAY['tag'::text, 'creator'::text])))
);


--
-- Name: TABLE count_dirty_keys; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.count_dirty_keys IS 'Insert-only log of the tags and creators whose bitmaps the rows in count_dirty_rows may have changed (their old and new tags and creators), so count_bitmaps_fold rewrites only those bitmaps.';


--
-- Name: COLUMN count_dirty_keys.kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_dirty_keys.kind IS 'tag or creator.';


--
-- Name: COLUMN count_dirty_keys.key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_dirty_keys.key IS 'The tag id or creator id.';


--
-- Name: COLUMN count_dirty_keys.logged_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_dirty_keys.logged_at IS 'Transaction time of the write.';


--
-- Name: count_dirty_rows; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.count_dirty_rows (
    content_source text NOT NULL,
    content_id bigint NOT NULL,
    logged_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE count_dirty_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.count_dirty_rows IS 'Insert-only log of content rows written since the count bitmaps were built (statement triggers on content_tags and the content tables); counts evaluate these rows live, and the next build empties the log. No keys: writers only append.';


--
-- Name: COLUMN count_dirty_rows.content_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_dirty_rows.content_source IS 'Source of the written row.';


--
-- Name: COLUMN count_dirty_rows.content_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_dirty_rows.content_id IS 'Id of the written row (it may since have been deleted).';


--
-- Name: COLUMN count_dirty_rows.logged_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_dirty_rows.logged_at IS 'Transaction time of the write.';


--
-- Name: count_tag_bitmap; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.count_tag_bitmap (
    tag_id uuid NOT NULL,
    items_bits bit varying,
    items_rows bigint NOT NULL,
    auto_bits bit varying,
    auto_rows bigint NOT NULL,
    total_rows bigint NOT NULL,
    CONSTRAINT count_tag_bitmap_auto_rows_check CHECK ((auto_rows >= 0)),
    CONSTRAINT count_tag_bitmap_items_rows_check CHECK ((items_rows >= 0)),
    CONSTRAINT count_tag_bitmap_total_rows_check CHECK ((total_rows >= 0))
);


--
-- Name: TABLE count_tag_bitmap; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.count_tag_bitmap IS 'Per tag with content: which rows of each source carried it at the last build, as bitmaps over content ids (see count_bitmap_source.width). Derived from content_tags; rebuilt by refresh_tag_cardinality_stats.';


--
-- Name: COLUMN count_tag_bitmap.tag_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_bitmap.tag_id IS 'The tag (no foreign key: a deleted tag''s row lingers, unused, until the next build).';


--
-- Name: COLUMN count_tag_bitmap.items_bits; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_bitmap.items_bits IS 'items rows carrying the tag; NULL when none in the covered range.';


--
-- Name: COLUMN count_tag_bitmap.items_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_bitmap.items_rows IS 'Bits set in items_bits.';


--
-- Name: COLUMN count_tag_bitmap.auto_bits; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_bitmap.auto_bits IS 'auto rows carrying the tag; NULL when none in the covered range.';


--
-- Name: COLUMN count_tag_bitmap.auto_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_bitmap.auto_rows IS 'Bits set in auto_bits.';


--
-- Name: COLUMN count_tag_bitmap.total_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_bitmap.total_rows IS 'items_rows + auto_rows: related_tags visits tags in this order and stops when no later tag can make the list.';


--
-- Name: count_tag_sample; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.count_tag_sample (
    tag_id uuid NOT NULL,
    items_bits bit varying,
    auto_bits bit varying,
    total_rows bigint NOT NULL,
    CONSTRAINT count_tag_sample_total_rows_check CHECK ((total_rows >= 0))
);


--
-- Name: TABLE count_tag_sample; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.count_tag_sample IS 'Per tag with sampled content: which rows of the sample (one id in 16, tagpage_sample_id) carried it at the last build or fold, bit p standing for the id kept in block p (ids 16p .. 16p + 15). Derived from content_tags with count_tag_bitmap; related_tags estimates from it when the matches exceed exact_limit.';


--
-- Name: COLUMN count_tag_sample.tag_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_sample.tag_id IS 'The tag (no foreign key, derived data, like count_tag_bitmap).';


--
-- Name: COLUMN count_tag_sample.items_bits; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_sample.items_bits IS 'Sampled items rows carrying the tag (tagpage_sample_width(width) bits); NULL when none.';


--
-- Name: COLUMN count_tag_sample.auto_bits; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_sample.auto_bits IS 'Sampled auto rows carrying the tag; NULL when none.';


--
-- Name: COLUMN count_tag_sample.total_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.count_tag_sample.total_rows IS 'Bits set in items_bits and auto_bits: related_tags walks the sample in this order and stops when no later tag can make the list.';


--
-- Name: tag_cardinality_deltas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tag_cardinality_deltas (
    tag_id uuid NOT NULL,
    content_source text NOT NULL,
    delta bigint NOT NULL,
    logged_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE tag_cardinality_deltas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.tag_cardinality_deltas IS 'Insert-only log of content_tags count changes (statement-level triggers), folded into the stats by apply_tag_cardinality_deltas() or the next full refresh. No keys or FKs: writers only append.';


--
-- Name: COLUMN tag_cardinality_deltas.tag_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_cardinality_deltas.tag_id IS 'Tag whose count changed (may since have been deleted; folding skips it).';


--
-- Name: COLUMN tag_cardinality_deltas.content_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_cardinality_deltas.content_source IS 'items or auto.';


--
-- Name: COLUMN tag_cardinality_deltas.delta; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_cardinality_deltas.delta IS 'Change in the number of content rows carrying the tag (negative for deletes).';


--
-- Name: COLUMN tag_cardinality_deltas.logged_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_cardinality_deltas.logged_at IS 'Transaction time of the change.';


--
-- Name: tag_total_stats; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tag_total_stats (
    tag_id uuid NOT NULL,
    cardinality bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tag_total_stats_cardinality_check CHECK ((cardinality >= 0))
);


--
-- Name: TABLE tag_total_stats; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.tag_total_stats IS 'Content rows per tag over both sources (sum of tag_cardinality_stats), so popular_tags() over all sources walks an index.';


--
-- Name: COLUMN tag_total_stats.tag_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_total_stats.tag_id IS 'The tag.';


--
-- Name: COLUMN tag_total_stats.cardinality; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_total_stats.cardinality IS 'Content rows (items + auto) carrying the tag.';


--
-- Name: COLUMN tag_total_stats.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tag_total_stats.updated_at IS 'When the count was last computed or adjusted.';


--
-- Name: tagpage_installed_function; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tagpage_installed_function (
    revision text NOT NULL,
    signature text NOT NULL
);


--
-- Name: TABLE tagpage_installed_function; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.tagpage_installed_function IS 'Functions each migration revision created from plpgsql/, so its downgrade drops exactly them.';


--
-- Name: COLUMN tagpage_installed_function.revision; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_installed_function.revision IS 'Alembic revision id.';


--
-- Name: COLUMN tagpage_installed_function.signature; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tagpage_installed_function.signature IS 'regprocedure text of the function.';


--
-- Name: tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tags (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE tags; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.tags IS 'Tag vocabulary; content_tags links content rows to these.';


--
-- Name: COLUMN tags.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tags.id IS 'Primary key, the id callers pass to unified_content_page.';


--
-- Name: COLUMN tags.name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tags.name IS 'Unique display name; prefix search uses tags_name_pattern_idx.';


--
-- Name: COLUMN tags.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.tags.created_at IS 'When the tag was created.';


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    username text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE users; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.users IS 'People who create content; private rows are visible only to their creator.';


--
-- Name: COLUMN users.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.id IS 'Primary key.';


--
-- Name: COLUMN users.username; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.username IS 'Unique login name.';


--
-- Name: COLUMN users.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.created_at IS 'When the user was created.';


--
-- Name: content_items; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_all ATTACH PARTITION public.content_items FOR VALUES IN ('items');


--
-- Name: content_items_auto; Type: TABLE ATTACH; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_all ATTACH PARTITION public.content_items_auto FOR VALUES IN ('auto');


--
-- Name: content_items_all id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_all ALTER COLUMN id SET DEFAULT nextval('public.content_items_all_id_seq'::regclass);


--
-- Name: alembic_version alembic_version_pkc; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: content_items_all content_items_all_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_all
    ADD CONSTRAINT content_items_all_pkey PRIMARY KEY (id, source_type);


--
-- Name: content_items_auto content_items_auto_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_auto
    ADD CONSTRAINT content_items_auto_id_key UNIQUE (id);


--
-- Name: content_items_auto_more content_items_auto_more_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_auto_more
    ADD CONSTRAINT content_items_auto_more_pkey PRIMARY KEY (source_id);


--
-- Name: content_items_auto content_items_auto_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_auto
    ADD CONSTRAINT content_items_auto_pkey PRIMARY KEY (id, source_type);


--
-- Name: content_items content_items_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items
    ADD CONSTRAINT content_items_id_key UNIQUE (id);


--
-- Name: content_items_more content_items_more_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_more
    ADD CONSTRAINT content_items_more_pkey PRIMARY KEY (source_id);


--
-- Name: content_items content_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items
    ADD CONSTRAINT content_items_pkey PRIMARY KEY (id, source_type);


--
-- Name: content_source_stats content_source_stats_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_source_stats
    ADD CONSTRAINT content_source_stats_pkey PRIMARY KEY (content_source);


--
-- Name: content_tags content_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_tags
    ADD CONSTRAINT content_tags_pkey PRIMARY KEY (content_id, content_source, tag_id);


--
-- Name: count_bitmap_source count_bitmap_source_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.count_bitmap_source
    ADD CONSTRAINT count_bitmap_source_pkey PRIMARY KEY (content_source);


--
-- Name: count_creator_bitmap count_creator_bitmap_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.count_creator_bitmap
    ADD CONSTRAINT count_creator_bitmap_pkey PRIMARY KEY (creator_id, content_source);


--
-- Name: count_tag_bitmap count_tag_bitmap_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.count_tag_bitmap
    ADD CONSTRAINT count_tag_bitmap_pkey PRIMARY KEY (tag_id);


--
-- Name: count_tag_sample count_tag_sample_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.count_tag_sample
    ADD CONSTRAINT count_tag_sample_pkey PRIMARY KEY (tag_id);


--
-- Name: planner_config planner_config_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.planner_config
    ADD CONSTRAINT planner_config_pkey PRIMARY KEY (key);


--
-- Name: tag_cardinality_stats tag_cardinality_stats_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag_cardinality_stats
    ADD CONSTRAINT tag_cardinality_stats_pkey PRIMARY KEY (tag_id, content_source);


--
-- Name: tag_total_stats tag_total_stats_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag_total_stats
    ADD CONSTRAINT tag_total_stats_pkey PRIMARY KEY (tag_id);


--
-- Name: tagpage_installed_function tagpage_installed_function_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tagpage_installed_function
    ADD CONSTRAINT tagpage_installed_function_pkey PRIMARY KEY (revision, signature);


--
-- Name: tags tags_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_name_key UNIQUE (name);


--
-- Name: tags tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_pkey PRIMARY KEY (id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: users users_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_username_key UNIQUE (username);


--
-- Name: content_items_all_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_all_created_idx ON ONLY public.content_items_all USING btree (created_at DESC, id DESC, source_type DESC);


--
-- Name: INDEX content_items_all_created_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.content_items_all_created_idx IS 'Keyset order for created_at_desc (forward scan) and created_at_asc (backward scan).';


--
-- Name: content_items_all_creator_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_all_creator_created_idx ON ONLY public.content_items_all USING btree (creator_id, created_at DESC, id DESC, source_type DESC);


--
-- Name: INDEX content_items_all_creator_created_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.content_items_all_creator_created_idx IS 'One creator''s rows in created_at order: the user-* sources and the creator FK.';


--
-- Name: content_items_all_creator_quality_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_all_creator_quality_idx ON ONLY public.content_items_all USING btree (creator_id, quality_score DESC, created_at DESC, id DESC, source_type DESC);


--
-- Name: INDEX content_items_all_creator_quality_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.content_items_all_creator_quality_idx IS 'One creator''s rows in quality_score_desc order: the user-* sources under that sort.';


--
-- Name: content_items_all_quality_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_all_quality_idx ON ONLY public.content_items_all USING btree (quality_score DESC, created_at DESC, id DESC, source_type DESC);


--
-- Name: INDEX content_items_all_quality_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.content_items_all_quality_idx IS 'Keyset order for quality_score_desc.';


--
-- Name: content_items_auto_created_at_id_source_type_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_auto_created_at_id_source_type_idx ON public.content_items_auto USING btree (created_at DESC, id DESC, source_type DESC);


--
-- Name: content_items_auto_creator_id_created_at_id_source_type_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_auto_creator_id_created_at_id_source_type_idx ON public.content_items_auto USING btree (creator_id, created_at DESC, id DESC, source_type DESC);


--
-- Name: content_items_auto_creator_id_quality_score_created_at_id_s_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_auto_creator_id_quality_score_created_at_id_s_idx ON public.content_items_auto USING btree (creator_id, quality_score DESC, created_at DESC, id DESC, source_type DESC);


--
-- Name: content_items_auto_quality_score_created_at_id_source_type_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_auto_quality_score_created_at_id_source_type_idx ON public.content_items_auto USING btree (quality_score DESC, created_at DESC, id DESC, source_type DESC);


--
-- Name: content_items_created_at_id_source_type_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_created_at_id_source_type_idx ON public.content_items USING btree (created_at DESC, id DESC, source_type DESC);


--
-- Name: content_items_creator_id_created_at_id_source_type_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_creator_id_created_at_id_source_type_idx ON public.content_items USING btree (creator_id, created_at DESC, id DESC, source_type DESC);


--
-- Name: content_items_creator_id_quality_score_created_at_id_source_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_creator_id_quality_score_created_at_id_source_idx ON public.content_items USING btree (creator_id, quality_score DESC, created_at DESC, id DESC, source_type DESC);


--
-- Name: content_items_quality_score_created_at_id_source_type_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_items_quality_score_created_at_id_source_type_idx ON public.content_items USING btree (quality_score DESC, created_at DESC, id DESC, source_type DESC);


--
-- Name: content_tags_tag_source_content_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX content_tags_tag_source_content_idx ON public.content_tags USING btree (tag_id, content_source, content_id);


--
-- Name: INDEX content_tags_tag_source_content_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.content_tags_tag_source_content_idx IS 'Posting list of a tag per source: the tag-first strategies and statistics read it.';


--
-- Name: count_tag_bitmap_auto_rows_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX count_tag_bitmap_auto_rows_idx ON public.count_tag_bitmap USING btree (auto_rows DESC, tag_id);


--
-- Name: INDEX count_tag_bitmap_auto_rows_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.count_tag_bitmap_auto_rows_idx IS 'related_tags walks tags by their auto rows when the matches are all auto rows.';


--
-- Name: count_tag_bitmap_items_rows_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX count_tag_bitmap_items_rows_idx ON public.count_tag_bitmap USING btree (items_rows DESC, tag_id);


--
-- Name: INDEX count_tag_bitmap_items_rows_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.count_tag_bitmap_items_rows_idx IS 'related_tags walks tags by their items rows when the matches are all items rows.';


--
-- Name: count_tag_bitmap_total_rows_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX count_tag_bitmap_total_rows_idx ON public.count_tag_bitmap USING btree (total_rows DESC, tag_id);


--
-- Name: INDEX count_tag_bitmap_total_rows_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.count_tag_bitmap_total_rows_idx IS 'related_tags walks tags most frequent first.';


--
-- Name: count_tag_sample_total_rows_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX count_tag_sample_total_rows_idx ON public.count_tag_sample USING btree (total_rows DESC, tag_id);


--
-- Name: INDEX count_tag_sample_total_rows_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.count_tag_sample_total_rows_idx IS 'related_tags walks the sampled tags most frequent first.';


--
-- Name: tag_cardinality_stats_source_cardinality_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tag_cardinality_stats_source_cardinality_idx ON public.tag_cardinality_stats USING btree (content_source, cardinality DESC, tag_id);


--
-- Name: INDEX tag_cardinality_stats_source_cardinality_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.tag_cardinality_stats_source_cardinality_idx IS 'popular_tags(p_content_source => ...): top-N of one source by cardinality without sorting.';


--
-- Name: tag_total_stats_cardinality_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tag_total_stats_cardinality_idx ON public.tag_total_stats USING btree (cardinality DESC, tag_id);


--
-- Name: INDEX tag_total_stats_cardinality_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.tag_total_stats_cardinality_idx IS 'popular_tags() over all sources: top-N by cardinality without sorting.';


--
-- Name: tags_name_lower_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tags_name_lower_idx ON public.tags USING btree (lower(name));


--
-- Name: INDEX tags_name_lower_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.tags_name_lower_idx IS 'Case-insensitive tag-name lookup: tagpage_tag_query_normalize resolves a query''s names with lower(name) = any(...).';


--
-- Name: tags_name_pattern_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tags_name_pattern_idx ON public.tags USING btree (name text_pattern_ops);


--
-- Name: INDEX tags_name_pattern_idx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.tags_name_pattern_idx IS 'Serves tag-name prefix search (LIKE ''abc%'') for the tag picker.';


--
-- Name: content_items_auto_created_at_id_source_type_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_created_idx ATTACH PARTITION public.content_items_auto_created_at_id_source_type_idx;


--
-- Name: content_items_auto_creator_id_created_at_id_source_type_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_creator_created_idx ATTACH PARTITION public.content_items_auto_creator_id_created_at_id_source_type_idx;


--
-- Name: content_items_auto_creator_id_quality_score_created_at_id_s_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_creator_quality_idx ATTACH PARTITION public.content_items_auto_creator_id_quality_score_created_at_id_s_idx;


--
-- Name: content_items_auto_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_pkey ATTACH PARTITION public.content_items_auto_pkey;


--
-- Name: content_items_auto_quality_score_created_at_id_source_type_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_quality_idx ATTACH PARTITION public.content_items_auto_quality_score_created_at_id_source_type_idx;


--
-- Name: content_items_created_at_id_source_type_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_created_idx ATTACH PARTITION public.content_items_created_at_id_source_type_idx;


--
-- Name: content_items_creator_id_created_at_id_source_type_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_creator_created_idx ATTACH PARTITION public.content_items_creator_id_created_at_id_source_type_idx;


--
-- Name: content_items_creator_id_quality_score_created_at_id_source_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_creator_quality_idx ATTACH PARTITION public.content_items_creator_id_quality_score_created_at_id_source_idx;


--
-- Name: content_items_pkey; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_pkey ATTACH PARTITION public.content_items_pkey;


--
-- Name: content_items_quality_score_created_at_id_source_type_idx; Type: INDEX ATTACH; Schema: public; Owner: -
--

ALTER INDEX public.content_items_all_quality_idx ATTACH PARTITION public.content_items_quality_score_created_at_id_source_type_idx;


--
-- Name: content_tags content_tags_stats_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER content_tags_stats_delete AFTER DELETE ON public.content_tags REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.log_content_tags_delta();


--
-- Name: content_tags content_tags_stats_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER content_tags_stats_insert AFTER INSERT ON public.content_tags REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.log_content_tags_delta();


--
-- Name: content_tags content_tags_stats_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER content_tags_stats_truncate AFTER TRUNCATE ON public.content_tags FOR EACH STATEMENT EXECUTE FUNCTION public.reset_tag_stats_on_truncate();


--
-- Name: content_tags content_tags_stats_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER content_tags_stats_update AFTER UPDATE ON public.content_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.log_content_tags_delta();


--
-- Name: content_items count_dirty_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_del AFTER DELETE ON public.content_items REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_items_all count_dirty_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_del AFTER DELETE ON public.content_items_all REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_items_auto count_dirty_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_del AFTER DELETE ON public.content_items_auto REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_tags count_dirty_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_del AFTER DELETE ON public.content_tags REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_tags_trigger();


--
-- Name: content_items count_dirty_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_ins AFTER INSERT ON public.content_items REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_items_all count_dirty_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_ins AFTER INSERT ON public.content_items_all REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_items_auto count_dirty_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_ins AFTER INSERT ON public.content_items_auto REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_tags count_dirty_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_ins AFTER INSERT ON public.content_tags REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_tags_trigger();


--
-- Name: content_items count_dirty_trunc; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_trunc AFTER TRUNCATE ON public.content_items FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_items_all count_dirty_trunc; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_trunc AFTER TRUNCATE ON public.content_items_all FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_items_auto count_dirty_trunc; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_trunc AFTER TRUNCATE ON public.content_items_auto FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_tags count_dirty_trunc; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_trunc AFTER TRUNCATE ON public.content_tags FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_tags_trigger();


--
-- Name: content_items count_dirty_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_upd AFTER UPDATE ON public.content_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_items_all count_dirty_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_upd AFTER UPDATE ON public.content_items_all REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_items_auto count_dirty_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_upd AFTER UPDATE ON public.content_items_auto REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_items_trigger();


--
-- Name: content_tags count_dirty_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER count_dirty_upd AFTER UPDATE ON public.content_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.count_dirty_content_tags_trigger();


--
-- Name: content_items tagpage_invalidate_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_del AFTER DELETE ON public.content_items REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_items_all tagpage_invalidate_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_del AFTER DELETE ON public.content_items_all REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_items_auto tagpage_invalidate_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_del AFTER DELETE ON public.content_items_auto REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_tags tagpage_invalidate_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_del AFTER DELETE ON public.content_tags REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_tags_trigger('200', '150');


--
-- Name: tags tagpage_invalidate_del; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_del AFTER DELETE ON public.tags REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_tags_trigger('200', '150');


--
-- Name: content_items tagpage_invalidate_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_ins AFTER INSERT ON public.content_items REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_items_all tagpage_invalidate_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_ins AFTER INSERT ON public.content_items_all REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_items_auto tagpage_invalidate_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_ins AFTER INSERT ON public.content_items_auto REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_tags tagpage_invalidate_ins; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_ins AFTER INSERT ON public.content_tags REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_tags_trigger('200', '150');


--
-- Name: content_items tagpage_invalidate_trunc; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_trunc AFTER TRUNCATE ON public.content_items FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_items_all tagpage_invalidate_trunc; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_trunc AFTER TRUNCATE ON public.content_items_all FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_items_auto tagpage_invalidate_trunc; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_trunc AFTER TRUNCATE ON public.content_items_auto FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_tags tagpage_invalidate_trunc; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_trunc AFTER TRUNCATE ON public.content_tags FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_tags_trigger('200', '150');


--
-- Name: tags tagpage_invalidate_trunc; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_trunc AFTER TRUNCATE ON public.tags FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_tags_trigger('200', '150');


--
-- Name: content_items tagpage_invalidate_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_upd AFTER UPDATE ON public.content_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_items_all tagpage_invalidate_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_upd AFTER UPDATE ON public.content_items_all REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_items_auto tagpage_invalidate_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_upd AFTER UPDATE ON public.content_items_auto REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_items_trigger('200', '150');


--
-- Name: content_tags tagpage_invalidate_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_upd AFTER UPDATE ON public.content_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_content_tags_trigger('200', '150');


--
-- Name: tags tagpage_invalidate_upd; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tagpage_invalidate_upd AFTER UPDATE ON public.tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.invalidation_tags_trigger('200', '150');


--
-- Name: content_items_all content_items_all_creator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE public.content_items_all
    ADD CONSTRAINT content_items_all_creator_id_fkey FOREIGN KEY (creator_id) REFERENCES public.users(id);


--
-- Name: content_items_auto_more content_items_auto_more_source_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_auto_more
    ADD CONSTRAINT content_items_auto_more_source_id_fkey FOREIGN KEY (source_id) REFERENCES public.content_items_auto(id) ON DELETE CASCADE;


--
-- Name: content_items_more content_items_more_source_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_items_more
    ADD CONSTRAINT content_items_more_source_id_fkey FOREIGN KEY (source_id) REFERENCES public.content_items(id) ON DELETE CASCADE;


--
-- Name: content_tags content_tags_content_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_tags
    ADD CONSTRAINT content_tags_content_fkey FOREIGN KEY (content_id, content_source) REFERENCES public.content_items_all(id, source_type) ON DELETE CASCADE;


--
-- Name: content_tags content_tags_tag_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.content_tags
    ADD CONSTRAINT content_tags_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES public.tags(id) ON DELETE CASCADE;


--
-- Name: tag_cardinality_stats tag_cardinality_stats_tag_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag_cardinality_stats
    ADD CONSTRAINT tag_cardinality_stats_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES public.tags(id) ON DELETE CASCADE;


--
-- Name: tag_total_stats tag_total_stats_tag_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tag_total_stats
    ADD CONSTRAINT tag_total_stats_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES public.tags(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--
