"""The set-based SQL that generates demo data (used by python_admin/demo.py, one step each).

Every pseudo-random choice is hashint8extended(<row key>, <salt>) where the salt is
hashint8extended(<purpose code>, <seed>): the same seed gives the same rows whatever plan or row
order PostgreSQL picks, and different purposes never share a stream. `& 9007199254740991` keeps
53 bits so a hash compares to a probability scaled by 2^53 without numeric arithmetic.

Purpose codes: 1 tag density, 2/3 per-partition count dither, 4/5 affine multipliers,
6/7 affine offsets, 10/11 items row hashes, 12/13 auto row hashes, 14 shared created_at,
20/21 items/auto head-tag draws.
"""
from __future__ import annotations

# Parameters every statement may use: %(seed)s, %(profile)s, %(n_items)s, %(n_auto)s, ...
TRUNCATE = """
truncate content_tags, content_items_more, content_items_auto_more, content_items_all,
         tag_cardinality_stats, content_source_stats, tags, users
    restart identity cascade
"""

USERS = """
insert into users (id, username, created_at)
select md5(%(seed)s::text || ':user:' || u.no)::uuid,
       u.name,
       timestamptz '2025-01-01 00:00:00+00' + u.no * interval '1 day'
  from unnest(%(usernames)s::text[]) with ordinality as u(name, no)
"""

# One row per tag with its density and, for tail tags, the affine permutation that picks its rows.
# genonaut: tag 1 on 82% of rows (the most common tag), the others uniform in 66-80% (~74 per row).
# zipf: density 0.74 / rank (Zipf, s = 1); the last %(empty_tags)s ranks carry nothing.
# A tag is "head" when it is drawn per (row, tag) pair; tail tags (< 2%) get an exact row count
# placed by id = 1 + (mult * j + offs) mod N with gcd(mult, N) = 1, a bijection, so no dedup.
# 64 candidates always hold a coprime: N <= 2^31 has at most 9 distinct prime factors, and the
# longest run of integers sharing a factor with such N (Jacobsthal's function) is well under 64.
DEMO_TAGS = ("""
create temp table _demo_tag on commit drop as
with base as (
    select g.no,
           md5(%(seed)s::text || ':tag:' || g.no)::uuid as id,
           case when g.no <= cardinality(%(words)s::text[]) then (%(words)s::text[])[g.no]
                else (%(words)s::text[])[1 + g.no %% cardinality(%(words)s::text[])] || '_' || g.no
           end as name,
           (hashint8extended(g.no, hashint8extended(1, %(seed)s)) & 9007199254740991)::float8
               / 9007199254740992.0 as u,
           (hashint8extended(g.no, hashint8extended(2, %(seed)s)) & 9007199254740991)::float8
               / 9007199254740992.0 as u_items,
           (hashint8extended(g.no, hashint8extended(3, %(seed)s)) & 9007199254740991)::float8
               / 9007199254740992.0 as u_auto
      from generate_series(1, %(n_tags)s::int) as g(no)
), dens as (
    select b.*,
           case when %(profile)s = 'genonaut' then
                    case when b.no = 1 then 0.82 else 0.66 + 0.14 * b.u end
                when b.no > %(n_tags)s - %(empty_tags)s then 0.0
                else 0.74 / b.no
           end::float8 as density
      from base b
), sized as (
    select d.*,
           d.density >= %(head_min_density)s as head,
           (d.density * 9007199254740992.0)::bigint as threshold,
           floor(d.density * %(n_items)s + d.u_items)::bigint as n_items,
           floor(d.density * %(n_auto)s + d.u_auto)::bigint as n_auto,
           1 + (hashint8extended(d.no, hashint8extended(4, %(seed)s)) & 9007199254740991)
               %% greatest(%(n_items)s - 1, 1) as c_items,
           1 + (hashint8extended(d.no, hashint8extended(5, %(seed)s)) & 9007199254740991)
               %% greatest(%(n_auto)s - 1, 1) as c_auto
      from dens d
)
select s.no, s.id, s.name, s.density, s.head, s.threshold, s.n_items, s.n_auto,
       (select s.c_items + k from generate_series(0, 63) k
         where gcd(s.c_items + k, %(n_items)s::bigint) = 1 order by k limit 1) as mult_items,
       (select s.c_auto + k from generate_series(0, 63) k
         where gcd(s.c_auto + k, %(n_auto)s::bigint) = 1 order by k limit 1) as mult_auto,
       (hashint8extended(s.no, hashint8extended(6, %(seed)s)) & 9007199254740991)
           %% %(n_items)s as offs_items,
       (hashint8extended(s.no, hashint8extended(7, %(seed)s)) & 9007199254740991)
           %% %(n_auto)s as offs_auto
  from sized s
""", """
create temp table _demo_head on commit drop as
    select no, id, threshold from _demo_tag where head
""", "analyze _demo_tag", "analyze _demo_head")

TAGS = """
insert into tags (id, name, created_at)
select id, name, timestamptz '2025-05-01 00:00:00+00' + no * interval '1 second'
  from _demo_tag
 order by no
"""

# Content rows of one partition: ids 1..N in both partitions, so ids collide across them.
# created_at: 150 days from 2025-06-01 in whole seconds (natural ties at large scales); every
# 20th id takes one of 97 shared instants keyed by id alone, so both partitions (and ids 20 and
# 1960 within one) tie exactly.  quality_score: 101 levels, heavy ties.
# The owner (users[1]) creates ids = 2 mod owner_stride (a few dozen per partition), a quarter
# of them private; ids = 5 mod other_private_stride are private rows of other users.
CONTENT = """
insert into content_items_all (id, source_type, title, content_type, content_data, path_thumb,
                               prompt, creator_id, item_metadata, is_private, quality_score,
                               created_at, updated_at)
select g.id,
       %(src)s,
       case when %(src)s = 'items' then 'Artwork ' else 'Generation ' end || g.id,
       'image',
       format('/content/%%s/%%s.png', %(src)s, g.id),
       format('/thumbs/%%s/%%s.svg', %(src)s, g.id),  -- served by web/thumbs.py
       format('%%s, %%s, %%s',
              (%(words)s::text[])[1 + ((r.h1 >> 20) & 1023) %% cardinality(%(words)s::text[])],
              (%(words)s::text[])[1 + ((r.h1 >> 30) & 1023) %% cardinality(%(words)s::text[])],
              (%(words)s::text[])[1 + ((r.h1 >> 40) & 1023) %% cardinality(%(words)s::text[])]),
       case when r.owner then (%(user_ids)s::uuid[])[1]
            else (%(user_ids)s::uuid[])[2 + ((r.h1 >> 10) & 1023) %% (cardinality(%(user_ids)s::uuid[]) - 1)]
       end,
       jsonb_build_object('width', 512 + 256 * ((r.h1 >> 50) & 3),
                          'height', 512 + 256 * ((r.h1 >> 52) & 3),
                          'steps', 20 + ((r.h1 >> 54) & 15)),
       case when r.owner then (g.id / %(owner_stride)s) %% 4 = 0
            else g.id %% %(other_private_stride)s = 5
       end,
       ((r.h1 & 1023) %% 101) / 100.0,
       r.created_at,
       r.created_at + ((r.h2 >> 53) & 1023) * interval '1 minute'
  from generate_series(1, %(n)s::bigint) as g(id)
 cross join lateral (
       select hashint8extended(g.id, hashint8extended(%(row_code)s, %(seed)s)) as h1,
              hashint8extended(g.id, hashint8extended(%(row_code)s + 1, %(seed)s)) as h2,
              g.id %% %(owner_stride)s = 2 as owner,
              timestamptz '2025-06-01 00:00:00+00' + interval '1 second' * (
                  case when g.id %% 20 = 0
                       then (hashint8extended((g.id / 20) %% 97, hashint8extended(14, %(seed)s))
                             & 9007199254740991) %% 12960000
                       else (hashint8extended(g.id, hashint8extended(%(row_code)s + 1, %(seed)s))
                             & 9007199254740991) %% 12960000
                  end) as created_at
       ) as r
"""

# Sidecar rows for every 10th id of each partition.
SIDECARS = ("""
insert into content_items_more (source_id, metadata_more)
select g.id, jsonb_build_object('exif', jsonb_build_object('iso', 100 * (1 + g.id %% 8)), 'rev', 1)
  from generate_series(1, %(n_items)s::bigint, 10) as g(id)
""", """
insert into content_items_auto_more (source_id, metadata_more)
select g.id, jsonb_build_object('sampler', 'euler', 'seed', g.id * 7919 %% 1000003)
  from generate_series(1, %(n_auto)s::bigint, 10) as g(id)
""")

# Head tags: an independent draw per (row, tag), so tags per row is binomial and head tags are
# independent of each other.  Rows are produced in (tag_id, content_source, content_id) order
# (_demo_draw is written in that order and LATERAL keeps it outermost): the posting-list index
# then builds from presorted input, measured 25 s instead of 44 s for both indexes at scale 0.1.
# The key id * 32768 + tag no is unique for tag numbers below 32768.
HEAD_TAGS = ("""
create temp table _demo_draw on commit drop as
select h.no, h.id, h.threshold, s.src, s.n, hashint8extended(s.code, %(seed)s) as salt
  from _demo_head h
 cross join (values ('auto', %(n_auto)s::bigint, 21), ('items', %(n_items)s::bigint, 20)) as s(src, n, code)
 order by h.id, s.src
""", """
insert into content_tags (content_id, content_source, tag_id)
select g.id, d.src, d.id
  from _demo_draw d
 cross join lateral generate_series(1, d.n) as g(id)
 where (hashint8extended(g.id * 32768 + d.no, d.salt) & 9007199254740991) < d.threshold
""")

# Tail tags: exactly n rows each, placed by the tag's affine bijection of 0..N-1; sorted like
# the head rows (the tail is a few rows per content row, so the sort is cheap).
TAIL_TAGS = """
insert into content_tags (content_id, content_source, tag_id)
select x.content_id, x.src, x.id
  from (select t.id, 'items' as src, 1 + (t.mult_items * j + t.offs_items) %% %(n_items)s as content_id
          from _demo_tag t cross join lateral generate_series(0, t.n_items - 1) as j
         where not t.head and t.n_items > 0
        union all
        select t.id, 'auto', 1 + (t.mult_auto * j + t.offs_auto) %% %(n_auto)s
          from _demo_tag t cross join lateral generate_series(0, t.n_auto - 1) as j
         where not t.head and t.n_auto > 0) as x
 order by x.id, x.src, x.content_id
"""

# content_tags' own indexes and the unique/primary constraints behind them, with comments, so
# the load can drop them and rebuild them afterwards exactly as the migrations defined them.
# Indexes an FK elsewhere depends on are left alone.
CONTENT_TAGS_INDEXES = """
select (select relname from pg_class where oid = i.indexrelid) as index_name,
       pg_get_indexdef(i.indexrelid) as index_def,
       obj_description(i.indexrelid, 'pg_class') as index_comment,
       c.conname as constraint_name,
       pg_get_constraintdef(c.oid) as constraint_def,
       obj_description(c.oid, 'pg_constraint') as constraint_comment
  from pg_index i
  left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
                           and c.contype in ('p', 'u')
 where i.indrelid = 'content_tags'::regclass
   and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)
   and (c.oid is not null or not exists (select 1 from pg_constraint x where x.conindid = i.indexrelid))
 order by i.indexrelid
"""

# The load runs with triggers off, so it announces a full flush itself (0004's channel and
# payload; delivered at commit, harmless when nobody listens).
NOTIFY_FLUSH = """select pg_notify('tagpage_invalidate', '{"v":1,"flush":["auto","items"]}')"""

SEQUENCE = """
select setval('content_items_all_id_seq',
              greatest((select coalesce(max(id), 0) from content_items_all), 1))
"""

VACUUM_TABLES = ("users", "tags", "content_items_all", "content_items_more",
                 "content_items_auto_more", "content_tags")

# Fallback for refresh_tag_cardinality_stats() (revision 0003): every tag x source, zero
# included, so a tag on no rows reads 0 rather than the planner's fallback default.
TAG_STATS = """
insert into tag_cardinality_stats (tag_id, content_source, cardinality, updated_at)
select t.id, s.src, coalesce(c.n, 0), now()
  from tags t
 cross join (values ('items'), ('auto')) as s(src)
  left join (select tag_id, content_source, count(*) as n
               from content_tags group by tag_id, content_source) as c
         on c.tag_id = t.id and c.content_source = s.src
    on conflict (tag_id, content_source)
    do update set cardinality = excluded.cardinality, updated_at = excluded.updated_at
"""

SOURCE_STATS = """
insert into content_source_stats (content_source, total_rows, updated_at)
select s.src, (select count(*) from content_items_all c where c.source_type = s.src), now()
  from (values ('items'), ('auto')) as s(src)
    on conflict (content_source)
    do update set total_rows = excluded.total_rows, updated_at = excluded.updated_at
"""
