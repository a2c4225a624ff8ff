"""Validation of query-string parameters; every error names the field it is about.

Validation here is what the client can be told precisely before any SQL runs; the SQL function
validates again (cursor contents, tag existence, max_tags) and its 22023 errors are mapped to
the same error shape by web.service.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Iterable

from werkzeug.datastructures import MultiDict

from web.cache import SOURCE_WORDS

PAGE_SIZE_MIN, PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT = 1, 500, 25
TAG_LIMIT_MAX = 1000
RELATED_LIMIT_DEFAULT = 20
TAG_QUERY_MAX_CHARS = 2000
# The tag-query grammar's whitespace (docs/api.md): a query of only these filters nothing. Not
# str.isspace(): a no-break space, say, is part of a tag name.
TAG_QUERY_WHITESPACE = " \t\n\r\f\v"
BIGINT_MAX = 2 ** 63 - 1
# (sort_field, sort_order) -> the SQL sort; quality ascending has no index, so it is not offered.
SORTS = {
    ("created_at", "desc"): "created_at_desc",
    ("created_at", "asc"): "created_at_asc",
    ("quality_score", "desc"): "quality_score_desc",
}
GALLERY_SORTS = ("created_at_desc", "created_at_asc", "quality_score_desc")
TRUE_WORDS, FALSE_WORDS = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


class ParamError(ValueError):
    """A request parameter the API refuses: HTTP 400 {"error": {"code","message","field"}}."""

    def __init__(self, field: str, message: str, code: str = "invalid_parameter",
                 status: int = 400) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.code = code
        self.status = status

    def to_json(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}


@dataclass
class ContentParams:
    """A validated /api/v1/content/unified request (tag names still unresolved)."""

    tag_ids: list[str] = field(default_factory=list)
    tag_names: list[str] = field(default_factory=list)
    tag_match: str = "all"
    source_types: list[str] | None = None
    user_id: str | None = None
    sort: str = "created_at_desc"
    page_size: int = PAGE_SIZE_DEFAULT
    cursor: str | None = None
    tag_query: str | None = None
    cache_bypass: bool = False
    include_total: bool = True


def _no_nul(name: str, value: str) -> str:
    """PostgreSQL text cannot hold NUL: refuse it here rather than fail in the driver."""
    if "\x00" in value:
        raise ParamError(name, f"{name} must not contain NUL characters")
    return value


def _values(args: MultiDict, name: str, *, split_commas: bool = True) -> list[str]:
    """All values of a repeatable parameter, comma-separated lists expanded, blanks dropped."""
    out: list[str] = []
    for raw in args.getlist(name):
        _no_nul(name, raw)
        parts = raw.split(",") if split_commas else [raw]
        out.extend(p.strip() for p in parts if p.strip())
    return out


def _single(args: MultiDict, name: str) -> str | None:
    values = args.getlist(name)
    if len(values) > 1:
        raise ParamError(name, f"{name} may be given once, got {len(values)} values")
    return _no_nul(name, values[0]).strip() if values else None


def parse_tag_query(args: MultiDict) -> str | None:
    """`q`, a boolean tag query (docs/api.md, "Tag queries"), as written: SQL parses it and its
    errors name `q` with the position. None when absent or blank (no filter)."""
    values = args.getlist("q")
    if len(values) > 1:
        raise ParamError("q", f"q may be given once, got {len(values)} values")
    if not values:
        return None
    text = _no_nul("q", values[0])
    if len(text) > TAG_QUERY_MAX_CHARS:  # SQL says the same; no need to send it 100 KB
        raise ParamError("q", f"q: longer than {TAG_QUERY_MAX_CHARS} characters at {TAG_QUERY_MAX_CHARS + 1}")
    return text if text.strip(TAG_QUERY_WHITESPACE) else None


def parse_uuid(value: str, field_name: str) -> str:
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError):
        raise ParamError(field_name, f"{field_name} must be a UUID, got {value[:80]!r}") from None


def parse_int(args: MultiDict, name: str, default: int | None, lo: int | None,
              hi: int | None) -> int | None:
    raw = _single(args, name)
    if raw is None or raw == "":
        return default
    # SQL takes bigint at most: a larger number must be a 400 here, not a failed call later.
    hi = BIGINT_MAX if hi is None else hi
    lo = -BIGINT_MAX - 1 if lo is None else lo
    try:
        value = int(raw)
    except ValueError:
        raise ParamError(name, f"{name} must be an integer, got {raw[:80]!r}") from None
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        bounds = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise ParamError(name, f"{name} must be {bounds}, got {value}")
    return value


def parse_bool(args: MultiDict, name: str, default: bool = False) -> bool:
    raw = _single(args, name)
    if raw is None:
        return default
    word = raw.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ParamError(name, f"{name} must be true or false, got {raw[:80]!r}")


def parse_sources(values: Iterable[str], field_name: str) -> list[str] | None:
    """Source words, repeatable or comma-separated; None (all four) when absent."""
    words = list(values)
    if not words:
        return None
    unknown = [w for w in words if w not in SOURCE_WORDS]
    if unknown:
        raise ParamError(field_name, f"unknown {field_name} {', '.join(unknown)}; expected any of "
                         f"{', '.join(sorted(SOURCE_WORDS))}")
    return sorted(set(words))


def parse_filter(args: MultiDict) -> ContentParams:
    """The filter: tags, match mode, tag query, sources and user (what a count or related tags
    depend on)."""
    params = ContentParams()
    params.tag_ids = [parse_uuid(v, "tag") for v in _values(args, "tag")]
    # Tag names may contain commas, so only repetition lists several.
    params.tag_names = _values(args, "tag_names", split_commas=False)
    match = _single(args, "tag_match")
    if match is not None and match not in ("all", "any"):
        raise ParamError("tag_match", f"tag_match must be 'all' or 'any', got {match[:80]!r}")
    params.tag_match = match or "all"
    params.tag_query = parse_tag_query(args)
    params.source_types = parse_sources(_values(args, "content_source_types"), "content_source_types")
    user = _single(args, "user_id")
    params.user_id = parse_uuid(user, "user_id") if user else None
    params.cache_bypass = parse_bool(args, "cache_bypass")
    return params


def parse_common(args: MultiDict) -> ContentParams:
    """Parameters shared by the API and the gallery page (everything except the sort)."""
    params = parse_filter(args)
    params.page_size = parse_int(args, "page_size", PAGE_SIZE_DEFAULT, PAGE_SIZE_MIN, PAGE_SIZE_MAX)  # type: ignore[assignment]
    cursor = _single(args, "cursor")
    params.cursor = cursor or None
    params.include_total = parse_bool(args, "include_total", default=True)
    return params


def parse_related(args: MultiDict) -> tuple[ContentParams, int]:
    """GET /api/v1/tags/related parameters: a filter and how many tags."""
    return parse_filter(args), parse_int(args, "limit", RELATED_LIMIT_DEFAULT, 1, TAG_LIMIT_MAX)  # type: ignore[return-value]


def parse_content(args: MultiDict) -> ContentParams:
    """GET /api/v1/content/unified parameters (docs/api.md)."""
    params = parse_common(args)
    sort_field = _single(args, "sort_field") or "created_at"
    sort_order = (_single(args, "sort_order") or "desc").lower()
    if sort_field not in ("created_at", "quality_score"):
        raise ParamError("sort_field", f"sort_field must be created_at or quality_score, got {sort_field[:80]!r}")
    if sort_order not in ("asc", "desc"):
        raise ParamError("sort_order", f"sort_order must be asc or desc, got {sort_order[:80]!r}")
    sort = SORTS.get((sort_field, sort_order))
    if sort is None:
        raise ParamError("sort_order", f"sort_order {sort_order} is not offered for {sort_field}; "
                         "use desc", code="unsupported_sort")
    params.sort = sort
    return params


def parse_gallery(args: MultiDict) -> ContentParams:
    """Gallery page (`/`) parameters: the API's, with one `sort` select instead of two fields."""
    params = parse_common(args)
    sort = _single(args, "sort") or "created_at_desc"
    if sort not in GALLERY_SORTS:
        raise ParamError("sort", f"sort must be one of {', '.join(GALLERY_SORTS)}, got {sort[:80]!r}")
    params.sort = sort
    return params


def parse_popular(args: MultiDict) -> dict:
    """GET /api/v1/tags/popular parameters."""
    source = _single(args, "content_source")
    if source not in (None, "", "items", "auto"):
        raise ParamError("content_source", f"content_source must be items or auto, got {source[:80]!r}")
    return {
        "limit": parse_int(args, "limit", 50, 1, TAG_LIMIT_MAX),
        "content_source": source or None,
        "min_cardinality": parse_int(args, "min_cardinality", 0, 0, None),
    }


def parse_tag_search(args: MultiDict) -> dict:
    """GET /api/v1/tags parameters (tag picker search)."""
    q = _single(args, "q") or ""
    if len(q) > 200:
        raise ParamError("q", "q must be at most 200 characters")
    min_count = parse_int(args, "min_count", None, 0, None)
    max_count = parse_int(args, "max_count", None, 0, None)
    if min_count is not None and max_count is not None and min_count > max_count:
        raise ParamError("max_count", f"max_count ({max_count}) is below min_count ({min_count})")
    return {"q": q, "min_count": min_count, "max_count": max_count,
            "limit": parse_int(args, "limit", 50, 1, TAG_LIMIT_MAX)}
