"""Tag queries: the SQL parser, normaliser and compiler against the independent Python oracle.

* Random trees over the edge data's 12 tags (AND/OR/NOT, depth <= 4), written out in varied
  spellings (keywords in any case, - or not, | or or, juxtaposition or and, ~ groups, quoted and
  re-cased names, redundant parentheses, assorted whitespace). For each: the Python parser reads
  the tree back; tagpage_tag_query_normalize accepts the text; its expression means the tree on
  every assignment of the tags (truth table) and on every row of the data, where the SQL that
  tagpage_sql_tag_expr compiles is run as a WHERE clause; two spellings give the same result and
  the canonical text is a faithful rendering of the expression.
* Random garbage: SQL and Python agree on accepting it (with the same tree) or on the exact
  error; SQL never raises anything but 22023.
* Limits answered quickly: a 10,000-term query, 2,000-character worst cases.
* The brute-force helper (tag_query_oracle.matching_keys) against tests/support/oracle.py's tag lists.
"""
from __future__ import annotations

import itertools
import json
import os
import time
from typing import Any, Iterator

import psycopg
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import edge_data
import tag_query_oracle as tq
from oracle import Request, cloned_database, oracle, rollback_shared

SETTINGS = settings(max_examples=int(os.environ.get("TAGPAGE_TAG_QUERY_EXAMPLES", "150")),
                    deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])
NAMES = [f"edge-t{n:02d}" for n in range(len(edge_data.TAGS))]
ID_OF = {name: tag_id for name, tag_id in zip(NAMES, edge_data.TAGS)}
MAX_PARENS = 10


@pytest.fixture(autouse=True)
def _clean_shared_session(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    rollback_shared(request, ("edge_conn",))


@pytest.fixture(scope="module")
def edge_conn(postgresql_schema: Any) -> Iterator[psycopg.Connection]:
    """The edge-case dataset (12 tags, about a hundred rows), shared read-only by the module."""
    with cloned_database(postgresql_schema, f"tagpage_tag_query_{os.getpid()}") as conn:
        edge_data.load(conn)
        yield conn


@pytest.fixture(scope="module")
def row_tags(edge_conn: psycopg.Connection) -> dict[tuple[str, int], list[str]]:
    """Every row's tag names, rows without tags included (as an empty list)."""
    names = tq.row_tag_names(edge_conn)
    with edge_conn.cursor() as cur:
        cur.execute("select source_type, id from content_items_all")
        rows = {key: names.get(key, []) for key in cur.fetchall()}
    edge_conn.rollback()
    return rows


def sql_error(conn: psycopg.Connection, sql: str, params: tuple) -> tuple[str | None, str]:
    """(sqlstate, message) of the error `sql` raises, or (None, '') when it does not."""
    try:
        with conn.transaction():
            conn.execute(sql, params)
    except psycopg.Error as exc:
        return exc.sqlstate, exc.diag.message_primary or ""
    return None, ""


# --- random trees and their spellings ---------------------------------------------------------

leaves = st.sampled_from(NAMES).map(tq.Tag)


def trees(depth: int) -> st.SearchStrategy[tq.Node]:
    """Trees of AND/OR (2-3 children) and NOT over the tag names, at most `depth` levels."""
    if depth == 0:
        return leaves
    sub = trees(depth - 1)
    return st.one_of(
        leaves,
        sub.map(tq.Not),
        st.lists(sub, min_size=2, max_size=3).map(lambda a: tq.And(tuple(a))),
        st.lists(sub, min_size=2, max_size=3).map(lambda a: tq.Or(tuple(a))),
    )


class Speller:
    """Writes a tree as query text, choosing each spelling with hypothesis' `draw`."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw

    def space(self) -> str:
        return self.draw(st.sampled_from([" ", " ", " ", "  ", "\t", "\n", " \r\n "]))

    def name(self, name: str) -> str:
        cased = self.draw(st.sampled_from([name, name.upper(), name.capitalize(), name.swapcase()]))
        return f'"{cased}"' if self.draw(st.booleans()) and self.draw(st.booleans()) else cased

    def group(self, node: tq.Node, depth: int) -> str:
        return "(" + self.draw(st.sampled_from(["", " "])) + self.write(node, depth + 1) + ")"

    def term(self, node: tq.Node, depth: int) -> str:
        """`node` as something a prefix can take: a name or a parenthesised group."""
        if isinstance(node, tq.Tag):
            if depth < MAX_PARENS and self.draw(st.integers(0, 9)) == 0:
                return "(" + self.name(node.name) + ")"
            return self.name(node.name)
        if isinstance(node, tq.Not) and self.draw(st.booleans()):
            return self.negation(node, depth)
        return self.group(node, depth)

    def negation(self, node: tq.Not, depth: int) -> str:
        prefix = self.draw(st.sampled_from(["-", "not ", "NOT ", "Not "]))
        return prefix + self.term(node.arg, depth)

    def write(self, node: tq.Node, depth: int = 0, tildes_ok: bool = True) -> str:
        """`node` at parenthesis depth `depth`; `tildes_ok` is False where the text joins an
        enclosing conjunction (its ~ terms would join that level's group)."""
        if isinstance(node, tq.Tag):
            return self.term(node, depth)
        if isinstance(node, tq.Not):
            return self.negation(node, depth)
        if isinstance(node, tq.Or):
            if self.draw(st.integers(0, 4)) == 0 and depth < MAX_PARENS:
                # an OR alone as a ~ group in its own parentheses
                return "(" + self.tildes(list(node.args), [], depth + 1) + ")"
            glue = [self.draw(st.sampled_from([" or ", " OR ", " | ", "|", f"{self.space()}or{self.space()}"]))
                    for _ in node.args[1:]]
            parts = [self.conjunct_or_group(a, depth) for a in node.args]
            return parts[0] + "".join(g + p for g, p in zip(glue, parts[1:]))
        # AND: one OR child may be written as a ~ group
        ors = [a for a in node.args if isinstance(a, tq.Or)]
        if ors and tildes_ok and self.draw(st.booleans()):
            rest = list(node.args)
            rest.remove(ors[0])
            return self.tildes(list(ors[0].args), rest, depth)
        parts = [self.and_operand(a, depth) for a in node.args]
        glue = [self.draw(st.sampled_from([" ", " and ", " AND ", self.space()])) for _ in parts[1:]]
        return parts[0] + "".join(g + p for g, p in zip(glue, parts[1:]))

    def conjunct_or_group(self, node: tq.Node, depth: int) -> str:
        """An OR operand: an AND needs no parentheses; an OR child gets them (or not)."""
        if isinstance(node, tq.Or) and (depth >= MAX_PARENS or self.draw(st.booleans())):
            return self.write(node, depth)
        if isinstance(node, tq.Or):
            return self.group(node, depth)
        return self.write(node, depth)

    def and_operand(self, node: tq.Node, depth: int) -> str:
        """An AND operand: an OR needs parentheses; an AND child may go without."""
        if isinstance(node, tq.Or):
            return self.group(node, depth)
        if isinstance(node, tq.And) and (depth >= MAX_PARENS or self.draw(st.booleans())):
            return self.write(node, depth, tildes_ok=False)
        if isinstance(node, tq.And):
            return self.group(node, depth)
        return self.write(node, depth)

    def tildes(self, either: list[tq.Node], rest: list[tq.Node], depth: int) -> str:
        """~a ~b ... interleaved with the other conjuncts `rest` of the same level."""
        pieces = ["~" + self.term(a, depth) for a in either] + [self.and_operand(r, depth) for r in rest]
        order = self.draw(st.permutations(range(len(pieces))))
        return self.space().join(pieces[i] for i in order)


@st.composite
def spelled_trees(draw: Any) -> tuple[tq.Node, str, str]:
    """A tree of depth <= 4 and two independent spellings of it (each at most 2,000 characters)."""
    tree = draw(trees(4))
    first = Speller(draw).write(tree)
    second = Speller(draw).write(tree)
    assume(len(first) <= tq.MAX_CHARS - 2 and len(second) <= tq.MAX_CHARS)
    pad = draw(st.sampled_from(["", " ", "\n"]))
    return tree, pad + first + pad, second


# --- checking a normalised result -------------------------------------------------------------

def holds_json(node: dict[str, Any], tags: list[str], carried: set[str]) -> bool:
    """The normalised expression on a row carrying tag ids `carried`."""
    op = node["op"]
    if op in ("true", "false"):
        return op == "true"
    if op in ("tag", "not"):
        return (tags[node["i"] - 1] in carried) == (op == "tag")
    results = (holds_json(a, tags, carried) for a in node["args"])
    return all(results) if op == "and" else any(results)


def canonical_text(node: dict[str, Any], tags: list[str]) -> str:
    """The canonical text the docs define for an expression."""
    op = node["op"]
    if op in ("true", "false"):
        return op
    if op == "tag":
        return tags[node["i"] - 1]
    if op == "not":
        return "-" + tags[node["i"] - 1]
    return op + "(" + ",".join(canonical_text(a, tags) for a in node["args"]) + ")"


def shape_problems(node: dict[str, Any], tags: list[str], top: bool = True) -> list[str]:
    """Breaches of the documented shape of a normalised expression."""
    op = node["op"]
    if op in ("true", "false"):
        return [] if top else [f"{op} inside the expression"]
    if op in ("tag", "not"):
        i = node["i"]
        return [] if isinstance(i, int) and 1 <= i <= len(tags) else [f"position {i} out of range"]
    problems = [] if len(node["args"]) >= 2 else [f"{op} with {len(node['args'])} child"]
    for a in node["args"]:
        if a["op"] == op:
            problems.append(f"{op} directly inside {op}")
        problems += shape_problems(a, tags, top=False)
    texts = [canonical_text(a, tags) for a in node["args"]]
    if texts != sorted(texts, key=lambda t: t.encode()) or len(set(texts)) != len(texts):
        problems.append(f"children of {op} not sorted and distinct: {texts}")
    return problems


def positions(node: dict[str, Any]) -> set[int]:
    if node["op"] in ("tag", "not"):
        return {node["i"]}
    return set().union(*(positions(a) for a in node.get("args", [])))


def normalize(conn: psycopg.Connection, text: str, max_tags: int = 50) -> dict[str, Any] | None:
    with conn.transaction():
        return conn.execute("select tagpage_tag_query_normalize(%s, %s)", (text, max_tags)).fetchone()[0]


def sql_matches(conn: psycopg.Connection, result: dict[str, Any]) -> set[tuple[str, int]]:
    """The rows whose compiled expression is true, the tags array bound as a parameter."""
    with conn.transaction():
        expr = conn.execute("select tagpage_sql_tag_expr(%s, 'c.id', 'c.source_type', '(%%(tags)s::uuid[])')",
                            (json.dumps(result["expr"]),)).fetchone()[0]
        rows = conn.execute("select c.source_type, c.id from content_items_all c where " + expr,
                            {"tags": result["tags"]}).fetchall()
    return set(rows)


# --- (a) meaning: SQL against the oracle ------------------------------------------------------

@given(spelled_trees())
@SETTINGS
def test_random_queries_mean_what_the_oracle_reads(edge_conn: psycopg.Connection,
                                                   row_tags: dict[tuple[str, int], list[str]],
                                                   case: tuple[tq.Node, str, str]) -> None:
    tree, text, other = case
    assert len(text) <= tq.MAX_CHARS and len(other) <= tq.MAX_CHARS
    parsed = tq.parse(text)
    mentioned = sorted(tq.names_in(tree))
    # the oracle reads back the tree the text was written from (on every assignment)
    for bits in itertools.product((False, True), repeat=len(mentioned)):
        carried = {n for n, b in zip(mentioned, bits) if b}
        assert tq.evaluate(parsed, carried) == tq.evaluate(tree, carried), (text, carried)

    result = normalize(edge_conn, text)
    assert result is not None
    tags, expr = result["tags"], result["expr"]
    assert shape_problems(expr, tags) == [], (text, expr)
    assert len(set(tags)) == len(tags) and tags == sorted(tags)
    assert positions(expr) == set(range(1, len(tags) + 1)), "tags lists exactly the tags used"
    assert result["text"] == canonical_text(expr, tags)
    name_of = {ID_OF[n]: n for n in NAMES}
    # the normalised expression means the tree on every assignment of its tags
    for bits in itertools.product((False, True), repeat=len(mentioned)):
        carried = {n for n, b in zip(mentioned, bits) if b}
        ids = {ID_OF[n] for n in carried}
        assert holds_json(expr, tags, ids) == tq.evaluate(tree, carried), (text, expr, carried)
    assert all(t in name_of for t in tags)
    # the compiled SQL, run over every row, selects exactly the rows the oracle selects
    expected = {key for key, names in row_tags.items() if tq.evaluate(parsed, names)}
    assert sql_matches(edge_conn, result) == expected, (text, expr)
    # another spelling of the same tree normalises identically
    assert normalize(edge_conn, other) == result, (text, other)


def test_equal_texts_only_for_equivalent_queries(edge_conn: psycopg.Connection) -> None:
    """Among many small queries, one canonical text never stands for two meanings."""
    names = NAMES[:3]
    by_text: dict[str, tuple] = {}
    assignments = list(itertools.product((False, True), repeat=len(names)))
    terms = [n for n in names] + [f"-{n}" for n in names]
    queries = [" ".join(c) for k in (1, 2) for c in itertools.combinations(terms, k)]
    queries += [" or ".join(c) for c in itertools.combinations(terms, 2)]
    queries += [f"{a} ({b} or {c})" for a, b, c in itertools.permutations(terms, 3)]
    for query in queries:
        result = normalize(edge_conn, query)
        meaning = tuple(tq.evaluate(tq.parse(query), {n for n, b in zip(names, bits) if b})
                        for bits in assignments)
        assert by_text.setdefault(result["text"], meaning) == meaning, query
    assert len(by_text) > 40


# --- (b) limits, quickly ----------------------------------------------------------------------

def timed_error(conn: psycopg.Connection, text: str) -> tuple[tuple[str | None, str], float]:
    started = time.perf_counter()
    error = sql_error(conn, "select tagpage_tag_query_normalize(%s, 50)", (text,))
    return error, time.perf_counter() - started


def test_ten_thousand_terms_are_refused_at_once(edge_conn: psycopg.Connection) -> None:
    (state, message), elapsed = timed_error(edge_conn, " ".join(["edge-t00"] * 10_000))
    assert state == "22023"
    assert message == "tag_query: longer than 2000 characters at 2001"
    assert elapsed < 0.25, f"took {elapsed:.3f} s"


@pytest.mark.parametrize("text", [
    " ".join(["edge-t00", "-edge-t01"] * 200)[:2000].rsplit(" ", 1)[0],         # ~220 terms
    "-" * 1999 + "x",                                                            # 1,999 prefixes
    "(edge-t00)" * 200,                                                          # 200 groups
    "((((((((((edge-t00 or edge-t01)))))))))) " * 40,                            # deep, repeated
    '"' + "\\x" * 999 + '"',                                                     # escapes
    "edge-t00 or " * 166 + "edge-t01",                                           # a long OR
    "~edge-t00 " * 200,                                                          # a long ~ group
], ids=["terms", "prefixes", "groups", "deep", "escapes", "or-chain", "tildes"])
def test_two_thousand_characters_take_milliseconds(edge_conn: psycopg.Connection, text: str) -> None:
    assert len(text) <= 2000
    (state, message), elapsed = timed_error(edge_conn, text)
    assert state in (None, "22023"), message
    assert elapsed < 0.5, f"took {elapsed:.3f} s"


# --- (c) garbage ------------------------------------------------------------------------------

FRAGMENTS = ["(", ")", "|", '"', "\\", "-", "~", " ", "  ", "\t", "\n", "and", "or", "not", "AND",
             "Or", "NoT", "edge-t00", "EDGE-T01", "edge-t02", "x", "é", "'", ";", "--", "*", "%",
             "$1", "\u202e", "☃"]
text_no_nul = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@st.composite
def damaged_queries(draw: Any) -> str:
    """A valid spelling with a few fragments inserted, deleted or replaced: errors deep inside."""
    text = Speller(draw).write(draw(trees(3)))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        text = text[:at] + draw(st.sampled_from(FRAGMENTS + [""])) + text[at + cut:]
    return text


# Whole tokens (and near-tokens) separated by spaces: short texts hitting every error kind.
WORDS = ["edge-t00", "EDGE-T01", "and", "AND", "or", "|", "not", "-edge-t02", "~edge-t03", "-", "~",
         "(", ")", '"a b"', '""', '"x', "~-x", "-~x", "--x", "x\\", '"\\"']
garbage = st.one_of(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join), text_no_nul,
                    damaged_queries(), st.lists(st.sampled_from(WORDS), max_size=7).map(" ".join))


def tree_of(node: dict[str, Any] | None) -> tq.Node | None:
    """The SQL parse tree as oracle nodes."""
    if node is None:
        return None
    if node["op"] == "tag":
        return tq.Tag(node["name"])
    if node["op"] == "not":
        return tq.Not(tree_of(node["arg"]))
    args = tuple(tree_of(a) for a in node["args"])
    return tq.And(args) if node["op"] == "and" else tq.Or(args)


@given(garbage)
@SETTINGS
def test_garbage_is_parsed_alike_or_refused_alike(edge_conn: psycopg.Connection, text: str) -> None:
    try:
        expected: tq.Node | None | tq.QueryError = tq.parse(text)
    except tq.QueryError as exc:
        expected = exc
    try:
        with edge_conn.transaction():
            got = edge_conn.execute("select tagpage_tag_query_parse(%s)", (text,)).fetchone()[0]
    except psycopg.Error as exc:
        assert exc.sqlstate == "22023", (text, exc)
        assert isinstance(expected, tq.QueryError), (text, exc.diag.message_primary)
        assert exc.diag.message_primary == expected.message, text
        return
    assert not isinstance(expected, tq.QueryError), (text, expected.message, got)
    assert tree_of(got) == expected, text
    state, message = sql_error(edge_conn, "select tagpage_tag_query_normalize(%s, 50)", (text,))
    assert state in (None, "22023"), (text, state, message)
    assert state is None or message.startswith("tag_query: "), message


# --- the brute-force helper -------------------------------------------------------------------

@pytest.mark.parametrize("user", [None, edge_data.USERS["alice"]], ids=["anonymous", "alice"])
def test_brute_force_helper_agrees_with_the_tag_list_oracle(edge_conn: psycopg.Connection,
                                                           user: str | None) -> None:
    """A query of one AND group or one OR group selects what tags/tag_match select."""
    t = edge_data.TAGS
    for sort in ("created_at_desc", "quality_score_desc"):
        base = Request(user_id=user, sort=sort)
        keys = lambda text: tq.matching_keys(edge_conn, base, text)  # noqa: E731
        idents = lambda tags, match: [r.ident for r in oracle(  # noqa: E731
            edge_conn, Request(tags=tags, user_id=user, tag_match=match, sort=sort))]
        assert keys(None) == keys("  ") == idents(None, "all")
        assert keys("edge-t01 EDGE-T03") == idents((t[1], t[3]), "all")
        assert keys("edge-t01 or edge-t06") == idents((t[1], t[6]), "any")
        assert keys("~edge-t02 ~edge-t05 ~edge-t10") == idents((t[2], t[5], t[10]), "any")
        assert keys("edge-t00 -edge-t00") == []
        everything = set(idents(None, "all"))
        assert set(keys("-edge-t04")) == everything - set(idents((t[4],), "all"))
        assert keys("-edge-t11") == idents(None, "all"), "negating a tag on no row filters nothing"
        # combined with a tag list: both must hold
        combined = tq.matching_keys(edge_conn, Request(tags=(t[0],), user_id=user, sort=sort), "-edge-t01")
        assert set(combined) == set(idents((t[0],), "all")) - set(idents((t[1],), "all"))
    assert tq.unknown_names(edge_conn, 'edge-t00 "no such" NOPE') == {"no such", "nope"}


@pytest.mark.parametrize("depth", [1, 9, 10, 11, 12])
@pytest.mark.parametrize("shape", ["({})", "-({})", "edge-t00 ({})", "~({}) ~edge-t01"])
def test_nesting_limit_agrees(edge_conn: psycopg.Connection, depth: int, shape: str) -> None:
    """Ten levels of parentheses parse, the eleventh is refused at its own position, alike."""
    text = "edge-t00"
    for _ in range(depth):
        text = shape.format(text)
    try:
        expected: Any = tq.parse(text)
    except tq.QueryError as exc:
        expected = exc.message
    state, message = sql_error(edge_conn, "select tagpage_tag_query_parse(%s)", (text,))
    with edge_conn.transaction():
        got = message if state else tree_of(
            edge_conn.execute("select tagpage_tag_query_parse(%s)", (text,)).fetchone()[0])
    assert got == expected
    assert (state is None) == (depth <= tq.MAX_DEPTH)
    if state:
        assert message == f"tag_query: parentheses nested deeper than 10 at {nth_open(text, 11)}"


def nth_open(text: str, n: int) -> int:
    """1-based position of the n-th "(" of `text` (each opens a deeper level in these shapes)."""
    at = -1
    for _ in range(n):
        at = text.index("(", at + 1)
    return at + 1


@pytest.mark.parametrize("glue", [" ", " or "])
def test_wide_nodes_sort_and_dedupe(edge_conn: psycopg.Connection,
                                    row_tags: dict[tuple[str, int], list[str]], glue: str) -> None:
    """Up to 36 children in one AND/OR (the normaliser sorts more than 8 with SQL): every order
    and repetition gives one result, which means what the oracle reads."""
    import random

    rng = random.Random(5)
    for size in (9, 12, 24, 36):
        negated = {n for n in NAMES if rng.random() < 0.3}  # never x and -x: nothing folds away
        chosen = rng.sample(NAMES, min(size, len(NAMES)))
        chosen += rng.choices(chosen, k=size - len(chosen))  # repeats, dropped by the normaliser
        terms = [("-" if n in negated else "") + n for n in chosen]
        results = set()
        for _ in range(4):
            rng.shuffle(terms)
            text = glue.join(terms)
            result = normalize(edge_conn, text)
            results.add(json.dumps(result, sort_keys=True))
            if result["expr"]["op"] not in ("true", "false"):
                assert shape_problems(result["expr"], result["tags"]) == [], text
            expected = {key for key, names in row_tags.items() if tq.evaluate(tq.parse(text), names)}
            assert sql_matches(edge_conn, result) == expected, text
        assert len(results) == 1, terms
        assert len(json.loads(results.pop())["expr"]["args"]) == len(set(terms)) > 8


# --- conjunctions: the short path against the parser ------------------------------------------

KEYWORDS = ["and", "OR", "Not"]
SPACES = [" ", "  ", "\t", "\n ", " " + chr(11), "\r\n", "\f"]


@st.composite
def conjunctions(draw: Any) -> tuple[str, int]:
    """Words, each a name (known, unknown or a keyword, in any case) with or without '-',
    separated and surrounded by the grammar's whitespace; and a max_tags."""
    words = draw(st.lists(st.tuples(st.booleans(),
                                    st.sampled_from(NAMES[:6] + ["no-such-tag"] + KEYWORDS),
                                    st.sampled_from([str.lower, str.upper, str.title])),
                          min_size=1, max_size=7))
    seps = draw(st.lists(st.sampled_from(SPACES), min_size=len(words) + 1, max_size=len(words) + 1))
    text = seps[0] + "".join(("-" if neg else "") + case(name) + sep
                             for (neg, name, case), sep in zip(words, seps[1:]))
    return text, draw(st.sampled_from([2, 3, 50]))


def conjunction_and_general(conn: psycopg.Connection, text: str, max_tags: int) -> tuple[Any, Any]:
    """The short path's answer (None: it declined), and the parser's (a normal form or an error)."""
    with conn.transaction():
        short = conn.execute("select tagpage_tag_query_conjunction(%s, %s)", (text, max_tags)).fetchone()[0]
    try:
        with conn.transaction():
            general = conn.execute("select tagpage_tag_query_normalize_general(%s, %s)",
                                   (text, max_tags)).fetchone()[0]
    except psycopg.Error as exc:
        general = (exc.sqlstate, exc.diag.message_primary)
    return short, general


@given(conjunctions())
@SETTINGS
def test_conjunctions_normalise_as_the_parser_does(edge_conn: psycopg.Connection, case: tuple[str, int]) -> None:
    """A conjunction of known names answers on the short path with the parser's normal form;
    anything else (an unknown name, a keyword, too many tags) is left to the parser."""
    text, max_tags = case
    short, general = conjunction_and_general(edge_conn, text, max_tags)
    words = [w.lstrip("-").lower() for w in text.split()]
    answers = (all(w in ID_OF for w in words) and len(set(words)) <= max_tags)
    if answers:
        assert short == general, (text, short, general)
        assert normalize(edge_conn, text, max_tags) == general
    else:
        assert short is None, (text, short)


@pytest.mark.parametrize("text, decline", [
    ("edge-t00 -edge-t01", False), ("-edge-t00", False), ("edge-t00 -EDGE-T00", False),
    ("edge-t02 edge-t00 edge-t02", False), ("edge-t00 and -edge-t01", True),
    ("edge-t00 --edge-t01", True), ("edge-t00 - edge-t01", True), ("~edge-t00", True),
    ('"edge-t00"', True), ("(edge-t00)", True), ("edge-t00|edge-t01", True), ("", True),
    ("   ", True), (None, True),
])
def test_conjunction_short_path_takes_only_its_form(edge_conn: psycopg.Connection, text: str | None,
                                                    decline: bool) -> None:
    short, general = conjunction_and_general(edge_conn, text, 50)
    assert (short is None) == decline, (text, short)
    if not decline:
        assert short == general


def test_a_name_of_two_tags_goes_to_the_parser(edge_conn: psycopg.Connection) -> None:
    """Two tags whose names differ only in case: the name means either, which only the parser
    writes (an OR); the short path declines and the entry point answers as the parser does."""
    with edge_conn.transaction():
        edge_conn.execute("insert into tags (name) values ('EDGE-T00')")
        short, general = conjunction_and_general(edge_conn, "edge-t00 -edge-t01", 50)
        assert short is None
        assert general["expr"]["op"] == "and" and len(general["tags"]) == 3
        assert edge_conn.execute("select tagpage_tag_query_normalize('edge-t00 -edge-t01', 50)").fetchone()[0] == general
        raise psycopg.Rollback()
