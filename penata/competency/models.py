from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penata.core.models import BaseModel
from penata.organization.models import Agency, Position
from penata.workforce.models import Employee

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class CompetencyKind(models.TextChoices):
    """Permen PANRB 38/2017: managerial, sociocultural and technical competencies."""

    MANAGERIAL = "managerial", _("Managerial")
    SOCIOCULTURAL = "sociocultural", _("Sociocultural")
    TECHNICAL = "technical", _("Technical")


class Competency(BaseModel):
    code = models.CharField(_("code"), max_length=24, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=CompetencyKind.choices)
    # Technical competencies are defined by the agency of their field.
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="competencies",
    )
    description = models.TextField(_("description"), blank=True)
    levels = models.JSONField(
        _("levels and behaviour indicators"),
        default=list,
        blank=True,
        help_text=_("Five entries: level, title and behaviour indicators."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["kind", "code"]
        constraints = [
            models.CheckConstraint(
                name="technical_competency_has_agency",
                condition=(Q(kind="technical") & Q(agency__isnull=False))
                | (~Q(kind="technical") & Q(agency__isnull=True)),
                violation_error_message=_("A technical competency belongs to an agency; the others do not."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PositionStandard(BaseModel):
    """The level a position requires of one competency (its competency standard)."""

    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.CASCADE, related_name="standards"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="standards"
    )
    required_level = models.PositiveSmallIntegerField(_("required level"), validators=LEVEL_VALIDATORS)
    is_core = models.BooleanField(
        _("core factor"), default=True, help_text=_("Core or secondary factor for Profile Matching.")
    )

    class Meta:
        verbose_name = _("position competency standard")
        verbose_name_plural = _("position competency standards")
        ordering = ["position", "competency__code"]
        constraints = [
            models.UniqueConstraint(fields=["position", "competency"], name="standard_once_per_competency"),
            models.CheckConstraint(
                name="standard_level_1_to_5", condition=Q(required_level__gte=1, required_level__lte=5)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position_id} {self.competency_id} {self.required_level}"


class AssessmentMethod(models.TextChoices):
    ASSESSMENT_CENTRE = "assessment_centre", _("Assessment centre")
    COMPETENCY_TEST = "competency_test", _("Competency test")
    SUPERVISOR = "supervisor", _("Supervisor assessment")
    POST_TRAINING = "post_training", _("Post-training assessment")
    SELF = "self", _("Self-assessment")


class Assessment(BaseModel):
    """One assessed level. History is kept; the latest valid one per competency counts,
    and self-assessments are shown but never count for JPM."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="assessments"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="assessments"
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    assessed_on = models.DateField(_("assessment date"))
    method = models.CharField(_("method"), max_length=24, choices=AssessmentMethod.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessor_name = models.CharField(_("assessor"), max_length=200, blank=True)
    is_valid = models.BooleanField(_("valid"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("competency assessment")
        verbose_name_plural = _("competency assessments")
        ordering = ["employee", "competency__code", "-assessed_on", "-id"]
        indexes = [models.Index(fields=["employee", "competency", "assessed_on"])]
        constraints = [
            models.CheckConstraint(name="assessment_level_1_to_5", condition=Q(level__gte=1, level__lte=5))
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.competency_id} {self.level} ({self.assessed_on})"
