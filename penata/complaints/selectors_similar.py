"""Similar open reports, shown on the report form so a citizen can follow one instead of
filing a duplicate.

Only what the public may see anyway (``complaint_list_published``: verified, never
confidential) and never any identity: the query loads no reporter field at all.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from .models import CLOSED_STATUSES, Complaint, ComplaintCategory
from .selectors import complaint_list_published

SIMILAR_RADIUS_KM = 3.0
SIMILAR_MAX_AGE_DAYS = 90
SIMILAR_MAX_LIMIT = 20
# The newest candidates of the category and area read before sorting by distance: a
# bound on the rows one keystroke on the form can load, far above what one area files
# in 90 days in one category.
CANDIDATE_CAP = 200
KM_PER_DEGREE_LATITUDE = 111.32
EARTH_RADIUS_KM = 6371.0

PUBLIC_FIELDS = (
    "id",
    "tracking_code",
    "kind",
    "category__name",
    "category__code",
    "description",
    "status",
    "privacy",
    "kecamatan",
    "kelurahan",
    "latitude",
    "longitude",
    "submitted_at",
)


@dataclass(frozen=True)
class SimilarReport:
    complaint: Complaint
    distance_km: float | None  # None: matched by kecamatan, without a pin on one side


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _box(latitude: float, longitude: float, radius_km: float) -> Q:
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    dlon = radius_km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    # Decimal bounds: the columns are decimals, and SQLite compares a float parameter
    # with a decimal column imprecisely at the edges.
    return Q(
        latitude__gte=Decimal(str(round(latitude - dlat, 6))),
        latitude__lte=Decimal(str(round(latitude + dlat, 6))),
        longitude__gte=Decimal(str(round(longitude - dlon, 6))),
        longitude__lte=Decimal(str(round(longitude + dlon, 6))),
    )


def similar_open_reports(
    *,
    category: ComplaintCategory | int | None,
    latitude: float | Decimal | None = None,
    longitude: float | Decimal | None = None,
    kecamatan: str = "",
    limit: int = 5,
    now: datetime | None = None,
) -> list[SimilarReport]:
    """Published, not closed reports of ``category`` filed in the last 90 days in the same
    kecamatan (case-insensitive) or within ~3 km of the pin; nearest first, then newest.

    Without a category, or without a pin and a kecamatan, there is nothing to compare."""
    if category is None or limit <= 0:
        return []
    limit = min(limit, SIMILAR_MAX_LIMIT)
    has_pin = latitude is not None and longitude is not None
    kecamatan = (kecamatan or "").strip()
    if not has_pin and not kecamatan:
        return []
    now = now or timezone.now()
    area = Q()
    if has_pin:
        latitude, longitude = float(latitude), float(longitude)
        area |= _box(latitude, longitude, SIMILAR_RADIUS_KM)
    if kecamatan:
        area |= Q(kecamatan__iexact=kecamatan)
    candidates = (
        complaint_list_published()
        .select_related(None)
        .select_related("category")
        .only(*PUBLIC_FIELDS)
        .exclude(status__in=CLOSED_STATUSES)
        .filter(area, category=category, submitted_at__gte=now - timedelta(days=SIMILAR_MAX_AGE_DAYS))
        .order_by("-submitted_at", "-id")[:CANDIDATE_CAP]
    )
    found: list[SimilarReport] = []
    for complaint in candidates:
        distance = None
        if has_pin and complaint.latitude is not None:
            distance = distance_km(latitude, longitude, float(complaint.latitude), float(complaint.longitude))
        same_kecamatan = bool(kecamatan) and complaint.kecamatan.strip().casefold() == kecamatan.casefold()
        if (distance is not None and distance <= SIMILAR_RADIUS_KM) or same_kecamatan:
            found.append(SimilarReport(complaint=complaint, distance_km=distance))
    # Candidates come newest first and the sort is stable: equal distances (and every
    # report without one, last) stay newest first.
    found.sort(key=lambda item: (item.distance_km is None, item.distance_km or 0.0))
    return found[:limit]
