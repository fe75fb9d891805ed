"""Pages of the competency dictionary, technical competencies and position standards."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext

from penata.accounts.models import Role
from penata.competency.models import Competency, PositionStandard
from penata.competency.selectors import standards_of
from penata.competency.services import position_standard_set, position_standards_apply_class_defaults
from penata.competency.standards_bulk import position_standards_apply_class_defaults_bulk
from penata.competency.tests.factories import TechnicalCompetencyFactory
from penata.core.models import AuditEvent
from penata.organization.models import Position
from penata.organization.tests.factories import PositionFactory, UnitFactory
from penata.workforce.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

DICTIONARY = reverse("competency:dictionary")
STANDARDS = reverse("competency:standards")
BULK_APPLY = reverse("competency:standards_apply_defaults")
CREATE = reverse("competency:technical_create")
REGULATION_CODES = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]


def in_indonesian(text, **params) -> str:
    """A message as the default (Indonesian) page shows it."""
    with translation.override("id"):
        return str(text) % params if params else str(text)


def invalid_choice(value) -> str:
    return in_indonesian(forms.ChoiceField.default_error_messages["invalid_choice"], value=value)


def duplicate_code() -> str:
    with translation.override("id"):
        try:
            Competency(code="M.01").validate_unique()
        except ValidationError as error:
            return error.message_dict["code"][0]
    raise AssertionError("M.01 is seeded")


UNKNOWN = gettext_lazy("Unknown competency.")
OTHER_AGENCY = gettext_lazy("A technical competency of another agency.")
BAD_LEVEL = gettext_lazy("A level is a whole number from 1 to 5.")
PAIR = gettext_lazy("%(code)s: %(message)s")


def detail_url(code):
    return reverse("competency:competency_detail", kwargs={"code": code})


def update_url(code):
    return reverse("competency:technical_update", kwargs={"code": code})


def standard_url(position, name="position_standard"):
    return reverse(f"competency:{name}", kwargs={"code": position.code})


def levels_json(prefix="Level"):
    return [
        {"level": n, "title": f"{prefix} {n}", "indicators": [f"Indicator {n}.a", f"Indicator {n}.b"]}
        for n in range(1, 6)
    ]


def level_post(prefix="Level"):
    data = {}
    for n in range(1, 6):
        data[f"title_{n}"] = f"{prefix} {n}"
        data[f"indicators_{n}"] = f"Indicator {n}.a\n\n  Indicator {n}.b  \n"
    return data


def snapshot():
    """What a rejected request must leave untouched."""
    return (
        Competency.objects.count(),
        sorted(
            PositionStandard.objects.values_list(
                "position_id", "competency__code", "required_level", "is_core"
            )
        ),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def technical(agency_a, agency_b):
    return {
        "a": TechnicalCompetencyFactory(
            code="T.DINA.01",
            name="Registrasi kependudukan digital",
            agency=agency_a,
            levels=levels_json("Reg"),
        ),
        "b": TechnicalCompetencyFactory(code="T.DINB.01", name="Promosi kesehatan", agency=agency_b),
    }


@pytest.fixture
def officer_a(make_user, agency_a):
    """Sees agency A's records but does not manage them."""
    return make_user(Role.COMPLAINT_OFFICER, agency_a, username="officer_a")


@pytest.fixture
def agency_admin_b(make_user, agency_b):
    return make_user(Role.AGENCY_ADMIN, agency_b, username="admin_b")


# --- dictionary -------------------------------------------------------------------------


def test_dictionary_requires_sign_in_and_is_not_for_citizens(client, make_user):
    response = client.get(DICTIONARY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(make_user(Role.CITIZEN))
    assert client.get(DICTIONARY).status_code == 403


def test_dictionary_shows_regulation_with_levels_and_own_technical(client, agency_admin_a, technical):
    client.force_login(agency_admin_a)
    response = client.get(DICTIONARY)
    assert response.status_code == 200
    assert [c.code for c in response.context["regulation"]] == REGULATION_CODES
    assert [c.code for c in response.context["page"].object_list] == ["T.DINA.01"]
    html = response.content.decode()
    integrity = Competency.objects.get(code="M.01")
    assert html.count('data-testid="level-') == 9 * 5
    assert integrity.levels[4]["title"] in html
    assert integrity.levels[0]["indicators"][0] in html
    assert "Promosi kesehatan" not in html
    assert response.context["may_create"] is True


@pytest.mark.parametrize(
    ("role", "technical_codes", "may_create"),
    [
        (Role.PROVINCE_ADMIN, ["T.DINA.01", "T.DINB.01"], True),
        (Role.TRAINING_MANAGER, ["T.DINA.01", "T.DINB.01"], False),
        (Role.COMPLAINT_OFFICER, ["T.DINA.01"], False),
        (Role.EMPLOYEE, ["T.DINA.01"], False),
    ],
)
def test_dictionary_technical_scope_per_role(
    client, make_user, position_a, technical, role, technical_codes, may_create
):
    employee = EmployeeFactory(position=position_a) if role == Role.EMPLOYEE else None
    client.force_login(make_user(role, position_a.agency, employee=employee))
    response = client.get(DICTIONARY)
    assert [c.code for c in response.context["page"].object_list] == technical_codes
    assert response.context["may_create"] is may_create


@pytest.mark.parametrize(
    ("params", "regulation", "technical_codes"),
    [
        ({"q": "integritas"}, ["M.01"], []),
        ({"q": "SK.01"}, ["SK.01"], []),
        ({"q": "promosi kesehatan"}, [], ["T.DINB.01"]),
        ({"agency": "DINA"}, REGULATION_CODES, ["T.DINA.01"]),
        ({"q": "registrasi", "agency": "DINB"}, [], []),
    ],
)
def test_dictionary_search(client, province_admin, technical, params, regulation, technical_codes):
    client.force_login(province_admin)
    response = client.get(DICTIONARY, params)
    assert [c.code for c in response.context["regulation"]] == regulation
    assert [c.code for c in response.context["page"].object_list] == technical_codes


def test_dictionary_search_by_htmx_returns_only_the_results(client, province_admin, technical):
    client.force_login(province_admin)
    response = client.get(DICTIONARY, {"q": "integritas"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert 'data-testid="competency-M.01"' in html
    assert 'data-testid="competency-M.02"' not in html


@pytest.mark.parametrize("count", [1, 12])
def test_dictionary_query_count_does_not_grow(
    client, agency_admin_a, agency_a, django_assert_num_queries, count
):
    for n in range(count):
        TechnicalCompetencyFactory(code=f"T.Q.{n:02d}", agency=agency_a)
    client.force_login(agency_admin_a)
    # session, user, agency tree (scope), regulation, technical count, technical page,
    # agency choices, may_create
    with django_assert_num_queries(8):
        response = client.get(DICTIONARY)
    assert len(response.context["page"].object_list) == count


def test_competency_detail_shows_levels(client, officer_a, technical):
    client.force_login(officer_a)
    response = client.get(detail_url("M.01"))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="level-') == 5
    assert response.context["may_edit"] is False
    response = client.get(detail_url("T.DINA.01"))
    assert "Reg 3" in response.content.decode()
    assert response.context["may_edit"] is False


@pytest.mark.parametrize("code", ["T.DINB.01", "X.99"])
def test_competency_detail_outside_scope_is_404(client, agency_admin_a, technical, code):
    client.force_login(agency_admin_a)
    assert client.get(detail_url(code)).status_code == 404


# --- technical competencies -------------------------------------------------------------


def test_agency_admin_creates_technical_competency(client, agency_admin_a, agency_a):
    client.force_login(agency_admin_a)
    page = client.get(CREATE)
    assert page.context["form"]["agency"].is_hidden is True
    before = AuditEvent.objects.count()
    data = {
        "agency": "DINA",
        "code": " t.dina.07 ",
        "name": "Pelayanan adminduk",
        "description": "Layanan.",
        **level_post(),
    }
    response = client.post(CREATE, data)
    assert response.status_code == 302
    assert response["Location"] == detail_url("T.DINA.07")
    competency = Competency.objects.get(code="T.DINA.07")
    assert (competency.kind, competency.agency, competency.name) == (
        "technical",
        agency_a,
        "Pelayanan adminduk",
    )
    assert competency.levels == levels_json()
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("pk").action == "competency.created"


def test_province_admin_picks_the_agency(client, province_admin, agency_b):
    client.force_login(province_admin)
    assert client.get(CREATE).context["form"]["agency"].is_hidden is False
    response = client.post(CREATE, {"agency": "DINB", "code": "T.DINB.09", "name": "Gizi"})
    assert response.status_code == 302
    competency = Competency.objects.get(code="T.DINB.09")
    assert (competency.agency, competency.levels) == (agency_b, [])


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"agency": "DINB"}, "agency", lambda: invalid_choice("DINB")),
        ({"code": ""}, "code", lambda: in_indonesian(forms.Field.default_error_messages["required"])),
        ({"code": "t.dina.01"}, "code", duplicate_code),
        ({"code": "M.01"}, "code", duplicate_code),
        (
            {"title_3": ""},
            "title_3",
            lambda: in_indonesian(gettext_lazy("Give a title for every level, or leave all five empty.")),
        ),
    ],
)
def test_bad_technical_competency_writes_nothing(client, agency_admin_a, technical, data, field, message):
    client.force_login(agency_admin_a)
    before = snapshot()
    post = {"agency": "DINA", "code": "T.DINA.02", "name": "Nama", **level_post(), **data}
    response = client.post(CREATE, post)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message()]}
    assert snapshot() == before


@pytest.mark.parametrize("role", [Role.TRAINING_MANAGER, Role.COMPLAINT_OFFICER, Role.EMPLOYEE])
def test_only_managers_create_technical_competencies(client, make_user, agency_a, role):
    client.force_login(make_user(role, agency_a))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"agency": "DINA", "code": "T.X.01", "name": "X"}).status_code == 403
    assert Competency.objects.filter(code="T.X.01").exists() is False


def test_agency_admin_edits_own_technical_competency(client, agency_admin_a, technical):
    client.force_login(agency_admin_a)
    form = client.get(update_url("T.DINA.01")).context["form"]
    assert form.initial["title_2"] == "Reg 2"
    assert form.initial["indicators_2"] == "Indicator 2.a\nIndicator 2.b"
    before = AuditEvent.objects.count()
    data = {"name": "Registrasi digital", "description": "", "is_active": "on", **level_post("New")}
    response = client.post(update_url("T.DINA.01"), data)
    assert response.status_code == 302
    competency = Competency.objects.get(code="T.DINA.01")
    assert (competency.name, competency.levels, competency.is_active) == (
        "Registrasi digital",
        levels_json("New"),
        True,
    )
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("pk").action == "competency.updated"


@pytest.mark.parametrize(
    ("user_name", "code", "status"),
    [
        ("admin", "M.01", 404),  # the regulation's dictionary is read-only
        ("admin", "T.DINB.01", 404),  # another agency's: not even its existence
        ("officer", "T.DINA.01", 403),  # sees it, does not manage the agency
    ],
)
def test_technical_edit_refused(client, agency_admin_a, officer_a, technical, user_name, code, status):
    client.force_login(agency_admin_a if user_name == "admin" else officer_a)
    before = snapshot()
    assert client.get(update_url(code)).status_code == status
    assert client.post(update_url(code), {"name": "Diubah", **level_post()}).status_code == status
    assert snapshot() == before


# --- one position's standard ------------------------------------------------------------


def test_standard_page_shows_levels_with_titles(client, officer_a, position_a):
    position_standard_set(position=position_a, requirements={"M.01": (3, True), "SK.01": (2, False)})
    client.force_login(officer_a)
    response = client.get(standard_url(position_a))
    assert response.status_code == 200
    rows = response.context["rows"]
    integrity = Competency.objects.get(code="M.01")
    assert [(r["competency"].code, r["required_level"], r["is_core"]) for r in rows] == [
        ("M.01", 3, True),
        ("SK.01", 2, False),
    ]
    assert rows[0]["level_title"] == integrity.levels[2]["title"]
    assert response.context["may_edit"] is False
    assert 'data-testid="edit-standard"' not in response.content.decode()


def test_standard_page_without_standard(client, agency_admin_a, position_a):
    client.force_login(agency_admin_a)
    response = client.get(standard_url(position_a))
    html = response.content.decode()
    assert 'data-testid="no-standard"' in html
    assert 'data-testid="edit-standard"' in html
    assert 'data-testid="apply-defaults"' in html


def test_standard_card_fragment(client, agency_admin_a, position_a):
    position_standard_set(position=position_a, requirements={"M.02": (2, True)})
    client.force_login(agency_admin_a)
    response = client.get(standard_url(position_a, "position_standard_card"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert html.count('data-testid="standard-row"') == 1
    detail = client.get(
        reverse("organization:position_detail", kwargs={"pk": position_a.pk})
    ).content.decode()
    assert standard_url(position_a, "position_standard_card") in detail


@pytest.mark.parametrize("name", ["position_standard", "position_standard_card", "position_standard_edit"])
def test_other_agencys_position_is_404(client, agency_admin_a, position_b, name):
    client.force_login(agency_admin_a)
    assert client.get(standard_url(position_b, name)).status_code == 404
    assert client.get(reverse(f"competency:{name}", kwargs={"code": "NOPE"})).status_code == 404


def test_edit_form_offers_dictionary_and_own_agency_technical(client, agency_admin_a, position_a, technical):
    position_standard_set(position=position_a, requirements={"M.04": (2, False)})
    client.force_login(agency_admin_a)
    form = client.get(standard_url(position_a, "position_standard_edit")).context["form"]
    assert [c.code for c in form.competencies] == [*REGULATION_CODES, "T.DINA.01"]
    assert form.initial["level-M.04"] == "2"
    assert form.initial["core-M.04"] is False
    assert form.initial["level-M.01"] == ""


def test_edit_saves_the_whole_standard(client, agency_admin_a, position_a, technical):
    position_standard_set(position=position_a, requirements={"M.04": (2, True)})
    client.force_login(agency_admin_a)
    before = AuditEvent.objects.count()
    data = {
        "level-M.01": "4",
        "core-M.01": "on",
        "level-M.04": "",
        "level-T.DINA.01": "3",
        "level-SK.01": "2",
    }
    response = client.post(standard_url(position_a, "position_standard_edit"), data)
    assert response.status_code == 302
    assert response["Location"] == standard_url(position_a)
    assert standards_of(position_ids=[position_a.pk])[position_a.pk] == {
        "M.01": (4, True),
        "SK.01": (2, False),
        "T.DINA.01": (3, False),
    }
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("pk").action == "position.standard_set"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"level-M.01": "7"}, {"level-M.01": [("choice", "7")]}),
        ({"level-M.01": "0"}, {"level-M.01": [("choice", "0")]}),
        ({"level-M.01": "2.5"}, {"level-M.01": [("choice", "2.5")]}),
        ({"level-X.99": "3"}, {"__all__": [("X.99", UNKNOWN)]}),
        ({"level-T.DINB.01": "3"}, {"__all__": [("T.DINB.01", OTHER_AGENCY)]}),
        ({"level-T.DINB.01": "9"}, {"__all__": [("T.DINB.01", OTHER_AGENCY), ("T.DINB.01", BAD_LEVEL)]}),
        ({"level-SK.01": "2", "level-X.99": "x"}, {"__all__": [("X.99", UNKNOWN)]}),
    ],
)
def test_bad_standard_post_writes_nothing(client, agency_admin_a, position_a, technical, data, errors):
    position_standard_set(position=position_a, requirements={"M.02": (2, True)})
    client.force_login(agency_admin_a)
    before = snapshot()
    response = client.post(standard_url(position_a, "position_standard_edit"), {"level-M.03": "3", **data})
    assert response.status_code == 200
    expected = {
        field: [
            invalid_choice(value)
            if key == "choice"
            else in_indonesian(PAIR, code=key, message=in_indonesian(value))
            for key, value in messages
        ]
        for field, messages in errors.items()
    }
    assert response.context["form"].errors == expected
    assert snapshot() == before


def test_other_agencys_position_post_is_404_and_writes_nothing(client, agency_admin_a, position_b):
    client.force_login(agency_admin_a)
    before = snapshot()
    assert (
        client.post(standard_url(position_b, "position_standard_edit"), {"level-M.01": "3"}).status_code
        == 404
    )
    assert client.post(standard_url(position_b, "position_standard_defaults")).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("name", ["position_standard_edit", "position_standard_defaults"])
def test_staff_who_cannot_set_standards_get_403(client, officer_a, position_a, name):
    client.force_login(officer_a)
    before = snapshot()
    assert client.get(standard_url(position_a, name)).status_code == 403
    assert (
        client.post(standard_url(position_a, name), {"level-M.01": "3", "overwrite": "1"}).status_code == 403
    )
    assert snapshot() == before


def test_class_defaults_for_a_position_without_standard(client, agency_admin_a, agency_a):
    head = PositionFactory(unit=UnitFactory(agency=agency_a), position_class="administrator")
    client.force_login(agency_admin_a)
    before = AuditEvent.objects.count()
    response = client.post(standard_url(head, "position_standard_defaults"))
    assert response.status_code == 302
    assert standards_of(position_ids=[head.pk])[head.pk] == dict.fromkeys(REGULATION_CODES, (3, True))
    assert AuditEvent.objects.count() == before + 1


def test_class_defaults_ask_before_replacing_a_standard(client, agency_admin_a, position_a, technical):
    position_standard_set(position=position_a, requirements={"M.01": (4, True), "T.DINA.01": (2, False)})
    client.force_login(agency_admin_a)
    before = snapshot()
    page = client.get(standard_url(position_a, "position_standard_defaults"))
    assert 'data-testid="overwrite-warning"' in page.content.decode()
    # Without the confirmation nothing changes; the page asks again.
    response = client.post(standard_url(position_a, "position_standard_defaults"))
    assert response.status_code == 200
    assert 'data-testid="overwrite-warning"' in response.content.decode()
    assert snapshot() == before
    response = client.post(standard_url(position_a, "position_standard_defaults"), {"overwrite": "1"})
    assert response.status_code == 302
    assert standards_of(position_ids=[position_a.pk])[position_a.pk] == dict.fromkeys(
        REGULATION_CODES, (1, True)
    )
    assert AuditEvent.objects.count() == before[2] + 1


# --- standards of an agency -------------------------------------------------------------


@pytest.fixture
def agency_positions(agency_a):
    finance = UnitFactory(agency=agency_a, code="U-KEU", name="Keuangan")
    people = UnitFactory(agency=agency_a, code="U-SDM", name="Kepegawaian")
    positions = {
        "head": PositionFactory(unit=finance, code="A-01", position_class="administrator"),
        "clerk": PositionFactory(unit=finance, code="A-02", position_class="pelaksana"),
        "analyst": PositionFactory(unit=people, code="A-03", position_class="ahli_muda"),
        "set": PositionFactory(unit=people, code="A-04", position_class="pengawas"),
    }
    position_standard_set(position=positions["set"], requirements={"M.01": (2, True), "M.02": (2, True)})
    return {"units": {"finance": finance, "people": people}, **positions}


def test_standards_overview_counts_and_lists_positions_without_standard(
    client, agency_admin_a, agency_positions, position_b
):
    client.force_login(agency_admin_a)
    response = client.get(STANDARDS)
    assert response.context["agency"].code == "DINA"
    assert response.context["counts"] == {"total": 4, "with_standard": 1, "without_standard": 3}
    assert [p.code for p in response.context["page"].object_list] == ["A-01", "A-02", "A-03"]
    assert [p.class_default_level for p in response.context["page"].object_list] == [3, 1, 2]


@pytest.mark.parametrize(
    ("params", "codes", "counts"),
    [
        ({"status": "set"}, ["A-04"], (4, 1)),
        ({"status": "all"}, ["A-01", "A-02", "A-03", "A-04"], (4, 1)),
        ({"unit": "finance"}, ["A-01", "A-02"], (2, 0)),
        ({"position_class": "ahli_muda"}, ["A-03"], (1, 0)),
        ({"q": "A-04", "status": "all"}, ["A-04"], (1, 1)),
    ],
)
def test_standards_overview_filters(client, agency_admin_a, agency_positions, params, codes, counts):
    if "unit" in params:
        params = {**params, "unit": agency_positions["units"][params["unit"]].pk}
    client.force_login(agency_admin_a)
    response = client.get(STANDARDS, params)
    assert [p.code for p in response.context["page"].object_list] == codes
    assert (response.context["counts"]["total"], response.context["counts"]["with_standard"]) == counts


def test_standards_overview_shows_standard_size(client, agency_admin_a, agency_positions):
    client.force_login(agency_admin_a)
    response = client.get(STANDARDS, {"status": "set"})
    assert [p.standard_size for p in response.context["page"].object_list] == [2]


def test_standards_overview_refusals(client, make_user, agency_admin_a, agency_a, agency_b, position_b):
    client.force_login(agency_admin_a)
    assert client.get(STANDARDS, {"agency": "DINB"}).status_code == 404
    client.force_login(make_user(Role.TRAINING_MANAGER, agency_a))
    assert client.get(STANDARDS).status_code == 403
    client.force_login(make_user(Role.PROVINCE_ADMIN, agency_a))
    response = client.get(STANDARDS, {"agency": "DINB"})
    assert response.context["agency"] == agency_b
    assert [p.code for p in response.context["page"].object_list] == [position_b.code]


@pytest.mark.parametrize("count", [2, 15])
def test_standards_overview_query_count_does_not_grow(
    client, agency_admin_a, agency_a, django_assert_num_queries, count
):
    unit = UnitFactory(agency=agency_a)
    for _ in range(count):
        PositionFactory(unit=unit)
    client.force_login(agency_admin_a)
    # session, user, agency tree (scope), managed agencies exist, own agency, agency of
    # the filter (clean), counts, page count, page, agency choices (exists + options),
    # unit choices
    with django_assert_num_queries(12):
        response = client.get(STANDARDS)
    assert len(response.context["page"].object_list) == count


def test_bulk_apply_gives_class_defaults_to_positions_without_standard(
    client, agency_admin_a, agency_positions
):
    client.force_login(agency_admin_a)
    before = AuditEvent.objects.count()
    response = client.post(BULK_APPLY, {"agency": "DINA"}, follow=True)
    with translation.override("id"):
        message = ngettext(
            "Class defaults applied to %(applied)d position; %(kept)d with a standard kept it.",
            "Class defaults applied to %(applied)d positions; %(kept)d with a standard kept it.",
            3,
        ) % {"applied": 3, "kept": 1}
    assert [str(m) for m in response.context["messages"]] == [message]
    standards = standards_of(position_ids=[p.pk for p in Position.objects.filter(agency__code="DINA")])
    assert standards[agency_positions["head"].pk] == dict.fromkeys(REGULATION_CODES, (3, True))
    assert standards[agency_positions["clerk"].pk] == dict.fromkeys(REGULATION_CODES, (1, True))
    assert standards[agency_positions["analyst"].pk] == dict.fromkeys(REGULATION_CODES, (2, True))
    assert standards[agency_positions["set"].pk] == {"M.01": (2, True), "M.02": (2, True)}
    events = AuditEvent.objects.filter(pk__gt=0).order_by("pk")[before:]
    assert sorted((e.subject_id, e.action, e.actor_id) for e in events) == sorted(
        (str(agency_positions[key].pk), "position.standard_set", agency_admin_a.pk)
        for key in ("head", "clerk", "analyst")
    )
    assert response.context["counts"]["without_standard"] == 0


def test_bulk_apply_respects_the_filter(client, agency_admin_a, agency_positions):
    client.force_login(agency_admin_a)
    unit = agency_positions["units"]["people"]
    response = client.post(BULK_APPLY, {"agency": "DINA", "unit": unit.pk})
    assert response["Location"] == f"{STANDARDS}?agency=DINA&unit={unit.pk}"
    assert set(PositionStandard.objects.values_list("position__code", flat=True)) == {"A-03", "A-04"}


def test_bulk_apply_refusals_write_nothing(
    client, make_user, agency_admin_a, agency_a, agency_positions, position_b
):
    before = snapshot()
    client.force_login(agency_admin_a)
    assert client.post(BULK_APPLY, {"agency": "DINB"}).status_code == 404
    assert client.get(BULK_APPLY).status_code == 405
    client.force_login(make_user(Role.COMPLAINT_OFFICER, agency_a))
    assert client.post(BULK_APPLY, {"agency": "DINA"}).status_code == 404
    assert snapshot() == before


def test_bulk_variant_matches_the_service(agency_a, agency_admin_a):
    unit = UnitFactory(agency=agency_a)
    classes = ["jpt_pratama", "administrator", "pengawas", "ahli_utama", "mahir", "pelaksana"]
    one = [PositionFactory(unit=unit, position_class=c) for c in classes]
    other = [PositionFactory(unit=unit, position_class=c) for c in classes]
    position_standards_apply_class_defaults(positions=one, actor=agency_admin_a)
    result = position_standards_apply_class_defaults_bulk(
        positions=Position.objects.filter(pk__in=[p.pk for p in other]), actor=agency_admin_a
    )
    assert (result.applied, result.kept) == (6, 0)
    standards = standards_of(position_ids=[p.pk for p in one + other])
    assert [standards[p.pk] for p in other] == [standards[p.pk] for p in one]
    events = {
        e.subject_id: e.to_state
        for e in AuditEvent.objects.filter(action="position.standard_set", actor=agency_admin_a)
    }
    assert [events[str(p.pk)] for p in other] == [events[str(p.pk)] for p in one]


@pytest.mark.parametrize("count", [1, 120])
def test_bulk_variant_query_count_is_constant(agency_a, django_assert_num_queries, count):
    unit = UnitFactory(agency=agency_a)
    for _ in range(count):
        PositionFactory(unit=unit)
    # total, positions without standard, rows insert (INSERT ... SELECT, one per ~850
    # positions), events insert, and the savepoint pair of the atomic block
    with django_assert_num_queries(6):
        result = position_standards_apply_class_defaults_bulk(
            positions=Position.objects.filter(agency=agency_a)
        )
    assert (result.applied, result.kept) == (count, 0)
    assert PositionStandard.objects.count() == count * 9


def test_bulk_variant_splits_large_agencies_across_statements(agency_a):
    unit = UnitFactory(agency=agency_a)
    classes = ["administrator", "pelaksana", "ahli_muda"]
    Position.objects.bulk_create(
        Position(agency=agency_a, unit=unit, code=f"BIG-{n:04d}", title="Staf", position_class=classes[n % 3])
        for n in range(1000)
    )
    result = position_standards_apply_class_defaults_bulk(positions=Position.objects.filter(agency=agency_a))
    assert (result.applied, result.kept) == (1000, 0)
    levels = PositionStandard.objects.order_by().values_list("position__position_class", "required_level")
    assert sorted(set(levels)) == [("administrator", 3), ("ahli_muda", 2), ("pelaksana", 1)]
    assert PositionStandard.objects.count() == 9000
    assert AuditEvent.objects.filter(action="position.standard_set").count() == 1000
