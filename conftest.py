import pytest
from django.conf import settings
from django.utils import translation

from penata.accounts.models import Role
from penata.accounts.tests.factories import UserFactory
from penata.organization.tests.factories import AgencyFactory, PositionFactory, UnitFactory

TEST_PASSWORD = "rahasia-uji-123"


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language (Indonesian). A request through the test
    client leaves the language it chose active in the thread (LocaleMiddleware does not
    reset it), which would otherwise leak into the next test of the same worker."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def agency_a(db):
    return AgencyFactory(code="DINA", name="Dinas A")


@pytest.fixture
def agency_b(db):
    return AgencyFactory(code="DINB", name="Dinas B")


@pytest.fixture
def position_a(agency_a):
    return PositionFactory(unit=UnitFactory(agency=agency_a))


@pytest.fixture
def position_b(agency_b):
    return PositionFactory(unit=UnitFactory(agency=agency_b))


@pytest.fixture
def make_user(db):
    def make(role: str = Role.CITIZEN, agency=None, **kwargs):
        return UserFactory(role=role, agency=agency, **kwargs)

    return make


@pytest.fixture
def province_admin(make_user, agency_a):
    return make_user(Role.PROVINCE_ADMIN, agency_a, username="prov")


@pytest.fixture
def agency_admin_a(make_user, agency_a):
    return make_user(Role.AGENCY_ADMIN, agency_a, username="admin_a")
