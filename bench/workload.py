"""Benchmark requests: the canonical gallery requests and a seeded mixed workload.

A Request is one page request in the engine's vocabulary. The mixed workload draws K tags from the
profile's common, medium and rare tags (classes by density, see TagPools), both match modes,
random source subsets, all three sorts, first pages and deep pages. A deep page's cursor is found
by walking the result with unified_content_page before timing starts (a cursor is a position, so a
walk with big pages yields the same cursor a reader paging 25 at a time would hold).

Boolean tag queries come as a separate seeded sample (generate_boolean, its own random stream,
so the mixed workload of a seed stays the requests it always was): random trees of AND, OR and
NOT over the same tag pools (bench/tag_tree.py), each request carrying the tree and its
query text.
"""
from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Callable

import psycopg

from bench import tag_tree
from bench.legacy import ALL_SOURCES
from bench.upstream import Position

SORTS = ("created_at_desc", "created_at_asc", "quality_score_desc")
DEEP_DEPTHS = (500, 1000, 2500, 5000)  # page 21..201; page 400 is a gallery request
WALK_PAGE_SIZE = 500  # the largest page size: fewest calls to reach a depth

# Density bounds of the tag classes: common >= 10% of rows, rare <= 0.2% of rows.
COMMON_DENSITY = 0.10
RARE_DENSITY = 0.002
CLASS_WEIGHTS = {"common": 0.45, "medium": 0.35, "rare": 0.20}


@dataclass(frozen=True)
class Request:
    """One page request, in unified_content_page's argument names."""

    name: str
    tags: tuple[str, ...] = ()
    user_id: str | None = None
    source_types: tuple[str, ...] | None = None
    tag_match: str = "all"
    sort: str = "created_at_desc"
    page_size: int = 25
    cursor: str | None = None
    depth: int = 0  # rows before this page (0 = first page); legacy pages use it as OFFSET
    tag_classes: tuple[str, ...] = ()
    after: Position | None = None  # the last row before this page: upstream's keyset position
    tag_query: str | None = None   # a boolean tag query: tag_tree.text(tree), ANDed with tags
    tree: tag_tree.Node | None = None  # ... the tree it was written from (upstream's SQL)

    @property
    def boolean(self) -> bool:
        return self.tree is not None

    def describe(self) -> dict[str, Any]:
        """JSON-friendly description (the cursor is long and opaque, so only its presence).

        `k` counts the distinct tags the request names, in `tags` and in its query."""
        data = asdict(self)
        data["cursor"] = bool(self.cursor)
        data.pop("after")  # the cursor's position in other words
        data.pop("tree")   # tag_query says it
        data["k"] = len(set(self.tags)) + len(tag_tree.names(self.tree))
        data["boolean"] = self.boolean
        return data


@dataclass
class TagPools:
    """Tag ids by class, most common first, with each tag's row count."""

    total_rows: int
    counts: dict[str, int] = field(default_factory=dict)
    common: list[str] = field(default_factory=list)
    medium: list[str] = field(default_factory=list)
    rare: list[str] = field(default_factory=list)
    by_tertile: bool = False  # classes are rank tertiles (a density class was empty)
    names: dict[str, str] = field(default_factory=dict)  # tag id -> tags.name
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lower(name) -> its ids

    def by_rank(self) -> list[str]:
        return sorted(self.counts, key=lambda tag: (-self.counts[tag], tag))

    def leaf(self, tag_id: str) -> tag_tree.Tag:
        """A tag as a query leaf: its name, and every id that name means (any case)."""
        name = self.names[tag_id]
        return tag_tree.Tag(name, self.spellings.get(name.lower(), (tag_id,)))

    def summary(self) -> dict[str, Any]:
        def stats(tags: list[str]) -> dict[str, Any]:
            values = [self.counts[t] for t in tags]
            return {"tags": len(tags), "max_rows": max(values, default=0), "min_rows": min(values, default=0)}
        return {"total_rows": self.total_rows, "by_tertile": self.by_tertile,
                "common": stats(self.common),
                "medium": stats(self.medium), "rare": stats(self.rare)}


def tag_pools(conn: psycopg.Connection) -> TagPools:
    """Classify the tags that are in use by how many content rows carry them.

    Reads tag_cardinality_stats (what the planner sees); when it is empty, counts content_tags.
    When a class comes out empty (genonaut has no tag under 10%), all three classes become rank
    tertiles, so every class has members: they then mean 'relatively' common/medium/rare.
    """
    total = conn.execute("select count(*) from content_items_all").fetchone()[0]
    rows = conn.execute(
        "select tag_id::text, sum(cardinality) from tag_cardinality_stats"
        " group by tag_id having sum(cardinality) > 0").fetchall()
    if not rows:
        rows = conn.execute(
            "select tag_id::text, count(*) from content_tags group by tag_id").fetchall()
    pools = TagPools(total_rows=int(total), counts={tag: int(n) for tag, n in rows})
    for tag_id, name in conn.execute("select id::text, name from tags order by id").fetchall():
        pools.names[tag_id] = name
        pools.spellings[name.lower()] = pools.spellings.get(name.lower(), ()) + (tag_id,)
    ranked = pools.by_rank()
    for tag in ranked:
        density = pools.counts[tag] / max(total, 1)
        if density >= COMMON_DENSITY:
            pools.common.append(tag)
        elif density <= RARE_DENSITY:
            pools.rare.append(tag)
        else:
            pools.medium.append(tag)
    if not (pools.common and pools.medium and pools.rare):
        third = max(len(ranked) // 3, 1)
        pools.common = ranked[:third]
        pools.medium = ranked[third:2 * third] or ranked[:third]
        pools.rare = ranked[2 * third:] or ranked[-third:]
        pools.by_tertile = True
    return pools


def active_users(conn: psycopg.Connection, limit: int = 200) -> list[str]:
    """Users who created content, most prolific first (the canonical request uses the first)."""
    rows = conn.execute(
        "select creator_id::text from content_items_all group by creator_id"
        " order by count(*) desc, creator_id limit %s", (limit,)).fetchall()
    return [row[0] for row in rows]


def canonical_requests(pools: TagPools, user_id: str) -> dict[str, Request]:
    """The gallery's failing requests: most common tag, all four sources, a user, newest first."""
    ranked = pools.by_rank()
    top = ranked[0]
    second = ranked[1] if len(ranked) > 1 else ranked[0]
    base = Request(name="canonical", tags=(top,), user_id=user_id, source_types=None,
                   tag_match="all", sort="created_at_desc", page_size=25, tag_classes=("top",))
    return {
        "canonical": base,
        "any_two_tags": replace(base, name="any_two_tags", tags=(top, second), tag_match="any",
                                tag_classes=("top", "second")),
        "no_tags": replace(base, name="no_tags", tags=(), tag_classes=()),
    }


def boolean_gallery_requests(pools: TagPools, user_id: str) -> dict[str, Request]:
    """The gallery's boolean requests, on the canonical request's user, sources and sort:
    `top -rare` (the most common tag minus a rare one), `(mid1 or mid2) top`, `-top` and
    `~r1 ~r2 ~r3 mid` (three rare tags as one ~ group, and a medium tag). Rare and medium tags
    are the most common of their class, so the results are not empty by construction."""
    top = pools.leaf(pools.by_rank()[0])
    mid = [pools.leaf(t) for t in _at_least(pools.medium, 2, pools.by_rank())]
    rare = [pools.leaf(t) for t in _at_least(pools.rare, 3, pools.by_rank()[::-1])]
    trees: dict[str, tag_tree.Node] = {
        "bool_top_minus_rare": tag_tree.And((top, tag_tree.Not(rare[0]))),
        "bool_mid_or_mid_top": tag_tree.And((tag_tree.Or((mid[0], mid[1])), top)),
        "bool_minus_top": tag_tree.Not(top),
        "bool_tilde_rare_mid": tag_tree.And((tag_tree.Or(tuple(rare[:3]), "~"), mid[0])),
    }
    classes = {"bool_top_minus_rare": ("top", "rare"), "bool_mid_or_mid_top": ("medium", "medium", "top"),
               "bool_minus_top": ("top",), "bool_tilde_rare_mid": ("rare", "rare", "rare", "medium")}
    base = Request(name="", user_id=user_id, source_types=None, tag_match="all",
                   sort="created_at_desc", page_size=25)
    return {name: replace(base, name=name, tag_query=tag_tree.text(tree), tree=tree,
                          tag_classes=classes[name])
            for name, tree in trees.items()}


def _at_least(pool: list[str], n: int, fallback: list[str]) -> list[str]:
    """The first n tags of a pool, topped up from `fallback` when the pool is smaller."""
    out = list(pool[:n])
    out += [t for t in fallback if t not in out][:n - len(out)]
    return out


def generate_boolean(pools: TagPools, users: list[str], count: int, seed: int) -> list[Request]:
    """A seeded sample of `count` boolean requests b000, b001, ...: a random tree of depth 2-3
    (tag_tree.random_tree) over tags drawn like the mixed workload's (45/35/20 common, medium,
    rare), a fifth of them also with one tag in `tags`; users, sources, sorts and deep pages
    as in generate()."""
    rng = random.Random(f"boolean-{seed}")  # its own stream: generate()'s requests stay put
    classes = list(CLASS_WEIGHTS)
    weights = [CLASS_WEIGHTS[c] for c in classes]

    drawn: list[str] = []  # the class of each leaf drawn for the current request

    def leaf() -> tag_tree.Tag:
        klass = rng.choices(classes, weights)[0]
        drawn.append(klass)
        return pools.leaf(rng.choice(getattr(pools, klass) or pools.by_rank()))

    requests: list[Request] = []
    for number in range(count):
        drawn.clear()
        tree = tag_tree.random_tree(rng, leaf, rng.randint(2, 3))
        if rng.random() < 0.2:
            tags: tuple[str, ...] = (rng.choice(pools.common or pools.by_rank()),)
            drawn.insert(0, "common")
        else:
            tags = ()
        user_id = rng.choice(users) if users and rng.random() < 0.8 else None
        sources = _random_sources(rng)
        deep = rng.random() < 0.3
        requests.append(Request(
            name=f"b{number:03d}", tags=tags, user_id=user_id, source_types=sources,
            tag_match="all", sort=rng.choice(SORTS), page_size=25,
            depth=rng.choice(DEEP_DEPTHS) if deep else 0,
            tag_classes=tuple(drawn), tag_query=tag_tree.text(tree),
            tree=tree))
    return requests


def _random_sources(rng: random.Random) -> tuple[str, ...] | None:
    """All four sources a quarter of the time, else a random non-empty subset."""
    if rng.random() < 0.25:
        return None
    sources: tuple[str, ...] = ()
    while not sources:
        sources = tuple(w for w in ALL_SOURCES if rng.random() < 0.6)
    return sources


def generate(pools: TagPools, users: list[str], count: int, seed: int) -> list[Request]:
    """A seeded mixed workload of `count` first-page and deep-page requests (cursors not yet set)."""
    rng = random.Random(seed)
    classes = list(CLASS_WEIGHTS)
    weights = [CLASS_WEIGHTS[c] for c in classes]
    requests: list[Request] = []
    for number in range(count):
        k = rng.randint(1, 10)
        chosen: list[str] = []
        chosen_classes: list[str] = []
        for _ in range(k):
            klass = rng.choices(classes, weights)[0]
            pool = [t for t in getattr(pools, klass) if t not in chosen]
            if not pool:  # small pools (genonaut) run out: take any unused tag
                pool = [t for t in pools.by_rank() if t not in chosen]
                klass = "any"
            if not pool:
                break
            chosen.append(rng.choice(pool))
            chosen_classes.append(klass)
        user_id = rng.choice(users) if users and rng.random() < 0.8 else None
        sources = _random_sources(rng)
        deep = rng.random() < 0.3
        requests.append(Request(
            name=f"w{number:03d}", tags=tuple(chosen), user_id=user_id, source_types=sources,
            tag_match=rng.choice(("all", "any")), sort=rng.choice(SORTS), page_size=25,
            depth=rng.choice(DEEP_DEPTHS) if deep else 0, tag_classes=tuple(chosen_classes)))
    return requests


PageFn = Callable[[psycopg.Connection, Request], list[dict]]


def walk_to_depth(conn: psycopg.Connection, request: Request, depth: int,
                  page: PageFn) -> Request:
    """The request with the cursor that starts its page after `depth` rows (and that cursor's
    position as `after`, for the upstream query's keyset predicate).

    Walks with the biggest pages; when the result has fewer rows than `depth`, settles on the
    last full page boundary (a multiple of the page size) so the timed page still has rows, or
    on the first page when there is only one. `page` runs one request and returns its rows as
    dicts (the engine's column names).
    """
    cursor: str | None = None
    after: Position | None = None
    seen = 0
    boundaries: dict[int, tuple[str | None, Position | None]] = {0: (None, None)}
    while seen < depth:
        size = min(WALK_PAGE_SIZE, depth - seen)
        rows = page(conn, replace(request, cursor=cursor, page_size=size))
        for offset, row in enumerate(rows, start=1):
            if (seen + offset) % request.page_size == 0:
                boundaries[seen + offset] = (row["next_cursor"], Position.of_row(row))
        if not rows:
            break
        seen += len(rows)
        cursor, after = rows[-1]["next_cursor"], Position.of_row(rows[-1])
        if len(rows) < size:
            break
    if seen >= depth:
        return replace(request, cursor=cursor, after=after, depth=depth)
    # Fewer rows than asked for: the deepest boundary that still leaves a non-empty page.
    usable = [d for d in boundaries if d < seen]
    reached = max(usable) if usable else 0
    cursor, after = boundaries[reached]
    return replace(request, cursor=cursor, after=after, depth=reached)

