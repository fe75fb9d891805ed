"""Reads of the JP ledger: totals and the compliance report, exact values and query counts."""

from datetime import date
from decimal import Decimal

import pytest

from penata.organization.tests.factories import AgencyFactory
from penata.training import selectors_ledger
from penata.training.selectors_ledger import (
    jp_compliance,
    jp_entries,
    jp_total,
    jp_totals,
    jp_years,
    progress_percent,
)
from penata.workforce.models import Employee
from penata.workforce.tests.factories import EmployeeFactory

from .factories import ExternalTrainingFactory, JpLedgerEntryFactory

pytestmark = pytest.mark.django_db


def credit(employee, *jps, year=2026, source="session"):
    """Ledger entries for ``employee``: from sessions, or from verified external training."""
    for index, jp in enumerate(jps):
        completed_on = date(year, 1 + index % 12, 10)
        if source == "session":
            JpLedgerEntryFactory(
                employee=employee,
                jp=Decimal(jp),
                completed_on=completed_on,
                enrolment__session__organizer=employee.agency,
            )
        else:
            claim = ExternalTrainingFactory(
                employee=employee, status="verified", start_date=completed_on, end_date=completed_on
            )
            JpLedgerEntryFactory(
                employee=employee,
                enrolment=None,
                external_training=claim,
                source="external",
                jp=Decimal(jp),
                completed_on=completed_on,
            )


@pytest.fixture
def province():
    """Agency A: five active staff (20, 19.5, 0, 35 and 20 JP in 2026), one on leave with
    30 JP and one retired. Agency B: two active (8, 0). Agency C: no staff. Entries of 2025
    never count for 2026."""
    a = AgencyFactory(code="DINA", name="Dinas A")
    b = AgencyFactory(code="DINB", name="Dinas B")
    c = AgencyFactory(code="DINC", name="Dinas C")
    people = {
        "ani": EmployeeFactory(agency=a, full_name="Ani"),
        "budi": EmployeeFactory(agency=a, full_name="Budi"),
        "citra": EmployeeFactory(agency=a, full_name="Citra"),
        "dedi": EmployeeFactory(agency=a, full_name="Dedi"),
        "eka": EmployeeFactory(agency=a, full_name="Eka"),
        "fajar": EmployeeFactory(agency=a, full_name="Fajar", status="on_leave"),
        "gita": EmployeeFactory(agency=a, full_name="Gita", status="retired"),
        "hana": EmployeeFactory(agency=b, full_name="Hana"),
        "irfan": EmployeeFactory(agency=b, full_name="Irfan"),
    }
    credit(people["ani"], "12", "8")  # exactly 20: at target
    credit(people["budi"], "12", year=2026)
    credit(people["budi"], "7.5", source="external")  # 19.5: behind
    credit(people["citra"], "30", year=2025)  # last year's JP do not count: 0
    credit(people["dedi"], "35")
    credit(people["eka"], "20", source="external")
    credit(people["fajar"], "30")
    credit(people["hana"], "8")
    return {"agencies": {"a": a, "b": b, "c": c}, **people}


def test_jp_total_and_entries(province, django_assert_num_queries):
    budi = province["budi"]
    with django_assert_num_queries(1):
        assert jp_total(employee=budi, year=2026) == Decimal("19.5")
    assert jp_total(employee=budi, year=2024) == Decimal("0.0")
    # Newest first; on the same day, the later entry first.
    entries = list(jp_entries(employee=budi, year=2026))
    assert [(e.completed_on, e.jp, e.source) for e in entries] == [
        (date(2026, 1, 10), Decimal("7.5"), "external"),
        (date(2026, 1, 10), Decimal("12.0"), "session"),
    ]
    assert jp_years(employee=province["citra"]) == [2025]


def test_jp_totals_in_one_query(province, django_assert_num_queries):
    ids = [province[name].pk for name in ("ani", "budi", "citra", "hana", "irfan")]
    with django_assert_num_queries(1):
        totals = jp_totals(employee_ids=ids, year=2026)
    assert totals == {
        province["ani"].pk: Decimal("20.0"),
        province["budi"].pk: Decimal("19.5"),
        province["citra"].pk: Decimal("0.0"),
        province["hana"].pk: Decimal("8.0"),
        province["irfan"].pk: Decimal("0.0"),
    }
    # A queryset works too; employees without entries read 0.
    totals = jp_totals(employee_ids=Employee.objects.filter(agency=province["agencies"]["b"]), year=2026)
    assert totals[province["hana"].pk] == Decimal("8.0")
    assert totals[province["irfan"].pk] == Decimal("0.0")


def rows(report):
    return [(r.agency.code, r.counted, r.at_target, r.behind, r.share) for r in report.agencies]


def test_compliance_per_agency_in_one_query(province, settings, django_assert_num_queries):
    settings.PENATA_JP_TARGET = 20
    with django_assert_num_queries(1):
        report = jp_compliance(year=2026)
        assert rows(report) == [
            ("DINA", 5, 3, 2, 60.0),
            ("DINB", 2, 0, 2, 0.0),
            ("DINC", 0, 0, 0, None),
        ]
    assert (report.year, report.target, report.counted, report.at_target, report.behind_count) == (
        2026,
        20,
        7,
        3,
        4,
    )
    assert report.share == pytest.approx(300 / 7)


def test_those_behind_lowest_first(province, django_assert_num_queries):
    report = jp_compliance(year=2026)
    # A page of people without any JP: one query, no sum over the year's entries.
    with django_assert_num_queries(1):
        page = report.behind_paginator(2).get_page(1)
        assert [(e.full_name, e.jp_total) for e in page.object_list] == [
            ("Citra", Decimal("0.0")),
            ("Irfan", Decimal("0.0")),
        ]
    # Past them: the year's totals below the target, the names of those on the page (and
    # of any with the same total), then the page's people.
    with django_assert_num_queries(4):
        page = report.behind_paginator(3).get_page(1)
        behind = [(e.full_name, e.jp_total, e.agency.code) for e in page.object_list]
    # Ties (0 JP) in name order; on leave and retired staff never appear.
    assert behind == [
        ("Citra", Decimal("0.0"), "DINA"),
        ("Irfan", Decimal("0.0"), "DINB"),
        ("Hana", Decimal("8.0"), "DINB"),
    ]
    assert (page.paginator.count, page.paginator.num_pages) == (4, 2)
    # The totals are kept: a further page reads only its names and people.
    with django_assert_num_queries(2):
        assert [(e.full_name, e.jp_total) for e in report.behind_paginator(3).get_page(2)] == [
            ("Budi", Decimal("19.5"))
        ]
    # A later page asked first: how many have no JP is counted once.
    fresh = jp_compliance(year=2026)
    with django_assert_num_queries(5):
        assert [e.full_name for e in fresh.behind_paginator(1).get_page(4)] == ["Budi"]
    with django_assert_num_queries(2):
        assert [e.full_name for e in fresh.behind_paginator(1).get_page(3)] == ["Hana"]
    # Everyone, in order (the export).
    assert [(e.full_name, e.jp_total) for e in jp_compliance(year=2026).behind] == [
        ("Citra", Decimal("0.0")),
        ("Irfan", Decimal("0.0")),
        ("Hana", Decimal("8.0")),
        ("Budi", Decimal("19.5")),
    ]


def test_ties_on_a_total_are_in_name_order_across_pages(monkeypatch):
    agency = AgencyFactory(code="DINT")
    names = ["Yusuf", "Wati", "Umar", "Sari", "Rudi", "Putri"]
    for name in names:
        credit(EmployeeFactory(agency=agency, full_name=name), "4")
    credit(EmployeeFactory(agency=agency, full_name="Zaki"), "2")
    report = jp_compliance(year=2026, agency_ids=[agency.pk])
    pages = [[e.full_name for e in report.behind_paginator(3).get_page(n)] for n in (1, 2, 3)]
    assert pages == [["Zaki", "Putri", "Rudi"], ["Sari", "Umar", "Wati"], ["Yusuf"]]
    # Many people on one total: their names are read with the whole staff.
    monkeypatch.setattr(selectors_ledger, "NAMES_BY_ID", 2)
    again = jp_compliance(year=2026, agency_ids=[agency.pk])
    assert [e.full_name for e in again.behind_paginator(3).get_page(2)] == ["Sari", "Umar", "Wati"]
    assert [e.full_name for e in again.behind] == ["Zaki", *sorted(names)]


def test_compliance_for_some_agencies(province, django_assert_num_queries):
    agencies = province["agencies"]
    report = jp_compliance(year=2026, agency_ids=[agencies["b"].pk])
    assert rows(report) == [("DINB", 2, 0, 2, 0.0)]
    assert [e.full_name for e in report.behind] == ["Irfan", "Hana"]
    report = jp_compliance(year=2025, agency_ids=[agencies["a"].pk, agencies["c"].pk])
    assert rows(report) == [("DINA", 5, 1, 4, 20.0), ("DINC", 0, 0, 0, None)]
    assert [(e.full_name, e.jp_total) for e in report.behind] == [
        ("Ani", Decimal("0.0")),
        ("Budi", Decimal("0.0")),
        ("Dedi", Decimal("0.0")),
        ("Eka", Decimal("0.0")),
    ]


def test_the_target_is_a_setting(province, settings):
    settings.PENATA_JP_TARGET = 10
    report = jp_compliance(year=2026, agency_ids=[province["agencies"]["a"].pk])
    assert rows(report) == [("DINA", 5, 4, 1, 80.0)]
    assert [(e.full_name, e.jp_total) for e in report.behind] == [("Citra", Decimal("0.0"))]


@pytest.mark.parametrize(
    ("total", "target", "percent"),
    [("0", 20, 0), ("10", 20, 50), ("19.9", 20, 99), ("20", 20, 100), ("45", 20, 100), ("3", 0, 100)],
)
def test_progress_percent(total, target, percent):
    assert progress_percent(Decimal(total), target) == percent
