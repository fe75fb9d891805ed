"""The routing model page in a real browser: the complaint verifier retrains the model,
tries it on a description, and imports historical reports from CSV (a broken file shows
every bad row, nothing is written; the corrected file goes in)."""

import pytest
from playwright.sync_api import expect

from penata.complaints.models import RoutingModelVersion, TrainingReport
from penata.complaints.services import routing

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BROKEN = (
    "deskripsi;kategori;instansi\n"
    "Jalan trans Halmahera dekat Weda berlubang;JALAN;PUPR\n"
    ";JALAN;\n"
    "Air PDAM mati tiga hari;AIR;\n"
    "KTP belum jadi sudah sebulan;ADMINDUK;DUKCAPIL-X\n"
)
FIXED = (
    "deskripsi;kategori;instansi\n"
    "Jalan trans Halmahera dekat Weda berlubang;JALAN;PUPR\n"
    "Jembatan kayu di Desa Gosale patah;JALAN;\n"
    "KTP belum jadi sudah sebulan;ADMINDUK;DISDUKCAPIL\n"
)


@pytest.fixture
def routing_world(province, settings, tmp_path):
    from penata.accounts.models import Role
    from penata.accounts.tests.factories import UserFactory
    from penata.complaints.tests.factories import ComplaintCategoryFactory
    from penata.complaints.tests.routing_helpers import CATEGORIES, add_training_reports, demo_rows
    from penata.organization.tests.factories import AgencyFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    routing._loaded.clear()
    categories = {
        code: ComplaintCategoryFactory(
            code=code, name=name, default_agency=AgencyFactory(code=agency, name=agency)
        )
        for code, (name, agency) in CATEGORIES.items()
    }
    add_training_reports(categories, demo_rows())
    UserFactory(
        username="verifikator",
        full_name="Nurlaila Tomagola",
        role=Role.COMPLAINT_VERIFIER,
        agency=province["agencies"]["bkd"],
    )
    yield categories
    routing._loaded.clear()


def test_verifier_retrains_tries_and_imports_history(page, routing_world, screenshot, tmp_path):
    sign_in(page, "verifikator")
    page.goto("/complaints/routing/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_test_id("routing-none")).to_be_visible()
    expect(page.get_by_test_id("data-demo")).to_have_text("36")
    screenshot(page, "70-complaint-routing-no-model")

    # Retrain now: without a broker the task runs at once, so the page comes back trained.
    page.get_by_test_id("retrain").click()
    expect(page.get_by_test_id("routing-current")).to_be_visible()
    expect(page.get_by_test_id("current-reports")).to_have_text("36")
    expect(page.get_by_test_id("current-categories")).to_have_text("3")
    expect(page.get_by_test_id("version-row")).to_have_count(1)
    expect(page.get_by_test_id("version-current")).to_be_visible()
    version = RoutingModelVersion.objects.get()
    assert (version.status, version.requested_by.username) == ("ready", "verifikator")

    # Try it: the road report goes to the roads category and the public works office.
    page.fill("#id_description", "jalan di desa kami berlubang besar, aspal mengelupas")
    page.get_by_test_id("try-submit").click()
    expect(page.get_by_test_id("suggestion")).to_have_count(3)
    first = page.get_by_test_id("suggestion").first
    expect(first).to_contain_text("JALAN")
    expect(first).to_contain_text("PUPR")
    screenshot(page, "71-complaint-routing-trained")

    # A broken CSV: every bad row listed, nothing imported.
    broken = tmp_path / "riwayat-salah.csv"
    broken.write_text(BROKEN, encoding="utf-8")
    page.set_input_files("#id_file", str(broken))
    page.get_by_test_id("import-submit").click()
    expect(page.get_by_test_id("import-rejected")).to_be_visible()
    rows = page.get_by_test_id("import-error-row")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("deskripsi")
    expect(rows.nth(1)).to_contain_text("AIR")
    expect(rows.nth(2)).to_contain_text("DUKCAPIL-X")
    page.get_by_test_id("import-errors").scroll_into_view_if_needed()
    screenshot(page, "72-complaint-routing-import-errors")
    assert TrainingReport.objects.filter(source="import").count() == 0

    fixed = tmp_path / "riwayat.csv"
    fixed.write_text(FIXED, encoding="utf-8-sig")
    page.set_input_files("#id_file", str(fixed))
    page.get_by_test_id("import-submit").click()
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.get_by_test_id("data-imported")).to_have_text("3")
    assert TrainingReport.objects.filter(source="import").count() == 3

    # On a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    screenshot(page, "73-complaint-routing-phone")
