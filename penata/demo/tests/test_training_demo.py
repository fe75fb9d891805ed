"""Training in the demo province: programs, sessions, participants, JP, certificates,
ratings, external training and needs, placed around a fixed load day."""

from collections import Counter
from datetime import date, datetime, timedelta
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from penata.accounts.models import User
from penata.core.models import AuditEvent
from penata.core.uploads import detect_content_type
from penata.core.workdays import WIT
from penata.demo.loader import DEFAULT_SEED, DEMO_VERSION
from penata.demo.tests.test_load_demo import SMALL, load, table_counts
from penata.demo.training import evidence_pdf
from penata.demo.training_data import PROGRAMS
from penata.demo.training_plan import (
    ELEARNING_RUN_MAX,
    SEAT_STATUSES,
    Person,
    past_window,
    training_plan,
)
from penata.organization.models import Agency
from penata.training.models import (
    Attendance,
    Certificate,
    Enrolment,
    ExternalTraining,
    JpLedgerEntry,
    Program,
    ProgramCompetency,
    SessionDay,
    SessionRating,
    TrainingNeed,
    TrainingSession,
)
from penata.training.selectors_after import enrolments_awaiting_rating
from penata.training.selectors_enrolment import enrolments_pending_for
from penata.training.selectors_ledger import external_trainings_awaiting, jp_compliance
from penata.workforce.models import Employee

# A Wednesday in September: sessions behind it since January, and ahead of it until November.
LOAD_MOMENT = datetime(2026, 9, 16, 10, 0, tzinfo=WIT)
LOAD_DAY = LOAD_MOMENT.date()
TRAINING_MODELS = (
    Certificate,
    SessionRating,
    JpLedgerEntry,
    Attendance,
    Enrolment,
    ExternalTraining,
    TrainingNeed,
    SessionDay,
    TrainingSession,
    ProgramCompetency,
    Program,
)
TRAINING_EVENTS = Q(subject_type__startswith="training.") | Q(action="employee.jp_credited")


def training_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in TRAINING_MODELS} | {
        "events": AuditEvent.objects.filter(TRAINING_EVENTS).count()
    }


def training_remove() -> None:
    """Back to a province without training (what versions 1 to 4 left)."""
    for model in TRAINING_MODELS:
        model.objects.all().delete()
    AuditEvent.objects.filter(TRAINING_EVENTS).delete()


@pytest.fixture
def load_day(monkeypatch):
    """The clock moves on from ``LOAD_MOMENT`` while a test runs."""
    real_now = timezone.now
    offset = LOAD_MOMENT - real_now()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)
    return LOAD_DAY


@pytest.fixture
def small_demo(db, load_day):
    load()


def weekdays(day: date) -> bool:
    return day.weekday() < 5


def people(count: int, capil: int = 12) -> list[Person]:
    agencies = ["DISDUKCAPIL"] * capil + ["BPKAD", "DINKES", "DISKOMINFO", "BAPPEDA", "RSUD-CB"] * count
    classes = ["pelaksana", "ahli_pertama", "pengawas", "administrator", "terampil"]
    return [
        Person(id=n, nip=f"{n:018d}", name=f"Pegawai {n}", agency=agencies[n], position_class=classes[n % 5])
        for n in range(1, count + 1)
    ]


def plan_jp(plan) -> Counter:
    programs = {p.code: p.jp for p in PROGRAMS}
    totals = Counter()
    for session in plan.sessions:
        for seat in session.seats:
            if seat.status == "completed":
                totals[seat.employee] += programs[session.program]
    for claim in plan.claims:
        if claim.status == "verified":
            totals[claim.employee] += claim.spec.jp
    return totals


# --- the plan (no database) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("employees", "today"),
    [
        (200, date(2026, 9, 16)),
        (3000, date(2026, 9, 16)),
        (3000, date(2026, 11, 28)),
        (800, date(2027, 1, 8)),  # early January: the sessions behind are of the year before
        (20_000, date(2026, 6, 1)),
    ],
)
def test_the_plan_keeps_the_rules(employees, today):
    staff = people(employees)
    plan = training_plan(people=staff, asn=1, seed=DEFAULT_SEED, today=today, is_working_day=weekdays)
    assert plan == training_plan(people=staff, asn=1, seed=DEFAULT_SEED, today=today, is_working_day=weekdays)
    statuses = Counter(s.status for s in plan.sessions)
    assert (statuses["open"], statuses["planned"], statuses["cancelled"]) == (8, 1, 1)
    assert len({s.code for s in plan.sessions}) == len(plan.sessions)
    first, last = past_window(today)
    spans: dict[int, list[tuple[date, date]]] = {}
    for session in plan.sessions:
        assert session.start == session.days[0] and session.end == session.days[-1]
        assert all(weekdays(day) for day in session.days)
        assert session.seats_taken <= session.capacity
        assert len({seat.employee for seat in session.seats}) == len(session.seats)
        if session.status == "completed":
            assert first <= session.start and session.end <= last
            assert all(len(seat.present) == len(session.days) for seat in session.seats)
            assert session.seats_taken == len(session.seats) <= ELEARNING_RUN_MAX
        else:
            assert today + timedelta(days=7) < session.start <= today + timedelta(days=70)
            assert all(not seat.present for seat in session.seats)
        for seat in session.seats:
            spans.setdefault(seat.employee, []).append((session.start, session.end))
    # Nobody is enrolled in two sessions whose dates overlap.
    for held in spans.values():
        held.sort()
        assert all(a[1] < b[0] for a, b in pairwise(held))
    # About 40 % of the active staff reach 20 JP in the year of the sessions behind.
    totals = plan_jp(plan)
    reached = sum(1 for total in totals.values() if total >= 20)
    assert reached == plan.target_reached
    assert 0.35 <= reached / employees <= 0.45
    assert sum(1 for total in totals.values() if 0 < total < 20) > 0
    # Some take two sessions.
    assert sum(1 for held in spans.values() if len(held) >= 2) >= employees * 0.005


def test_the_plan_changes_with_the_seed():
    staff = people(300)
    plan = training_plan(people=staff, asn=1, seed=DEFAULT_SEED, today=LOAD_DAY, is_working_day=weekdays)
    other = training_plan(people=staff, asn=1, seed=DEFAULT_SEED + 1, today=LOAD_DAY, is_working_day=weekdays)
    assert [s.code for s in plan.sessions] == [s.code for s in other.sessions]
    assert plan != other


def test_evidence_is_a_pdf_the_upload_check_accepts():
    content = evidence_pdf(["SERTIFIKAT", "Nama (NIP 1) \\ Ternate", "Tidoré"])
    assert detect_content_type(content) == "application/pdf"
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    assert b"(Nama \\(NIP 1\\) \\\\ Ternate) Tj" in content
    start = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert content[start:].startswith(b"xref\n0 6\n")


# --- the loaded demo --------------------------------------------------------------------------


def test_the_demo_training_follows_its_plan(small_demo):
    sessions = {s.code: s for s in TrainingSession.objects.select_related("program")}
    assert Program.objects.count() == 12
    assert ProgramCompetency.objects.count() == sum(len(p.targets) for p in PROGRAMS) == 21
    assert Counter(s.status for s in sessions.values()) == {
        "completed": 10,
        "open": 8,
        "planned": 1,
        "cancelled": 1,
    }
    assert {s.place for s in sessions.values()} == {"Sofifi", "Ternate", "Tidore", "Daring"}
    assert all(s.organizer.code == "BPSDM" for s in sessions.values())
    completed = [s for s in sessions.values() if s.status == "completed"]
    assert all(s.end_date < LOAD_DAY and s.start_date.year == LOAD_DAY.year for s in completed)
    upcoming = [s for s in sessions.values() if s.status in ("open", "planned", "cancelled")]
    assert all(LOAD_DAY + timedelta(days=7) < s.start_date <= LOAD_DAY + timedelta(days=70) for s in upcoming)
    assert Counter(Enrolment.objects.values_list("status", flat=True)) == {
        "completed": 98,
        "incomplete": 9,
        "no_show": 6,
        "confirmed": 47,
        "approved": 5,
        "pending_approval": 11,
        "waitlisted": 4,
    }
    assert SessionDay.objects.count() == sum(len(s.days.all()) for s in sessions.values())
    assert Attendance.objects.count() == 420
    assert JpLedgerEntry.objects.count() == 98 + 6
    assert (Certificate.objects.count(), SessionRating.objects.count()) == (98, 62)
    assert Counter(ExternalTraining.objects.values_list("status", flat=True)) == {
        "verified": 6,
        "submitted": 5,
        "rejected": 1,
    }
    last = AuditEvent.objects.get(action="demo.loaded")
    assert last.to_state["version"] == DEMO_VERSION == 5
    keys = ("training_programs", "training_sessions", "training_enrolments", "training_attendance")
    keys += ("jp_ledger_entries", "training_certificates", "session_ratings", "external_trainings")
    assert {key: last.to_state[key] for key in (*keys, "training_needs")} == {
        "training_programs": 12,
        "training_sessions": 20,
        "training_enrolments": 180,
        "training_attendance": 420,
        "jp_ledger_entries": 104,
        "training_certificates": 98,
        "session_ratings": 62,
        "external_trainings": 12,
        "training_needs": TrainingNeed.objects.count(),
    }


def test_seats_are_never_over_capacity_and_match_the_enrolments(small_demo):
    sessions = TrainingSession.objects.annotate(
        holding=Count("enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES))
    )
    assert sessions.filter(seats_taken__gt=F("capacity")).count() == 0
    assert [s.code for s in sessions if s.seats_taken != s.holding] == []
    full = sessions.filter(status="open", seats_taken=F("capacity"))
    assert [(s.program.code, s.capacity) for s in full] == [("KEPEMIMPINAN-PELAYANAN", 25)]
    waiting = Enrolment.objects.filter(status="waitlisted").order_by("waitlisted_at", "id")
    assert {e.session_id for e in waiting} == {full.get().pk}
    assert len({e.waitlisted_at for e in waiting}) == 4
    # Attendance is recorded for every day of a completed session, for every participant.
    for session in sessions.filter(status="completed").prefetch_related("days"):
        days = {d.date for d in session.days.all()}
        rows = Attendance.objects.filter(enrolment__session=session)
        assert rows.count() == len(days) * session.enrolments.count()
        assert set(rows.values_list("date", flat=True)) == days


def test_every_completed_enrolment_has_one_ledger_entry_and_one_certificate(small_demo):
    completed = Enrolment.objects.filter(status="completed").select_related("session__program", "employee")
    assert completed.annotate(n=Count("jp_entry")).filter(n=1).count() == completed.count() == 98
    assert Certificate.objects.filter(enrolment__status="completed").count() == 98
    assert JpLedgerEntry.objects.filter(source="session").exclude(enrolment__status="completed").count() == 0
    for enrolment in completed:
        entry, certificate = enrolment.jp_entry, enrolment.certificate
        program, session = enrolment.session.program, enrolment.session
        assert (entry.year, entry.jp, entry.completed_on, entry.title) == (
            session.end_date.year,
            program.jp,
            session.end_date,
            program.title,
        )
        assert (certificate.employee_nip, certificate.employee_name, certificate.jp) == (
            enrolment.employee.nip,
            enrolment.employee.full_name,
            program.jp,
        )
        assert certificate.issued_at.date() > session.end_date
        assert not certificate.is_revoked
        # The attendance rule of the program is met.
        present = enrolment.attendance.filter(present=True).count()
        assert present * 100 >= program.attendance_min_percent * session.days.count()
    assert len(set(Certificate.objects.values_list("code", flat=True))) == 98
    # Ratings only from those who attended, 3 to 5, some with a comment.
    ratings = SessionRating.objects.select_related("enrolment")
    assert {r.enrolment.status for r in ratings} <= {"completed", "incomplete"}
    assert {r.overall for r in ratings} == {3, 4, 5}
    assert ratings.exclude(comment="").count() > 0
    assert not ratings.filter(enrolment__attendance__isnull=True).exists()


def test_each_step_has_the_event_its_service_writes(small_demo):
    events = Counter(AuditEvent.objects.filter(TRAINING_EVENTS).values_list("action", flat=True))
    enrolments = Enrolment.objects.all()
    nominated = enrolments.filter(nominated=True).count()
    assert events["training.enrolment.nominate"] == nominated
    assert events["training.enrolment.request"] == enrolments.count() - nominated
    assert (
        events["training.enrolment.approve"]
        == enrolments.filter(nominated=False).exclude(status="pending_approval").count()
    )
    assert events["training.enrolment.confirm"] == enrolments.filter(status__in=SEAT_STATUSES).count()
    assert events["training.enrolment.waitlist"] == 4
    assert events["training.enrolment.attendance"] == Attendance.objects.count()
    assert events["training.enrolment.complete"] == events["certificate.issued"] == 98
    assert (events["training.enrolment.mark_incomplete"], events["training.enrolment.mark_no_show"]) == (9, 6)
    assert events["employee.jp_credited"] == JpLedgerEntry.objects.count()
    assert events["enrolment.rated"] == SessionRating.objects.count()
    assert events["external_training.submitted"] == 12
    assert (events["external_training.verified"], events["external_training.rejected"]) == (6, 1)
    assert events["training.session.created"] == 20
    assert (events["training.session.completed"], events["training.session.cancelled"]) == (10, 1)
    assert events["training.program.created"] == 12
    # The steps of a completed session happened in order, before the load day.
    session = TrainingSession.objects.filter(status="completed").order_by("start_date").first()
    enrolment = session.enrolments.filter(nominated=False, status="completed").first()
    steps = AuditEvent.objects.filter(
        subject_type="training.enrolment", subject_id=str(enrolment.pk)
    ).order_by("created_at", "id")
    actions = [e.action for e in steps]
    assert actions[:3] == [
        "training.enrolment.request",
        "training.enrolment.approve",
        "training.enrolment.confirm",
    ]
    assert actions[3 : 3 + session.days.count()] == ["training.enrolment.attendance"] * session.days.count()
    assert actions[3 + session.days.count()] == "training.enrolment.complete"
    assert all(e.created_at < LOAD_MOMENT for e in steps)
    assert (
        steps.first().created_at.date()
        < session.start_date
        < steps.last().created_at.date() + timedelta(days=1)
    )


def test_share_of_staff_at_the_jp_target(small_demo):
    compliance = jp_compliance(year=LOAD_DAY.year)
    active = Employee.objects.filter(status="active").count()
    assert compliance.counted == active == 194
    assert compliance.at_target == round(active * 0.4) == 78
    assert 35 <= compliance.share <= 45
    # Some are behind with a few JP, the rest without any.
    assert 0 < compliance.behind.without_jp_count() < compliance.behind_count


def test_the_asn_account(small_demo):
    asn = User.objects.get(username="asn")
    enrolments = {
        e.session.program.code: e
        for e in Enrolment.objects.filter(employee=asn.employee).select_related("session__program")
    }
    assert {code: e.status for code, e in enrolments.items()} == {
        "SEMINAR-RB": "completed",
        "LITERASI-DIGITAL": "completed",
        "BIMTEK-SIAK": "pending_approval",
    }
    seminar, elearning, request = (
        enrolments["SEMINAR-RB"],
        enrolments["LITERASI-DIGITAL"],
        enrolments["BIMTEK-SIAK"],
    )
    assert Certificate.objects.filter(enrolment=seminar).count() == 1
    assert SessionRating.objects.get(enrolment=seminar).overall == 5
    assert list(enrolments_awaiting_rating(employee=asn.employee)) == [elearning]
    assert (
        sum(
            JpLedgerEntry.objects.filter(employee=asn.employee, year=LOAD_DAY.year).values_list(
                "jp", flat=True
            )
        )
        == 18
    )
    # The request went through the service, by the asn, and waits for opd_admin.
    event = AuditEvent.objects.get(subject_type="training.enrolment", subject_id=str(request.pk))
    assert (event.action, event.actor, request.requested_by) == ("training.enrolment.request", asn, asn)
    assert request.session.status == "open" and request.session.start_date > LOAD_DAY
    opd_admin = User.objects.get(username="opd_admin")
    pending = list(enrolments_pending_for(user=opd_admin))
    assert request in pending
    assert len(pending) == 4
    assert {e.employee.agency.code for e in pending} == {"DISDUKCAPIL"}
    claims = list(external_trainings_awaiting(user=opd_admin))
    assert len(claims) == 3
    assert all(
        c.employee.agency.code == "DISDUKCAPIL" and c.evidence_content_type == "application/pdf"
        for c in claims
    )
    with claims[0].evidence.open("rb") as handle:
        assert detect_content_type(handle.read()) == "application/pdf"


def test_training_needs_are_computed_and_recorded(small_demo):
    needs = TrainingNeed.objects.filter(year=LOAD_DAY.year)
    assert Counter(needs.values_list("source", flat=True)) == {
        "gap": needs.filter(source="gap").count(),
        "complaints": 2,
        "unit_request": 1,
    }
    assert needs.filter(source="gap").count() > 100
    admin_duk = needs.get(source="complaints", agency__code="DISDUKCAPIL")
    assert admin_duk.unit.name == "Bidang Pelayanan Pendaftaran Penduduk"
    assert admin_duk.competency.code == "T.DUKCAPIL.02"
    assert admin_duk.reason.startswith("Keluhan warga tentang lamanya penerbitan KTP-el")
    assert admin_duk.evidence["category"] == "ADMINDUK"
    assert all(code.startswith("LPR-") for code in admin_duk.evidence["references"])
    # BPSDM answered it with the upcoming technical guidance.
    assert admin_duk.status == "planned"
    change = AuditEvent.objects.get(action="training_need.status_changed")
    assert (change.subject_id, change.actor.username, change.to_state) == (
        str(admin_duk.pk),
        "trainer",
        "planned",
    )
    session = TrainingSession.objects.get(code__startswith="BIMTEK-SIAK-", status="open")
    assert session.code in change.note
    request = needs.get(source="unit_request")
    assert (request.agency.code, request.unit.code, request.recorded_by.username) == (
        "DISDUKCAPIL",
        "UPTD-PAKT",
        "opd_admin",
    )
    assert AuditEvent.objects.filter(action="training_need.computed").count() == 1


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("trainer", reverse("training:catalogue")),
        ("trainer", reverse("training:jp-compliance")),
        ("trainer", reverse("training:needs")),
        ("opd_admin", reverse("training:approvals")),
        ("opd_admin", reverse("training:external-verify")),
        ("asn", reverse("training:my-enrolments")),
        ("asn", reverse("training:my-jp")),
    ],
)
def test_pages_open_with_the_demo(small_demo, client, username, url):
    client.force_login(User.objects.get(username=username))
    assert client.get(url).status_code == 200


def test_a_second_run_adds_nothing(small_demo):
    before = {**table_counts(), **training_counts()}
    assert load().startswith("Provinsi demo sudah dimuat (200 pegawai")
    assert {**table_counts(), **training_counts()} == before
    # Nor does the training part on its own, on a full run.
    from penata.demo.training import training_write

    created: dict[str, int] = {}
    agencies = {a.code: a for a in Agency.objects.all()}
    training_write(seed=DEFAULT_SEED, agencies=agencies, created=created, say=lambda step: None)
    assert created == {}
    assert {**table_counts(), **training_counts()} == before


def test_a_version_4_province_gets_the_training_on_the_next_run(small_demo):
    expected = training_counts()
    training_remove()
    marker = AuditEvent.objects.get(action="demo.loaded")
    marker.to_state = {**marker.to_state, "version": 4}
    marker.save()
    before = table_counts()

    output = load()

    assert "Provinsi demo dimuat" in output
    assert training_counts() == expected
    assert table_counts() == {**before, "core.AuditEvent": before["core.AuditEvent"] + expected["events"] + 1}
    last = AuditEvent.objects.filter(action="demo.loaded").order_by("-created_at", "-id").first()
    assert (last.to_state["version"], last.to_state["upgraded_from"]) == (DEMO_VERSION, 4)
    assert (last.to_state["training_sessions"], last.to_state["employees"]) == (20, SMALL)
    assert load().startswith("Provinsi demo sudah dimuat")


def test_the_command_names_what_it_loaded(db, load_day):
    out = StringIO()
    call_command("load_demo", employees=SMALL, stdout=out, stderr=StringIO())
    output = out.getvalue()
    assert "program pelatihan 12" in output or "training programs 12" in output
    assert "sesi pelatihan 20" in output or "training sessions 20" in output
