"""Filing a report stays cheap: the statements of one submission, listed (the bench,
``bench/complaints.py``, measures how many reports a second the form and Open311 take).

Tests run inside a transaction, so each ``atomic`` block shows as a savepoint; a real
request has BEGIN and COMMIT there instead.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from penata.complaints.models import Complaint, Privacy
from penata.complaints.services import complaint_submit
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PublicServiceFactory

pytestmark = pytest.mark.django_db

NEW = reverse("complaints:new")


def statements(queries: CaptureQueriesContext) -> list[str]:
    """``"SELECT django_session"``, ``"SAVEPOINT"``, ...: the verb and the table of each."""
    found = []
    for query in queries.captured_queries:
        sql = query["sql"]
        verb = sql.split(None, 1)[0].upper()
        table = re.search(r'(?:FROM|INTO|UPDATE) "([a-z_]+)"', sql)
        found.append(f"{verb} {table.group(1)}" if table else verb)
    return found


def form_data(category, number: int) -> dict:
    return {
        "kind": "complaint",
        "category": str(category.pk),
        "description": f"Antrean KTP panjang sekali di kantor kecamatan ({number}).",
        "latitude": "0.72",
        "longitude": "127.56",
        "kecamatan": "Oba Utara",
        "privacy": "public",
        "reporter_name": "Warga",
        "reporter_email": "warga@example.test",
    }


@pytest.mark.parametrize("earlier_report", [False, True])
def test_a_report_from_the_form(client, category, earlier_report):
    if earlier_report:  # the browser now holds the signed cookies of that report
        assert client.post(NEW, form_data(category, 1)).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        response = client.post(NEW, form_data(category, 2))
    assert response.status_code == 302
    # No followers looked up (a report just filed has none), no savepoint around the insert
    # (a clashing tracking code redoes the whole transaction), and no session: the
    # confirmation and the unlocked code travel in signed cookies.
    assert statements(queries) == [
        "SELECT complaints_complaintcategory",
        "SELECT core_workingdayoverride",
        "SAVEPOINT",
        "INSERT complaints_complaint",
        "INSERT core_auditevent",
        "RELEASE",
    ]
    assert Complaint.objects.count() == 1 + earlier_report
    assert AuditEvent.objects.filter(action="complaint.submitted").count() == 1 + earlier_report


def test_a_refused_report_looks_its_service_up_once(client, category):
    service = PublicServiceFactory(name="Pemeliharaan Jalan Provinsi")
    with CaptureQueriesContext(connection) as queries:
        data = {**form_data(category, 1), "description": "", "public_service": service.pk}
        response = client.post(NEW, data)
    assert response.status_code == 200
    assert response.context["chosen_service"] == service
    # The page shows the service the cleaning found, not looked up a second time.
    assert statements(queries) == [
        "SELECT complaints_complaintcategory",
        "SELECT organization_publicservice",
        "SELECT complaints_complaintcategory",
    ]
    assert Complaint.objects.count() == 0


def test_complaint_submit_alone(category, mailoutbox, django_capture_on_commit_callbacks):
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        complaint, secret = complaint_submit(
            kind="complaint",
            category=category,
            description="Lampu jalan mati sejak seminggu.",
            privacy=Privacy.PUBLIC,
            reporter_name="Warga",
            reporter_email="warga@example.test",
        )
    assert statements(queries) == [
        "SELECT core_workingdayoverride",
        "SAVEPOINT",
        "INSERT complaints_complaint",
        "INSERT core_auditevent",
        "RELEASE",
    ]
    assert len(secret) == 20
    # The reporter still gets the email about the new report.
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["warga@example.test"], f"Your report {complaint.tracking_code}: Submitted")
    ]
