"""The Django side of working days: the library's calendar merged with the override table,
and the override table in the admin. The 2026 holidays are listed in ``test_workdays.py``."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from penata.accounts.models import Role
from penata.core import calendar
from penata.core.models import AuditEvent, WorkingDayOverride
from penata.core.workdays import OutsideCalendar

from .test_workdays import HOLIDAYS_2026

pytestmark = pytest.mark.django_db


def override(day, kind=WorkingDayOverride.Kind.HOLIDAY, name="Hari libur daerah"):
    return WorkingDayOverride.objects.create(date=day, kind=kind, name=name)


def test_without_overrides_the_calendar_is_the_library_s(django_assert_num_queries):
    with django_assert_num_queries(1):
        work = calendar.work_calendar(years=[2026])
    assert sorted(work.holidays) == HOLIDAYS_2026
    assert work.working_days == frozenset()
    assert work.years == frozenset({2026})


def test_holiday_names_follow_the_active_language():
    with translation.override("id"):
        assert calendar.work_calendar([2026]).holiday_name(date(2026, 3, 21)) == "Hari Raya Idul Fitri"
    with translation.override("en"):
        assert calendar.work_calendar([2026]).holiday_name(date(2026, 3, 21)) == "Eid al-Fitr"


def test_the_default_years_are_last_this_and_next():
    this_year = datetime.now(tz=UTC).year
    work = calendar.work_calendar()
    # Around midnight on 31 December WIT and UTC disagree on the year.
    assert work.years in (
        frozenset({this_year - 1, this_year, this_year + 1}),
        frozenset({this_year, this_year + 1, this_year + 2}),
    )


def test_a_holiday_override_on_a_monday_pushes_the_deadline():
    assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 11)
    row = override(date(2026, 2, 9), name="Hari jadi Provinsi (contoh)")
    # No restart, no cache to clear: the next call reads the new row.
    assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 12)
    assert calendar.work_calendar([2026]).holiday_name(date(2026, 2, 9)) == "Hari jadi Provinsi (contoh)"
    row.kind = WorkingDayOverride.Kind.WORKING_DAY
    row.save()
    assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 11)
    row.delete()
    assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 11)


def test_a_change_that_skips_save_or_is_rolled_back_counts_at_once(django_assert_num_queries):
    # Only the query's SQL is cached, never the rows: an update without save() (no new
    # updated_at, no signal) and a rolled-back change are seen by the very next call.
    row = override(date(2026, 2, 9))
    assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 12)
    WorkingDayOverride.objects.filter(pk=row.pk).update(kind=WorkingDayOverride.Kind.WORKING_DAY)
    with django_assert_num_queries(1):
        assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 11)
    with transaction.atomic():
        WorkingDayOverride.objects.filter(pk=row.pk).update(kind=WorkingDayOverride.Kind.HOLIDAY)
        assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 12)
        transaction.set_rollback(True)
    assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 11)


def test_the_override_query_is_compiled_once_per_date_range():
    calendar._overrides_sql.cache_clear()
    override(date(2026, 2, 9))
    for _ in range(3):
        assert calendar.work_calendar([2026]).holiday_name(date(2026, 2, 9)) == "Hari libur daerah"
    calendar.work_calendar([2026, 2027])
    info = calendar._overrides_sql.cache_info()
    assert (info.misses, info.hits) == (2, 2)


def test_a_worked_cuti_bersama_pulls_the_deadline_back():
    assert calendar.add_working_days(date(2026, 5, 13), 3) == date(2026, 5, 20)
    override(date(2026, 5, 15), kind=WorkingDayOverride.Kind.WORKING_DAY, name="Cuti bersama dibatalkan")
    assert calendar.add_working_days(date(2026, 5, 13), 3) == date(2026, 5, 19)
    work = calendar.work_calendar([2026])
    assert work.is_working_day(date(2026, 5, 15)) is True
    assert work.holiday_name(date(2026, 5, 15)) is None


def test_overrides_of_other_years_are_left_out():
    override(date(2025, 12, 31))
    override(date(2027, 1, 4))
    override(date(2026, 2, 9))
    work = calendar.work_calendar([2026])
    assert sorted(set(work.holidays) - set(HOLIDAYS_2026)) == [date(2026, 2, 9)]


def test_a_deadline_crossing_the_year_reads_both_years():
    assert calendar.add_working_days(date(2026, 12, 29), 3) == date(2027, 1, 4)
    override(date(2027, 1, 4), name="Cuti bersama tahun baru (contoh)")
    # Mon 4 Jan closed, Tue 5 Isra Mikraj closed: Wed 6.
    assert calendar.add_working_days(date(2026, 12, 29), 3) == date(2027, 1, 6)


def test_the_years_widen_when_overrides_close_the_rest_of_the_year():
    # Every weekday from 2 June to 31 December 2026 closed: 3 working days after 1 June
    # land in 2027 (Mon 4, Isra Mikraj Tue 5 closed, Wed 6, Thu 7), beyond the first guess.
    first, last = date(2026, 6, 2), date(2026, 12, 31)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    WorkingDayOverride.objects.bulk_create(
        WorkingDayOverride(date=day, kind=WorkingDayOverride.Kind.HOLIDAY, name="Tutup") for day in days
    )
    with pytest.raises(OutsideCalendar):
        calendar.work_calendar([2026]).add_working_days(date(2026, 6, 1), 3)
    assert calendar.add_working_days(date(2026, 6, 1), 3) == date(2027, 1, 7)


def test_negative_n_is_rejected_before_any_query(django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(ValueError, match="n must be zero or more"):
        calendar.add_working_days(date(2026, 2, 6), -3)


def test_working_days_between_reads_overrides():
    assert calendar.working_days_between(date(2026, 3, 17), date(2026, 3, 27)) == 3
    assert calendar.working_days_between(date(2026, 3, 27), date(2026, 3, 17)) == -3
    override(date(2026, 3, 24), kind=WorkingDayOverride.Kind.WORKING_DAY, name="Masuk kerja")
    assert calendar.working_days_between(date(2026, 3, 17), date(2026, 3, 27)) == 4
    assert calendar.working_days_between(date(2026, 12, 23), date(2027, 1, 12)) == 10


def test_deadline_at_uses_the_project_time_zone(settings):
    assert settings.TIME_ZONE == "Asia/Jayapura"
    # Thu 5 Feb 2026 15:30 UTC is Fri 6 Feb 00:30 WIT: Friday + 3 = Wed 11 Feb, end of day WIT.
    result = calendar.deadline_at(datetime(2026, 2, 5, 15, 30, tzinfo=UTC), 3)
    assert result.isoformat() == "2026-02-11T23:59:59.999999+09:00"
    assert str(result.tzinfo) == "Asia/Jayapura"
    override(date(2026, 2, 11))
    assert calendar.deadline_at(datetime(2026, 2, 5, 15, 30, tzinfo=UTC), 3).date() == date(2026, 2, 12)
    with pytest.raises(ValueError, match="aware"):
        calendar.deadline_at(datetime(2026, 2, 5, 15, 30), 3)


def test_one_override_per_date():
    override(date(2026, 2, 9))
    with pytest.raises(IntegrityError), transaction.atomic():
        override(date(2026, 2, 9), kind=WorkingDayOverride.Kind.WORKING_DAY)
    assert WorkingDayOverride.objects.count() == 1


def test_the_kind_is_checked_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        override(date(2026, 2, 9), kind="half_day")
    assert WorkingDayOverride.objects.count() == 0


def test_str():
    row = override(date(2026, 2, 9), name="Hari libur daerah")
    with translation.override("en"):
        assert str(row) == "2026-02-09 Holiday (offices closed): Hari libur daerah"


# Admin


@pytest.fixture
def admin_client(client, make_user, agency_a):
    client.force_login(
        make_user(Role.PROVINCE_ADMIN, agency_a, username="root", is_staff=True, is_superuser=True)
    )
    return client


def test_the_changelist_loads_in_a_fixed_number_of_queries(admin_client, django_assert_num_queries):
    for day in (date(2026, 2, 9), date(2026, 5, 15), date(2027, 1, 4)):
        override(day)
    with django_assert_num_queries(7):
        response = admin_client.get(reverse("admin:core_workingdayoverride_changelist"))
    assert response.status_code == 200
    assert response.content.decode().count('class="action-select"') == 3


def test_an_override_is_added_in_the_admin_with_an_audit_event(admin_client):
    assert admin_client.get(reverse("admin:core_workingdayoverride_add")).status_code == 200
    response = admin_client.post(
        reverse("admin:core_workingdayoverride_add"),
        {"date": "2026-02-09", "kind": "holiday", "name": "Hari libur daerah", "description": ""},
    )
    assert response.status_code == 302
    row = WorkingDayOverride.objects.get()
    assert (row.date, row.kind, row.name) == (date(2026, 2, 9), "holiday", "Hari libur daerah")
    event = AuditEvent.objects.get()
    assert (event.action, event.subject_id) == ("workingdayoverride.created", str(row.pk))
    assert (event.note, event.to_state["date"], event.to_state["kind"]) == ("admin", "2026-02-09", "holiday")
    assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 12)


def test_an_override_is_changed_in_the_admin(admin_client):
    row = override(date(2026, 2, 9))
    url = reverse("admin:core_workingdayoverride_change", args=[row.pk])
    assert admin_client.get(url).status_code == 200
    data = {"date": "2026-02-09", "kind": "working_day", "name": "Masuk kerja", "description": "SE Gubernur"}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.kind, row.name, row.description) == ("working_day", "Masuk kerja", "SE Gubernur")
    assert AuditEvent.objects.get().action == "workingdayoverride.updated"


def test_a_second_override_for_a_date_is_refused_in_the_admin(admin_client):
    override(date(2026, 2, 9))
    response = admin_client.post(
        reverse("admin:core_workingdayoverride_add"),
        {"date": "2026-02-09", "kind": "working_day", "name": "Lagi", "description": ""},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == ["Tanggal ini sudah memiliki pengecualian."]
    assert (WorkingDayOverride.objects.count(), AuditEvent.objects.count()) == (1, 0)
