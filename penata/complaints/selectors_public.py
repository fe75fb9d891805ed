"""Reads for the citizen-facing pages: the public list and map, a report's status page and
timeline, and the agencies' figures.

Nothing here loads a reporter's identity: list and map rows are restricted with ``only()``
and the timeline is built from a whitelist of event actions, reading statuses, times and
agency codes, never actors, notes or officers.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    Min,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from penata.core.events import events_for
from penata.organization.models import Agency

from .models import CLOSED_STATUSES, Complaint, ComplaintAttachment, ComplaintStatus, Step
from .selectors import complaint_list_published

PUBLIC_LIST_FIELDS = (
    "tracking_code",
    "kind",
    "status",
    "kecamatan",
    "kelurahan",
    "description",
    "submitted_at",
    "category__code",
    "category__name",
    "agency__code",
    "agency__name",
)
# The map shows at most this many points for one filter, the newest first.
MAP_POINTS_MAX = 2000
KECAMATAN_CACHE_SECONDS = 30 * 60
# The agencies' figures aggregate a whole year of reports: computed at most every 10 minutes.
FIGURES_CACHE_SECONDS = 10 * 60
KECAMATAN_MAX = 300


# --- list and map -------------------------------------------------------------------------


def complaint_public_filter(
    queryset: QuerySet[Complaint],
    *,
    category=None,
    agency=None,
    status: str = "",
    kind: str = "",
    kecamatan: str = "",
    search: str = "",
) -> QuerySet[Complaint]:
    if category is not None:
        queryset = queryset.filter(category=category)
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if kecamatan:
        queryset = queryset.filter(kecamatan=kecamatan)
    if search:
        queryset = queryset.filter(description__icontains=search)
    return queryset


def complaint_public_list(**filters) -> QuerySet[Complaint]:
    """Published reports for the public list, newest first, with only their public fields."""
    queryset = complaint_list_published().select_related(None).select_related("category", "agency")
    return (
        complaint_public_filter(queryset, **filters)
        .only(*PUBLIC_LIST_FIELDS)
        .order_by("-submitted_at", "-id")
    )


def complaint_map_points(**filters) -> tuple[list[dict], bool]:
    """The newest ``MAP_POINTS_MAX`` published reports with a pin: (points, capped?)."""
    rows = list(
        complaint_public_filter(complaint_list_published(), **filters)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("-submitted_at", "-id")
        .values_list("tracking_code", "category__name", "status", "latitude", "longitude")[
            : MAP_POINTS_MAX + 1
        ]
    )
    points = [
        {"code": code, "category": category, "status": status, "lat": float(lat), "lon": float(lon)}
        for code, category, status, lat, lon in rows[:MAP_POINTS_MAX]
    ]
    return points, len(rows) > MAP_POINTS_MAX


def kecamatan_choices() -> list[str]:
    """The districts named on published reports (cached: a scan of every report)."""
    key = "penata:complaints:public_kecamatan"
    names = cache.get(key)
    if names is None:
        names = list(
            complaint_list_published()
            .exclude(kecamatan="")
            .order_by("kecamatan")
            .values_list("kecamatan", flat=True)
            .distinct()[:KECAMATAN_MAX]
        )
        cache.set(key, names, KECAMATAN_CACHE_SECONDS)
    return names


# --- one report --------------------------------------------------------------------------


def complaint_by_code(*, code: str) -> Complaint | None:
    """Any report by its canonical code; the caller decides what the viewer may see."""
    return (
        Complaint.objects.select_related("category", "agency", "public_service")
        .filter(tracking_code=code)
        .first()
    )


def complaint_attachments(*, complaint: Complaint) -> list[ComplaintAttachment]:
    return list(
        complaint.attachments.only("id", "complaint_id", "kind", "original_name", "size", "content_type")
    )


@dataclass
class TimelineEntry:
    at: datetime
    action: str
    label: str
    status: str = ""
    agency: str = ""
    previous_agency: str = ""


# Events shown on the status page, and how: everything else (assignment to an officer,
# internal notes, identity views, privacy changes, followers) stays out.
_TIMELINE_LABELS = {
    "complaint.submitted": _("Report received"),
    "complaint.dispatch": _("Verified and sent to the responsible agency"),
    "complaint.request_info": _("The verifier asked the reporter for more information"),
    "complaint.supplement": _("The reporter added information"),
    "complaint.decline_not_authority": _("Not the government's authority"),
    "complaint.archive": _("Archived"),
    "complaint.refer": _("Referred to another agency"),
    "complaint.answer": _("Answered by the agency"),
    "complaint.accept": _("The reporter accepted the answer"),
    "complaint.reopen": _("Reopened by the reporter"),
    "complaint.close_response_window": _("Finished: no response within 10 working days"),
    "complaint.overdue": _("Deadline of the step passed"),
    "complaint.escalated": _("Escalated to the province"),
}


@dataclass
class StatusPageEvents:
    timeline: list[TimelineEntry] = field(default_factory=list)
    # The verifier's latest question while the report waits for the reporter (reporter only).
    question: str = ""


def complaint_status_events(*, complaint: Complaint) -> StatusPageEvents:
    """The public timeline (oldest first) and the pending question: two queries."""
    events = list(
        events_for(subject=complaint)
        .select_related(None)
        .filter(action__in=list(_TIMELINE_LABELS))
        .order_by("created_at", "id")
        .only("created_at", "action", "to_state", "from_state", "note")
    )
    codes = set()
    for event in events:
        state = event.to_state if isinstance(event.to_state, dict) else {}
        codes.update(code for code in (state.get("agency"), state.get("previous_agency")) if code)
    names = dict(Agency.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    result = StatusPageEvents()
    agency = ""
    for event in events:
        state = event.to_state if isinstance(event.to_state, dict) else {}
        entry = TimelineEntry(
            at=event.created_at, action=event.action, label=str(_TIMELINE_LABELS[event.action])
        )
        if state.get("status") in ComplaintStatus.values:
            entry.status = ComplaintStatus(state["status"]).label
        if state.get("agency"):
            agency = names.get(state["agency"], state["agency"])
        if event.action == "complaint.refer" and state.get("previous_agency"):
            entry.previous_agency = names.get(state["previous_agency"], state["previous_agency"])
        if event.action in ("complaint.dispatch", "complaint.refer", "complaint.answer"):
            entry.agency = agency
        result.timeline.append(entry)
        if event.action == "complaint.request_info":
            result.question = event.note
    if complaint.status != ComplaintStatus.NEEDS_INFO:
        result.question = ""
    return result


# --- agency figures -----------------------------------------------------------------------


class _MedianSeconds(Aggregate):
    """PostgreSQL's ordered-set median of a duration, in seconds."""

    function = "percentile_cont"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM %(expressions)s))"
    output_field = FloatField()


def _answer_duration():
    return ExpressionWrapper(F("first_answered_at") - F("submitted_at"), output_field=DurationField())


@dataclass
class AgencyFigures:
    code: str
    name: str
    received: int = 0
    answered: int = 0
    answered_in_time: int = 0
    # First answer still missing after the follow-up deadline: counted as late.
    late_unanswered: int = 0
    open: int = 0
    overdue: int = 0
    median_days: float | None = None

    @property
    def decided(self) -> int:
        return self.answered + self.late_unanswered

    @property
    def within_deadline_percent(self) -> float | None:
        if not self.decided:
            return None
        return 100 * self.answered_in_time / self.decided


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


def complaint_years() -> tuple[list[int], int]:
    """Years with reports, newest first (the current year always), and the year of the newest
    report (the agency figures open on it; the current year when there is none). One query."""
    current = timezone.localdate().year
    span = Complaint.objects.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    start = min(timezone.localtime(span["first"]).year, current) if span["first"] else current
    latest = timezone.localtime(span["last"]).year if span["last"] else current
    return list(range(current, start - 1, -1)), latest


def agency_figures(*, year: int, now: datetime | None = None) -> tuple[list[AgencyFigures], AgencyFigures]:
    """Per agency, reports received in ``year`` (every report counts, confidential ones too:
    these are counts, not content) and the current state of those reports; plus the total
    (which also counts reports not yet dispatched to an agency).

    The median time to the first answer runs from submission (what the citizen waits) to the
    agency's first answer, in days. PostgreSQL computes it with ``percentile_cont`` in the
    same grouped query; elsewhere one more query reads the durations.
    """
    now = now or timezone.now()
    start, end = _year_bounds(year)
    reports = Complaint.objects.filter(submitted_at__gte=start, submitted_at__lt=end).order_by()
    is_open = ~Q(status__in=CLOSED_STATUSES)
    answered = Q(first_answered_at__isnull=False)
    counts = {
        "received": Count("id"),
        "answered": Count("id", filter=answered),
        "answered_in_time": Count("id", filter=Q(answered_within_deadline=True)),
        "late_unanswered": Count(
            "id", filter=Q(first_answered_at__isnull=True, step=Step.FOLLOW_UP, step_due_at__lt=now)
        ),
        "open": Count("id", filter=is_open),
        # The reporter's own response window is not the agency's delay.
        "overdue": Count(
            "id", filter=is_open & Q(step__in=[Step.VERIFICATION, Step.FOLLOW_UP], step_due_at__lt=now)
        ),
    }
    postgres = connection.vendor == "postgresql"
    if postgres:
        counts["median_seconds"] = _MedianSeconds(_answer_duration(), filter=answered)
    rows = list(reports.values("agency_id").annotate(**counts))

    by_agency: dict[int | None, dict] = {row["agency_id"]: row for row in rows}
    medians: dict[int | None, float | None] = {}
    total_median: float | None = None
    if postgres:
        medians = {key: row["median_seconds"] for key, row in by_agency.items()}
        if any(row["answered"] for row in rows):
            total_median = reports.filter(answered).aggregate(m=_MedianSeconds(_answer_duration()))["m"]
    else:
        durations: dict[int | None, list[float]] = defaultdict(list)
        for agency_id, duration in reports.filter(answered).values_list("agency_id", _answer_duration()):
            durations[agency_id].append(duration.total_seconds())
        medians = {key: statistics.median(values) for key, values in durations.items()}
        every = [value for values in durations.values() for value in values]
        total_median = statistics.median(every) if every else None

    agencies = Agency.objects.filter(Q(pk__in=[key for key in by_agency if key]) | Q(serves_public=True))
    figures = []
    for agency_id, code, name in agencies.values_list("id", "code", "name"):
        row = by_agency.get(agency_id, {})
        figures.append(_figures(code, name, row, medians.get(agency_id)))
    total = _figures("", str(_("All agencies")), {}, total_median)
    for row in rows:
        for key in ("received", "answered", "answered_in_time", "late_unanswered", "open", "overdue"):
            setattr(total, key, getattr(total, key) + row[key])
    return figures, total


def agency_figures_cached(*, year: int) -> tuple[list[AgencyFigures], AgencyFigures]:
    """``agency_figures`` for the public page, from the cache when computed in the last 10 minutes."""
    return cache.get_or_set(
        f"penata:complaints:agency_figures:{year}", lambda: agency_figures(year=year), FIGURES_CACHE_SECONDS
    )


def _figures(code: str, name: str, row: dict, median_seconds: float | None) -> AgencyFigures:
    return AgencyFigures(
        code=code,
        name=name,
        received=row.get("received", 0),
        answered=row.get("answered", 0),
        answered_in_time=row.get("answered_in_time", 0),
        late_unanswered=row.get("late_unanswered", 0),
        open=row.get("open", 0),
        overdue=row.get("overdue", 0),
        median_days=None if median_seconds is None else median_seconds / 86400,
    )


AGENCY_SORT_KEYS = {
    "name": lambda figures: figures.name.lower(),
    "received": lambda figures: figures.received,
    "within": lambda figures: figures.within_deadline_percent,
    "median": lambda figures: figures.median_days,
    "open": lambda figures: figures.open,
    "overdue": lambda figures: figures.overdue,
}


def agency_figures_sorted(figures: list[AgencyFigures], sort: str) -> list[AgencyFigures]:
    """Sort by one column (``-`` first for descending); agencies without a value go last."""
    descending = sort.startswith("-")
    key = AGENCY_SORT_KEYS[sort.lstrip("-")]
    present = [item for item in figures if key(item) is not None]
    missing = [item for item in figures if key(item) is None]
    present.sort(key=lambda item: item.name.lower())
    # Stable: ties stay in name order, also when the column runs high to low.
    present.sort(key=key, reverse=descending)
    return present + sorted(missing, key=lambda item: item.name.lower())
