"""Templates and exports of standards and assessments: documented headers, scope, and an
export that imports again unchanged; the I/O page offers both kinds per role."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from penata.accounts.models import Role
from penata.competency.io import assessments_import, standards_import
from penata.competency.models import Assessment, PositionStandard
from penata.competency.services import position_standard_set
from penata.competency.tests.factories import AssessmentFactory, TechnicalCompetencyFactory, competency
from penata.core.models import AuditEvent
from penata.organization.tests.factories import AgencyFactory, PositionFactory, UnitFactory
from penata.workforce.exporting import export_write, template_workbook
from penata.workforce.tests.factories import EmployeeFactory
from penata.workforce.tests.test_import import english, issues  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

DOCUMENTED = {
    "standards": ["position_code", "competency_code", "required_level", "core_factor"],
    "assessments": ["nip", "competency_code", "level", "assessed_on", "method", "assessor", "note"],
}
EXPORT_EXTRA = {
    "standards": ["agency_code", "position_title", "competency_name"],
    "assessments": ["full_name", "agency_code"],
}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_rows(kind: str, **kwargs) -> list[tuple]:
    out = io.BytesIO()
    export_write(kind=kind, out=out, **kwargs)
    out.seek(0)
    return list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))


def exported(kind: str, **kwargs) -> io.BytesIO:
    out = io.BytesIO()
    export_write(kind=kind, out=out, **kwargs)
    out.seek(0)
    return out


def counts() -> tuple[int, int, int]:
    return PositionStandard.objects.count(), Assessment.objects.count(), AuditEvent.objects.count()


@pytest.fixture
def data(agency_a, agency_b):
    unit_a = UnitFactory(agency=agency_a)
    a1 = PositionFactory(code="A-1", title="Analis SDM", unit=unit_a)
    a2 = PositionFactory(code="A-2", unit=unit_a)
    b1 = PositionFactory(code="B-1", unit=UnitFactory(agency=agency_b))
    technical = TechnicalCompetencyFactory(code="T.DINA", name="Teknis A", agency=agency_a)
    TechnicalCompetencyFactory(code="T.DINB", name="Teknis B", agency=agency_b)
    position_standard_set(position=a1, requirements={"M.01": (3, True), "T.DINA": (2, False)})
    position_standard_set(position=a2, requirements={"M.02": (1, True)})
    position_standard_set(position=b1, requirements={"SK.01": (2, True)})
    e1 = EmployeeFactory(agency=agency_a, full_name="Budi Santoso", position=a1)
    e2 = EmployeeFactory(agency=agency_b)
    AssessmentFactory(employee=e1, competency=competency("M.01"), level=3, assessed_on=date(2025, 6, 2))
    AssessmentFactory(
        employee=e1,
        competency=technical,
        level=2,
        assessed_on=date(2025, 7, 1),
        method="supervisor",
        assessor_name="Kepala Bidang",
        note="Catatan",
    )
    AssessmentFactory(employee=e1, competency=competency("M.02"), level=5, method="self")  # never exported
    invalid = AssessmentFactory(employee=e1, competency=competency("M.03"), level=1)
    Assessment.objects.filter(pk=invalid.pk).update(is_valid=False)
    AssessmentFactory(employee=e2, competency=competency("SK.01"), level=4, assessed_on=date(2025, 5, 5))
    return {"e1": e1, "e2": e2}


@pytest.mark.parametrize("kind", ["standards", "assessments"])
def test_templates_open_with_the_documented_headers_instructions_and_competencies(kind, data, agency_admin_a):
    workbook = load_workbook(io.BytesIO(template_workbook(kind=kind, user=agency_admin_a)))
    title = {"standards": "Position competency standards", "assessments": "Assessment results"}[kind]
    assert workbook.sheetnames == [title, "Instructions", "Reference"]
    assert [cell.value for cell in workbook.worksheets[0][1]] == DOCUMENTED[kind]
    instructions = [row[0] for row in workbook["Instructions"].iter_rows(values_only=True)]
    for name in [*DOCUMENTED[kind], *EXPORT_EXTRA[kind]]:
        assert instructions.count(name) == 1
    reference = list(workbook["Reference"].iter_rows(values_only=True))
    assert reference[0] == ("Competency code", "Competency name", "Kind", "Agency code")
    # The dictionary and the technical competencies of the user's own agency only.
    assert [r[0] for r in reference[1:]] == [
        "M.01",
        "M.02",
        "M.03",
        "M.04",
        "M.05",
        "M.06",
        "M.07",
        "M.08",
        "SK.01",
        "T.DINA",
    ]
    assert reference[-1] == ("T.DINA", "Teknis A", "Technical", "DINA")


def test_standards_export_has_the_template_layout_and_reimports_unchanged(data, province_admin):
    rows = export_rows("standards", user=province_admin)
    assert rows == [
        (*DOCUMENTED["standards"], *EXPORT_EXTRA["standards"]),
        ("A-1", "M.01", 3, "yes", "DINA", "Analis SDM", "Integritas"),
        ("A-1", "T.DINA", 2, "no", "DINA", "Analis SDM", "Teknis A"),
        ("A-2", "M.02", 1, "yes", "DINA", rows[3][5], competency("M.02").name),
        ("B-1", "SK.01", 2, "yes", "DINB", rows[4][5], competency("SK.01").name),
    ]
    before = counts()
    result = standards_import(source=exported("standards", user=province_admin), actor=province_admin)
    assert (issues(result), result.created, result.updated, result.unchanged, result.warnings) == (
        [],
        0,
        0,
        4,
        [],
    )
    assert counts() == before


def test_an_edited_standards_export_changes_only_what_was_edited(data, province_admin):
    source = exported("standards", user=province_admin)
    workbook = load_workbook(source)
    workbook.worksheets[0]["C2"] = 4  # A-1 M.01: 3 → 4
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    result = standards_import(source=out, actor=province_admin)
    assert (issues(result), result.created, result.updated, result.unchanged) == ([], 0, 1, 3)
    assert AuditEvent.objects.filter(action="position.standard_set").count() == 4


def test_assessment_export_is_the_valid_history_and_reimports_unchanged(data, province_admin):
    e1, e2 = data["e1"], data["e2"]
    rows = export_rows("assessments", user=province_admin)
    assert [r[:3] + r[4:] for r in rows] == [
        tuple(n for n in (*DOCUMENTED["assessments"], *EXPORT_EXTRA["assessments"]) if n != "assessed_on"),
        (e1.nip, "M.01", 3, "assessment_centre", None, None, "Budi Santoso", "DINA"),
        (e1.nip, "T.DINA", 2, "supervisor", "Kepala Bidang", "Catatan", "Budi Santoso", "DINA"),
        (e2.nip, "SK.01", 4, "assessment_centre", None, None, e2.full_name, "DINB"),
    ]
    assert [r[3].date() for r in rows[1:]] == [date(2025, 6, 2), date(2025, 7, 1), date(2025, 5, 5)]
    before = counts()
    result = assessments_import(source=exported("assessments", user=province_admin), actor=province_admin)
    assert (issues(result), result.created, result.unchanged) == ([], 0, 3)
    assert counts() == before


def test_exports_are_scoped_to_what_the_user_sees(data, agency_admin_a, agency_a, province_admin):
    assert [r[0] for r in export_rows("standards", user=agency_admin_a)[1:]] == ["A-1", "A-1", "A-2"]
    assert [r[-1] for r in export_rows("assessments", user=agency_admin_a)[1:]] == ["DINA", "DINA"]
    child = AgencyFactory(code="RSUD", parent=agency_a)
    position_standard_set(
        position=PositionFactory(code="R-1", unit=UnitFactory(agency=child)), requirements={"M.01": (2, True)}
    )
    assert [r[0] for r in export_rows("standards", user=province_admin, agency=agency_a)[1:]] == [
        "A-1",
        "A-1",
        "A-2",
        "R-1",
    ]


def test_export_query_count_is_constant(data, agency_admin_a, django_assert_num_queries):
    # The agency tree for the scope, then the rows.
    with django_assert_num_queries(2):
        export_rows("standards", user=agency_admin_a)
    for n in range(20):
        position = PositionFactory(code=f"A-X{n}", unit=UnitFactory(agency=agency_admin_a.agency))
        position_standard_set(position=position, requirements={"M.01": (2, True)})
        AssessmentFactory(
            employee=data["e1"], competency=competency("M.04"), assessed_on=date(2024, 1, 1 + n)
        )
    agency_admin_a._penata_scope = None
    with django_assert_num_queries(2):
        assert len(export_rows("standards", user=agency_admin_a)) == 24
    with django_assert_num_queries(1):
        assert len(export_rows("assessments", user=agency_admin_a)) == 23


# --- the I/O page ---------------------------------------------------------------------------


@pytest.fixture
def english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_page_offers_templates_and_exports_of_both_kinds(
    client, province_admin, english_pages, django_assert_max_num_queries
):
    client.force_login(province_admin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("workforce:io:index"))
    body = response.content.decode()
    assert [v for v, _label in response.context["form"].fields["kind"].choices] == [
        "positions",
        "employees",
        "standards",
        "assessments",
    ]
    for kind in ("standards", "assessments"):
        assert f'data-testid="template-{kind}"' in body
        assert f'data-testid="export-{kind}"' in body
    assert "Template: Position competency standards" in body


def test_a_training_manager_is_offered_only_the_assessment_import(client, make_user, agency_a, english_pages):
    client.force_login(make_user(Role.TRAINING_MANAGER, agency_a))
    response = client.get(reverse("workforce:io:index"))
    body = response.content.decode()
    assert response.context["form"].fields["kind"].choices == [("assessments", "Assessment results")]
    assert 'data-testid="template-assessments"' in body
    assert 'data-testid="template-standards"' not in body
    assert 'data-testid="export-standards"' in body  # exports follow the export rights


@pytest.mark.parametrize("kind", ["standards", "assessments"])
def test_template_download_opens_with_the_headers(client, province_admin, english_pages, kind):
    client.force_login(province_admin)
    response = client.get(reverse("workforce:io:template", kwargs={"kind": kind}))
    assert (response.status_code, response["Content-Type"]) == (200, CONTENT_TYPE)
    assert response["Content-Disposition"] == f'attachment; filename="{kind}-template.xlsx"'
    header = next(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert list(header) == DOCUMENTED[kind]


def test_export_download_of_another_agency_is_not_found_and_own_is_scoped(client, data, agency_admin_a):
    client.force_login(agency_admin_a)
    url = reverse("workforce:io:export", kwargs={"kind": "standards"})
    assert client.get(url, {"agency": "DINB"}).status_code == 404
    response = client.get(url)
    assert response["Content-Disposition"].startswith('attachment; filename="standards-')
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert [r[0] for r in rows[1:]] == ["A-1", "A-1", "A-2"]


@pytest.mark.parametrize(
    ("role", "standards_template", "assessments_template", "standards_export"),
    [
        (Role.PROVINCE_ADMIN, 200, 200, 200),
        (Role.AGENCY_ADMIN, 200, 200, 200),
        (Role.TRAINING_MANAGER, 200, 200, 200),
        (Role.LEADER, 200, 200, 200),
        (Role.COMPLAINT_OFFICER, 403, 403, 403),
        (Role.EMPLOYEE, 403, 403, 403),
    ],
)
def test_download_rights_by_role(
    client, make_user, agency_a, role, standards_template, assessments_template, standards_export
):
    client.force_login(make_user(role, agency_a))
    assert (
        client.get(reverse("workforce:io:template", kwargs={"kind": "standards"})).status_code,
        client.get(reverse("workforce:io:template", kwargs={"kind": "assessments"})).status_code,
        client.get(reverse("workforce:io:export", kwargs={"kind": "standards"})).status_code,
    ) == (standards_template, assessments_template, standards_export)


def test_management_commands_handle_the_registered_kinds(data, tmp_path, capsys):
    path = tmp_path / "standards.xlsx"
    call_command("export_excel", "standards", "--out", str(path), "--agency", "DINA")
    assert capsys.readouterr().out.strip() == f"3 standards written to {path}"
    call_command("import_excel", "standards", str(path), "--dry-run")
    assert (
        capsys.readouterr().out.strip() == "dry run, nothing written: rows=3 created=0 updated=0 unchanged=3"
    )
    path = tmp_path / "assessments.xlsx"
    call_command("export_excel", "assessments", "--out", str(path))
    assert capsys.readouterr().out.strip() == f"3 assessments written to {path}"
    call_command("import_excel", "assessments", str(path))
    assert capsys.readouterr().out.strip() == "rows=3 created=0 updated=0 unchanged=3"
