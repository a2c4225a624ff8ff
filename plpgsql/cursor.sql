-- Keyset cursors, format 2: plain URL-safe text, one field per key, '_' between fields:
--   2 <direction> <sort> _ [<quality_score> _] <created_at> _ <id> _ <src>
-- direction n (next) or p (prev); sort d (created_at_desc), a (created_at_asc) or
-- q (quality_score_desc); created_at in UTC as basic ISO 8601 with microseconds
-- (20240506T070809.123456; infinity / -infinity); quality_score as the shortest text that reads
-- back to the same real, without '+' (0.1, 1e20, NaN, -Infinity); src i (items) or a (auto).
-- Every character is URL-unreserved (letters, digits, '-', '.', '_'), so a cursor travels in a
-- query string as it is, and a position round-trips exactly. Format 1 (base64url of JSON,
-- tagpage_cursor_decode_v1) is still read: cursors handed out before stay valid.

-- The part of a cursor after its version and direction, the same for a row's two cursors.
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
return case p_sort when 'created_at_desc' then 'd_'
                   when 'created_at_asc' then 'a_'
                   else 'q_' || replace(p_quality_score::text, '+', '') || '_' end
       || coalesce(to_char(p_created_at at time zone 'UTC', 'YYYYMMDD"T"HH24MISS.US'), p_created_at::text)
       || '_' || p_id::text || '_' || left(p_source_type, 1);
-- Why this shape: a page carries two cursors per row, so their cost is paid 50 times a page.
-- Format 1 (base64 of JSON, ~130 characters) cost ~3 us per row to build and doubled what a
-- page sends; this one is ~30 characters of plain concatenation (measured in
-- docs/performance.md, "Cursor format 2"). to_char is NULL for an infinite timestamp, whose own
-- text (infinity, -infinity) does not depend on the session. A SQL-standard body is bound when
-- created, so it needs no search_path of its own, and a plain SQL function is inlined into the
-- page's final query. real::text is the shortest exact form only with extra_float_digits >= 1:
-- callers run with extra_float_digits = 1 (unified_content_page and tagpage_cursor_encode set it).

-- The constant head of a cursor: its format version and direction.
create or replace function tagpage_cursor_head(
    p_direction text
)
    returns text
    immutable
    language sql
return case p_direction when 'next' then '2n' when 'prev' then '2p' end;

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
    v_sort      text;
    v_fields    text[];
    v_keys      integer;
    v_ts        text;
begin
    -- A cursor comes from the network: every step that can fail is checked and reported as
    -- invalid_parameter_value naming the cursor, never as an internal error. Checked by
    -- patterns first, so a well-formed cursor costs no subtransaction but the one around the
    -- two casts a pattern cannot settle (a day that does not exist, a real out of range).
    if p_cursor is null or left(p_cursor, 1) <> '2' then
        select d.direction, d.quality_score, d.created_at, d.id, d.source_type
          into direction, quality_score, created_at, id, source_type
          from tagpage_cursor_decode_v1(p_cursor, p_sort) d;
        return;
    end if;
    if p_cursor !~ '^2[np][daq](_[-0-9A-Za-z.]+){3,4}$' then
        raise exception 'cursor: not a tagpage cursor (format 2: 2<n|p><d|a|q>_<keys>_<id>_<i|a>)'
            using errcode = '22023';
    end if;
    v_sort := case substr(p_cursor, 3, 1) when 'd' then 'created_at_desc'
                                          when 'a' then 'created_at_asc'
                                          else 'quality_score_desc' end;
    if v_sort <> p_sort then
        raise exception 'cursor: issued for sort %, not for sort %', v_sort, p_sort
            using errcode = '22023';
    end if;
    direction := case substr(p_cursor, 2, 1) when 'n' then 'next' else 'prev' end;
    v_fields := string_to_array(substr(p_cursor, 5), '_');
    v_keys := case when p_sort = 'quality_score_desc' then 2 else 1 end;
    if cardinality(v_fields) <> v_keys + 2 then
        raise exception 'cursor: % sort key value(s), id and src expected', v_keys
            using errcode = '22023';
    end if;
    source_type := case v_fields[v_keys + 2] when 'i' then 'items' when 'a' then 'auto' end;
    if source_type is null then
        raise exception 'cursor: src must be i (items) or a (auto)' using errcode = '22023';
    end if;
    if not (case when v_fields[v_keys + 1] ~ '^-?[0-9]{1,19}$'
                 then v_fields[v_keys + 1]::numeric between -9223372036854775808 and 9223372036854775807
                 else false end) then
        raise exception 'cursor: id must be a bigint' using errcode = '22023';
    end if;
    id := v_fields[v_keys + 1]::bigint;
    v_ts := v_fields[v_keys];
    if v_ts !~ '^([0-9]{8}T[0-9]{6}\.[0-9]{6}|-?infinity)$' then
        raise exception 'cursor: created_at must be YYYYMMDDTHHMMSS.ffffff (UTC)' using errcode = '22023';
    end if;
    if v_keys = 2 and v_fields[1] !~ '^(-?([0-9]+(\.[0-9]*)?|\.[0-9]+)(e-?[0-9]+)?|NaN|-?Infinity)$' then
        raise exception 'cursor: quality_score must be a number' using errcode = '22023';
    end if;
    begin
        created_at := case when v_ts like '%infinity' then v_ts else v_ts || 'Z' end::timestamptz;
        if v_keys = 2 then
            quality_score := v_fields[1]::real;
        end if;
    exception when others then
        raise exception 'cursor: sort key out of range (%)', array_to_string(v_fields[1:v_keys], ', ')
            using errcode = '22023';
    end;
end;
$$;

-- Decode a format 1 cursor (base64url of JSON), the format of earlier releases.
create or replace function tagpage_cursor_decode_v1(
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
    -- invalid_parameter_value naming the cursor, never as an internal error. The JSON is
    --   {"d":"next"|"prev","v":1,"s":<sort>,"k":[<sort key values>],"id":<id>,"src":"items"|"auto"}
    -- with "k" = [created_at] or [quality_score, created_at]; the keys in any order.
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
