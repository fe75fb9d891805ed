"""The training admin is read-only and its lists do not query per row."""

from decimal import Decimal

import pytest
from django.urls import reverse

from penata.accounts.models import Role
from penata.training.models import Certificate, EnrolmentStatus, JpLedgerEntry, LedgerSource, TrainingNeed
from penata.workforce.tests.factories import EmployeeFactory

from .factories import EnrolmentFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user, agency_a):
    client.force_login(make_user(Role.PROVINCE_ADMIN, agency_a, is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def some_training(agency_a):
    for number in range(3):
        session = TrainingSessionFactory(organizer=agency_a)
        employee = EmployeeFactory(agency=agency_a, position=None)
        enrolment = EnrolmentFactory(session=session, employee=employee, status=EnrolmentStatus.COMPLETED)
        JpLedgerEntry.objects.create(
            employee=employee,
            year=2026,
            jp=Decimal(24),
            source=LedgerSource.SESSION,
            enrolment=enrolment,
            title=session.program.title,
            form=session.program.form,
            completed_on=session.end_date,
        )
        Certificate.objects.create(
            enrolment=enrolment,
            code=f"CODE{number}",
            employee_name=employee.full_name,
            employee_nip=employee.nip,
            program_title=session.program.title,
            jp=24,
            start_date=session.start_date,
            end_date=session.end_date,
            signatory_name="Kepala BPSDM",
            signatory_title="Kepala BPSDM",
            issued_at=session.created_at,
        )
        TrainingNeed.objects.create(
            source="unit_request", agency=agency_a, year=2026, reason="Pelayanan lambat"
        )


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("training_program", 5),
        ("training_trainingsession", 8),
        ("training_enrolment", 5),
        ("training_externaltraining", 5),
        ("training_jpledgerentry", 6),
        ("training_certificate", 5),
        ("training_trainingneed", 6),
    ],
)
def test_changelists_load_in_a_fixed_number_of_queries(
    admin_client, some_training, name, queries, django_assert_num_queries
):
    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200


def test_nothing_can_be_added_or_changed_in_the_admin(admin_client, some_training):
    assert admin_client.get(reverse("admin:training_program_add")).status_code == 403
    assert admin_client.get(reverse("admin:training_enrolment_add")).status_code == 403
