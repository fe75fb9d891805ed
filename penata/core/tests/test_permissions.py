"""Who may call what: one row per (role, method, endpoint, payload) and the status.

The world (penata/core/tests/api_world.py) has agency A (with sub-agency RSUD-A) and
agency B; every staff user belongs to agency A, the employee user is ``emp_self`` (in
A). "Own" targets are in A, "other" targets in B. Another app appends its rows to
``PERMISSION_ROWS`` with ``rows(...)`` (and its payloads to ``PAYLOADS``).

Reading the statuses: 401 no credentials; 403 the role may not do this at all (or may
see the record but not change it); 404 the record is outside the caller's scope; 400 the
body points at something outside the caller's scope (it reads as unknown); 405 the
endpoint is read-only.
"""

from collections.abc import Callable

import pytest

from .api_world import ROLES, TEST_PASSWORD, build_world, client_for, employee_payload

pytestmark = pytest.mark.django_db

PERMISSION_ROWS: list[tuple[str, str, str, str | None, int]] = []


def rows(method: str, endpoint: str, payload: str | None = None, **expected: int) -> None:
    """Append one row per role; every role must be given, so no caller is forgotten."""
    missing = set(ROLES) - set(expected)
    unknown = set(expected) - set(ROLES)
    assert not missing and not unknown, (endpoint, missing, unknown)
    for role in ROLES:
        PERMISSION_ROWS.append((role, method, endpoint, payload, expected[role]))


PAYLOADS: dict[str, Callable[[dict], dict]] = {
    "token_ok": lambda w: {"username": "province_admin", "password": TEST_PASSWORD},
    "token_bad": lambda w: {"username": "province_admin", "password": "salah"},
    "position_new_a": lambda w: {
        "code": "POS-NEW",
        "title": "Analis Kebijakan",
        "position_class": "ahli_pertama",
        "unit": w["unit_a"],
        "min_rank": "III/a",
        "max_rank": "III/d",
    },
    "position_new_b": lambda w: {
        "code": "POS-NEW",
        "title": "Analis Kebijakan",
        "position_class": "ahli_pertama",
        "unit": w["unit_b"],
    },
    "position_patch": lambda w: {"title": "Analis Diubah"},
    "service_new_a": lambda w: {"agency": w["agency_a"], "code": "SVC-NEW", "name": "Layanan Baru"},
    "service_new_b": lambda w: {"agency": w["agency_b"], "code": "SVC-NEW", "name": "Layanan Baru"},
    "service_patch": lambda w: {"name": "Layanan Diubah"},
    "employee_new_a": lambda w: employee_payload(w["agency_a"]),
    "employee_new_b": lambda w: employee_payload(w["agency_b"]),
    "employee_patch": lambda w: {"home_regency": "Kota Ternate"},
    "transfer_to_a": lambda w: {"position": w["pos_a_free"], "start_date": "2025-01-06"},
    "transfer_to_b": lambda w: {"position": w["pos_b_free"], "start_date": "2025-01-06"},
    "interests": lambda w: {"interests": [{"position_class": "ahli_pertama"}], "note": "Dekat rumah"},
    "rating": lambda w: {"rating": "above"},
}

# Shorthands for the common columns.
STAFF_READ = {r: 200 for r in ROLES if r not in ("citizen", "anonymous")}
NO_STAFF = {"citizen": 403, "anonymous": 401}
READ_ONLY_ROLES = {
    "complaint_verifier": 403,
    "complaint_officer": 403,
    "training_manager": 403,
    "leader": 403,
}
NOT_WRITERS = {**READ_ONLY_ROLES, "employee": 403, **NO_STAFF}

# --- auth -----------------------------------------------------------------------------
rows("POST", "/api/v1/auth/token/", "token_ok", **dict.fromkeys(ROLES, 200))
rows("POST", "/api/v1/auth/token/", "token_bad", **dict.fromkeys(ROLES, 400))
rows("GET", "/api/v1/auth/me/", **{r: 200 for r in ROLES if r != "anonymous"}, anonymous=401)
rows("DELETE", "/api/v1/auth/token/current/", **{r: 204 for r in ROLES if r != "anonymous"}, anonymous=401)

# --- agencies and units (read-only) ----------------------------------------------------
rows("GET", "/api/v1/agencies/", **STAFF_READ, **NO_STAFF)
rows("GET", "/api/v1/agencies/{agency_a}/", **{**STAFF_READ, "employee": 404}, **NO_STAFF)
rows(
    "GET",
    "/api/v1/agencies/{agency_b}/",
    **{**STAFF_READ, "agency_admin": 404, "complaint_officer": 404, "employee": 404},
    **NO_STAFF,
)
rows(
    "POST",
    "/api/v1/agencies/",
    "service_new_a",
    **{**STAFF_READ, **dict.fromkeys(STAFF_READ, 405)},
    **NO_STAFF,
)
rows("GET", "/api/v1/units/", **STAFF_READ, **NO_STAFF)
rows("GET", "/api/v1/units/{unit_a}/", **{**STAFF_READ, "employee": 404}, **NO_STAFF)
rows(
    "GET",
    "/api/v1/units/{unit_b}/",
    **{**STAFF_READ, "agency_admin": 404, "complaint_officer": 404, "employee": 404},
    **NO_STAFF,
)

# --- positions ---------------------------------------------------------------------------
rows("GET", "/api/v1/positions/", **STAFF_READ, **NO_STAFF)
rows("GET", "/api/v1/positions/{pos_a}/", **{**STAFF_READ, "employee": 404}, **NO_STAFF)
rows(
    "GET",
    "/api/v1/positions/{pos_b}/",
    **{**STAFF_READ, "agency_admin": 404, "complaint_officer": 404, "employee": 404},
    **NO_STAFF,
)
rows("POST", "/api/v1/positions/", "position_new_a", province_admin=201, agency_admin=201, **NOT_WRITERS)
rows("POST", "/api/v1/positions/", "position_new_b", province_admin=201, agency_admin=400, **NOT_WRITERS)
rows(
    "PATCH",
    "/api/v1/positions/{pos_a}/",
    "position_patch",
    province_admin=200,
    agency_admin=200,
    **NOT_WRITERS,
)
rows(
    "PATCH",
    "/api/v1/positions/{pos_b}/",
    "position_patch",
    province_admin=200,
    agency_admin=404,
    **NOT_WRITERS,
)
rows(
    "PUT", "/api/v1/positions/{pos_a}/", "position_new_a", province_admin=405, agency_admin=405, **NOT_WRITERS
)

# --- public services (public catalogue) ------------------------------------------------
rows("GET", "/api/v1/public-services/", **dict.fromkeys(ROLES, 200))
rows("GET", "/api/v1/public-services/{svc_b}/", **dict.fromkeys(ROLES, 200))
rows("GET", "/api/v1/public-services/{svc_inactive}/", **STAFF_READ, citizen=404, anonymous=404)
rows("POST", "/api/v1/public-services/", "service_new_a", province_admin=201, agency_admin=201, **NOT_WRITERS)
rows("POST", "/api/v1/public-services/", "service_new_b", province_admin=201, agency_admin=400, **NOT_WRITERS)
rows(
    "PATCH",
    "/api/v1/public-services/{svc_a}/",
    "service_patch",
    province_admin=200,
    agency_admin=200,
    **NOT_WRITERS,
)
# Another agency's service is public, so it is found; changing it is refused.
rows(
    "PATCH",
    "/api/v1/public-services/{svc_b}/",
    "service_patch",
    province_admin=200,
    agency_admin=403,
    **NOT_WRITERS,
)

# --- employees ---------------------------------------------------------------------------
rows("GET", "/api/v1/employees/", **STAFF_READ, **NO_STAFF)
rows("GET", "/api/v1/employees/{emp_a}/", **{**STAFF_READ, "employee": 404}, **NO_STAFF)
rows("GET", "/api/v1/employees/{emp_self}/", **STAFF_READ, **NO_STAFF)
rows(
    "GET",
    "/api/v1/employees/{emp_b}/",
    **{**STAFF_READ, "agency_admin": 404, "complaint_officer": 404, "employee": 404},
    **NO_STAFF,
)
rows("POST", "/api/v1/employees/", "employee_new_a", province_admin=201, agency_admin=201, **NOT_WRITERS)
rows("POST", "/api/v1/employees/", "employee_new_b", province_admin=201, agency_admin=400, **NOT_WRITERS)
rows(
    "PATCH",
    "/api/v1/employees/{emp_a}/",
    "employee_patch",
    province_admin=200,
    agency_admin=200,
    **NOT_WRITERS,
)
rows(
    "PATCH",
    "/api/v1/employees/{emp_self}/",
    "employee_patch",
    province_admin=200,
    agency_admin=200,
    **NOT_WRITERS,
)
rows(
    "PATCH",
    "/api/v1/employees/{emp_b}/",
    "employee_patch",
    province_admin=200,
    agency_admin=404,
    **NOT_WRITERS,
)
rows(
    "POST",
    "/api/v1/employees/{emp_a}/transfer/",
    "transfer_to_a",
    province_admin=200,
    agency_admin=200,
    **NOT_WRITERS,
)
rows(
    "POST",
    "/api/v1/employees/{emp_a}/transfer/",
    "transfer_to_b",
    province_admin=200,
    agency_admin=400,
    **NOT_WRITERS,
)
rows(
    "POST",
    "/api/v1/employees/{emp_b}/transfer/",
    "transfer_to_b",
    province_admin=200,
    agency_admin=404,
    **NOT_WRITERS,
)
rows(
    "PUT",
    "/api/v1/employees/{emp_self}/interests/",
    "interests",
    province_admin=200,
    agency_admin=200,
    **{**NOT_WRITERS, "employee": 200},
)
rows(
    "PUT",
    "/api/v1/employees/{emp_a}/interests/",
    "interests",
    province_admin=200,
    agency_admin=200,
    **{**NOT_WRITERS, "employee": 404},
)
rows(
    "PUT",
    "/api/v1/employees/{emp_b}/interests/",
    "interests",
    province_admin=200,
    agency_admin=404,
    **{**NOT_WRITERS, "complaint_officer": 404, "employee": 404},
)
rows(
    "PUT",
    "/api/v1/employees/{emp_a}/ratings/2025/",
    "rating",
    province_admin=200,
    agency_admin=200,
    **NOT_WRITERS,
)
rows(
    "PUT",
    "/api/v1/employees/{emp_b}/ratings/2025/",
    "rating",
    province_admin=200,
    agency_admin=404,
    **NOT_WRITERS,
)


@pytest.fixture
def world():
    return build_world()


@pytest.mark.parametrize(
    ("role", "method", "endpoint", "payload", "expected"),
    PERMISSION_ROWS,
    ids=[f"{r[0]}-{r[1]}-{r[2]}-{r[3]}" for r in PERMISSION_ROWS],
)
def test_permission(world, role, method, endpoint, payload, expected):
    client = client_for(world["users"].get(role))
    url = endpoint.format(**world)
    body = PAYLOADS[payload](world) if payload else None
    call = getattr(client, method.lower())
    response = call(url, body, format="json") if body is not None else call(url)
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert set(response.json()) == {"code", "message", "fields"}
