"""Following a public report by email: double opt-in, idempotent, capped, public reports only."""

import pytest
from django.core import signing
from django.core.exceptions import ValidationError

from penata.complaints import services
from penata.complaints.models import ComplaintFollower, ComplaintStatus
from penata.complaints.services import following
from penata.core.errors import ApplicationError
from penata.core.events import events_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(submit, verifier, agency_a):
    complaint, _secret = submit()
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    complaint.refresh_from_db()
    return complaint


def follow_events(complaint):
    return list(
        events_for(subject=complaint)
        .filter(action__in=["complaint.followed", "complaint.unfollowed"])
        .order_by("id")
        .values_list("action", "from_state", "to_state")
    )


def test_follow_request_emails_a_link_and_writes_nothing(
    published, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = services.complaint_follow_request(
            complaint=published, email=" Warga@Example.TEST ", confirm_url="https://penata.test/ikut/abc"
        )
    assert email == "warga@example.test"
    [message] = mailoutbox
    assert message.to == ["warga@example.test"]
    assert message.subject == f"Follow report {published.tracking_code}"
    assert "https://penata.test/ikut/abc" in message.body
    assert ComplaintFollower.objects.count() == 0
    assert follow_events(published) == []


def test_follow_is_idempotent_and_recorded_once(published):
    first = services.complaint_follow(complaint=published, email="warga@example.test")
    again = services.complaint_follow(complaint=published, email="WARGA@example.test")
    assert again.pk == first.pk
    assert list(ComplaintFollower.objects.values_list("complaint_id", "email")) == [
        (published.pk, "warga@example.test")
    ]
    assert follow_events(published) == [("complaint.followed", None, {"follower": first.pk, "followers": 1})]


def test_followers_get_the_status_emails(
    published, officer_a, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.PENATA_SITE_URL = "http://penata.test/"
    services.complaint_follow(complaint=published, email="warga@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_answer(complaint=published, answer="Sudah diperbaiki.", actor=officer_a)
    assert sorted(message.to[0] for message in mailoutbox) == ["siti@example.test", "warga@example.test"]
    by_address = {message.to[0]: message for message in mailoutbox}
    status_url = f"http://penata.test/complaints/r/{published.tracking_code}/"
    reporter, follower = by_address["siti@example.test"], by_address["warga@example.test"]
    assert reporter.subject == f"Your report {published.tracking_code}: Answered"
    assert status_url in reporter.body
    assert "stop following" not in reporter.body
    assert follower.subject == f"Report {published.tracking_code} that you follow: Answered"
    assert status_url in follower.body
    # The follower's own link to stop following: a signed token for this report and address.
    stop = follower.body.rsplit("\n", 1)[-1]
    prefix = f"http://penata.test/complaints/r/{published.tracking_code}/follow/"
    assert stop.startswith(prefix)
    token = stop.removeprefix(prefix).rstrip("/")
    assert following.follow_token_read(token=token) == (published.tracking_code, "warga@example.test")


def test_unfollow(published):
    follower = services.complaint_follow(complaint=published, email="warga@example.test")
    assert services.complaint_unfollow(complaint=published, email="warga@example.test") is True
    assert services.complaint_unfollow(complaint=published, email="warga@example.test") is False
    assert ComplaintFollower.objects.count() == 0
    assert follow_events(published)[1:] == [("complaint.unfollowed", {"follower": follower.pk}, None)]


def test_followers_are_capped(published, monkeypatch, mailoutbox, django_capture_on_commit_callbacks):
    monkeypatch.setattr(following, "FOLLOWERS_MAX", 2)
    services.complaint_follow(complaint=published, email="a@example.test")
    services.complaint_follow(complaint=published, email="b@example.test")
    with pytest.raises(ApplicationError, match=r"^This report has as many followers as it can have[.]$"):
        services.complaint_follow(complaint=published, email="c@example.test")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ApplicationError, match="as many followers"),
    ):
        services.complaint_follow_request(complaint=published, email="c@example.test", confirm_url="u")
    # An existing follower is still answered (idempotent), and gets their link again.
    assert services.complaint_follow(complaint=published, email="a@example.test").email == "a@example.test"
    assert ComplaintFollower.objects.count() == 2
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("privacy", "status", "message"),
    [
        ("confidential", ComplaintStatus.DISPATCHED, "Only a public report can be followed."),
        ("public", ComplaintStatus.SUBMITTED, "Only a public report can be followed."),
        ("public", ComplaintStatus.NEEDS_INFO, "Only a public report can be followed."),
        ("public", ComplaintStatus.FINISHED, "This report is closed: there will be no more updates."),
    ],
)
def test_only_open_published_reports_can_be_followed(submit, agency_a, privacy, status, message, mailoutbox):
    complaint, _secret = submit(privacy=privacy)
    complaint.status, complaint.agency = status, agency_a
    complaint.save(update_fields=["status", "agency"])
    with pytest.raises(ApplicationError, match=message):
        services.complaint_follow(complaint=complaint, email="warga@example.test")
    with pytest.raises(ApplicationError, match=message):
        services.complaint_follow_request(complaint=complaint, email="warga@example.test", confirm_url="u")
    assert ComplaintFollower.objects.count() == 0
    assert follow_events(complaint) == []
    assert mailoutbox == []


@pytest.mark.parametrize("email", ["", "bukan-email", "a@", "@example.test"])
def test_invalid_email_is_refused(published, email):
    with pytest.raises(ValidationError) as error:
        services.complaint_follow(complaint=published, email=email)
    assert error.value.message_dict == {"email": ["Enter a valid email address."]}
    assert ComplaintFollower.objects.count() == 0


def test_token_round_trip_and_tampering(published):
    token = services.follow_token_make(complaint=published, email="warga@example.test")
    assert services.follow_token_read(token=token) == (published.tracking_code, "warga@example.test")
    with pytest.raises(ValidationError) as error:
        services.follow_token_read(token=token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert error.value.messages == ["This link is not valid."]
    stale = signing.dumps(
        {"code": published.tracking_code, "email": "x@example.test"}, salt="penata.complaints.follow"
    )
    with pytest.raises(ValidationError) as error:
        services.follow_token_read(token=stale, max_age=-1)
    assert error.value.messages == ["This link has expired: ask to follow the report again."]
