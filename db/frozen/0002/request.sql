-- Argument validation shared by unified_content_page and unified_content_plan.

-- The scope to read in one partition, from the request's source words (see below).
create or replace function tagpage_request_scope(
    p_words     text[],
    p_has_user  boolean,
    p_kind      text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_user      boolean := ('user-' || p_kind) = any(p_words);
    v_community boolean := ('community-' || p_kind) = any(p_words);
begin
    -- p_kind names the partition's words: 'regular' (items) or 'auto'. Without a user only
    -- the community word counts, and it means everyone's public rows.
    return case
        when not p_has_user then case when v_community then 'public' end
        when v_user and v_community then 'all'
        when v_user then 'user'
        when v_community then 'community'
    end;
end;
$$;

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
    if p_sort not in ('created_at_desc', 'created_at_asc', 'quality_score_desc') then
        raise exception 'sort: unknown value "%" (created_at_desc, created_at_asc, quality_score_desc)', p_sort
            using errcode = '22023';
    end if;
    if p_tag_match not in ('all', 'any') then
        raise exception 'tag_match: unknown value "%" (all, any)', p_tag_match using errcode = '22023';
    end if;
    if p_page_size < 1 or p_page_size > 500 then
        raise exception 'page_size: % is out of range 1..500', p_page_size using errcode = '22023';
    end if;

    v_words := coalesce(p_source_types,
                        array['user-regular', 'user-auto', 'community-regular', 'community-auto']);
    if cardinality(v_words) = 0 then
        raise exception 'source_types: empty list (pass NULL for all sources)' using errcode = '22023';
    end if;
    select array_agg(coalesce(w, 'NULL')) into v_bad
      from unnest(v_words) w
     where w is null or w not in ('user-regular', 'user-auto', 'community-regular', 'community-auto');
    if v_bad is not null then
        raise exception 'source_types: unknown word(s) %', array_to_string(v_bad, ', ')
            using errcode = '22023',
                  hint = 'use user-regular, user-auto, community-regular, community-auto';
    end if;
    items_scope := tagpage_request_scope(v_words, p_user_id is not null, 'regular');
    auto_scope := tagpage_request_scope(v_words, p_user_id is not null, 'auto');

    if array_position(p_tags, null) is not null then
        raise exception 'tags: contains NULL' using errcode = '22023';
    end if;
    select coalesce(array_agg(distinct t), '{}') into tags from unnest(p_tags) t;
    select coalesce((value #>> '{}')::integer, 50) into v_max_tags
      from planner_config where key = 'max_tags';
    if cardinality(tags) > coalesce(v_max_tags, 50) then
        raise exception 'tags: % distinct tags, more than max_tags (%)', cardinality(tags), coalesce(v_max_tags, 50)
            using errcode = '22023';
    end if;
    select string_agg(t::text, ', ' order by t) into v_unknown
      from unnest(tags) t
     where not exists (select 1 from public.tags g where g.id = t);
    if v_unknown is not null then
        raise exception 'tags: unknown tag id(s)' using errcode = '22023', detail = v_unknown;
    end if;
end;
$$;
