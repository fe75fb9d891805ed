from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from penata.complaints.models import ComplaintStatus, Privacy
from penata.complaints.selectors_similar import distance_km, similar_open_reports
from penata.core.workdays import WIT

from .factories import ComplaintCategoryFactory, ComplaintFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 6, 10, 0, tzinfo=WIT)
# Sofifi's office district and a point about 1.1 km north-east of it.
SOFIFI = (Decimal("0.740000"), Decimal("127.570000"))


def report(
    category, *, code, agency, status=ComplaintStatus.DISPATCHED, days_ago=5, lat=None, lon=None, **extra
):
    values = {
        "tracking_code": code,
        "category": category,
        "status": status,
        "agency": agency,
        "submitted_at": NOW - timedelta(days=days_ago),
        "latitude": lat,
        "longitude": lon,
        "reporter_name": "Pelapor Rahasia",
        "reporter_email": "pelapor@example.test",
    }
    if status == ComplaintStatus.ANSWERED:
        values.update(answer="Sudah ditangani.", answered_at=NOW)
    values.update(extra)
    return ComplaintFactory(**values)


def codes(found):
    return [item.complaint.tracking_code for item in found]


def test_distance_km_is_the_great_circle_distance():
    assert distance_km(0.74, 127.57, 0.74, 127.57) == 0
    # One degree of latitude is about 111.2 km.
    assert round(distance_km(0.0, 127.0, 1.0, 127.0), 1) == 111.2
    assert round(distance_km(0.74, 127.57, 0.79, 127.38), 1) == 21.8  # Sofifi → Ternate


def test_near_same_category_open_reports_nearest_first_then_newest(
    category, agency_a, django_assert_num_queries
):
    other_category = ComplaintCategoryFactory(code="AIR", name="Air bersih")
    lat, lon = SOFIFI
    near_new = report(category, code="NEAR-NEW", agency=agency_a, lat=lat, lon=lon, days_ago=2)
    near_old = report(category, code="NEAR-OLD", agency=agency_a, lat=lat, lon=lon, days_ago=40)
    answered = report(
        category,
        code="ANSWERED",
        agency=agency_a,
        status=ComplaintStatus.ANSWERED,
        lat=lat + Decimal("0.010"),
        lon=lon,
        days_ago=1,
    )
    anonymous = report(
        category,
        code="ANON",
        agency=agency_a,
        privacy=Privacy.ANONYMOUS,
        lat=lat + Decimal("0.020"),
        lon=lon,
        reporter_name="",
        reporter_email="",
    )
    # Left out: every one of them fails exactly one rule.
    report(category, code="FAR", agency=agency_a, lat=lat + Decimal("0.030"), lon=lon)  # 3.3 km
    report(
        category, code="CORNER", agency=agency_a, lat=lat + Decimal("0.025"), lon=lon + Decimal("0.025")
    )  # in the box, 3.9 km
    report(category, code="FINISHED", agency=agency_a, status=ComplaintStatus.FINISHED, lat=lat, lon=lon)
    report(category, code="SUBMITTED", agency=None, status=ComplaintStatus.SUBMITTED, lat=lat, lon=lon)
    report(category, code="NEEDSINFO", agency=None, status=ComplaintStatus.NEEDS_INFO, lat=lat, lon=lon)
    report(category, code="SECRET", agency=agency_a, privacy=Privacy.CONFIDENTIAL, lat=lat, lon=lon)
    report(other_category, code="OTHERCAT", agency=agency_a, lat=lat, lon=lon)
    report(category, code="TOO-OLD", agency=agency_a, lat=lat, lon=lon, days_ago=91)
    report(category, code="NOPIN", agency=agency_a)

    with django_assert_num_queries(1):
        found = similar_open_reports(category=category, latitude=lat, longitude=lon, now=NOW)

    assert codes(found) == ["NEAR-NEW", "NEAR-OLD", "ANSWERED", "ANON"]
    assert [round(item.distance_km, 2) for item in found] == [0.0, 0.0, 1.11, 2.22]
    assert [item.complaint for item in found] == [near_new, near_old, answered, anonymous]


def test_same_kecamatan_matches_without_a_pin_case_insensitively(category, agency_a):
    report(
        category,
        code="KEC-PIN",
        agency=agency_a,
        kecamatan="Oba Utara",
        lat=SOFIFI[0],
        lon=SOFIFI[1],
        days_ago=9,
    )
    report(category, code="KEC-NOPIN", agency=agency_a, kecamatan="oba utara", days_ago=3)
    report(category, code="KEC-OTHER", agency=agency_a, kecamatan="Oba Selatan", days_ago=1)

    found = similar_open_reports(category=category, kecamatan="OBA UTARA", now=NOW)

    # Without a pin on the form there is no distance: newest first.
    assert codes(found) == ["KEC-NOPIN", "KEC-PIN"]
    assert [item.distance_km for item in found] == [None, None]


def test_pin_and_kecamatan_together_nearby_first_then_the_rest_of_the_kecamatan(category, agency_a):
    lat, lon = SOFIFI
    report(category, code="KEC-ONLY", agency=agency_a, kecamatan="Oba Utara", days_ago=1)
    report(
        category, code="KEC-FAR", agency=agency_a, kecamatan="Oba Utara", lat=lat + Decimal("0.1"), lon=lon
    )
    report(category, code="PIN-NEAR", agency=agency_a, kecamatan="", lat=lat, lon=lon + Decimal("0.01"))

    found = similar_open_reports(
        category=category, latitude=lat, longitude=lon, kecamatan="Oba Utara", now=NOW
    )

    assert codes(found) == ["PIN-NEAR", "KEC-FAR", "KEC-ONLY"]
    assert [None if item.distance_km is None else round(item.distance_km, 1) for item in found] == [
        1.1,
        11.1,
        None,
    ]


def test_limit_keeps_the_nearest(category, agency_a):
    lat, lon = SOFIFI
    for step in range(7):
        report(category, code=f"R{step}", agency=agency_a, lat=lat + Decimal(step) / 1000, lon=lon)

    assert codes(similar_open_reports(category=category, latitude=lat, longitude=lon, now=NOW)) == [
        "R0",
        "R1",
        "R2",
        "R3",
        "R4",
    ]
    assert codes(similar_open_reports(category=category, latitude=lat, longitude=lon, limit=2, now=NOW)) == [
        "R0",
        "R1",
    ]


@pytest.mark.parametrize(
    "arguments",
    [
        {"category": None, "kecamatan": "Oba Utara"},
        {"kecamatan": ""},
        {"kecamatan": "   "},
        {"latitude": SOFIFI[0]},  # half a pin is no pin
        {"kecamatan": "Oba Utara", "limit": 0},
    ],
)
def test_nothing_to_compare_returns_nothing_without_a_query(
    arguments, category, agency_a, django_assert_num_queries
):
    report(category, code="KEC", agency=agency_a, kecamatan="Oba Utara", lat=SOFIFI[0], lon=SOFIFI[1])
    arguments = {"category": category, **arguments}
    with django_assert_num_queries(0):
        assert similar_open_reports(now=NOW, **arguments) == []


def test_no_identity_is_loaded(category, agency_a):
    report(category, code="WHO", agency=agency_a, kecamatan="Oba Utara")
    (item,) = similar_open_reports(category=category, kecamatan="Oba Utara", now=NOW)
    deferred = item.complaint.get_deferred_fields()
    assert {"reporter_name", "reporter_email", "reporter_phone", "reporter_id", "secret_hash"} <= deferred
