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
