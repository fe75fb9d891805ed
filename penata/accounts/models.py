from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penata.core.models import BaseModel


class Role(models.TextChoices):
    PROVINCE_ADMIN = "province_admin", _("Province administrator (BKD)")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    COMPLAINT_VERIFIER = "complaint_verifier", _("Complaint verifier")
    COMPLAINT_OFFICER = "complaint_officer", _("Complaint officer")
    TRAINING_MANAGER = "training_manager", _("Training manager (BPSDM)")
    LEADER = "leader", _("Leader")
    EMPLOYEE = "employee", _("Employee (ASN)")
    CITIZEN = "citizen", _("Citizen")


# Roles that see every agency's data; the others see their own agency (and its
# sub-agencies), an employee only their own record, a citizen no staff data.
PROVINCE_WIDE_ROLES = frozenset(
    {Role.PROVINCE_ADMIN, Role.COMPLAINT_VERIFIER, Role.TRAINING_MANAGER, Role.LEADER}
)
STAFF_ROLES = frozenset(set(Role) - {Role.CITIZEN})


class PenataUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.PROVINCE_ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser, BaseModel):
    # One name field: Indonesian names do not split into first and last.
    first_name = None
    last_name = None
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CITIZEN)
    agency = models.ForeignKey(
        "organization.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    employee = models.OneToOneField(
        "workforce.Employee",
        verbose_name=_("employee record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Created by the demo data loader; production refuses to start while one exists."),
    )

    objects = PenataUserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="staff_user_has_agency",
                condition=Q(role="citizen") | Q(agency__isnull=False) | Q(is_superuser=True),
                violation_error_message=_("Every staff user belongs to an agency."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.username

    @property
    def is_province_wide(self) -> bool:
        return self.is_superuser or self.role in PROVINCE_WIDE_ROLES
