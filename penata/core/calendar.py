"""The Indonesian working-day calendar, from the ``holidays`` library and the override table.

Holidays come from ``holidays.country_holidays("ID", categories=("public", "government"))``:
PUBLIC are the national holidays (hari libur nasional), GOVERNMENT the collective leave
days (cuti bersama) set each year by the joint ministerial decree (SKB 3 Menteri). Civil
servants do not work on either, so both close a complaint step's clock. The library's
Islamic dates for future years are estimates; the government sets them late, as it does
extra cuti bersama and regional holidays, so an administrator records those in
``WorkingDayOverride`` (Django admin). An override wins over the library both ways: a
``holiday`` row closes a day, a ``working_day`` row opens one (a holiday that is worked).

No cache for the overrides: each ``work_calendar`` call reads the table once (one small
query), so a new override counts at once in every process, however it was written (admin,
``QuerySet.update``, a rolled-back transaction). What is cached is the query's SQL: building
and compiling an ORM query costs several times more CPU than running this one, and every
report filed computes a deadline. The library's holidays for a year never change in a
process and are cached too (building the calendar from them is cheap). Code that needs many
deadlines (a periodic task, a statistics page) builds one calendar with
``work_calendar(years=...)`` and reuses it.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays as holidays_library
from django.db import connections, router
from django.utils import timezone, translation

from .models import WorkingDayOverride
from .workdays import OutsideCalendar, WorkCalendar

CATEGORIES = ("public", "government")


@lru_cache(maxsize=64)
def library_holidays(year: int, language: str = "id") -> MappingProxyType[date, str]:
    """The national holidays and cuti bersama the ``holidays`` library knows for one year
    (read-only: the cached mapping is shared)."""
    found = holidays_library.country_holidays("ID", years=year, categories=CATEGORIES, language=language)
    return MappingProxyType(dict(found.items()))


@lru_cache(maxsize=32)
def _overrides_sql(alias: str, first: date, last: date) -> tuple[str, tuple]:
    """The compiled SQL (and parameters) reading the overrides from ``first`` to ``last``."""
    queryset = WorkingDayOverride.objects.filter(date__gte=first, date__lte=last).values_list(
        "date", "kind", "name"
    )
    sql, params = queryset.query.get_compiler(using=alias).as_sql()
    return sql, tuple(params)


def _overrides(first: date, last: date) -> list[tuple[date, str, str]]:
    """``(date, kind, name)`` of every override from ``first`` to ``last``: one query whose
    SQL the ORM compiled once (both backends return the dates as ``date``)."""
    alias = router.db_for_read(WorkingDayOverride)
    sql, params = _overrides_sql(alias, first, last)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _library_language() -> str:
    return "id" if (translation.get_language() or "id").startswith("id") else "en_US"


def work_calendar(years: Iterable[int] | None = None) -> WorkCalendar:
    """A calendar for ``years`` (default: last, this and next year, local time).

    The result refuses dates outside those years (``OutsideCalendar``).
    """
    if years is None:
        this_year = timezone.localdate().year
        years = range(this_year - 1, this_year + 2)
    years = sorted(set(years))
    if not years:
        raise ValueError("work_calendar needs at least one year")
    language = _library_language()
    holidays: dict[date, str] = {}
    for year in years:
        holidays.update(library_holidays(year, language))
    working_days: set[date] = set()
    for day, kind, name in _overrides(date(years[0], 1, 1), date(years[-1], 12, 31)):
        if day.year not in years:
            continue
        if kind == WorkingDayOverride.Kind.HOLIDAY:
            holidays[day] = name
        else:
            working_days.add(day)
    return WorkCalendar(holidays, working_days, years=years)


def _years_for(start: date, n: int) -> range:
    # A working week has at least one working day in practice (the longest closure is the
    # Idul Fitri week), so n working days fit in well under 2n + 30 calendar days. If an
    # override makes that wrong, the callers below widen the range and try again.
    return range(start.year, (start + timedelta(days=2 * n + 30)).year + 1)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (see ``penata.core.workdays`` for the rule)."""
    if n < 0:
        raise ValueError(f"n must be zero or more, not {n}")
    years = _years_for(start, n)
    while True:
        try:
            return work_calendar(years).add_working_days(start, n)
        except OutsideCalendar:
            years = range(years.start, years.stop + 1)


def deadline_at(start: datetime, n: int) -> datetime:
    """The end (23:59:59.999999, ``TIME_ZONE``) of the n-th working day after ``start``."""
    tz = timezone.get_default_timezone()
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("deadline_at needs an aware datetime")
    local_day = start.astimezone(tz).date()
    years = _years_for(local_day, n)
    while True:
        try:
            return work_calendar(years).deadline_at(start, n, tz)
        except OutsideCalendar:
            years = range(years.start, years.stop + 1)


def working_days_between(a: date, b: date) -> int:
    """Working days in (a, b]; negative when b is before a."""
    return work_calendar(range(min(a, b).year, max(a, b).year + 1)).working_days_between(a, b)
