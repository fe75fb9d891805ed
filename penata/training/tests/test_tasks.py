"""Enrolment emails (after commit, by task, once) and the day-before reminder.

The clock stands on Fri 27 February 2026, before the session (Mon 2 – Wed 4 March 2026)."""

from datetime import date

import pytest
from django.conf import settings
from django.utils import translation
from django_celery_beat.models import PeriodicTask

from config.celery import app as celery_app
from penata.core.errors import InvalidTransition
from penata.core.models import AuditEvent
from penata.training.models import EnrolmentStatus, SessionStatus, TrainingSession
from penata.training.services.enrolment import (
    enrolment_approve,
    enrolment_confirm,
    enrolment_nominate,
    enrolment_reject,
    enrolment_withdraw,
    enrolments_cancel_for_session,
)
from penata.training.services.enrolment_notices import NOTICE_SUBJECTS, enrolment_reminders_queue
from penata.training.tasks import enrolment_email_send, enrolment_reminders_send
from penata.workforce.tests.factories import EmployeeFactory

from .clock import set_today_fixture  # noqa: F401
from .enrolment_world import confirmed_in, world_fixture  # noqa: F401
from .factories import EnrolmentFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

S = EnrolmentStatus


@pytest.fixture(autouse=True)
def before_the_session(set_today):
    set_today(date(2026, 2, 27))


def subject(kind: str, session) -> str:
    with translation.override("id"):
        return str(NOTICE_SUBJECTS[kind]) % {"program": session.program.title, "code": session.code}


def sent(mailoutbox) -> list[tuple[list[str], str]]:
    return [(m.to, m.subject) for m in mailoutbox]


def test_the_approval_email_leaves_only_after_commit(world, mailoutbox, django_capture_on_commit_callbacks):
    enrolment = EnrolmentFactory(session=world.session, employee=world.ani, status=S.PENDING_APPROVAL)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment_approve(enrolment=enrolment, actor=world.admin_a)
    # Nothing left while the transaction was open, and nothing was recorded as sent.
    assert len(callbacks) == 1
    assert mailoutbox == []
    assert AuditEvent.objects.filter(action="training.enrolment.notice").count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()
    assert sent(mailoutbox) == [(["ani@dinas-a.test"], subject("approved", world.session))]
    body = mailoutbox[0].body
    assert "Ani Lestari" in body
    assert "PLT-DIG-01-2026-01" in body
    # Indonesian by default: the dates read as on the pages.
    assert "2 Maret 2026 – 4 Maret 2026" in body
    assert f"{settings.PENATA_SITE_URL.rstrip('/')}/training/my/" in body


def test_a_refused_change_sends_nothing(world, mailoutbox, django_capture_on_commit_callbacks):
    enrolment = EnrolmentFactory(session=world.session, employee=world.ani, status=S.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(InvalidTransition):
        enrolment_approve(enrolment=enrolment, actor=world.admin_a)
    assert (callbacks, mailoutbox) == ([], [])


@pytest.mark.parametrize(
    ("start", "call", "kind", "to"),
    [
        (
            S.APPROVED,
            lambda w, e: enrolment_confirm(enrolment=e, actor=w.manager),
            "confirmed",
            "ani@dinas-a.test",
        ),
        (
            S.PENDING_APPROVAL,
            lambda w, e: enrolment_reject(enrolment=e, actor=w.admin_a, reason="Kuota unit penuh."),
            "rejected",
            "ani@dinas-a.test",
        ),
    ],
)
def test_each_decision_has_its_email(
    world, mailoutbox, django_capture_on_commit_callbacks, start, call, kind, to
):
    enrolment = EnrolmentFactory(session=world.session, employee=world.ani, status=start)
    with django_capture_on_commit_callbacks(execute=True):
        call(world, enrolment)
    assert sent(mailoutbox) == [([to], subject(kind, world.session))]
    if kind == "rejected":
        assert "Kuota unit penuh." in mailoutbox[0].body


def test_the_account_email_is_used_when_the_record_has_none(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_nominate(session=world.session, employee=world.budi, actor=world.admin_a)
    assert sent(mailoutbox) == [(["budi@akun.test"], subject("nominated", world.session))]


def test_nobody_to_write_to_sends_nothing(world, mailoutbox, django_capture_on_commit_callbacks):
    nobody = EmployeeFactory(agency=world.agency_a, email="")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_nominate(session=world.session, employee=nobody, actor=world.admin_a)
    assert mailoutbox == []
    assert AuditEvent.objects.filter(action="training.enrolment.notice").count() == 0


def test_a_full_session_sends_the_waiting_list_email_then_the_promotion(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=1)
    world.session.refresh_from_db()
    holder = confirmed_in(world.session, world.budi)
    enrolment = EnrolmentFactory(session=world.session, employee=world.citra, status=S.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_confirm(enrolment=enrolment, actor=world.manager)
    assert sent(mailoutbox) == [(["citra@dinas-b.test"], subject("waitlisted", world.session))]
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment_withdraw(enrolment=holder, actor=world.budi_user)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert sent(mailoutbox) == [(["citra@dinas-b.test"], subject("promoted", world.session))]


def test_cancelling_a_session_tells_every_active_participant(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed_in(world.session, world.ani)
    EnrolmentFactory(session=world.session, employee=world.citra, status=S.PENDING_APPROVAL)
    EnrolmentFactory(session=world.session, employee=world.budi, status=S.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        enrolments_cancel_for_session(session=world.session, actor=world.manager)
    assert sorted(sent(mailoutbox)) == [
        (["ani@dinas-a.test"], subject("cancelled", world.session)),
        (["citra@dinas-b.test"], subject("cancelled", world.session)),
    ]


def test_a_notice_task_run_twice_sends_once(world, mailoutbox, django_capture_on_commit_callbacks):
    enrolment = EnrolmentFactory(session=world.session, employee=world.ani, status=S.APPROVED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment_confirm(enrolment=enrolment, actor=world.manager)
    event = AuditEvent.objects.get(action="training.enrolment.confirm")
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()
        # A redelivery of the same task.
        assert (
            enrolment_email_send(enrolment_id=enrolment.pk, kind="confirmed", event_id=event.pk)
            == "already_sent"
        )
    assert len(mailoutbox) == 1
    assert list(
        AuditEvent.objects.filter(action="training.enrolment.notice").values_list("note", flat=True)
    ) == [f"confirmed:{event.pk}"]


def test_a_notice_for_a_change_already_undone_is_not_sent(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = EnrolmentFactory(session=world.session, employee=world.ani, status=S.APPROVED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment_confirm(enrolment=enrolment, actor=world.manager)
    enrolment_withdraw(enrolment=enrolment, actor=world.ani_user)
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()
    assert mailoutbox == []
    assert enrolment_email_send(enrolment_id=999_999, kind="confirmed", event_id=1) == "missing"


# --- the day-before reminder ---------------------------------------------------------------------


@pytest.fixture
def tomorrow_session(world):
    """Confirmed Ani and Budi, approved Citra, withdrawn someone, in a session starting
    2 March 2026; another session starting 3 March and a cancelled one starting 2 March."""
    TrainingSession.objects.filter(pk=world.session.pk).update(capacity=5)
    world.session.refresh_from_db()
    confirmed_in(world.session, world.ani)
    confirmed_in(world.session, world.budi)
    EnrolmentFactory(session=world.session, employee=world.citra, status=S.APPROVED)
    EnrolmentFactory(session=world.session, status=S.WITHDRAWN)
    later = TrainingSessionFactory(code="PLT-LUSA", start_date=date(2026, 3, 3), end_date=date(2026, 3, 3))
    confirmed_in(later, EmployeeFactory(email="lusa@dinas.test"))
    cancelled = TrainingSessionFactory(
        code="PLT-BATAL",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 2),
        status=SessionStatus.CANCELLED,
    )
    EnrolmentFactory(
        session=cancelled, status=S.CANCELLED, employee=EmployeeFactory(email="batal@dinas.test")
    )
    return world.session


def test_the_reminder_goes_to_confirmed_participants_the_day_before_once(
    world, tomorrow_session, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert enrolment_reminders_queue(today=date(2026, 3, 1)) == 2
    assert sorted(sent(mailoutbox)) == [
        (["ani@dinas-a.test"], subject("reminder", tomorrow_session)),
        (["budi@akun.test"], subject("reminder", tomorrow_session)),
    ]
    assert "Senin, 2 Maret 2026, 08:00–16:00" in mailoutbox[0].body
    # A second run the same day, and a run the day before that, send nothing more.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert enrolment_reminders_queue(today=date(2026, 3, 1)) == 0
        assert enrolment_reminders_queue(today=date(2026, 2, 28)) == 0
    assert mailoutbox == []
    assert AuditEvent.objects.filter(action="training.enrolment.remind").count() == 2


def test_a_reminder_for_a_seat_given_up_before_sending_is_dropped(
    world, tomorrow_session, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment_reminders_queue(today=date(2026, 3, 1))
    ani = tomorrow_session.enrolments.get(employee=world.ani)
    enrolment_withdraw(enrolment=ani, actor=world.ani_user)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert sent(mailoutbox) == [(["budi@akun.test"], subject("reminder", tomorrow_session))]


def test_the_reminder_task_uses_todays_date(world, tomorrow_session, monkeypatch, mailoutbox):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 3, 2))
    # Starting 3 March: the other session's participant only.
    assert enrolment_reminders_send() == 1
    assert list(
        AuditEvent.objects.filter(action="training.enrolment.remind").values_list("note", flat=True)
    ) == ["2026-03-03"]


def test_the_tasks_are_limited_and_the_reminder_is_registered_with_beat():
    from django_celery_beat.schedulers import DatabaseScheduler

    for task in (enrolment_email_send, enrolment_reminders_send):
        assert task.acks_late is True
        assert task.name in celery_app.tasks
    assert (enrolment_email_send.soft_time_limit, enrolment_email_send.time_limit) == (60, 90)
    assert (enrolment_reminders_send.soft_time_limit, enrolment_reminders_send.time_limit) == (240, 300)
    fields = celery_app.conf.beat_schedule["training-enrolment-reminders"]
    DatabaseScheduler.Entry.from_entry("training-enrolment-reminders", app=celery_app, **fields)
    task = PeriodicTask.objects.get(name="training-enrolment-reminders")
    assert (task.task, task.enabled, task.expire_seconds) == (
        "penata.training.tasks.enrolment_reminders_send",
        True,
        3000,
    )
    assert (task.crontab.minute, task.crontab.hour) == ("5", "7-20")
