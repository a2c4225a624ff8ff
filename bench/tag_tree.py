"""Boolean tag queries as the bench writes them: a tree, its query text, random trees.

The bench makes each boolean request as a tree and renders that one tree twice: as query text in
the grammar of docs/api.md ("Tag queries"), the `tag_query` argument tagpage parses, and as plain
SQL with one EXISTS / NOT EXISTS per leaf (bench/upstream.py). Neither path reads the
other's rendering, so when both return the same rows, the engine's parser, normaliser and plans
agree with the tree as written.

A leaf is a tag name with the ids it stands for: names match `tags.name` case-insensitively, so a
name means every tag spelled like it in any case, and the upstream query probes all of those ids.
The renderer varies the spelling the grammar allows (juxtaposition or `and`, `or` or `|`, `-` or
`not`, Danbooru's `~` groups) as each node says, so a workload exercises every form.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Iterator, Union

# The characters that end a bare name (docs/api.md: whitespace and ( ) | ").
_BARE_END = frozenset(' \t\n\r\f\v()|"')
KEYWORDS = frozenset({"and", "or", "not"})
AND_STYLES = (" ", " and ")
OR_STYLES = (" or ", " | ", "~")  # "~": a ~ group when it is a conjunct of an AND, else " or "
NOT_STYLES = ("-", "not ")


@dataclass(frozen=True)
class Tag:
    name: str
    ids: tuple[str, ...]  # every tag id the name means (case variants included)


@dataclass(frozen=True)
class Not:
    arg: "Node"
    style: str = "-"


@dataclass(frozen=True)
class And:
    args: tuple["Node", ...]
    style: str = " "


@dataclass(frozen=True)
class Or:
    args: tuple["Node", ...]
    style: str = " or "


Node = Union[Tag, Not, And, Or]


def quote(name: str) -> str:
    """A tag name as the grammar reads it back: bare when it can be, else double-quoted with
    backslash escapes (names with whitespace, ( ) | ", a leading - or ~, or spelled like a
    keyword)."""
    if not name:
        raise ValueError("a tag query cannot name the empty tag")
    bare = (not any(c in _BARE_END or c.isspace() for c in name) and name[0] not in "-~"
            and name.lower() not in KEYWORDS)
    if bare:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def text(node: Node) -> str:
    """The query text of a tree."""
    if isinstance(node, Tag):
        return quote(node.name)
    if isinstance(node, Not):
        return node.style + _primary(node.arg)
    if isinstance(node, And):
        parts: list[str] = []
        grouped = False  # the ~ terms of one conjunction form ONE group: at most one per AND
        for arg in node.args:
            if isinstance(arg, Or) and arg.style == "~" and not grouped:
                parts += ["~" + _tilde_term(a) for a in arg.args]
                grouped = True
            elif isinstance(arg, (And, Or)):
                parts.append(f"({text(arg)})")
            else:
                parts.append(text(arg))
        return node.style.join(parts)
    separator = " or " if node.style == "~" else node.style
    # AND binds tighter than OR: an AND child needs no parentheses, a nested OR gets them.
    return separator.join(f"({text(a)})" if isinstance(a, Or) else text(a) for a in node.args)


def _primary(node: Node) -> str:
    """A tree as a primary: a name, or a parenthesised query."""
    return quote(node.name) if isinstance(node, Tag) else f"({text(node)})"


def _tilde_term(node: Node) -> str:
    """What follows a ~: a name, a negated name (`~-a`), or a parenthesised query."""
    if isinstance(node, Not) and isinstance(node.arg, Tag):
        return "-" + quote(node.arg.name)
    return _primary(node)


def leaves(node: Node) -> Iterator[Tag]:
    """Every leaf, in text order (repeats included)."""
    if isinstance(node, Tag):
        yield node
    elif isinstance(node, Not):
        yield from leaves(node.arg)
    else:
        for arg in node.args:
            yield from leaves(arg)


def names(node: Node | None) -> set[str]:
    """The distinct (lower-case) names a tree uses."""
    return {leaf.name.lower() for leaf in leaves(node)} if node is not None else set()


def random_tree(rng: random.Random, leaf: Callable[[], Tag], depth: int) -> Node:
    """A random query of at most `depth` operator levels whose root is an operator: AND and OR
    of 2-3 children, NOT over leaves (30 %) and over groups (15 %), each node in a random one of
    the grammar's spellings."""
    if depth <= 0:
        return _leaf(rng, leaf)
    args = tuple(_subtree(rng, leaf, depth - 1) for _ in range(rng.randint(2, 3)))
    node: Node = (And(args, rng.choice(AND_STYLES)) if rng.random() < 0.55
                  else Or(args, rng.choice(OR_STYLES)))
    return Not(node, rng.choice(NOT_STYLES)) if rng.random() < 0.15 else node


def _subtree(rng: random.Random, leaf: Callable[[], Tag], depth: int) -> Node:
    return _leaf(rng, leaf) if depth <= 0 or rng.random() < 0.4 else random_tree(rng, leaf, depth)


def _leaf(rng: random.Random, leaf: Callable[[], Tag]) -> Node:
    tag = leaf()
    return Not(tag, rng.choice(NOT_STYLES)) if rng.random() < 0.3 else tag
