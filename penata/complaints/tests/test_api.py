# ruff: noqa: F811 - fixtures imported from routing_helpers
"""The staff API of the complaints app: list and detail scoped per role, the reporter's
identity, each transition with its 400/403/404/409, and route suggestions."""

from datetime import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from penata.accounts.models import Role
from penata.complaints.models import Complaint
from penata.complaints.services import complaint_assign, complaint_dispatch
from penata.core.models import AuditEvent
from penata.core.workdays import WIT
from penata.organization.tests.factories import AgencyFactory

from .routing_helpers import (
    fresh_model_cache,  # noqa: F401 - autouse fixture
    media,  # noqa: F401 - fixture
    routing_categories,  # noqa: F401 - fixture
    trained,  # noqa: F401 - fixture
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/complaints/"
ROUTE = "/api/v1/complaints/route-suggestions/"
LABEL = Complaint._meta.label_lower
TOO_LONG = "Ensure this field has no more than 5000 characters."


def client_for(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def detail(code: str, action: str = "") -> str:
    return f"{LIST}{code}/" + (f"{action}/" if action else "")


def events(complaint) -> list[str]:
    return list(
        AuditEvent.objects.filter(subject_type=LABEL, subject_id=str(complaint.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def people(make_user, agency_a, agency_b, verifier, officer_a, officer_b, province_admin, agency_admin_a):
    return {
        "verifier": verifier,
        "officer_a": officer_a,
        "officer_b": officer_b,
        "province_admin": province_admin,
        "agency_admin_a": agency_admin_a,
        "leader": make_user(Role.LEADER, agency_a, username="leader"),
        "employee": make_user(Role.EMPLOYEE, agency_a, username="asn"),
        "citizen": make_user(Role.CITIZEN, None, username="warga", full_name="Warga Pelapor"),
    }


@pytest.fixture
def reports(submit, people, agency_a, agency_b, clock):
    """new (submitted), a (dispatched to A), child (to A's hospital), b (dispatched to B,
    assigned to officer_b), all filed on Fri 6 March 2026 and overdue by now; fresh: filed
    today, dispatched to A, not overdue."""
    child = AgencyFactory(code="RSUD-A", name="RSUD A", parent=agency_a)
    new, _secret = submit(description="Laporan baru tentang jalan.")
    a, _secret = submit(description="Jalan di Sofifi berlubang.", actor=people["citizen"])
    complaint_dispatch(complaint=a, agency=agency_a, actor=people["verifier"])
    in_child, _secret = submit(description="Antrean RSUD lama.", privacy="anonymous", reporter_name="")
    complaint_dispatch(complaint=in_child, agency=child, actor=people["verifier"])
    b, _secret = submit(
        description="Rahasia: pungutan di kantor B.",
        privacy="confidential",
        reporter_name="Nama Rahasia",
        reporter_email="rahasia@example.test",
        reporter_phone="081299990000",
    )
    complaint_dispatch(complaint=b, agency=agency_b, actor=people["verifier"])
    complaint_assign(complaint=b, officer=people["officer_b"], actor=people["officer_b"])
    clock.current = datetime.now(tz=WIT)
    fresh, _secret = submit(description="Lampu jalan mati.")
    complaint_dispatch(complaint=fresh, agency=agency_a, actor=people["verifier"])
    return {
        key: Complaint.objects.get(pk=c.pk)
        for key, c in (("new", new), ("a", a), ("child", in_child), ("b", b), ("fresh", fresh))
    }


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["tracking_code"] for row in response.json()["results"]]


# --- list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("verifier", ["fresh", "b", "child", "a", "new"]),
        ("province_admin", ["fresh", "b", "child", "a", "new"]),
        ("officer_a", ["fresh", "child", "a"]),
        ("agency_admin_a", ["fresh", "child", "a"]),
        ("officer_b", ["b"]),
    ],
)
def test_the_list_is_scoped_per_role(people, reports, role, expected):
    response = client_for(people[role]).get(LIST)
    assert codes(response) == [reports[key].tracking_code for key in expected]
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize(
    ("role", "status"), [("leader", 403), ("employee", 403), ("citizen", 403), (None, 401)]
)
def test_other_callers_may_not_use_the_api(people, reports, role, status):
    # The citizen filed report "a" themself: they follow it on the status page, not here.
    client = client_for(people.get(role))
    for url in (LIST, detail(reports["a"].tracking_code)):
        response = client.get(url)
        assert response.status_code == status
        assert set(response.json()) == {"code", "message", "fields"}


def test_filters(people, reports, category):
    client = client_for(people["verifier"])
    tracking = {key: c.tracking_code for key, c in reports.items()}
    assert codes(client.get(LIST, {"status": "submitted"})) == [tracking["new"]]
    assert codes(client.get(LIST, {"agency": "DINA"})) == [tracking["fresh"], tracking["a"]]
    assert codes(client.get(LIST, {"agency": "RSUD-A"})) == [tracking["child"]]
    assert codes(client.get(LIST, {"category": category.code})) == [
        tracking[k] for k in ("fresh", "b", "child", "a", "new")
    ]
    assert codes(client.get(LIST, {"category": "TIDAKADA"})) == []
    assert codes(client.get(LIST, {"overdue": "true"})) == [tracking[k] for k in ("b", "child", "a", "new")]
    assert codes(client.get(LIST, {"overdue": "false"})) == [tracking["fresh"]]
    assert codes(client.get(LIST, {"privacy": "anonymous"})) == [tracking["child"]]
    officer = client_for(people["officer_b"])
    assert codes(officer.get(LIST, {"assigned_to_me": "true"})) == [tracking["b"]]
    assert codes(officer.get(LIST, {"assigned_to_me": "false"})) == []
    # Equal deadlines in the order the reports were filed.
    assert codes(client.get(LIST, {"ordering": "step_due_at", "status": "dispatched"})) == [
        tracking[k] for k in ("a", "child", "b", "fresh")
    ]
    bad = client.get(LIST, {"status": "selesai"})
    assert bad.status_code == 400
    assert bad.json()["fields"] == {
        "status": ["Select a valid choice. selesai is not one of the available choices."]
    }


def test_a_list_row(people, reports, category):
    b = reports["b"]
    row = next(
        r
        for r in client_for(people["verifier"]).get(LIST).json()["results"]
        if r["tracking_code"] == b.tracking_code
    )
    assert row == {
        "tracking_code": b.tracking_code,
        "kind": "complaint",
        "category": {"code": category.code, "name": category.name},
        "status": "dispatched",
        "privacy": "confidential",
        "summary": "Rahasia: pungutan di kantor B.",
        "agency": {"code": "DINB", "name": "Dinas B"},
        "assigned_to": {
            "id": people["officer_b"].pk,
            "username": "officer_b",
            "full_name": people["officer_b"].full_name,
        },
        "submitted_at": "2026-03-06T10:00:00+09:00",
        "step": "follow_up",
        "step_due_at": b.step_due_at.astimezone(WIT).isoformat(),
        "is_overdue": True,
        "kecamatan": "",
        "kelurahan": "",
    }
    # No identity of any reporter in the list.
    assert "Nama Rahasia" not in str(client_for(people["verifier"]).get(LIST).content, "utf-8")


@pytest.mark.parametrize(("role", "queries"), [("verifier", 3), ("officer_a", 4)])
def test_list_query_count(people, reports, role, queries, django_assert_num_queries, submit):
    client = client_for(people[role])
    for _ in range(5):
        submit()  # more rows, same number of queries
    # Token and user; (an officer's agency tree); count; the page with its relations.
    with django_assert_num_queries(queries):
        response = client.get(LIST)
    assert response.status_code == 200


def test_the_page_size_is_capped(people, reports):
    response = client_for(people["verifier"]).get(LIST, {"page_size": 1000})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 5


# --- detail -------------------------------------------------------------------------------


def test_detail_of_a_public_report_with_its_reporter_and_history(people, reports, agency_a):
    a = reports["a"]
    response = client_for(people["officer_a"]).get(detail(a.tracking_code))
    assert response.status_code == 200
    body = response.json()
    assert body["reporter"] == {"name": "Siti Rahma", "email": "siti@example.test", "phone": ""}
    assert body["reporter_withheld"] is False
    assert (body["description"], body["status"], body["agency"]) == (
        "Jalan di Sofifi berlubang.",
        "dispatched",
        {"code": "DINA", "name": "Dinas A"},
    )
    # The citizen's own submission names no one; the verifier's dispatch names the verifier.
    assert [(h["action"], h["actor"], h["to_state"]) for h in body["history"]] == [
        (
            "complaint.submitted",
            None,
            {"status": "submitted", "tracking_code": a.tracking_code, "channel": "web"},
        ),
        ("complaint.dispatch", people["verifier"].full_name, {"status": "dispatched", "agency": "DINA"}),
    ]


def test_detail_never_gives_a_confidential_reporters_identity_not_even_to_the_verifier(people, reports):
    b = reports["b"]
    response = client_for(people["verifier"]).get(detail(b.tracking_code))
    body = response.json()
    assert (body["reporter"], body["reporter_withheld"], body["privacy"]) == (None, True, "confidential")
    text = response.content.decode()
    for secret in ("Nama Rahasia", "rahasia@example.test", "081299990000"):
        assert secret not in text
    # Viewing through the API is not revealing: nothing is logged as an identity view.
    assert AuditEvent.objects.filter(action="complaint.identity_viewed").count() == 0


def test_detail_of_an_anonymous_report_has_no_reporter(people, reports):
    body = client_for(people["officer_a"]).get(detail(reports["child"].tracking_code)).json()
    assert (body["reporter"], body["reporter_withheld"]) == (None, False)


def test_detail_outside_the_scope_or_unknown_is_404(people, reports):
    client = client_for(people["officer_a"])
    for code in (reports["b"].tracking_code, reports["new"].tracking_code, "LPR-2222-2222", "bukan-kode"):
        response = client.get(detail(code))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_detail_accepts_a_code_typed_loosely(people, reports):
    code = reports["a"].tracking_code
    loose = code.lower().replace("-", "").removeprefix("lpr")
    response = client_for(people["officer_a"]).get(detail(loose))
    assert (response.status_code, response.json()["tracking_code"]) == (200, code)


def test_detail_query_count(people, reports, django_assert_num_queries):
    client = client_for(people["officer_a"])
    # Token and user; the agency tree; the report with its relations; its history.
    with django_assert_num_queries(4):
        assert client.get(detail(reports["a"].tracking_code)).status_code == 200


# --- transitions ------------------------------------------------------------------------


def post(user, code: str, action: str, body: dict):
    return client_for(user).post(detail(code, action), body, format="json")


def test_dispatch(people, reports):
    new = reports["new"]
    response = post(people["verifier"], new.tracking_code, "dispatch", {"agency": "DINB"})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["agency"]["code"]) == ("dispatched", "DINB")
    new.refresh_from_db()
    assert (new.status, new.agency.code) == ("dispatched", "DINB")
    event = AuditEvent.objects.filter(subject_type=LABEL, subject_id=str(new.pk)).latest("id")
    assert (event.action, event.actor, event.to_state) == (
        "complaint.dispatch",
        people["verifier"],
        {"status": "dispatched", "agency": "DINB"},
    )


def test_a_step_the_status_does_not_allow_is_409_and_changes_nothing(people, reports):
    a = reports["a"]
    before = events(a)
    response = post(people["verifier"], a.tracking_code, "dispatch", {"agency": "DINB"})
    assert response.status_code == 409
    assert response.json() == {
        "code": "invalid_transition",
        "message": "A report that is “Dispatched to an agency” cannot be given the action “dispatch”.",
        "fields": {},
    }
    a.refresh_from_db()
    assert (a.status, a.agency.code, events(a)) == ("dispatched", "DINA", before)


def test_a_role_that_may_not_take_the_step_is_403_and_changes_nothing(people, reports):
    a = reports["a"]
    before = events(a)
    response = post(people["officer_a"], a.tracking_code, "decline", {"reason": "Bukan urusan kami."})
    assert response.status_code == 403
    assert response.json() == {
        "code": "permission_denied",
        "message": "Only a complaint verifier can do this.",
        "fields": {},
    }
    a.refresh_from_db()
    assert (a.status, events(a)) == ("dispatched", before)


@pytest.mark.parametrize(
    ("action", "body", "fields"),
    [
        ("dispatch", {"agency": "TIDAKADA"}, {"agency": ["Unknown agency “TIDAKADA”."]}),
        ("dispatch", {}, {"agency": ["This field is required."]}),
        ("request-info", {"question": "   "}, {"question": ["Ask the reporter a question."]}),
        ("decline", {}, {"reason": ["Give a reason."]}),
        ("archive", {"reason": ""}, {"reason": ["Give a reason."]}),
        (
            "archive",
            {"reason": "x" * 5001},
            {"reason": ["Ensure this field has no more than 5000 characters."]},
        ),
        ("privacy", {"privacy": "terbuka"}, {"privacy": ["Choose public, anonymous or confidential."]}),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(people, reports, action, body, fields):
    new = reports["new"]
    before = events(new)
    response = post(people["verifier"], new.tracking_code, action, body)
    assert response.status_code == 400
    assert response.json() == {"code": "invalid", "message": "Invalid input.", "fields": fields}
    new.refresh_from_db()
    assert (new.status, new.privacy, events(new)) == ("submitted", "public", before)


def test_request_info_decline_and_archive(people, reports, submit):
    verifier = people["verifier"]
    response = post(verifier, reports["new"].tracking_code, "request-info", {"question": "Di mana tepatnya?"})
    assert response.json()["status"] == "needs_info"
    assert response.json()["history"][-1]["note"] == "Di mana tepatnya?"
    other, _secret = submit()
    assert post(verifier, other.tracking_code, "decline", {"reason": "Urusan pusat."}).json()["status"] == (
        "not_authority"
    )
    third, _secret = submit()
    assert post(verifier, third.tracking_code, "archive", {"reason": "Ganda."}).json()["status"] == "archived"


def test_assign_by_username_or_id(people, reports, make_user, agency_a):
    a = reports["a"]
    second = make_user(Role.COMPLAINT_OFFICER, agency_a, username="officer_a2")
    response = post(people["agency_admin_a"], a.tracking_code, "assign", {"officer": "officer_a"})
    assert response.json()["assigned_to"]["username"] == "officer_a"
    response = post(people["agency_admin_a"], a.tracking_code, "assign", {"officer": second.pk})
    assert response.json()["assigned_to"]["username"] == "officer_a2"
    response = post(people["agency_admin_a"], a.tracking_code, "assign", {"officer": str(second.pk)})
    assert response.status_code == 200


def test_assign_refusals(people, reports):
    a = reports["a"]
    before = events(a)
    unknown = post(people["agency_admin_a"], a.tracking_code, "assign", {"officer": "siapa"})
    assert (unknown.status_code, unknown.json()["fields"]) == (400, {"officer": ["Unknown officer “siapa”."]})
    # A citizen's account is no officer either, whatever its username.
    citizen = post(people["agency_admin_a"], a.tracking_code, "assign", {"officer": "warga"})
    assert citizen.status_code == 400
    elsewhere = post(people["agency_admin_a"], a.tracking_code, "assign", {"officer": "officer_b"})
    assert (elsewhere.status_code, elsewhere.json()["message"]) == (
        403,
        "The officer does not work for the responsible agency.",
    )
    a.refresh_from_db()
    assert (a.assigned_to, events(a)) == (None, before)


def test_answer(people, reports):
    a = reports["a"]
    response = post(people["officer_a"], a.tracking_code, "answer", {"answer": "Jalan sudah ditambal."})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["answer"], response.json()["step"]) == (
        "answered",
        "Jalan sudah ditambal.",
        "response",
    )


def test_refer_moves_the_report_out_of_the_officers_scope(people, reports):
    a = reports["a"]
    response = post(
        people["officer_a"], a.tracking_code, "refer", {"agency": "DINB", "reason": "Ruas milik B."}
    )
    assert response.status_code == 200
    assert response.json()["agency"] == {"code": "DINB", "name": "Dinas B"}
    assert response.json()["history"][-1]["to_state"] == {
        "status": "dispatched",
        "agency": "DINB",
        "previous_agency": "DINA",
    }
    assert client_for(people["officer_a"]).get(detail(a.tracking_code)).status_code == 404
    assert client_for(people["officer_b"]).get(detail(a.tracking_code)).status_code == 200
    same = post(people["officer_b"], a.tracking_code, "refer", {"agency": "DINB", "reason": "x"})
    assert (same.status_code, same.json()["fields"]) == (400, {"agency": ["Choose another agency."]})


def test_privacy_is_only_tightened(people, reports):
    new = reports["new"]
    response = post(people["verifier"], new.tracking_code, "privacy", {"privacy": "confidential"})
    assert (response.status_code, response.json()["privacy"], response.json()["reporter"]) == (
        200,
        "confidential",
        None,
    )
    back = post(people["verifier"], new.tracking_code, "privacy", {"privacy": "public"})
    assert (back.status_code, back.json()["fields"]) == (
        400,
        {"privacy": ["Privacy can only be tightened, never loosened."]},
    )
    new.refresh_from_db()
    assert new.privacy == "confidential"


def test_an_unknown_action_is_404(people, reports):
    response = post(people["verifier"], reports["new"].tracking_code, "accept", {})
    assert response.status_code == 404


# --- route suggestions ----------------------------------------------------------------


def test_route_suggestions_without_a_model(people, routing_categories):
    response = client_for(people["verifier"]).post(ROUTE, {"description": "Jalan rusak"}, format="json")
    assert (response.status_code, response.json()) == (200, {"suggestions": []})


def test_route_suggestions(people, trained):
    response = client_for(people["officer_a"]).post(
        ROUTE, {"description": "jalan berlubang besar, aspal mengelupas di desa kami"}, format="json"
    )
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert [set(s) for s in suggestions] == [{"category", "agency", "confidence"}] * 3
    assert (suggestions[0]["category"], suggestions[0]["agency"]) == ("JALAN", "PUPR")
    assert sorted(s["category"] for s in suggestions) == ["ADMINDUK", "JALAN", "KESEHATAN"]
    assert suggestions[0]["confidence"] >= suggestions[1]["confidence"] >= suggestions[2]["confidence"]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"description": ["Give the report's description."]}),
        ({"description": ""}, {"description": ["Give the report's description."]}),
        ({"description": "  \n "}, {"description": ["Give the report's description."]}),
        ({"description": None}, {"description": ["Give the report's description."]}),
        (
            {"description": "x" * 5001},
            {"description": ["Ensure this field has no more than 5000 characters."]},
        ),
    ],
)
def test_route_suggestions_bad_input(people, routing_categories, body, fields):
    response = client_for(people["verifier"]).post(ROUTE, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"code": "invalid", "message": "Invalid input.", "fields": fields}


@pytest.mark.parametrize(
    ("role", "status"), [("agency_admin_a", 403), ("leader", 403), ("citizen", 403), (None, 401)]
)
def test_route_suggestions_are_for_complaint_roles_and_the_province_admin(people, role, status):
    response = client_for(people.get(role)).post(ROUTE, {"description": "Jalan rusak"}, format="json")
    assert response.status_code == status
