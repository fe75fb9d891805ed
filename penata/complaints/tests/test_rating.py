"""The reporter's rating of the answer: only the reporter, only once answered, 1–5, a
second rating replaces the first, one event each time."""

import pytest
from django.core.exceptions import ValidationError

from penata.accounts.models import Role
from penata.complaints import services
from penata.complaints.models import ComplaintRating, ComplaintStatus
from penata.core.errors import InvalidTransition, PermissionDenied
from penata.core.events import events_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(submit, verifier, officer_a, agency_a):
    complaint, secret = submit()
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    services.complaint_answer(complaint=complaint, answer="Jalan sudah ditambal.", actor=officer_a)
    complaint.refresh_from_db()
    return complaint, secret


def rated_events(complaint):
    return list(events_for(subject=complaint).filter(action="complaint.rated").order_by("id"))


def test_reporter_rates_with_the_secret(answered):
    complaint, secret = answered
    rating = services.complaint_rate(complaint=complaint, score=4, comment=" Cepat. ", secret=secret)
    assert (rating.complaint_id, rating.score, rating.comment) == (complaint.pk, 4, "Cepat.")
    [event] = rated_events(complaint)
    assert (event.actor_id, event.from_state, event.to_state, event.note) == (None, None, {"score": 4}, "")


def test_a_second_rating_replaces_the_first(answered):
    complaint, secret = answered
    first = services.complaint_rate(complaint=complaint, score=2, comment="Lambat.", secret=secret)
    second = services.complaint_rate(complaint=complaint, score=5, comment="", secret=secret)
    assert second.pk == first.pk
    assert list(ComplaintRating.objects.values_list("complaint_id", "score", "comment")) == [
        (complaint.pk, 5, "")
    ]
    assert [(event.from_state, event.to_state) for event in rated_events(complaint)] == [
        (None, {"score": 2}),
        ({"score": 2}, {"score": 5}),
    ]


def test_a_finished_report_can_be_rated_by_the_signed_in_reporter(
    submit, verifier, officer_a, agency_a, make_user
):
    reporter = make_user(Role.CITIZEN, None, username="warga")
    complaint, _secret = submit(actor=reporter)
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    services.complaint_answer(complaint=complaint, answer="Selesai.", actor=officer_a)
    services.complaint_accept(complaint=complaint, actor=reporter)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.FINISHED
    rating = services.complaint_rate(complaint=complaint, score=5, actor=reporter)
    assert rating.score == 5
    assert rated_events(complaint)[0].actor_id == reporter.pk


@pytest.mark.parametrize("score", [0, 6, -1, "5", None, True])
def test_score_out_of_range_is_refused(answered, score):
    complaint, secret = answered
    with pytest.raises(ValidationError) as error:
        services.complaint_rate(complaint=complaint, score=score, secret=secret)
    assert error.value.message_dict == {"score": ["Choose a score from 1 to 5."]}
    assert ComplaintRating.objects.count() == 0
    assert rated_events(complaint) == []


def test_overlong_comment_is_refused(answered):
    complaint, secret = answered
    with pytest.raises(ValidationError) as error:
        services.complaint_rate(complaint=complaint, score=3, comment="x" * 2001, secret=secret)
    assert error.value.message_dict == {"comment": ["The comment is at most 2000 characters long."]}
    assert ComplaintRating.objects.count() == 0


@pytest.mark.parametrize("who", ["nobody", "wrong_secret", "other_citizen", "officer"])
def test_only_the_reporter_rates(answered, who, make_user, officer_a):
    complaint, _secret = answered
    kwargs = {
        "nobody": {},
        "wrong_secret": {"secret": "SALAHSALAHSALAHSALAH"},
        "other_citizen": {"actor": make_user(Role.CITIZEN, None, username="lain")},
        "officer": {"actor": officer_a},
    }[who]
    with pytest.raises(PermissionDenied, match=r"^Only the reporter can do this[.]$"):
        services.complaint_rate(complaint=complaint, score=1, **kwargs)
    assert ComplaintRating.objects.count() == 0
    assert rated_events(complaint) == []


def test_a_report_without_an_answer_cannot_be_rated(submit, verifier, agency_a):
    complaint, secret = submit()
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    with pytest.raises(InvalidTransition, match=r"^A report can be rated once it has been answered[.]$"):
        services.complaint_rate(complaint=complaint, score=3, secret=secret)
    assert ComplaintRating.objects.count() == 0
    assert rated_events(complaint) == []
