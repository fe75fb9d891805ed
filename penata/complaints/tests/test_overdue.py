"""The periodic deadline run on the 2026 calendar, with exact times (WIT).

Fri 6 March 10:00 submitted → verification due end of Wed 11 March, escalation end of
Fri 13 March. Mon 9 March 10:00 dispatched → follow-up due end of Mon 16 March, escalation
(2 working days) end of Wed 25 March: Wed 18–Tue 24 March are closed (Nyepi, Idul Fitri
cuti bersama, weekend).
"""

from datetime import datetime, time

import pytest
from django.db import connection
from django.utils import translation
from django_celery_beat.models import PeriodicTask

from config.celery import app as celery_app
from penata.accounts.models import Role
from penata.complaints import services
from penata.complaints.models import Complaint, ComplaintStatus, Step
from penata.complaints.services import OverdueResult, complaints_mark_overdue
from penata.complaints.tasks import complaints_overdue_run
from penata.core.events import events_for
from penata.core.models import AuditEvent
from penata.core.workdays import WIT
from penata.workforce.tests.test_concurrency import run_at_once

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db

NOTHING = OverdueResult(overdue=0, escalated=0, closed=0, more=False)


def end_of(year, month, day):
    return datetime.combine(datetime(year, month, day).date(), time.max, tzinfo=WIT)


@pytest.fixture
def staff(make_user, agency_a, agency_b, verifier, officer_a):
    return {
        "verifier": verifier,
        "verifier2": make_user(Role.COMPLAINT_VERIFIER, agency_b, username="verifier2"),
        "province": make_user(Role.PROVINCE_ADMIN, agency_a, username="prov"),
        "admin_a": make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a"),
        "admin_a2": make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a2"),
        "admin_a_gone": make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a_gone", is_active=False),
        "admin_b": make_user(Role.AGENCY_ADMIN, agency_b, username="admin_b"),
        "officer_a": officer_a,
        "officer_a2": make_user(Role.COMPLAINT_OFFICER, agency_a, username="officer_a2"),
        "reporter": make_user(Role.CITIZEN, None, username="warga"),
    }


@pytest.fixture
def run(clock, mailoutbox, django_capture_on_commit_callbacks):
    """Run the service at a given local time; returns (result, new events, new emails)."""

    def at(*when, **kwargs):
        clock.set(*when)
        mailoutbox.clear()
        before = set(AuditEvent.objects.values_list("pk", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            result = complaints_mark_overdue(**kwargs)
        events = [
            (e.action, e.subject_id, e.actor_id, e.to_state)
            for e in AuditEvent.objects.exclude(pk__in=before).order_by("pk")
        ]
        emails = [(m.to, m.subject) for m in mailoutbox]
        return result, events, emails

    return at


@pytest.fixture
def submitted(submit, staff, clock, mailoutbox):
    complaint, _secret = submit(actor=staff["reporter"], reporter_name="", reporter_email="")
    mailoutbox.clear()
    return complaint


@pytest.fixture
def dispatched(submitted, staff, agency_a, clock, mailoutbox):
    clock.set(2026, 3, 9, 10)
    complaint = services.complaint_dispatch(complaint=submitted, agency=agency_a, actor=staff["verifier"])
    complaint = services.complaint_assign(
        complaint=complaint, officer=staff["officer_a"], actor=staff["admin_a"]
    )
    mailoutbox.clear()
    assert complaint.step_due_at == end_of(2026, 3, 16)
    return complaint


def overdue_event(complaint, step, due, escalation_due):
    return (
        "complaint.overdue",
        str(complaint.pk),
        None,
        {"step": step, "step_due_at": due.isoformat(), "escalation_due_at": escalation_due.isoformat()},
    )


def escalated_event(complaint, step, due, escalation_due):
    return ("complaint.escalated", *overdue_event(complaint, step, due, escalation_due)[1:])


# --- verification step ------------------------------------------------------------------


def test_verification_step_overdue_notifies_the_verifiers_once(submitted, staff, run):
    code = submitted.tracking_code
    assert submitted.step_due_at == end_of(2026, 3, 11)

    assert run(2026, 3, 11, 23, 59) == (NOTHING, [], [])

    result, events, emails = run(2026, 3, 12, 0, 1)
    assert result == OverdueResult(overdue=1, escalated=0, closed=0, more=False)
    assert events == [overdue_event(submitted, "verification", end_of(2026, 3, 11), end_of(2026, 3, 13))]
    assert emails == [
        (["verifier2@example.test", "verifier@example.test"], f"Report {code} is overdue"),
    ]
    submitted.refresh_from_db()
    assert (submitted.overdue_notified_at, submitted.escalation_due_at, submitted.escalated_at) == (
        datetime(2026, 3, 12, 0, 1, tzinfo=WIT),
        end_of(2026, 3, 13),
        None,
    )
    assert submitted.status == ComplaintStatus.SUBMITTED

    assert run(2026, 3, 12, 0, 16) == (NOTHING, [], [])
    assert run(2026, 3, 13, 23, 59) == (NOTHING, [], [])


def test_verification_step_escalates_to_the_province_once(submitted, staff, run):
    code = submitted.tracking_code
    run(2026, 3, 12, 9)

    result, events, emails = run(2026, 3, 14, 0, 1)
    assert result == OverdueResult(overdue=0, escalated=1, closed=0, more=False)
    assert events == [escalated_event(submitted, "verification", end_of(2026, 3, 11), end_of(2026, 3, 13))]
    assert emails == [
        (
            ["prov@example.test", "verifier2@example.test", "verifier@example.test"],
            f"Report {code} is escalated to the province",
        )
    ]
    submitted.refresh_from_db()
    assert submitted.escalated_at == datetime(2026, 3, 14, 0, 1, tzinfo=WIT)

    assert run(2026, 3, 16, 9) == (NOTHING, [], [])
    assert AuditEvent.objects.filter(action__in=["complaint.overdue", "complaint.escalated"]).count() == 2


def test_a_report_found_late_is_marked_overdue_and_escalated_in_one_run(submitted, staff, run):
    code = submitted.tracking_code
    result, events, emails = run(2026, 3, 16, 8)
    assert result == OverdueResult(overdue=1, escalated=1, closed=0, more=False)
    due, second = end_of(2026, 3, 11), end_of(2026, 3, 13)
    assert events == [
        overdue_event(submitted, "verification", due, second),
        escalated_event(submitted, "verification", due, second),
    ]
    assert [subject for _to, subject in emails] == [
        f"Report {code} is overdue",
        f"Report {code} is escalated to the province",
    ]
    assert run(2026, 3, 16, 8, 15) == (NOTHING, [], [])


# --- follow-up step ---------------------------------------------------------------------


def test_follow_up_overdue_notifies_officer_and_agency_admins(dispatched, staff, run):
    code = dispatched.tracking_code
    assert run(2026, 3, 16, 23, 59) == (NOTHING, [], [])

    result, events, emails = run(2026, 3, 17, 8)
    assert result == OverdueResult(overdue=1, escalated=0, closed=0, more=False)
    assert events == [overdue_event(dispatched, "follow_up", end_of(2026, 3, 16), end_of(2026, 3, 25))]
    # Not the inactive admin, not agency B's admin, not the other officer, not the verifiers.
    assert emails == [
        (
            ["admin_a2@example.test", "admin_a@example.test", "officer_a@example.test"],
            f"Report {code} is overdue",
        )
    ]
    assert run(2026, 3, 17, 8, 15) == (NOTHING, [], [])


def test_follow_up_overdue_without_an_officer_notifies_the_agency_admins(
    submitted, staff, agency_a, clock, run
):
    clock.set(2026, 3, 9, 10)
    complaint = services.complaint_dispatch(complaint=submitted, agency=agency_a, actor=staff["verifier"])
    result, events, emails = run(2026, 3, 17, 8)
    assert result.overdue == 1
    assert len(events) == 1
    assert emails == [
        (["admin_a2@example.test", "admin_a@example.test"], f"Report {complaint.tracking_code} is overdue")
    ]


def test_follow_up_escalates_after_two_more_working_days_across_the_holidays(dispatched, staff, run):
    code = dispatched.tracking_code
    run(2026, 3, 17, 8)

    assert run(2026, 3, 25, 23, 59) == (NOTHING, [], [])

    result, events, emails = run(2026, 3, 26, 0, 1)
    assert result == OverdueResult(overdue=0, escalated=1, closed=0, more=False)
    assert events == [escalated_event(dispatched, "follow_up", end_of(2026, 3, 16), end_of(2026, 3, 25))]
    assert emails == [
        (
            ["prov@example.test", "verifier2@example.test", "verifier@example.test"],
            f"Report {code} is escalated to the province",
        )
    ]
    assert run(2026, 3, 26, 0, 16) == (NOTHING, [], [])
    assert run(2026, 4, 30, 9) == (NOTHING, [], [])


def test_escalation_working_days_come_from_the_setting(dispatched, staff, run, settings):
    settings.PENATA_COMPLAINT_ESCALATION_WORKING_DAYS = 1
    run(2026, 3, 17, 8)
    dispatched.refresh_from_db()
    assert dispatched.escalation_due_at == end_of(2026, 3, 17)
    result, events, emails = run(2026, 3, 18, 0, 1)
    assert (result.escalated, len(events), len(emails)) == (1, 1, 1)


# --- a new step starts a new clock ------------------------------------------------------


def test_dispatch_after_an_overdue_verification_starts_fresh(submitted, staff, agency_a, clock, run):
    run(2026, 3, 16, 8)  # verification overdue and escalated
    clock.set(2026, 3, 26, 9)
    complaint = services.complaint_dispatch(complaint=submitted, agency=agency_a, actor=staff["verifier"])
    complaint.refresh_from_db()
    assert (complaint.step, complaint.step_due_at) == (Step.FOLLOW_UP, end_of(2026, 4, 2))
    assert (complaint.overdue_notified_at, complaint.escalation_due_at, complaint.escalated_at) == (
        None,
        None,
        None,
    )

    assert run(2026, 4, 2, 23, 59) == (NOTHING, [], [])
    result, events, emails = run(2026, 4, 3, 8)
    assert result == OverdueResult(overdue=1, escalated=0, closed=0, more=False)
    # Fri 3 April is Good Friday: the second deadline is end of Tue 7 April.
    assert events == [overdue_event(complaint, "follow_up", end_of(2026, 4, 2), end_of(2026, 4, 7))]
    assert emails == [
        (["admin_a2@example.test", "admin_a@example.test"], f"Report {complaint.tracking_code} is overdue")
    ]


def test_reopening_gives_the_follow_up_step_a_new_notice_and_escalation(dispatched, staff, clock, run):
    run(2026, 3, 26, 8)  # follow-up overdue and escalated
    clock.set(2026, 3, 26, 9)
    complaint = services.complaint_answer(
        complaint=dispatched, answer="Sudah ditambal.", actor=staff["officer_a"]
    )
    clock.set(2026, 3, 27, 9)
    complaint = services.complaint_reopen(complaint=complaint, actor=staff["reporter"], reason="Belum beres.")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.step_due_at) == (ComplaintStatus.DISPATCHED, end_of(2026, 4, 6))
    assert (complaint.overdue_notified_at, complaint.escalation_due_at, complaint.escalated_at) == (
        None,
        None,
        None,
    )

    result, events, emails = run(2026, 4, 9, 8)
    assert result == OverdueResult(overdue=1, escalated=1, closed=0, more=False)
    assert [e[0] for e in events] == ["complaint.overdue", "complaint.escalated"]
    assert len(emails) == 2
    assert list(
        events_for(subject=complaint)
        .filter(action__in=["complaint.overdue", "complaint.escalated"])
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["complaint.overdue", "complaint.escalated", "complaint.overdue", "complaint.escalated"]


# --- the reporter's response window -----------------------------------------------------


def answered_report(staff, agency, due):
    return ComplaintFactory(
        status=ComplaintStatus.ANSWERED,
        agency=agency,
        reporter=staff["reporter"],
        reporter_email="siti@example.test",
        answer="Sudah diperbaiki.",
        answered_at=datetime(2026, 2, 2, 9, tzinfo=WIT),
        step=Step.RESPONSE,
        step_started_at=datetime(2026, 2, 2, 9, tzinfo=WIT),
        step_due_at=due,
    )


def test_passed_response_window_closes_the_report_as_finished(staff, agency_a, run):
    complaint = answered_report(staff, agency_a, end_of(2026, 2, 16))

    assert run(2026, 2, 16, 23, 59) == (NOTHING, [], [])

    result, events, emails = run(2026, 2, 17, 0, 1)
    assert result == OverdueResult(overdue=0, escalated=0, closed=1, more=False)
    assert events == [
        ("complaint.close_response_window", str(complaint.pk), None, {"status": "finished"}),
    ]
    assert emails == [(["siti@example.test"], f"Your report {complaint.tracking_code}: Finished")]
    complaint.refresh_from_db()
    assert (complaint.status, complaint.closed_at, complaint.step, complaint.step_due_at) == (
        ComplaintStatus.FINISHED,
        datetime(2026, 2, 17, 0, 1, tzinfo=WIT),
        "",
        None,
    )
    assert run(2026, 2, 17, 0, 16) == (NOTHING, [], [])


# --- nothing due ------------------------------------------------------------------------


def test_nothing_due_does_nothing(submit, staff, agency_a, clock, run):
    on_time, _ = submit()  # verification due end of Wed 11 March
    asked, _ = submit()
    clock.set(2026, 3, 6, 11)
    services.complaint_request_info(complaint=asked, actor=staff["verifier"], question="Di mana?")
    archived, _ = submit()
    services.complaint_archive(complaint=archived, actor=staff["verifier"], reason="Duplikat.")
    answered_report(staff, agency_a, end_of(2026, 3, 20))
    events_before = AuditEvent.objects.count()

    assert run(2026, 3, 11, 12) == (NOTHING, [], [])
    assert AuditEvent.objects.count() == events_before
    assert Complaint.objects.filter(overdue_notified_at__isnull=False).count() == 0
    on_time.refresh_from_db()
    assert (on_time.status, on_time.overdue_notified_at) == (ComplaintStatus.SUBMITTED, None)
    # Past the verification deadline only the open verification step acts: a report waiting
    # for the reporter (no clock) and a closed report never become overdue.
    result, events, emails = run(2026, 3, 12, 9)
    assert result == OverdueResult(overdue=1, escalated=0, closed=0, more=False)
    assert [(action, subject) for action, subject, _a, _s in events] == [
        ("complaint.overdue", str(on_time.pk))
    ]
    assert len(emails) == 1


# --- bounded runs -----------------------------------------------------------------------


def test_a_run_stops_at_its_limit_and_the_next_run_goes_on(submit, staff, run):
    reports = [submit()[0] for _ in range(3)]
    result, events, emails = run(2026, 3, 12, 9, limit=2, batch_size=1)
    assert result == OverdueResult(overdue=2, escalated=0, closed=0, more=True)
    assert (len(events), len(emails)) == (2, 2)
    result, events, emails = run(2026, 3, 12, 9, 15, limit=2, batch_size=1)
    assert result == OverdueResult(overdue=1, escalated=0, closed=0, more=False)
    assert (len(events), len(emails)) == (1, 1)
    assert (
        Complaint.objects.filter(pk__in=[r.pk for r in reports], overdue_notified_at__isnull=False).count()
        == 3
    )
    assert run(2026, 3, 12, 9, 30, limit=2, batch_size=1) == (NOTHING, [], [])


# --- the task and its schedule ----------------------------------------------------------


def test_the_task_runs_the_service(submitted, staff, clock, mailoutbox, django_capture_on_commit_callbacks):
    clock.set(2026, 3, 12, 9)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = complaints_overdue_run.delay()
    assert outcome.get() == {"overdue": 1, "escalated": 0, "closed": 0, "more": False}
    assert AuditEvent.objects.filter(action="complaint.overdue").count() == 1
    assert [m.subject for m in mailoutbox] == [f"Report {submitted.tracking_code} is overdue"]
    assert (complaints_overdue_run.soft_time_limit, complaints_overdue_run.time_limit) == (240, 300)
    assert complaints_overdue_run.acks_late is True


def test_the_run_is_registered_every_15_minutes_with_the_database_scheduler():
    from django_celery_beat.schedulers import DatabaseScheduler

    # What DatabaseScheduler.update_from_dict does for each entry when beat starts (the
    # scheduler itself is not built here: it closes the database connection).
    for name, fields in celery_app.conf.beat_schedule.items():
        DatabaseScheduler.Entry.from_entry(name, app=celery_app, **fields)
    task = PeriodicTask.objects.get(name="complaints-overdue-run")
    assert (task.task, task.enabled, task.expire_seconds) == (
        "penata.complaints.tasks.complaints_overdue_run",
        True,
        840,
    )
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("*/15", "*", "*")
    assert task.interval is None
    assert "penata.complaints.tasks.complaints_overdue_run" in celery_app.tasks


# --- two workers at once (PostgreSQL) ---------------------------------------------------


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_notify_each_report_once(submit, staff, clock, mailoutbox):
    reports = [submit()[0] for _ in range(6)]
    mailoutbox.clear()
    clock.set(2026, 3, 12, 9)

    def run_in_english():
        # A thread starts in the default language; these tests read the English source.
        with translation.override("en"):
            return complaints_mark_overdue(batch_size=2)

    outcomes = run_at_once(run_in_english, run_in_english)
    assert [type(o) for o in outcomes] == [OverdueResult, OverdueResult]
    assert sum(o.overdue for o in outcomes) == 6
    assert AuditEvent.objects.filter(action="complaint.overdue").count() == 6
    assert sorted(m.subject for m in mailoutbox) == sorted(
        f"Report {r.tracking_code} is overdue" for r in reports
    )
