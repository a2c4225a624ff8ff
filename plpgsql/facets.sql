-- Facets: most-used tags and tag-name prefix search with counts, read from the statistics.

-- Reject a facet request's page size or source (22023), the same way for every facet.
create or replace function facet_check_args(
    p_limit int,
    p_content_source text
)
returns void
immutable
language plpgsql
set search_path = public, pg_temp
as $$
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
comment on function facet_check_args(int, text) is
    'Raise 22023 unless p_limit is 1..1000 and p_content_source is NULL, items or auto (popular_tags, search_tags).';

-- The p_limit most-used tags, overall or in one source, biggest first.
create or replace function popular_tags(
    p_limit int,
    p_content_source text default null,
    p_min_cardinality bigint default 0
)
returns table (id uuid, name text, cardinality bigint)
stable
language plpgsql
set search_path = public, pg_temp
as $$
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
comment on function popular_tags(int, text, bigint) is
    'Most-used tags (all sources or items/auto), at least p_min_cardinality, biggest first; served by the cardinality indexes.';

-- Tags whose name starts with p_prefix, with counts between p_min_count and p_max_count.
create or replace function search_tags(
    p_prefix text,
    p_min_count bigint default null,
    p_max_count bigint default null,
    p_limit int default 20,
    p_content_source text default null
)
returns table (id uuid, name text, cardinality bigint)
stable
language plpgsql
set search_path = public, pg_temp
as $$
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
$$;
comment on function search_tags(text, bigint, bigint, int, text) is
    'Tag picker: tags whose name starts with p_prefix (wildcards literal), counts within [p_min_count, p_max_count], most-used first.';
