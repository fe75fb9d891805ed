# ruff: noqa: F811 - fixtures imported from routing_helpers
"""The routing model page: who may open it, retrain now, the CSV import with its error
table, the example CSV and the try box."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from penata.accounts.models import Role
from penata.complaints.models import RoutingModelVersion, TrainingReport
from penata.core.models import AuditEvent

from .routing_helpers import (
    add_training_reports,
    demo_rows,
    fresh_model_cache,  # noqa: F401 - autouse fixture
    media,  # noqa: F401 - fixture
    routing_categories,  # noqa: F401 - fixture
    trained,  # noqa: F401 - fixture
)

pytestmark = pytest.mark.django_db

PAGE = "/complaints/routing/"


@pytest.fixture
def staff(make_user, agency_a):
    return {
        role: make_user(role, agency_a, username=role)
        for role in (Role.COMPLAINT_VERIFIER, Role.PROVINCE_ADMIN, Role.COMPLAINT_OFFICER, Role.AGENCY_ADMIN)
    } | {Role.CITIZEN: make_user(Role.CITIZEN, None, username="warga")}


@pytest.fixture
def verifier_client(client, staff, settings):
    client.force_login(staff[Role.COMPLAINT_VERIFIER])
    # Pages are Indonesian unless the language cookie says otherwise.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COMPLAINT_VERIFIER, 200),
        (Role.PROVINCE_ADMIN, 200),
        (Role.COMPLAINT_OFFICER, 403),
        (Role.AGENCY_ADMIN, 403),
        (Role.CITIZEN, 403),
    ],
)
def test_who_may_open_the_page(client, staff, routing_categories, role, status):
    client.force_login(staff[role])
    assert client.get(PAGE).status_code == status
    assert client.post(f"{PAGE}retrain/").status_code == (302 if status == 200 else 403)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert (response.status_code, response.url) == (302, f"/accounts/login/?next={PAGE}")


def test_the_page_without_a_model(verifier_client, routing_categories, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = verifier_client.get(PAGE)
    html = response.content.decode()
    assert response.context["current"] is None
    assert "No model has been trained yet" in html
    assert response.context["counts"] == {"reports": 0, "training_reports": 0, "total": 0, "categories": 0}


def test_the_page_with_a_model(verifier_client, trained):
    response = verifier_client.get(PAGE)
    current = response.context["current"]
    assert current == trained
    assert (current.top1_percent, current.top3_percent) == (87.5, 100.0)
    html = response.content.decode()
    assert 'data-testid="current-reports">36<' in html
    assert 'data-testid="current-top1">87.5%<' in html
    assert html.count('data-testid="version-row"') == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_retrain_now_trains_in_process_without_a_broker(verifier_client, media, routing_categories, staff):
    # Committed for real: the task queued after commit runs eagerly (no broker) before the redirect.
    add_training_reports(routing_categories, demo_rows())
    response = verifier_client.post(f"{PAGE}retrain/", follow=True)
    version = RoutingModelVersion.objects.get()
    assert (version.status, version.requested_by) == ("ready", staff[Role.COMPLAINT_VERIFIER])
    assert [str(m) for m in response.context["messages"]] == ["The routing model was retrained."]


def test_retrain_now_refused_without_data(verifier_client, routing_categories):
    response = verifier_client.post(f"{PAGE}retrain/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The routing model needs at least 10 dispatched or imported reports to learn from; there are 0. "
        "Import historical reports from a CSV file first."
    ]
    assert RoutingModelVersion.objects.count() == 0


def test_import_a_good_file(verifier_client, routing_categories):
    upload = SimpleUploadedFile("riwayat.csv", b"description;category\nJalan rusak;JALAN\nKTP;ADMINDUK\n")
    response = verifier_client.post(f"{PAGE}import/", {"file": upload}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "2 historical reports imported. Retrain the model to use them."
    ]
    assert TrainingReport.objects.count() == 2


def test_import_a_broken_file_shows_every_bad_row(verifier_client, routing_categories):
    upload = SimpleUploadedFile("salah.csv", b"description,category,agency\nJalan rusak,JALAN,\n,AIR,XYZ\n")
    response = verifier_client.post(f"{PAGE}import/", {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="import-error-row"') == 3
    assert "Nothing was imported: the file has 3 errors." in html
    for text in ("The description is empty.", "Unknown category “AIR”.", "Unknown agency “XYZ”."):
        assert text in html
    assert TrainingReport.objects.count() == 0
    assert AuditEvent.objects.filter(action="training_reports.added").count() == 0


def test_import_without_a_file(verifier_client, routing_categories):
    response = verifier_client.post(f"{PAGE}import/", {})
    assert response.context["import_form"].errors == {"file": ["This field is required."]}


def test_the_example_csv_imports_as_it_is(verifier_client, routing_categories):
    response = verifier_client.get(f"{PAGE}template.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"\xef\xbb\xbfdescription,category,agency\r\n")
    upload = SimpleUploadedFile("contoh.csv", content)
    verifier_client.post(f"{PAGE}import/", {"file": upload})
    assert list(TrainingReport.objects.values_list("category__code", "agency__code")) == [
        ("ADMINDUK", "DISDUKCAPIL"),
        ("JALAN", None),
    ]


def test_try_the_model(verifier_client, trained):
    response = verifier_client.post(f"{PAGE}try/", {"description": "jalan berlubang dan aspal rusak"})
    suggestions = response.context["suggestions"]
    assert len(suggestions) == 3
    first = suggestions[0]
    assert (first["category"], first["category_name"], first["agency"]) == (
        "JALAN",
        "Jalan dan jembatan",
        "PUPR",
    )


def test_try_without_a_model(verifier_client, routing_categories):
    response = verifier_client.post(f"{PAGE}try/", {"description": "jalan rusak"})
    assert "No suggestions: no model has been trained yet." in response.content.decode()
