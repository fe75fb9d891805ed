"""Many reports filed at the same moment still get distinct tracking codes (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from penata.complaints.models import Complaint
from penata.complaints.services import complaint_submit, intake
from penata.complaints.tracking import tracking_code_generate
from penata.core.models import AuditEvent
from penata.workforce.tests.test_concurrency import run_at_once

from .factories import ComplaintCategoryFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL concurrency"),
]

SUBMISSIONS = 8


def submit(category, number):
    return complaint_submit(
        kind="complaint",
        category=category,
        description=f"Laporan serentak {number}",
        reporter_name="Warga",
        reporter_phone="0812345678",
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_get_distinct_codes():
    category = ComplaintCategoryFactory(code="JALAN")
    outcomes = run_at_once(*(lambda n=n: submit(category, n) for n in range(SUBMISSIONS)))
    assert [type(o) for o in outcomes] == [tuple] * SUBMISSIONS
    codes = {complaint.tracking_code for complaint, _secret in outcomes}
    assert len(codes) == SUBMISSIONS
    assert Complaint.objects.count() == SUBMISSIONS
    assert AuditEvent.objects.filter(action="complaint.submitted").count() == SUBMISSIONS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_drawing_the_same_code_all_succeed(monkeypatch):
    """Every thread draws the same code first: one keeps it, the others retry in a savepoint."""
    category = ComplaintCategoryFactory(code="JALAN")
    clash = tracking_code_generate()
    drawn = threading.local()

    def first_the_clash():
        if not getattr(drawn, "done", False):
            drawn.done = True
            return clash
        return tracking_code_generate()

    monkeypatch.setattr(intake, "tracking_code_generate", first_the_clash)
    outcomes = run_at_once(*(lambda n=n: submit(category, n) for n in range(SUBMISSIONS)))
    assert [type(o) for o in outcomes] == [tuple] * SUBMISSIONS
    codes = [complaint.tracking_code for complaint, _secret in outcomes]
    assert len(set(codes)) == SUBMISSIONS
    assert codes.count(clash) == 1
    assert Complaint.objects.count() == SUBMISSIONS
