"""schemathesis fuzzes the app against the OpenAPI document it serves at /api/v1/openapi.json.

Every generated request (valid and invalid by the document) must get a documented status with a
body of the documented shape: never a 500.
"""
from __future__ import annotations

import os

import psycopg
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
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


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case) -> None:
    case.call_and_validate(checks=CHECKS)
