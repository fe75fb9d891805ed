"""Browser journeys: Playwright (sync API) driving Debian's Chromium against live_server.

Without a Chromium on PATH the journeys are skipped, unless PENATA_REQUIRE_BROWSER=1
(CI), where a missing browser is a failure.
"""

import os
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own database
# calls (factories) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "rahasia-uji-123"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    executable = shutil.which("chromium")
    if not executable:
        if os.environ.get("PENATA_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is not installed but PENATA_REQUIRE_BROWSER=1.")
        pytest.skip("Chromium is not installed.")
    return executable


@pytest.fixture
def page(chromium_executable, live_server, transactional_db, province):
    """A fresh browser per test, started after the test data exists.

    While Playwright's sync API is running, Django sees an event loop in this thread
    and hands out a separate database connection; the database fixtures (restoring the
    seeded ranks, flushing afterwards) must therefore run before it starts and after it
    stops, which a per-test browser guarantees.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        # An Indonesian browser, as most of Penata's users have.
        context = browser.new_context(
            base_url=live_server.url, locale="id-ID", viewport={"width": 1366, "height": 900}
        )
        context.set_default_timeout(10_000)
        yield context.new_page()
        context.close()
        browser.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("[data-testid=login-submit]")


@pytest.fixture
def province(transactional_db):
    """A small province: three agencies, a unit tree, positions, staff and users per role."""
    from penata.accounts.models import Role
    from penata.accounts.tests.factories import UserFactory
    from penata.organization.tests.factories import (
        AgencyFactory,
        PositionFactory,
        PublicServiceFactory,
        UnitFactory,
        rank,
    )
    from penata.workforce.models import PlacementInterest, PositionHistory
    from penata.workforce.tests.factories import EmployeeFactory, PerformanceRatingFactory

    dinkes = AgencyFactory(code="DINKES", name="Dinas Kesehatan", kind="dinas")
    bkd = AgencyFactory(code="BKD", name="Badan Kepegawaian Daerah", kind="badan", serves_public=False)
    rsud = AgencyFactory(code="RSUD-SOFIFI", name="RSUD Sofifi", kind="rsud", parent=dinkes)

    secretariat = UnitFactory(agency=dinkes, code="DK-1", name="Sekretariat")
    staffing = UnitFactory(
        agency=dinkes, code="DK-1.1", name="Subbagian Umum dan Kepegawaian", parent=secretariat
    )
    services_unit = UnitFactory(agency=dinkes, code="DK-2", name="Bidang Pelayanan Kesehatan")
    UnitFactory(agency=dinkes, code="DK-2.1", name="Seksi Rujukan", parent=services_unit)
    mutation = UnitFactory(agency=bkd, code="BKD-1", name="Bidang Mutasi dan Promosi")
    UnitFactory(agency=rsud, code="RS-1", name="Instalasi Gawat Darurat")

    analyst = PositionFactory(
        unit=staffing,
        code="DK-AK-01",
        title="Analis Kebijakan Ahli Muda",
        position_class="ahli_muda",
        headcount_needed=2,
        required_education_level="s1",
        required_education_fields=["Administrasi Publik", "Kesehatan Masyarakat"],
    )
    programmer = PositionFactory(
        unit=services_unit,
        code="DK-PK-01",
        title="Pranata Komputer Ahli Pertama",
        position_class="ahli_pertama",
        headcount_needed=3,
    )
    bkd_analyst = PositionFactory(
        unit=mutation, code="BKD-SDM-01", title="Analis SDM Aparatur", headcount_needed=1
    )

    ani = EmployeeFactory(
        position=analyst,
        full_name="Ani Lestari",
        nip="198001012005012001",
        sex="F",
        birth_date=date(1980, 1, 1),
        birth_place="Ternate",
        rank=rank("III/c"),
        position_start_date=date(2022, 1, 3),
    )
    budi = EmployeeFactory(
        position=programmer,
        full_name="Budi Santoso",
        nip="198502022010011002",
        sex="M",
        birth_date=date(1985, 2, 2),
    )
    citra = EmployeeFactory(
        position=bkd_analyst,
        full_name="Citra Dewi",
        nip="199003032015032003",
        sex="F",
        birth_date=date(1990, 3, 3),
    )
    PositionHistory.objects.create(
        employee=ani,
        kind="appointment",
        position=programmer,
        agency=dinkes,
        rank=rank("III/a"),
        start_date=date(2005, 1, 3),
        reference="SK 813/05/2005",
    )
    PositionHistory.objects.create(
        employee=ani,
        kind="promotion",
        position=analyst,
        agency=dinkes,
        rank=rank("III/c"),
        start_date=date(2022, 1, 3),
        reference="SK 821/12/2022",
    )
    PerformanceRatingFactory(employee=ani, year=2025, rating="above")
    PlacementInterest.objects.create(employee=budi, preference=1, field="Sistem Informasi")

    PublicServiceFactory(
        agency=dinkes,
        code="DK-SIPB",
        name="Izin Praktik Bidan",
        description="Surat izin praktik bagi bidan yang bekerja di fasilitas kesehatan.",
        requirements="Fotokopi STR yang masih berlaku\nSurat rekomendasi organisasi profesi\nPas foto 4x6",
        procedure="1. Ajukan berkas di loket\n2. Verifikasi berkas\n3. Penerbitan izin",
        completion_days=5,
        fee=Decimal("15000"),
        product="Surat Izin Praktik Bidan (SIPB)",
        complaint_handling="Kotak saran, telepon 0921-000000, dan SP4N-LAPOR!",
    )
    PublicServiceFactory(agency=dinkes, code="DK-RUJ", name="Rujukan Pasien Antar Rumah Sakit", fee=0)
    PublicServiceFactory(agency=bkd, code="BKD-LEG", name="Legalisir Surat Keputusan Kepegawaian", fee=0)

    users = {
        "province_admin": UserFactory(
            username="prov", full_name="Rahmat Hidayat", role=Role.PROVINCE_ADMIN, agency=bkd, is_staff=True
        ),
        "agency_admin": UserFactory(
            username="admin_dinkes", full_name="Sari Wulandari", role=Role.AGENCY_ADMIN, agency=dinkes
        ),
        "employee": UserFactory(
            username="ani", full_name="Ani Lestari", role=Role.EMPLOYEE, agency=dinkes, employee=ani
        ),
    }
    return {
        "agencies": {"dinkes": dinkes, "bkd": bkd, "rsud": rsud},
        "employees": {"ani": ani, "budi": budi, "citra": citra},
        "users": users,
    }
