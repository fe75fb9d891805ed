"""Citizen-facing pages: tracking, the status page and the reporter's actions, following,
the public list and map, the agencies' figures. Privacy first: who sees which report, and
that no public page ever carries a reporter's identity."""

import time
from datetime import datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from penata.accounts.models import Role
from penata.complaints import public_throttle, selectors_public, services, views_public
from penata.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintFollower,
    ComplaintRating,
    ComplaintStatus,
    Step,
)
from penata.complaints.reporter_access import MAX_UNLOCKED, UNLOCKED_COOKIE
from penata.complaints.tracking import ALPHABET
from penata.core.events import events_for
from penata.core.workdays import WIT

from .factories import ComplaintCategoryFactory, ComplaintFactory

pytestmark = pytest.mark.django_db

TRACK = reverse("complaints:track")
LIST = reverse("complaints:public_list")
MAP = reverse("complaints:public_map")
POINTS = reverse("complaints:public_map_points")
STATS = reverse("complaints:agency_stats")

NAME, EMAIL, PHONE = "Siti Rahma", "siti@example.test", "081298765432"
IDENTITY = (NAME, EMAIL, PHONE)


def status_url(code: str) -> str:
    return reverse("complaints:status", kwargs={"code": code})


def action_url(name: str, code: str) -> str:
    return reverse(f"complaints:status_{name}", kwargs={"code": code})


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def english_client(**defaults) -> Client:
    fresh = Client(**defaults)
    fresh.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return fresh


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reports(submit, verifier, agency_a):
    """One report of each kind of visibility, all from Siti (identity on file), all with a secret."""
    made = {}
    for key, privacy, dispatch in [
        ("public", "public", True),
        ("anonymous", "anonymous", True),
        ("confidential", "confidential", True),
        ("unverified", "public", False),
    ]:
        identity = (
            {"reporter_name": "", "reporter_email": ""}
            if privacy == "anonymous"
            else {"reporter_name": NAME, "reporter_email": EMAIL, "reporter_phone": PHONE}
        )
        complaint, secret = submit(
            privacy=privacy,
            description=f"Laporan {key}: jalan di Guraping berlubang.",
            kecamatan="Oba Utara",
            kelurahan="Guraping",
            address="Jl. Rumah Pelapor 7",
            **identity,
        )
        if dispatch:
            services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
        complaint.refresh_from_db()
        made[key] = (complaint, secret)
    return made


def unlock(client, complaint, secret):
    response = client.post(TRACK, {"code": complaint.tracking_code, "secret": secret})
    assert response.status_code == 302
    assert response["Location"] == status_url(complaint.tracking_code)


def assert_no_identity(response):
    content = response.content.decode()
    for value in IDENTITY:
        assert value not in content
    assert "Jl. Rumah Pelapor 7" not in content


# --- privacy table --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [("public", 200), ("anonymous", 200), ("confidential", 404), ("unverified", 404)],
)
def test_status_page_for_the_public(client, reports, key, expected):
    complaint, _secret = reports[key]
    response = client.get(status_url(complaint.tracking_code))
    assert response.status_code == expected
    assert_no_identity(response)
    content = response.content.decode()
    if expected == 200:
        assert f"Laporan {key}" in content
        assert "Dinas A" in content
        assert "Guraping, Oba Utara" in content
        assert response.context["reporter"] is False
        assert 'data-testid="follow-form"' in content
        assert 'data-testid="reporter-banner"' not in content
    else:
        assert f"Laporan {key}" not in content
        assert 'data-testid="secret-hint"' in content
        assert reverse("complaints:track") in content


@pytest.mark.parametrize("key", ["public", "anonymous", "confidential", "unverified"])
def test_status_page_for_the_reporter_with_the_secret(client, reports, key):
    complaint, secret = reports[key]
    unlock(client, complaint, secret)
    response = client.get(status_url(complaint.tracking_code))
    assert response.status_code == 200
    assert response.context["reporter"] is True
    assert response["Cache-Control"] == "private, no-store"
    content = response.content.decode()
    assert f"Laporan {key}" in content
    assert 'data-testid="reporter-banner"' in content
    # Even the reporter's own page repeats no name, email or phone.
    for value in IDENTITY:
        assert value not in content


def test_secret_of_one_report_unlocks_only_that_report(client, reports):
    confidential, secret = reports["confidential"]
    unverified, _ = reports["unverified"]
    unlock(client, confidential, secret)
    assert client.get(status_url(unverified.tracking_code)).status_code == 404
    response = client.post(TRACK, {"code": unverified.tracking_code, "secret": secret})
    assert response.status_code == 200
    assert response.context["form"].errors == {"secret": ["The secret does not match this report."]}


# --- the unlocked reports, in a signed cookie --------------------------------------------------


def signing_clock_moved(monkeypatch, seconds: int) -> None:
    """Signed values are checked as if ``seconds`` had passed."""
    now = time.time() + seconds
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: now))


@pytest.mark.parametrize("secure", [False, True])
def test_the_unlocked_codes_travel_in_a_signed_httponly_cookie_not_the_session(
    client, reports, settings, secure
):
    settings.SESSION_COOKIE_SECURE = secure
    complaint, secret = reports["confidential"]
    response = client.post(TRACK, {"code": complaint.tracking_code, "secret": secret})
    cookie = response.cookies[UNLOCKED_COOKIE]
    assert (cookie["path"], cookie["max-age"], cookie["httponly"], cookie["samesite"], cookie["secure"]) == (
        "/complaints/",
        settings.SESSION_COOKIE_AGE,
        True,
        "Lax",
        True if secure else "",
    )
    # The code (signed), never the secret.
    assert complaint.tracking_code in cookie.value and secret not in cookie.value
    # Sent wherever it is read: the track and status pages and the attachment downloads.
    urls = (TRACK, status_url(complaint.tracking_code), reverse("complaints:attachment", kwargs={"pk": 1}))
    assert all(url.startswith(cookie["path"]) for url in urls)
    assert Session.objects.count() == 0
    assert client.get(status_url(complaint.tracking_code)).status_code == 200
    assert Session.objects.count() == 0


def test_a_tampered_unlocked_cookie_unlocks_nothing(client, reports):
    confidential, secret = reports["confidential"]
    unverified, _ = reports["unverified"]
    unlock(client, confidential, secret)
    signed = client.cookies[UNLOCKED_COOKIE].value
    for forged in (
        signed.replace(confidential.tracking_code, unverified.tracking_code),
        "|" + unverified.tracking_code,
        signing.get_cookie_signer(salt="another").sign("|" + unverified.tracking_code),
    ):
        client.cookies[UNLOCKED_COOKIE] = forged
        assert client.get(status_url(unverified.tracking_code)).status_code == 404
        assert client.get(status_url(confidential.tracking_code)).status_code == 404


def test_an_expired_unlocked_cookie_unlocks_nothing(client, reports, monkeypatch):
    complaint, secret = reports["confidential"]
    unlock(client, complaint, secret)
    signing_clock_moved(monkeypatch, settings.SESSION_COOKIE_AGE - 60)
    assert client.get(status_url(complaint.tracking_code)).status_code == 200
    signing_clock_moved(monkeypatch, settings.SESSION_COOKIE_AGE + 1)
    assert client.get(status_url(complaint.tracking_code)).status_code == 404


def test_the_unlocked_list_keeps_the_newest_codes(client, submit):
    filed = [submit(privacy="confidential") for _ in range(MAX_UNLOCKED + 2)]
    for complaint, secret in filed[: MAX_UNLOCKED + 1]:
        unlock(client, complaint, secret)

    def opens(index: int) -> bool:
        response = client.get(status_url(filed[index][0].tracking_code))
        assert response.status_code in (200, 404)
        return response.status_code == 200

    assert [opens(i) for i in range(MAX_UNLOCKED + 1)] == [False] + [True] * MAX_UNLOCKED
    # Twenty codes still make a short cookie value that needs no quoting.
    value = client.cookies[UNLOCKED_COOKIE].OutputString()
    assert len(value) < 600 and '"' not in value
    # Giving a secret again makes that code the newest: the oldest other one drops out.
    unlock(client, *filed[1])
    unlock(client, *filed[MAX_UNLOCKED + 1])
    assert [opens(i) for i in range(MAX_UNLOCKED + 2)] == [False, True, False] + [True] * (MAX_UNLOCKED - 1)


def test_reports_unlocked_while_signed_in_are_locked_again_after_signing_out(client, reports, make_user):
    confidential, secret = reports["confidential"]
    unverified, unverified_secret = reports["unverified"]
    unlock(client, unverified, unverified_secret)  # before signing in: kept, as session data is
    client.force_login(make_user(Role.CITIZEN, None, username="warga"))
    assert client.get(status_url(unverified.tracking_code)).status_code == 200
    unlock(client, confidential, secret)
    assert client.get(status_url(confidential.tracking_code)).status_code == 200
    client.force_login(make_user(Role.CITIZEN, None, username="tetangga"))
    assert client.get(status_url(confidential.tracking_code)).status_code == 404
    client.post(reverse("accounts:logout"))
    assert UNLOCKED_COOKIE in client.cookies
    for complaint in (confidential, unverified):
        assert client.get(status_url(complaint.tracking_code)).status_code == 404


def test_signed_in_reporter_needs_no_secret_and_others_get_404(client, submit, make_user, verifier, agency_a):
    reporter = make_user(Role.CITIZEN, None, username="warga")
    complaint, _secret = submit(actor=reporter, privacy="confidential")
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    client.force_login(reporter)
    response = client.get(status_url(complaint.tracking_code))
    assert (response.status_code, response.context["reporter"]) == (200, True)
    # Their own reports are listed on the track page.
    assert [r.tracking_code for r in client.get(TRACK).context["own_reports"]] == [complaint.tracking_code]
    client.force_login(make_user(Role.CITIZEN, None, username="tetangga"))
    assert client.get(status_url(complaint.tracking_code)).status_code == 404
    client.force_login(verifier)  # staff use the inbox; the public page stays public-only
    assert client.get(status_url(complaint.tracking_code)).status_code == 404


def test_status_url_is_canonicalised_and_nonsense_is_404(client, reports):
    complaint, _ = reports["public"]
    sloppy = complaint.tracking_code.replace("-", "").lower()
    response = client.get(status_url(sloppy))
    assert (response.status_code, response["Location"]) == (302, status_url(complaint.tracking_code))
    assert client.get(status_url("LPR-XXXX-XXXX")).status_code == 404
    unknown = services_free_code()
    assert client.get(status_url(unknown)).status_code == 404


def services_free_code() -> str:
    from penata.complaints.tracking import tracking_code_generate

    while True:
        code = tracking_code_generate()
        if not Complaint.objects.filter(tracking_code=code).exists():
            return code


# --- the track form -------------------------------------------------------------------------


def test_track_accepts_lower_case_and_missing_dashes(client, reports):
    complaint, _ = reports["public"]
    typed = " " + complaint.tracking_code.lower().replace("-", "") + " "
    response = client.post(TRACK, {"code": typed})
    assert (response.status_code, response["Location"]) == (302, status_url(complaint.tracking_code))
    body = complaint.tracking_code[4:].replace("-", "")
    response = client.post(TRACK, {"code": body})
    assert response["Location"] == status_url(complaint.tracking_code)


def mistype(code: str) -> str:
    """Change the first random character: the check character then fails."""
    body = code[4:8] + code[9:]
    changed = ALPHABET[(ALPHABET.index(body[0]) + 1) % len(ALPHABET)] + body[1:]
    return f"LPR-{changed[:4]}-{changed[4:]}"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "This field is required."),
        ("LPR-12AB-CDEF", "A tracking code never contains 1."),
        ("LPR-7K3M-Q9X", "A tracking code has 8 characters after LPR, like LPR-7K3M-Q9XA."),
        ("MISTYPED", "This code is mistyped: a character is wrong or two are swapped."),
        ("UNKNOWN", "No report has the code"),
    ],
)
def test_track_says_what_is_wrong_with_the_code(client, reports, typed, message):
    complaint, _ = reports["public"]
    if typed == "MISTYPED":
        typed = mistype(complaint.tracking_code)
    elif typed == "UNKNOWN":
        typed = services_free_code()
    response = client.post(TRACK, {"code": typed})
    assert response.status_code == 200
    [error] = response.context["form"].errors["code"]
    assert error.startswith(message)
    assert "_auth_user_id" not in client.session and UNLOCKED_COOKIE not in client.cookies


def test_track_without_secret_for_a_non_public_report_asks_for_it(client, reports):
    complaint, _ = reports["confidential"]
    response = client.post(TRACK, {"code": complaint.tracking_code})
    assert response.context["form"].errors == {
        "secret": ["This report is not public: enter the secret you received when you filed it."]
    }


def test_wrong_secret_unlocks_nothing(client, reports):
    complaint, _ = reports["confidential"]
    response = client.post(TRACK, {"code": complaint.tracking_code, "secret": "SALAHSALAHSALAHSALAH"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"secret": ["The secret does not match this report."]}
    assert UNLOCKED_COOKIE not in client.cookies
    assert client.get(status_url(complaint.tracking_code)).status_code == 404


def test_wrong_secrets_are_throttled_per_session(client, reports):
    complaint, secret = reports["confidential"]
    for _ in range(public_throttle.SESSION_LIMIT):
        client.post(TRACK, {"code": complaint.tracking_code, "secret": "SALAHSALAHSALAHSALAH"})
    # Even the right secret is not checked now.
    response = client.post(TRACK, {"code": complaint.tracking_code, "secret": secret})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "secret": ["Too many wrong secrets. For your security, wait 15 minutes before trying again."]
    }
    assert UNLOCKED_COOKIE not in client.cookies
    # A published report still opens without a secret.
    public, _ = reports["public"]
    assert client.post(TRACK, {"code": public.tracking_code})["Location"] == status_url(public.tracking_code)
    cache.clear()  # the window is over
    unlock(client, complaint, secret)


def test_wrong_secrets_are_throttled_per_address_across_sessions(reports):
    complaint, secret = reports["confidential"]
    for _ in range(public_throttle.ADDRESS_LIMIT // public_throttle.SESSION_LIMIT):
        fresh = english_client()  # a new cookie jar each time, as a bot would
        for _ in range(public_throttle.SESSION_LIMIT):
            fresh.post(TRACK, {"code": complaint.tracking_code, "secret": "SALAHSALAHSALAHSALAH"})
    fresh = english_client()
    response = fresh.post(TRACK, {"code": complaint.tracking_code, "secret": secret})
    assert response.context["form"].errors["secret"] == [
        "Too many wrong secrets. For your security, wait 15 minutes before trying again."
    ]
    other = english_client(REMOTE_ADDR="10.9.8.7")
    unlock(other, complaint, secret)


# --- timeline --------------------------------------------------------------------------------


def test_timeline_shows_statuses_and_agencies_never_officers_or_notes(
    client, reports, officer_a, agency_b, verifier, make_user
):
    complaint, _ = reports["anonymous"]
    officer_a.full_name = "Petugas Rahasia"
    officer_a.save()
    services.complaint_assign(complaint=complaint, officer=officer_a, actor=officer_a)
    services.complaint_refer(
        complaint=complaint, agency=agency_b, actor=officer_a, reason="Catatan internal: bukan wewenang kami."
    )
    officer_b = make_user(Role.COMPLAINT_OFFICER, agency_b, username="officer_b", full_name="Petugas Dua")
    services.complaint_answer(complaint=complaint, answer="Lubang sudah ditambal.", actor=officer_b)
    response = client.get(status_url(complaint.tracking_code))
    assert response.status_code == 200
    timeline = response.context["timeline"]
    assert [(entry.action, entry.agency, entry.previous_agency, entry.status) for entry in timeline] == [
        ("complaint.submitted", "", "", "Submitted"),
        ("complaint.dispatch", "Dinas A", "", "Dispatched to an agency"),
        ("complaint.refer", "Dinas B", "Dinas A", "Dispatched to an agency"),
        ("complaint.answer", "Dinas B", "", "Answered"),
    ]
    content = response.content.decode()
    for hidden in ("Petugas Rahasia", "Petugas Dua", "Catatan internal", "officer_a", verifier.full_name):
        assert hidden not in content
    assert "Lubang sudah ditambal." in content  # the answer is public


def test_needs_info_shows_the_question_to_the_reporter_only(client, submit, verifier):
    complaint, secret = submit(privacy="public")
    services.complaint_request_info(complaint=complaint, actor=verifier, question="Di RT berapa lubangnya?")
    unlock(client, complaint, secret)
    response = client.get(status_url(complaint.tracking_code))
    assert response.context["question"] == "Di RT berapa lubangnya?"
    assert 'data-testid="supplement-form"' in response.content.decode()


def test_attachments_only_for_the_reporter(client, reports, officer_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    complaint, secret = reports["public"]
    for kind, name in [("report", "foto-jalan.png"), ("answer", "surat-balasan.pdf")]:
        ComplaintAttachment.objects.create(
            complaint=complaint,
            kind=kind,
            file=ContentFile(b"x" * 10, name="x.bin"),
            original_name=name,
            content_type="image/png" if kind == "report" else "application/pdf",
            size=10,
            sha256="0" * 64,
        )
    services.complaint_answer(complaint=complaint, answer="Sudah.", actor=officer_a)
    public = client.get(status_url(complaint.tracking_code)).content.decode()
    assert "foto-jalan.png" not in public and "surat-balasan.pdf" not in public
    unlock(client, complaint, secret)
    response = client.get(status_url(complaint.tracking_code))
    report_file, answer_file = ComplaintAttachment.objects.order_by("id")
    assert [a.original_name for a in response.context["report_attachments"]] == ["foto-jalan.png"]
    assert [a.original_name for a in response.context["answer_attachments"]] == ["surat-balasan.pdf"]
    content = response.content.decode()
    for attachment in (report_file, answer_file):
        assert reverse("complaints:attachment", kwargs={"pk": attachment.pk}) in content


# --- the reporter's actions -----------------------------------------------------------------


@pytest.fixture
def answered(submit, verifier, officer_a, agency_a):
    complaint, secret = submit(privacy="anonymous", reporter_name="", reporter_email="")
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    services.complaint_answer(complaint=complaint, answer="Jalan sudah ditambal.", actor=officer_a)
    complaint.refresh_from_db()
    return complaint, secret


def event_actions(complaint) -> list[str]:
    return list(events_for(subject=complaint).order_by("id").values_list("action", flat=True))


def test_reporter_accepts_with_the_secret(client, answered):
    complaint, secret = answered
    unlock(client, complaint, secret)
    page = client.get(status_url(complaint.tracking_code))
    assert set(page.context["forms"]) == {"accept", "reopen", "rate", "follow"}
    response = client.post(action_url("accept", complaint.tracking_code), {"accept-secret": secret})
    assert (response.status_code, response["Location"]) == (
        302,
        status_url(complaint.tracking_code) + "#main",
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.FINISHED
    assert event_actions(complaint)[-1] == "complaint.accept"


def test_reporter_reopens_once_with_a_reason(client, answered, officer_a):
    complaint, secret = answered
    unlock(client, complaint, secret)
    response = client.post(action_url("reopen", complaint.tracking_code), {"reopen-secret": secret})
    assert response.status_code == 400
    assert response.context["forms"]["reopen"].errors == {"reason": ["This field is required."]}
    complaint.refresh_from_db()
    assert (complaint.status, complaint.reopen_count) == (ComplaintStatus.ANSWERED, 0)

    response = client.post(
        action_url("reopen", complaint.tracking_code),
        {"reopen-secret": secret, "reopen-reason": "Lubang di sebelahnya belum."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.reopen_count, complaint.step) == (
        ComplaintStatus.DISPATCHED,
        1,
        Step.FOLLOW_UP,
    )
    services.complaint_answer(complaint=complaint, answer="Sudah semua.", actor=officer_a)
    page = client.get(status_url(complaint.tracking_code))
    assert set(page.context["forms"]) == {"accept", "rate", "follow"}
    assert "cannot be reopened again" in page.content.decode()
    before = event_actions(complaint)
    response = client.post(
        action_url("reopen", complaint.tracking_code), {"reopen-secret": secret, "reopen-reason": "Lagi."}
    )
    assert response.status_code == 400
    assert response.context["forms"]["reopen"].non_field_errors() == ["A report can be reopened only once."]
    assert event_actions(complaint) == before


def test_reporter_rates_and_rerates(client, answered):
    complaint, secret = answered
    unlock(client, complaint, secret)
    url = action_url("rate", complaint.tracking_code)
    assert (
        client.post(url, {"rate-secret": secret, "rate-score": "2", "rate-comment": "Lama."}).status_code
        == 302
    )
    assert client.post(url, {"rate-secret": secret, "rate-score": "5"}).status_code == 302
    assert list(ComplaintRating.objects.values_list("complaint_id", "score", "comment")) == [
        (complaint.pk, 5, "")
    ]
    response = client.post(url, {"rate-secret": secret, "rate-score": "9"})
    assert response.status_code == 400
    assert list(response.context["forms"]["rate"].errors) == ["score"]
    assert ComplaintRating.objects.get().score == 5
    page = client.get(status_url(complaint.tracking_code))
    assert page.context["rating"].score == 5
    assert page.context["forms"]["rate"].initial == {"score": 5, "comment": ""}


def test_reporter_supplements(client, submit, verifier):
    complaint, secret = submit()
    services.complaint_request_info(complaint=complaint, actor=verifier, question="Di mana tepatnya?")
    unlock(client, complaint, secret)
    response = client.post(
        action_url("supplement", complaint.tracking_code),
        {"supplement-secret": secret, "supplement-information": "Depan SD Inpres Guraping."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.additional_information) == (
        ComplaintStatus.SUBMITTED,
        "Depan SD Inpres Guraping.",
    )


def test_signed_in_reporter_acts_without_a_secret(client, submit, make_user, verifier, officer_a, agency_a):
    reporter = make_user(Role.CITIZEN, None, username="warga")
    complaint, _ = submit(actor=reporter)
    services.complaint_dispatch(complaint=complaint, agency=agency_a, actor=verifier)
    services.complaint_answer(complaint=complaint, answer="Sudah.", actor=officer_a)
    client.force_login(reporter)
    page = client.get(status_url(complaint.tracking_code))
    assert "secret" not in page.context["forms"]["accept"].fields
    response = client.post(action_url("accept", complaint.tracking_code), {})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.FINISHED
    assert events_for(subject=complaint).filter(action="complaint.accept").get().actor_id == reporter.pk


def test_wrong_secret_on_an_action_changes_nothing_and_counts(client, answered):
    complaint, secret = answered
    unlock(client, complaint, secret)
    before = event_actions(complaint)
    response = client.post(
        action_url("accept", complaint.tracking_code), {"accept-secret": "SALAHSALAHSALAHSALAH"}
    )
    assert response.status_code == 400
    assert response.context["forms"]["accept"].errors == {
        "secret": ["The secret does not match this report."]
    }
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    assert event_actions(complaint) == before
    for _ in range(public_throttle.SESSION_LIMIT - 1):
        client.post(action_url("accept", complaint.tracking_code), {"accept-secret": "SALAHSALAHSALAHSALAH"})
    response = client.post(action_url("accept", complaint.tracking_code), {"accept-secret": secret})
    assert response.context["forms"]["accept"].errors["secret"] == [
        "Too many wrong secrets. For your security, wait 15 minutes before trying again."
    ]
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED


@pytest.mark.parametrize("action", ["accept", "reopen", "rate", "supplement"])
def test_actions_of_someone_who_did_not_unlock_are_404(client, answered, action):
    complaint, secret = answered  # published: the page itself is public
    before = event_actions(complaint)
    response = client.post(
        action_url(action, complaint.tracking_code),
        {f"{action}-secret": secret, "reopen-reason": "x", "rate-score": "1", "supplement-information": "x"},
    )
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    assert event_actions(complaint) == before
    assert ComplaintRating.objects.count() == 0


def test_action_not_allowed_in_the_current_status(client, reports):
    complaint, secret = reports["public"]  # dispatched, not answered
    unlock(client, complaint, secret)
    response = client.post(action_url("accept", complaint.tracking_code), {"accept-secret": secret})
    assert response.status_code == 400
    assert response.context["forms"]["accept"].non_field_errors() == [
        "A report that is “Dispatched to an agency” cannot be given the action “accept the answer”."
    ]
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.DISPATCHED


# --- following --------------------------------------------------------------------------------


def test_follow_by_email_with_confirmation(client, reports, mailoutbox, django_capture_on_commit_callbacks):
    complaint, _ = reports["anonymous"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            action_url("follow", complaint.tracking_code), {"follow-email": "Warga@Example.test"}
        )
    assert (response.status_code, response["Location"]) == (
        302,
        status_url(complaint.tracking_code) + "#main",
    )
    assert ComplaintFollower.objects.count() == 0
    [message] = mailoutbox
    assert message.to == ["warga@example.test"]
    link = next(line for line in message.body.splitlines() if line.startswith("http"))
    path = link.removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200
    assert page.context["following"] is False
    response = client.post(path, {"action": "follow"})
    assert response.status_code == 302
    assert list(ComplaintFollower.objects.values_list("complaint_id", "email")) == [
        (complaint.pk, "warga@example.test")
    ]
    assert client.post(path, {"action": "follow"}).status_code == 302  # idempotent
    assert ComplaintFollower.objects.count() == 1
    assert client.get(path).context["following"] is True
    client.post(path, {"action": "unfollow"})
    assert ComplaintFollower.objects.count() == 0


def test_follow_requests_are_limited(client, reports, mailoutbox, django_capture_on_commit_callbacks):
    complaint, _ = reports["public"]
    url = action_url("follow", complaint.tracking_code)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"follow-email": "warga@example.test"})
        second = client.post(url, {"follow-email": "warga@example.test"})
    assert second.status_code == 302  # the same answer, but no second email within the hour
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(public_throttle.FOLLOW_ADDRESS_LIMIT):
            client.post(url, {"follow-email": f"orang{number}@example.test"})
    # Every request counts for the client's address, the refused repeat too: 10 an hour,
    # of which one was the repeat.
    assert len(mailoutbox) == public_throttle.FOLLOW_ADDRESS_LIMIT - 1
    assert [message.to for message in mailoutbox][-1] == ["orang7@example.test"]


@pytest.mark.parametrize("key", ["confidential", "unverified"])
def test_non_public_reports_cannot_be_followed(client, reports, key, mailoutbox):
    complaint, _ = reports[key]
    response = client.post(
        action_url("follow", complaint.tracking_code), {"follow-email": "warga@example.test"}
    )
    assert response.status_code == 404
    assert mailoutbox == []


def test_follow_link_for_another_report_is_404(client, reports):
    public, _ = reports["public"]
    anonymous, _ = reports["anonymous"]
    token = services.follow_token_make(complaint=public, email="warga@example.test")
    url = reverse("complaints:follow_confirm", kwargs={"code": anonymous.tracking_code, "token": token})
    assert client.post(url, {"action": "follow"}).status_code == 404
    assert ComplaintFollower.objects.count() == 0


# --- public list -------------------------------------------------------------------------------


def test_public_list_shows_published_reports_newest_first_without_identity(client, reports):
    response = client.get(LIST)
    assert response.status_code == 200
    codes = [report.tracking_code for report in response.context["page"].object_list]
    assert codes == [reports["anonymous"][0].tracking_code, reports["public"][0].tracking_code]
    assert_no_identity(response)


@pytest.fixture
def listed(db, agency_a, agency_b):
    """Published reports made directly (no events needed for lists and figures)."""
    road = ComplaintCategoryFactory(code="JALAN", name="Jalan dan jembatan")
    water = ComplaintCategoryFactory(code="AIR", name="Air bersih")
    base = datetime(2026, 3, 2, 9, tzinfo=WIT)
    rows = [
        # (category, agency, status, kind, kecamatan, description, privacy, lat/lon)
        (
            road,
            agency_a,
            "dispatched",
            "complaint",
            "Oba Utara",
            "Jalan berlubang di Guraping",
            "public",
            True,
        ),
        (road, agency_b, "answered", "aspiration", "Oba", "Usul trotoar baru", "anonymous", True),
        (water, agency_a, "finished", "complaint", "Oba Utara", "Air PDAM mati tiga hari", "public", False),
        (
            water,
            agency_b,
            "dispatched",
            "information_request",
            "Jailolo",
            "Jadwal air bersih?",
            "public",
            True,
        ),
        (water, agency_a, "dispatched", "complaint", "Oba", "Rahasia: pungli air", "confidential", True),
        (road, agency_a, "submitted", "complaint", "Oba", "Belum diverifikasi", "public", True),
    ]
    made = []
    for number, (category, agency, status, kind, kecamatan, text, privacy, pinned) in enumerate(rows):
        made.append(
            ComplaintFactory(
                category=category,
                agency=agency if status != "submitted" else None,
                status=status,
                kind=kind,
                kecamatan=kecamatan,
                description=text,
                privacy=privacy,
                reporter_name="" if privacy == "anonymous" else NAME,
                reporter_email="" if privacy == "anonymous" else EMAIL,
                submitted_at=base + timedelta(days=number),
                latitude=Decimal("0.7") + Decimal(number) / 100 if pinned else None,
                longitude=Decimal("127.5") if pinned else None,
                answer="Jawaban." if status in ("answered", "finished") else "",
                answered_at=base + timedelta(days=number, hours=5)
                if status in ("answered", "finished")
                else None,
            )
        )
    return made


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [3, 2, 1, 0]),
        ({"category": "AIR"}, [3, 2]),
        ({"agency": "DINB"}, [3, 1]),
        ({"status": "dispatched"}, [3, 0]),
        ({"kind": "aspiration"}, [1]),
        ({"kecamatan": "Oba Utara"}, [2, 0]),
        ({"q": "guraping"}, [0]),
        ({"q": "rahasia"}, []),  # confidential reports are never found
        ({"q": "belum diverifikasi"}, []),  # nor unverified ones
        ({"category": "AIR", "agency": "DINA"}, [2]),
        ({"category": "NOPE"}, [3, 2, 1, 0]),  # an unknown value drops that filter only
        ({"status": "submitted"}, [3, 2, 1, 0]),  # not a public status: ignored
    ],
)
def test_public_list_filters(client, listed, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert [report.pk for report in response.context["page"].object_list] == [listed[i].pk for i in expected]


def test_public_list_search_needs_three_characters(client, listed):
    response = client.get(LIST, {"q": "ai"})
    assert response.context["form"].errors == {"q": ["Type at least 3 characters."]}
    assert len(response.context["page"].object_list) == 4


def test_public_list_escapes_script_tags(client, db, agency_a):
    ComplaintFactory(status="dispatched", agency=agency_a, description="<script>alert(1)</script> jalan")
    content = client.get(LIST).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; jalan" in content


@pytest.mark.parametrize("count", [3, 12])
def test_public_list_query_count_does_not_grow(client, db, agency_a, django_assert_num_queries, count):
    for _ in range(count):
        ComplaintFactory(status="dispatched", agency=agency_a, kecamatan="Oba")
    # count, page, category choices, agency choices, kecamatan choices
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == count
    assert response.context["page"].paginator.count == count
    # The count (a minute) and the districts (half an hour) come from the cache.
    with django_assert_num_queries(3):
        response = client.get(LIST)
    assert response.context["page"].paginator.count == count


def test_public_list_serves_a_limited_number_of_pages(client, db, agency_a, monkeypatch):
    monkeypatch.setattr(views_public, "REPORTS_PER_PAGE", 2)
    monkeypatch.setattr(views_public, "LIST_MAX_PAGES", 2)
    for _ in range(5):
        ComplaintFactory(status="dispatched", agency=agency_a)
    response = client.get(LIST, {"page": "3"})
    page = response.context["page"]
    assert (page.number, page.paginator.num_pages, page.paginator.count, page.paginator.capped) == (
        2,
        2,
        5,
        True,
    )
    assert 'data-testid="list-capped"' in response.content.decode()


def test_public_list_htmx_returns_only_results(client, listed):
    response = client.get(LIST, {"q": "guraping"}, HTTP_HX_REQUEST="true")
    assert next(t.name for t in response.templates) == "complaints/public/_list_results.html"


# --- map -----------------------------------------------------------------------------------


def test_map_points_are_published_pinned_reports_with_public_fields_only(client, listed):
    response = client.get(POINTS)
    assert response.status_code == 200
    data = response.json()
    assert data == {
        "points": [
            {
                "code": listed[3].tracking_code,
                "category": "Air bersih",
                "status": "dispatched",
                "lat": 0.73,
                "lon": 127.5,
            },
            {
                "code": listed[1].tracking_code,
                "category": "Jalan dan jembatan",
                "status": "answered",
                "lat": 0.71,
                "lon": 127.5,
            },
            {
                "code": listed[0].tracking_code,
                "category": "Jalan dan jembatan",
                "status": "dispatched",
                "lat": 0.7,
                "lon": 127.5,
            },
        ],
        "count": 3,
        "capped": False,
        "limit": 2000,
    }
    assert client.get(POINTS, {"category": "AIR"}).json()["count"] == 1


def test_map_points_are_capped(client, listed, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(selectors_public, "MAP_POINTS_MAX", 2)
    with django_assert_num_queries(1):
        data = client.get(POINTS).json()
    assert (data["count"], data["capped"], data["limit"]) == (2, True, 2)
    assert [point["code"] for point in data["points"]] == [listed[3].tracking_code, listed[1].tracking_code]


def test_map_page_renders_with_filters(client, listed, django_assert_num_queries):
    # the chosen category; category, agency and kecamatan choices; no points (points.json)
    with django_assert_num_queries(4):
        response = client.get(MAP, {"category": "AIR"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="complaint-map"' in content
    assert "2.000" in content or "2,000" in content or "2000" in content


# --- agency figures ----------------------------------------------------------------------------


@pytest.fixture
def figures_data(db, agency_a, agency_b, monkeypatch):
    """Reports of 2026 with known answer times; ``now`` is 1 July 2026."""
    now = datetime(2026, 7, 1, 12, tzinfo=WIT)
    day = timedelta(days=1)
    filed = datetime(2026, 3, 2, 9, tzinfo=WIT)

    def make(
        agency, status, *, answered_after=None, in_time=None, step="", due=None, privacy="public", at=filed
    ):
        return ComplaintFactory(
            agency=agency,
            status=status,
            privacy=privacy,
            submitted_at=at,
            first_answered_at=at + answered_after if answered_after else None,
            answered_at=at + answered_after if answered_after else None,
            answer="Jawaban." if answered_after else "",
            answered_within_deadline=in_time,
            step=step,
            step_started_at=at if step else None,
            step_due_at=due,
        )

    # Dinas A: answered in 1, 3 (both in time) and 10 days (late), one confidential; one
    # dispatched and overdue without an answer; one dispatched and still in time.
    make(agency_a, "finished", answered_after=1 * day, in_time=True)
    make(
        agency_a,
        "answered",
        answered_after=3 * day,
        in_time=True,
        privacy="confidential",
        step=Step.RESPONSE,
        due=now + 5 * day,
    )
    make(agency_a, "finished", answered_after=10 * day, in_time=False)
    make(agency_a, "dispatched", step=Step.FOLLOW_UP, due=now - 2 * day)
    make(agency_a, "dispatched", step=Step.FOLLOW_UP, due=now + 2 * day)
    # Dinas B: one answer after 2 days, in time; the reporter's response window is overdue
    # (that is not the agency's delay).
    make(agency_b, "answered", answered_after=2 * day, in_time=True, step=Step.RESPONSE, due=now - 1 * day)
    # Not dispatched yet: counts in the total only; overdue verification.
    make(None, "submitted", step=Step.VERIFICATION, due=now - 1 * day)
    # Another year: not counted in 2026.
    make(
        agency_a, "finished", answered_after=1 * day, in_time=True, at=datetime(2025, 12, 31, 23, tzinfo=WIT)
    )
    return now


def test_agency_figures_exact_numbers(figures_data, agency_a, agency_b):
    figures, total = selectors_public.agency_figures(year=2026, now=figures_data)
    by_code = {row.code: row for row in figures}
    a, b = by_code["DINA"], by_code["DINB"]
    assert (a.received, a.answered, a.answered_in_time, a.late_unanswered, a.open, a.overdue) == (
        5,
        3,
        2,
        1,
        3,
        1,
    )
    assert a.within_deadline_percent == 50.0  # 2 in time of 3 answered + 1 late without answer
    assert a.median_days == pytest.approx(3.0)
    assert (b.received, b.answered, b.answered_in_time, b.open, b.overdue) == (1, 1, 1, 1, 0)
    assert b.within_deadline_percent == 100.0
    assert b.median_days == pytest.approx(2.0)
    assert (total.received, total.answered, total.open, total.overdue) == (7, 4, 5, 2)
    assert total.median_days == pytest.approx(2.5)
    assert selectors_public.agency_figures(year=2025, now=figures_data)[1].received == 1


def test_agency_stats_page(client, figures_data, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr("django.utils.timezone.now", lambda: figures_data)
    # years, grouped counts, agency names, answer durations (SQLite; PostgreSQL: the total median)
    with django_assert_num_queries(4):
        response = client.get(STATS, {"year": "2026", "sort": "-within"})
    assert response.status_code == 200
    assert [row.code for row in response.context["figures"]] == ["DINB", "DINA"]
    # The figures of a year are cached for 10 minutes: only the years are read again.
    with django_assert_num_queries(1):
        client.get(STATS, {"year": "2026", "sort": "-received"})
    content = response.content.decode()
    assert f"{LIST}?agency=DINA" in content
    response = client.get(STATS, {"year": "2026", "sort": "name"})
    assert [row.code for row in response.context["figures"]] == ["DINA", "DINB"]
    assert client.get(STATS, {"year": "1990"}).context["year"] == 2026


def test_agency_stats_years_and_default(client, figures_data, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: figures_data)
    response = client.get(STATS)
    assert response.context["year"] == 2026
    assert [value for value, _label in response.context["form"].fields["year"].choices] == [2026, 2025]
    assert response.context["sort"] == "-received"


def test_agency_stats_open_on_the_year_of_the_newest_report(client, figures_data, monkeypatch):
    # A new year without reports yet: the page opens on the last year that has some.
    monkeypatch.setattr("django.utils.timezone.now", lambda: figures_data.replace(year=2027))
    response = client.get(STATS)
    assert response.context["year"] == 2026
    assert [value for value, _label in response.context["form"].fields["year"].choices] == [2027, 2026, 2025]
    assert client.get(STATS, {"year": "2027"}).context["year"] == 2027


# --- navigation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_public_entries"),
    [(None, True), (Role.CITIZEN, True), (Role.COMPLAINT_OFFICER, False), (Role.EMPLOYEE, False)],
)
def test_public_entries_in_the_navigation(client, make_user, agency_a, role, sees_public_entries):
    if role is not None:
        client.force_login(make_user(role, agency_a if role != Role.CITIZEN else None, username="u"))
    content = client.get(LIST).content.decode()
    assert ('data-testid="nav-reports"' in content) is sees_public_entries
    assert ('data-testid="nav-file-report"' in content) is sees_public_entries
    if sees_public_entries:
        assert f'href="{reverse("complaints:new")}"' in content
