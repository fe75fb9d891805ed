"""The OpenAPI schema: generated without warnings, browsable without a CDN, and every
operation but DELETE (which would revoke the caller's token) survives generated input
without a server error."""

import re
from pathlib import Path

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application

from .api_world import build_world, client_for

pytestmark = pytest.mark.django_db

FUZZ_EXAMPLES = 12


def test_schema_generates_without_warnings(tmp_path: Path):
    target = tmp_path / "schema.yml"
    # --fail-on-warn turns any warning or error into a SchemaGenerationError.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "/api/v1/employees/{nip}/transfer/:" in text
    assert "/api/v1/employees/{nip}/ratings/{year}/:" in text
    assert "/api/v1/employees/{nip}/job-match/:" in text
    assert "/api/v1/employees/{nip}/talent-box/:" in text


def test_docs_page_uses_only_local_static_files():
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sorted(urls) == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    ]
    for url in urls:
        assert finders.find(url.removeprefix("/static/")) is not None, url
    assert "http://" not in html and "https://" not in html


# Loaded while the tests are collected: producing the schema needs no database.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/",
    application,
    config=schemathesis.Config.from_dict(
        {
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
            "generation": {"max-examples": FUZZ_EXAMPLES, "database": "none", "deterministic": True},
        }
    ),
).include(method=["GET", "POST", "PUT", "PATCH"])


@pytest.fixture
def keep_db_connection():
    """The WSGI app closes the database connection after each request; inside a test
    transaction on PostgreSQL that would end the test's transaction. Django's own test
    client switches this off the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_world(db, keep_db_connection):
    world = build_world()
    client = client_for(world["users"]["province_admin"])
    # Generated path values almost never name a stored record; pointing them at real
    # ones makes the generated bodies and queries reach the services.
    existing = {
        "/api/v1/agencies/{code}/": {"code": world["agency_a"]},
        "/api/v1/units/{id}/": {"id": world["unit_a"]},
        "/api/v1/positions/{code}/": {"code": world["pos_a"]},
        "/api/v1/public-services/{code}/": {"code": world["svc_a"]},
        "/api/v1/employees/{nip}/": {"nip": world["emp_a"]},
        "/api/v1/employees/{nip}/transfer/": {"nip": world["emp_a"]},
        "/api/v1/employees/{nip}/interests/": {"nip": world["emp_a"]},
        "/api/v1/employees/{nip}/ratings/{year}/": {"nip": world["emp_a"]},
        "/api/v1/competencies/{code}/": {"code": world["tech_a"]},
        "/api/v1/positions/{code}/standard/": {"code": world["pos_a"]},
        "/api/v1/positions/{code}/standard/class-defaults/": {"code": world["pos_a"]},
        "/api/v1/employees/{nip}/assessments/": {"nip": world["emp_a"]},
        "/api/v1/employees/{nip}/job-match/": {"nip": world["emp_a"]},
        "/api/v1/employees/{nip}/talent-box/": {"nip": world["emp_a"]},
        "/api/v1/complaints/{tracking_code}/": {"tracking_code": world["cmp_a"]},
        **{
            f"/api/v1/complaints/{{tracking_code}}/{action}/": {"tracking_code": world[report]}
            for action, report in (
                ("dispatch", "cmp_new"),
                ("request-info", "cmp_new"),
                ("decline", "cmp_new"),
                ("archive", "cmp_new"),
                ("privacy", "cmp_new"),
                ("assign", "cmp_a"),
                ("answer", "cmp_a"),
                ("refer", "cmp_a"),
            )
        },
    }
    return {"headers": {"Authorization": client._credentials["HTTP_AUTHORIZATION"]}, "existing": existing}


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    # The world is built once per operation and shared by its examples on purpose.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_api_never_answers_with_a_server_error(case, fuzz_world):
    if case.path in fuzz_world["existing"]:
        case.path_parameters = {**(case.path_parameters or {}), **fuzz_world["existing"][case.path]}
    case.call_and_validate(headers=fuzz_world["headers"], checks=[not_a_server_error])
