-- Every error path of unified_content_page / unified_content_plan: SQLSTATE 22023 with a message
-- naming the argument (docs/api.md), for malformed and foreign cursors, bad arguments, too
-- many or unknown tags, and forced strategies that cannot serve the request.
BEGIN;
select plan(62);

insert into tags (id, name) values
    ('00000000-0000-0000-0000-0000000000a1', 'err-a'),
    ('00000000-0000-0000-0000-0000000000a2', 'err-b'),
    ('00000000-0000-0000-0000-0000000000a3', 'err-c');

-- A cursor's base64url without padding, from raw JSON text.
create function pg_temp.b64(p_json text) returns text language sql as $$
    select rtrim(translate(encode(convert_to(p_json, 'UTF8'), 'base64'), E'+/\n', '-_'), '=')
$$;
-- The message of the error a statement raises, with its SQLSTATE and DETAIL.
create function pg_temp.error_of(p_sql text) returns text language plpgsql as $$
declare
    v_state text; v_message text; v_detail text;
begin
    execute p_sql;
    return 'no error';
exception when others then
    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail;
    return v_state || ' ' || v_message || coalesce(' | ' || nullif(v_detail, ''), '');
end;
$$;

-- malformed cursors: each check in tagpage_cursor_decode ---------------------------------------
-- format 2, the format the engine writes
select throws_ok($$ select * from unified_content_page(cursor => '2nd_20240101T000000.000000_1') $$,
    '22023', 'cursor: not a tagpage cursor (format 2: 2<n|p><d|a|q>_<keys>_<id>_<i|a>)', 'format 2 without src');
select throws_ok($$ select * from unified_content_page(cursor => '2sd_20240101T000000.000000_1_i') $$,
    '22023', 'cursor: not a tagpage cursor (format 2: 2<n|p><d|a|q>_<keys>_<id>_<i|a>)', 'format 2, unknown direction');
select throws_ok($$ select * from unified_content_page(cursor => '2nd_20240101T000000.000000_1_i', sort => 'created_at_asc') $$,
    '22023', 'cursor: issued for sort created_at_desc, not for sort created_at_asc', 'format 2 of another sort');
select throws_ok($$ select * from unified_content_page(cursor => '2nq_20240101T000000.000000_1_i', sort => 'quality_score_desc') $$,
    '22023', 'cursor: 2 sort key value(s), id and src expected', 'format 2 quality cursor without its quality_score');
select throws_ok($$ select * from unified_content_page(cursor => '2nd_20240101T000000.000000_1_x') $$,
    '22023', 'cursor: src must be i (items) or a (auto)', 'format 2, unknown src');
select throws_ok($$ select * from unified_content_page(cursor => '2nd_20240101T000000.000000_9223372036854775808_i') $$,
    '22023', 'cursor: id must be a bigint', 'format 2, id out of range');
select throws_ok($$ select * from unified_content_page(cursor => '2nd_2024-01-01_1_i') $$,
    '22023', 'cursor: created_at must be YYYYMMDDTHHMMSS.ffffff (UTC)', 'format 2, timestamp in another form');
select throws_ok($$ select * from unified_content_page(cursor => '2nd_20240230T000000.000000_1_i') $$,
    '22023', 'cursor: sort key out of range (20240230T000000.000000)', 'format 2, a day that does not exist');
select throws_ok($$ select * from unified_content_page(cursor => '2nq_1e39_20240101T000000.000000_1_i', sort => 'quality_score_desc') $$,
    '22023', 'cursor: sort key out of range (1e39, 20240101T000000.000000)', 'format 2, quality_score beyond real');
select throws_ok($$ select * from unified_content_page(cursor => '2nq_0x1F_20240101T000000.000000_1_i', sort => 'quality_score_desc') $$,
    '22023', 'cursor: quality_score must be a number', 'format 2, quality_score not a number');
-- format 1, still read
select throws_ok($$ select * from unified_content_page(cursor => '') $$, '22023', 'cursor: not URL-safe base64', 'empty cursor');
select throws_ok($$ select * from unified_content_page(cursor => 'abc+/==') $$, '22023', 'cursor: not URL-safe base64', 'standard base64 alphabet and padding are refused');
select throws_ok($$ select * from unified_content_page(cursor => 'a') $$, '22023', 'cursor: not URL-safe base64', 'impossible base64 length');
select throws_ok($$ select * from unified_content_page(cursor => 'aGVsbG8') $$, '22023', 'cursor: not base64-encoded JSON', 'base64 of "hello" is not JSON');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$, pg_temp.b64(E'\\xff')), '22023', null, 'base64 of invalid UTF-8');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$, pg_temp.b64('[1,2]')),
    '22023', 'cursor: JSON must be an object with exactly the keys v, s, d, k, id, src', 'JSON array');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":["2024-01-01T00:00:00Z"],"id":1}')),
    '22023', 'cursor: JSON must be an object with exactly the keys v, s, d, k, id, src', 'missing src');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":["2024-01-01T00:00:00Z"],"id":1,"src":"items","x":0}')),
    '22023', 'cursor: JSON must be an object with exactly the keys v, s, d, k, id, src', 'extra key');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":2,"s":"created_at_desc","d":"next","k":["2024-01-01T00:00:00Z"],"id":1,"src":"items"}')),
    '22023', 'cursor: unsupported version 2', 'version 2');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"title_asc","d":"next","k":["2024-01-01T00:00:00Z"],"id":1,"src":"items"}')),
    '22023', 'cursor: unknown sort "title_asc"', 'unknown sort inside the cursor');
select throws_ok(format($$ select * from unified_content_page(cursor => %L, sort => 'created_at_asc') $$,
    tagpage_cursor_encode('created_at_desc', 'next', 0, now(), 1, 'items')),
    '22023', 'cursor: issued for sort created_at_desc, not for sort created_at_asc', 'cursor of another sort');
select throws_ok(format($$ select * from unified_content_page(cursor => %L, sort => 'quality_score_desc') $$,
    tagpage_cursor_encode('created_at_desc', 'next', 0, now(), 1, 'items')),
    '22023', 'cursor: issued for sort created_at_desc, not for sort quality_score_desc', 'created_at cursor on the quality sort');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"back","k":["2024-01-01T00:00:00Z"],"id":1,"src":"items"}')),
    '22023', 'cursor: direction must be "next" or "prev"', 'bad direction');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":["2024-01-01T00:00:00Z"],"id":1,"src":"regular"}')),
    '22023', 'cursor: src must be "items" or "auto"', 'bad src');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":["2024-01-01T00:00:00Z"],"id":"1","src":"items"}')),
    '22023', 'cursor: id must be an integer', 'id as a string');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":["2024-01-01T00:00:00Z"],"id":1.5,"src":"items"}')),
    '22023', 'cursor: id must be an integer', 'fractional id');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":["2024-01-01T00:00:00Z"],"id":99999999999999999999,"src":"items"}')),
    '22023', null, 'id beyond bigint');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":[],"id":1,"src":"items"}')),
    '22023', 'cursor: k must be an array of 1 sort key value(s)', 'empty k');
select throws_ok(format($$ select * from unified_content_page(cursor => %L, sort => 'quality_score_desc') $$,
    pg_temp.b64('{"v":1,"s":"quality_score_desc","d":"next","k":["2024-01-01T00:00:00Z"],"id":1,"src":"items"}')),
    '22023', 'cursor: k must be an array of 2 sort key value(s)', 'quality cursor without its quality_score');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":["yesterday"],"id":1,"src":"items"}')),
    '22023', 'cursor: created_at must be an ISO 8601 timestamp', 'words are not a timestamp');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":["2024-13-45T00:00:00Z"],"id":1,"src":"items"}')),
    '22023', 'cursor: created_at 2024-13-45T00:00:00Z is not a valid timestamp', 'month 13');
select throws_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"next","k":["2024-01-01T00:00:00"],"id":1,"src":"items"}')),
    '22023', 'cursor: created_at must be an ISO 8601 timestamp', 'timestamp without a zone (ambiguous)');
select throws_ok(format($$ select * from unified_content_page(cursor => %L, sort => 'quality_score_desc') $$,
    pg_temp.b64('{"v":1,"s":"quality_score_desc","d":"next","k":["high","2024-01-01T00:00:00Z"],"id":1,"src":"items"}')),
    '22023', 'cursor: quality_score must be a number', 'quality_score as a word');
select throws_ok(format($$ select * from unified_content_page(cursor => %L, sort => 'quality_score_desc') $$,
    pg_temp.b64('{"v":1,"s":"quality_score_desc","d":"next","k":[1e99,"2024-01-01T00:00:00Z"],"id":1,"src":"items"}')),
    '22023', 'cursor: quality_score out of range', 'quality_score beyond real');
select lives_ok(format($$ select * from unified_content_page(cursor => %L) $$,
    pg_temp.b64('{"v":1,"s":"created_at_desc","d":"prev","k":["2024-01-01T00:00:00+05:30"],"id":-3,"src":"auto"}')),
    'a hand-written valid cursor (offset zone, negative id) is accepted');

-- arguments -------------------------------------------------------------------------------------
select throws_ok($$ select * from unified_content_page(sort => 'newest') $$, '22023',
    'sort: unknown value "newest" (created_at_desc, created_at_asc, quality_score_desc)', 'unknown sort');
select throws_ok($$ select * from unified_content_page(tag_match => 'some') $$, '22023',
    'tag_match: unknown value "some" (all, any)', 'unknown tag_match');
select throws_ok($$ select * from unified_content_page(page_size => 0) $$, '22023',
    'page_size: 0 is out of range 1..500', 'page_size 0');
select throws_ok($$ select * from unified_content_page(page_size => 501) $$, '22023',
    'page_size: 501 is out of range 1..500', 'page_size 501');
select lives_ok($$ select * from unified_content_page(page_size => 500) $$, 'page_size 500 is allowed');
select throws_ok($$ select * from unified_content_page(source_types => array['community-regular', 'friends']) $$, '22023',
    'source_types: unknown word(s) friends', 'unknown source word');
select throws_ok($$ select * from unified_content_page(source_types => array['user-regular', null]) $$, '22023',
    'source_types: unknown word(s) NULL', 'NULL source word');
select throws_ok($$ select * from unified_content_page(source_types => '{}') $$, '22023',
    'source_types: empty list (pass NULL for all sources)', 'empty source list');
select throws_ok($$ select * from unified_content_page(tags => array[null]::uuid[]) $$, '22023',
    'tags: contains NULL', 'NULL tag id');
select is(pg_temp.error_of($$ select * from unified_content_page(tags => array[
        '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000ff',
        '00000000-0000-0000-0000-0000000000fe']::uuid[]) $$),
    '22023 tags: unknown tag id(s) | 00000000-0000-0000-0000-0000000000fe, 00000000-0000-0000-0000-0000000000ff',
    'unknown tag ids are listed in DETAIL');
update planner_config set value = '2' where key = 'max_tags';
select throws_ok($$ select * from unified_content_page(tags => array[
        '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000a2',
        '00000000-0000-0000-0000-0000000000a3']::uuid[]) $$, '22023',
    'tags: 3 distinct tags, more than max_tags (2)', 'more tags than max_tags');
select lives_ok($$ select * from unified_content_page(tags => array[
        '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000a2',
        '00000000-0000-0000-0000-0000000000a1']::uuid[]) $$,
    'duplicate tag ids count once against max_tags');
update planner_config set value = '50' where key = 'max_tags';

-- unified_content_plan validates exactly the same way
select throws_ok($$ select unified_content_plan(sort => 'newest') $$, '22023', null, 'plan: unknown sort');
select throws_ok($$ select unified_content_plan(page_size => 0) $$, '22023', null, 'plan: page_size');
select throws_ok($$ select unified_content_plan(source_types => array['x']) $$, '22023', null, 'plan: source word');
select throws_ok($$ select unified_content_plan(cursor => 'aGVsbG8') $$, '22023', null, 'plan: malformed cursor');
select throws_ok($$ select unified_content_plan(tags => array['00000000-0000-0000-0000-0000000000ff']::uuid[]) $$,
    '22023', null, 'plan: unknown tag');

-- forced strategies -------------------------------------------------------------------------------
set local tagpage.force_strategy = 'fastest';
select throws_ok($$ select * from unified_content_page() $$, '22023',
    'tagpage.force_strategy: unknown strategy "fastest"', 'unknown forced strategy');
set local tagpage.force_strategy = 'sort_first';
select throws_ok($$ select * from unified_content_page() $$, '22023',
    'tagpage.force_strategy: sort_first cannot serve a request without tags', 'a tag strategy without tags');
set local tagpage.force_strategy = 'no_tags';
select throws_ok($$ select * from unified_content_page(tags => array['00000000-0000-0000-0000-0000000000a1']::uuid[]) $$,
    '22023', 'tagpage.force_strategy: no_tags cannot serve this request (k = 1, tag_match = all)', 'no_tags with tags');
set local tagpage.force_strategy = 'any_union';
select throws_ok($$ select * from unified_content_page(tags => array['00000000-0000-0000-0000-0000000000a1',
        '00000000-0000-0000-0000-0000000000a2']::uuid[]) $$,
    '22023', 'tagpage.force_strategy: any_union cannot serve this request (k = 2, tag_match = all)', 'any_union for all, k = 2');
set local tagpage.force_strategy = 'self_join';
select throws_ok($$ select * from unified_content_page(tags => array['00000000-0000-0000-0000-0000000000a1',
        '00000000-0000-0000-0000-0000000000a2']::uuid[], tag_match => 'any') $$,
    '22023', 'tagpage.force_strategy: self_join cannot serve this request (k = 2, tag_match = any)', 'self_join for any');
set local tagpage.force_strategy = 'two_phase_single';
select throws_ok($$ select unified_content_plan(tags => array['00000000-0000-0000-0000-0000000000a1',
        '00000000-0000-0000-0000-0000000000a2']::uuid[], tag_match => 'any') $$,
    '22023', null, 'plan: two_phase_single for any');
set local tagpage.force_strategy = 'two_phase_dual';
select throws_ok($$ select * from unified_content_page(tags => array['00000000-0000-0000-0000-0000000000a1',
        '00000000-0000-0000-0000-0000000000a2']::uuid[], tag_match => 'any') $$,
    '22023', null, 'two_phase_dual for any');
select lives_ok($$ select * from unified_content_page(tags => array['00000000-0000-0000-0000-0000000000a1']::uuid[], tag_match => 'any') $$,
    'with one tag, any = all, so an all-only strategy serves it');
set local tagpage.force_strategy = '';
select lives_ok($$ select * from unified_content_page(tags => array['00000000-0000-0000-0000-0000000000a1']::uuid[]) $$,
    'an empty tagpage.force_strategy means the planner decides');
set local tagpage.force_strategy = 'group_having';
select is((select unified_content_plan(tags => array['00000000-0000-0000-0000-0000000000a1']::uuid[])->>'strategy'),
    'group_having', 'a forced strategy is what the plan reports');

select * from finish();
ROLLBACK;
