-- Incremental statistics: content_tags changes logged as deltas, folded into the counts later.

-- Log the per-tag, per-source row delta of one content_tags statement (statement-level trigger).
create or replace function log_content_tags_delta()
returns trigger
volatile
security definer
language plpgsql
set search_path = public, pg_temp
as $$
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
comment on function log_content_tags_delta() is
    'Statement-level trigger on content_tags: appends per-tag, per-source count deltas to tag_cardinality_deltas.';

-- Zero the statistics when content_tags is truncated (transition tables do not see TRUNCATE).
create or replace function reset_tag_stats_on_truncate()
returns trigger
volatile
security definer
language plpgsql
set search_path = public, pg_temp
as $$
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
comment on function reset_tag_stats_on_truncate() is
    'Statement-level TRUNCATE trigger on content_tags: zeroes tag counts and clears the delta log.';

-- Fold the logged deltas into tag_cardinality_stats and tag_total_stats.
create or replace function apply_tag_cardinality_deltas()
returns bigint
volatile
language plpgsql
set search_path = public, pg_temp
as $$
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
comment on function apply_tag_cardinality_deltas() is
    'Fold tag_cardinality_deltas into tag_cardinality_stats and tag_total_stats; returns the (tag, source) counts changed.';

-- Transition tables allow one event per trigger, hence three row-change triggers.
create trigger content_tags_stats_insert
    after insert on content_tags
    referencing new table as new_rows
    for each statement execute function log_content_tags_delta();
create trigger content_tags_stats_delete
    after delete on content_tags
    referencing old table as old_rows
    for each statement execute function log_content_tags_delta();
create trigger content_tags_stats_update
    after update on content_tags
    referencing old table as old_rows new table as new_rows
    for each statement execute function log_content_tags_delta();
create trigger content_tags_stats_truncate
    after truncate on content_tags
    for each statement execute function reset_tag_stats_on_truncate();
