from io import StringIO

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from penata.accounts.models import Role, User
from penata.accounts.services import user_create
from penata.core.models import AuditEvent
from penata.core.startup import refuse_unsafe_production
from penata.workforce.tests.factories import EmployeeFactory

PASSWORD = "Sofifi-2026-aman"


def create_user(*args, **options) -> str:
    out = StringIO()
    call_command("create_user", *args, stdout=out, **options)
    return out.getvalue()


def test_create_user_creates_a_staff_account(agency_a):
    output = create_user(
        "rahmat",
        role="agency_admin",
        agency="DINA",
        full_name="Rahmat Hidayat, S.E.",
        email="r@example.test",
        password=PASSWORD,
    )
    assert output.strip() == "Pengguna “rahmat” dibuat (agency_admin, DINA)."
    user = User.objects.get(username="rahmat")
    assert (user.role, user.agency, user.full_name, user.email, user.is_demo, user.is_staff) == (
        Role.AGENCY_ADMIN,
        agency_a,
        "Rahmat Hidayat, S.E.",
        "r@example.test",
        False,
        False,
    )
    assert user.check_password(PASSWORD)
    event = AuditEvent.objects.get(action="user.created")
    assert (
        event.subject_id,
        event.to_state["role"],
        event.to_state["agency"],
        event.to_state["is_demo"],
    ) == (
        str(user.pk),
        "agency_admin",
        agency_a.pk,
        False,
    )
    assert "email" not in event.to_state


def test_create_user_citizen_needs_no_agency(db):
    create_user("warga", role="citizen", full_name="Siti Rahma", password=PASSWORD)
    user = User.objects.get(username="warga")
    assert (user.role, user.agency_id) == (Role.CITIZEN, None)


def test_create_user_reads_the_password_from_stdin(agency_a):
    create_user(
        "stdin",
        role="leader",
        agency="DINA",
        full_name="Pemimpin",
        password_stdin=True,
        stdin=StringIO(PASSWORD + "\n"),
    )
    assert User.objects.get(username="stdin").check_password(PASSWORD)


def test_create_user_links_an_employee_and_takes_their_agency(agency_a):
    employee = EmployeeFactory(agency=agency_a)
    create_user(
        "pegawai", role="employee", full_name=employee.full_name, employee=employee.nip, password=PASSWORD
    )
    user = User.objects.get(username="pegawai")
    assert (user.employee, user.agency) == (employee, agency_a)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"role": "superhero", "agency": "DINA"}, "Peran “superhero” tidak dikenal"),
        ({"role": "agency_admin"}, "Peran “agency_admin” memerlukan --agency."),
        ({"role": "complaint_officer", "agency": "NOPE"}, "Kode Perangkat Daerah “NOPE” tidak dikenal."),
        ({"role": "employee", "employee": "199001012015031001"}, "Tidak ada pegawai dengan nomor"),
        ({"role": "citizen", "agency": "DINA"}, "tidak terdaftar pada Perangkat Daerah"),
    ],
)
def test_create_user_refuses_bad_input(agency_a, options, message):
    with pytest.raises(CommandError, match=message):
        create_user("someone", full_name="Seseorang", password=PASSWORD, **options)
    assert User.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_create_user_refuses_a_taken_username_and_a_weak_password(agency_a, make_user):
    make_user(Role.CITIZEN, username="taken")
    with pytest.raises(CommandError, match="username"):
        create_user("taken", role="citizen", full_name="Dua", password=PASSWORD)
    with pytest.raises(CommandError, match="password"):
        create_user("weak", role="citizen", full_name="Lemah", password="12345678")
    assert list(User.objects.values_list("username", flat=True)) == ["taken"]


def test_create_user_without_a_password_outside_a_terminal_is_refused(agency_a):
    with pytest.raises(CommandError, match="Kata sandi belum diberikan"):
        create_user("nopass", role="citizen", full_name="Tanpa Sandi", stdin=StringIO(""))
    assert User.objects.count() == 0


def test_create_user_never_makes_demo_accounts(agency_a):
    create_user("admin", role="province_admin", agency="DINA", full_name="Admin Asli", password=PASSWORD)
    assert User.objects.get(username="admin").is_demo is False
    refuse_unsafe_production()  # nothing to refuse


def demo_user(username: str, agency=None, role=Role.CITIZEN) -> User:
    return user_create(
        username=username,
        role=role,
        agency=agency,
        full_name=username.title(),
        password="penata-demo",
        is_demo=True,
    )


def test_demo_accounts_remove_deletes_only_demo_accounts(agency_a, make_user):
    demo_user("demo1")
    demo_user("demo2", agency_a, Role.AGENCY_ADMIN)
    real = make_user(Role.PROVINCE_ADMIN, agency_a, username="real")
    out = StringIO()
    call_command("demo_accounts_remove", stdout=out)
    assert out.getvalue().strip() == "2 akun demo dihapus."
    assert list(User.objects.values_list("username", flat=True)) == [real.username]
    assert sorted(
        AuditEvent.objects.filter(action="user.deleted").values_list("from_state__username", flat=True)
    ) == [
        "demo1",
        "demo2",
    ]
    out = StringIO()
    call_command("demo_accounts_remove", stdout=out)
    assert out.getvalue().strip() == "0 akun demo dihapus."


@override_settings(IS_PRODUCTION=True)
def test_production_refuses_to_start_with_demo_accounts(db):
    demo_user("demo")
    with pytest.raises(ImproperlyConfigured, match="demo_accounts_remove"):
        refuse_unsafe_production()
    assert [e.id for e in run_checks() if e.id == "penata.E001"] == ["penata.E001"]
    call_command("demo_accounts_remove", stdout=StringIO())
    refuse_unsafe_production()
    assert [e.id for e in run_checks() if e.id == "penata.E001"] == []


def test_development_starts_with_demo_accounts(db):
    demo_user("demo")
    refuse_unsafe_production()
    assert [e.id for e in run_checks() if e.id == "penata.E001"] == []
