from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from penata.accounts.models import Role, User
from penata.complaints.models import Complaint, ComplaintCategory
from penata.complaints.services import complaint_secret_matches, province_bounds
from penata.complaints.tracking import tracking_code_is_valid
from penata.core.models import AuditEvent
from penata.demo.complaints import (
    DEMO_REPORT_SECRET,
    PATHS,
    REFERENCE_MOMENT,
    complaint_plan,
    report_count,
)
from penata.demo.loader import DEFAULT_SEED, DEMO_VERSION

SMALL = 200
LABEL = Complaint._meta.label_lower
# The service's event action for each step of a plan's path.
EVENT_ACTIONS = {
    "dispatch_elsewhere": "dispatch",
    "close_window": "close_response_window",
    "decline": "decline_not_authority",
}


def load(employees: int = SMALL) -> str:
    out = StringIO()
    call_command("load_demo", employees=employees, stdout=out, stderr=StringIO())
    return out.getvalue()


def complaint_state() -> dict:
    return {
        "complaints": Complaint.objects.count(),
        "categories": ComplaintCategory.objects.count(),
        "events": AuditEvent.objects.filter(subject_type=LABEL).count(),
        "users": User.objects.count(),
    }


@pytest.fixture
def small_demo(db):
    output = load()
    return output, complaint_plan(employees=SMALL, seed=DEFAULT_SEED)


def test_report_count_scales_with_the_province_and_is_capped():
    assert [report_count(n) for n in (50, 200, 3000, 5000, 20_000, 50_000)] == [20, 20, 300, 500, 2000, 2000]


def test_categories_are_loaded_with_their_agencies(small_demo):
    categories = list(ComplaintCategory.objects.select_related("default_agency"))
    assert len(categories) == 20
    assert [c.code for c in categories if c.default_agency is None] == []
    assert {c.code: c.default_agency.code for c in categories}["ADMINDUK"] == "DISDUKCAPIL"


def test_reports_follow_the_plan(small_demo):
    output, plans = small_demo
    assert "pengaduan 20" in output or "public reports 20" in output
    complaints = {c.tracking_code: c for c in Complaint.objects.select_related("category", "agency")}
    assert len(plans) == len(complaints) == 20
    assert sorted(complaints) == sorted(p.tracking_code for p in plans)
    assert all(tracking_code_is_valid(code) for code in complaints)
    assert Counter(c.status for c in complaints.values()) == {
        "submitted": 3,
        "needs_info": 1,
        "dispatched": 6,
        "answered": 2,
        "finished": 5,
        "not_authority": 1,
        "archived": 2,
    }
    assert Counter(p.path for p in plans) == {path: 2 if path in {
        "submitted", "dispatched", "assigned", "answered", "accepted", "window_closed"
    } else 1 for path in PATHS}  # fmt: skip
    assert {c.category.code for c in complaints.values()} == set(
        ComplaintCategory.objects.values_list("code", flat=True)
    )
    assert Counter(c.privacy for c in complaints.values()) == {
        "public": 13,
        "anonymous": 4,
        "confidential": 3,
    }
    assert Complaint.objects.filter(reopen_count=1).count() == 2
    bounds = province_bounds()
    pinned = [c for c in complaints.values() if c.latitude is not None]
    assert pinned
    assert all(bounds["lat_min"] <= c.latitude <= bounds["lat_max"] for c in pinned)
    assert all(bounds["lon_min"] <= c.longitude <= bounds["lon_max"] for c in pinned)
    for plan in plans:
        complaint = complaints[plan.tracking_code]
        assert (complaint.description, complaint.kind, complaint.category.code) == (
            plan.description,
            plan.kind,
            plan.category,
        )
        assert complaint.submitted_at == plan.times[0]
        if complaint.status in ("dispatched", "answered", "finished") and plan.path != "referred":
            assert complaint.agency.code == plan.agency
        if complaint.privacy == "anonymous":
            assert (complaint.reporter_name, complaint.reporter_email, complaint.reporter_phone) == (
                "",
                "",
                "",
            )


def test_every_step_has_its_event_at_its_time(small_demo):
    _output, plans = small_demo
    ids = dict(Complaint.objects.values_list("tracking_code", "pk"))
    events: dict[str, list] = {}
    for event in AuditEvent.objects.filter(subject_type=LABEL).order_by("created_at", "id"):
        events.setdefault(event.subject_id, []).append(event)
    steps = 0
    for plan in plans:
        rows = events[str(ids[plan.tracking_code])]
        expected = ["complaint.submitted"] + [
            f"complaint.{EVENT_ACTIONS.get(a, a)}" for a in PATHS[plan.path]
        ]
        assert [e.action for e in rows] == expected, plan.path
        assert [e.created_at for e in rows] == list(plan.times)
        assert all(e.created_at <= REFERENCE_MOMENT for e in rows)
        steps += len(rows)
    assert (
        AuditEvent.objects.filter(
            subject_type="complaints.complaint", action__startswith="complaint."
        ).count()
        == steps
    )
    # Staff steps carry the acting account; the verifier is the demo verifier.
    verifier = User.objects.get(username="verifier")
    dispatches = AuditEvent.objects.filter(action="complaint.dispatch")
    assert set(dispatches.values_list("actor_id", flat=True)) == {verifier.pk}
    answers = AuditEvent.objects.filter(action="complaint.answer").select_related("actor")
    assert all(e.actor.role == Role.COMPLAINT_OFFICER for e in answers)


def test_deadlines_are_stored_and_some_are_overdue(small_demo):
    open_with_step = Complaint.objects.filter(status__in=["submitted", "dispatched", "answered"])
    assert open_with_step.count() == 11
    assert open_with_step.filter(step_due_at=None).count() == 0
    assert (
        Complaint.objects.filter(status__in=["needs_info", "finished", "archived", "not_authority"])
        .exclude(step="")
        .count()
        == 0
    )
    assert Complaint.objects.filter(step_due_at__lt=REFERENCE_MOMENT).count() == 3
    assert Complaint.objects.filter(status="answered").exclude(answer="").count() == 2
    assert Complaint.objects.filter(status="finished", closed_at=None).count() == 0


def test_confidential_and_anonymous_reports_open_with_the_demo_secret(small_demo):
    confidential = Complaint.objects.filter(privacy="confidential", reporter=None).first()
    assert confidential is not None
    assert complaint_secret_matches(complaint=confidential, secret=DEMO_REPORT_SECRET)
    assert not complaint_secret_matches(complaint=confidential, secret="WRONG")


def test_the_citizen_has_reports_of_their_own(small_demo):
    citizen = User.objects.get(username="citizen")
    mine = Complaint.objects.filter(reporter=citizen).order_by("status")
    assert [(c.status, c.privacy) for c in mine] == [
        ("answered", "public"),
        ("dispatched", "confidential"),
        ("finished", "public"),
        ("needs_info", "public"),
    ]
    assert all((c.reporter_name, c.reporter_email) == (citizen.full_name, citizen.email) for c in mine)
    # Their answered report still waits for them at the reference date.
    answered = mine.get(status="answered")
    assert answered.step_due_at > REFERENCE_MOMENT
    # The citizen accepted their finished report themselves.
    finished = mine.get(status="finished")
    assert AuditEvent.objects.get(subject_id=str(finished.pk), action="complaint.accept").actor == citizen


def test_officers_are_demo_accounts_of_the_agencies(small_demo):
    staff = User.objects.filter(username__startswith="petugas.")
    assert staff.count() == 10
    assert all(u.is_demo and u.role == Role.COMPLAINT_OFFICER and u.agency_id for u in staff)
    assert all(u.username == f"petugas.{u.agency.code.lower()}" for u in staff.select_related("agency"))


def test_second_run_adds_nothing(small_demo):
    before = complaint_state()
    load()
    assert complaint_state() == before


def test_a_version_2_province_gets_the_reports_on_the_next_run(small_demo):
    codes = sorted(Complaint.objects.values_list("tracking_code", flat=True))
    complaint_events = AuditEvent.objects.filter(subject_type=LABEL).count()
    # Back to what version 2 left: no reports, no categories, no complaint officers.
    AuditEvent.objects.filter(subject_type=LABEL).delete()
    Complaint.objects.all().delete()
    ComplaintCategory.objects.all().delete()
    User.objects.filter(username__startswith="petugas.").delete()
    marker = AuditEvent.objects.get(action="demo.loaded")
    marker.to_state = {**marker.to_state, "version": 2}
    marker.save()
    load()
    assert sorted(Complaint.objects.values_list("tracking_code", flat=True)) == codes
    assert AuditEvent.objects.filter(subject_type=LABEL).count() == complaint_events
    assert ComplaintCategory.objects.count() == 20
    last = AuditEvent.objects.filter(action="demo.loaded").order_by("-created_at", "-id").first()
    assert (last.to_state["version"], last.to_state["upgraded_from"]) == (DEMO_VERSION, 2)
    assert (last.to_state["complaints"], last.to_state["employees"]) == (20, SMALL)


def test_the_plan_is_deterministic():
    first = complaint_plan(employees=SMALL, seed=DEFAULT_SEED)
    assert first == complaint_plan(employees=SMALL, seed=DEFAULT_SEED)
    assert first != complaint_plan(employees=SMALL, seed=DEFAULT_SEED + 1)
