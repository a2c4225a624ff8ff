"""schemathesis fuzzes the app against the OpenAPI document it serves at /api/v1/openapi.json.

Every generated request (valid and invalid by the document) must get a documented status with a
body of the documented shape: never a 500.
"""
from __future__ import annotations

import os

import psycopg
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from reliability_support import require_engine, require_web, seed

EXAMPLES = int(os.environ.get("TAGPAGE_SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture
def api_schema(postgresql: psycopg.Connection, db_url: str):
    require_engine(postgresql)
    require_web()
    from web.app import create_app
    from web.openapi import blueprint

    seed(postgresql, n_per_source=30)
    app = create_app({"DATABASE_URL": db_url, "REDIS_URL": "off", "START_LISTENER": False,
                      "TAGPAGE_ADMIN_TOKEN": None})
    if "openapi.openapi_json" not in app.view_functions:  # until web registers it itself
        app.register_blueprint(blueprint)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a bug must come back as the 500 a client sees
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    app.extensions["tagpage"].close()


def test_api_conforms_to_its_openapi_document(api_schema) -> None:
    # Each operation is fuzzed by its own hypothesis strategy, driven here rather than through
    # schemathesis's pytest plugin, which breaks on newer pytest releases ('_nodeid').
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 4, "the OpenAPI document lost its operations"
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def conforms(case) -> None:
            case.call_and_validate(checks=CHECKS)

        conforms()


# ------------------------------------------------ the document's parameters are the models' fields

# The JSON Schema keywords the generated parameters may use: OpenAPI 3.0 has no null type, no
# const, no anyOf of a type and null.
OPENAPI_30_KEYWORDS = {"type", "format", "enum", "default", "minimum", "maximum", "maxLength", "items"}


def _documented(path: str) -> dict[str, dict]:
    from web.openapi import document

    return {p["name"]: p for p in document()["paths"][path]["get"]["parameters"]}


def test_every_field_of_each_model_is_a_documented_parameter() -> None:
    from web import params as p

    for path, model in {"/api/v1/content/unified": p.ContentArgs, "/api/v1/tags/related": p.RelatedArgs,
                        "/api/v1/tags/popular": p.PopularArgs, "/api/v1/tags": p.TagSearchArgs}.items():
        documented = _documented(path)
        assert set(documented) == set(model.model_fields), path
        for name, param in documented.items():
            assert param["in"] == "query" and param["description"] and not param["required"], (path, name)
            for schema in (param["schema"], param["schema"].get("items", {})):  # OpenAPI 3.0's words
                assert set(schema) <= OPENAPI_30_KEYWORDS, (path, name, schema)
            if "default" in param["schema"]:
                assert param["schema"]["default"] == model.model_fields[name].default, (path, name)
    content = _documented("/api/v1/content/unified")
    assert content["page_size"]["schema"] == {"type": "integer", "minimum": p.PAGE_SIZE_MIN,
                                              "maximum": p.PAGE_SIZE_MAX, "default": p.PAGE_SIZE_DEFAULT}
    assert content["q"]["schema"]["maxLength"] == p.TAG_QUERY_MAX_CHARS
    assert content["cursor"]["schema"]["maxLength"] == p.CURSOR_MAX_CHARS
    assert content["sort_field"]["schema"]["enum"] == sorted({f for f, _ in p.SORTS})
    assert set(content["sort_order"]["schema"]["enum"]) == {o for _, o in p.SORTS}
    assert content["tag"]["schema"]["items"] == {"type": "string", "format": "uuid"}
    for name in ("tag", "tag_names", "content_source_types"):  # repeated: ?tag=a&tag=b
        assert (content[name]["style"], content[name]["explode"]) == ("form", True)
    assert "comma-separated" in content["tag"]["description"]
    assert "comma-separated" not in content["tag_names"]["description"]  # names may hold commas
    assert content["content_source_types"]["schema"]["items"]["enum"] == list(p.SOURCE_WORDS)
    assert content["include_total"]["schema"] == {"type": "boolean", "default": True}
    related = _documented("/api/v1/tags/related")
    assert related["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": p.TAG_LIMIT_MAX,
                                          "default": p.RELATED_LIMIT_DEFAULT}
    popular = _documented("/api/v1/tags/popular")
    assert popular["min_cardinality"]["schema"]["maximum"] == p.BIGINT_MAX
    assert popular["content_source"]["schema"]["enum"] == ["items", "auto"]
    search = _documented("/api/v1/tags")
    assert search["q"]["schema"]["maxLength"] == p.TAG_PREFIX_MAX_CHARS
    assert search["max_count"]["schema"] == {"type": "integer", "minimum": 0, "maximum": p.BIGINT_MAX}


def test_a_bound_changed_in_a_model_changes_the_document_and_the_refusal() -> None:
    from typing import Literal

    from pydantic import Field
    from werkzeug.datastructures import MultiDict

    from web.openapi import parameters
    from web.params import ContentArgs, ParamError, read

    class Narrower(ContentArgs):
        page_size: int = Field(10, ge=2, le=7, description="Rows per page.")
        tag_match: Literal["any"] = Field("any", description="At least one tag.")

    documented = {p["name"]: p for p in parameters(Narrower)}
    assert documented["page_size"]["schema"] == {"type": "integer", "minimum": 2, "maximum": 7, "default": 10}
    assert documented["tag_match"]["schema"]["enum"] == ["any"]
    assert documented["page_size"]["description"] == "Rows per page."
    with pytest.raises(ParamError) as refused:
        read(Narrower, MultiDict([("page_size", "8")]))
    assert (refused.value.field, refused.value.message) == ("page_size", "page_size must be between 2 and 7, got 8")
    with pytest.raises(ParamError) as refused:
        read(Narrower, MultiDict([("tag_match", "all")]))
    assert refused.value.field == "tag_match" and "'any'" in refused.value.message
    assert read(Narrower, MultiDict()).params().page_size == 10
