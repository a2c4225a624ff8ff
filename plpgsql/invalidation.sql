-- Cache invalidation: the database announces every write that can change a cached page.
--
-- Writes may come from any SQL client, so the web cache cannot rely on the application to
-- invalidate.  Statement-level AFTER triggers with transition tables on content_tags,
-- content_items_all (and each of its partitions, because a write aimed straight at a partition
-- does not fire the parent's statement triggers) and tags send one NOTIFY per statement on the
-- channel 'tagpage_invalidate'.  PostgreSQL delivers it at commit (never on rollback) and folds
-- identical payloads of one transaction into one.
--
-- Payloads (compact JSON, always under the 8000-byte NOTIFY limit):
--   {"v":1,"src":["items"],"tags":["<uuid>",...]}  targeted: pages filtered by any listed tag,
--                                                   and tag-less pages reading a listed source
--   {"v":1,"flush":["items","auto"]}                every page that reads a listed source
-- A page also displays each item's tag names, so a write to item X lists every tag X carries
-- (any page that can show X is filtered by one of them, or by none).  Statements touching more
-- than p_max_rows content rows, or more than p_max_tags tags, send a flush instead of scanning:
-- the write path stays a few index probes for ordinary writes.
--
-- The trigger functions are SECURITY DEFINER (search_path pinned, no caller input but the
-- transition rows): a writer role needs neither EXECUTE on the helpers below (revision 0005
-- revokes EXECUTE from PUBLIC) nor SELECT on content_tags for the tag lookup.


-- Build the invalidation payload for the given sources and tags (a flush when too many tags).
create or replace function invalidation_message(
    p_sources   text[],
    p_tags      uuid[],
    p_max_tags  integer default 150
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
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
comment on function invalidation_message(text[], uuid[], integer) is
    'Compact JSON invalidation payload for sources and tags; a flush of both sources when the tags would not fit.';


-- Send one invalidation for content rows (every tag they carry now) plus extra tags.
create or replace function invalidation_publish(
    p_content_ids      bigint[],
    p_content_sources  text[],
    p_tags             uuid[],
    p_max_tags         integer default 150
)
    returns text
    volatile
    language plpgsql
    set search_path = public, pg_temp
as $$
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
comment on function invalidation_publish(bigint[], text[], uuid[], integer) is
    'NOTIFY tagpage_invalidate for the given content rows (with all their current tags) and tags.';


-- Send a flush of the given sources: every cached page reading them is invalid.
create or replace function invalidation_flush(
    p_sources  text[] default array['auto', 'items']
)
    returns text
    volatile
    language plpgsql
    set search_path = public, pg_temp
as $$
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
comment on function invalidation_flush(text[]) is
    'NOTIFY tagpage_invalidate with a flush of whole sources (bulk writes, TRUNCATE, tag renames).';


-- Statement trigger on content_tags: announce the tags and rows a statement changed.
create or replace function invalidation_content_tags_trigger()
    returns trigger
    volatile
    security definer
    language plpgsql
    set search_path = public, pg_temp
as $$
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
comment on function invalidation_content_tags_trigger() is
    'Statement trigger on content_tags: NOTIFY the changed tags and the touched rows'' tags (args: max rows, max tags).';


-- Statement trigger on content_items_all and its partitions: announce the rows a statement changed.
create or replace function invalidation_content_items_trigger()
    returns trigger
    volatile
    security definer
    language plpgsql
    set search_path = public, pg_temp
as $$
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
comment on function invalidation_content_items_trigger() is
    'Statement trigger on content_items_all and its partitions: NOTIFY the touched rows'' sources and tags (args: max rows, max tags).';


-- Statement trigger on tags: a rename changes names shown on any page, a delete its own pages.
create or replace function invalidation_tags_trigger()
    returns trigger
    volatile
    security definer
    language plpgsql
    set search_path = public, pg_temp
as $$
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
comment on function invalidation_tags_trigger() is
    'Statement trigger on tags: flush on rename or truncate, announce deleted tag ids.';


-- Create the invalidation triggers on content_tags, tags, content_items_all and every partition.
create or replace function invalidation_install_triggers(
    p_max_rows  integer default 200,
    p_max_tags  integer default 150
)
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
comment on function invalidation_install_triggers(integer, integer) is
    'Create the tagpage_invalidate_* statement triggers on content_tags, tags, content_items_all and each partition.';

select invalidation_install_triggers();
