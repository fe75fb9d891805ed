"""Working days on the Indonesian government calendar. Pure: no Django, no database.

SP4N-LAPOR! (Perpres 76/2013) gives each complaint step a deadline in working days:
verification and dispatch ≤ 3, the agency's follow-up ≤ 5, the reporter's response ≤ 10.

A working day is Monday to Friday, unless it is a holiday; a date listed in
``working_days`` is a working day whatever its weekday or holiday status (a holiday that
is worked, a Saturday made a working day). The caller supplies both sets; the Django side
(``penata.core.calendar``) builds them from the ``holidays`` library and the admin's
override table.

The counting rule (``add_working_days``): the day a step starts never counts; the
deadline is the n-th working day *after* it. A report received on Friday has its 3-day
verification deadline on Wednesday (Mon 1, Tue 2, Wed 3). A report received on a
Saturday, Sunday or holiday starts counting on the next working day, which is day 1: a
report received on Saturday or Sunday also falls due on Wednesday. A deadline is met
when the step is done at any time on the deadline day (``deadline_at``: 23:59:59.999999
local time).

``working_days_between(a, b)`` is the inverse: the number of working days in (a, b], so
``working_days_between(d, add_working_days(d, n)) == n``; negative when b is before a.
"""

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

# Maluku Utara keeps Eastern Indonesia Time (WIT, UTC+9, no daylight saving).
WIT = ZoneInfo("Asia/Jayapura")

SATURDAY = 5


class OutsideCalendar(ValueError):
    """The calculation needs a year the calendar was not built for."""


class WorkCalendar:
    """Holidays and extra working days for a set of years.

    ``holidays`` maps a date to its name (weekend dates may be included: they change
    nothing). ``working_days`` are dates worked even though they are a weekend day or a
    holiday; they win over ``holidays``. ``years`` (optional) is the range of years the
    two collections are complete for; asking about any other year raises
    ``OutsideCalendar`` rather than silently treating unknown holidays as working days.
    """

    def __init__(
        self,
        holidays: Mapping[date, str],
        working_days: Iterable[date] = (),
        *,
        years: Iterable[int] | None = None,
    ) -> None:
        self.working_days: frozenset[date] = frozenset(working_days)
        self.holidays: dict[date, str] = {
            day: name for day, name in holidays.items() if day not in self.working_days
        }
        self.years: frozenset[int] | None = frozenset(years) if years is not None else None
        # Sorted exceptions to the Monday–Friday rule, for counting a range in O(log n).
        self._weekday_holidays = sorted(d for d in self.holidays if d.weekday() < SATURDAY)
        self._weekend_working_days = sorted(d for d in self.working_days if d.weekday() >= SATURDAY)

    def _check(self, day: date) -> None:
        if self.years is not None and day.year not in self.years:
            raise OutsideCalendar(f"{day.isoformat()} is outside the calendar's years {sorted(self.years)}")

    def is_working_day(self, day: date) -> bool:
        self._check(day)
        if day in self.working_days:
            return True
        return day.weekday() < SATURDAY and day not in self.holidays

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name, or None (also for a plain weekend)."""
        self._check(day)
        return self.holidays.get(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself never counts).

        ``n == 0`` returns ``start`` unchanged. Negative ``n`` raises ``ValueError``.
        """
        if isinstance(start, datetime):
            raise TypeError("add_working_days takes a date; use deadline_at for a datetime")
        if n < 0:
            raise ValueError(f"n must be zero or more, not {n}")
        day = start
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; ``-working_days_between(b, a)`` when b is before a.

        ``0`` when the deadline ``b`` is today (``a``); ``-1`` one working day after it.
        """
        if b < a:
            return -self.working_days_between(b, a)
        self._check(a)
        self._check(b)
        # Weekdays in (a, b], then the exceptions in that range.
        weekdays = _weekdays_up_to(b) - _weekdays_up_to(a)
        holidays = bisect_right(self._weekday_holidays, b) - bisect_right(self._weekday_holidays, a)
        extra = bisect_right(self._weekend_working_days, b) - bisect_right(self._weekend_working_days, a)
        return weekdays - holidays + extra

    def deadline_at(self, start: datetime, n: int, tz: tzinfo = WIT) -> datetime:
        """The end of the deadline day, as an aware datetime in ``tz``.

        ``start`` (aware) is turned into the local date in ``tz``; the deadline is
        ``add_working_days`` of that date, and the step is on time until the last
        microsecond of that day, local time (23:59:59.999999).
        """
        if start.tzinfo is None or start.utcoffset() is None:
            raise ValueError("deadline_at needs an aware datetime")
        local_day = start.astimezone(tz).date()
        return datetime.combine(self.add_working_days(local_day, n), time.max, tzinfo=tz)


def _weekdays_up_to(day: date) -> int:
    """Monday–Friday dates from an arbitrary fixed Monday up to and including ``day``."""
    ordinal = day.toordinal()  # date(1, 1, 1) is a Monday, ordinal 1
    weeks, rest = divmod(ordinal - 1, 7)
    return weeks * 5 + min(rest + 1, 5)
