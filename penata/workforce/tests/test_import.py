"""Employee import: all or nothing, exact error reports, idempotent re-import, updates by NIP."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook, load_workbook

from penata.accounts.models import Role
from penata.core.errors import PermissionDenied
from penata.core.models import AuditEvent
from penata.organization.tests.factories import AgencyFactory, PositionFactory, UnitFactory, rank
from penata.workforce.imports import employees_import, report_workbook
from penata.workforce.imports.columns import EMPLOYEE_COLUMNS
from penata.workforce.models import Employee, PositionHistory
from penata.workforce.services import employee_snapshot
from penata.workforce.tests.factories import EmployeeFactory, make_nip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in their English source text.
    with translation.override("en"):
        yield


EMPLOYEE_HEADER = [c.name for c in EMPLOYEE_COLUMNS]


def xlsx(header: list, rows: list[list]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def employee_row(number: int = 1, **overrides) -> dict:
    birth = date(1980 + number % 15, 1 + number % 12, 1 + number % 28)
    sex = "M" if number % 2 else "F"
    row = {
        "nip": make_nip(birth, (2015, 3), sex, number % 999 + 1),
        "employment_type": "pns",
        "full_name": f"Pegawai Uji {number}",
        "sex": sex,
        "birth_date": birth,
        "birth_place": "Ternate",
        "rank": "III/a",
        "education_level": "s1",
        "education_field": "Administrasi Publik",
        "agency_code": "DINA",
        "position_code": None,
        "position_start_date": None,
        "status": "active",
        "phone": "081234567890",
        "email": f"pegawai{number}@example.test",
        "home_regency": "Kota Ternate",
    }
    row.update(overrides)
    return row


def employees_xlsx(rows: list[dict], header: list[str] = EMPLOYEE_HEADER) -> io.BytesIO:
    return xlsx(header, [[row.get(name) for name in header] for row in rows])


def issues(result) -> list[tuple]:
    return [(i.row, i.column, i.reason) for i in result.errors]


def counts() -> tuple[int, int, int]:
    return Employee.objects.count(), PositionHistory.objects.count(), AuditEvent.objects.count()


def test_new_employees_get_the_history_and_events_of_employee_create(position_a, province_admin):
    rows = [
        employee_row(1, position_code=position_a.code, position_start_date=date(2021, 2, 1)),
        employee_row(2, position_code=position_a.code, position_start_date="15-03-2022", sex="P"),
        employee_row(3, employment_type="PPPK", rank="pppk-v", nip=None, birth_date=date(1990, 5, 6)),
    ]
    rows[2]["nip"] = "199005062021211003"
    rows[1]["sex"] = "P"
    rows[1]["nip"] = make_nip(date(1982, 3, 3), (2008, 3), "F", 3)

    result = employees_import(source=employees_xlsx(rows), actor=province_admin)

    assert issues(result) == []
    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    created = {e.nip: e for e in Employee.objects.select_related("rank")}
    assert sorted(created) == sorted(r["nip"] for r in rows)
    second = created[rows[1]["nip"]]
    assert (second.sex, second.position_start_date, second.agency_id) == (
        "F",
        date(2022, 3, 15),
        position_a.agency_id,
    )
    pppk = created["199005062021211003"]
    assert (pppk.employment_type, pppk.rank.code, pppk.position_id) == ("pppk", "PPPK-V", None)
    history = sorted(
        PositionHistory.objects.values_list("employee__nip", "kind", "position_id", "start_date", "actor_id")
    )
    assert history == sorted(
        [
            (rows[0]["nip"], "appointment", position_a.pk, date(2021, 2, 1), province_admin.pk),
            (rows[1]["nip"], "appointment", position_a.pk, date(2022, 3, 15), province_admin.pk),
        ]
    )
    events = {e.subject_id: e for e in AuditEvent.objects.all()}
    assert len(events) == 3
    for employee in created.values():
        event = events[str(employee.pk)]
        assert (event.subject_type, event.action, event.actor_id) == (
            "workforce.employee",
            "employee.created",
            province_admin.pk,
        )
        assert event.to_state == employee_snapshot(employee)


def test_broken_rows_import_nothing_and_every_bad_cell_is_reported(position_a, position_b, province_admin):
    good = employee_row(1)
    rows = [
        good,  # row 2
        employee_row(2, nip="1980030320080320"),  # row 3: 16 digits
        employee_row(3, agency_code="NOPE", rank="V/z"),  # row 4
        employee_row(4, birth_date=date(1975, 1, 1)),  # row 5: NIP says otherwise
        employee_row(1, full_name="Nama Lain"),  # row 6: same NIP as row 2
        employee_row(6, full_name=None, birth_date="31-02-1980", status="gone"),  # row 7
        employee_row(7, position_code=position_b.code, position_start_date=date(2020, 1, 1)),  # row 8
        employee_row(8, position_code=position_a.code),  # row 9: no start date
        employee_row(9, email="not-an-email", employment_type="pppk", rank="III/a"),  # row 10
    ]
    before = counts()

    result = employees_import(source=employees_xlsx(rows), actor=province_admin)
    assert issues(result) == [
        (3, "nip", "Enter 18 digits."),
        (4, "rank", "Unknown rank code."),
        (4, "agency_code", "Unknown agency code."),
        (5, "birth_date", "The birth date does not match the NIP (05-05-1984)."),
        (6, "nip", "The number appears more than once in the file (first on row 2)."),
        (7, "full_name", "A value is required."),
        (7, "birth_date", "Not a date; write it as DD-MM-YYYY."),
        (7, "status", "Not an allowed value. Allowed: active, on_leave, retired."),
        (8, "position_code", "The position belongs to another agency."),
        (9, "position_start_date", "Enter the date the employee started in the position."),
        (10, "rank", "A PNS has a golongan/ruang rank and a PPPK a PPPK grade."),
        (10, "email", "Enter a valid email address."),
    ]
    assert result.bad_rows == [3, 4, 5, 6, 7, 8, 9, 10]
    assert [(i.row, i.value) for i in result.errors[:2]] == [(3, "1980030320080320"), (4, "V/z")]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert counts() == before


def test_error_report_workbook_lists_row_column_value_reason(province_admin):
    result = employees_import(
        source=employees_xlsx([employee_row(1, agency_code="NOPE")]), actor=province_admin
    )
    sheet = load_workbook(io.BytesIO(report_workbook(result.errors))).worksheets[0]
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["Row", "Column", "Value", "Reason"],
        [2, "agency_code", "NOPE", "Unknown agency code."],
    ]


def test_reimport_of_the_same_file_changes_nothing(position_a, province_admin):
    rows = [
        employee_row(
            n, position_code=position_a.code if n % 2 else None, position_start_date=date(2020, 1, 6)
        )
        for n in range(1, 6)
    ]
    for row in rows:
        if not row["position_code"]:
            row["position_start_date"] = None
    first = employees_import(source=employees_xlsx(rows), actor=province_admin)
    assert (first.created, first.updated, first.unchanged) == (5, 0, 0)
    after_first = counts()
    assert after_first == (5, 3, 5)

    again = employees_import(source=employees_xlsx(rows), actor=province_admin)

    assert issues(again) == []
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert counts() == after_first


def test_updated_file_updates_by_nip_with_transfer_promotion_and_update(agency_a, province_admin):
    unit = UnitFactory(agency=agency_a)
    first_position = PositionFactory(unit=unit, headcount_needed=1)
    second_position = PositionFactory(unit=unit, headcount_needed=1)
    rows = [
        employee_row(1, position_code=first_position.code, position_start_date=date(2019, 7, 1)),
        employee_row(2),
        employee_row(3),
    ]
    employees_import(source=employees_xlsx(rows), actor=province_admin)
    ids = {e.nip: e.pk for e in Employee.objects.all()}
    before = counts()

    rows[0].update(position_code=second_position.code, position_start_date=date(2024, 2, 1))
    rows[1].update(phone="0811000111", home_regency="Halmahera Barat")
    rows[2].update(rank="III/c")
    result = employees_import(source=employees_xlsx(rows), actor=province_admin)

    assert issues(result) == []
    assert (result.created, result.updated, result.unchanged) == (0, 3, 0)
    moved = Employee.objects.get(nip=rows[0]["nip"])
    assert (moved.pk, moved.position_id, moved.position_start_date) == (
        ids[rows[0]["nip"]],
        second_position.pk,
        date(2024, 2, 1),
    )
    assert list(
        PositionHistory.objects.filter(employee=moved)
        .order_by("id")
        .values_list("kind", "position_id", "start_date")
    ) == [
        ("appointment", first_position.pk, date(2019, 7, 1)),
        ("transfer", second_position.pk, date(2024, 2, 1)),
    ]
    updated = Employee.objects.get(nip=rows[1]["nip"])
    assert (updated.phone, updated.home_regency) == ("0811000111", "Halmahera Barat")
    promoted = Employee.objects.select_related("rank").get(nip=rows[2]["nip"])
    assert promoted.rank.code == "III/c"
    new_events = list(
        AuditEvent.objects.order_by("id")[before[2] :].values_list(
            "subject_id", "action", "from_state", "to_state"
        )
    )
    assert new_events == [
        (
            str(moved.pk),
            "employee.transfer",
            {"position": first_position.pk, "agency": agency_a.pk},
            {"position": second_position.pk, "agency": agency_a.pk},
        ),
        (
            str(updated.pk),
            "employee.updated",
            {"home_regency": "Kota Ternate", "phone": "081234567890"},
            {"home_regency": "Halmahera Barat", "phone": "0811000111"},
        ),
        (str(promoted.pk), "employee.promotion", {"rank": rank("III/a").pk}, {"rank": rank("III/c").pk}),
    ]
    assert counts() == (3, before[1] + 2, before[2] + 3)


def test_empty_position_releases_the_holder(position_a, province_admin):
    row = employee_row(1, position_code=position_a.code, position_start_date=date(2020, 1, 6))
    employees_import(source=employees_xlsx([row]), actor=province_admin)
    row.update(position_code=None, position_start_date=None)

    result = employees_import(source=employees_xlsx([row]), actor=province_admin)

    assert (result.updated, issues(result)) == (1, [])
    employee = Employee.objects.get()
    assert (employee.position_id, employee.position_start_date) == (None, None)
    assert list(PositionHistory.objects.order_by("id").values_list("kind", "position_id")) == [
        ("appointment", position_a.pk),
        ("release", None),
    ]


def test_lower_rank_and_another_employment_type_are_refused(agency_a, province_admin):
    row = employee_row(1, rank="III/c")
    employees_import(source=employees_xlsx([row]), actor=province_admin)
    before = counts()
    row.update(rank="III/a", employment_type="pppk")

    result = employees_import(source=employees_xlsx([row]), actor=province_admin)

    assert issues(result) == [
        (
            2,
            "employment_type",
            "The employment type of an employee cannot change; a PPPK appointed as PNS gets a new NIP.",
        ),
        (
            2,
            "rank",
            "The rank is lower than the recorded rank (III/c); a demotion is not recorded by import.",
        ),
    ]
    assert counts() == before
    assert Employee.objects.get().rank.code == "III/c"


def test_a_transfer_dated_before_the_current_start_is_refused(agency_a, province_admin):
    unit = UnitFactory(agency=agency_a)
    first, second = PositionFactory(unit=unit), PositionFactory(unit=unit)
    row = employee_row(1, position_code=first.code, position_start_date=date(2022, 5, 1))
    employees_import(source=employees_xlsx([row]), actor=province_admin)
    row.update(position_code=second.code, position_start_date=date(2021, 1, 1))

    result = employees_import(source=employees_xlsx([row]), actor=province_admin)

    assert issues(result) == [
        (2, "position_start_date", "The start date is before the start of the current position.")
    ]
    assert Employee.objects.get().position_id == first.pk


def test_changed_start_date_of_the_same_position_is_a_warning_not_a_change(position_a, province_admin):
    row = employee_row(1, position_code=position_a.code, position_start_date=date(2022, 5, 1))
    employees_import(source=employees_xlsx([row]), actor=province_admin)
    before = counts()
    row["position_start_date"] = date(2022, 6, 1)

    result = employees_import(source=employees_xlsx([row]), actor=province_admin)

    assert (result.unchanged, issues(result)) == (1, [])
    assert [(w.row, w.column) for w in result.warnings] == [(2, "position_start_date")]
    assert counts() == before


def test_agency_admin_cannot_import_or_take_over_another_agencys_employees(agency_admin_a, agency_b):
    other = EmployeeFactory(agency=agency_b)
    before = counts()
    rows = [
        employee_row(1),  # own agency: fine
        employee_row(2, agency_code="DINB"),
        {
            **employee_row(3),
            "nip": other.nip,
            "sex": other.sex,
            "birth_date": other.birth_date,
            "agency_code": "DINA",
        },
    ]

    result = employees_import(source=employees_xlsx(rows), actor=agency_admin_a)

    assert issues(result) == [
        (3, "agency_code", "You may not import employees of this agency."),
        (4, "nip", "This number belongs to an employee of an agency you do not manage."),
    ]
    assert counts() == before


def test_sub_agency_rows_are_allowed_for_the_parent_agency_admin(agency_a, agency_admin_a):
    AgencyFactory(code="RSUD", parent=agency_a)
    result = employees_import(
        source=employees_xlsx([employee_row(1, agency_code="RSUD")]), actor=agency_admin_a
    )
    assert (issues(result), result.created) == ([], 1)


@pytest.mark.parametrize("role", [Role.LEADER, Role.TRAINING_MANAGER, Role.EMPLOYEE, Role.CITIZEN])
def test_other_roles_may_not_import(role, make_user, agency_a):
    with pytest.raises(PermissionDenied):
        employees_import(source=employees_xlsx([employee_row(1)]), actor=make_user(role, agency_a))
    assert Employee.objects.count() == 0


def test_dry_run_reports_counts_and_writes_nothing(position_a, province_admin):
    rows = [
        employee_row(1, position_code=position_a.code, position_start_date=date(2020, 1, 6)),
        employee_row(2),
    ]
    result = employees_import(source=employees_xlsx(rows), actor=province_admin, dry_run=True)
    assert (issues(result), result.created, result.dry_run) == ([], 2, True)
    assert counts() == (0, 0, 0)


def test_nip_typed_as_a_number_and_masked_personal_data_are_refused(agency_a, province_admin):
    rows = [employee_row(1, nip=198001012008031001.0), employee_row(2, phone="•••", birth_place="•••")]
    result = employees_import(source=employees_xlsx(rows), actor=province_admin)
    assert issues(result) == [
        (2, "nip", "Type the number as text: Excel rounds numbers longer than 15 digits."),
        (3, "birth_place", "The value is masked; import a file exported with personal data."),
        (3, "phone", "The value is masked; import a file exported with personal data."),
    ]


def test_values_are_read_leniently_but_stored_canonically(agency_a, province_admin):
    row = employee_row(
        1, nip=None, employment_type="PNS", sex="L", status="On leave", education_level="S2", rank="iii/b"
    )
    row["nip"] = make_nip(row["birth_date"], (2008, 3), "M", 7)
    row["nip"] = f"{row['nip'][:8]} {row['nip'][8:14]} {row['nip'][14]} {row['nip'][15:]}"
    result = employees_import(source=employees_xlsx([row]), actor=province_admin)
    assert issues(result) == []
    employee = Employee.objects.select_related("rank").get()
    assert (employee.nip, employee.sex, employee.status, employee.education_level, employee.rank.code) == (
        row["nip"].replace(" ", ""),
        "M",
        "on_leave",
        "s2",
        "III/b",
    )


def test_an_absent_optional_column_keeps_recorded_values(agency_a, province_admin):
    row = employee_row(1)
    employees_import(source=employees_xlsx([row]), actor=province_admin)
    header = [name for name in EMPLOYEE_HEADER if name not in {"phone", "email"}]
    result = employees_import(source=employees_xlsx([row], header=header), actor=province_admin)
    assert (result.unchanged, issues(result)) == (1, [])
    assert Employee.objects.get().phone == "081234567890"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"nip,full_name\n1,2\n",
            "The file is not an Excel workbook (.xlsx). Save it in Excel as “Excel Workbook (*.xlsx)”.",
        ),
        (b"", "The file is empty."),
    ],
)
def test_a_file_that_is_not_xlsx_is_rejected(content, expected, province_admin):
    result = employees_import(source=io.BytesIO(content), actor=province_admin)
    assert issues(result) == [(None, "", expected)]


def test_a_zip_that_is_not_a_workbook_is_rejected(province_admin):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w/>")
    out.seek(0)
    result = employees_import(source=out, actor=province_admin)
    assert issues(result) == [
        (
            None,
            "",
            "The file is not an Excel workbook (.xlsx). Save it in Excel as “Excel Workbook (*.xlsx)”.",
        )
    ]


def test_missing_columns_and_empty_sheets_are_reported(province_admin):
    header = [n for n in EMPLOYEE_HEADER if n not in {"nip", "rank"}]
    missing = employees_import(source=employees_xlsx([employee_row(1)], header=header), actor=province_admin)
    assert issues(missing) == [(1, "nip", "The column is missing."), (1, "rank", "The column is missing.")]
    empty = employees_import(source=employees_xlsx([]), actor=province_admin)
    assert issues(empty) == [(None, "", "The file has no data rows below the header.")]


def test_size_and_row_caps(settings, province_admin):
    settings.PENATA_IMPORT_MAX_ROWS = 3
    rows = [employee_row(n) for n in range(1, 5)]
    too_many = employees_import(source=employees_xlsx(rows), actor=province_admin)
    assert issues(too_many) == [(5, "", "The file has more than 3 rows; split it into smaller files.")]
    settings.PENATA_IMPORT_MAX_BYTES = 1024
    too_big = employees_import(source=employees_xlsx(rows), actor=province_admin)
    assert [i.reason for i in too_big.errors] == ["The file is 0 MB; at most 0 MB can be imported."]
    assert Employee.objects.count() == 0


def test_query_count_does_not_grow_with_rows(position_a, province_admin):
    def run(first: int, count: int):
        rows = [
            employee_row(n, position_code=position_a.code, position_start_date=date(2020, 1, 6))
            for n in range(first, first + count)
        ]
        source = employees_xlsx(rows)
        with CaptureQueriesContext(connection) as queries:
            result = employees_import(source=source, actor=province_admin)
        assert (result.created, issues(result)) == (count, [])
        return len(queries)

    small, large = run(1, 5), run(100, 50)
    assert small == large
    assert small == 9
