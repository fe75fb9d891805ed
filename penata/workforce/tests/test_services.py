from datetime import date

import pytest
from django.core.exceptions import ValidationError

from penata.core.errors import ApplicationError
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PositionFactory, UnitFactory, rank
from penata.workforce.models import Employee, PlacementInterest, PositionHistory
from penata.workforce.services import (
    PositionFull,
    employee_create,
    employee_interests_set,
    employee_promote,
    employee_transfer,
    employee_update,
    performance_rating_set,
)
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def employee_data(position, **overrides):
    data = {
        "nip": "19850312 201001 2 004",
        "employment_type": "pns",
        "full_name": "Siti Rahmawati",
        "sex": "F",
        "birth_date": date(1985, 3, 12),
        "rank": rank("III/b"),
        "education_level": "s1",
        "education_field": "Ilmu Komputer",
        "position": position,
        "position_start_date": date(2020, 1, 2),
    }
    data.update(overrides)
    return data


def test_create_writes_history_and_event(position_a, province_admin):
    employee = employee_create(actor=province_admin, **employee_data(position_a))
    assert employee.nip == "198503122010012004"
    assert employee.agency_id == position_a.agency_id
    history = list(
        PositionHistory.objects.filter(employee=employee).values_list("kind", "position_id", "start_date")
    )
    assert history == [("appointment", position_a.pk, date(2020, 1, 2))]
    events = list(AuditEvent.objects.filter(subject_id=str(employee.pk)).values_list("action", "actor_id"))
    assert events == [("employee.created", province_admin.pk)]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nip": "19850312201001200"}, "nip"),
        ({"nip": "198503122010013004"}, "nip"),
        ({"birth_date": date(1985, 3, 13)}, "birth_date"),
        ({"sex": "M"}, "sex"),
        ({"rank": "PPPK-V"}, "rank"),
        (
            {"employment_type": "pppk", "nip": "198503122010012004", "birth_date": date(1986, 1, 1)},
            "birth_date",
        ),
    ],
)
def test_create_rejects_inconsistent_identity(position_a, overrides, field):
    if "rank" in overrides:
        overrides = {**overrides, "rank": rank(overrides["rank"])}
    with pytest.raises(ValidationError) as excinfo:
        employee_create(**employee_data(position_a, **overrides))
    assert field in excinfo.value.message_dict
    assert Employee.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert PositionHistory.objects.count() == 0


def test_position_of_another_agency_is_refused(position_a, agency_b):
    with pytest.raises(ValidationError) as excinfo:
        employee_create(agency=agency_b, **employee_data(position_a))
    assert list(excinfo.value.message_dict) == ["position"]
    assert Employee.objects.count() == 0


def test_transfer_writes_history_event_and_moves_agency(position_a, position_b, province_admin):
    employee = EmployeeFactory(position=position_a)
    moved = employee_transfer(
        employee=employee,
        position=position_b,
        start_date=date(2026, 1, 5),
        actor=province_admin,
        reference="SK 1/2026",
    )
    assert (moved.position_id, moved.agency_id, moved.position_start_date) == (
        position_b.pk,
        position_b.agency_id,
        date(2026, 1, 5),
    )
    rows = list(
        PositionHistory.objects.filter(employee=employee).values_list("kind", "position_id", "reference")
    )
    assert rows == [("transfer", position_b.pk, "SK 1/2026")]
    event = AuditEvent.objects.get(subject_id=str(employee.pk))
    assert (event.action, event.from_state, event.to_state) == (
        "employee.transfer",
        {"position": position_a.pk, "agency": position_a.agency_id},
        {"position": position_b.pk, "agency": position_b.agency_id},
    )


def test_transfer_into_full_position_is_refused(position_a, agency_b):
    full = PositionFactory(unit=UnitFactory(agency=agency_b), headcount_needed=1)
    EmployeeFactory(position=full)
    employee = EmployeeFactory(position=position_a)
    with pytest.raises(PositionFull):
        employee_transfer(employee=employee, position=full, start_date=date(2026, 1, 5))
    employee.refresh_from_db()
    assert employee.position_id == position_a.pk
    assert PositionHistory.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_transfer_before_current_start_is_refused(position_a, position_b):
    employee = EmployeeFactory(position=position_a, position_start_date=date(2024, 6, 1))
    with pytest.raises(ValidationError) as excinfo:
        employee_transfer(employee=employee, position=position_b, start_date=date(2024, 5, 31))
    assert list(excinfo.value.message_dict) == ["start_date"]


def test_transfer_to_same_position_is_refused(position_a):
    employee = EmployeeFactory(position=position_a)
    with pytest.raises(ApplicationError):
        employee_transfer(employee=employee, position=position_a, start_date=date(2026, 1, 5))
    assert AuditEvent.objects.count() == 0


def test_promotion_raises_rank_and_records_history(position_a):
    employee = EmployeeFactory(position=position_a, rank=rank("III/a"))
    employee_promote(employee=employee, rank=rank("III/b"), start_date=date(2026, 4, 1), reference="SK KP")
    employee.refresh_from_db()
    assert employee.rank.code == "III/b"
    assert list(PositionHistory.objects.values_list("kind", "rank__code")) == [("promotion", "III/b")]
    with pytest.raises(ValidationError):
        employee_promote(employee=employee, rank=rank("III/a"), start_date=date(2026, 5, 1))
    employee.refresh_from_db()
    assert employee.rank.code == "III/b"
    assert PositionHistory.objects.count() == 1


def test_update_records_only_changed_fields(position_a, province_admin):
    employee = EmployeeFactory(position=position_a, phone="0811")
    employee_update(employee=employee, actor=province_admin, phone="0812", education_field="Hukum")
    event = AuditEvent.objects.get(subject_id=str(employee.pk))
    assert event.from_state == {"education_field": "Administrasi Publik", "phone": "0811"}
    assert event.to_state == {"education_field": "Hukum", "phone": "0812"}
    employee_update(employee=employee, actor=province_admin, phone="0812")
    assert AuditEvent.objects.filter(subject_id=str(employee.pk)).count() == 1
    with pytest.raises(TypeError):
        employee_update(employee=employee, position=None)


def test_interests_replace_in_order(position_a, agency_b):
    employee = EmployeeFactory(position=position_a)
    employee_interests_set(
        employee=employee,
        interests=[{"position_class": "ahli_muda"}, {"agency": agency_b, "field": "Kesehatan"}],
        note="Ingin dekat keluarga di Tidore",
    )
    assert list(employee.interests.values_list("preference", "position_class", "field", "agency_id")) == [
        (1, "ahli_muda", "", None),
        (2, "", "Kesehatan", agency_b.pk),
    ]
    employee.refresh_from_db()
    assert employee.interest_note == "Ingin dekat keluarga di Tidore"
    with pytest.raises(ValidationError) as excinfo:
        employee_interests_set(employee=employee, interests=[{"position_class": "nonsense"}, {}])
    assert set(excinfo.value.message_dict) == {"interests[1].position_class", "interests[2]"}
    assert PlacementInterest.objects.filter(employee=employee).count() == 2


def test_rating_set_is_upsert(position_a):
    employee = EmployeeFactory(position=position_a)
    performance_rating_set(employee=employee, year=2025, rating="meets")
    performance_rating_set(employee=employee, year=2025, rating="above")
    performance_rating_set(employee=employee, year=2025, rating="above")
    assert list(employee.ratings.values_list("year", "rating")) == [(2025, "above")]
    assert AuditEvent.objects.filter(action="employee.rating_set").count() == 2
    with pytest.raises(ValidationError):
        performance_rating_set(employee=employee, year=2025, rating="excellent")
