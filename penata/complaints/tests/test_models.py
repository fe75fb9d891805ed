from datetime import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from penata.complaints.models import TRANSITIONS, Complaint, ComplaintStatus, Privacy, Step
from penata.core.workdays import WIT

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 6, 12, 0, tzinfo=WIT)


def violates(constraint: str, **fields):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        ComplaintFactory(**fields)
    assert constraint in str(caught.value)


def test_a_valid_report_saves():
    complaint = ComplaintFactory(tracking_code="LPR-7K3M-Q9XA")
    assert Complaint.objects.get().tracking_code == "LPR-7K3M-Q9XA"
    assert str(complaint) == "LPR-7K3M-Q9XA"


def test_tracking_code_is_unique():
    ComplaintFactory(tracking_code="LPR-7K3M-Q9XA")
    with pytest.raises(IntegrityError), transaction.atomic():
        ComplaintFactory(tracking_code="LPR-7K3M-Q9XA")
    assert Complaint.objects.count() == 1


def test_reopened_at_most_once():
    violates("complaint_reopened_at_most_once", reopen_count=2)


def test_coordinates_both_or_neither():
    violates("complaint_coordinates_both_or_neither", latitude=Decimal("0.7"))
    violates("complaint_coordinates_both_or_neither", longitude=Decimal("127.5"))


def test_contact_required_unless_anonymous():
    violates("complaint_contact_unless_anonymous", reporter_email="", reporter_phone="")
    violates("complaint_contact_unless_anonymous", reporter_name="")
    anonymous = ComplaintFactory(privacy=Privacy.ANONYMOUS, reporter_name="", reporter_email="")
    phone_only = ComplaintFactory(reporter_email="", reporter_phone="081234567890")
    assert list(Complaint.objects.order_by("pk").values_list("pk", flat=True)) == [
        anonymous.pk,
        phone_only.pk,
    ]


def test_dispatched_and_answered_reports_have_an_agency():
    violates("complaint_dispatched_has_agency", status=ComplaintStatus.DISPATCHED)


def test_answered_report_has_an_answer(agency_a):
    violates("complaint_answered_has_answer", status=ComplaintStatus.ANSWERED, agency=agency_a)


def test_a_running_step_has_a_deadline():
    violates("complaint_step_has_deadline", step=Step.VERIFICATION)
    violates("complaint_step_has_deadline", step="", step_due_at=NOON)


def test_unknown_status_refused():
    violates("complaint_status_valid", status="lost")


def test_transition_table_targets_are_statuses():
    assert set(TRANSITIONS.values()) <= set(ComplaintStatus.values)
