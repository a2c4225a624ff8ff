"""An independent reading of the tag-query grammar, and a brute-force evaluator of queries.

Written from the grammar in docs/api.md ("Tag queries"), not from plpgsql/tag_query.sql, and on
purpose by another technique: a hand-written character scanner and a recursive-descent parser
(the SQL cuts tokens with one regular expression and parses with an explicit operator stack). A
disagreement between the two, on the meaning of a query or on an error and its position, is a bug
in one of them or a hole in the grammar's description.

    parse(text)            -> Node | None       (None: empty query; QueryError on bad input)
    evaluate(node, names)  -> bool              (names: the row's tag names, any case)
    matching_rows(conn, request, text)          the rows a request plus a query selects, in order,
    matching_keys(conn, request, text)          by brute force over tests/support/oracle.py's rows

Names are compared case-insensitively with Python's str.lower(); the SQL uses PostgreSQL's
lower(). The two agree on the ASCII names of the test data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Union

import psycopg

from oracle import Request, Row, oracle

MAX_CHARS = 2000
MAX_DEPTH = 10
WHITESPACE = frozenset(" \t\n\r\f\v")
# A bare name ends at whitespace or at one of these.
NAME_END = WHITESPACE | frozenset('()|"')
KEYWORDS = frozenset({"and", "or", "not"})


class QueryError(ValueError):
    """Bad query text; `message` is what the SQL's 22023 error says."""

    def __init__(self, message: str) -> None:
        super().__init__(f"tag_query: {message}")
        self.message = f"tag_query: {message}"


@dataclass(frozen=True)
class Tag:
    name: str


@dataclass(frozen=True)
class Not:
    arg: "Node"


@dataclass(frozen=True)
class And:
    args: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    args: tuple["Node", ...]


Node = Union[Tag, Not, And, Or]


@dataclass(frozen=True)
class Token:
    kind: str          # name ( ) and or not - ~ end error
    text: str          # as written
    pos: int           # 1-based character position
    value: str = ""    # the name (unescaped) or the error message


# --- scanning ---------------------------------------------------------------------------------

def _quoted(text: str, start: int) -> Token:
    """The quoted name opening at index `start` (a backslash takes the next character)."""
    chars: list[str] = []
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            if i + 1 >= len(text):
                break
            chars.append(text[i + 1])
            i += 2
        elif c == '"':
            if not chars:
                return Token("error", text[start:i + 1], start + 1, f"empty quoted name at {start + 1}")
            return Token("name", text[start:i + 1], start + 1, "".join(chars))
        else:
            chars.append(c)
            i += 1
    return Token("error", text[start:], start + 1, f"unterminated quoted name at {start + 1}")


def tokens(text: str) -> list[Token]:
    """The tokens of `text` up to and including the first bad one, then an end token.

    Bad tokens (an unterminated or empty quoted name, a - or ~ not touching what follows it)
    become error tokens: the parser raises when it reaches one, so errors come in text order.
    """
    out: list[Token] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c in WHITESPACE:
            i += 1
            continue
        if c in "()":
            out.append(Token(c, c, i + 1))
            i += 1
        elif c == "|":
            out.append(Token("or", c, i + 1))
            i += 1
        elif c in "-~":
            if i + 1 >= len(text) or text[i + 1] in WHITESPACE:
                out.append(Token("error", c, i + 1, f'expected a tag after "{c}" at {i + 1}'))
                break
            out.append(Token(c, c, i + 1))
            i += 1
        elif c == '"':
            tok = _quoted(text, i)
            out.append(tok)
            if tok.kind == "error":
                break
            i += len(tok.text)
        else:
            j = i
            while j < len(text) and text[j] not in NAME_END:
                j += 1
            word = text[i:j]
            if word.lower() in KEYWORDS:
                out.append(Token(word.lower(), word, i + 1))
            else:
                out.append(Token("name", word, i + 1, word))
            i = j
    out.append(Token("end", "", len(text) + 1))
    return out


# --- parsing ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Pending:
    """What asked for the term being read: an operator, or an opening parenthesis."""

    text: str
    pos: int
    opener: bool = False


class _Parser:
    """query = [disjunction]; disjunction = conjunction {("or" | "|") conjunction};
    conjunction = conjunct {["and"] conjunct}; conjunct = ["~"] {"-" | "not"} primary;
    primary = name | quoted name | "(" disjunction ")"."""

    def __init__(self, text: str) -> None:
        self.toks = tokens(text)
        self.k = 0

    def peek(self) -> Token:
        tok = self.toks[self.k]
        if tok.kind == "error":
            raise QueryError(tok.value)
        return tok

    def take(self) -> Token:
        tok = self.peek()
        self.k += 1
        return tok

    def query(self) -> Node | None:
        if self.peek().kind == "end":
            return None
        node = self.disjunction(0, None)
        tok = self.peek()
        if tok.kind == ")":
            raise QueryError(f'unmatched ")" at {tok.pos}')
        return node

    def disjunction(self, depth: int, pending: _Pending | None) -> Node:
        alts = [self.conjunction(depth, pending)]
        while self.peek().kind == "or":
            op = self.take()
            alts.append(self.conjunction(depth, _Pending(op.text, op.pos)))
        return alts[0] if len(alts) == 1 else Or(tuple(alts))

    def conjunction(self, depth: int, pending: _Pending | None) -> Node:
        plain: list[Node] = []
        either: list[Node] = []
        while True:
            node, is_either = self.conjunct(depth, pending)
            (either if is_either else plain).append(node)
            tok = self.peek()
            if tok.kind == "and":
                self.take()
                pending = _Pending(tok.text, tok.pos)
            elif tok.kind in ("name", "(", "-", "~", "not"):
                pending = None
            else:
                break
        if either:
            plain.append(either[0] if len(either) == 1 else Or(tuple(either)))
        return plain[0] if len(plain) == 1 else And(tuple(plain))

    def conjunct(self, depth: int, pending: _Pending | None) -> tuple[Node, bool]:
        is_either = False
        negated = False
        if self.peek().kind == "~":
            tok = self.take()
            is_either = True
            pending = _Pending(tok.text, tok.pos)
        while self.peek().kind in ("-", "not"):
            tok = self.take()
            negated = not negated
            pending = _Pending(tok.text, tok.pos)
        tok = self.peek()
        if tok.kind == "name":
            self.take()
            node: Node = Tag(tok.value)
        elif tok.kind == "(":
            self.take()
            if depth >= MAX_DEPTH:
                raise QueryError(f"parentheses nested deeper than {MAX_DEPTH} at {tok.pos}")
            node = self.disjunction(depth + 1, _Pending("(", tok.pos, opener=True))
            close = self.peek()
            if close.kind != ")":
                raise QueryError(f'unmatched "(" at {tok.pos}')
            self.take()
        else:
            raise self.no_term(tok, pending)
        if negated:
            node = node.arg if isinstance(node, Not) else Not(node)
        return node, is_either

    @staticmethod
    def no_term(tok: Token, pending: _Pending | None) -> QueryError:
        """The error for `tok` where a term was expected."""
        if pending is None:
            if tok.kind == ")":
                return QueryError(f'unmatched ")" at {tok.pos}')
            return QueryError(f'expected a tag before "{tok.text}" at {tok.pos}')
        if pending.opener:
            if tok.kind == "end":
                return QueryError(f'unmatched "(" at {pending.pos}')
            if tok.kind == ")":
                return QueryError(f"empty parentheses at {pending.pos}")
            if tok.kind in ("and", "or"):
                return QueryError(f'expected a tag before "{tok.text}" at {tok.pos}')
        return QueryError(f'expected a tag after "{pending.text}" at {pending.pos}')


def parse(text: str) -> Node | None:
    """The query's tree (None for an empty or whitespace-only query); QueryError if malformed."""
    if len(text) > MAX_CHARS:
        raise QueryError(f"longer than {MAX_CHARS} characters at {MAX_CHARS + 1}")
    return _Parser(text).query()


# --- meaning ----------------------------------------------------------------------------------

def evaluate(node: Node | None, names: Iterable[str]) -> bool:
    """Whether a row carrying tags `names` matches the query (None: no filter, every row)."""
    lowered = {n.lower() for n in names}
    return node is None or _holds(node, lowered)


def _holds(node: Node, lowered: set[str]) -> bool:
    if isinstance(node, Tag):
        return node.name.lower() in lowered
    if isinstance(node, Not):
        return not _holds(node.arg, lowered)
    if isinstance(node, And):
        return all(_holds(a, lowered) for a in node.args)
    return any(_holds(a, lowered) for a in node.args)


def names_in(node: Node | None) -> set[str]:
    """The lower-case names a query mentions."""
    if node is None:
        return set()
    if isinstance(node, Tag):
        return {node.name.lower()}
    if isinstance(node, Not):
        return names_in(node.arg)
    return set().union(*(names_in(a) for a in node.args))


# --- brute force over a database --------------------------------------------------------------

_ROW_TAGS_SQL = """
select ct.content_source, ct.content_id, array_agg(t.name)
from content_tags ct join tags t on t.id = ct.tag_id
group by ct.content_source, ct.content_id
"""


def row_tag_names(conn: psycopg.Connection) -> dict[tuple[str, int], list[str]]:
    """Every content row's tag names, by (source_type, id)."""
    with conn.cursor() as cur:
        cur.execute(_ROW_TAGS_SQL)
        return {(src, cid): list(names) for src, cid, names in cur.fetchall()}


def unknown_names(conn: psycopg.Connection, text: str) -> set[str]:
    """The (lower-case) names of a query that no tag carries."""
    wanted = names_in(parse(text))
    with conn.cursor() as cur:
        cur.execute("select name from tags")
        known = {name.lower() for (name,) in cur.fetchall()}
    return wanted - known


def matching_rows(conn: psycopg.Connection, req: Request, text: str | None) -> list[Row]:
    """The rows `req` selects (sources, user, privacy, tags/tag_match, in its sort order, as
    tests/support/oracle.py decides) that also satisfy the query `text`."""
    tree = parse(text) if text is not None else None
    rows = oracle(conn, req)
    if tree is None:
        return rows
    tag_names = row_tag_names(conn)
    return [r for r in rows if evaluate(tree, tag_names.get(r.ident, ()))]


def matching_keys(conn: psycopg.Connection, req: Request, text: str | None) -> list[tuple[str, int]]:
    """(source_type, id) of matching_rows, in display order."""
    return [r.ident for r in matching_rows(conn, req, text)]
