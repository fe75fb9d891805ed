"""Reads for the officers' and verifiers' inbox: who has one, the filtered list sorted by
the current step's deadline, the time-left badges, a report's history, notes and
attachments, and the response templates a user works with."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from penata.accounts.models import Role, User
from penata.accounts.scoping import scope_of
from penata.core.calendar import work_calendar
from penata.core.events import events_for
from penata.core.models import AuditEvent
from penata.organization.models import Agency

from .models import (
    CLOSED_STATUSES,
    Complaint,
    ComplaintAttachment,
    ComplaintNote,
    ComplaintStatus,
    ResponseTemplate,
)
from .selectors import complaint_list_visible_to
from .tracking import tracking_code_normalize

# Agency staff see their agency's reports (and its sub-agencies'); the verifier and the
# province administrator see every report. Citizens, employees, leaders and training
# managers have no inbox (a citizen follows their own reports on the status page).
AGENCY_INBOX_ROLES = frozenset({Role.COMPLAINT_OFFICER, Role.AGENCY_ADMIN})
PROVINCE_INBOX_ROLES = frozenset({Role.COMPLAINT_VERIFIER, Role.PROVINCE_ADMIN})
OPEN = "open"
OPEN_STATUSES = tuple(value for value in ComplaintStatus.values if value not in CLOSED_STATUSES)
ASSIGNED_TO_ME = "me"
UNASSIGNED = "none"
# The columns the inbox table shows (see ``complaint_inbox_list``).
INBOX_LIST_FIELDS = (
    "tracking_code",
    "kind",
    "description",
    "status",
    "step_due_at",
    "category__name",
    "agency__code",
    "agency__name",
    "assigned_to__full_name",
    "assigned_to__username",
)
SORT_MATCHES_BELOW = 1000  # see ``inbox_order``


def inbox_allowed(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.role in PROVINCE_INBOX_ROLES:
        return True
    return user.role in AGENCY_INBOX_ROLES and user.agency_id is not None


def inbox_is_province_wide(user) -> bool:
    return inbox_allowed(user) and (user.is_superuser or user.role in PROVINCE_INBOX_ROLES)


def complaint_inbox_visible_to(*, user) -> QuerySet[Complaint]:
    """The reports a user's inbox may show (and whose pages they may open)."""
    if not inbox_allowed(user):
        return Complaint.objects.none()
    return complaint_list_visible_to(user=user)


def _code_filter(text: str) -> Q | None:
    text = (text or "").strip()
    if not text:
        return None
    code = tracking_code_normalize(text)
    if code is not None:
        return Q(tracking_code=code)
    # A part of a code as typed on the phone ("7k3m"): dashes and spaces do not matter
    # inside a group, so match the typed characters as one piece.
    cleaned = "".join(char for char in text.upper() if char not in " \t")
    return Q(tracking_code__contains=cleaned)


def complaint_inbox_list(
    *,
    user,
    status: str = "",
    category=None,
    agency=None,
    overdue: bool = False,
    assigned: str = "",
    code: str = "",
    now: datetime | None = None,
) -> QuerySet[Complaint]:
    """The inbox, soonest deadline of the current step first, reports without a running
    clock (closed, or waiting for the reporter's information) last.

    ``status`` is a status value, ``"open"`` (every status but the closed ones) or empty
    (all); ``assigned`` is ``"me"``, ``"none"`` (nobody yet) or empty. The reports carry
    only the table's columns (``INBOX_LIST_FIELDS``); the page orders them again once it
    knows how many match (``inbox_order``)."""
    # Only what the table shows (not the public service, not the reporter's details).
    queryset = (
        complaint_inbox_visible_to(user=user)
        .select_related(None)
        .select_related("category", "agency", "assigned_to")
        .only(*INBOX_LIST_FIELDS)
    )
    if status == OPEN:
        # "status IN (the open ones)" reads the status index; "NOT IN (closed)" cannot.
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if category is not None:
        queryset = queryset.filter(category=category)
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    if overdue:
        queryset = queryset.filter(step_due_at__lt=now or timezone.now())
    if assigned == ASSIGNED_TO_ME:
        queryset = queryset.filter(assigned_to=user)
    elif assigned == UNASSIGNED:
        queryset = queryset.filter(assigned_to__isnull=True)
    condition = _code_filter(code)
    if condition is not None:
        queryset = queryset.filter(condition)
    return queryset.order_by(*inbox_order(matching=None))


def inbox_order(*, matching: int | None) -> tuple:
    """Soonest deadline first, reports without one last, then oldest first.

    PostgreSQL reads that order from the deadline index, skipping the reports the filters
    leave out. When only a few reports match (a category that is rare in one agency, say),
    it cannot know that and may walk the whole index for them: hundreds of milliseconds
    at 200,000 reports. Below ``SORT_MATCHES_BELOW`` matches (``matching``, counted for
    the pages anyway) the order is given as an expression that no index provides, so the
    database finds the matches through the filters' indexes and sorts them: a few ms."""
    deadline = F("step_due_at")
    if matching is not None and matching < SORT_MATCHES_BELOW:
        deadline = Coalesce("step_due_at", "step_due_at")
    return (deadline.asc(nulls_last=True), "id")


# --- time left ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineBadge:
    """Time left on the current step, in working days: ``level`` is ``overdue`` (red),
    ``soon`` (amber: due today or on the next working day) or ``ok`` (green)."""

    level: str
    days: int
    label: str

    @property
    def css(self) -> str:
        return {"overdue": "text-bg-danger", "soon": "text-bg-warning", "ok": "text-bg-success"}[self.level]


def deadline_badges(
    complaints: Iterable[Complaint], *, now: datetime | None = None
) -> dict[int, DeadlineBadge]:
    """A badge per report with a running clock (closed reports and reports waiting for the
    reporter's information get none), counted on one calendar: one query for any page."""
    now = now or timezone.now()
    running = [c for c in complaints if c.step_due_at is not None and c.status not in CLOSED_STATUSES]
    if not running:
        return {}
    today = timezone.localdate(now)
    due_days = {c.pk: timezone.localdate(c.step_due_at) for c in running}
    years = [today.year, *(day.year for day in due_days.values())]
    calendar = work_calendar(range(min(years), max(years) + 1))
    badges: dict[int, DeadlineBadge] = {}
    for complaint in running:
        due_day = due_days[complaint.pk]
        if now > complaint.step_due_at:
            late = max(calendar.working_days_between(due_day, today), 0)
            if late:
                label = ngettext("%(days)s working day overdue", "%(days)s working days overdue", late) % {
                    "days": late
                }
            else:
                label = _("Overdue")
            badges[complaint.pk] = DeadlineBadge("overdue", late, label)
            continue
        left = max(calendar.working_days_between(today, due_day), 0)
        if left == 0:
            badges[complaint.pk] = DeadlineBadge("soon", 0, _("Due today"))
        elif left == 1:
            badges[complaint.pk] = DeadlineBadge("soon", 1, _("Due next working day"))
        else:
            label = ngettext("%(days)s working day left", "%(days)s working days left", left) % {"days": left}
            badges[complaint.pk] = DeadlineBadge("ok", left, label)
    return badges


# --- one report -------------------------------------------------------------------------


def complaint_inbox_detail(*, user, code: str) -> Complaint:
    """One report of the user's inbox; ``Complaint.DoesNotExist`` when it is outside it."""
    return (
        complaint_inbox_visible_to(user=user)
        .select_related("reporter", "open311_client")
        .get(tracking_code=code)
    )


def complaint_history(*, complaint: Complaint) -> QuerySet[AuditEvent]:
    """Every event of the report, oldest first, with its actor."""
    return events_for(subject=complaint).order_by("created_at", "id")


def complaint_notes(*, complaint: Complaint) -> QuerySet[ComplaintNote]:
    return complaint.notes.select_related("author").order_by("created_at", "id")


def complaint_attachments(*, complaint: Complaint) -> QuerySet[ComplaintAttachment]:
    return complaint.attachments.order_by("kind", "created_at", "id")


def _agency_and_parents(agency_id: int) -> list[int]:
    parents = dict(Agency.objects.values_list("id", "parent_id"))
    chain, current = [], agency_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def complaint_officers_for(*, complaint: Complaint) -> QuerySet[User]:
    """Active staff who may handle ``complaint``: officers and administrators of its agency
    or of an agency above it (whose scope includes the sub-agency)."""
    if complaint.agency_id is None:
        return User.objects.none()
    chain = _agency_and_parents(complaint.agency_id)
    return User.objects.filter(is_active=True, role__in=AGENCY_INBOX_ROLES, agency_id__in=chain).order_by(
        "full_name", "username"
    )


def officers_in_scope_of(*, user) -> QuerySet[User]:
    """Officers a user may hand reports to in bulk: the staff of the agencies in their scope."""
    scope = scope_of(user)
    officers = User.objects.filter(is_active=True, role__in=AGENCY_INBOX_ROLES).select_related("agency")
    if scope.all_agencies:
        return officers.order_by("agency__code", "full_name")
    return officers.filter(agency_id__in=scope.agency_ids).order_by("agency__code", "full_name")


# --- response templates -------------------------------------------------------------------


def response_templates_visible_to(*, user) -> QuerySet[ResponseTemplate]:
    """Agency staff: their agencies' templates (sub-agencies included); the province
    administrator: every agency's; anyone else none."""
    queryset = ResponseTemplate.objects.select_related("agency")
    if not inbox_allowed(user):
        return queryset.none()
    if user.is_superuser or user.role == Role.PROVINCE_ADMIN:
        return queryset
    if user.role in AGENCY_INBOX_ROLES:
        return queryset.filter(agency_id__in=scope_of(user).agency_ids)
    return queryset.none()


def response_templates_for(*, complaint: Complaint) -> QuerySet[ResponseTemplate]:
    """Active templates an answer to ``complaint`` can start from: its agency's, and those of
    the agencies above it."""
    if complaint.agency_id is None:
        return ResponseTemplate.objects.none()
    chain = _agency_and_parents(complaint.agency_id)
    return ResponseTemplate.objects.filter(agency_id__in=chain, is_active=True).order_by("title")


def agencies_for_templates(*, user) -> QuerySet[Agency]:
    if user.is_superuser or user.role == Role.PROVINCE_ADMIN:
        return Agency.objects.order_by("name")
    if user.role in AGENCY_INBOX_ROLES:
        return Agency.objects.filter(pk__in=scope_of(user).agency_ids).order_by("name")
    return Agency.objects.none()
