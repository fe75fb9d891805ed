"""Public reports (SP4N-LAPOR!, Perpres 76/2013; DOMAIN §6).

Status changes only through the transition services in ``services.py``, which check
``TRANSITIONS`` (the single allowed-transitions table) and record an event each time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penata.core.models import BaseModel
from penata.core.uploads import EXTENSIONS

DESCRIPTION_MAX_LENGTH = 5000


class ComplaintCategory(BaseModel):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    default_agency = models.ForeignKey(
        "organization.Agency",
        verbose_name=_("default agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    ASPIRATION = "aspiration", _("Aspiration")
    INFORMATION_REQUEST = "information_request", _("Information request")


class Privacy(models.TextChoices):
    # Ordered from the most open to the most closed: the verifier may only move right.
    PUBLIC = "public", _("Public")
    ANONYMOUS = "anonymous", _("Anonymous")
    CONFIDENTIAL = "confidential", _("Confidential")


PRIVACY_ORDER = [Privacy.PUBLIC, Privacy.ANONYMOUS, Privacy.CONFIDENTIAL]


class ComplaintStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    NEEDS_INFO = "needs_info", _("Needs more information")
    DISPATCHED = "dispatched", _("Dispatched to an agency")
    ANSWERED = "answered", _("Answered")
    FINISHED = "finished", _("Finished")
    NOT_AUTHORITY = "not_authority", _("Not the government's authority")
    ARCHIVED = "archived", _("Archived")


CLOSED_STATUSES = frozenset(
    {ComplaintStatus.FINISHED, ComplaintStatus.NOT_AUTHORITY, ComplaintStatus.ARCHIVED}
)


class ComplaintAction(models.TextChoices):
    DISPATCH = "dispatch", _("dispatch")
    REQUEST_INFO = "request_info", _("request more information")
    SUPPLEMENT = "supplement", _("supplement")
    DECLINE_NOT_AUTHORITY = "decline_not_authority", _("decline as not the government's authority")
    ARCHIVE = "archive", _("archive")
    ASSIGN = "assign", _("assign")
    ANSWER = "answer", _("answer")
    REFER = "refer", _("refer to another agency")
    ACCEPT = "accept", _("accept the answer")
    REOPEN = "reopen", _("reopen")
    CLOSE_RESPONSE_WINDOW = "close_response_window", _("close after the response window")


S, A = ComplaintStatus, ComplaintAction

# The allowed transitions: (from status, action) → to status. Anything not listed is
# refused with InvalidTransition. Assign and refer keep the status (dispatched); refer
# changes the agency and restarts the follow-up step.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SUBMITTED, A.DISPATCH): S.DISPATCHED,
    (S.SUBMITTED, A.REQUEST_INFO): S.NEEDS_INFO,
    (S.SUBMITTED, A.DECLINE_NOT_AUTHORITY): S.NOT_AUTHORITY,
    (S.SUBMITTED, A.ARCHIVE): S.ARCHIVED,
    (S.NEEDS_INFO, A.SUPPLEMENT): S.SUBMITTED,
    # A reporter who never answers the question: the verifier archives the report.
    (S.NEEDS_INFO, A.ARCHIVE): S.ARCHIVED,
    (S.DISPATCHED, A.ASSIGN): S.DISPATCHED,
    (S.DISPATCHED, A.ANSWER): S.ANSWERED,
    (S.DISPATCHED, A.REFER): S.DISPATCHED,
    (S.ANSWERED, A.ACCEPT): S.FINISHED,
    (S.ANSWERED, A.CLOSE_RESPONSE_WINDOW): S.FINISHED,
    (S.ANSWERED, A.REOPEN): S.DISPATCHED,
}

del S, A


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    OPEN311 = "open311", _("Open311 application")
    API = "api", _("Staff API")


class Step(models.TextChoices):
    """The step whose clock is running (SP4N-LAPOR! deadlines, in working days)."""

    VERIFICATION = "verification", _("Verification and dispatch")
    FOLLOW_UP = "follow_up", _("Follow-up by the agency")
    RESPONSE = "response", _("Reporter's response")


STEP_WORKING_DAYS = {Step.VERIFICATION: 3, Step.FOLLOW_UP: 5, Step.RESPONSE: 10}


class Complaint(BaseModel):
    """One report: a complaint, an aspiration or an information request."""

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    secret_hash = models.CharField(_("secret hash"), max_length=128, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=ComplaintKind.choices)
    category = models.ForeignKey(
        ComplaintCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="complaints"
    )
    public_service = models.ForeignKey(
        "organization.PublicService",
        verbose_name=_("public service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    description = models.TextField(_("description"))
    additional_information = models.TextField(_("additional information from the reporter"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    kecamatan = models.CharField(_("district (kecamatan)"), max_length=100, blank=True)
    kelurahan = models.CharField(_("village (kelurahan/desa)"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    service_date = models.DateField(_("date of the service"), null=True, blank=True)
    # UU 25/2009 Pasal 42: a complaint is filed within 30 days of the service. A late one
    # is still received; the flag tells the verifier.
    is_late_filing = models.BooleanField(_("filed more than 30 days after the service"), default=False)
    privacy = models.CharField(_("privacy"), max_length=16, choices=Privacy.choices, default=Privacy.PUBLIC)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints_reported",
    )
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("reporter's email"), blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=32, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    agency = models.ForeignKey(
        "organization.Agency",
        verbose_name=_("responsible agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints_assigned",
    )
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    step = models.CharField(_("current step"), max_length=16, choices=Step.choices, blank=True)
    step_started_at = models.DateTimeField(_("step started at"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("step due at"), null=True, blank=True)
    # Set by the periodic overdue run (services/overdue.py) for the current step; cleared
    # with ``escalated_at`` whenever a step starts, so each step is notified and escalated once.
    overdue_notified_at = models.DateTimeField(_("overdue notice sent at"), null=True, blank=True)
    escalation_due_at = models.DateTimeField(_("escalation due at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.WEB)
    open311_client = models.ForeignKey(
        "complaints.Open311Client",
        verbose_name=_("Open311 client"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The first answer, kept when a reopened report is answered again: the agency figures
    # (answered within the deadline, time to answer) count the first answer.
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    answered_within_deadline = models.BooleanField(
        _("first answer within the deadline"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["status", "step_due_at"]),
            models.Index(fields=["agency", "status", "step_due_at"]),
            models.Index(fields=["submitted_at", "id"]),
            # The province-wide inbox: every report by its deadline, no other filter.
            models.Index(fields=["step_due_at", "id"]),
            models.Index(fields=["category", "status", "submitted_at"]),
            # Published reports (Open311 GET requests, selectors.complaint_list_published),
            # newest first: all of them, by category, by status.
            *(
                models.Index(
                    fields=[*leading, "submitted_at", "id"],
                    name=name,
                    condition=Q(
                        status__in=[
                            ComplaintStatus.DISPATCHED,
                            ComplaintStatus.ANSWERED,
                            ComplaintStatus.FINISHED,
                        ],
                        privacy__in=[Privacy.PUBLIC, Privacy.ANONYMOUS],
                    ),
                )
                for name, leading in (
                    ("complaint_published_idx", []),
                    ("complaint_pub_category_idx", ["category"]),
                    ("complaint_pub_status_idx", ["status"]),
                )
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="complaint_status_valid", condition=Q(status__in=ComplaintStatus.values)
            ),
            models.CheckConstraint(name="complaint_kind_valid", condition=Q(kind__in=ComplaintKind.values)),
            models.CheckConstraint(name="complaint_privacy_valid", condition=Q(privacy__in=Privacy.values)),
            models.CheckConstraint(name="complaint_reopened_at_most_once", condition=Q(reopen_count__lte=1)),
            models.CheckConstraint(
                name="complaint_coordinates_both_or_neither",
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
            ),
            # An anonymous reporter may leave no name and no contact; everyone else gives a
            # name and an email or a phone number.
            models.CheckConstraint(
                name="complaint_contact_unless_anonymous",
                condition=Q(privacy=Privacy.ANONYMOUS)
                | (~Q(reporter_name="") & (~Q(reporter_email="") | ~Q(reporter_phone=""))),
            ),
            models.CheckConstraint(
                name="complaint_dispatched_has_agency",
                condition=~Q(status__in=[ComplaintStatus.DISPATCHED, ComplaintStatus.ANSWERED])
                | Q(agency__isnull=False),
            ),
            models.CheckConstraint(
                name="complaint_answered_has_answer",
                condition=~Q(status=ComplaintStatus.ANSWERED)
                | (~Q(answer="") & Q(answered_at__isnull=False)),
            ),
            models.CheckConstraint(
                name="complaint_step_has_deadline",
                condition=Q(step="", step_due_at__isnull=True)
                | (~Q(step="") & Q(step_started_at__isnull=False, step_due_at__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


# --- around a report ---------------------------------------------------------------------


class AttachmentKind(models.TextChoices):
    REPORT = "report", _("From the reporter")
    ANSWER = "answer", _("With the agency's answer")


ATTACHMENT_MAX_FILES = 5
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def _attachment_path(instance: "ComplaintAttachment", filename: str) -> str:
    # The stored name is random: the reporter's file name is kept as text only, never
    # used as a path.
    from django.utils.crypto import get_random_string

    return "complaints/{}/{}.{}".format(
        instance.complaint.tracking_code,
        get_random_string(24),
        EXTENSIONS.get(instance.content_type, "bin"),
    )


class ComplaintAttachment(BaseModel):
    """A file with a report (photo, scan) or with an answer. Served only through a view
    that checks who may see the report, never straight from MEDIA_URL."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("report"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    # Detected from the content (services/attachments.py), not taken from the upload.
    content_type = models.CharField(_("content type"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(name="attachment_kind_valid", condition=Q(kind__in=AttachmentKind.values)),
            models.CheckConstraint(
                name="attachment_size_limit", condition=Q(size__gt=0, size__lte=ATTACHMENT_MAX_BYTES)
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class ComplaintNote(BaseModel):
    """An officer's internal note on a report. Never shown to the reporter or the public."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("report"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("note"))

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class ResponseTemplate(BaseModel):
    """A reusable answer text of one agency (officers start an answer from it)."""

    agency = models.ForeignKey(
        "organization.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="complaint_response_templates",
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("response template")
        verbose_name_plural = _("response templates")
        ordering = ["agency", "title"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "title"], name="response_template_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class ComplaintRating(BaseModel):
    """The reporter's rating of the answer (1–5 and a comment), one per report; a second
    rating replaces the first."""

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("report"), on_delete=models.CASCADE, related_name="rating"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("rating of the answer")
        verbose_name_plural = _("ratings of answers")
        constraints = [
            models.CheckConstraint(
                name="complaint_rating_score_range", condition=Q(score__gte=1, score__lte=5)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint} · {self.score}"


class ComplaintFollower(BaseModel):
    """A citizen who follows someone else's public report instead of filing a duplicate:
    they get the same status emails as the reporter."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("report"), on_delete=models.CASCADE, related_name="followers"
    )
    email = models.EmailField(_("email"))

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "email"], name="complaint_follower_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint} · {self.email}"


# --- routing -----------------------------------------------------------------------------


class TrainingSource(models.TextChoices):
    IMPORT = "import", _("Imported from a CSV file")
    DEMO = "demo", _("Demo training reports")


class TrainingReport(BaseModel):
    """A past report used only to train the routing model (imported history, demo data).
    Penata's own dispatched reports are read from ``Complaint`` directly."""

    description = models.TextField(_("description"))
    category = models.ForeignKey(
        ComplaintCategory, verbose_name=_("category"), on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        "organization.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=8, choices=TrainingSource.choices)

    class Meta:
        verbose_name = _("training report")
        verbose_name_plural = _("training reports")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description[:60]


class RoutingModelStatus(models.TextChoices):
    TRAINING = "training", _("Training")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class RoutingModelVersion(BaseModel):
    """One trained routing model. The newest ready one suggests categories and agencies."""

    status = models.CharField(
        _("status"), max_length=8, choices=RoutingModelStatus.choices, default=RoutingModelStatus.TRAINING
    )
    file = models.FileField(_("model file"), upload_to="routing/", max_length=200, blank=True)
    n_reports = models.PositiveIntegerField(_("training reports"), default=0)
    n_categories = models.PositiveIntegerField(_("categories"), default=0)
    top1 = models.FloatField(_("top-1 accuracy on held-out reports"), null=True, blank=True)
    top3 = models.FloatField(_("top-3 accuracy on held-out reports"), null=True, blank=True)
    trained_at = models.DateTimeField(_("trained at"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("routing model")
        verbose_name_plural = _("routing models")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.created_at:%Y-%m-%d %H:%M}"


# --- Open311 -----------------------------------------------------------------------------


class Open311Client(BaseModel):
    """An application allowed to POST requests through Open311 GeoReport v2. Only the
    key's hash is kept; the key is shown once, when the administrator creates it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    key_prefix = models.CharField(_("key prefix"), max_length=8, db_index=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=128, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
