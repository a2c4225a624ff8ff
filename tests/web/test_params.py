"""How web.params reads a query string into its models, without a database: repetition, commas,
blanks, NUL, and the wording of each refusal (the field is always named)."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from web.params import (BIGINT_MAX, ContentArgs, GalleryArgs, ParamError, PopularArgs, TagSearchArgs,
                        parse_content, parse_related, read)

A, B = "00000000-0000-0000-0000-00000000000a", "00000000-0000-0000-0000-00000000000b"


def refusal(model, pairs) -> tuple[str, str, str]:
    with pytest.raises(ParamError) as refused:
        read(model, MultiDict(pairs))
    return refused.value.field, refused.value.code, refused.value.message


def test_lists_are_repeated_and_tags_and_sources_also_comma_separated() -> None:
    params = parse_content(MultiDict([("tag", f"{A}, {B},"), ("tag", A.upper()),
                                      ("tag_names", "a, b"), ("tag_names", " c "), ("tag_names", " "),
                                      ("content_source_types", "user-auto,community-auto"),
                                      ("content_source_types", "user-auto")]))
    assert params.tag_ids == [A, B, A]
    assert params.tag_names == ["a, b", "c"]  # names may hold commas: only repetition lists several
    assert params.source_types == ["community-auto", "user-auto"]
    assert parse_content(MultiDict([("content_source_types", " , ")])).source_types is None  # all four


def test_blank_means_the_default_but_a_booleans_blank_is_false_and_q_is_as_written() -> None:
    blank = parse_content(MultiDict([(name, " ") for name in ("page_size", "cursor", "tag_match",
                                                               "sort_field", "sort_order", "user_id")]))
    assert (blank.page_size, blank.cursor, blank.tag_match, blank.sort, blank.user_id) == \
        (25, None, "all", "created_at_desc", None)
    assert parse_content(MultiDict([("include_total", "")])).include_total is False
    assert parse_content(MultiDict([("cache_bypass", " YES ")])).cache_bypass is True
    assert parse_content(MultiDict([("q", " \t\n")])).tag_query is None
    assert parse_content(MultiDict([("q", " cat ")])).tag_query == " cat "
    assert parse_content(MultiDict([("q", "\u00a0")])).tag_query == "\u00a0"  # part of a name
    assert parse_content(MultiDict([("sort_field", "quality_score"), ("sort_order", "DESC")])).sort \
        == "quality_score_desc"
    params, limit = parse_related(MultiDict([("limit", "3"), ("tag", A)]))
    assert (params.tag_ids, limit) == ([A], 3)


@pytest.mark.parametrize("model,pairs,field,message", [
    (ContentArgs, [("page_size", "5"), ("page_size", "6")], "page_size", "page_size may be given once, got 2 values"),
    (ContentArgs, [("tag_names", "cat\x00")], "tag_names", "tag_names must not contain NUL characters"),
    (ContentArgs, [("q", "cat"), ("q", "dog")], "q", "q may be given once, got 2 values"),
    (ContentArgs, [("q", "x" * 2001)], "q", "q: longer than 2000 characters at 2001"),
    (ContentArgs, [("tag", f"{A},nope,bad")], "tag", "tag must be a UUID, got 'nope', 'bad'"),
    (ContentArgs, [("user_id", "alice")], "user_id", "user_id must be a UUID, got 'alice'"),
    (ContentArgs, [("tag_match", "most")], "tag_match", "tag_match must be 'all' or 'any', got 'most'"),
    (ContentArgs, [("content_source_types", "user-auto,robots")], "content_source_types",
     "content_source_types must be 'community-auto', 'community-regular', 'user-auto' or "
     "'user-regular', got 'robots'"),
    (ContentArgs, [("page_size", "ten")], "page_size", "page_size must be an integer, got 'ten'"),
    (ContentArgs, [("page_size", "501")], "page_size", "page_size must be between 1 and 500, got 501"),
    (ContentArgs, [("cache_bypass", "maybe")], "cache_bypass", "cache_bypass must be true or false, got 'maybe'"),
    (ContentArgs, [("sort_order", "Sideways")], "sort_order", "sort_order must be 'desc' or 'asc', got 'sideways'"),
    (ContentArgs, [("cursor", "x" * 2049)], "cursor", "cursor: longer than 2048 characters at 2049"),
    (GalleryArgs, [("sort", "title")], "sort",
     "sort must be 'created_at_desc', 'created_at_asc' or 'quality_score_desc', got 'title'"),
    (PopularArgs, [("min_cardinality", str(BIGINT_MAX + 1))], "min_cardinality",
     f"min_cardinality must be between 0 and {BIGINT_MAX}, got {BIGINT_MAX + 1}"),
    (PopularArgs, [("content_source", "web")], "content_source", "content_source must be 'items' or 'auto', got 'web'"),
    (TagSearchArgs, [("min_count", "5"), ("max_count", "2")], "max_count", "max_count (2) is below min_count (5)"),
    (TagSearchArgs, [("q", "y" * 201)], "q", "q: longer than 200 characters at 201"),
])
def test_each_refusal_names_its_field(model, pairs, field, message) -> None:
    assert refusal(model, pairs) == (field, "invalid_parameter", message)


def test_quality_ascending_is_unsupported() -> None:
    assert refusal(ContentArgs, [("sort_field", "quality_score"), ("sort_order", "asc")]) == (
        "sort_order", "unsupported_sort", "sort_order asc is not offered for quality_score; use desc")
