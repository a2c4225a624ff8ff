-- The engine's public interface as docs/api.md fixes it: names, argument names, types and
-- defaults, output columns, the cursor format, and the objects 0002 creates besides functions.
BEGIN;
select plan(21);

select has_function('public', 'unified_content_page',
    array['uuid[]', 'text', 'integer', 'uuid', 'text[]', 'text', 'text', 'text'],
    'unified_content_page(tags, cursor, page_size, user_id, source_types, tag_match, sort, tag_query) exists');
select has_function('public', 'unified_content_plan',
    array['uuid[]', 'text', 'integer', 'uuid', 'text[]', 'text', 'text', 'text'],
    'unified_content_plan has the same arguments');
select function_returns('public', 'unified_content_plan',
    array['uuid[]', 'text', 'integer', 'uuid', 'text[]', 'text', 'text', 'text'], 'jsonb',
    'unified_content_plan returns jsonb');
select is(
    (select proretset from pg_proc where oid = 'unified_content_page(uuid[],text,integer,uuid,text[],text,text,text)'::regprocedure),
    true, 'unified_content_page returns a set');

-- argument names (callers use named notation) and their defaults
select is(
    (select (proargnames[1:8])::text[] from pg_proc
      where oid = 'unified_content_page(uuid[],text,integer,uuid,text[],text,text,text)'::regprocedure),
    array['tags', 'cursor', 'page_size', 'user_id', 'source_types', 'tag_match', 'sort', 'tag_query'],
    'unified_content_page argument names: the documented ones, tag_query last');
select is(
    (select proargnames::text[] from pg_proc
      where oid = 'unified_content_plan(uuid[],text,integer,uuid,text[],text,text,text)'::regprocedure),
    array['tags', 'cursor', 'page_size', 'user_id', 'source_types', 'tag_match', 'sort', 'tag_query'],
    'unified_content_plan argument names: the same');
select is(
    (select pg_get_expr(proargdefaults, 0) from pg_proc
      where oid = 'unified_content_page(uuid[],text,integer,uuid,text[],text,text,text)'::regprocedure),
    'NULL::uuid[], NULL::text, 25, NULL::uuid, NULL::text[], ''all''::text, ''created_at_desc''::text, NULL::text',
    'every argument has its documented default (tag_query NULL: earlier calls work unchanged)');

-- output columns: the documented ones, extra row columns, then next_cursor, prev_cursor, strategy last
select is(
    (select array_agg(a.name || ' ' || format_type(a.typ, null) order by a.ord)
       from pg_proc p,
            unnest(p.proargnames, p.proallargtypes::oid[], p.proargmodes::text[]) with ordinality as a(name, typ, mode, ord)
      where p.oid = 'unified_content_page(uuid[],text,integer,uuid,text[],text,text,text)'::regprocedure
        and a.mode = 't'),
    array['id bigint', 'source_type text', 'title text', 'creator_id uuid', 'is_private boolean',
          'quality_score real', 'created_at timestamp with time zone', 'content_type text',
          'path_thumb text', 'updated_at timestamp with time zone', 'has_next boolean',
          'has_prev boolean', 'next_cursor text', 'prev_cursor text', 'strategy text'],
    'unified_content_page output columns');

-- cursor format 2: plain URL-safe text, exact round trip; format 1 (base64url JSON) still read
select matches(
    tagpage_cursor_encode('created_at_desc', 'next', 0, '2024-05-06 07:08:09.123456+00', 42, 'auto'),
    '^[A-Za-z0-9._-]+$', 'a cursor is URL-unreserved text');
select is(
    tagpage_cursor_encode('created_at_desc', 'next', 0, '2024-05-06 07:08:09.123456+00', 42, 'auto'),
    '2nd_20240506T070809.123456_42_a',
    'created_at cursor: version, direction, sort, UTC with microseconds, id, src');
select is(
    (select row(d.direction, d.created_at, d.id, d.source_type)::text
       from tagpage_cursor_decode(rtrim(translate(encode(convert_to(
            '{"v":1,"s":"created_at_desc","d":"prev","k":["2024-05-06T07:08:09.123456Z"],"id":42,"src":"auto"}',
            'UTF8'), 'base64'), E'+/\n', '-_'), '='), 'created_at_desc') d),
    row('prev', '2024-05-06 07:08:09.123456+00'::timestamptz, 42::bigint, 'auto')::text,
    'a format 1 cursor (earlier releases, "d" after "s") still decodes');
select is(
    tagpage_cursor_encode('quality_score_desc', 'prev', 0.1::real, '2024-05-06 07:08:09+02', 7, 'items'),
    '2pq_0.1_20240506T050809.000000_7_i',
    'quality cursor carries quality_score, then created_at');
select is(
    (select bool_and(d.quality_score is not distinct from v.q and d.created_at = v.ts
                     and d.id = 9223372036854775807 and d.direction = 'next' and d.source_type = 'items')
       from (values ('NaN'::real, 'infinity'::timestamptz), ('-Infinity', '-infinity'), (1e20, 'epoch'),
                    (1.5e-7, '2024-05-06 07:08:09.000001+00')) v(q, ts)
      cross join lateral tagpage_cursor_decode(
            tagpage_cursor_encode('quality_score_desc', 'next', v.q, v.ts, 9223372036854775807, 'items'),
            'quality_score_desc') d),
    true, 'NaN, infinite timestamps, exponents and the largest id round-trip');
select is(
    (select row(d.direction, d.quality_score, d.created_at, d.id, d.source_type)::text
       from tagpage_cursor_decode(tagpage_cursor_encode('quality_score_desc', 'prev', 0.1234567::real,
            '2024-05-06 07:08:09.000001+00', -5, 'auto'), 'quality_score_desc') d),
    row('prev', 0.1234567::real, '2024-05-06 07:08:09.000001+00'::timestamptz, -5::bigint, 'auto')::text,
    'decode(encode(x)) = x, microseconds and real exact');
select is(
    (select d.quality_score = 3.4028235e38::real
       from tagpage_cursor_decode(tagpage_cursor_encode('quality_score_desc', 'next', 3.4028235e38::real,
            now(), 1, 'auto'), 'quality_score_desc') d),
    true, 'the largest real round-trips');
set local extra_float_digits = 0;
select is(
    (select d.quality_score = 0.1234567::real
       from tagpage_cursor_decode(tagpage_cursor_encode('quality_score_desc', 'next', 0.1234567::real,
            now(), 1, 'auto'), 'quality_score_desc') d),
    true, 'a session with extra_float_digits = 0 still gets an exact quality_score');
reset extra_float_digits;
set local timezone = 'America/New_York';
select is(
    (select d.created_at from tagpage_cursor_decode(tagpage_cursor_encode('created_at_asc', 'next', 0,
            '2024-11-03 01:30:00.5-04', 1, 'items'), 'created_at_asc') d),
    '2024-11-03 01:30:00.5-04'::timestamptz, 'created_at round-trips whatever the session time zone');
reset timezone;

-- objects 0002 adds besides functions
select has_index('public', 'content_items', 'content_items_creator_id_quality_score_created_at_id_source_idx',
    'the items partition has the creator + quality keyset index');
select has_type('public', 'tagpage_page_row', 'tagpage_page_row exists');
select isnt(obj_description('tagpage_page_row'::regtype, 'pg_type'), null, 'tagpage_page_row has a comment');
select is(
    (select count(*)::int from tagpage_installed_function where revision = '0002'
      and signature in ('unified_content_page(uuid[],text,integer,uuid,text[],text,text)',
                        'unified_content_plan(uuid[],text,integer,uuid,text[],text,text)')),
    2, 'revision 0002 recorded its public functions for its downgrade');

select * from finish();
ROLLBACK;
