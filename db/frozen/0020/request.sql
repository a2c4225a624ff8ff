-- A request, validated once: the arguments of unified_content_page reduced to the
-- tagpage_request composite every planner step and strategy statement reads.

-- The scope to read in one partition, from the request's source words (see below).
create or replace function tagpage_request_scope(
    p_words     text[],
    p_has_user  boolean,
    p_kind      text
)
    returns text
    immutable
    language sql
return case
    -- p_kind names the partition's words: 'regular' (items) or 'auto'. Without a user only the
    -- community word counts, and it means everyone's public rows. (A SQL-standard body is bound
    -- when created, so it needs no search_path, and it inlines into the statements using it.)
    when not p_has_user then case when ('community-' || p_kind) = any(p_words) then 'public' end
    when ('user-' || p_kind) = any(p_words) and ('community-' || p_kind) = any(p_words) then 'all'
    when ('user-' || p_kind) = any(p_words) then 'user'
    when ('community-' || p_kind) = any(p_words) then 'community'
end;

-- How a partition is read for a scope: 'user' through the creator index, 'general' in sort order.
create or replace function tagpage_request_kind(
    p_scope text
)
    returns text
    immutable
    language sql
return case when p_scope = 'user' then 'user' when p_scope is not null then 'general' end;

-- Validate a request and reduce it to: distinct tags, and the scope to read in each partition.
create or replace function tagpage_request_normalize(
    p_tags          uuid[],
    p_page_size     integer,
    p_user_id       uuid,
    p_source_types  text[],
    p_tag_match     text,
    p_sort          text,
    out tags        uuid[],
    out items_scope text,
    out auto_scope  text
)
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
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

-- The whole request as one tagpage_request value: validated arguments, cursor position, scopes.
create or replace function tagpage_request_build(
    p_tags          uuid[],
    p_cursor        text,
    p_page_size     integer,
    p_user_id       uuid,
    p_source_types  text[],
    p_tag_match     text,
    p_sort          text,
    p_tag_query     text default null
)
    returns tagpage_request
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
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
    if cardinality(p_tags) = 1 then
        -- one tag (most requests): nothing to de-duplicate, sort or count
        v_tags := p_tags;
        v_k := 1;
        v_rejected := not exists (select 1 from public.tags g where g.id = p_tags[1])
                      or (select (c.value #>> '{}')::integer from public.planner_config c
                           where c.key = 'max_tags') < 1;
        if v_rejected is not false then
            perform tagpage_request_normalize(p_tags, p_page_size, p_user_id, p_source_types, p_tag_match, p_sort);
            raise exception 'request: rejected without a reason' using errcode = 'XX000';
        end if;
    elsif cardinality(p_tags) > 0 then
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
        null,
        null)::tagpage_request;
    if p_tag_query is not null then
        v_req := tagpage_request_with_query(v_req, p_tag_query);
    end if;
    return v_req;
end;
$$;

-- A request narrowed by a boolean tag query: its tags, tags AND the query as one tree (expr).
create or replace function tagpage_request_with_query(
    p_req       tagpage_request,
    p_query     text
)
    returns tagpage_request
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
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
    if p_req.k > 0 then
        v_tags := v_tags || array(select t from unnest(p_req.tags) t where t <> all (v_tags));
    end if;
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
    -- A filter over few tags gets its truth table: its walks are then precompiled
    -- (static_paths.sql). One that never holds keeps none, so its statement folds away.
    if v_req.k <= tagpage_static_query_tags() and v_req.expr ->> 'op' <> 'false' then
        v_req.truth := tagpage_tag_query_truth(v_req.expr);
    end if;
    return v_req;
end;
$$;
