"""The query-string parameters of each endpoint, declared once as pydantic models: a model both
validates a request and documents it (web/openapi.py builds the OpenAPI parameters from the same
fields: descriptions, types, enums, bounds, defaults). Every refusal names the field it is about.

`read(Model, request.args)` takes each field from the query string: a list field every value of
its name (also split on commas where the field is marked `Read.COMMAS`), any other field at most
one value; values are stripped and a blank one means the default (a boolean's blank is the word
for false), except in a field marked `Read.AS_WRITTEN`. NUL is refused everywhere.

Validation here is what the client can be told precisely before any SQL runs; the SQL function
validates again (cursor contents, tag existence, max_tags) and its 22023 errors are mapped to
the same error shape by web.service.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, ValidationError, model_validator
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import PydanticCustomError
from werkzeug.datastructures import MultiDict

from web.cache import SOURCE_WORDS
from web.thumbs import SOURCES

PAGE_SIZE_MIN, PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT = 1, 500, 25
TAG_LIMIT_MAX = 1000
RELATED_LIMIT_DEFAULT = 20
TAG_QUERY_MAX_CHARS = 2000
TAG_PREFIX_MAX_CHARS = 200
CURSOR_MAX_CHARS = 2048  # a cursor is about 30 characters, 150 in format 1 (plpgsql/cursor.sql); SQL refuses any malformed one
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
SORT_FIELDS = tuple(dict.fromkeys(f for f, _ in SORTS))
SORT_ORDERS = tuple(dict.fromkeys(o for _, o in SORTS))
GALLERY_SORTS = tuple(SORTS.values())
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
    """A validated page or filter request, as web.service takes it (tag names still unresolved)."""

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


class Read(enum.Enum):
    """How read() takes a field from the query string, where it differs from the module doc's rule."""

    COMMAS = "a list whose values may each be a comma-separated list"
    AS_WRITTEN = "taken as written: not stripped, a blank value kept"


def _word(value: Any) -> Any:
    """A boolean as links and forms write it."""
    if isinstance(value, str):
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        raise PydanticCustomError("bool_parsing", "not a boolean word")
    return value


def _blank_is_none(text: str | None) -> str | None:
    """A tag query of only the grammar's whitespace filters nothing."""
    return text if text and text.strip(TAG_QUERY_WHITESPACE) else None


Flag = Annotated[bool, BeforeValidator(_word)]
Count = Annotated[int, Field(ge=0, le=BIGINT_MAX)]  # SQL takes bigint: beyond is a 400 here
Limit = Annotated[int, Field(ge=1, le=TAG_LIMIT_MAX)]


class FilterArgs(BaseModel):
    """The filter: what a page's rows, its count and its related tags depend on."""

    tag: Annotated[list[UUID], Read.COMMAS] = Field([], description="Tag id.")
    tag_names: list[str] = Field([], description="Tag name, resolved through the tags table (names "
                                 "may hold commas, so only repetition lists several).")
    tag_match: Literal["all", "any"] = Field(
        "all", description="Rows carrying every tag (all) or at least one (any).")
    q: Annotated[str | None, Field(max_length=TAG_QUERY_MAX_CHARS), AfterValidator(_blank_is_none),
                 Read.AS_WRITTEN] = Field(
        None, description="Boolean tag query, ANDed with the tags: names (double-quoted when they "
        "hold spaces), `and` or juxtaposition, `or` or `|`, `-x` or `not x`, parentheses, `~a ~b` "
        "OR groups; e.g. `anime -nsfw (cat or dog)`. Blank: no filter. Errors are a 400 naming q, "
        "with the position.")
    content_source_types: Annotated[list[Literal[SOURCE_WORDS]] | None, Read.COMMAS] = Field(
        None, description="Sources to include (default all).")
    user_id: UUID | None = Field(None, description="The viewer; user-* sources are this user's rows.")
    cache_bypass: Flag = Field(False, description="Skip the Redis cache.")

    def params(self) -> ContentParams:
        sources = self.content_source_types
        return ContentParams(tag_ids=[str(t) for t in self.tag], tag_names=self.tag_names,
                             tag_match=self.tag_match, tag_query=self.q,
                             source_types=sorted(set(sources)) if sources else None,
                             user_id=str(self.user_id) if self.user_id else None,
                             cache_bypass=self.cache_bypass)


class PageArgs(FilterArgs):
    """A page of the filter's rows: what the API and the gallery page share."""

    page_size: int = Field(PAGE_SIZE_DEFAULT, ge=PAGE_SIZE_MIN, le=PAGE_SIZE_MAX,
                           description="Rows per page.")
    cursor: str | None = Field(None, max_length=CURSOR_MAX_CHARS,
                               description="A next_cursor or prev_cursor from an earlier page.")
    include_total: Flag = Field(True, description="Count the filter's rows into pagination.total_*.")

    def params(self) -> ContentParams:
        return replace(super().params(), page_size=self.page_size, cursor=self.cursor,
                       include_total=self.include_total)


class ContentArgs(PageArgs):
    """GET /api/v1/content/unified (docs/api.md)."""

    sort_field: Literal[SORT_FIELDS] = Field("created_at", description="Sort key.")
    sort_order: Annotated[Literal[SORT_ORDERS], BeforeValidator(str.lower)] = Field(
        "desc", description="Sort direction (quality_score is offered desc only: a 400 otherwise).")

    @model_validator(mode="after")
    def _offered(self) -> ContentArgs:
        if (self.sort_field, self.sort_order) not in SORTS:
            raise ParamError("sort_order", f"sort_order {self.sort_order} is not offered for "
                             f"{self.sort_field}; use desc", code="unsupported_sort")
        return self

    def params(self) -> ContentParams:
        return replace(super().params(), sort=SORTS[self.sort_field, self.sort_order])


class GalleryArgs(PageArgs):
    """The gallery page (`/`): the API's, with one `sort` select instead of two fields."""

    sort: Literal[GALLERY_SORTS] = Field("created_at_desc", description="The SQL sort.")

    def params(self) -> ContentParams:
        return replace(super().params(), sort=self.sort)


class RelatedArgs(FilterArgs):
    """GET /api/v1/tags/related: a filter and how many tags."""

    limit: Limit = Field(RELATED_LIMIT_DEFAULT, description="How many tags.")


class PopularArgs(BaseModel):
    """GET /api/v1/tags/popular."""

    limit: Limit = Field(50, description="How many tags.")
    content_source: Literal[SOURCES] | None = Field(None, description="Count only this source.")
    min_cardinality: Count = Field(0, description="Skip tags on fewer rows.")


class TagSearchArgs(BaseModel):
    """GET /api/v1/tags (the tag picker's search)."""

    q: str = Field("", max_length=TAG_PREFIX_MAX_CHARS,
                   description="Name prefix (`%`, `_` and `\\` are literal).")
    min_count: Count | None = Field(None, description="Minimum cardinality.")
    max_count: Count | None = Field(None, description="Maximum cardinality (at least min_count).")
    limit: Limit = Field(50, description="How many tags.")

    @model_validator(mode="after")
    def _ordered(self) -> TagSearchArgs:
        if self.min_count is not None and self.max_count is not None and self.min_count > self.max_count:
            raise ParamError("max_count", f"max_count ({self.max_count}) is below min_count ({self.min_count})")
        return self


class _OpenAPI30(GenerateJsonSchema):
    """JSON Schema as OpenAPI 3.0 reads it: an optional parameter is absent, never null; a single
    choice is an enum (3.0 has no const); no titles."""

    def nullable_schema(self, schema):
        return self.generate_inner(schema["schema"])

    def literal_schema(self, schema):
        json_schema = super().literal_schema(schema)
        if "const" in json_schema:
            json_schema["enum"] = [json_schema.pop("const")]
        return json_schema

    def default_schema(self, schema):
        json_schema = super().default_schema(schema)
        if json_schema.get("default", 0) is None:
            del json_schema["default"]
        return json_schema

    def field_title_should_be_set(self, schema) -> bool:
        return False


@cache
def field_schemas(model: type[BaseModel]) -> dict[str, dict[str, Any]]:
    """Each field's JSON schema: what the OpenAPI document says of it, what read() takes a list
    from and the bounds a refusal quotes. Shared: copy before changing one."""
    return model.model_json_schema(schema_generator=_OpenAPI30)["properties"]


Args = TypeVar("Args", bound=BaseModel)


def read(model: type[Args], args: MultiDict) -> Args:
    """The model's fields taken from a query string (the module doc says how), validated."""
    data: dict[str, Any] = {}
    schemas = field_schemas(model)
    for name, info in model.model_fields.items():
        values = args.getlist(name)
        many = schemas[name].get("type") == "array"
        if len(values) > 1 and not many:
            raise ParamError(name, f"{name} may be given once, got {len(values)} values")
        if any("\x00" in v for v in values):  # PostgreSQL text cannot hold NUL: refuse it here
            raise ParamError(name, f"{name} must not contain NUL characters")
        if Read.AS_WRITTEN not in info.metadata:
            if Read.COMMAS in info.metadata:
                values = [part for v in values for part in v.split(",")]
            values = [v.strip() for v in values]
            if info.annotation is not bool:  # a boolean's blank is a word: false
                values = [v for v in values if v]
        if values:
            data[name] = values if many else values[0]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _refusal(model, exc.errors()) from None


def _refusal(model: type[BaseModel], errors: list[dict[str, Any]]) -> ParamError:
    """The first error, worded for the client; a list's bad values are listed together."""
    first = errors[0]
    cause = first.get("ctx", {}).get("error")
    if isinstance(cause, ParamError):  # raised by a model's own check
        return cause
    name, kind, ctx = first["loc"][0], first["type"], first.get("ctx", {})
    got = ", ".join(repr(str(e["input"])[:80]) for e in errors
                    if e["loc"][0] == name and e["type"] == kind)
    schema = field_schemas(model)[name]
    if kind in ("int_parsing", "int_parsing_size"):
        message = f"{name} must be an integer, got {got}"
    elif kind in ("greater_than_equal", "less_than_equal"):  # every integer is bounded both ways
        message = f"{name} must be between {schema['minimum']} and {schema['maximum']}, got {first['input']}"
    elif kind == "literal_error":
        message = f"{name} must be {ctx['expected']}, got {got}"
    elif kind == "uuid_parsing":
        message = f"{name} must be a UUID, got {got}"
    elif kind == "bool_parsing":
        message = f"{name} must be true or false, got {got}"
    elif kind == "string_too_long":  # worded like SQL's tag-query errors: where it went wrong
        message = f"{name}: longer than {ctx['max_length']} characters at {ctx['max_length'] + 1}"
    else:
        message = f"{name}: {first['msg']}"
    return ParamError(name, message)


def parse_content(args: MultiDict) -> ContentParams:
    return read(ContentArgs, args).params()


def parse_gallery(args: MultiDict) -> ContentParams:
    return read(GalleryArgs, args).params()


def parse_related(args: MultiDict) -> tuple[ContentParams, int]:
    related = read(RelatedArgs, args)
    return related.params(), related.limit


def parse_popular(args: MultiDict) -> dict:
    return read(PopularArgs, args).model_dump()


def parse_tag_search(args: MultiDict) -> dict:
    return read(TagSearchArgs, args).model_dump()
