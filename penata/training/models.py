"""Competency development (PP 17/2020, DOMAIN §5): programs, their sessions, enrolment,
attendance, the JP ledger, certificates, training needs and participants' ratings.

Every PNS has the right to at least 20 JP of development a year; 1 JP = 45 minutes
(a setting, ``PENATA_JP_MINUTES``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from penata.competency.models import LEVEL_VALIDATORS, Competency
from penata.core.models import BaseModel
from penata.core.uploads import EXTENSIONS
from penata.organization.models import Agency, Unit
from penata.workforce.models import Employee

JP_TARGET = 20  # PP 17/2020 art. 203: at least 20 JP a year for every PNS


class TrainingForm(models.TextChoices):
    """The classical and non-classical forms of competency development (PP 17/2020)."""

    # classical (klasikal)
    LEADERSHIP = "leadership", _("Leadership training")
    MANAGERIAL = "managerial", _("Managerial training")
    TECHNICAL = "technical", _("Technical training")
    FUNCTIONAL = "functional", _("Functional training")
    SOCIOCULTURAL = "sociocultural", _("Sociocultural training")
    SEMINAR = "seminar", _("Seminar / conference")
    WORKSHOP = "workshop", _("Workshop")
    COURSE = "course", _("Course")
    UPGRADING = "upgrading", _("Upgrading (penataran)")
    TECHNICAL_GUIDANCE = "technical_guidance", _("Technical guidance (bimtek)")
    SOCIALISATION = "socialisation", _("Socialisation")
    # non-classical (nonklasikal)
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    E_LEARNING = "e_learning", _("E-learning")
    DISTANCE = "distance", _("Distance training")
    SECONDMENT = "secondment", _("Secondment (datasering)")
    OUTDOOR = "outdoor", _("Outdoor learning")
    BENCHMARKING = "benchmarking", _("Benchmarking")
    STAFF_EXCHANGE = "staff_exchange", _("Staff exchange")
    SELF_STUDY = "self_study", _("Self-study")
    LEARNING_COMMUNITY = "learning_community", _("Learning community")
    ON_THE_JOB = "on_the_job", _("On-the-job guidance")
    INTERNSHIP = "internship", _("Internship (magang)")


CLASSICAL_FORMS = frozenset(
    {
        TrainingForm.LEADERSHIP,
        TrainingForm.MANAGERIAL,
        TrainingForm.TECHNICAL,
        TrainingForm.FUNCTIONAL,
        TrainingForm.SOCIOCULTURAL,
        TrainingForm.SEMINAR,
        TrainingForm.WORKSHOP,
        TrainingForm.COURSE,
        TrainingForm.UPGRADING,
        TrainingForm.TECHNICAL_GUIDANCE,
        TrainingForm.SOCIALISATION,
    }
)


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended")


class Focus(models.TextChoices):
    """What a program develops, as BPSDM plans its catalogue."""

    SOFT_SKILLS = "soft_skills", _("Soft skills")
    TECHNICAL = "technical", _("Technical skills")
    DIGITAL_SERVICE = "digital_service", _("Digital public service")
    LEADERSHIP = "leadership", _("Leadership and management")


class Program(BaseModel):
    code = models.CharField(
        _("code"),
        max_length=24,
        unique=True,
        error_messages={"unique": _("A program with this code already exists.")},
    )
    title = models.CharField(_("title"), max_length=200)
    form = models.CharField(_("form"), max_length=24, choices=TrainingForm.choices)
    focus = models.CharField(_("focus"), max_length=24, choices=Focus.choices)
    modality = models.CharField(_("modality"), max_length=16, choices=Modality.choices)
    jp = models.PositiveSmallIntegerField(
        _("lesson hours (JP)"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    provider = models.CharField(_("provider"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    attendance_min_percent = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Share of the session's days a participant must attend to complete it."),
    )
    competencies = models.ManyToManyField(
        Competency,
        through="ProgramCompetency",
        verbose_name=_("competencies developed"),
        related_name="training_programs",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(name="program_jp_positive", condition=Q(jp__gte=1)),
            models.CheckConstraint(
                name="program_attendance_1_to_100",
                condition=Q(attendance_min_percent__gte=1, attendance_min_percent__lte=100),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_classical(self) -> bool:
        return self.form in CLASSICAL_FORMS


class ProgramCompetency(BaseModel):
    """A competency a program develops and the level it brings a participant to."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="targets"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="program_targets"
    )
    target_level = models.PositiveSmallIntegerField(_("level reached"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("competency developed")
        verbose_name_plural = _("competencies developed")
        ordering = ["program", "competency__code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "competency"], name="program_competency_unique"),
            models.CheckConstraint(
                name="program_target_level_1_to_5", condition=Q(target_level__gte=1, target_level__lte=5)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.competency_id} → {self.target_level}"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for enrolment")
    CLOSED = "closed", _("Enrolment closed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class SessionAction(models.TextChoices):
    OPEN = "open", _("Open for enrolment")
    CLOSE = "close", _("Close enrolment")
    REOPEN = "reopen", _("Reopen enrolment")
    COMPLETE = "complete", _("Complete")
    CANCEL = "cancel", _("Cancel")


SESSION_TRANSITIONS: dict[tuple[str, str], str] = {
    (SessionStatus.PLANNED, SessionAction.OPEN): SessionStatus.OPEN,
    (SessionStatus.PLANNED, SessionAction.CANCEL): SessionStatus.CANCELLED,
    (SessionStatus.OPEN, SessionAction.CLOSE): SessionStatus.CLOSED,
    (SessionStatus.OPEN, SessionAction.CANCEL): SessionStatus.CANCELLED,
    (SessionStatus.CLOSED, SessionAction.REOPEN): SessionStatus.OPEN,
    (SessionStatus.CLOSED, SessionAction.COMPLETE): SessionStatus.COMPLETED,
    (SessionStatus.CLOSED, SessionAction.CANCEL): SessionStatus.CANCELLED,
}


class TrainingSession(BaseModel):
    """One run of a program: dates, place, capacity, organiser and trainers.

    ``seats_taken`` counts confirmed participants; it moves only under a row lock in the
    enrolment services and the database refuses it past ``capacity``.
    """

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="sessions"
    )
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        error_messages={"unique": _("A session with this code already exists.")},
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=120, help_text=_("Sofifi, Ternate, online, ..."))
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    organizer = models.ForeignKey(
        Agency,
        verbose_name=_("organising agency"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    trainers = models.TextField(_("trainers"), blank=True, help_text=_("One name per line."))
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["start_date", "code"]
        indexes = [
            models.Index(fields=["start_date", "end_date"]),
            models.Index(fields=["status", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(name="session_capacity_positive", condition=Q(capacity__gte=1)),
            models.CheckConstraint(
                name="session_ends_after_start", condition=Q(end_date__gte=F("start_date"))
            ),
            models.CheckConstraint(
                name="session_seats_within_capacity", condition=Q(seats_taken__lte=F("capacity"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.program.title if self.program_id else ''}".strip()

    @property
    def seats_free(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def trainer_list(self) -> list[str]:
        return [line.strip() for line in self.trainers.splitlines() if line.strip()]


class SessionDay(BaseModel):
    """One day of a session's schedule; attendance is recorded per day."""

    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("session day")
        verbose_name_plural = _("session days")
        ordering = ["session", "date"]
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="session_day_unique"),
            models.CheckConstraint(
                name="session_day_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.date}"


class EnrolmentStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("Awaiting agency approval")
    APPROVED = "approved", _("Approved by the agency")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled with the session")
    COMPLETED = "completed", _("Completed")
    INCOMPLETE = "incomplete", _("Not completed")
    NO_SHOW = "no_show", _("Did not attend")


class EnrolmentAction(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    CONFIRM = "confirm", _("Confirm")
    WAITLIST = "waitlist", _("Put on the waiting list")
    PROMOTE = "promote", _("Promote from the waiting list")
    WITHDRAW = "withdraw", _("Withdraw")
    CANCEL = "cancel", _("Cancel with the session")
    COMPLETE = "complete", _("Complete")
    MARK_INCOMPLETE = "mark_incomplete", _("Mark not completed")
    MARK_NO_SHOW = "mark_no_show", _("Mark as no-show")


S, A = EnrolmentStatus, EnrolmentAction
ENROLMENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.PENDING_APPROVAL, A.APPROVE): S.APPROVED,
    (S.PENDING_APPROVAL, A.REJECT): S.REJECTED,
    (S.PENDING_APPROVAL, A.WITHDRAW): S.WITHDRAWN,
    (S.PENDING_APPROVAL, A.CANCEL): S.CANCELLED,
    (S.APPROVED, A.CONFIRM): S.CONFIRMED,
    (S.APPROVED, A.WAITLIST): S.WAITLISTED,
    (S.APPROVED, A.REJECT): S.REJECTED,
    (S.APPROVED, A.WITHDRAW): S.WITHDRAWN,
    (S.APPROVED, A.CANCEL): S.CANCELLED,
    (S.WAITLISTED, A.PROMOTE): S.CONFIRMED,
    (S.WAITLISTED, A.REJECT): S.REJECTED,
    (S.WAITLISTED, A.WITHDRAW): S.WITHDRAWN,
    (S.WAITLISTED, A.CANCEL): S.CANCELLED,
    (S.CONFIRMED, A.WITHDRAW): S.WITHDRAWN,
    (S.CONFIRMED, A.CANCEL): S.CANCELLED,
    (S.CONFIRMED, A.COMPLETE): S.COMPLETED,
    (S.CONFIRMED, A.MARK_INCOMPLETE): S.INCOMPLETE,
    (S.CONFIRMED, A.MARK_NO_SHOW): S.NO_SHOW,
}
del S, A

# An employee holds at most one of these per session, and none in overlapping sessions.
ACTIVE_ENROLMENT_STATUSES = (
    EnrolmentStatus.PENDING_APPROVAL,
    EnrolmentStatus.APPROVED,
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.WAITLISTED,
)
FINISHED_ENROLMENT_STATUSES = (EnrolmentStatus.COMPLETED, EnrolmentStatus.INCOMPLETE, EnrolmentStatus.NO_SHOW)


class Enrolment(BaseModel):
    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="enrolments"
    )
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=24, choices=EnrolmentStatus.choices)
    nominated = models.BooleanField(
        _("nominated by the agency"),
        default=False,
        help_text=_("Put forward by an administrator, not requested."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    motivation = models.TextField(_("motivation"), blank=True)
    # The waiting list is served in the order people joined it.
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    completed_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["session", "employee__full_name", "id"]
        indexes = [
            models.Index(fields=["employee", "status"]),
            models.Index(fields=["session", "status", "waitlisted_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "employee"],
                condition=Q(
                    status__in=[
                        "pending_approval",
                        "approved",
                        "confirmed",
                        "waitlisted",
                        "completed",
                        "incomplete",
                        "no_show",
                    ]
                ),
                name="enrolment_once_per_session",
                violation_error_message=_("This employee is already enrolled in this session."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.employee_id} {self.status}"

    @property
    def holds_seat(self) -> bool:
        return self.status == EnrolmentStatus.CONFIRMED


class Attendance(BaseModel):
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendance"
    )
    date = models.DateField(_("date"))
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["enrolment", "date"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "date"], name="attendance_once_per_day")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.date} {'present' if self.present else 'absent'}"


class ExternalTrainingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def _evidence_path(instance: "ExternalTraining", filename: str) -> str:
    # A random stored name; the employee's file name is kept as text only.
    from django.utils.crypto import get_random_string

    return "training/evidence/{}/{}.{}".format(
        instance.employee_id, get_random_string(24), EXTENSIONS.get(instance.evidence_content_type, "bin")
    )


class ExternalTraining(BaseModel):
    """Development done outside BPSDM's sessions (a ministry course, a university
    seminar), claimed with evidence and verified by the employee's agency."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="external_trainings"
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    form = models.CharField(_("form"), max_length=24, choices=TrainingForm.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    jp = models.DecimalField(
        _("lesson hours (JP)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("500"))],
    )
    evidence = models.FileField(_("evidence"), upload_to=_evidence_path, max_length=200)
    evidence_name = models.CharField(_("evidence file name"), max_length=200)
    # Detected from the content, not taken from the upload.
    evidence_content_type = models.CharField(_("evidence content type"), max_length=64)
    evidence_size = models.PositiveIntegerField(_("evidence size in bytes"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ExternalTrainingStatus.choices,
        default=ExternalTrainingStatus.SUBMITTED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("external training")
        verbose_name_plural = _("external trainings")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["employee", "status"]), models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                name="external_ends_after_start", condition=Q(end_date__gte=F("start_date"))
            ),
            models.CheckConstraint(name="external_jp_positive", condition=Q(jp__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.title}"


class LedgerSource(models.TextChoices):
    SESSION = "session", _("Training session")
    EXTERNAL = "external", _("External training")


class JpLedgerEntry(BaseModel):
    """JP credited to an employee for one year: append-only, written when a session is
    completed or external training is verified. The year is that of the last day."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="jp_entries"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    jp = models.DecimalField(_("lesson hours (JP)"), max_digits=5, decimal_places=1)
    source = models.CharField(_("source"), max_length=16, choices=LedgerSource.choices)
    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jp_entry",
    )
    external_training = models.OneToOneField(
        ExternalTraining,
        verbose_name=_("external training"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jp_entry",
    )
    title = models.CharField(_("title"), max_length=200)
    form = models.CharField(_("form"), max_length=24, choices=TrainingForm.choices)
    completed_on = models.DateField(_("completed on"))

    class Meta:
        verbose_name = _("JP ledger entry")
        verbose_name_plural = _("JP ledger entries")
        ordering = ["employee", "-completed_on", "-id"]
        indexes = [
            models.Index(fields=["year", "employee"], include=["jp"], name="jp_entry_year_employee_idx")
        ]
        constraints = [
            models.CheckConstraint(name="jp_entry_positive", condition=Q(jp__gt=0)),
            models.CheckConstraint(
                name="jp_entry_one_source",
                condition=(
                    Q(source="session", enrolment__isnull=False, external_training__isnull=True)
                    | Q(source="external", enrolment__isnull=True, external_training__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year} {self.jp} JP"


class RatingItem(models.TextChoices):
    """What participants rate after a session, each 1–5."""

    CONTENT = "content", _("Content and materials")
    TRAINERS = "trainers", _("Trainers")
    ORGANISATION = "organisation", _("Organisation and venue")
    USEFULNESS = "usefulness", _("Usefulness for my work")
    OVERALL = "overall", _("Overall")


RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class SessionRating(BaseModel):
    """One participant's rating of a session they attended: once, 1–5 per item."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="rating"
    )
    content = models.PositiveSmallIntegerField(RatingItem.CONTENT.label, validators=RATING_VALIDATORS)
    trainers = models.PositiveSmallIntegerField(RatingItem.TRAINERS.label, validators=RATING_VALIDATORS)
    organisation = models.PositiveSmallIntegerField(
        RatingItem.ORGANISATION.label, validators=RATING_VALIDATORS
    )
    usefulness = models.PositiveSmallIntegerField(RatingItem.USEFULNESS.label, validators=RATING_VALIDATORS)
    overall = models.PositiveSmallIntegerField(RatingItem.OVERALL.label, validators=RATING_VALIDATORS)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("session rating")
        verbose_name_plural = _("session ratings")
        constraints = [
            models.CheckConstraint(
                name=f"rating_{item}_1_to_5", condition=Q(**{f"{item}__gte": 1, f"{item}__lte": 5})
            )
            for item in RatingItem.values
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.overall}"


class Certificate(BaseModel):
    """Issued for a completed enrolment. What it says is kept as issued, so a later
    change of name or program does not change a certificate already handed out."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    employee_name = models.CharField(_("name"), max_length=200)
    employee_nip = models.CharField(_("NIP"), max_length=18)
    program_title = models.CharField(_("program"), max_length=200)
    jp = models.PositiveSmallIntegerField(_("lesson hours (JP)"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_title = models.CharField(_("signatory's position"), max_length=200)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class NeedSource(models.TextChoices):
    GAP = "gap", _("Competency gap")
    UNIT_REQUEST = "unit_request", _("Request from a unit")
    COMPLAINTS = "complaints", _("Citizen complaints")
    SURVEY = "survey", _("Satisfaction survey")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PLANNED = "planned", _("Training planned")
    MET = "met", _("Met")
    DISMISSED = "dismissed", _("Dismissed")


class TrainingNeed(BaseModel):
    """A training need.

    Gap needs (one per employee and competency below standard) are recomputed from the
    competency data by ``training_needs_compute``; needs recorded for a whole unit (by a
    head of unit, or from citizens' complaints and survey answers) are kept until they
    are met or dismissed.
    """

    source = models.CharField(_("source"), max_length=16, choices=NeedSource.choices)
    status = models.CharField(_("status"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    # No single-column indexes on the foreign keys: the composite indexes below serve every
    # page, and a yearly recomputation inserts ~170,000 rows for a province, where each
    # extra index costs about a third of a second (bench/training_needs.py).
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="training_needs",
        db_index=False,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="training_needs",
        db_index=False,
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="training_needs",
        db_index=False,
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_needs",
        db_index=False,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    current_level = models.PositiveSmallIntegerField(_("current level"), default=0)
    required_level = models.PositiveSmallIntegerField(_("required level"), default=0)
    gap = models.PositiveSmallIntegerField(_("gap"), default=0)
    is_core = models.BooleanField(_("core competency of the position"), default=False)
    jp_missing = models.DecimalField(
        _("JP still missing this year"), max_digits=5, decimal_places=1, default=0
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=0, help_text=_("0–100; higher is more urgent.")
    )
    reason = models.TextField(_("reason"), blank=True)
    evidence = models.JSONField(
        _("evidence"),
        default=dict,
        blank=True,
        help_text=_("What the need rests on, e.g. report codes or survey results."),
    )
    # Unit needs from citizens' feedback: the same signal recorded again updates one row.
    signal_key = models.CharField(_("signal key"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        ordering = ["-priority", "id"]
        indexes = [
            models.Index(fields=["year", "agency", "status"]),
            models.Index(fields=["year", "competency", "status"]),
            models.Index(fields=["employee", "year"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "employee", "competency"],
                condition=Q(source="gap"),
                name="training_need_gap_unique",
            ),
            models.UniqueConstraint(
                fields=["signal_key"],
                condition=~Q(signal_key="") & Q(status__in=["open", "planned"]),
                name="training_need_signal_open_unique",
            ),
            models.CheckConstraint(
                name="training_need_gap_has_employee",
                condition=~Q(source="gap") | Q(employee__isnull=False, competency__isnull=False),
            ),
            models.CheckConstraint(name="training_need_priority_0_to_100", condition=Q(priority__lte=100)),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.agency_id} {self.competency_id} {self.priority}"
