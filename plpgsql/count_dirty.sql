-- The rows written since the count bitmaps were built, logged by statement triggers.
--
-- A count takes the bitmaps as the truth for every row not in count_dirty_rows and evaluates the
-- logged rows live, so it is exact at the caller's snapshot: the log row commits with the write
-- it records, and the build that folds it in deletes it in the same statement that reads the
-- write. Appending takes no row locks (the same choice as tag_cardinality_deltas, measured in
-- docs/db.md); TRUNCATE, which has no transition rows, drops the bitmaps of both sources, and
-- counts scan until the next build.

-- Statement trigger on content_tags: log every row whose tags a statement changed, and the tags.
create or replace function count_dirty_content_tags_trigger()
    returns trigger
    volatile
    security definer
    language plpgsql
    set search_path = public, pg_temp
as $$
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
comment on function count_dirty_content_tags_trigger() is
    'Statement trigger on content_tags: append the touched content rows to count_dirty_rows (TRUNCATE drops the count bitmaps).';

-- Statement trigger on content_items_all and each partition: log rows whose count bits changed.
create or replace function count_dirty_content_items_trigger()
    returns trigger
    volatile
    security definer
    language plpgsql
    set search_path = public, pg_temp
as $$
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
comment on function count_dirty_content_items_trigger() is
    'Statement trigger on content_items_all and its partitions: append rows inserted, deleted, re-identified or changed in creator or privacy to count_dirty_rows (TRUNCATE drops the count bitmaps).';

-- Create the count_dirty_* statement triggers on content_tags, content_items_all and every partition.
create or replace function count_dirty_install_triggers()
    returns integer
    volatile
    language plpgsql
    set search_path = public, pg_temp
as $$
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
comment on function count_dirty_install_triggers() is
    'Create the count_dirty_* statement triggers on content_tags, content_items_all and each partition.';

select count_dirty_install_triggers();
