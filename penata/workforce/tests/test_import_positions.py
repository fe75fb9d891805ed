"""Position import: units created on the way, all or nothing, idempotent, scoped."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from penata.core.models import AuditEvent
from penata.organization.models import Position, Unit
from penata.organization.tests.factories import AgencyFactory, PositionFactory, UnitFactory, rank
from penata.workforce.imports import positions_import
from penata.workforce.imports.columns import POSITION_COLUMNS
from penata.workforce.tests.test_import import english, issues, xlsx  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

POSITION_HEADER = [c.name for c in POSITION_COLUMNS]


def position_row(number: int = 1, **overrides) -> dict:
    row = {
        "code": f"JAB-{number:04d}",
        "agency_code": "DINA",
        "unit_code": "SEKR",
        "unit_name": "Sekretariat",
        "parent_unit_code": None,
        "title": f"Analis Kepegawaian {number}",
        "position_class": "ahli_pertama",
        "min_rank": "III/a",
        "max_rank": "III/b",
        "required_education_level": "s1",
        "required_education_fields": "Administrasi Publik; Manajemen SDM",
        "headcount_needed": 2,
    }
    row.update(overrides)
    return row


def positions_xlsx(rows: list[dict], header: list[str] = POSITION_HEADER):
    return xlsx(header, [[row.get(name) for name in header] for row in rows])


def counts() -> tuple[int, int, int]:
    return Position.objects.count(), Unit.objects.count(), AuditEvent.objects.count()


def test_positions_and_new_units_are_created_through_the_services(agency_a, province_admin):
    rows = [
        position_row(1),
        position_row(2, unit_code="SUBBAG-UMUM", unit_name="Subbagian Umum", parent_unit_code="SEKR"),
        position_row(3, unit_code="SUBBAG-UMUM", unit_name=None, min_rank=None, max_rank=None),
    ]

    result = positions_import(source=positions_xlsx(rows), actor=province_admin)

    assert issues(result) == []
    assert (result.created, result.updated, result.unchanged, result.units_created) == (3, 0, 0, 2)
    top = Unit.objects.get(agency=agency_a, code="SEKR")
    child = Unit.objects.get(agency=agency_a, code="SUBBAG-UMUM")
    assert (top.name, top.parent_id, child.name, child.parent_id) == (
        "Sekretariat",
        None,
        "Subbagian Umum",
        top.pk,
    )
    first = Position.objects.get(code="JAB-0001")
    assert (first.agency_id, first.unit_id, first.min_rank_id, first.max_rank_id, first.headcount_needed) == (
        agency_a.pk,
        top.pk,
        rank("III/a").pk,
        rank("III/b").pk,
        2,
    )
    assert first.required_education_fields == ["Administrasi Publik", "Manajemen SDM"]
    assert sorted(AuditEvent.objects.values_list("action", "actor_id")) == [
        ("position.created", province_admin.pk),
        ("position.created", province_admin.pk),
        ("position.created", province_admin.pk),
        ("unit.created", province_admin.pk),
        ("unit.created", province_admin.pk),
    ]


def test_broken_rows_import_nothing_and_every_bad_cell_is_reported(agency_a, province_admin):
    rows = [
        position_row(1),  # row 2: fine
        position_row(2, agency_code="NOPE"),  # row 3
        position_row(3, position_class="eselon_2", headcount_needed="two"),  # row 4
        position_row(4, min_rank="IV/a", max_rank="III/a"),  # row 5
        position_row(1, title="Duplikat"),  # row 6
        position_row(6, unit_code="BARU", unit_name=None),  # row 7: new unit, no name anywhere
        position_row(7, unit_code="ANAK", unit_name="Anak", parent_unit_code="TIDAK-ADA"),  # row 8
        position_row(8, title=None, min_rank="III/a", max_rank="PPPK-V"),  # row 9
        position_row(9, unit_name="Nama Lain"),  # row 10: new unit SEKR named differently
    ]
    before = counts()

    result = positions_import(source=positions_xlsx(rows), actor=province_admin)

    assert issues(result) == [
        (3, "agency_code", "Unknown agency code."),
        (
            4,
            "position_class",
            "Not an allowed value. Allowed: " + ", ".join(POSITION_COLUMNS[6].choices) + ".",
        ),
        (4, "headcount_needed", "Not a whole number."),
        (5, "max_rank", "The highest eligible rank is below the lowest eligible rank."),
        (6, "code", "The code appears more than once in the file (first on row 2)."),
        (7, "unit_name", "A new unit needs a name."),
        (8, "parent_unit_code", "Unknown parent unit code."),
        (9, "title", "A value is required."),
        (9, "max_rank", "The lowest and highest rank must be of the same kind (PNS or PPPK)."),
        (10, "unit_name", "The new unit has another name on row 2."),
    ]
    assert counts() == before


def test_reimport_changes_nothing_and_an_update_goes_through_position_update(agency_a, province_admin):
    rows = [position_row(n) for n in range(1, 4)]
    positions_import(source=positions_xlsx(rows), actor=province_admin)
    before = counts()

    again = positions_import(source=positions_xlsx(rows), actor=province_admin)
    assert (again.created, again.updated, again.unchanged, again.units_created, issues(again)) == (
        0,
        0,
        3,
        0,
        [],
    )
    assert counts() == before

    rows[0].update(
        headcount_needed=5, unit_code="BIDANG", unit_name="Bidang Mutasi", required_education_fields=""
    )
    changed = positions_import(source=positions_xlsx(rows), actor=province_admin)

    assert (changed.created, changed.updated, changed.unchanged, changed.units_created) == (0, 1, 2, 1)
    position = Position.objects.select_related("unit").get(code="JAB-0001")
    assert (position.headcount_needed, position.unit.code, position.required_education_fields) == (
        5,
        "BIDANG",
        [],
    )
    event = AuditEvent.objects.filter(action="position.updated").get()
    assert (event.from_state["headcount_needed"], event.to_state["headcount_needed"]) == (2, 5)
    assert counts() == (3, 2, before[2] + 2)


def test_existing_unit_name_is_not_changed_but_noted(agency_a, province_admin):
    UnitFactory(agency=agency_a, code="SEKR", name="Sekretariat Dinas")
    result = positions_import(source=positions_xlsx([position_row(1)]), actor=province_admin)
    assert (result.created, result.units_created, issues(result)) == (1, 0, [])
    assert [(w.row, w.column, w.reason) for w in result.warnings] == [
        (2, "unit_name", "The unit exists; its name was not changed.")
    ]
    assert Unit.objects.get(code="SEKR").name == "Sekretariat Dinas"


def test_a_position_cannot_move_to_another_agency(agency_a, agency_b, province_admin):
    PositionFactory(code="JAB-0001", unit=UnitFactory(agency=agency_b))
    before = counts()
    result = positions_import(source=positions_xlsx([position_row(1)]), actor=province_admin)
    assert issues(result) == [
        (2, "agency_code", "The position belongs to another agency; a position cannot move between agencies.")
    ]
    assert counts() == before


def test_parent_cycles_among_new_units_are_refused(agency_a, province_admin):
    rows = [
        position_row(1, unit_code="A", unit_name="A", parent_unit_code="B"),
        position_row(2, unit_code="B", unit_name="B", parent_unit_code="A"),
    ]
    result = positions_import(source=positions_xlsx(rows), actor=province_admin)
    assert issues(result) == [
        (2, "parent_unit_code", "The new units' parents form a cycle."),
        (3, "parent_unit_code", "The new units' parents form a cycle."),
    ]
    assert Unit.objects.count() == 0


def test_agency_admin_imports_only_own_agency_positions(agency_admin_a, agency_b):
    AgencyFactory(code="RSUD", parent=agency_admin_a.agency)
    before = counts()
    rows = [position_row(1), position_row(2, agency_code="DINB"), position_row(3, agency_code="RSUD")]

    result = positions_import(source=positions_xlsx(rows), actor=agency_admin_a)

    assert issues(result) == [(3, "agency_code", "You may not import positions of this agency.")]
    assert counts() == before
    del rows[1]
    ok = positions_import(source=positions_xlsx(rows), actor=agency_admin_a)
    assert (ok.created, issues(ok)) == (2, [])


def test_query_count_of_validation_and_unchanged_reimport_does_not_grow(agency_a, province_admin):
    unit = UnitFactory(agency=agency_a, code="SEKR", name="Sekretariat")
    for n in range(1, 56):
        PositionFactory(
            code=f"JAB-{n:04d}",
            unit=unit,
            title=f"Analis Kepegawaian {n}",
            position_class="ahli_pertama",
            min_rank=rank("III/a"),
            max_rank=rank("III/b"),
            required_education_level="s1",
            required_education_fields=["Administrasi Publik", "Manajemen SDM"],
            headcount_needed=2,
        )

    def run(numbers) -> int:
        source = positions_xlsx([position_row(n) for n in numbers])
        with CaptureQueriesContext(connection) as queries:
            result = positions_import(source=source, actor=province_admin)
        assert (result.unchanged, issues(result)) == (len(numbers), [])
        return len(queries)

    assert run(range(1, 6)) == run(range(6, 56)) == 6
