-- Keyset cursors: URL-safe base64, without padding, of compact JSON
--   {"d":"next"|"prev","v":1,"s":<sort>,"k":[<sort key values>],"id":<id>,"src":"items"|"auto"}
-- "k" holds [created_at] for the created_at sorts and [quality_score, created_at] for
-- quality_score_desc. created_at is written in UTC with microseconds and quality_score as the
-- shortest text that reads back to the same real, so a position round-trips exactly. The
-- decoder reads the keys in any order (cursors written with "d" after "s" stay valid).

-- The part of a cursor after its direction: base64url of the JSON from "v" on, unpadded.
create or replace function tagpage_cursor_tail(
    p_sort          text,
    p_quality_score real,
    p_created_at    timestamptz,
    p_id            bigint,
    p_source_type   text
)
    returns text
    stable
    language sql
return rtrim(replace(replace(replace(encode(textsend(
           '"v":1,"s":"' || p_sort || '","k":['
           || case when p_sort <> 'quality_score_desc' then ''
                   when p_quality_score = 'NaN' or p_quality_score in ('Infinity', '-Infinity')
                   then '"' || p_quality_score::text || '",'
                   else p_quality_score::text || ',' end
           || '"' || to_char(p_created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
           || '"],"id":' || p_id::text || ',"src":"' || p_source_type || '"}'),
           'base64'), '+', '-'), '/', '_'), E'\n', ''), '=');
-- Why this shape: a page carries two cursors per row that differ only in "d". Written first,
-- '{"d":"next",' and '{"d":"prev",' are 12 bytes, a whole number of base64 groups, so each
-- encodes to a constant 16-character head and the rest of the JSON is encoded once per row
-- (tagpage_cursor_head || tail). A SQL-standard body is bound when created, so it needs no
-- search_path of its own, and a plain SQL function is inlined into the page's final query.
-- Every value written is ASCII without quotes or backslashes (a validated sort name, digits,
-- items/auto), so the JSON is built by concatenation and textsend() gives its bytes; measured
-- per 25-row page: to_json/convert_to/translate 166 us, this form 50 us.
-- real::text is the shortest exact form only with extra_float_digits >= 1: callers run with
-- extra_float_digits = 1 (unified_content_page and tagpage_cursor_encode set it).

-- The constant base64url head of a cursor's direction: base64('{"d":"next",') or ('{"d":"prev",').
create or replace function tagpage_cursor_head(
    p_direction text
)
    returns text
    immutable
    language sql
return case p_direction when 'next' then 'eyJkIjoibmV4dCIs' when 'prev' then 'eyJkIjoicHJldiIs' end;

-- Encode one row's position as an opaque cursor string.
create or replace function tagpage_cursor_encode(
    p_sort          text,
    p_direction     text,
    p_quality_score real,
    p_created_at    timestamptz,
    p_id            bigint,
    p_source_type   text
)
    returns text
    stable
    language plpgsql
    set search_path = public, pg_temp
    set extra_float_digits = 1
as $$
begin
    -- The same expression unified_content_page evaluates per row, applied to one position.
    return tagpage_cursor_head(p_direction)
           || tagpage_cursor_tail(p_sort, p_quality_score, p_created_at, p_id, p_source_type);
end;
$$;

-- Decode and strictly validate a cursor for the request's sort; 22023 names what is wrong.
create or replace function tagpage_cursor_decode(
    p_cursor            text,
    p_sort              text,
    out direction       text,
    out quality_score   real,
    out created_at      timestamptz,
    out id              bigint,
    out source_type     text
)
    stable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_b64       text;
    v_json      jsonb;
    v_keys      jsonb;
    v_key_count integer;
    v_ts        text;
    v_q         jsonb;
begin
    -- A cursor comes from the network: every step that can fail is checked and reported as
    -- invalid_parameter_value naming the cursor, never as an internal error.
    if p_cursor is null or p_cursor = '' or p_cursor !~ '^[A-Za-z0-9_-]+$' or length(p_cursor) % 4 = 1 then
        raise exception 'cursor: not URL-safe base64' using errcode = '22023';
    end if;
    v_b64 := translate(p_cursor, '-_', '+/') || repeat('=', (4 - length(p_cursor) % 4) % 4);
    begin
        v_json := convert_from(decode(v_b64, 'base64'), 'UTF8')::jsonb;
    exception when others then
        raise exception 'cursor: not base64-encoded JSON' using errcode = '22023';
    end;
    if jsonb_typeof(v_json) is distinct from 'object' then
        raise exception 'cursor: JSON must be an object with exactly the keys v, s, d, k, id, src'
            using errcode = '22023';
    end if;
    if (select array_agg(k order by k collate "C") from jsonb_object_keys(v_json) k)
       is distinct from array['d', 'id', 'k', 's', 'src', 'v'] then
        raise exception 'cursor: JSON must be an object with exactly the keys v, s, d, k, id, src'
            using errcode = '22023';
    end if;
    if v_json->'v' <> '1'::jsonb then
        raise exception 'cursor: unsupported version %', v_json->'v' using errcode = '22023';
    end if;
    if jsonb_typeof(v_json->'s') <> 'string'
       or v_json->>'s' not in ('created_at_desc', 'created_at_asc', 'quality_score_desc') then
        raise exception 'cursor: unknown sort %', v_json->'s' using errcode = '22023';
    end if;
    if v_json->>'s' <> p_sort then
        raise exception 'cursor: issued for sort %, not for sort %', v_json->>'s', p_sort
            using errcode = '22023';
    end if;
    if jsonb_typeof(v_json->'d') <> 'string' or v_json->>'d' not in ('next', 'prev') then
        raise exception 'cursor: direction must be "next" or "prev"' using errcode = '22023';
    end if;
    direction := v_json->>'d';
    if jsonb_typeof(v_json->'src') <> 'string' or v_json->>'src' not in ('items', 'auto') then
        raise exception 'cursor: src must be "items" or "auto"' using errcode = '22023';
    end if;
    source_type := v_json->>'src';
    if jsonb_typeof(v_json->'id') <> 'number' or (v_json->>'id') !~ '^-?[0-9]{1,19}$' then
        raise exception 'cursor: id must be an integer' using errcode = '22023';
    end if;
    begin
        id := (v_json->>'id')::bigint;
    exception when others then
        raise exception 'cursor: id out of range' using errcode = '22023';
    end;
    v_keys := v_json->'k';
    v_key_count := case when p_sort = 'quality_score_desc' then 2 else 1 end;
    if jsonb_typeof(v_keys) <> 'array' or jsonb_array_length(v_keys) <> v_key_count then
        raise exception 'cursor: k must be an array of % sort key value(s)', v_key_count
            using errcode = '22023';
    end if;
    v_ts := v_keys->>(v_key_count - 1);
    if jsonb_typeof(v_keys->(v_key_count - 1)) <> 'string'
       or v_ts !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$' then
        raise exception 'cursor: created_at must be an ISO 8601 timestamp' using errcode = '22023';
    end if;
    begin
        created_at := v_ts::timestamptz;
    exception when others then
        raise exception 'cursor: created_at % is not a valid timestamp', v_ts using errcode = '22023';
    end;
    if v_key_count = 2 then
        v_q := v_keys->0;
        if not (jsonb_typeof(v_q) = 'number'
                or (jsonb_typeof(v_q) = 'string' and v_keys->>0 in ('NaN', 'Infinity', '-Infinity'))) then
            raise exception 'cursor: quality_score must be a number' using errcode = '22023';
        end if;
        begin
            quality_score := (v_keys->>0)::real;
        exception when others then
            raise exception 'cursor: quality_score out of range' using errcode = '22023';
        end;
    end if;
end;
$$;
