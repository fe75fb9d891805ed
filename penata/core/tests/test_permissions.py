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


# --- competencies (penata/competency/api.py) ------------------------------------------------
# The world has standards for POS-A and POS-B, technical competencies tech_a and tech_b and
# a few assessments, but no performance ratings (the workforce tests count them): a caller
# allowed to see a talent box gets 400 ``no_rating`` here; test_api covers the 200.

PAYLOADS.update(
    {
        "competency_new_a": lambda w: {
            "agency": w["agency_a"],
            "code": "T.DINA.99",
            "name": "Adminduk digital",
        },
        "competency_new_b": lambda w: {
            "agency": w["agency_b"],
            "code": "T.DINB.99",
            "name": "Adminduk digital",
        },
        "competency_patch": lambda w: {"name": "Nama diubah"},
        "standard": lambda w: {
            "competencies": [
                {"competency": "M.01", "required_level": 3, "is_core": True},
                {"competency": "SK.01", "required_level": 2, "is_core": False},
            ]
        },
        "standard_tech_b": lambda w: {"competencies": [{"competency": w["tech_b"], "required_level": 2}]},
        "class_defaults": lambda w: {"overwrite": True},
        "assessment_centre": lambda w: {
            "competency": "M.03",
            "level": 3,
            "assessed_on": "2025-05-02",
            "method": "assessment_centre",
            "assessor_name": "UPT Penilaian Kompetensi",
        },
        "assessment_self": lambda w: {
            "competency": "M.03",
            "level": 4,
            "assessed_on": "2025-05-02",
            "method": "self",
        },
    }
)
WRITER_OK = {"province_admin": 200, "agency_admin": 200}
IN_A_ONLY = {"agency_admin": 404, "complaint_officer": 404, "employee": 404}

# The dictionary is reference data every staff role reads, other agencies' technical ones too.
rows("GET", "/api/v1/competencies/", **STAFF_READ, **NO_STAFF)
rows("GET", "/api/v1/competencies/M.01/", **STAFF_READ, **NO_STAFF)
rows("GET", "/api/v1/competencies/{tech_b}/", **STAFF_READ, **NO_STAFF)
rows("POST", "/api/v1/competencies/", "competency_new_a", province_admin=201, agency_admin=201, **NOT_WRITERS)
rows("POST", "/api/v1/competencies/", "competency_new_b", province_admin=201, agency_admin=400, **NOT_WRITERS)
rows("PATCH", "/api/v1/competencies/{tech_a}/", "competency_patch", **WRITER_OK, **NOT_WRITERS)
rows(
    "PATCH",
    "/api/v1/competencies/{tech_b}/",
    "competency_patch",
    province_admin=200,
    agency_admin=403,
    **NOT_WRITERS,
)
# The regulation's dictionary is fixed (code dictionary_fixed).
rows(
    "PATCH",
    "/api/v1/competencies/M.01/",
    "competency_patch",
    province_admin=403,
    agency_admin=403,
    **NOT_WRITERS,
)
rows(
    "PUT",
    "/api/v1/competencies/{tech_a}/",
    "competency_patch",
    province_admin=405,
    agency_admin=405,
    **NOT_WRITERS,
)

rows("GET", "/api/v1/positions/{pos_a}/standard/", **{**STAFF_READ, "employee": 404}, **NO_STAFF)
rows("GET", "/api/v1/positions/{pos_b}/standard/", **{**STAFF_READ, **IN_A_ONLY}, **NO_STAFF)
rows("PUT", "/api/v1/positions/{pos_a}/standard/", "standard", **WRITER_OK, **NOT_WRITERS)
rows(
    "PUT",
    "/api/v1/positions/{pos_b}/standard/",
    "standard",
    province_admin=200,
    agency_admin=404,
    **NOT_WRITERS,
)
rows(
    "PUT",
    "/api/v1/positions/{pos_a}/standard/",
    "standard_tech_b",
    province_admin=400,
    agency_admin=400,
    **NOT_WRITERS,
)
rows(
    "POST",
    "/api/v1/positions/{pos_a_free}/standard/class-defaults/",
    "class_defaults",
    **WRITER_OK,
    **NOT_WRITERS,
)
rows(
    "POST",
    "/api/v1/positions/{pos_b_free}/standard/class-defaults/",
    "class_defaults",
    province_admin=200,
    agency_admin=404,
    **NOT_WRITERS,
)

# Competency data: the personnel-development roles and the employee themself; complaint
# roles see employee records to route reports, and an employee's competencies read as
# unknown to them.
COMPLAINT_ROLES_404 = {"complaint_verifier": 404, "complaint_officer": 404}
COMPETENCY_READ = {**STAFF_READ, **COMPLAINT_ROLES_404}
rows("GET", "/api/v1/employees/{emp_a}/assessments/", **{**COMPETENCY_READ, "employee": 404}, **NO_STAFF)
rows("GET", "/api/v1/employees/{emp_self}/assessments/", **COMPETENCY_READ, **NO_STAFF)
rows("GET", "/api/v1/employees/{emp_b}/assessments/", **{**COMPETENCY_READ, **IN_A_ONLY}, **NO_STAFF)
# BKD and BPSDM record for anyone, an agency administrator for their agency.
ASSESSORS = {"province_admin": 201, "agency_admin": 201, "training_manager": 201}
rows(
    "POST",
    "/api/v1/employees/{emp_a}/assessments/",
    "assessment_centre",
    **{**NOT_WRITERS, **ASSESSORS, **COMPLAINT_ROLES_404, "employee": 404},
)
rows(
    "POST",
    "/api/v1/employees/{emp_self}/assessments/",
    "assessment_centre",
    **{**NOT_WRITERS, **ASSESSORS, **COMPLAINT_ROLES_404},
)
rows(
    "POST",
    "/api/v1/employees/{emp_b}/assessments/",
    "assessment_centre",
    **{**NOT_WRITERS, **ASSESSORS, **IN_A_ONLY, **COMPLAINT_ROLES_404},
)
# A self-assessment: only the employee themself.
rows(
    "POST",
    "/api/v1/employees/{emp_self}/assessments/",
    "assessment_self",
    **{**NOT_WRITERS, **dict.fromkeys(ASSESSORS, 403), **COMPLAINT_ROLES_404, "employee": 201},
)

# Marking an assessment invalid: whoever may record one of its method for the employee.
PAYLOADS["invalidate"] = lambda w: {"reason": "Salah ketik level."}
INVALIDATORS = dict.fromkeys(ASSESSORS, 200)
rows(
    "POST",
    "/api/v1/employees/{emp_a}/assessments/{assess_a}/invalidate/",
    "invalidate",
    **{**NOT_WRITERS, **INVALIDATORS, **COMPLAINT_ROLES_404, "employee": 404},
)
# Another employee's assessment under this NIP reads as unknown.
rows(
    "POST",
    "/api/v1/employees/{emp_self}/assessments/{assess_a}/invalidate/",
    "invalidate",
    **{**NOT_WRITERS, **dict.fromkeys(ASSESSORS, 404), **COMPLAINT_ROLES_404, "leader": 404, "employee": 404},
)
rows(
    "POST",
    "/api/v1/employees/{emp_b}/assessments/{assess_a}/invalidate/",
    "invalidate",
    **{**NOT_WRITERS, **dict.fromkeys(ASSESSORS, 404), **IN_A_ONLY, **COMPLAINT_ROLES_404, "leader": 404},
)
# A self-assessment: only the employee themself.
rows(
    "POST",
    "/api/v1/employees/{emp_self}/assessments/{assess_self}/invalidate/",
    "invalidate",
    **{**NOT_WRITERS, **dict.fromkeys(ASSESSORS, 403), **COMPLAINT_ROLES_404, "employee": 200},
)

rows("GET", "/api/v1/employees/{emp_a}/job-match/", **{**COMPETENCY_READ, "employee": 404}, **NO_STAFF)
rows("GET", "/api/v1/employees/{emp_b}/job-match/", **{**COMPETENCY_READ, **IN_A_ONLY}, **NO_STAFF)
# A position outside the caller's scope reads as unknown.
rows(
    "GET",
    "/api/v1/employees/{emp_a}/job-match/?position={pos_b}",
    **{**COMPETENCY_READ, "agency_admin": 400, "employee": 404},
    **NO_STAFF,
)
rows(
    "GET",
    "/api/v1/employees/{emp_self}/job-match/?position={pos_a}",
    **{**COMPETENCY_READ, "employee": 400},
    **NO_STAFF,
)

NOT_TALENT = {"complaint_verifier": 403, "complaint_officer": 403, "training_manager": 403}
NOT_TALENT_BOX = {**NOT_TALENT, **COMPLAINT_ROLES_404}
rows(
    "GET",
    "/api/v1/employees/{emp_a}/talent-box/",
    province_admin=400,
    agency_admin=400,
    leader=400,
    employee=404,
    **NOT_TALENT_BOX,
    **NO_STAFF,
)
rows(
    "GET",
    "/api/v1/employees/{emp_self}/talent-box/?year=2025",
    province_admin=400,
    agency_admin=400,
    leader=400,
    employee=400,
    **NOT_TALENT_BOX,
    **NO_STAFF,
)
rows(
    "GET",
    "/api/v1/employees/{emp_b}/talent-box/",
    **{**NOT_TALENT_BOX, **IN_A_ONLY},
    province_admin=400,
    leader=400,
    **NO_STAFF,
)
NOT_GRID = {**NOT_TALENT, "employee": 403}
rows(
    "GET",
    "/api/v1/talent-grid/?year=2025",
    province_admin=200,
    agency_admin=200,
    leader=200,
    **NOT_GRID,
    **NO_STAFF,
)
rows(
    "GET",
    "/api/v1/talent-grid/?agency={agency_b}&year=2025",
    province_admin=200,
    agency_admin=400,
    leader=200,
    **NOT_GRID,
    **NO_STAFF,
)


# --- complaints staff API (penata/complaints/api.py) -----------------------------------------
# The world has cmp_new (submitted, no agency yet), cmp_a (dispatched to agency A) and cmp_b
# (dispatched to agency B). The API is for the complaint roles and the administrators; the
# services decide who may take each step (403), the report's status whether it may be
# taken (409), the scope whether the report exists for the caller (404).
PAYLOADS.update(
    {
        "cmp_dispatch": lambda w: {"agency": w["agency_a"]},
        "cmp_question": lambda w: {"question": "Di kelurahan mana tepatnya?"},
        "cmp_reason": lambda w: {"reason": "Laporan ganda."},
        "cmp_assign": lambda w: {"officer": "complaint_officer"},
        "cmp_answer": lambda w: {"answer": "Sudah kami perbaiki."},
        "cmp_refer_b": lambda w: {"agency": w["agency_b"], "reason": "Kewenangan Dinas B."},
        "cmp_refer_a": lambda w: {"agency": w["agency_a"], "reason": "Kewenangan Dinas A."},
        "cmp_anonymous": lambda w: {"privacy": "anonymous"},
        "cmp_confidential": lambda w: {"privacy": "confidential"},
        "route": lambda w: {"description": "Jalan di Sofifi berlubang besar."},
        "route_empty": lambda w: {"description": "  "},
    }
)
NOT_COMPLAINT_STAFF = {"training_manager": 403, "leader": 403, "employee": 403, **NO_STAFF}
COMPLAINT_STAFF = dict.fromkeys(
    ("province_admin", "agency_admin", "complaint_verifier", "complaint_officer"), 200
)
VERIFIERS = {"province_admin": 200, "complaint_verifier": 200}
AGENCY_404 = {"agency_admin": 404, "complaint_officer": 404}
AGENCY_403 = {"agency_admin": 403, "complaint_officer": 403}

rows("GET", "/api/v1/complaints/", **COMPLAINT_STAFF, **NOT_COMPLAINT_STAFF)
rows("GET", "/api/v1/complaints/?overdue=true&assigned_to_me=false", **COMPLAINT_STAFF, **NOT_COMPLAINT_STAFF)
rows("GET", "/api/v1/complaints/{cmp_a}/", **COMPLAINT_STAFF, **NOT_COMPLAINT_STAFF)
rows("GET", "/api/v1/complaints/{cmp_b}/", **VERIFIERS, **AGENCY_404, **NOT_COMPLAINT_STAFF)
rows("GET", "/api/v1/complaints/{cmp_new}/", **VERIFIERS, **AGENCY_404, **NOT_COMPLAINT_STAFF)
rows("GET", "/api/v1/complaints/LPR-2222-2222/", **dict.fromkeys(COMPLAINT_STAFF, 404), **NOT_COMPLAINT_STAFF)
# Verification steps: the verifier (and the province administrator) only.
for action, payload in (
    ("dispatch", "cmp_dispatch"),
    ("request-info", "cmp_question"),
    ("decline", "cmp_reason"),
    ("archive", "cmp_reason"),
    ("privacy", "cmp_anonymous"),
):
    rows(
        "POST",
        f"/api/v1/complaints/{{cmp_new}}/{action}/",
        payload,
        **VERIFIERS,
        **AGENCY_404,
        **NOT_COMPLAINT_STAFF,
    )
# Dispatching a dispatched report: the verifier gets 409, the agency 403 before that.
rows(
    "POST",
    "/api/v1/complaints/{cmp_a}/dispatch/",
    "cmp_dispatch",
    province_admin=409,
    complaint_verifier=409,
    **AGENCY_403,
    **NOT_COMPLAINT_STAFF,
)
# cmp_a is confidential already: not tighter (400) for the verifier, never for the agency.
rows(
    "POST",
    "/api/v1/complaints/{cmp_a}/privacy/",
    "cmp_confidential",
    province_admin=400,
    complaint_verifier=400,
    **AGENCY_403,
    **NOT_COMPLAINT_STAFF,
)
# Follow-up steps: the responsible agency (assign and refer also the verifier).
rows("POST", "/api/v1/complaints/{cmp_a}/assign/", "cmp_assign", **COMPLAINT_STAFF, **NOT_COMPLAINT_STAFF)
# The officer works for agency A, not for B, the report's agency.
rows(
    "POST",
    "/api/v1/complaints/{cmp_b}/assign/",
    "cmp_assign",
    province_admin=403,
    complaint_verifier=403,
    **AGENCY_404,
    **NOT_COMPLAINT_STAFF,
)
rows(
    "POST",
    "/api/v1/complaints/{cmp_a}/answer/",
    "cmp_answer",
    province_admin=403,
    complaint_verifier=403,
    agency_admin=200,
    complaint_officer=200,
    **NOT_COMPLAINT_STAFF,
)
rows(
    "POST",
    "/api/v1/complaints/{cmp_b}/answer/",
    "cmp_answer",
    province_admin=403,
    complaint_verifier=403,
    **AGENCY_404,
    **NOT_COMPLAINT_STAFF,
)
rows("POST", "/api/v1/complaints/{cmp_a}/refer/", "cmp_refer_b", **COMPLAINT_STAFF, **NOT_COMPLAINT_STAFF)
rows(
    "POST",
    "/api/v1/complaints/{cmp_b}/refer/",
    "cmp_refer_a",
    **VERIFIERS,
    **AGENCY_404,
    **NOT_COMPLAINT_STAFF,
)
# A report not yet dispatched: the verifier may never answer (403), no agency sees it yet (404).
rows(
    "POST",
    "/api/v1/complaints/{cmp_new}/answer/",
    "cmp_answer",
    province_admin=403,
    complaint_verifier=403,
    **AGENCY_404,
    **NOT_COMPLAINT_STAFF,
)
# Route suggestions: the complaint roles and the province administrator. No model is
# trained in this world, so the answer is an empty list.
ROUTERS = {"province_admin": 200, "complaint_verifier": 200, "complaint_officer": 200}
NOT_ROUTERS = {"agency_admin": 403, "training_manager": 403, "leader": 403, "employee": 403, **NO_STAFF}
rows("POST", "/api/v1/complaints/route-suggestions/", "route", **ROUTERS, **NOT_ROUTERS)
rows(
    "POST",
    "/api/v1/complaints/route-suggestions/",
    "route_empty",
    **dict.fromkeys(ROUTERS, 400),
    **NOT_ROUTERS,
)
rows("GET", "/api/v1/complaints/route-suggestions/", **dict.fromkeys(ROUTERS, 405), **NOT_ROUTERS)


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
