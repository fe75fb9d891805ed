import pytest
from django.core.exceptions import ValidationError

from penata.core.models import AuditEvent
from penata.organization.models import Agency, Position
from penata.organization.selectors import position_list_with_vacancies, unit_tree
from penata.organization.services import agencies_load, position_create, position_update
from penata.organization.tests.factories import PositionFactory, UnitFactory, rank
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_agencies_load_is_idempotent_and_links_parents():
    assert agencies_load() == 43
    assert agencies_load() == 43
    assert Agency.objects.count() == 43
    assert Agency.objects.get(code="RSUD-SOFIFI").parent.code == "DINKES"
    assert Agency.objects.get(code="BIRO-HUKUM").parent.code == "SETDA"
    assert Agency.objects.filter(parent__isnull=True).count() == 34
    assert set(Agency.objects.filter(serves_public=True).values_list("kind", flat=True)) == {"dinas", "rsud"}


def test_vacancies_count_active_and_on_leave_holders_only(agency_a):
    position = PositionFactory(unit=UnitFactory(agency=agency_a), headcount_needed=4)
    EmployeeFactory(position=position, status="active")
    EmployeeFactory(position=position, status="on_leave")
    EmployeeFactory(position=position, status="retired")
    empty = PositionFactory(unit=UnitFactory(agency=agency_a), headcount_needed=2)
    over = PositionFactory(unit=UnitFactory(agency=agency_a), headcount_needed=1)
    EmployeeFactory(position=over)
    EmployeeFactory(position=over)
    rows = {p.pk: (p.filled, p.vacancies) for p in position_list_with_vacancies()}
    assert rows == {position.pk: (2, 2), empty.pk: (0, 2), over.pk: (2, 0)}


def test_position_create_validates_rank_range(agency_a, province_admin):
    unit = UnitFactory(agency=agency_a)
    data = {
        "unit": unit,
        "code": "DINA-001",
        "title": "Analis Kebijakan Ahli Muda",
        "position_class": "ahli_muda",
        "min_rank": rank("III/d"),
        "max_rank": rank("III/c"),
        "required_education_level": "s1",
        "required_education_fields": [" Administrasi Publik ", ""],
        "headcount_needed": 2,
    }
    with pytest.raises(ValidationError) as excinfo:
        position_create(actor=province_admin, **data)
    assert list(excinfo.value.message_dict) == ["max_rank"]
    assert Position.objects.count() == 0
    data["max_rank"] = rank("IV/b")
    position = position_create(actor=province_admin, **data)
    assert position.agency_id == agency_a.pk
    assert position.required_education_fields == ["Administrasi Publik"]
    assert AuditEvent.objects.filter(action="position.created", subject_id=str(position.pk)).count() == 1


def test_position_cannot_move_to_another_agency(position_a, agency_b):
    other_unit = UnitFactory(agency=agency_b)
    with pytest.raises(ValidationError) as excinfo:
        position_update(position=position_a, unit=other_unit)
    assert list(excinfo.value.message_dict) == ["unit"]
    position_a.refresh_from_db()
    assert position_a.unit.agency_id == position_a.agency_id


def test_position_update_records_changes_once(position_a):
    position_update(position=position_a, headcount_needed=5)
    position_update(position=position_a, headcount_needed=5)
    events = AuditEvent.objects.filter(action="position.updated")
    assert events.count() == 1
    assert (events[0].from_state["headcount_needed"], events[0].to_state["headcount_needed"]) == (2, 5)


def test_unit_tree(agency_a, django_assert_num_queries):
    root = UnitFactory(agency=agency_a, code="A")
    child = UnitFactory(agency=agency_a, code="A1", parent=root)
    UnitFactory(agency=agency_a, code="A1a", parent=child)
    UnitFactory(agency=agency_a, code="B")
    with django_assert_num_queries(1):
        tree = unit_tree(agency=agency_a)
    shape = [
        (n["unit"].code, [(c["unit"].code, [g["unit"].code for g in c["children"]]) for c in n["children"]])
        for n in tree
    ]
    assert shape == [("A", [("A1", ["A1a"])]), ("B", [])]
