"""Reads of the JP ledger: an employee's JP for a year, many employees' totals at once, and
the compliance report (who has reached the yearly target of ``PENATA_JP_TARGET`` JP).

Compliance counts ACTIVE employees only (staff on leave or retired are not expected to
train). Every aggregate runs in the database: a GROUP BY over the year's ledger entries
(read from the ``(year, employee) INCLUDE (jp)`` index) joined to the employees.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, Exists, OuterRef, Q, QuerySet, Sum, Value

from penata.accounts.scoping import filter_by_scope, scope_of
from penata.organization.models import Agency
from penata.workforce.models import Employee, EmployeeStatus

from .models import ExternalTraining, ExternalTrainingStatus, JpLedgerEntry

ZERO = Decimal("0.0")
# Up to this many employees' names are read by id; more are read with the whole staff.
NAMES_BY_ID = 2000
JP_FIELD = DecimalField(max_digits=7, decimal_places=1)


def jp_target() -> int:
    return settings.PENATA_JP_TARGET


def jp_total(*, employee: Employee, year: int) -> Decimal:
    total = JpLedgerEntry.objects.filter(employee=employee, year=year).aggregate(total=Sum("jp"))["total"]
    return ZERO if total is None else Decimal(total).quantize(ZERO)


def jp_totals(*, employee_ids: Iterable[int] | QuerySet, year: int) -> dict[int, Decimal]:
    """Each employee's JP for the year, in one query. Employees without an entry read 0
    (the result is a ``defaultdict``; the ids given as a list are all present)."""
    if not isinstance(employee_ids, QuerySet):
        employee_ids = list(employee_ids)
    rows = (
        JpLedgerEntry.objects.filter(year=year, employee_id__in=employee_ids)
        .order_by()
        .values("employee_id")
        .annotate(total=Sum("jp"))
        .values_list("employee_id", "total")
    )
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    if isinstance(employee_ids, list):
        totals.update(dict.fromkeys(employee_ids, ZERO))
    totals.update({pk: Decimal(total).quantize(ZERO) for pk, total in rows})
    return totals


def jp_entries(*, employee: Employee, year: int) -> QuerySet[JpLedgerEntry]:
    return JpLedgerEntry.objects.filter(employee=employee, year=year).order_by("-completed_on", "-id")


def jp_years(*, employee: Employee) -> list[int]:
    """The years with entries, newest first."""
    return list(
        JpLedgerEntry.objects.filter(employee=employee)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def progress_percent(total: Decimal, target: int) -> int:
    """How far towards the target, 0–100 (the bar stops full above the target)."""
    if target <= 0:
        return 100
    return max(0, min(100, int(total * 100 / target)))


# --- compliance ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyCompliance:
    agency: Agency
    counted: int  # active employees
    at_target: int  # of them, with at least the target's JP this year

    @property
    def behind(self) -> int:
        return self.counted - self.at_target

    @property
    def share(self) -> float | None:
        """Percent of the counted staff at or above the target; None without staff."""
        return self.at_target * 100 / self.counted if self.counted else None


class BehindList:
    """Active staff below the target, lowest JP first, then by name and NIP; each employee
    carries ``jp_total``. A sequence for ``Paginator``: its length comes from the
    compliance counts, and a slice runs only the queries it needs.

    Those without any JP this year come first (by name): they are read by walking the
    name index and skipping whoever has an entry that year, which stops after a page. Only
    a page past them sums the year's entries of the agencies' staff."""

    def __init__(self, *, year: int, target: int, agency_ids: list[int] | None, total: int):
        self.year, self.target, self.agency_ids, self.total = year, target, agency_ids, total
        self._without_jp: int | None = None
        self._below: list[tuple[int, Decimal]] | None = None

    def __len__(self) -> int:
        return self.total

    def _staff(self) -> QuerySet[Employee]:
        staff = Employee.objects.filter(status=EmployeeStatus.ACTIVE)
        if self.agency_ids is not None:
            staff = staff.filter(agency_id__in=self.agency_ids)
        return staff.select_related("agency", "position")

    def without_jp_staff(self) -> QuerySet[Employee]:
        entries = JpLedgerEntry.objects.filter(year=self.year, employee=OuterRef("pk"))
        return (
            self._staff()
            .filter(~Exists(entries))
            .annotate(jp_total=Value(ZERO, output_field=JP_FIELD))
            .order_by("full_name", "nip")
        )

    def without_jp_count(self) -> int:
        if self._without_jp is None:
            self._without_jp = self.without_jp_staff().count()
        return self._without_jp

    def _below_totals(self) -> list[tuple[int, Decimal]]:
        """(employee id, total) of those with some JP but fewer than the target, lowest
        total first (ties in any order). One grouped read of the year's entries, in the
        order of the ``(year, employee)`` index; kept for the other pages."""
        if self._below is None:
            entries = JpLedgerEntry.objects.filter(year=self.year, employee__status=EmployeeStatus.ACTIVE)
            if self.agency_ids is not None:
                entries = entries.filter(employee__agency_id__in=self.agency_ids)
            rows = (
                entries.order_by()
                .values("employee_id")
                .annotate(total=Sum("jp"))
                .filter(total__lt=self.target)
                .values_list("employee_id", "total")
            )
            self._below = sorted(
                ((pk, Decimal(total).quantize(ZERO)) for pk, total in rows), key=itemgetter(1)
            )
        return self._below

    def _below_people(self, low: int, high: int) -> list[Employee]:
        """People ``low:high`` of those with some JP, in (total, name, NIP) order. Only the
        people whose totals the slice touches (ties included) are read, not everyone."""
        rows = self._below_totals()
        if low >= min(high, len(rows)):
            return []
        first, last = rows[low][1], rows[min(high, len(rows)) - 1][1]
        before = bisect_left(rows, first, key=itemgetter(1))
        candidates = dict(rows[before : bisect_right(rows, last, key=itemgetter(1))])
        ordered = sorted(self._names(candidates), key=lambda row: (candidates[row[0]], row[1], row[2]))
        return self._employees(
            (pk, candidates[pk]) for pk, _name, _nip in ordered[low - before : high - before]
        )

    def _names(self, ids: dict) -> list[tuple[int, str, str]]:
        """(id, name, NIP) of the employees ``ids`` names; many at once are read with the
        rest of the staff rather than through a long IN list."""
        if len(ids) <= NAMES_BY_ID:
            return list(Employee.objects.filter(pk__in=list(ids)).values_list("pk", "full_name", "nip"))
        staff = self._staff().select_related(None).values_list("pk", "full_name", "nip")
        return [row for row in staff.iterator(chunk_size=5000) if row[0] in ids]

    def _employees(self, rows) -> list[Employee]:
        rows = list(rows)
        if not rows:
            return []
        found = self._staff().in_bulk([pk for pk, _total in rows])
        people = []
        for pk, total in rows:
            employee = found[pk]
            employee.jp_total = total
            people.append(employee)
        return people

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("BehindList supports plain slices only.")
        start, stop, _step = index.indices(self.total)
        if stop <= start:
            return []
        if self._without_jp is not None and start >= self._without_jp:
            people = []
        else:
            people = list(self.without_jp_staff()[start:stop])
            if len(people) == stop - start:
                return people
            if people or start == 0:
                # The page ran past the last of them: now their number is known.
                self._without_jp = start + len(people)
        without_jp = self.without_jp_count()
        low, high = max(start - without_jp, 0), stop - without_jp
        return people + self._below_people(low, high)

    def __iter__(self):
        """Everyone behind, in order (for an export): those without JP, then the others
        sorted once, the people fetched in batches."""
        yield from self.without_jp_staff().iterator(chunk_size=2000)
        totals = dict(self._below_totals())
        ordered = sorted(self._names(totals), key=lambda row: (totals[row[0]], row[1], row[2]))
        for offset in range(0, len(ordered), 2000):
            yield from self._employees(
                (pk, totals[pk]) for pk, _name, _nip in ordered[offset : offset + 2000]
            )


@dataclass(frozen=True)
class JpCompliance:
    year: int
    target: int
    agencies: list[AgencyCompliance]
    # Active staff below the target, lowest JP first (then by name), each with ``jp_total``:
    # slice or paginate it (``behind_paginator``); its length is ``behind_count``.
    behind: BehindList

    @property
    def counted(self) -> int:
        return sum(row.counted for row in self.agencies)

    @property
    def at_target(self) -> int:
        return sum(row.at_target for row in self.agencies)

    @property
    def behind_count(self) -> int:
        return self.counted - self.at_target

    @property
    def share(self) -> float | None:
        return self.at_target * 100 / self.counted if self.counted else None

    def behind_paginator(self, per_page: int) -> Paginator:
        return Paginator(self.behind, per_page)


def _reached(*, year: int, target: int, agency_ids: list[int] | None) -> QuerySet:
    """Ids of the employees (of ``agency_ids``) with at least ``target`` JP in ``year``:
    the year's entries grouped by employee, read in employee order from the
    ``(year, employee) INCLUDE (jp)`` index."""
    entries = JpLedgerEntry.objects.filter(year=year)
    if agency_ids is not None:
        entries = entries.filter(employee__agency_id__in=agency_ids)
    return (
        entries.order_by()
        .values("employee_id")
        .annotate(total=Sum("jp"))
        .filter(total__gte=target)
        .values("employee_id")
    )


def jp_compliance(*, year: int, agency_ids: Iterable[int] | None = None) -> JpCompliance:
    """Per agency (every agency, or those of ``agency_ids``): active staff counted, how many
    reached the target, the share; and those behind, lowest first. One query; a page of
    those behind is one more (three or four for a page past those without any JP)."""
    target = jp_target()
    if agency_ids is not None:
        agency_ids = list(agency_ids)
    active = Q(employees__status=EmployeeStatus.ACTIVE)
    reached = _reached(year=year, target=target, agency_ids=agency_ids)
    agencies = Agency.objects.all() if agency_ids is None else Agency.objects.filter(pk__in=agency_ids)
    rows = [
        AgencyCompliance(agency=row, counted=row.counted, at_target=row.reached)
        for row in agencies.annotate(
            counted=Count("employees", filter=active),
            reached=Count("employees", filter=active & Q(employees__in=reached)),
        ).order_by("code")
    ]
    counted = sum(row.counted for row in rows)
    at_target = sum(row.at_target for row in rows)
    behind = BehindList(year=year, target=target, agency_ids=agency_ids, total=counted - at_target)
    return JpCompliance(year=year, target=target, agencies=rows, behind=behind)


# --- external training ---------------------------------------------------------------------


def external_trainings_of(*, employee: Employee, year: int) -> QuerySet[ExternalTraining]:
    """An employee's claims whose training ended in ``year``, newest first."""
    return ExternalTraining.objects.filter(employee=employee, end_date__year=year).order_by(
        "-end_date", "-id"
    )


def external_trainings_awaiting(*, user) -> QuerySet[ExternalTraining]:
    """Claims awaiting verification that ``user`` may decide on: their agency's (and its
    sub-agencies') staff for an agency administrator, every agency for a training manager.
    Oldest first."""
    scope = scope_of(user)
    if not scope.sees_agencies:
        return ExternalTraining.objects.none()
    claims = ExternalTraining.objects.filter(status=ExternalTrainingStatus.SUBMITTED)
    claims = filter_by_scope(claims, user=user, agency_field="employee__agency")
    if user.employee_id:
        # Nobody verifies their own claim.
        claims = claims.exclude(employee_id=user.employee_id)
    return claims.select_related("employee", "employee__agency", "submitted_by").order_by("created_at", "id")
