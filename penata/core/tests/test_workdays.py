"""The pure working-day arithmetic, on the real Indonesian calendar of the ``holidays`` library.

No database: the calendar is built straight from the library, as ``penata.core.calendar``
does before it adds the override table.

The library (0.109) gives for 2026, public + government (cuti bersama = CB) categories:
  Thu 01 Jan  New Year               Fri 16 Jan  Isra Mikraj
  Mon 16 Feb  CB Chinese New Year    Tue 17 Feb  Chinese New Year
  Wed 18 Mar  CB Nyepi               Thu 19 Mar  Nyepi
  Fri 20 Mar  CB Idul Fitri          Sat 21 Mar  Idul Fitri
  Sun 22 Mar  Idul Fitri day two     Mon 23 Mar  CB Idul Fitri
  Tue 24 Mar  CB Idul Fitri          Fri 03 Apr  Good Friday
  Sun 05 Apr  Easter                 Fri 01 May  Labour Day
  Thu 14 May  Ascension              Fri 15 May  CB Ascension
  Wed 27 May  Idul Adha              Thu 28 May  CB Idul Adha
  Sun 31 May  Vesak                  Mon 01 Jun  Pancasila Day
  Tue 16 Jun  Islamic New Year       Mon 17 Aug  Independence Day
  Tue 25 Aug  Prophet's Birthday     Thu 24 Dec  CB Christmas
  Fri 25 Dec  Christmas
and Fri 01 Jan 2027 New Year, Tue 05 Jan 2027 Isra Mikraj.
"""

from datetime import UTC, date, datetime, timedelta

import holidays
import pytest

from penata.core.workdays import WIT, OutsideCalendar, WorkCalendar

HOLIDAYS_2026 = [
    date(2026, 1, 1),
    date(2026, 1, 16),
    date(2026, 2, 16),
    date(2026, 2, 17),
    date(2026, 3, 18),
    date(2026, 3, 19),
    date(2026, 3, 20),
    date(2026, 3, 21),
    date(2026, 3, 22),
    date(2026, 3, 23),
    date(2026, 3, 24),
    date(2026, 4, 3),
    date(2026, 4, 5),
    date(2026, 5, 1),
    date(2026, 5, 14),
    date(2026, 5, 15),
    date(2026, 5, 27),
    date(2026, 5, 28),
    date(2026, 5, 31),
    date(2026, 6, 1),
    date(2026, 6, 16),
    date(2026, 8, 17),
    date(2026, 8, 25),
    date(2026, 12, 24),
    date(2026, 12, 25),
]


def library(years, categories=("public", "government")):
    return dict(holidays.country_holidays("ID", years=years, categories=categories, language="id").items())


@pytest.fixture(scope="module")
def indonesia():
    return WorkCalendar(library([2025, 2026, 2027]), years=[2025, 2026, 2027])


def brute_force_between(calendar, a, b):
    if b < a:
        return -brute_force_between(calendar, b, a)
    days = (a + timedelta(days=i) for i in range(1, (b - a).days + 1))
    return sum(1 for day in days if calendar.is_working_day(day))


def test_the_library_gives_the_2026_holidays_the_tests_rely_on():
    assert sorted(library(2026)) == HOLIDAYS_2026
    names = library(2026)
    assert names[date(2026, 3, 21)] == "Hari Raya Idul Fitri"
    assert names[date(2026, 3, 20)] == "Cuti Bersama Hari Raya Idul Fitri"


@pytest.mark.parametrize(
    ("start", "n", "deadline"),
    [
        # Received on Friday: Mon 1, Tue 2, Wed 3.
        (date(2026, 2, 6), 3, date(2026, 2, 11)),
        # Received on the weekend: counting starts on Monday, day 1.
        (date(2026, 2, 7), 3, date(2026, 2, 11)),
        (date(2026, 2, 8), 3, date(2026, 2, 11)),
        # Received on a holiday (Labour Day, a Friday): Mon 4, Tue 5, Wed 6.
        (date(2026, 5, 1), 3, date(2026, 5, 6)),
        (date(2026, 4, 30), 3, date(2026, 5, 6)),
        # Mid-week, no holiday: the follow-up.
        (date(2026, 2, 3), 5, date(2026, 2, 10)),
        # The reporter's response: 4–6 Feb (3), 9–13 Feb (8), Chinese New Year Mon 16 and
        # Tue 17 closed, Wed 18 (9), Thu 19 (10).
        (date(2026, 2, 3), 10, date(2026, 2, 19)),
        # Idul Fitri 2026 with cuti bersama: 18–24 March closed, then Wed 25 (1), Thu 26 (2), Fri 27 (3).
        (date(2026, 3, 17), 3, date(2026, 3, 27)),
        # Tue 17 (1), Wed 25 (2), Thu 26 (3), Fri 27 (4), Mon 30 (5).
        (date(2026, 3, 16), 5, date(2026, 3, 30)),
        # Chinese New Year: Mon 16 and Tue 17 Feb closed.
        (date(2026, 2, 13), 3, date(2026, 2, 20)),
        # Christmas: Thu 24 and Fri 25 Dec closed; Mon 28 (1), Tue 29 (2), Wed 30 (3).
        (date(2026, 12, 23), 3, date(2026, 12, 30)),
        # Into the new year: Wed 30 (1), Thu 31 (2), New Year Fri 1 Jan closed, Mon 4 (3).
        (date(2026, 12, 29), 3, date(2027, 1, 4)),
        # 28–31 Dec (4), Mon 4 Jan (5), Isra Mikraj Tue 5 closed, 6, 7, 8, 11, 12 Jan (10).
        (date(2026, 12, 23), 10, date(2027, 1, 12)),
        # n == 0: no working day added, the start day itself, even on a weekend.
        (date(2026, 2, 6), 0, date(2026, 2, 6)),
        (date(2026, 2, 7), 0, date(2026, 2, 7)),
    ],
)
def test_add_working_days(indonesia, start, n, deadline):
    assert indonesia.add_working_days(start, n) == deadline


def test_cuti_bersama_counts_as_a_holiday():
    # With the public category alone, Wed 18 and Fri 20 March would be working days.
    public_only = WorkCalendar(library(2026, categories=("public",)), years=[2026])
    assert public_only.add_working_days(date(2026, 3, 17), 3) == date(2026, 3, 23)
    assert public_only.is_working_day(date(2026, 3, 20)) is True


def test_negative_n_is_rejected(indonesia):
    with pytest.raises(ValueError, match="n must be zero or more, not -1"):
        indonesia.add_working_days(date(2026, 2, 6), -1)


def test_a_datetime_is_not_a_date(indonesia):
    with pytest.raises(TypeError):
        indonesia.add_working_days(datetime(2026, 2, 6, 9, tzinfo=WIT), 3)


def test_a_holiday_override_on_a_monday_pushes_the_deadline():
    calendar = WorkCalendar(library(2026) | {date(2026, 2, 9): "Regional holiday"}, years=[2026])
    assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 12)
    assert calendar.holiday_name(date(2026, 2, 9)) == "Regional holiday"


def test_a_worked_holiday_pulls_the_deadline_back():
    # Ascension Thu 14 and its cuti bersama Fri 15 May: Mon 18 (1), Tue 19 (2), Wed 20 (3).
    plain = WorkCalendar(library(2026), years=[2026])
    assert plain.add_working_days(date(2026, 5, 13), 3) == date(2026, 5, 20)
    worked = WorkCalendar(library(2026), working_days={date(2026, 5, 15)}, years=[2026])
    assert worked.add_working_days(date(2026, 5, 13), 3) == date(2026, 5, 19)
    assert worked.is_working_day(date(2026, 5, 15)) is True
    assert worked.holiday_name(date(2026, 5, 15)) is None


def test_a_worked_saturday_counts():
    calendar = WorkCalendar({}, working_days={date(2026, 2, 7)})
    assert calendar.add_working_days(date(2026, 2, 6), 3) == date(2026, 2, 10)
    assert calendar.working_days_between(date(2026, 2, 6), date(2026, 2, 10)) == 3


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2026, 2, 6), date(2026, 2, 11), 3),
        (date(2026, 2, 11), date(2026, 2, 6), -3),
        (date(2026, 2, 6), date(2026, 2, 6), 0),
        (date(2026, 2, 7), date(2026, 2, 8), 0),
        (date(2026, 2, 8), date(2026, 2, 7), 0),
        (date(2026, 2, 7), date(2026, 2, 9), 1),
        (date(2026, 2, 9), date(2026, 2, 7), -1),
        # Across Idul Fitri.
        (date(2026, 3, 17), date(2026, 3, 27), 3),
        (date(2026, 3, 27), date(2026, 3, 17), -3),
        # Across the new year.
        (date(2026, 12, 23), date(2027, 1, 12), 10),
        (date(2027, 1, 12), date(2026, 12, 23), -10),
        # A deadline that passed yesterday (a working day) is one day overdue.
        (date(2026, 2, 12), date(2026, 2, 11), -1),
    ],
)
def test_working_days_between(indonesia, a, b, expected):
    assert indonesia.working_days_between(a, b) == expected


def test_between_is_the_inverse_of_add_and_matches_counting_day_by_day(indonesia):
    starts = [date(2026, 1, 1) + timedelta(days=i) for i in range(0, 365, 3)]
    for start in starts:
        for n in (0, 1, 3, 5, 10):
            deadline = indonesia.add_working_days(start, n)
            assert indonesia.working_days_between(start, deadline) == n
            assert indonesia.working_days_between(deadline, start) == -n
        end = start + timedelta(days=17)
        assert indonesia.working_days_between(start, end) == brute_force_between(indonesia, start, end)


def test_a_year_outside_the_calendar_is_refused():
    calendar = WorkCalendar(library(2026), years=[2026])
    with pytest.raises(OutsideCalendar):
        calendar.add_working_days(date(2026, 12, 29), 3)
    with pytest.raises(OutsideCalendar):
        calendar.working_days_between(date(2026, 12, 1), date(2027, 1, 5))
    with pytest.raises(OutsideCalendar):
        calendar.is_working_day(date(2025, 12, 31))


@pytest.mark.parametrize(
    ("start", "deadline"),
    [
        # Thu 5 Feb 15:30 UTC is already Fri 6 Feb 00:30 in Ternate (WIT, UTC+9): Friday + 3 = Wed 11.
        (datetime(2026, 2, 5, 15, 30, tzinfo=UTC), datetime(2026, 2, 11, 23, 59, 59, 999999, tzinfo=WIT)),
        # Thu 5 Feb 14:59 UTC is Thu 23:59 WIT: Thursday + 3 = Tue 10.
        (datetime(2026, 2, 5, 14, 59, tzinfo=UTC), datetime(2026, 2, 10, 23, 59, 59, 999999, tzinfo=WIT)),
        (datetime(2026, 12, 29, 9, tzinfo=WIT), datetime(2027, 1, 4, 23, 59, 59, 999999, tzinfo=WIT)),
    ],
)
def test_deadline_at_is_the_end_of_the_local_deadline_day(indonesia, start, deadline):
    result = indonesia.deadline_at(start, 3)
    assert result == deadline
    assert result.tzinfo is WIT
    assert result.utcoffset() == timedelta(hours=9)


def test_deadline_at_in_utc_shows_the_same_instant(indonesia):
    result = indonesia.deadline_at(datetime(2026, 2, 6, 9, tzinfo=WIT), 3).astimezone(UTC)
    assert result == datetime(2026, 2, 11, 14, 59, 59, 999999, tzinfo=UTC)


def test_deadline_at_refuses_a_naive_datetime(indonesia):
    with pytest.raises(ValueError, match="aware"):
        indonesia.deadline_at(datetime(2026, 2, 6, 9), 3)
