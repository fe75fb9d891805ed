import re
import smtplib
import uuid

import pytest

# ``.get()`` below reads an eager result; an in-process Celery worker started earlier in the
# same test process (test_celery_worker) leaves Celery's "inside a worker" flag set, under
# which a plain ``.get()`` refuses to block.
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from penata.core.tasks import email_send

RESET_LINK = re.compile(r"http://testserver(?P<path>/accounts/reset/(?P<uid>[\w-]+)/(?P<token>[\w-]+)/)")


class FlakyBackend(LocmemBackend):
    """Fails the first ``failures`` sends with the configured error, then delivers."""

    failures = 0
    error: Exception = smtplib.SMTPServerDisconnected("mail server unavailable")
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise type(self).error
        return super().send_messages(messages)


@pytest.fixture
def flaky_backend(settings, monkeypatch):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    # Run the retries in-process as a worker would, instead of raising the first one.
    monkeypatch.setitem(email_send.app.conf, "task_eager_propagates", False)
    FlakyBackend.calls = 0
    yield FlakyBackend
    FlakyBackend.failures = 0
    FlakyBackend.error = smtplib.SMTPServerDisconnected("mail server unavailable")


def send(task_id: str | None = None, **kwargs):
    payload = {"to": ["asn@example.test"], "subject": "Halo", "body": "Isi pesan"} | kwargs
    return email_send.apply(kwargs=payload, task_id=task_id or str(uuid.uuid4()))


def test_email_send_delivers_plain_and_html():
    result = send(html_body="<p>Isi pesan</p>")

    assert result.get(disable_sync_subtasks=False) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["asn@example.test"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "Halo"
    assert message.body == "Isi pesan"
    assert message.alternatives == [("<p>Isi pesan</p>", "text/html")]


def test_email_send_without_recipients_sends_nothing():
    assert send(to=["", ""]).get(disable_sync_subtasks=False) == 0
    assert mail.outbox == []


def test_email_send_redelivered_message_is_sent_once():
    task_id = str(uuid.uuid4())

    assert send(task_id=task_id).get(disable_sync_subtasks=False) == 1
    assert send(task_id=task_id).get(disable_sync_subtasks=False) == 0
    assert len(mail.outbox) == 1


def test_email_send_retries_when_the_mail_server_is_down(flaky_backend):
    flaky_backend.failures = 2

    result = send()

    assert result.get(disable_sync_subtasks=False) == 1
    assert flaky_backend.calls == 3
    assert len(mail.outbox) == 1


def test_email_send_does_not_retry_a_refused_recipient(flaky_backend):
    flaky_backend.failures = 1
    flaky_backend.error = smtplib.SMTPRecipientsRefused({"asn@example.test": (550, b"no")})

    result = send()

    assert isinstance(result.result, smtplib.SMTPRecipientsRefused)
    assert flaky_backend.calls == 1
    assert mail.outbox == []


def test_email_send_gives_up_after_max_retries(flaky_backend):
    flaky_backend.failures = 100

    result = send()

    assert isinstance(result.result, smtplib.SMTPServerDisconnected)
    assert flaky_backend.calls == email_send.max_retries + 1
    assert mail.outbox == []


def test_email_send_has_time_limits():
    assert (email_send.soft_time_limit, email_send.time_limit) == (60, 90)


def test_password_reset_queues_one_email_after_commit(client, make_user, django_capture_on_commit_callbacks):
    user = make_user(username="siti", email="siti@example.test")

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("accounts:password_reset"), {"email": "SITI@example.test"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    # Nothing leaves before the transaction commits.
    assert len(callbacks) == 1
    assert mail.outbox == []

    callbacks[0]()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@example.test"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "\n" not in message.subject
    links = RESET_LINK.findall(message.body)
    assert len(links) == 1
    path, uid, token = links[0]
    assert uid == urlsafe_base64_encode(force_bytes(user.pk))
    assert default_token_generator.check_token(user, token) is True
    # The link works: Django swaps the token into the session and asks for a new password.
    confirm = client.get(path)
    assert confirm.status_code == 302
    assert confirm["Location"] == f"/accounts/reset/{uid}/set-password/"


def test_password_reset_for_unknown_email_sends_nothing(
    client, make_user, django_capture_on_commit_callbacks
):
    make_user(username="siti", email="siti@example.test")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.test"})

    # Same answer as for a known address, so the page does not reveal who has an account.
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert callbacks == []
    assert mail.outbox == []


def test_password_reset_when_the_queue_is_down_logs_and_still_answers(
    client, make_user, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    make_user(username="siti", email="siti@example.test")

    def broker_down(**kwargs):
        raise ConnectionRefusedError("broker unavailable")

    monkeypatch.setattr(email_send, "delay", broker_down)
    with (
        caplog.at_level("ERROR", logger="django.db.backends.base"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = client.post(reverse("accounts:password_reset"), {"email": "siti@example.test"})

    # Like Django's own form: a delivery problem is logged, never shown to the visitor.
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(callbacks) == 1
    assert mail.outbox == []
    assert [record.exc_info[0] for record in caplog.records] == [ConnectionRefusedError]
