from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penata.core.models import BaseModel
from penata.organization.models import (
    Agency,
    EducationLevel,
    EmploymentType,
    Position,
    PositionClass,
    Rank,
)


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class EmployeeStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_LEAVE = "on_leave", _("On leave")
    RETIRED = "retired", _("Retired")


class Employee(BaseModel):
    """An ASN: PNS (identified by NIP) or PPPK (identified by their PPPK number).

    Both numbers are 18 digits and live in ``nip``, the key people and the API use.
    """

    nip = models.CharField(
        _("NIP / PPPK number"),
        max_length=18,
        unique=True,
        validators=[RegexValidator(r"^\d{18}$", _("Enter 18 digits."))],
    )
    employment_type = models.CharField(_("employment type"), max_length=8, choices=EmploymentType.choices)
    full_name = models.CharField(_("full name"), max_length=200, db_index=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    birth_place = models.CharField(_("birth place"), max_length=100, blank=True)
    rank = models.ForeignKey(Rank, verbose_name=_("rank / grade"), on_delete=models.PROTECT, related_name="+")
    education_level = models.CharField(_("education level"), max_length=4, choices=EducationLevel.choices)
    education_field = models.CharField(_("education field"), max_length=120, blank=True)
    # Services keep this equal to the position's agency (when there is one), so scoping
    # filters on one indexed column instead of joining through the position.
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="employees"
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("current position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
    )
    position_start_date = models.DateField(_("in position since"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EmployeeStatus.choices,
        default=EmployeeStatus.ACTIVE,
        db_index=True,
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    home_regency = models.CharField(
        _("home regency/city"),
        max_length=100,
        blank=True,
        help_text=_("Kabupaten/kota of residence, used to keep people near home."),
    )
    interest_note = models.TextField(_("placement interest note"), blank=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["full_name", "nip"]
        indexes = [
            # The list's ordering: the first pages are an index walk, not a sort.
            models.Index(fields=["full_name", "nip"], name="employee_name_nip_idx"),
            models.Index(fields=["agency", "full_name"]),
            models.Index(fields=["position", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="employee_position_has_start",
                condition=Q(position__isnull=True) | Q(position_start_date__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nip})"

    @property
    def nip_display(self) -> str:
        from .nip import format_nip

        return format_nip(self.nip) if self.employment_type == EmploymentType.PNS else self.nip


class PositionChangeKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Appointment")
    TRANSFER = "transfer", _("Transfer")
    PROMOTION = "promotion", _("Promotion")
    PLACEMENT = "placement", _("Placement")
    RELEASE = "release", _("Release from position")


class PositionHistory(models.Model):
    """Append-only: one row per position an employee held."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="history"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PositionChangeKind.choices)
    position = models.ForeignKey(
        Position,
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    rank = models.ForeignKey(Rank, verbose_name=_("rank / grade"), on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(_("start date"))
    reference = models.CharField(_("decree reference"), max_length=120, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("position history")
        verbose_name_plural = _("position history")
        # By id, not by the employee (whose own ordering would join the table to sort by name).
        ordering = ["employee_id", "-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.kind} {self.start_date}"


class PlacementInterest(BaseModel):
    """One ranked placement preference: a position class, a field and/or an agency."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="interests"
    )
    preference = models.PositiveSmallIntegerField(
        _("preference"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position_class = models.CharField(
        _("position class"), max_length=16, choices=PositionClass.choices, blank=True
    )
    field = models.CharField(_("field"), max_length=120, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("placement interest")
        verbose_name_plural = _("placement interests")
        ordering = ["employee", "preference"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "preference"], name="interest_preference_unique"),
            models.CheckConstraint(
                name="interest_not_empty",
                condition=~Q(position_class="") | ~Q(field="") | Q(agency__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} #{self.preference}"


class PerformanceLevel(models.TextChoices):
    """Yearly rating (Permen PANRB 6/2022): below / meets / above expectations."""

    BELOW = "below", _("Below expectations")
    MEETS = "meets", _("Meets expectations")
    ABOVE = "above", _("Above expectations")


class PerformanceRating(BaseModel):
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    rating = models.CharField(_("rating"), max_length=8, choices=PerformanceLevel.choices)

    class Meta:
        verbose_name = _("performance rating")
        verbose_name_plural = _("performance ratings")
        ordering = ["employee", "-year"]
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="rating_once_per_year")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year} {self.rating}"


class ImportKind(models.TextChoices):
    POSITIONS = "positions", _("Positions")
    EMPLOYEES = "employees", _("Employees")
    # Imported by the competency app, which registers its importers with workforce.imports.
    STANDARDS = "standards", _("Position competency standards")
    ASSESSMENTS = "assessments", _("Assessment results")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Imported")
    REJECTED = "rejected", _("Rejected: errors found")
    FAILED = "failed", _("Failed")


class ImportJob(BaseModel):
    """One uploaded workbook and what importing it did.

    The job is the record of who imported which file and when; the employees, positions
    and units it writes carry their own history rows and audit events.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING, db_index=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("check only"), default=False)
    language = models.CharField(_("language"), max_length=8, default="id")
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    units_created_count = models.PositiveIntegerField(_("units created"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    # The first errors and warnings, for the page; the full error list is in ``report``.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    ignored_columns = models.JSONField(_("ignored columns"), default=list, blank=True)
    report = models.FileField(_("error report"), upload_to="imports/reports/%Y/%m/", blank=True)
    failure = models.TextField(_("failure"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["actor", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.SUCCEEDED, ImportStatus.REJECTED, ImportStatus.FAILED}
