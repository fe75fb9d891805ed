from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every Penata model carries its creation and last-change time."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """Append-only record of one state change: who, when, what, from and to.

    Written by services in the same transaction as the change it records.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject_type = models.CharField(_("subject type"), max_length=64)
    subject_id = models.CharField(_("subject id"), max_length=64)
    action = models.CharField(_("action"), max_length=64)
    from_state = models.JSONField(_("from"), null=True, blank=True)
    to_state = models.JSONField(_("to"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject_type}:{self.subject_id} {self.action}"


class WorkingDayOverride(BaseModel):
    """A day the ``holidays`` library gets wrong for Maluku Utara's government offices.

    Complaint deadlines (SP4N-LAPOR!, Perpres 76/2013) count working days; an override
    wins over the library's national holidays and cuti bersama (``penata.core.calendar``).
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday (offices closed)")
        WORKING_DAY = "working_day", _("Working day (offices open)")

    date = models.DateField(
        _("date"), unique=True, error_messages={"unique": _("This date already has an override.")}
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example a late cuti bersama or a regional holiday.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                name="working_day_override_kind_valid",
                condition=models.Q(kind__in=["holiday", "working_day"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}: {self.name}"
