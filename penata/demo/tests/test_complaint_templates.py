"""The demo's response templates: per agency with demo reports, Indonesian, idempotent."""

import pytest

from penata.accounts.models import Role
from penata.complaints.models import ResponseTemplate
from penata.complaints.tests.factories import ComplaintFactory
from penata.core.models import AuditEvent
from penata.demo.complaint_templates import response_templates_demo
from penata.organization.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_templates_for_agencies_with_reports_only_and_idempotent(make_user):
    capil = AgencyFactory(code="DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil")
    roads = AgencyFactory(code="PUPR", name="Dinas PUPR")
    quiet = AgencyFactory(code="DISPAR", name="Dinas Pariwisata")
    officer = make_user(Role.COMPLAINT_OFFICER, capil, username="petugas.disdukcapil", is_demo=True)
    make_user(Role.PROVINCE_ADMIN, quiet, username="admin", is_demo=True, is_superuser=True)
    ComplaintFactory(agency=capil, status="dispatched")
    ComplaintFactory(agency=roads, status="dispatched")
    ComplaintFactory(agency=None)
    created = {}
    assert response_templates_demo(created=created) == 6
    assert created == {"response_templates": 6}
    rows = sorted(ResponseTemplate.objects.values_list("agency__code", "title"))
    assert rows == [
        ("DISDUKCAPIL", "Dokumen kependudukan siap diambil"),
        ("DISDUKCAPIL", "Laporan sedang ditindaklanjuti"),
        ("DISDUKCAPIL", "Permasalahan telah diselesaikan"),
        ("PUPR", "Laporan sedang ditindaklanjuti"),
        ("PUPR", "Perbaikan jalan dijadwalkan"),
        ("PUPR", "Permasalahan telah diselesaikan"),
    ]
    progress = ResponseTemplate.objects.get(agency=capil, title="Laporan sedang ditindaklanjuti")
    assert "oleh Dinas Kependudukan dan Pencatatan Sipil." in progress.body
    events = AuditEvent.objects.filter(action="complaint.response_template_created")
    assert {e.actor.username for e in events} == {"petugas.disdukcapil", "admin"}
    assert events.filter(actor=officer).count() == 3
    assert response_templates_demo(created=created) == 0
    assert (ResponseTemplate.objects.count(), created) == (6, {"response_templates": 6})
