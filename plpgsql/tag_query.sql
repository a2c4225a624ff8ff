-- Boolean tag queries: the query text (`anime -nsfw`, `(cat or dog) portrait`, `~cat ~dog x`)
-- parsed, resolved to tag ids, normalised into one canonical tree, compiled to fenced per-row
-- probes, and given an estimated match density for the planner. The grammar, its errors and
-- the tree's shape are documented in docs/api.md ("Tag queries").
--
-- Every function here is linear in the length of the text (at most 2,000 characters): the text
-- is cut into tokens by one regular expression, the parser is one loop over the tokens with a
-- fixed-size frame per open parenthesis, and the normaliser makes one pass over the parsed nodes
-- in each direction. Nothing recurses on user input except through parentheses, whose nesting
-- is limited to 10.

-- A tag name written the way the query grammar reads it back: bare when it can be, else quoted.
create or replace function tagpage_tag_query_quote(
    p_name          text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Used in error details, so a name listed there can be pasted back into a query. A bare
    -- name cannot be empty, hold whitespace, ( ) | ", start with - or ~, or be a keyword.
    if p_name <> ''
       and p_name !~ '[ \t\n\r\f\v()|"]'
       and left(p_name, 1) not in ('-', '~')
       and lower(p_name) not in ('and', 'or', 'not') then
        return p_name;
    end if;
    return '"' || replace(replace(p_name, '\', '\\'), '"', '\"') || '"';
end;
$$;

-- Parse a tag query into parallel arrays of nodes (children before their parent); root NULL = empty.
create or replace function tagpage_tag_query_tree(
    p_query         text,
    out ops         text[],
    out names       text[],
    out kid_first   integer[],
    out kid_count   integer[],
    out kids        integer[],
    out root        integer
)
    immutable
    language plpgsql
    set search_path = public, pg_temp
    set plan_cache_mode = force_generic_plan
as $$
declare
    c_max_chars constant integer := 2000;
    c_max_depth constant integer := 10;
    c_space     constant text := E' \t\n\r\f' || chr(11);
    v_toks      text[];             -- the tokens, each with the whitespace before it
    v_ntok      integer;
    v_t         integer := 0;       -- index of the current token
    v_tok       text;               -- the current token as written
    v_kind      text;               -- name ( ) and or not - ~ end
    v_name      text;
    v_pos       integer;            -- 1-based character position of the current token
    v_next_pos  integer := 1;
    v_after     boolean := false;   -- a term just ended (else a term is expected)
    v_pend      text;               -- the token that asked for the term ('(' or an operator)
    v_pend_pos  integer;
    v_prefixed  boolean := false;   -- the term being read has a prefix (- not ~) already
    v_neg       boolean := false;   -- odd number of - / not before the term
    v_tilde     boolean := false;   -- the term is ~-prefixed
    v_node      integer;
    v_n         integer := 0;       -- nodes made
    v_nk        integer := 0;       -- entries in kids
    -- value stacks, shared by all open parentheses; each frame owns the part above its bases
    v_conj      integer[] := '{}';
    v_nconj     integer := 0;
    v_tild      integer[] := '{}';
    v_ntild     integer := 0;
    v_alt       integer[] := '{}';
    v_nalt      integer := 0;
    v_bconj     integer := 0;
    v_btild     integer := 0;
    v_balt      integer := 0;
    -- one frame per open parenthesis: the enclosing frame's bases and pending prefixes
    v_depth     integer := 0;
    f_conj      integer[] := '{}';
    f_tild      integer[] := '{}';
    f_alt       integer[] := '{}';
    f_neg       boolean[] := '{}';
    f_tilde     boolean[] := '{}';
    f_pos       integer[] := '{}';
    v_i         integer;
    v_cnt       integer;
begin
    -- Iterative operator-precedence parse (NOT > AND > OR): a term goes on the conjunct stack,
    -- or on the ~ stack when ~-prefixed; `or`, `)` and the end close the current conjunction
    -- (its ~ terms become one OR group ANDed with the rest); `)` and the end also close the
    -- alternatives of their level. Errors are 22023 with the position of the token at fault.
    ops := '{}'; names := '{}'; kid_first := '{}'; kid_count := '{}'; kids := '{}';
    if p_query is null then
        return;
    end if;
    if octet_length(p_query) > c_max_chars and char_length(p_query) > c_max_chars then
        raise exception 'tag_query: longer than % characters at %', c_max_chars, c_max_chars + 1
            using errcode = '22023';
    end if;
    -- Tokens, each with the whitespace before it: ( ) |, a quoted name (a backslash takes the
    -- next character as is), a lone " (unterminated), a - or ~ prefix, a bare word. Every
    -- character falls in one, so the lengths give the positions. (A function scan returns the
    -- matches in order; one capture-free pattern is the cheapest way to get them.)
    v_toks := array(select (regexp_matches(p_query,
                  '[ \t\n\r\f\v]*(?:[()|]|"(?:[^"\\]|\\.)*"|"|[-~]|[^ \t\n\r\f\v()|"~-][^ \t\n\r\f\v()|"]*)',
                  'g'))[1]);
    v_ntok := cardinality(v_toks);

    loop
        -- the next token: its kind, position and (for a name) the name
        v_t := v_t + 1;
        if v_t > v_ntok then
            v_kind := 'end';
            v_tok := '';
        else
            v_tok := ltrim(v_toks[v_t], c_space);
            v_pos := v_next_pos + char_length(v_toks[v_t]) - char_length(v_tok);
            v_next_pos := v_pos + char_length(v_tok);
            if v_tok in ('-', '~') then
                -- a prefix touches its term
                if v_t = v_ntok or strpos(c_space, left(v_toks[v_t + 1], 1)) > 0 then
                    raise exception 'tag_query: expected a tag after "%" at %', v_tok, v_pos using errcode = '22023';
                end if;
                v_kind := v_tok;
            elsif v_tok in ('(', ')') then
                v_kind := v_tok;
            elsif v_tok = '|' then
                v_kind := 'or';
            elsif left(v_tok, 1) = '"' then
                if v_tok = '"' then
                    raise exception 'tag_query: unterminated quoted name at %', v_pos using errcode = '22023';
                end if;
                v_name := substr(v_tok, 2, char_length(v_tok) - 2);
                if strpos(v_name, '\') > 0 then
                    v_name := regexp_replace(v_name, '\\(.)', '\1', 'g');
                end if;
                if v_name = '' then
                    raise exception 'tag_query: empty quoted name at %', v_pos using errcode = '22023';
                end if;
                v_kind := 'name';
            elsif char_length(v_tok) <= 3 and lower(v_tok) in ('and', 'or', 'not') then
                v_kind := lower(v_tok);
            else
                v_name := v_tok;
                v_kind := 'name';
            end if;
        end if;

        -- a term right after a term: juxtaposition is AND
        if v_after and v_kind in ('name', '(', '-', '~', 'not') then
            v_after := false;
            v_pend := null;
        end if;

        v_node := null;
        if not v_after then
            -- a term is expected
            if v_kind = 'name' then
                v_n := v_n + 1;
                ops[v_n] := 'tag';
                names[v_n] := v_name;
                kid_first[v_n] := 0;
                kid_count[v_n] := 0;
                v_node := v_n;
            elsif v_kind = '(' then
                if v_depth >= c_max_depth then
                    raise exception 'tag_query: parentheses nested deeper than % at %', c_max_depth, v_pos
                        using errcode = '22023';
                end if;
                v_depth := v_depth + 1;
                f_conj[v_depth] := v_bconj;
                f_tild[v_depth] := v_btild;
                f_alt[v_depth] := v_balt;
                f_neg[v_depth] := v_neg;
                f_tilde[v_depth] := v_tilde;
                f_pos[v_depth] := v_pos;
                v_bconj := v_nconj;
                v_btild := v_ntild;
                v_balt := v_nalt;
                v_neg := false;
                v_tilde := false;
                v_prefixed := false;
                v_pend := '(';
                v_pend_pos := v_pos;
                continue;
            elsif v_kind in ('-', 'not') or (v_kind = '~' and not v_prefixed) then
                if v_kind = '~' then
                    v_tilde := true;
                else
                    v_neg := not v_neg;
                end if;
                v_prefixed := true;
                v_pend := v_tok;
                v_pend_pos := v_pos;
                continue;
            elsif v_pend is null and v_kind = 'end' then
                return;  -- whitespace only: no filter
            elsif v_pend is null and v_kind = ')' then
                raise exception 'tag_query: unmatched ")" at %', v_pos using errcode = '22023';
            elsif v_pend = '(' and v_kind = ')' then
                raise exception 'tag_query: empty parentheses at %', v_pend_pos using errcode = '22023';
            elsif v_pend = '(' and v_kind = 'end' then
                raise exception 'tag_query: unmatched "(" at %', v_pend_pos using errcode = '22023';
            elsif (v_pend is null or v_pend = '(') and v_kind in ('and', 'or') then
                raise exception 'tag_query: expected a tag before "%" at %', v_tok, v_pos using errcode = '22023';
            else
                raise exception 'tag_query: expected a tag after "%" at %', v_pend, v_pend_pos using errcode = '22023';
            end if;
        else
            -- a term has just ended
            if v_kind = 'and' then
                v_after := false;
                v_pend := v_tok;
                v_pend_pos := v_pos;
                continue;
            end if;
            if v_kind = ')' and v_depth = 0 then
                raise exception 'tag_query: unmatched ")" at %', v_pos using errcode = '22023';
            end if;
            if v_kind = 'end' and v_depth > 0 then
                raise exception 'tag_query: unmatched "(" at %', f_pos[v_depth] using errcode = '22023';
            end if;
            -- close the conjunction: its ~ terms first, as one OR group
            v_cnt := v_ntild - v_btild;
            if v_cnt > 0 then
                if v_cnt = 1 then
                    v_node := v_tild[v_ntild];
                else
                    v_n := v_n + 1;
                    ops[v_n] := 'or';
                    kid_first[v_n] := v_nk + 1;
                    kid_count[v_n] := v_cnt;
                    for v_i in v_btild + 1 .. v_ntild loop
                        v_nk := v_nk + 1;
                        kids[v_nk] := v_tild[v_i];
                    end loop;
                    v_node := v_n;
                end if;
                v_ntild := v_btild;
                v_nconj := v_nconj + 1;
                v_conj[v_nconj] := v_node;
            end if;
            v_cnt := v_nconj - v_bconj;
            if v_cnt = 1 then
                v_node := v_conj[v_nconj];
            else
                v_n := v_n + 1;
                ops[v_n] := 'and';
                kid_first[v_n] := v_nk + 1;
                kid_count[v_n] := v_cnt;
                for v_i in v_bconj + 1 .. v_nconj loop
                    v_nk := v_nk + 1;
                    kids[v_nk] := v_conj[v_i];
                end loop;
                v_node := v_n;
            end if;
            v_nconj := v_bconj;
            v_nalt := v_nalt + 1;
            v_alt[v_nalt] := v_node;
            if v_kind = 'or' then
                v_after := false;
                v_pend := v_tok;
                v_pend_pos := v_pos;
                continue;
            end if;
            -- ')' or the end: close this level's alternatives
            v_cnt := v_nalt - v_balt;
            if v_cnt = 1 then
                v_node := v_alt[v_nalt];
            else
                v_n := v_n + 1;
                ops[v_n] := 'or';
                kid_first[v_n] := v_nk + 1;
                kid_count[v_n] := v_cnt;
                for v_i in v_balt + 1 .. v_nalt loop
                    v_nk := v_nk + 1;
                    kids[v_nk] := v_alt[v_i];
                end loop;
                v_node := v_n;
            end if;
            v_nalt := v_balt;
            if v_kind = 'end' then
                root := v_node;
                return;
            end if;
            -- ')': back to the enclosing level, whose prefixes apply to the group
            v_bconj := f_conj[v_depth];
            v_btild := f_tild[v_depth];
            v_balt := f_alt[v_depth];
            v_neg := f_neg[v_depth];
            v_tilde := f_tilde[v_depth];
            v_depth := v_depth - 1;
        end if;

        -- a term is complete: apply its prefixes and put it on its stack
        if v_neg then
            if ops[v_node] = 'not' then
                v_node := kids[kid_first[v_node]];
            else
                v_n := v_n + 1;
                ops[v_n] := 'not';
                v_nk := v_nk + 1;
                kids[v_nk] := v_node;
                kid_first[v_n] := v_nk;
                kid_count[v_n] := 1;
                v_node := v_n;
            end if;
        end if;
        if v_tilde then
            v_ntild := v_ntild + 1;
            v_tild[v_ntild] := v_node;
        else
            v_nconj := v_nconj + 1;
            v_conj[v_nconj] := v_node;
        end if;
        v_neg := false;
        v_tilde := false;
        v_prefixed := false;
        v_after := true;
    end loop;
end;
$$;

-- The parse tree of a tag query as JSON (names as written); NULL for an empty query.
create or replace function tagpage_tag_query_parse(
    p_query         text
)
    returns jsonb
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_tree      record;
    v_json      jsonb[] := '{}';
    v_args      jsonb[];
    v_n         integer;
    v_j         integer;
begin
    -- Shows how the grammar read the text, before names are resolved or anything simplified:
    -- {"op":"tag","name":...} | {"op":"not","arg":NODE} | {"op":"and"|"or","args":[NODE, ...]}.
    -- Nodes come children first, so one forward pass builds every node from finished children.
    v_tree := tagpage_tag_query_tree(p_query);
    if v_tree.root is null then
        return null;
    end if;
    for v_n in 1 .. v_tree.root loop
        if v_tree.ops[v_n] = 'tag' then
            v_json[v_n] := jsonb_build_object('op', 'tag', 'name', v_tree.names[v_n]);
        elsif v_tree.ops[v_n] = 'not' then
            v_json[v_n] := jsonb_build_object('op', 'not', 'arg', v_json[v_tree.kids[v_tree.kid_first[v_n]]]);
        else
            v_args := '{}';
            for v_j in v_tree.kid_first[v_n] .. v_tree.kid_first[v_n] + v_tree.kid_count[v_n] - 1 loop
                v_args := v_args || v_json[v_tree.kids[v_j]];
            end loop;
            v_json[v_n] := jsonb_build_object('op', v_tree.ops[v_n], 'args', to_jsonb(v_args));
        end if;
    end loop;
    return v_json[v_tree.root];
end;
$$;

-- A conjunction of names, each plain or negated (`anime -dark`), normalised without the parser;
-- NULL for any other query, or when a name resolves to no tag or to several, or there are more
-- than p_max_tags tags (tagpage_tag_query_normalize_general answers those, with their errors).
create or replace function tagpage_tag_query_conjunction(
    p_query         text,
    p_max_tags      integer
)
    returns jsonb
    stable
    language plpgsql
    set search_path = public, pg_temp
    set plan_cache_mode = force_generic_plan
    set random_page_cost = 1.1
as $$
declare
    v_words     text;
    v_ok        boolean;
    v_n         integer;
    v_ids       text[];
    v_args      text[];
    v_texts     text[];
    v_false     boolean;
begin
    -- The form most queries take, and the general parser and normaliser cost several times
    -- what this does (docs/performance.md, "Conjunctions without the parser"). Its normal form
    -- is the general one's for the same text (tests/sql/test_tag_query.py compares the two):
    -- an AND of the words' leaves, each once, sorted by canonical text in the C collation,
    -- `false` when a tag is both plain and negated; positions index the tags in uuid order.
    -- Words: split on the grammar's whitespace, each a bare name (the tokenizer's pattern in
    -- tagpage_tag_query_tree) after at most one '-', none a keyword.
    if p_query is null or char_length(p_query) > 2000 then
        return null;
    end if;
    v_words := array_to_string(regexp_split_to_array(btrim(p_query, E' \t\n\r\f' || chr(11)),
                                                     '[ \t\n\r\f\v]+'), ' ');
    if v_words !~ '^-?[^ \t\n\r\f\v()|"~-][^ \t\n\r\f\v()|"]*( -?[^ \t\n\r\f\v()|"~-][^ \t\n\r\f\v()|"]*)*$'
       or lower(' ' || v_words || ' ') ~ ' -?(and|or|not) ' then
        return null;
    end if;
    -- Each distinct word's tags through the lower(name) index (a scan of the vocabulary would
    -- lower every name; random_page_cost = 1.1 keeps the generic plan on the index even for a
    -- vocabulary of a few pages), numbered in uuid order; the short path needs exactly one per
    -- word.
    select bool_and(m.n = 1), count(distinct m.id),
           array_agg(distinct m.id::text order by m.id::text),
           array_agg(m.js order by m.txt collate "C"),
           array_agg(m.txt order by m.txt collate "C"),
           count(distinct m.id) < count(*)
      into v_ok, v_n, v_ids, v_args, v_texts, v_false
      from (select count(t.id) over (partition by w.neg, w.low) as n, t.id,
                   case when w.neg then '-' else '' end || t.id::text as txt,
                   '{"op":"' || case when w.neg then 'not' else 'tag' end || '","i":'
                       || dense_rank() over (order by t.id) || '}' as js
              from (select distinct left(x.x, 1) = '-' as neg, lower(ltrim(x.x, '-')) as low
                      from unnest(string_to_array(v_words, ' ')) as x(x)) w
              left join lateral (select g.id from tags g where lower(g.name) = w.low offset 0) t on true) m;
    if not v_ok or v_n > coalesce(p_max_tags,
                                  (select (c.value #>> '{}')::integer from planner_config c where c.key = 'max_tags'),
                                  50) then
        return null;
    end if;
    if v_false then
        return '{"tags": [], "expr": {"op": "false"}, "text": "false"}'::jsonb;
    end if;
    if cardinality(v_args) = 1 then
        return ('{"tags":' || to_json(v_ids)::text || ',"expr":' || v_args[1]
                || ',"text":"' || v_texts[1] || '"}')::jsonb;
    end if;
    return ('{"tags":' || to_json(v_ids)::text || ',"expr":{"op":"and","args":['
            || array_to_string(v_args, ',') || ']},"text":"and(' || array_to_string(v_texts, ',')
            || ')"}')::jsonb;
end;
$$;

-- A tag query resolved and normalised by the parser: any query the grammar accepts.
create or replace function tagpage_tag_query_normalize_general(
    p_query         text,
    p_max_tags      integer
)
    returns jsonb
    stable
    language plpgsql
    set search_path = public, pg_temp
    set plan_cache_mode = force_generic_plan
    set random_page_cost = 1.1
as $$
declare
    v_tree      record;
    v_ops       text[];             -- the parsed nodes (see tagpage_tag_query_tree)
    v_pkf       integer[];
    v_pkc       integer[];
    v_pk        integer[];
    v_nnodes    integer;
    v_low       text[] := '{}';     -- lower-case name of each tag node
    v_found     text[];             -- lower(name) of every tag a name resolves to, in uuid order
    v_ids       text[];             -- those tags' ids
    v_unknown   text[] := '{}';
    v_detail    text[] := '{}';
    v_max       integer := p_max_tags;
    v_pol       boolean[];          -- polarity of each parsed node (NULL: not reachable)
    v_norm      integer[] := '{}';  -- the normalised node of each parsed node
    -- normalised nodes, children before parents; 1 is true, 2 is false
    s_op        text[] := '{true,false}';
    s_u         text[] := '{NULL,NULL}';
    s_kf        integer[] := '{0,0}';
    s_kc        integer[] := '{0,0}';
    s_text      text[] := '{true,false}';
    s_json      text[] := array['{"op":"true"}', '{"op":"false"}'];  -- positions into v_ids
    s_k         integer[] := '{}';
    v_ns        integer := 2;
    v_nsk       integer := 0;
    v_n         integer;
    v_j         integer;
    v_jj        integer;
    v_s         integer;
    v_pos       integer[];
    v_p         boolean;
    v_op        text;
    v_ident     integer;
    v_absorb    integer;
    v_list      integer[];
    v_texts     text[];
    v_cnt       integer;
    v_keep      boolean[];
    v_posl      text[];
    v_negl      text[];
    v_compound  boolean;
    v_sub       text[];
    v_t         text;
    v_k         integer;
    v_done      boolean;
    v_reach     boolean[];
    v_used      boolean[];
    v_tags      text[] := '{}';
    v_json      text[] := '{}';
    v_root      integer;
begin
    -- Parse, resolve names case-insensitively (every tag whose lower(name) matches; two tags
    -- differing only in case make the name an OR of both), then normalise bottom-up: NOT goes to
    -- the leaves (each parsed node gets its polarity in a top-down pass first), AND/OR children
    -- are flattened, constants folded, x and -x / x or -x folded, duplicates removed (equal
    -- canonical text), an OR child of an AND holding one of the AND's other children dropped
    -- (absorption; dually for OR), and children sorted by canonical text in the C collation,
    -- which makes the text canonical. plan_cache_mode: the name lookup's generic plan is as good
    -- as a custom one, and replanning it on every call cost more than the rest of the function;
    -- random_page_cost = 1.1 keeps that plan on the lower(name) index for a small vocabulary.
    v_tree := tagpage_tag_query_tree(p_query);
    if v_tree.root is null then
        return null;
    end if;
    v_ops := v_tree.ops;
    v_pkf := v_tree.kid_first;
    v_pkc := v_tree.kid_count;
    v_pk := v_tree.kids;
    v_nnodes := cardinality(v_ops);
    if v_max is null then
        select (value #>> '{}')::integer into v_max from planner_config where key = 'max_tags';
        v_max := coalesce(v_max, 50);
    end if;

    for v_n in 1 .. v_nnodes loop
        if v_ops[v_n] = 'tag' then
            v_low[v_n] := lower(v_tree.names[v_n]);
        end if;
    end loop;
    -- every tag whose lower(name) is one of the names, in uuid order (one row per tag), each
    -- distinct name through the lower(name) index: a generic plan of `lower(name) = any(...)`
    -- scans the vocabulary and lowers every name
    select coalesce(array_agg(lower(t.name) order by t.id), '{}'),
           coalesce(array_agg(t.id order by t.id)::text[], '{}')
      into v_found, v_ids
      from (select distinct n.low from unnest(v_low) as n(low) where n.low is not null) n
      cross join lateral (select g.id, g.name from tags g where lower(g.name) = n.low offset 0) t;
    for v_n in 1 .. v_nnodes loop
        if v_low[v_n] is not null and not v_low[v_n] = any(v_found) and not v_low[v_n] = any(v_unknown) then
            v_unknown := v_unknown || v_low[v_n];
            v_detail := v_detail || tagpage_tag_query_quote(v_tree.names[v_n]);
        end if;
    end loop;
    if cardinality(v_unknown) > 0 then
        -- each unknown name as first written, in the order of the lower-case names
        raise exception 'tag_query: unknown tag names' using errcode = '22023',
              detail = (select string_agg(u.d, ', ' order by u.l collate "C") from unnest(v_unknown, v_detail) as u(l, d));
    end if;
    if cardinality(v_ids) > v_max then
        raise exception 'tag_query: % distinct tags, more than max_tags (%)', cardinality(v_ids), v_max
            using errcode = '22023';
    end if;

    -- polarity, top-down (a parent always comes after its children)
    v_pol := array_fill(null::boolean, array[v_nnodes]);
    v_pol[v_tree.root] := true;
    for v_n in reverse v_nnodes .. 1 loop
        v_p := v_pol[v_n];
        continue when v_p is null or v_ops[v_n] = 'tag';
        if v_ops[v_n] = 'not' then
            v_pol[v_pk[v_pkf[v_n]]] := not v_p;
        else
            for v_j in v_pkf[v_n] .. v_pkf[v_n] + v_pkc[v_n] - 1 loop
                v_pol[v_pk[v_j]] := v_p;
            end loop;
        end if;
    end loop;

    -- normal forms, bottom-up
    for v_n in 1 .. v_nnodes loop
        v_p := v_pol[v_n];
        continue when v_p is null;
        v_op := v_ops[v_n];
        if v_op = 'not' then
            v_norm[v_n] := v_norm[v_pk[v_pkf[v_n]]];
            continue;
        end if;
        if v_op = 'tag' then
            -- one leaf per tag the name resolves to; several: an OR (negated: an AND of NOTs),
            -- already in uuid order, which is their text order
            v_k := array_position(v_found, v_low[v_n]);
            if array_position(v_found, v_low[v_n], v_k + 1) is null then
                v_t := v_ids[v_k];
                v_ns := v_ns + 1;
                s_op[v_ns] := case when v_p then 'tag' else 'not' end;
                s_u[v_ns] := v_t;
                s_kf[v_ns] := 0;
                s_kc[v_ns] := 0;
                s_text[v_ns] := case when v_p then v_t else '-' || v_t end;
                s_json[v_ns] := '{"op":"' || s_op[v_ns] || '","i":' || v_k || '}';
                v_norm[v_n] := v_ns;
                continue;
            end if;
            v_pos := array_positions(v_found, v_low[v_n]);
            v_cnt := cardinality(v_pos);
            v_list := '{}';
            v_texts := '{}';
            for v_j in 1 .. v_cnt loop
                v_ns := v_ns + 1;
                v_t := v_ids[v_pos[v_j]];
                s_op[v_ns] := case when v_p then 'tag' else 'not' end;
                s_u[v_ns] := v_t;
                s_kf[v_ns] := 0;
                s_kc[v_ns] := 0;
                s_text[v_ns] := case when v_p then v_t else '-' || v_t end;
                s_json[v_ns] := '{"op":"' || s_op[v_ns] || '","i":' || v_pos[v_j] || '}';
                v_list[v_j] := v_ns;
                v_texts[v_j] := s_text[v_ns];
            end loop;
            v_op := case when v_p then 'or' else 'and' end;
        else
            -- AND/OR (swapped under negation): gather the children, flattening same-op ones
            if not v_p then
                v_op := case when v_op = 'and' then 'or' else 'and' end;
            end if;
            v_ident := case when v_op = 'and' then 1 else 2 end;
            v_absorb := 3 - v_ident;
            v_list := '{}';
            v_texts := '{}';
            v_posl := '{}';
            v_negl := '{}';
            v_cnt := 0;
            v_compound := false;
            v_done := false;
            for v_j in v_pkf[v_n] .. v_pkf[v_n] + v_pkc[v_n] - 1 loop
                v_s := v_norm[v_pk[v_j]];
                if v_s = v_ident then
                    continue;
                elsif v_s = v_absorb then
                    v_done := true;
                    exit;
                elsif s_op[v_s] = v_op then
                    for v_jj in s_kf[v_s] .. s_kf[v_s] + s_kc[v_s] - 1 loop
                        v_k := s_k[v_jj];
                        v_cnt := v_cnt + 1;
                        v_list[v_cnt] := v_k;
                        v_texts[v_cnt] := s_text[v_k];
                        if s_op[v_k] = 'tag' then
                            v_posl := v_posl || s_u[v_k];
                        elsif s_op[v_k] = 'not' then
                            v_negl := v_negl || s_u[v_k];
                        else
                            v_compound := true;
                        end if;
                    end loop;
                else
                    v_cnt := v_cnt + 1;
                    v_list[v_cnt] := v_s;
                    v_texts[v_cnt] := s_text[v_s];
                    if s_op[v_s] = 'tag' then
                        v_posl := v_posl || s_u[v_s];
                    elsif s_op[v_s] = 'not' then
                        v_negl := v_negl || s_u[v_s];
                    else
                        v_compound := true;
                    end if;
                end if;
            end loop;
            -- a constant that absorbs, or x and -x / x or -x side by side
            if v_done or v_posl && v_negl then
                v_norm[v_n] := v_absorb;
                continue;
            end if;
            if v_cnt > 1 then
                -- sort by canonical text and drop duplicates (insertion sort for a few children)
                if v_cnt <= 8 then
                    for v_j in 2 .. v_cnt loop
                        v_k := v_list[v_j];
                        v_t := v_texts[v_j];
                        v_jj := v_j - 1;
                        while v_jj >= 1 and v_texts[v_jj] > v_t collate "C" loop
                            v_list[v_jj + 1] := v_list[v_jj];
                            v_texts[v_jj + 1] := v_texts[v_jj];
                            v_jj := v_jj - 1;
                        end loop;
                        v_list[v_jj + 1] := v_k;
                        v_texts[v_jj + 1] := v_t;
                    end loop;
                    v_jj := 1;
                    for v_j in 2 .. v_cnt loop
                        if v_texts[v_j] <> v_texts[v_jj] then
                            v_jj := v_jj + 1;
                            v_list[v_jj] := v_list[v_j];
                            v_texts[v_jj] := v_texts[v_j];
                        end if;
                    end loop;
                    v_cnt := v_jj;
                else
                    select array_agg(d.k order by d.t collate "C"), array_agg(d.t order by d.t collate "C")
                      into v_list, v_texts
                      from (select min(u.k) as k, u.t from unnest(v_list, v_texts) as u(k, t) group by u.t) d;
                    v_cnt := cardinality(v_list);
                end if;
            end if;
            -- absorption: x and (x or y) = x, x or (x and y) = x (the child's children are of
            -- the other op; a sibling among them absorbs it)
            if v_compound and v_cnt > 1 then
                v_keep := array_fill(true, array[v_cnt]);
                v_k := v_cnt;
                for v_j in 1 .. v_cnt loop
                    v_s := v_list[v_j];
                    continue when s_kc[v_s] = 0;
                    v_sub := '{}';
                    for v_jj in s_kf[v_s] .. s_kf[v_s] + s_kc[v_s] - 1 loop
                        v_sub := v_sub || s_text[s_k[v_jj]];
                    end loop;
                    if v_sub && v_texts[1:v_cnt] then
                        v_keep[v_j] := false;
                        v_k := v_k - 1;
                    end if;
                end loop;
                if v_k < v_cnt then
                    v_jj := 0;
                    for v_j in 1 .. v_cnt loop
                        if v_keep[v_j] then
                            v_jj := v_jj + 1;
                            v_list[v_jj] := v_list[v_j];
                            v_texts[v_jj] := v_texts[v_j];
                        end if;
                    end loop;
                    v_cnt := v_jj;
                end if;
            end if;
            if v_cnt = 0 then
                v_norm[v_n] := v_ident;
                continue;
            elsif v_cnt = 1 then
                v_norm[v_n] := v_list[1];
                continue;
            end if;
        end if;
        -- a new AND/OR node over the first v_cnt of v_list (sorted, at least two)
        v_ns := v_ns + 1;
        s_op[v_ns] := v_op;
        s_u[v_ns] := null;
        s_kf[v_ns] := v_nsk + 1;
        s_kc[v_ns] := v_cnt;
        v_t := '';
        for v_j in 1 .. v_cnt loop
            v_nsk := v_nsk + 1;
            s_k[v_nsk] := v_list[v_j];
            v_t := v_t || case when v_j > 1 then ',' else '' end || s_json[v_list[v_j]];
        end loop;
        s_text[v_ns] := v_op || '(' || array_to_string(v_texts[1:v_cnt], ',') || ')';
        s_json[v_ns] := '{"op":"' || v_op || '","args":[' || v_t || ']}';
        v_norm[v_n] := v_ns;
    end loop;

    v_root := v_norm[v_tree.root];
    if v_root <= 2 then
        return jsonb_build_object('tags', '[]'::jsonb, 'expr', jsonb_build_object('op', s_op[v_root]),
                                  'text', s_text[v_root]);
    end if;
    -- Usually every resolved tag is still in the tree, and the JSON made along the way, whose
    -- positions point into v_ids, is the answer (the text is uuids, ops, commas, parentheses:
    -- nothing to escape). Folding may have dropped some tags: then renumber below.
    v_done := true;
    foreach v_t in array v_ids loop
        if strpos(s_text[v_root], v_t) = 0 then
            v_done := false;
            exit;
        end if;
    end loop;
    if v_done then
        return ('{"tags":' || to_json(v_ids)::text || ',"expr":' || s_json[v_root]
                || ',"text":"' || s_text[v_root] || '"}')::jsonb;
    end if;
    -- the tags the final tree uses, in uuid order
    v_reach := array_fill(false, array[v_root]);
    v_reach[v_root] := true;
    v_used := array_fill(false, array[cardinality(v_ids)]);
    for v_s in reverse v_root .. 3 loop
        continue when not v_reach[v_s];
        if s_kc[v_s] = 0 then
            v_used[array_position(v_ids, s_u[v_s])] := true;
        end if;
        for v_j in s_kf[v_s] .. s_kf[v_s] + s_kc[v_s] - 1 loop
            v_reach[s_k[v_j]] := true;
        end loop;
    end loop;
    for v_j in 1 .. cardinality(v_ids) loop
        if v_used[v_j] then
            v_tags := v_tags || v_ids[v_j];
        end if;
    end loop;
    -- the tree as JSON text (ops and positions only, nothing to escape), parsed once at the end
    for v_s in 3 .. v_root loop
        continue when not v_reach[v_s];
        if s_kc[v_s] = 0 then
            v_json[v_s] := '{"op":"' || s_op[v_s] || '","i":' || array_position(v_tags, s_u[v_s]) || '}';
        else
            v_t := '{"op":"' || s_op[v_s] || '","args":[' || v_json[s_k[s_kf[v_s]]];
            for v_j in s_kf[v_s] + 1 .. s_kf[v_s] + s_kc[v_s] - 1 loop
                v_t := v_t || ',' || v_json[s_k[v_j]];
            end loop;
            v_json[v_s] := v_t || ']}';
        end if;
    end loop;
    return jsonb_build_object('tags', to_jsonb(v_tags), 'expr', v_json[v_root]::jsonb, 'text', s_text[v_root]);
end;
$$;

-- A tag query resolved and normalised: {"tags": [uuid...], "expr": NODE, "text": canonical}; NULL = no filter.
create or replace function tagpage_tag_query_normalize(
    p_query         text,
    p_max_tags      integer
)
    returns jsonb
    stable
    language sql
-- A conjunction of names without the parser, anything else with it; the same normal form either
-- way. A SQL-standard body inlines into its callers' expressions and needs no search_path.
return coalesce(tagpage_tag_query_conjunction(p_query, p_max_tags),
                tagpage_tag_query_normalize_general(p_query, p_max_tags));

-- One fenced EXISTS probe of the content_tags primary key for a list of tag positions.
create or replace function tagpage_sql_tag_query_probe(
    p_positions     integer[],
    p_id_sql        text,
    p_source_sql    text,
    p_tags_sql      text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
begin
    -- Same shape as tagpage_sql_tag_probe: OFFSET 0 keeps it one index probe per row. Several
    -- positions are one probe with = any(array[...]). The fragments come from the engine.
    return format('exists (select 1 from content_tags pt where pt.content_id = %1$s '
                  'and pt.content_source = %2$s and pt.tag_id = %3$s offset 0)',
                  p_id_sql, p_source_sql,
                  case when cardinality(p_positions) = 1 then format('%s[%s]', p_tags_sql, p_positions[1])
                       else format('any(array[%s])',
                                   (select string_agg(format('%s[%s]', p_tags_sql, x), ', ' order by o)
                                      from unnest(p_positions) with ordinality as u(x, o)))
                  end);
end;
$$;

-- The SQL boolean expression of a normalised tag query for one content row.
create or replace function tagpage_sql_tag_expr(
    p_expr          jsonb,
    p_id_sql        text,
    p_source_sql    text,
    p_tags_sql      text
)
    returns text
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_op        text := p_expr ->> 'op';
    v_arg       jsonb;
    v_parts     text[] := '{}';
    v_leaves    integer[] := '{}';
    v_leaf_op   text;
begin
    -- Leaves are fenced probes; tag ids stay parameters (p_tags_sql[i]), never text. The
    -- positive tags of an OR share one probe (tag_id = any), and so do the negated tags of an
    -- AND (-a -b = not (a or b): one NOT EXISTS). p_id_sql / p_source_sql / p_tags_sql are
    -- fragments built by the engine, never user input; positions are cast to integer here.
    if v_op = 'true' then
        return 'true';
    elsif v_op = 'false' then
        return 'false';
    elsif v_op = 'tag' then
        return tagpage_sql_tag_query_probe(array[(p_expr ->> 'i')::integer], p_id_sql, p_source_sql, p_tags_sql);
    elsif v_op = 'not' then
        return 'not ' || tagpage_sql_tag_query_probe(array[(p_expr ->> 'i')::integer], p_id_sql, p_source_sql, p_tags_sql);
    elsif v_op not in ('and', 'or') or jsonb_typeof(p_expr -> 'args') is distinct from 'array' then
        raise exception 'tag_query: not a normalised tag query node: %', left(p_expr::text, 200)
            using errcode = '22023';
    end if;
    v_leaf_op := case when v_op = 'or' then 'tag' else 'not' end;
    for v_arg in select jsonb_array_elements(p_expr -> 'args') loop
        if v_arg ->> 'op' = v_leaf_op then
            v_leaves := v_leaves || (v_arg ->> 'i')::integer;
        else
            v_parts := v_parts || tagpage_sql_tag_expr(v_arg, p_id_sql, p_source_sql, p_tags_sql);
        end if;
    end loop;
    if cardinality(v_leaves) > 0 then
        v_parts := case when v_op = 'or' then '' else 'not ' end
                   || tagpage_sql_tag_query_probe(v_leaves, p_id_sql, p_source_sql, p_tags_sql)
                   || v_parts;
    end if;
    if cardinality(v_parts) = 1 then
        return v_parts[1];
    end if;
    return '(' || array_to_string(v_parts, ' ' || v_op || ' ') || ')';
end;
$$;

-- Estimated fraction of rows a normalised tag query matches, tags assumed independent.
create or replace function tagpage_tag_query_density(
    p_expr          jsonb,
    p_probs         float8[]
)
    returns float8
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_op        text := p_expr ->> 'op';
    v_p         float8;
    v_arg       jsonb;
begin
    -- p_probs[i] is the share of rows carrying tag i (expr's "i"), clamped to [0, 1]; AND
    -- multiplies, OR is 1 - prod(1 - p), NOT is 1 - p.
    if v_op = 'true' then
        return 1;
    elsif v_op = 'false' then
        return 0;
    elsif v_op in ('tag', 'not') then
        v_p := p_probs[(p_expr ->> 'i')::integer];
        if v_p is null then
            raise exception 'tag_query: no probability for tag %', p_expr ->> 'i' using errcode = '22023';
        end if;
        v_p := least(greatest(v_p, 0), 1);
        return case when v_op = 'tag' then v_p else 1 - v_p end;
    elsif v_op = 'and' then
        v_p := 1;
        for v_arg in select jsonb_array_elements(p_expr -> 'args') loop
            v_p := v_p * tagpage_tag_query_density(v_arg, p_probs);
        end loop;
        return v_p;
    elsif v_op = 'or' then
        v_p := 1;
        for v_arg in select jsonb_array_elements(p_expr -> 'args') loop
            v_p := v_p * (1 - tagpage_tag_query_density(v_arg, p_probs));
        end loop;
        return 1 - v_p;
    end if;
    raise exception 'tag_query: not a normalised tag query node: %', left(p_expr::text, 200)
        using errcode = '22023';
end;
$$;

-- The truth table of a normalised tag query over tag positions 1..6: bit m is set when a row
-- carrying exactly the tags whose positions are the set bits of m (bit i - 1 for tag i) passes.
create or replace function tagpage_tag_query_truth(
    p_expr          jsonb
)
    returns bigint
    immutable
    language plpgsql
    set search_path = public, pg_temp
as $$
declare
    v_op        text := p_expr ->> 'op';
    v_i         integer;
    v_t         bigint;
    v_arg       jsonb;
begin
    -- All 64 rows of the table at once, one bigint per node: tag i is the column whose bit m
    -- is bit i - 1 of m; NOT, AND and OR are ~, & and | on whole columns. A precompiled walk
    -- then probes each of the query's tags for a row and looks up the mask it carries.
    if v_op = 'true' then
        return -1;
    elsif v_op = 'false' then
        return 0;
    elsif v_op in ('tag', 'not') then
        v_i := (p_expr ->> 'i')::integer;
        if v_i is null or v_i not between 1 and 6 then
            raise exception 'tag_query: a truth table covers tags 1 to 6, not %', p_expr ->> 'i'
                using errcode = '22023';
        end if;
        v_t := (array[x'AAAAAAAAAAAAAAAA', x'CCCCCCCCCCCCCCCC', x'F0F0F0F0F0F0F0F0',
                      x'FF00FF00FF00FF00', x'FFFF0000FFFF0000', x'FFFFFFFF00000000'])[v_i]::bigint;
        return case when v_op = 'tag' then v_t else ~v_t end;
    elsif v_op = 'and' then
        v_t := -1;
        for v_arg in select jsonb_array_elements(p_expr -> 'args') loop
            v_t := v_t & tagpage_tag_query_truth(v_arg);
        end loop;
        return v_t;
    elsif v_op = 'or' then
        v_t := 0;
        for v_arg in select jsonb_array_elements(p_expr -> 'args') loop
            v_t := v_t | tagpage_tag_query_truth(v_arg);
        end loop;
        return v_t;
    end if;
    raise exception 'tag_query: not a normalised tag query node: %', left(p_expr::text, 200)
        using errcode = '22023';
end;
$$;
