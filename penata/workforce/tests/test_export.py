"""Templates and exports: documented headers, scoping, masking, re-import of an export."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from penata.accounts.models import Role
from penata.core.models import AuditEvent
from penata.organization.tests.factories import AgencyFactory, PositionFactory, UnitFactory
from penata.workforce.exporting import export_write, template_workbook
from penata.workforce.imports import employees_import, positions_import
from penata.workforce.models import Employee, PositionHistory
from penata.workforce.privacy import MASK
from penata.workforce.tests.factories import EmployeeFactory
from penata.workforce.tests.test_import import english, issues  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

DOCUMENTED = {
    "positions": [
        "code",
        "agency_code",
        "unit_code",
        "unit_name",
        "parent_unit_code",
        "title",
        "position_class",
        "min_rank",
        "max_rank",
        "required_education_level",
        "required_education_fields",
        "headcount_needed",
    ],
    "employees": [
        "nip",
        "employment_type",
        "full_name",
        "sex",
        "birth_date",
        "birth_place",
        "rank",
        "education_level",
        "education_field",
        "agency_code",
        "position_code",
        "position_start_date",
        "status",
        "phone",
        "email",
        "home_regency",
    ],
}


def export_rows(kind: str, **kwargs) -> list[tuple]:
    out = io.BytesIO()
    export_write(kind=kind, out=out, **kwargs)
    out.seek(0)
    return list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))


@pytest.fixture
def staff(agency_a, agency_b):
    unit_a = UnitFactory(agency=agency_a, code="SEKR", name="Sekretariat")
    position_a = PositionFactory(
        code="A-1", unit=unit_a, headcount_needed=3, required_education_fields=["Hukum"]
    )
    position_b = PositionFactory(code="B-1", unit=UnitFactory(agency=agency_b), headcount_needed=1)
    a1 = EmployeeFactory(position=position_a, phone="0811", email="a1@example.test", birth_place="Tidore")
    a2 = EmployeeFactory(agency=agency_a, phone="0812")
    b1 = EmployeeFactory(position=position_b, phone="0813")
    return {"a": [a1, a2], "b": [b1], "position_a": position_a, "position_b": position_b}


@pytest.mark.parametrize("kind", ["positions", "employees"])
def test_templates_open_with_the_documented_headers_and_instructions(kind, province_admin):
    workbook = load_workbook(io.BytesIO(template_workbook(kind=kind, user=province_admin)))
    assert workbook.sheetnames == [
        {"positions": "Positions", "employees": "Employees"}[kind],
        "Instructions",
        "Reference",
    ]
    header = [cell.value for cell in workbook.worksheets[0][1]]
    assert header == DOCUMENTED[kind]
    instructions = [row[0] for row in workbook["Instructions"].iter_rows(values_only=True)]
    for name in DOCUMENTED[kind]:
        assert instructions.count(name) == 1
    reference = list(workbook["Reference"].iter_rows(values_only=True))
    assert reference[0] == ("Agency code", "Agency name", None, "Rank code", "Rank title", "Type")
    assert [r[3] for r in reference[1:]][:2] == ["I/a", "I/b"]


def test_employee_export_has_the_template_layout_and_reimports_unchanged(staff, province_admin):
    rows = export_rows("employees", user=province_admin)
    assert list(rows[0]) == DOCUMENTED["employees"]
    a1 = staff["a"][0]
    by_nip = {r[0]: r for r in rows[1:]}
    assert len(by_nip) == 3
    exported = dict(zip(DOCUMENTED["employees"], by_nip[a1.nip], strict=True))
    assert exported | {"birth_date": None, "position_start_date": None} == {
        "nip": a1.nip,
        "employment_type": "pns",
        "full_name": a1.full_name,
        "sex": a1.sex,
        "birth_date": None,
        "birth_place": "Tidore",
        "rank": "III/a",
        "education_level": "s1",
        "education_field": "Administrasi Publik",
        "agency_code": "DINA",
        "position_code": "A-1",
        "position_start_date": None,
        "status": "active",
        "phone": "0811",
        "email": "a1@example.test",
        "home_regency": None,
    }
    assert (exported["birth_date"].date(), exported["position_start_date"].date()) == (
        a1.birth_date,
        date(2022, 1, 3),
    )

    out = io.BytesIO()
    export_write(kind="employees", out=out, user=province_admin)
    out.seek(0)
    before = (Employee.objects.count(), PositionHistory.objects.count(), AuditEvent.objects.count())
    result = employees_import(source=out, actor=province_admin)
    assert (issues(result), result.unchanged, result.updated, result.created) == ([], 3, 0, 0)
    assert (Employee.objects.count(), PositionHistory.objects.count(), AuditEvent.objects.count()) == before


def test_position_export_adds_filled_and_vacancies_and_reimports_unchanged(staff, province_admin):
    rows = export_rows("positions", user=province_admin)
    assert list(rows[0]) == [*DOCUMENTED["positions"], "filled", "vacancies"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert {
        k: first[k] for k in ("code", "agency_code", "unit_code", "unit_name", "required_education_fields")
    } == {
        "code": "A-1",
        "agency_code": "DINA",
        "unit_code": "SEKR",
        "unit_name": "Sekretariat",
        "required_education_fields": "Hukum",
    }
    assert (first["headcount_needed"], first["filled"], first["vacancies"]) == (3, 1, 2)

    out = io.BytesIO()
    export_write(kind="positions", out=out, user=province_admin)
    out.seek(0)
    events = AuditEvent.objects.count()
    result = positions_import(source=out, actor=province_admin)
    assert (issues(result), result.unchanged, result.updated) == ([], 2, 0)
    assert AuditEvent.objects.count() == events


def _personal(rows) -> dict[str, tuple]:
    index = [rows[0].index(name) for name in ("birth_date", "birth_place", "phone", "email")]
    return {r[0]: tuple(r[i] for i in index) for r in rows[1:]}


def test_agency_admin_exports_only_own_agency_unmasked(staff, agency_admin_a):
    rows = export_rows("employees", user=agency_admin_a)
    assert sorted(r[0] for r in rows[1:]) == sorted(e.nip for e in staff["a"])
    a1 = staff["a"][0]
    assert _personal(rows)[a1.nip][1:] == ("Tidore", "0811", "a1@example.test")
    positions = export_rows("positions", user=agency_admin_a)
    assert [r[0] for r in positions[1:]] == ["A-1"]


@pytest.mark.parametrize(
    ("role", "masked"), [(Role.LEADER, True), (Role.TRAINING_MANAGER, True), (Role.PROVINCE_ADMIN, False)]
)
def test_personal_data_is_masked_for_roles_that_do_not_need_it(staff, make_user, agency_a, role, masked):
    user = make_user(role, agency_a)
    rows = export_rows("employees", user=user)
    assert len(rows) == 4
    a1 = staff["a"][0]
    personal = _personal(rows)[a1.nip]
    if masked:
        assert personal == (MASK, MASK, MASK, MASK)
        assert _personal(rows)[staff["a"][1].nip] == (MASK, None, MASK, None)  # empty stays empty
    else:
        assert personal[1:] == ("Tidore", "0811", "a1@example.test")
        assert personal[0].date() == a1.birth_date


def test_export_filtered_by_agency_includes_sub_agencies(staff, agency_a, province_admin):
    child = AgencyFactory(code="RSUD", parent=agency_a)
    sub = EmployeeFactory(agency=child)
    rows = export_rows("employees", user=province_admin, agency=agency_a)
    assert sorted(r[0] for r in rows[1:]) == sorted([*(e.nip for e in staff["a"]), sub.nip])


def test_export_query_count_is_constant(staff, province_admin, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        export_rows("employees", user=province_admin)
    for _n in range(20):
        EmployeeFactory(agency=staff["position_a"].agency)
    with django_assert_max_num_queries(2):
        assert len(export_rows("employees", user=province_admin)) == 24
    with django_assert_max_num_queries(2):
        export_rows("positions", user=province_admin)


def test_management_commands_export_and_import(staff, tmp_path, capsys):
    path = tmp_path / "employees.xlsx"
    call_command("export_excel", "employees", "--out", str(path), "--agency", "DINA")
    assert capsys.readouterr().out.strip() == f"2 employees written to {path}"

    call_command("import_excel", "employees", str(path), "--dry-run")
    assert (
        capsys.readouterr().out.strip() == "dry run, nothing written: rows=2 created=0 updated=0 unchanged=2"
    )

    workbook = load_workbook(path)
    workbook.worksheets[0]["C2"] = ""  # full_name
    workbook.save(path)
    report = tmp_path / "errors.xlsx"
    with pytest.raises(CommandError, match=r"^1 error\(s\) in 1 row\(s\); nothing was imported\.$"):
        call_command("import_excel", "employees", str(path), "--report", str(report))
    assert capsys.readouterr().out.splitlines() == [
        "row\tcolumn\tvalue\treason",
        "2\tfull_name\t\tA value is required.",
    ]
    assert list(load_workbook(report).worksheets[0].iter_rows(values_only=True))[1] == (
        2,
        "full_name",
        None,
        "A value is required.",
    )


def test_import_command_as_a_user_applies_their_scope(staff, agency_admin_a, tmp_path, capsys):
    path = tmp_path / "all.xlsx"
    call_command("export_excel", "employees", "--out", str(path))
    capsys.readouterr()
    with pytest.raises(CommandError, match=r"^2 error\(s\) in 1 row\(s\)"):
        call_command("import_excel", "employees", str(path), "--user", agency_admin_a.username)
    b1 = staff["b"][0]
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"4\tnip\t{b1.nip}\tThis number belongs to an employee of an agency you do not manage.",
        "4\tagency_code\tDINB\tYou may not import employees of this agency.",
    ]
