-- Tag queries (plpgsql/tag_query.sql): every grammar rule and its precedence, ~ groups, quoting,
-- keywords and case, every error with its exact position, the limits, SQL-looking text, empty
-- input; normalisation (De Morgan, flattening, duplicates, constants, absorption, canonical
-- text); the SQL a normalised query compiles to, run against rows; the density estimate.
BEGIN;
select plan(164);

-- Tags with fixed ids in alphabetical order of name, so canonical orders read alphabetically.
-- Names are prefixed (tq_) so the file also runs on a database holding demo data.
insert into tags (id, name) values
    ('00000000-0000-0000-0000-00000000a001', 'tq_and'),
    ('00000000-0000-0000-0000-00000000a002', 'tq_anime'),
    ('00000000-0000-0000-0000-00000000a003', 'tq_cat'),
    ('00000000-0000-0000-0000-00000000a004', 'tq_dog'),
    ('00000000-0000-0000-0000-00000000a005', 'tq_Mixed'),
    ('00000000-0000-0000-0000-00000000a006', 'tq_mixed'),
    ('00000000-0000-0000-0000-00000000a007', 'tq_nsfw'),
    ('00000000-0000-0000-0000-00000000a008', 'tq_portrait'),
    ('00000000-0000-0000-0000-00000000a009', 'tq looking at viewer'),
    ('00000000-0000-0000-0000-00000000a00a', 'tq_say "hi"'),
    ('00000000-0000-0000-0000-00000000a00b', 'tq_back\slash'),
    ('00000000-0000-0000-0000-00000000a00c', '-tq_dash'),
    ('00000000-0000-0000-0000-00000000a00d', 'and'),
    ('00000000-0000-0000-0000-00000000a00e', 'tq_(paren)');

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
-- The error of parsing a query (parse errors are raised by both parse and normalize).
create function pg_temp.parse_error(p_query text) returns text language sql as $$
    select pg_temp.error_of(format('select tagpage_tag_query_parse(%L)', p_query))
$$;
-- A parse tree in a compact form: names, not(x), and(x,y), or(x,y).
create function pg_temp.shape(p_node jsonb) returns text language sql as $$
    select case p_node ->> 'op'
        when 'tag' then p_node ->> 'name'
        when 'not' then 'not(' || pg_temp.shape(p_node -> 'arg') || ')'
        else (p_node ->> 'op') || '(' || (select string_agg(pg_temp.shape(a), ',' order by o)
                                           from jsonb_array_elements(p_node -> 'args') with ordinality as x(a, o)) || ')'
    end
$$;
create function pg_temp.parsed(p_query text) returns text language sql as $$
    select pg_temp.shape(tagpage_tag_query_parse(p_query))
$$;
-- A normalised query's expression with its positions replaced by tag names (tq_ dropped).
create function pg_temp.nshape(p_node jsonb, p_tags jsonb) returns text language sql as $$
    select case p_node ->> 'op'
        when 'true' then 'true'
        when 'false' then 'false'
        when 'tag' then (select replace(name, 'tq_', '') from tags where id = (p_tags ->> ((p_node ->> 'i')::int - 1))::uuid)
        when 'not' then '-' || (select replace(name, 'tq_', '') from tags where id = (p_tags ->> ((p_node ->> 'i')::int - 1))::uuid)
        else (p_node ->> 'op') || '(' || (select string_agg(pg_temp.nshape(a, p_tags), ',' order by o)
                                           from jsonb_array_elements(p_node -> 'args') with ordinality as x(a, o)) || ')'
    end
$$;
create function pg_temp.norm(p_query text) returns text language sql as $$
    select pg_temp.nshape(n -> 'expr', n -> 'tags') from tagpage_tag_query_normalize(p_query, 50) n
$$;
create function pg_temp.canon(p_query text) returns text language sql as $$
    select tagpage_tag_query_normalize(p_query, 50) ->> 'text'
$$;

-- grammar -------------------------------------------------------------------------------------
select is(pg_temp.parsed('tq_cat'), 'tq_cat', 'a bare name is a tag');
select is(pg_temp.parsed('tq_cat tq_dog'), 'and(tq_cat,tq_dog)', 'juxtaposition is AND');
select is(pg_temp.parsed('tq_cat and tq_dog'), 'and(tq_cat,tq_dog)', '"and" is AND');
select is(pg_temp.parsed('tq_cat AnD tq_dog'), 'and(tq_cat,tq_dog)', 'keywords are case-insensitive (AnD)');
select is(pg_temp.parsed('tq_cat or tq_dog'), 'or(tq_cat,tq_dog)', '"or" is OR');
select is(pg_temp.parsed('tq_cat OR tq_dog'), 'or(tq_cat,tq_dog)', 'OR in capitals');
select is(pg_temp.parsed('tq_cat | tq_dog'), 'or(tq_cat,tq_dog)', '| is OR');
select is(pg_temp.parsed('tq_cat|tq_dog'), 'or(tq_cat,tq_dog)', '| needs no spaces around it');
select is(pg_temp.parsed('-tq_cat'), 'not(tq_cat)', '-x is NOT');
select is(pg_temp.parsed('not tq_cat'), 'not(tq_cat)', 'not x is NOT');
select is(pg_temp.parsed('NOT tq_cat'), 'not(tq_cat)', 'NOT in capitals');
select is(pg_temp.parsed('tq_a-b'), 'tq_a-b', 'a - inside a name is part of it');
select is(pg_temp.parsed('tq_a~b'), 'tq_a~b', 'a ~ inside a name is part of it');
select is(pg_temp.parsed('tq_a tq_b or tq_c'), 'or(and(tq_a,tq_b),tq_c)', 'AND binds tighter than OR (left)');
select is(pg_temp.parsed('tq_a or tq_b tq_c'), 'or(tq_a,and(tq_b,tq_c))', 'AND binds tighter than OR (right)');
select is(pg_temp.parsed('tq_a or tq_b and tq_c or tq_d'), 'or(tq_a,and(tq_b,tq_c),tq_d)', 'a chain of ORs is one OR');
select is(pg_temp.parsed('-tq_a tq_b'), 'and(not(tq_a),tq_b)', 'NOT binds tighter than AND');
select is(pg_temp.parsed('not tq_a or tq_b'), 'or(not(tq_a),tq_b)', 'NOT binds tighter than OR');
select is(pg_temp.parsed('(tq_a or tq_b) tq_c'), 'and(or(tq_a,tq_b),tq_c)', 'parentheses group');
select is(pg_temp.parsed('tq_a (tq_b or tq_c)'), 'and(tq_a,or(tq_b,tq_c))', 'a group after a term is ANDed');
select is(pg_temp.parsed('-(tq_a or tq_b)'), 'not(or(tq_a,tq_b))', 'NOT of a group');
select is(pg_temp.parsed('not(tq_a)'), 'not(tq_a)', 'not right before a parenthesis');
select is(pg_temp.parsed('tq_a or(tq_b)'), 'or(tq_a,tq_b)', 'or right before a parenthesis');
select is(pg_temp.parsed('((tq_a))'), 'tq_a', 'redundant parentheses');
select is(pg_temp.parsed('--tq_a'), 'tq_a', 'double - cancels');
select is(pg_temp.parsed('not not tq_a'), 'tq_a', 'double not cancels');
select is(pg_temp.parsed('-(-tq_a)'), 'tq_a', 'NOT of a negated group cancels');
select is(pg_temp.parsed('-not tq_a'), 'tq_a', '- and not mix');
select is(pg_temp.parsed(E'tq_a\ttq_b\n\r tq_c'), 'and(tq_a,tq_b,tq_c)', 'tabs, newlines and carriage returns are whitespace');
select is(pg_temp.parsed(E'  tq_a  '), 'tq_a', 'leading and trailing whitespace');

-- ~ groups
select is(pg_temp.parsed('~tq_cat ~tq_dog tq_portrait'), 'and(tq_portrait,or(tq_cat,tq_dog))', '~ terms of a level are one OR group ANDed with the rest');
select is(pg_temp.parsed('~tq_cat tq_portrait ~tq_dog'), 'and(tq_portrait,or(tq_cat,tq_dog))', '~ terms need not be adjacent');
select is(pg_temp.parsed('~tq_cat'), 'tq_cat', 'a single ~ term is the term');
select is(pg_temp.parsed('~tq_a ~tq_b or ~tq_c ~tq_d'), 'or(or(tq_a,tq_b),or(tq_c,tq_d))', '~ groups are per conjunction');
select is(pg_temp.parsed('~tq_a (~tq_b ~tq_c)'), 'and(or(tq_b,tq_c),tq_a)', '~ groups are per parenthesis level');
select is(pg_temp.parsed('~-tq_a ~tq_b'), 'or(not(tq_a),tq_b)', '~ before a negation');
select is(pg_temp.parsed('~(tq_a tq_b) ~tq_c'), 'or(and(tq_a,tq_b),tq_c)', '~ before a group');
select is(pg_temp.canon('~tq_cat ~tq_dog tq_portrait'), pg_temp.canon('(tq_cat or tq_dog) tq_portrait'), '~a ~b c means (a or b) and c');

-- quoting
select is(pg_temp.parsed('"tq looking at viewer"'), 'tq looking at viewer', 'a quoted name keeps its spaces');
select is(tagpage_tag_query_parse('"tq_say \"hi\""') ->> 'name', 'tq_say "hi"', '\" is a quote inside quotes');
select is(tagpage_tag_query_parse('"tq_back\\slash"') ->> 'name', 'tq_back\slash', '\\ is a backslash inside quotes');
select is(tagpage_tag_query_parse('"tq_\x"') ->> 'name', 'tq_x', 'a backslash takes any next character as is');
select is(tagpage_tag_query_parse('tq_back\slash') ->> 'name', 'tq_back\slash', 'outside quotes a backslash is an ordinary character');
select is(pg_temp.parsed('"-tq_dash"'), '-tq_dash', 'a quoted name may start with -');
select is(pg_temp.parsed('-"-tq_dash"'), 'not(-tq_dash)', 'NOT of a quoted name starting with -');
select is(pg_temp.parsed('"and"'), 'and', 'a tag named and is written quoted');
select is(pg_temp.parsed('"tq_(paren)" "or"'), 'and(tq_(paren),or)', 'quoted parentheses and keywords are names');
select is(pg_temp.parsed('tq_a"tq b"'), 'and(tq_a,tq b)', 'a quote ends a bare name and starts a quoted one');
select is(pg_temp.norm('"tq_say \"hi\"" "tq_back\\slash" "-tq_dash" "and" "tq_(paren)" "tq looking at viewer"'),
          'and(tq looking at viewer,say "hi",back\slash,-dash,and,(paren))', 'quoted names resolve');
select is(tagpage_tag_query_quote('tq_cat'), 'tq_cat', 'quote: a plain name stays bare');
select is(tagpage_tag_query_quote('say "hi" \o/'), '"say \"hi\" \\o/"', 'quote: spaces, quotes and backslashes');
select is(tagpage_tag_query_quote('OR'), '"OR"', 'quote: a keyword is quoted');
select is(tagpage_tag_query_quote('~x'), '"~x"', 'quote: a leading ~ is quoted');

-- case
select is(pg_temp.norm('TQ_CAT'), 'cat', 'names match case-insensitively');
select is(pg_temp.norm('tq_mixed'), 'or(Mixed,mixed)', 'a name matching two tags that differ in case is either');
select is(pg_temp.norm('-TQ_MIXED'), 'and(-Mixed,-mixed)', 'and its negation is neither');
select is(pg_temp.norm('"TQ LOOKING AT VIEWER"'), 'tq looking at viewer', 'quoted names match case-insensitively too');

-- empty input
select is(tagpage_tag_query_parse(null), null, 'parse: NULL is no query');
select is(tagpage_tag_query_parse(''), null, 'parse: empty is no query');
select is(tagpage_tag_query_normalize(null, 50), null, 'normalize: NULL is no filter');
select is(tagpage_tag_query_normalize('', 50), null, 'normalize: empty is no filter');
select is(tagpage_tag_query_normalize(E' \t\n\r\f' || chr(11) || ' ', 50), null, 'normalize: whitespace only is no filter');

-- errors, with their positions ----------------------------------------------------------------
select is(pg_temp.parse_error('tq_cat tq_dog )'), '22023 tag_query: unmatched ")" at 15', 'unmatched ) after a term');
select is(pg_temp.parse_error(')'), '22023 tag_query: unmatched ")" at 1', 'unmatched ) at the start');
select is(pg_temp.parse_error('(tq_a) )'), '22023 tag_query: unmatched ")" at 8', 'one ) too many');
select is(pg_temp.parse_error('(tq_a tq_b'), '22023 tag_query: unmatched "(" at 1', 'unmatched ( at the end');
select is(pg_temp.parse_error('((tq_a) tq_b'), '22023 tag_query: unmatched "(" at 1', 'the unclosed ( is reported, not the closed one');
select is(pg_temp.parse_error('(tq_a (tq_b'), '22023 tag_query: unmatched "(" at 7', 'the innermost unclosed ( is reported');
select is(pg_temp.parse_error('tq_a ('), '22023 tag_query: unmatched "(" at 6', '( at the end');
select is(pg_temp.parse_error('tq_a ( )'), '22023 tag_query: empty parentheses at 6', 'empty parentheses');
select is(pg_temp.parse_error('cat -'), '22023 tag_query: expected a tag after "-" at 5', '- at the end');
select is(pg_temp.parse_error('tq_a - tq_b'), '22023 tag_query: expected a tag after "-" at 6', '- must touch its term');
select is(pg_temp.parse_error('tq_a -)'), '22023 tag_query: expected a tag after "-" at 6', '- before )');
select is(pg_temp.parse_error('-~tq_a'), '22023 tag_query: expected a tag after "-" at 1', '~ cannot follow -');
select is(pg_temp.parse_error('~~tq_a'), '22023 tag_query: expected a tag after "~" at 1', '~ cannot follow ~');
select is(pg_temp.parse_error('not ~tq_a'), '22023 tag_query: expected a tag after "not" at 1', '~ cannot follow not');
select is(pg_temp.parse_error('tq_a ~ tq_b'), '22023 tag_query: expected a tag after "~" at 6', '~ must touch its term');
select is(pg_temp.parse_error('tq_a NOT'), '22023 tag_query: expected a tag after "NOT" at 6', 'not at the end, as written');
select is(pg_temp.parse_error('and tq_a'), '22023 tag_query: expected a tag before "and" at 1', 'and at the start');
select is(pg_temp.parse_error('  OR tq_a'), '22023 tag_query: expected a tag before "OR" at 3', 'or at the start, as written');
select is(pg_temp.parse_error('| tq_a'), '22023 tag_query: expected a tag before "|" at 1', '| at the start');
select is(pg_temp.parse_error('tq_a (or tq_b)'), '22023 tag_query: expected a tag before "or" at 7', 'or right after (');
select is(pg_temp.parse_error('tq_a and'), '22023 tag_query: expected a tag after "and" at 6', 'and at the end');
select is(pg_temp.parse_error('tq_a or or tq_b'), '22023 tag_query: expected a tag after "or" at 6', 'or or');
select is(pg_temp.parse_error('tq_a and or tq_b'), '22023 tag_query: expected a tag after "and" at 6', 'and or');
select is(pg_temp.parse_error('tq_a | | tq_b'), '22023 tag_query: expected a tag after "|" at 6', '| |');
select is(pg_temp.parse_error('(tq_a or)'), '22023 tag_query: expected a tag after "or" at 7', 'or before )');
select is(pg_temp.parse_error('tq_a "tq_b'), '22023 tag_query: unterminated quoted name at 6', 'unterminated quote');
select is(pg_temp.parse_error('"tq_b\"'), '22023 tag_query: unterminated quoted name at 1', 'an escaped quote does not close');
select is(pg_temp.parse_error('tq_a ""'), '22023 tag_query: empty quoted name at 6', 'empty quoted name');
select is(pg_temp.parse_error('"and'), '22023 tag_query: unterminated quoted name at 1', 'errors come in text order (the quote first)');
select is(pg_temp.parse_error(') "x'), '22023 tag_query: unmatched ")" at 1', 'errors come in text order (the ) first)');
select is(pg_temp.parse_error('tq_é (tq_ü'), '22023 tag_query: unmatched "(" at 6', 'positions count characters, not bytes');

-- limits
select is(pg_temp.parsed('((((((((((tq_a))))))))))'), 'tq_a', 'ten nested parentheses are fine');
select is(pg_temp.parse_error('(((((((((((tq_a)))))))))))'), '22023 tag_query: parentheses nested deeper than 10 at 11', 'eleven are not');
select is(pg_temp.parse_error('-(-(-(-(-(-(-(-(-(-(-(tq_a)))))))))))'), '22023 tag_query: parentheses nested deeper than 10 at 22', 'depth counts parentheses under negations');
select isnt(tagpage_tag_query_parse(repeat('-', 1999) || 'a'), null, '2,000 characters are fine (1,999 prefixes, no recursion)');
select is(pg_temp.parse_error(repeat('a ', 1000) || 'b'), '22023 tag_query: longer than 2000 characters at 2001', '2,001 characters are not');
select is(pg_temp.parse_error(repeat('tq_cat ', 10000)), '22023 tag_query: longer than 2000 characters at 2001', 'a 10,000-term query is refused by its length');
select is(pg_temp.parse_error(repeat('(', 3000)), '22023 tag_query: longer than 2000 characters at 2001', 'the length is checked before anything else');
select is(pg_temp.error_of($$ select tagpage_tag_query_normalize('tq_cat tq_dog tq_nsfw', 2) $$),
          '22023 tag_query: 3 distinct tags, more than max_tags (2)', 'more than max_tags distinct tags');
select is(pg_temp.error_of($$ select tagpage_tag_query_normalize('tq_cat tq_mixed', 2) $$),
          '22023 tag_query: 3 distinct tags, more than max_tags (2)', 'a name matching two tags counts two');
select is(pg_temp.norm('tq_cat tq_cat TQ_CAT (tq_dog or tq_cat)'), 'cat', 'repeated names count once (and absorb)');
update planner_config set value = '2' where key = 'max_tags';
select is(pg_temp.error_of($$ select tagpage_tag_query_normalize('tq_cat tq_dog tq_nsfw', null) $$),
          '22023 tag_query: 3 distinct tags, more than max_tags (2)', 'max_tags NULL reads the max_tags knob');
update planner_config set value = '50' where key = 'max_tags';
select is(pg_temp.nshape(n -> 'expr', n -> 'tags'), 'and(cat,dog)', 'exactly max_tags distinct tags are fine')
  from tagpage_tag_query_normalize('tq_cat tq_dog tq_cat', 2) n;

-- unknown names, SQL-looking text
select is(pg_temp.error_of($$ select tagpage_tag_query_normalize('tq_cat tq_nope "tq no pe" -tq_NOPE tq_zz', 50) $$),
          '22023 tag_query: unknown tag names | "tq no pe", tq_nope, tq_zz', 'unknown names listed in DETAIL, as first written, quoted as needed');
select is(pg_temp.parse_error($$'; drop table tags; --$$), '22023 tag_query: expected a tag after "-" at 22', 'SQL-looking text is parsed as a query');
select is(pg_temp.parse_error($$x'); delete from tags; --x$$), '22023 tag_query: unmatched ")" at 3', 'an unbalanced SQL-looking text is a syntax error');
select is(pg_temp.error_of($q$ select tagpage_tag_query_normalize($$"'; drop table tags; --" or "x'); delete from tags; --" tags;$$, 50) $q$),
          $$22023 tag_query: unknown tag names | "'; drop table tags; --", tags;, "x'); delete from tags; --"$$,
          'SQL-looking names are unknown names, never executed');
select ok(exists (select 1 from tags where name = 'tq_cat'), 'and the tags are still there');

-- normalisation -------------------------------------------------------------------------------
select is(pg_temp.norm('-(tq_cat or tq_dog)'), 'and(-cat,-dog)', 'De Morgan: not (a or b) = -a and -b');
select is(pg_temp.norm('-(tq_cat tq_dog)'), 'or(-cat,-dog)', 'De Morgan: not (a and b) = -a or -b');
select is(pg_temp.norm('-(tq_cat (tq_dog or -tq_nsfw))'), 'or(-cat,and(-dog,nsfw))', 'De Morgan, nested');
select is(pg_temp.norm('tq_cat (tq_dog tq_nsfw)'), 'and(cat,dog,nsfw)', 'nested AND flattened');
select is(pg_temp.norm('tq_cat or (tq_dog or (tq_nsfw))'), 'or(cat,dog,nsfw)', 'nested OR flattened');
select is(pg_temp.norm('-(-tq_cat or -tq_dog)'), 'and(cat,dog)', 'flattening after De Morgan');
select is(pg_temp.norm('tq_dog tq_cat tq_dog'), 'and(cat,dog)', 'duplicate children removed');
select is(pg_temp.norm('(tq_cat or tq_dog) (tq_dog | tq_cat)'), 'or(cat,dog)', 'duplicate subtrees removed');
select is(pg_temp.norm('tq_cat -tq_cat'), 'false', 'x and -x is false');
select is(pg_temp.norm('tq_cat or -tq_cat'), 'true', 'x or -x is true');
select is(pg_temp.norm('(tq_cat -tq_cat) or tq_dog'), 'dog', 'a false branch of an OR goes');
select is(pg_temp.norm('(tq_cat or -tq_cat) tq_dog'), 'dog', 'a true branch of an AND goes');
select is(pg_temp.norm('-(tq_cat or -tq_cat)'), 'false', 'not true is false');
select is(pg_temp.norm('tq_cat (tq_cat or tq_dog)'), 'cat', 'absorption: a and (a or b) = a');
select is(pg_temp.norm('tq_cat or tq_cat tq_dog'), 'cat', 'absorption: a or (a and b) = a');
select is(pg_temp.norm('tq_nsfw (tq_cat or -tq_mixed)'), 'and(nsfw,or(cat,and(-Mixed,-mixed)))', 'a name of two tags inside a tree');
select is(tagpage_tag_query_normalize('tq_anime -tq_nsfw', 50),
          '{"tags": ["00000000-0000-0000-0000-00000000a002", "00000000-0000-0000-0000-00000000a007"],
            "expr": {"op": "and", "args": [{"op": "not", "i": 2}, {"op": "tag", "i": 1}]},
            "text": "and(-00000000-0000-0000-0000-00000000a007,00000000-0000-0000-0000-00000000a002)"}'::jsonb,
          'the whole result of anime -nsfw');
select is(tagpage_tag_query_normalize('(tq_cat -tq_cat) or tq_dog', 50),
          '{"tags": ["00000000-0000-0000-0000-00000000a004"], "expr": {"op": "tag", "i": 1},
            "text": "00000000-0000-0000-0000-00000000a004"}'::jsonb,
          'tags lists only the tags the folded expression uses');
select is(tagpage_tag_query_normalize('tq_cat or -tq_cat', 50),
          '{"tags": [], "expr": {"op": "true"}, "text": "true"}'::jsonb, 'the whole result of a constant');

-- canonical text
select is(pg_temp.canon('tq_cat -tq_dog tq_nsfw'), pg_temp.canon('tq_nsfw and not tq_dog and TQ_CAT'), 'same text: order, keywords, case');
select is(pg_temp.canon('-(tq_cat or tq_dog)'), pg_temp.canon('-tq_cat -tq_dog'), 'same text: De Morgan');
select is(pg_temp.canon('~tq_cat ~tq_dog tq_nsfw'), pg_temp.canon('tq_nsfw (tq_dog | tq_cat) tq_nsfw'), 'same text: ~ group, duplicates');
select is(pg_temp.canon('(tq_cat tq_dog) tq_nsfw'), pg_temp.canon('tq_cat (tq_dog tq_nsfw)'), 'same text: grouping of ANDs');
select isnt(pg_temp.canon('tq_cat tq_dog'), pg_temp.canon('tq_cat or tq_dog'), 'different text: and / or');
select isnt(pg_temp.canon('tq_cat -tq_dog'), pg_temp.canon('-tq_cat tq_dog'), 'different text: which tag is negated');
select isnt(pg_temp.canon('tq_cat (tq_dog or tq_nsfw)'), pg_temp.canon('(tq_cat tq_dog) or tq_nsfw'), 'different text: grouping');
select isnt(pg_temp.canon('tq_cat or -tq_cat'), pg_temp.canon('tq_cat -tq_cat'), 'different text: true / false');

-- compiled SQL --------------------------------------------------------------------------------
select is(tagpage_sql_tag_expr('{"op":"tag","i":2}', 'c.id', '''items''', '$13'),
          'exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = ''items'' and pt.tag_id = $13[2] offset 0)',
          'a tag is one fenced probe of the primary key');
select is(tagpage_sql_tag_expr('{"op":"not","i":1}', 'c.id', 'c.source_type', '$1'),
          'not exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = c.source_type and pt.tag_id = $1[1] offset 0)',
          'a negated tag is NOT EXISTS');
select is(tagpage_sql_tag_expr('{"op":"or","args":[{"op":"tag","i":1},{"op":"tag","i":3}]}', 'c.id', 'c.source_type', '$1'),
          'exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = c.source_type and pt.tag_id = any(array[$1[1], $1[3]]) offset 0)',
          'an OR of tags is one probe');
select is(tagpage_sql_tag_expr('{"op":"and","args":[{"op":"not","i":1},{"op":"not","i":2},{"op":"tag","i":3}]}', 'c.id', 'c.source_type', '$1'),
          '(not exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = c.source_type and pt.tag_id = any(array[$1[1], $1[2]]) offset 0) and exists (select 1 from content_tags pt where pt.content_id = c.id and pt.content_source = c.source_type and pt.tag_id = $1[3] offset 0))',
          'the negated tags of an AND are one NOT EXISTS');
select is(tagpage_sql_tag_expr('{"op":"true"}', 'c.id', 'c.source_type', '$1') || ' ' || tagpage_sql_tag_expr('{"op":"false"}', 'c.id', 'c.source_type', '$1'),
          'true false', 'constants');
select unalike(tagpage_sql_tag_expr(tagpage_tag_query_normalize('tq_cat (tq_dog or -tq_nsfw) -tq_mixed', 50) -> 'expr', 'c.id', 'c.source_type', '$1'),
              '%00000000-%', 'tag ids never appear in the SQL text');
select is(pg_temp.error_of($$ select tagpage_sql_tag_expr('{"op":"xor"}', 'c.id', 'c.source_type', '$1') $$),
          '22023 tag_query: not a normalised tag query node: {"op": "xor"}', 'an unknown node is refused');

-- the compiled SQL run against rows: row n carries the tags of bits of n (cat 1, dog 2, nsfw 4)
insert into users (id, username) values ('00000000-0000-0000-0000-0000000000e1', 'tq-user');
insert into content_items_all (id, source_type, title, creator_id)
select n, s, 'tq ' || n, '00000000-0000-0000-0000-0000000000e1'
  from generate_series(0, 7) n, unnest(array['items', 'auto']) s;
insert into content_tags (content_id, content_source, tag_id)
select n, s, t.id
  from generate_series(0, 7) n, unnest(array['items', 'auto']) s,
       (values (1, 'tq_cat'), (2, 'tq_dog'), (4, 'tq_nsfw')) b(bit, name)
  join tags t on t.name = b.name
 where n & b.bit <> 0;
create function pg_temp.matching(p_query text, p_source text) returns int[] language plpgsql as $$
declare
    v_q jsonb := tagpage_tag_query_normalize(p_query, 50);
    v_ids int[];
begin
    execute format('select coalesce(array_agg(c.id order by c.id), ''{}'') from content_items_all c where c.title like ''tq %%'' and c.source_type = %L and %s',
                   p_source, tagpage_sql_tag_expr(v_q -> 'expr', 'c.id', 'c.source_type', '$1'))
       into v_ids using array(select jsonb_array_elements_text(v_q -> 'tags'))::uuid[];
    return v_ids;
end;
$$;
select is(pg_temp.matching('tq_cat -tq_nsfw', 'items'), '{1,3}', 'run: cat -nsfw');
select is(pg_temp.matching('(tq_cat or tq_dog) tq_nsfw', 'auto'), '{5,6,7}', 'run: (cat or dog) nsfw');
select is(pg_temp.matching('~tq_cat ~tq_dog -tq_nsfw', 'items'), '{1,2,3}', 'run: ~cat ~dog -nsfw');
select is(pg_temp.matching('-tq_cat -tq_dog', 'auto'), '{0,4}', 'run: -cat -dog');
select is(pg_temp.matching('-(tq_cat tq_dog) or tq_nsfw', 'items'), '{0,1,2,4,5,6,7}', 'run: -(cat dog) or nsfw');
select is(pg_temp.matching('tq_cat or -tq_cat', 'items'), '{0,1,2,3,4,5,6,7}', 'run: true');
select is(pg_temp.matching('tq_cat -tq_cat', 'items'), '{}', 'run: false');

-- density -------------------------------------------------------------------------------------
select is(tagpage_tag_query_density('{"op":"tag","i":2}', '{0.5,0.25}'), 0.25::float8, 'density of a tag');
select is(tagpage_tag_query_density('{"op":"not","i":2}', '{0.5,0.25}'), 0.75::float8, 'density of NOT');
select is(tagpage_tag_query_density('{"op":"and","args":[{"op":"tag","i":1},{"op":"not","i":2}]}', '{0.5,0.25}'), 0.375::float8, 'AND multiplies');
select is(tagpage_tag_query_density('{"op":"or","args":[{"op":"tag","i":1},{"op":"tag","i":2}]}', '{0.5,0.25}'), 0.625::float8, 'OR is 1 - prod(1 - p)');
select is(tagpage_tag_query_density('{"op":"true"}', '{}') + tagpage_tag_query_density('{"op":"false"}', '{}'), 1::float8, 'true 1, false 0');
select is(tagpage_tag_query_density('{"op":"and","args":[{"op":"tag","i":1},{"op":"or","args":[{"op":"not","i":2},{"op":"tag","i":3}]}]}', '{0.5,0.5,0.5}'),
          0.375::float8, 'nested');
select is(pg_temp.error_of($$ select tagpage_tag_query_density('{"op":"tag","i":3}', '{0.5}') $$),
          '22023 tag_query: no probability for tag 3', 'a missing probability is refused');

-- truth table (precompiled walks) -------------------------------------------------------------------
-- Bit m of the table must be the query's value for the row carrying the tags of mask m. The
-- density with probabilities 0 and 1 is that value by other arithmetic (products, not bits):
-- every mask of every normalised query below, over one to four tags, must agree.
create function pg_temp.truth_disagrees(p_query text) returns bigint language plpgsql as $$
declare
    v_q     jsonb := tagpage_tag_query_normalize(p_query, 50);
    v_k     integer := jsonb_array_length(v_q -> 'tags');
    v_truth bigint := tagpage_tag_query_truth(v_q -> 'expr');
begin
    return (select count(*)
              from generate_series(0, (1 << v_k) - 1) m
             where ((v_truth >> m) & 1)::float8
                   <> tagpage_tag_query_density(v_q -> 'expr',
                          array(select ((m >> (i - 1)) & 1)::float8 from generate_series(1, v_k) i)));
end;
$$;
select is((select sum(pg_temp.truth_disagrees(q))::integer from unnest(array[
              'tq_cat', '-tq_cat', 'tq_cat tq_dog', 'tq_cat -tq_dog', 'tq_cat or tq_dog', '-tq_cat -tq_dog',
              '(tq_cat or tq_dog) -tq_nsfw', '~tq_cat ~tq_dog tq_anime', 'tq_cat or (tq_dog -tq_nsfw)',
              '-(tq_cat tq_dog) or tq_anime', '(tq_cat or tq_dog) (tq_anime or -tq_nsfw)',
              'tq_cat tq_dog tq_anime tq_nsfw', 'tq_cat or tq_dog or tq_anime or -tq_nsfw',
              '-(tq_cat or -(tq_dog tq_anime)) or tq_nsfw']) q), 0,
    'truth table: every mask equals the query''s value (density at 0/1) for 14 queries of 1-4 tags');
select is(tagpage_tag_query_truth('{"op":"and","args":[{"op":"tag","i":1},{"op":"not","i":2}]}') & 15, 2::bigint,
    'truth table of tag 1 and not tag 2 over two tags: only mask 1 (tag 1 alone) passes');
select is(tagpage_tag_query_truth('{"op":"false"}'), 0::bigint, 'truth table of false: no mask passes');
select is(pg_temp.error_of($$ select tagpage_tag_query_truth('{"op":"tag","i":7}') $$),
          '22023 tag_query: a truth table covers tags 1 to 6, not 7', 'a tag beyond the table is refused');

-- function attributes the engine relies on ----------------------------------------------------
select volatility_is('tagpage_tag_query_parse', array['text'], 'immutable', 'parse is immutable');
select volatility_is('tagpage_tag_query_normalize', array['text', 'integer'], 'stable', 'normalize reads tags: stable');

select * from finish();
ROLLBACK;
