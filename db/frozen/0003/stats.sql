-- Tag statistics: the counts the planner chooses strategies from, and how old they are.

-- Serialise the writers of the tag statistics until the end of the transaction.
create or replace function lock_tag_stats_writers()
returns void
volatile
language plpgsql
set search_path = public, pg_temp
as $$
begin
    -- What: a transaction-scoped advisory lock on one fixed key (tagpage revision 0003).
    -- Why: the full refresh, the delta fold and the TRUNCATE reset must not interleave, or a
    -- delta is counted twice or lost; one function keeps the three on the same key.
    perform pg_advisory_xact_lock(4242003);
end;
$$;
comment on function lock_tag_stats_writers() is
    'Transaction advisory lock shared by refresh_tag_cardinality_stats, apply_tag_cardinality_deltas and the content_tags TRUNCATE reset.';

-- Recompute per-tag, per-source content counts, per-tag totals and per-source row totals.
create or replace function refresh_tag_cardinality_stats()
returns bigint
volatile
language plpgsql
set search_path = public, pg_temp
as $$
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

    return v_written;
end;
$$;
comment on function refresh_tag_cardinality_stats() is
    'Recompute tag_cardinality_stats (0 rows for unused tags), tag_total_stats and content_source_stats in one transaction; returns the tag_cardinality_stats rows written (inserted or changed).';

-- How old the statistics are, against planner_config stats.freshness_seconds.
create or replace function tag_stats_freshness()
returns table (refreshed_at timestamptz, age_seconds double precision, freshness_seconds bigint, is_fresh boolean)
stable
language plpgsql
set search_path = public, pg_temp
as $$
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
comment on function tag_stats_freshness() is
    'Last full statistics refresh, its age in seconds, the stats.freshness_seconds limit and whether the stats are within it.';
