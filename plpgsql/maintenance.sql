-- Index maintenance: redundant indexes, and a report of sizes, use and estimated bloat.

-- Positions (1-based) in p_full where the columns of p_sub appear in order, or NULL if they do not.
create or replace function index_key_positions(p_sub int2[], p_full int2[])
returns int[]
immutable
language plpgsql
set search_path = public, pg_temp
as $$
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
comment on function index_key_positions(int2[], int2[]) is
    'Where the key columns p_sub occur, in order, inside p_full (1-based positions), or NULL.';

-- Indexes another index on the same table makes unnecessary, with the index that supersedes each.
create or replace function redundant_indexes(p_max_gap_distinct double precision default 16)
returns table (
    schema_name         text,
    table_name          text,
    index_name          text,
    index_columns       text,
    superseded_by       text,
    superseding_columns text,
    reason              text,
    index_size_bytes    bigint,
    drop_statement      text
)
stable
language plpgsql
set search_path = public, pg_temp
as $$
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
comment on function redundant_indexes(double precision) is
    'Indexes superseded by another on the same table (duplicate, leading prefix, or prefix with only low-cardinality columns between), never unique or constraint-backing ones; with the DROP statement cleanup runs.';

-- Every index outside the system schemas: columns, size, scans, estimated bloat, redundancy.
create or replace function index_report()
returns table (
    schema_name        text,
    table_name         text,
    index_name         text,
    index_columns      text,
    index_size_bytes   bigint,
    idx_scan           bigint,
    is_unique          boolean,
    backs_constraint   boolean,
    is_partitioned     boolean,
    unused             boolean,
    est_bloat_bytes    bigint,
    est_bloat_ratio    numeric,
    redundant_reason   text,
    superseded_by      text
)
stable
language plpgsql
set search_path = public, pg_temp
as $$
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
comment on function index_report() is
    'Per index: columns, size, scans (unused = never scanned and not enforcing a constraint), estimated btree bloat, and redundancy from redundant_indexes().';
