"""The main journeys, driven in headless Chromium.

The Indonesian catalogue is produced separately, so these tests check structure and data
(test ids, rows, NIPs, ``html[lang]``) and Django's own Indonesian texts (dates, the
sign-in error), not the project's translated words.
"""

import re

import pytest
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from playwright.sync_api import expect

from penata.accounts.models import User
from penata.organization.models import Position

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    # Serialized rollback puts the ranks seeded by migration back after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_province_admin_walks_from_home_to_an_employee_history(page, province, screenshot):
    sign_in(page, "prov")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_test_id("home-province_admin")).to_be_visible()
    expect(page.get_by_test_id("stat-agencies")).to_have_text("3")
    expect(page.get_by_test_id("stat-employees")).to_have_text("3")
    # 2 + 3 + 1 seats, 3 holders.
    expect(page.get_by_test_id("stat-vacancies")).to_have_text("3")
    screenshot(page, "01-home-province-admin")

    page.get_by_test_id("nav-agencies").click()
    rows = page.get_by_test_id("agency-row")
    expect(rows).to_have_count(3)
    dinkes_row = rows.filter(has=page.get_by_role("link", name="Dinas Kesehatan", exact=True))
    expect(dinkes_row.get_by_test_id("unit-count")).to_have_text("4")
    expect(dinkes_row.get_by_test_id("position-count")).to_have_text("2")
    expect(dinkes_row.get_by_test_id("employee-count")).to_have_text("2")
    screenshot(page, "02-agencies")

    page.get_by_role("link", name="Dinas Kesehatan").click()
    expect(page.get_by_test_id("page-title")).to_have_text("Dinas Kesehatan")
    expect(page.get_by_test_id("unit-node")).to_have_count(4)
    nested = page.get_by_test_id("unit-tree").locator("ul [data-testid=unit-name]")
    expect(nested).to_have_text(["Subbagian Umum dan Kepegawaian", "Seksi Rujukan"])
    expect(page.get_by_test_id("sub-agencies")).to_contain_text("RSUD Sofifi")
    expect(page.get_by_test_id("agency-services")).to_contain_text("Izin Praktik Bidan")
    screenshot(page, "03-agency-detail")

    page.get_by_test_id("nav-positions").click()
    expect(page.get_by_test_id("position-row")).to_have_count(3)
    page.locator("#id_vacant").check()
    # htmx reloads the results on change; the full position is gone.
    expect(page.get_by_test_id("position-row")).to_have_count(2)
    expect(page).to_have_url(re.compile(r"vacant=on"))
    programmer = page.get_by_test_id("position-row").filter(has_text="Pranata Komputer Ahli Pertama")
    expect(programmer.get_by_test_id("vacancies")).to_have_text("2")
    screenshot(page, "04-positions-with-vacancies")

    page.get_by_test_id("nav-employees").click()
    expect(page.get_by_test_id("employee-row")).to_have_count(3)
    page.locator("#id_q").press_sequentially("19800101 2005")
    expect(page.get_by_test_id("employee-row")).to_have_count(1)
    expect(page.get_by_test_id("employee-nip")).to_have_text("19800101 200501 2 001")
    screenshot(page, "05-employee-search")

    page.get_by_role("link", name="Ani Lestari").click()
    expect(page.get_by_test_id("page-title")).to_have_text("Ani Lestari")
    expect(page.get_by_test_id("employee-nip").first).to_have_text("19800101 200501 2 001")
    history = page.get_by_test_id("history-row")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("3 Januari 2022")
    expect(history.first).to_contain_text("SK 821/12/2022")
    expect(history.nth(1)).to_contain_text("Pranata Komputer Ahli Pertama")
    expect(page.get_by_test_id("rank")).to_have_text("III/c Penata")
    expect(page.get_by_test_id("ratings")).to_contain_text("2025")
    screenshot(page, "06-employee-profile")


def test_employee_edits_own_interests(page, province, screenshot):
    sign_in(page, "ani")
    expect(page.get_by_test_id("home-employee")).to_be_visible()
    expect(page.get_by_test_id("own-nip")).to_have_text("19800101 200501 2 001")
    screenshot(page, "07-home-employee")

    page.get_by_test_id("edit-interests").click()
    expect(page.get_by_test_id("interests-form")).to_be_visible()
    page.locator("#id_position_class_1").select_option("ahli_madya")
    page.locator("#id_field_1").fill("Kebijakan Kesehatan")
    page.locator("#id_agency_2").select_option("BKD")
    page.locator("#id_note").fill("Bersedia ditempatkan di Sofifi.")
    screenshot(page, "08-interests-form")
    page.get_by_test_id("save-interests").click()

    expect(page.get_by_test_id("page-title")).to_have_text("Ani Lestari")
    expect(page.get_by_test_id("message")).to_be_visible()
    expect(page.get_by_test_id("interest-1")).to_contain_text("Kebijakan Kesehatan")
    expect(page.get_by_test_id("interest-2")).to_have_text("Badan Kepegawaian Daerah")
    expect(page.get_by_test_id("interest-note")).to_have_text("Bersedia ditempatkan di Sofifi.")
    screenshot(page, "09-interests-saved")

    # Saved, not only shown: the form opens again with the values.
    page.get_by_test_id("edit-interests").click()
    expect(page.locator("#id_field_1")).to_have_value("Kebijakan Kesehatan")
    expect(page.locator("#id_agency_2")).to_have_value("BKD")

    # A too-long field is refused next to that field, naming its row; nothing is saved.
    page.locator("#id_field_3").evaluate("(el) => el.removeAttribute('maxlength')")
    page.locator("#id_field_3").fill("x" * 121)
    page.get_by_test_id("save-interests").click()
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    expect(page.get_by_test_id("interest-row-3").get_by_test_id("error-field_3")).to_be_visible()
    screenshot(page, "10-interests-error")
    page.goto("/workforce/me/")
    expect(page.get_by_test_id("interests").locator("li")).to_have_count(2)


def test_agency_admin_gets_404_for_another_agencys_employee(page, province, screenshot):
    sign_in(page, "admin_dinkes")
    expect(page.get_by_test_id("home-agency_admin")).to_be_visible()
    screenshot(page, "11-home-agency-admin")
    response = page.goto("/workforce/employees/199003032015032003/")
    assert response.status == 404
    expect(page.get_by_test_id("not-found")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Citra Dewi")
    screenshot(page, "12-not-found")

    # Their own staff: a move dated before the current position started is refused,
    # with the error next to the date.
    page.goto("/workforce/employees/198502022010011002/transfer/")
    page.locator("#id_position").select_option(str(Position.objects.get(code="DK-AK-01").pk))
    page.locator("#id_start_date").fill("2020-01-01")
    page.get_by_test_id("save-transfer").click()
    expect(page.get_by_test_id("error-start_date")).to_be_visible()
    screenshot(page, "19-transfer-error")


def test_wrong_password_then_language_switch(page, province, screenshot):
    sign_in(page, "prov", "salah-sandi")
    with translation.override("id"):
        expected = str(AuthenticationForm.error_messages["invalid_login"]) % {
            "username": User._meta.get_field("username").verbose_name
        }
    expect(page.get_by_test_id("login-error")).to_have_text(expected)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    screenshot(page, "13-login-error")
    page.get_by_test_id("forgot-password").click()
    expect(page.locator("#id_email")).to_be_visible()
    screenshot(page, "13b-password-reset")

    sign_in(page, "prov")
    page.goto("/workforce/employees/198001012005012001/")
    expect(page.get_by_test_id("history-row").first).to_contain_text("3 Januari 2022")
    page.locator("#language-select").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("history-row").first).to_contain_text("3 January 2022")
    expect(page.get_by_test_id("nav-agencies")).to_have_text("Agencies")
    expect(page.get_by_test_id("sign-out")).to_have_text("Sign out")
    screenshot(page, "14-profile-english")


def test_anonymous_visitor_sees_the_public_catalogue_but_no_staff_page(page, province, screenshot):
    page.goto("/workforce/employees/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/workforce/employees/"))
    expect(page.get_by_test_id("login-form")).to_be_visible()

    page.get_by_test_id("nav-services").click()
    expect(page.get_by_test_id("sign-in-link")).to_be_visible()
    expect(page.get_by_test_id("service-row")).to_have_count(3)
    expect(page.get_by_test_id("service-agency")).to_have_text(
        ["Badan Kepegawaian Daerah", "Dinas Kesehatan"]
    )
    screenshot(page, "15-public-services")

    page.locator("#id_q").press_sequentially("bidan")
    expect(page.get_by_test_id("service-row")).to_have_count(1)
    page.get_by_test_id("service-row").click()
    expect(page.get_by_test_id("page-title")).to_have_text("Izin Praktik Bidan")
    expect(page.get_by_test_id("service-fee")).to_have_text("Rp\u00a015.000")
    expect(page.get_by_test_id("service-days")).to_contain_text("5")
    expect(page.get_by_test_id("service-requirements")).to_contain_text("Fotokopi STR yang masih berlaku")
    expect(page.get_by_test_id("service-procedure")).to_contain_text("Verifikasi berkas")
    expect(page.get_by_test_id("service-product")).to_have_text("Surat Izin Praktik Bidan (SIPB)")
    expect(page.get_by_test_id("service-complaints")).to_contain_text("SP4N-LAPOR!")
    screenshot(page, "16-service-detail")


def test_home_on_a_phone(page, province, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "prov")
    expect(page.get_by_test_id("home-province_admin")).to_be_visible()
    expect(page.locator(".navbar-toggler")).to_be_visible()
    screenshot(page, "17-home-phone")
    page.locator(".navbar-toggler").click()
    # Wait for Bootstrap's collapse animation to end before the picture.
    expect(page.locator("#nav")).to_have_class(re.compile(r"\bcollapse\b.*\bshow\b"))
    expect(page.get_by_test_id("nav-employees")).to_be_visible()
    screenshot(page, "18-menu-phone", full_page=False)
