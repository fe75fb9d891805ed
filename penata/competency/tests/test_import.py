"""Excel import of position competency standards and assessment results: all or nothing,
every bad cell reported, dry run, idempotent re-import, scope, and the job through the task."""

from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from penata.accounts.models import Role
from penata.competency.io import assessments_import, standards_import
from penata.competency.io.columns import ASSESSMENT_COLUMNS, STANDARD_COLUMNS
from penata.competency.models import Assessment, PositionStandard
from penata.competency.selectors import standards_of
from penata.competency.services import position_standard_set
from penata.competency.tests.factories import AssessmentFactory, TechnicalCompetencyFactory, competency
from penata.core.errors import PermissionDenied
from penata.core.models import AuditEvent
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.imports import can_import, import_file
from penata.workforce.models import ImportJob, ImportStatus
from penata.workforce.tests.factories import EmployeeFactory
from penata.workforce.tests.test_import import english, issues, xlsx  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

STANDARD_HEADER = [c.name for c in STANDARD_COLUMNS]
ASSESSMENT_HEADER = [c.name for c in ASSESSMENT_COLUMNS]


def standards_xlsx(rows: list[tuple], header: list[str] = STANDARD_HEADER):
    return xlsx(header, [list(row) for row in rows])


def assessments_xlsx(rows: list[dict], header: list[str] = ASSESSMENT_HEADER):
    return xlsx(header, [[row.get(name) for name in header] for row in rows])


def counts() -> tuple[int, int, int]:
    return PositionStandard.objects.count(), Assessment.objects.count(), AuditEvent.objects.count()


@pytest.fixture
def positions(agency_a, agency_b):
    unit_a = UnitFactory(agency=agency_a)
    return {
        "A-1": PositionFactory(code="A-1", unit=unit_a),
        "A-2": PositionFactory(code="A-2", unit=unit_a),
        "A-3": PositionFactory(code="A-3", unit=unit_a),
        "B-1": PositionFactory(code="B-1", unit=UnitFactory(agency=agency_b)),
    }


# --- standards ------------------------------------------------------------------------------


def test_each_listed_position_gets_exactly_its_rows_through_the_service(positions, province_admin):
    a1, a2, a3 = positions["A-1"], positions["A-2"], positions["A-3"]
    position_standard_set(position=a1, requirements={"M.01": (3, True), "M.02": (2, True)})
    position_standard_set(position=a3, requirements={"M.05": (2, True)})
    events = AuditEvent.objects.count()
    rows = [
        ("A-1", "M.01", 4, "ya"),  # row 2: level changed
        ("A-1", "sk.01", 2, "tidak"),  # row 3: new, code in lower case, secondary factor
        ("A-2", "M.01", 1, None),  # row 4: new position standard, core by default
        ("A-2", "M.03", 2.0, 0),  # row 5: a number cell with a whole value
    ]

    result = standards_import(source=standards_xlsx(rows), actor=province_admin)

    assert issues(result) == []
    assert (result.rows, result.created, result.updated, result.unchanged) == (4, 3, 1, 0)
    assert [(w.row, w.column, w.value, w.reason) for w in result.warnings] == [
        (2, "competency_code", "M.02", "Not in the file: removed from the standard of position A-1.")
    ]
    assert standards_of(position_ids=[a1.pk, a2.pk, a3.pk]) == {
        a1.pk: {"M.01": (4, True), "SK.01": (2, False)},
        a2.pk: {"M.01": (1, True), "M.03": (2, False)},
        a3.pk: {"M.05": (2, True)},  # not in the file: kept
    }
    assert list(
        AuditEvent.objects.filter(pk__gt=0)
        .order_by("pk")[events:]
        .values_list("action", "subject_id", "actor_id", "to_state")
    ) == [
        ("position.standard_set", str(a1.pk), province_admin.pk, {"M.01": 4, "SK.01": 2}),
        ("position.standard_set", str(a2.pk), province_admin.pk, {"M.01": 1, "M.03": 2}),
    ]


def test_a_broken_standards_file_writes_nothing_and_reports_every_cell(positions, agency_admin_a, agency_b):
    position_standard_set(position=positions["A-1"], requirements={"M.01": (3, True)})
    retired = TechnicalCompetencyFactory(code="T.OLD", agency=agency_admin_a.agency, is_active=False)
    other = TechnicalCompetencyFactory(code="T.DINB", agency=agency_b)
    rows = [
        ("A-1", "M.01", 4, "ya"),  # row 2: fine
        ("NOPE", "M.01", 3, None),  # row 3: unknown position
        ("B-1", "M.01", 3, None),  # row 4: another agency's position reads as unknown
        ("A-1", "X.99", 3, None),  # row 5: unknown competency
        ("A-1", retired.code, 3, None),  # row 6: inactive
        ("A-2", other.code, 3, None),  # row 7: technical competency of another agency
        ("A-2", "M.02", 6, None),  # row 8: level out of range
        ("A-2", "M.03", 2.5, None),  # row 9: not a whole number
        ("A-2", "M.04", "tinggi", "mungkin"),  # row 10: level and core factor unreadable
        ("A-3", "M.05", 2, None),  # row 11: duplicate of row 13
        (None, None, None, "ya"),  # row 12: required cells empty
        ("A-3", "m.05", 3, None),  # row 13: duplicate of row 11 (codes are case-insensitive)
    ]
    before = counts()

    result = standards_import(source=standards_xlsx(rows), actor=agency_admin_a)

    duplicate = "The position lists this competency more than once (rows 11, 13)."
    assert issues(result) == [
        (3, "position_code", "Unknown position code."),
        (4, "position_code", "Unknown position code."),
        (5, "competency_code", "Unknown competency code."),
        (6, "competency_code", "The competency is no longer in use."),
        (7, "competency_code", "A technical competency of another agency."),
        (8, "required_level", "A level is a whole number from 1 to 5."),
        (9, "required_level", "Not a whole number."),
        (10, "required_level", "Not a whole number."),
        (10, "core_factor", "Write yes or no (ya or tidak)."),
        (11, "competency_code", duplicate),
        (12, "position_code", "A value is required."),
        (12, "competency_code", "A value is required."),
        (12, "required_level", "A value is required."),
        (13, "competency_code", duplicate),
    ]
    assert [(i.row, i.value) for i in result.errors][:2] == [(3, "NOPE"), (4, "B-1")]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert counts() == before
    assert standards_of(position_ids=[positions["A-1"].pk]) == {positions["A-1"].pk: {"M.01": (3, True)}}


def test_reimporting_the_same_standards_changes_nothing(positions, province_admin):
    source = standards_xlsx([("A-1", "M.01", 3, "yes"), ("A-1", "M.02", 2, "no"), ("B-1", "SK.01", 1, 1)])
    first = standards_import(source=source, actor=province_admin)
    assert (issues(first), first.created) == ([], 3)
    before = counts()

    source.seek(0)
    again = standards_import(source=source, actor=province_admin)

    assert (issues(again), again.created, again.updated, again.unchanged, again.warnings) == ([], 0, 0, 3, [])
    assert counts() == before


def test_a_standards_dry_run_counts_and_writes_nothing(positions, province_admin):
    before = counts()
    result = standards_import(
        source=standards_xlsx([("A-1", "M.01", 3, None), ("A-2", "M.01", 2, None)]),
        actor=province_admin,
        dry_run=True,
    )
    assert (issues(result), result.dry_run, result.created) == ([], True, 2)
    assert counts() == before


def test_a_technical_competency_of_the_positions_own_agency_is_accepted(positions, agency_a, province_admin):
    own = TechnicalCompetencyFactory(code="T.DINA", agency=agency_a)
    result = standards_import(source=standards_xlsx([("A-1", "t.dina", 2, None)]), actor=province_admin)
    assert (issues(result), result.created) == ([], 1)
    assert PositionStandard.objects.get().competency == own


def test_a_missing_column_rejects_the_file(positions, province_admin):
    result = standards_import(
        source=standards_xlsx([("A-1", "M.01")], header=["position_code", "competency_code"]),
        actor=province_admin,
    )
    assert issues(result) == [(1, "required_level", "The column is missing.")]


def test_a_thousand_standard_rows_are_checked_with_a_fixed_number_of_queries(
    agency_a, province_admin, django_assert_num_queries
):
    unit = UnitFactory(agency=agency_a)
    PositionFactory.create_batch(125, unit=unit)
    codes = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08"]
    from penata.organization.models import Position

    rows = [(p.code, code, 3, "ya") for p in Position.objects.order_by("code") for code in codes]
    rows[-1] = (rows[-1][0], rows[-1][1], 9, "ya")
    before = counts()

    # Positions, competencies, recorded standards; nothing per row.
    with django_assert_num_queries(3):
        result = standards_import(source=standards_xlsx(rows), actor=province_admin)

    assert (result.rows, issues(result)) == (
        1000,
        [(1001, "required_level", "A level is a whole number from 1 to 5.")],
    )
    assert counts() == before

    rows[-1] = (rows[-1][0], rows[-1][1], 3, "ya")
    result = standards_import(source=standards_xlsx(rows), actor=province_admin)
    assert (issues(result), result.created, PositionStandard.objects.count()) == ([], 1000, 1000)
    assert AuditEvent.objects.filter(action="position.standard_set").count() == 125


# --- assessments ----------------------------------------------------------------------------


def assessment_row(employee, **overrides) -> dict:
    row = {
        "nip": employee.nip,
        "competency_code": "M.01",
        "level": 3,
        "assessed_on": date(2025, 6, 2),
        "method": None,
        "assessor": "UPT Penilaian Kompetensi BKD",
        "note": None,
    }
    row.update(overrides)
    return row


@pytest.fixture
def staff(agency_a, agency_b):
    return {
        "a1": EmployeeFactory(agency=agency_a),
        "a2": EmployeeFactory(agency=agency_a),
        "b1": EmployeeFactory(agency=agency_b),
    }


def test_assessment_rows_are_recorded_with_the_importer_as_recorder(staff, agency_admin_a):
    a1, a2 = staff["a1"], staff["a2"]
    rows = [
        assessment_row(a1),  # date cell, default method
        assessment_row(
            a1, competency_code="m.02", level=2, assessed_on="03/06/2025", method="competency_test"
        ),
        assessment_row(
            a2,
            nip=f"{a2.nip[:8]} {a2.nip[8:14]} {a2.nip[14]} {a2.nip[15:]}",
            level=4,
            assessed_on="2025-06-04",
            method="Supervisor",
            assessor=None,
            note="Atasan langsung",
        ),
        assessment_row(
            a2, competency_code="SK.01", assessed_on=datetime(2025, 6, 5), method="assessment_center"
        ),
    ]

    result = assessments_import(source=assessments_xlsx(rows), actor=agency_admin_a)

    assert issues(result) == []
    assert (result.rows, result.created, result.updated, result.unchanged, result.warnings) == (
        4,
        4,
        0,
        0,
        [],
    )
    recorded = list(
        Assessment.objects.order_by("id").values_list(
            "employee__nip",
            "competency__code",
            "level",
            "assessed_on",
            "method",
            "assessor_id",
            "assessor_name",
            "note",
        )
    )
    assert recorded == [
        (
            a1.nip,
            "M.01",
            3,
            date(2025, 6, 2),
            "assessment_centre",
            agency_admin_a.pk,
            "UPT Penilaian Kompetensi BKD",
            "",
        ),
        (
            a1.nip,
            "M.02",
            2,
            date(2025, 6, 3),
            "competency_test",
            agency_admin_a.pk,
            "UPT Penilaian Kompetensi BKD",
            "",
        ),
        (a2.nip, "M.01", 4, date(2025, 6, 4), "supervisor", agency_admin_a.pk, "", "Atasan langsung"),
        (
            a2.nip,
            "SK.01",
            3,
            date(2025, 6, 5),
            "assessment_centre",
            agency_admin_a.pk,
            "UPT Penilaian Kompetensi BKD",
            "",
        ),
    ]
    assert list(AuditEvent.objects.order_by("pk").values_list("action", "subject_id", "actor_id")) == [
        ("employee.assessed", str(a1.pk), agency_admin_a.pk),
        ("employee.assessed", str(a1.pk), agency_admin_a.pk),
        ("employee.assessed", str(a2.pk), agency_admin_a.pk),
        ("employee.assessed", str(a2.pk), agency_admin_a.pk),
    ]


def test_a_broken_assessment_file_writes_nothing_and_reports_every_cell(staff, agency_admin_a):
    a1, b1 = staff["a1"], staff["b1"]
    tomorrow = timezone.localdate() + timedelta(days=1)
    rows = [
        assessment_row(a1),  # row 2: fine
        assessment_row(a1, nip="199001012015031999"),  # row 3: nobody has this NIP
        assessment_row(b1),  # row 4: another agency's employee reads as unknown
        assessment_row(a1, nip="12345"),  # row 5: not a NIP
        assessment_row(a1, nip=198001012008031001),  # row 6: a number cell loses digits in Excel
        assessment_row(a1, competency_code="X.99"),  # row 7
        assessment_row(a1, level=0),  # row 8
        assessment_row(a1, assessed_on=tomorrow),  # row 9
        assessment_row(a1, assessed_on="kemarin"),  # row 10
        assessment_row(a1, method="self"),  # row 11
        assessment_row(a1, method="interview"),  # row 12
        assessment_row(a1, assessor="x" * 201),  # row 13
        {
            "nip": None,
            "competency_code": None,
            "level": None,
            "assessed_on": None,
            "note": "kosong",
        },  # row 14
    ]
    before = counts()

    result = assessments_import(source=assessments_xlsx(rows), actor=agency_admin_a)

    assert issues(result) == [
        (3, "nip", "Unknown NIP."),
        (4, "nip", "Unknown NIP."),
        (5, "nip", "A NIP has exactly 18 digits."),
        (6, "nip", "Type the number as text: Excel rounds numbers longer than 15 digits."),
        (7, "competency_code", "Unknown competency code."),
        (8, "level", "A level is a whole number from 1 to 5."),
        (9, "assessed_on", "The assessment date is in the future."),
        (10, "assessed_on", "Not a date; write it as DD-MM-YYYY."),
        (11, "method", "A self-assessment cannot be imported; the employee records it."),
        (12, "method", "Not an allowed value. Allowed: assessment_centre, competency_test, supervisor."),
        (13, "assessor", "At most 200 characters."),
        (14, "nip", "A value is required."),
        (14, "competency_code", "A value is required."),
        (14, "level", "A value is required."),
        (14, "assessed_on", "A value is required."),
    ]
    assert [i.value for i in result.errors[:2]] == ["199001012015031999", b1.nip]
    assert counts() == before


def test_reimporting_assessments_changes_nothing_and_identical_rows_are_skipped(staff, province_admin):
    a1 = staff["a1"]
    AssessmentFactory(employee=a1, competency=competency("M.03"), level=2, assessed_on=date(2025, 6, 2))
    invalid = AssessmentFactory(
        employee=a1, competency=competency("M.04"), level=2, assessed_on=date(2025, 6, 2)
    )
    Assessment.objects.filter(pk=invalid.pk).update(is_valid=False)
    rows = [
        assessment_row(a1),  # row 2: new
        assessment_row(a1),  # row 3: the same as row 2
        assessment_row(a1, competency_code="M.03", level=2),  # row 4: identical to a recorded one
        assessment_row(a1, competency_code="M.03", level=3),  # row 5: same day and method, another level
        assessment_row(a1, competency_code="M.04", level=2),  # row 6: identical to an invalidated one
    ]
    source = assessments_xlsx(rows)

    result = assessments_import(source=source, actor=province_admin)

    assert issues(result) == []
    assert (result.created, result.unchanged) == (2, 3)
    assert [(w.row, w.column, w.reason) for w in result.warnings] == [
        (3, "", "The same assessment as on row 2; it is recorded once."),
        (
            4 + 1,
            "level",
            "An assessment of the same day and method with level 2 is already recorded; both are kept.",
        ),
        (6, "", "This assessment is recorded and was marked invalid; it was not recorded again."),
    ]
    assert Assessment.objects.count() == 4
    before = counts()

    source.seek(0)
    again = assessments_import(source=source, actor=province_admin)

    assert (issues(again), again.created, again.unchanged) == ([], 0, 5)
    assert counts() == before


def test_an_assessment_dry_run_counts_and_writes_nothing(staff, province_admin):
    before = counts()
    result = assessments_import(
        source=assessments_xlsx([assessment_row(staff["a1"]), assessment_row(staff["b1"])]),
        actor=province_admin,
        dry_run=True,
    )
    assert (issues(result), result.dry_run, result.created) == ([], True, 2)
    assert counts() == before


def test_a_training_manager_imports_assessments_of_every_agency_but_no_standards(
    staff, positions, make_user, agency_a
):
    manager = make_user(Role.TRAINING_MANAGER, agency_a)
    rows = [assessment_row(staff["a1"]), assessment_row(staff["b1"])]
    result = assessments_import(source=assessments_xlsx(rows), actor=manager)
    assert (issues(result), result.created) == ([], 2)
    assert (can_import(manager), can_import(manager, "assessments"), can_import(manager, "standards")) == (
        True,
        True,
        False,
    )
    assert can_import(manager, "employees") is False
    before = counts()
    with pytest.raises(PermissionDenied, match=r"^You may not import this kind of data\.$"):
        standards_import(source=standards_xlsx([("A-1", "M.01", 3, None)]), actor=manager)
    assert counts() == before


@pytest.mark.parametrize(
    ("role", "standards", "assessments"),
    [
        (Role.PROVINCE_ADMIN, True, True),
        (Role.AGENCY_ADMIN, True, True),
        (Role.TRAINING_MANAGER, False, True),
        (Role.LEADER, False, False),
        (Role.COMPLAINT_OFFICER, False, False),
        (Role.EMPLOYEE, False, False),
    ],
)
def test_import_rights_by_role_and_kind(make_user, agency_a, role, standards, assessments):
    user = make_user(role, agency_a)
    assert (can_import(user, "standards"), can_import(user, "assessments")) == (standards, assessments)


def test_a_thousand_assessment_rows_are_checked_with_a_fixed_number_of_queries(
    agency_a, province_admin, django_assert_num_queries, django_assert_max_num_queries
):
    people = EmployeeFactory.create_batch(125, agency=agency_a)
    codes = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08"]
    rows = [assessment_row(e, competency_code=code) for e in people for code in codes]
    rows[0]["level"] = 7
    before = counts()

    # Employees, recorded assessments, competencies; nothing per row.
    with django_assert_num_queries(3):
        result = assessments_import(source=assessments_xlsx(rows), actor=province_admin)

    assert (result.rows, issues(result)) == (1000, [(2, "level", "A level is a whole number from 1 to 5.")])
    assert counts() == before

    rows[0]["level"] = 3
    # The same lookups, then the assessments and their events in batched INSERTs (SQLite
    # caps the parameters of one statement, so about a dozen batches there; one on
    # PostgreSQL) — never a statement per row.
    with django_assert_max_num_queries(40):
        result = assessments_import(source=assessments_xlsx(rows), actor=province_admin)
    assert (issues(result), result.created, Assessment.objects.count()) == ([], 1000, 1000)
    assert AuditEvent.objects.filter(action="employee.assessed").count() == 1000


# --- jobs through the task and the page -----------------------------------------------------


@pytest.fixture
def media(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Jobs run in the language of the request; results are asserted in the English source text.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def post(client, kind: str, source, capture, **extra):
    upload = SimpleUploadedFile(f"{kind}.xlsx", source.getvalue(), content_type="application/octet-stream")
    with capture(execute=True):
        return client.post(reverse("workforce:io:index"), {"kind": kind, "file": upload, **extra})


def test_a_standards_job_runs_through_the_task(
    client, media, positions, province_admin, django_capture_on_commit_callbacks
):
    client.force_login(province_admin)
    response = post(
        client, "standards", standards_xlsx([("A-1", "M.01", 3, None)]), django_capture_on_commit_callbacks
    )
    job = ImportJob.objects.get()
    assert response.url == reverse("workforce:io:job_detail", kwargs={"pk": job.pk})
    assert (job.kind, job.status, job.actor_id, job.row_count, job.created_count, job.error_count) == (
        "standards",
        ImportStatus.SUCCEEDED,
        province_admin.pk,
        1,
        1,
        0,
    )
    assert standards_of(position_ids=[positions["A-1"].pk]) == {positions["A-1"].pk: {"M.01": (3, True)}}


def test_a_rejected_assessment_job_keeps_the_error_report_and_writes_nothing(
    client, media, staff, make_user, agency_a, django_capture_on_commit_callbacks
):
    client.force_login(make_user(Role.TRAINING_MANAGER, agency_a))
    rows = [assessment_row(staff["a1"]), assessment_row(staff["b1"], level=9)]
    before = counts()
    post(client, "assessments", assessments_xlsx(rows), django_capture_on_commit_callbacks, dry_run="on")
    job = ImportJob.objects.get()
    assert (job.status, job.dry_run, job.error_count, job.errors) == (
        ImportStatus.REJECTED,
        True,
        1,
        [{"row": 3, "column": "level", "value": "9", "reason": "A level is a whole number from 1 to 5."}],
    )
    assert bool(job.report) is True
    assert counts() == before


def test_a_training_manager_posting_standards_is_refused(
    client, media, positions, make_user, agency_a, django_capture_on_commit_callbacks
):
    client.force_login(make_user(Role.TRAINING_MANAGER, agency_a))
    response = post(
        client, "standards", standards_xlsx([("A-1", "M.01", 3, None)]), django_capture_on_commit_callbacks
    )
    assert response.status_code == 403
    assert (ImportJob.objects.count(), PositionStandard.objects.count()) == (0, 0)


def test_import_file_dispatches_to_the_registered_importers(positions, staff):
    # The system (no actor) imports without a scope limit.
    result = import_file(kind="standards", source=standards_xlsx([("B-1", "M.01", 2, None)]))
    assert (issues(result), result.kind, result.created) == ([], "standards", 1)
    result = import_file(kind="assessments", source=assessments_xlsx([assessment_row(staff["b1"])]))
    assert (issues(result), result.kind, result.created) == ([], "assessments", 1)
    assert Assessment.objects.get().assessor_id is None
