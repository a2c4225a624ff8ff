"""The OpenAPI 3.0 document of the HTTP API (docs/api.md), served at /api/v1/openapi.json.

Each operation's parameters are generated from the pydantic model that validates them
(web/params.py): name, description, type, enum, bounds, default and list style all come from the
model's fields, so the document cannot drift from what the API accepts. The responses and their
schemas are written here.

It is the contract schemathesis fuzzes (tests/web/test_openapi.py): every documented input must
get a documented answer (200, or 400 naming the field), never a 500.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from pydantic import BaseModel

from web.params import ContentArgs, PopularArgs, Read, RelatedArgs, TagSearchArgs, field_schemas
from web.thumbs import SOURCES

blueprint = Blueprint("openapi", __name__)

_UUID = {"type": "string", "format": "uuid"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_BAD_REQUEST = _json(_ref("Error"), "Invalid parameter; `error.field` names it.")
_UNAVAILABLE = _json(_ref("Error"), "Database unavailable or the query exceeded statement_timeout.")


def parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The model's fields as OpenAPI query parameters; a list is a repeated parameter."""
    out = []
    for name, schema in field_schemas(model).items():
        schema = dict(schema)
        param = {"name": name, "in": "query", "required": model.model_fields[name].is_required(),
                 "description": schema.pop("description", ""), "schema": schema}
        if schema.get("type") == "array":
            commas = Read.COMMAS in model.model_fields[name].metadata
            param["description"] += " Repeatable" + (" or comma-separated." if commas else ".")
            param |= {"style": "form", "explode": True}
        out.append(param)
    return out


def document() -> dict[str, Any]:
    """The OpenAPI document as a dict."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "tagpage",
            "version": "1.0.0",
            "description": "Tag-filtered, keyset-paginated gallery pages served by PostgreSQL.",
        },
        "paths": {
            "/api/v1/content/unified": {"get": {
                "operationId": "unifiedContent",
                "summary": "One page of gallery content filtered by tags.",
                "parameters": parameters(ContentArgs),
                "responses": {
                    "200": _json(_ref("ContentPage"), "A page."),
                    "400": _BAD_REQUEST,
                    "503": _UNAVAILABLE,
                },
            }},
            "/api/v1/tags/related": {"get": {
                "operationId": "relatedTags",
                "summary": "The tags occurring most among a filter's rows, with their counts there.",
                "parameters": parameters(RelatedArgs),
                "responses": {
                    "200": _json({"type": "array", "items": _ref("RelatedTag")},
                                 "Tags, most frequent among the matches first; tags every match "
                                 "carries by the filter's definition are left out."),
                    "400": _BAD_REQUEST,
                    "503": _UNAVAILABLE,
                },
            }},
            "/api/v1/tags/popular": {"get": {
                "operationId": "popularTags",
                "summary": "Tags with the most content.",
                "parameters": parameters(PopularArgs),
                "responses": {
                    "200": _json({"type": "array", "items": _ref("Tag")}, "Tags, most used first."),
                    "400": _BAD_REQUEST,
                    "503": _UNAVAILABLE,
                },
            }},
            "/api/v1/tags": {"get": {
                "operationId": "searchTags",
                "summary": "Tags whose name starts with a prefix (tag picker).",
                "parameters": parameters(TagSearchArgs),
                "responses": {
                    "200": _json({"type": "array", "items": _ref("Tag")}, "Matching tags."),
                    "400": _BAD_REQUEST,
                    "503": _UNAVAILABLE,
                },
            }},
            "/api/v1/health": {"get": {
                "operationId": "health",
                "summary": "Liveness, dependency status, each database server's state and replica lag.",
                "responses": {
                    "200": _json({"type": "object"}, "Reads can be served (status says whether all is well)."),
                    "503": _json({"type": "object"}, "No database server can answer a read."),
                },
            }},
            "/api/v1/openapi.json": {"get": {
                "operationId": "openapi",
                "summary": "This document.",
                "responses": {"200": _json({"type": "object"}, "The OpenAPI document.")},
            }},
            "/metrics": {"get": {
                "operationId": "metrics",
                "summary": "Prometheus metrics.",
                "responses": {"200": {"description": "Prometheus text format.",
                                      "content": {"text/plain": {"schema": {"type": "string"}}}}},
            }},
            "/api/v1/admin/cache/clear": {"post": {
                "operationId": "clearCache",
                "summary": "Empty the page cache (absent when TAGPAGE_ADMIN_TOKEN is not set).",
                "security": [{"adminToken": []}],
                "responses": {
                    "200": _json({"type": "object"}, "Cleared."),
                    "401": _json({"type": "object"}, "Missing or wrong token."),
                    "404": {"description": "Admin routes are disabled (no token configured)."},
                },
            }},
        },
        "components": {
            "securitySchemes": {"adminToken": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {
                        "type": "object",
                        "required": ["code", "message"],
                        "properties": {
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                            "field": {"type": "string", "nullable": True},
                        },
                    }},
                },
                "Tag": {
                    "type": "object",
                    "required": ["id", "name", "cardinality"],
                    "properties": {
                        "id": _UUID,
                        "name": {"type": "string"},
                        "cardinality": {"type": "integer", "minimum": 0},
                    },
                },
                "RelatedTag": {
                    "type": "object",
                    "required": ["id", "name", "count", "exact"],
                    "properties": {
                        "id": _UUID,
                        "name": {"type": "string"},
                        "count": {"type": "integer", "minimum": 0},
                        "exact": {"type": "boolean"},
                    },
                },
                "Item": {
                    "type": "object",
                    "required": ["id", "source_type", "created_at"],
                    "properties": {
                        "id": {"type": "integer"},
                        "source_type": {"type": "string", "enum": list(SOURCES)},
                        "title": {"type": "string", "nullable": True},
                        "creator_id": {"type": "string", "format": "uuid", "nullable": True},
                        "is_private": {"type": "boolean"},
                        "quality_score": {"type": "number"},
                        "created_at": {"type": "string"},
                    },
                },
                "ContentPage": {
                    "type": "object",
                    "required": ["items", "pagination", "meta"],
                    "properties": {
                        "items": {"type": "array", "items": _ref("Item")},
                        "pagination": {
                            "type": "object",
                            "required": ["page_size", "next_cursor", "prev_cursor",
                                         "has_next", "has_previous"],
                            "properties": {
                                "page_size": {"type": "integer"},
                                "next_cursor": {"type": "string", "nullable": True},
                                "prev_cursor": {"type": "string", "nullable": True},
                                "has_next": {"type": "boolean"},
                                "has_previous": {"type": "boolean"},
                                "total_count": {"type": "integer", "minimum": 0, "nullable": True},
                                "total_pages": {"type": "integer", "minimum": 0, "nullable": True},
                                "total_count_exact": {"type": "boolean", "nullable": True},
                                "total_count_range": {
                                    "type": "array", "nullable": True, "minItems": 2, "maxItems": 2,
                                    "items": {"type": "integer", "minimum": 0},
                                },
                            },
                        },
                        "meta": {
                            "type": "object",
                            "required": ["cache"],
                            "properties": {
                                "strategy": {"type": "string", "nullable": True},
                                "cache": {"type": "string", "enum": ["hit", "miss", "bypass", "off"]},
                                "elapsed_ms": {"type": "number"},
                                "total_method": {"type": "string"},
                                "total_cache": {"type": "string",
                                                "enum": ["hit", "miss", "bypass", "off"]},
                            },
                        },
                    },
                },
            },
        },
    }


@blueprint.get("/api/v1/openapi.json")
def openapi_json():
    """Serve the document."""
    return jsonify(document())
