from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from penata.core.models import BaseModel


class AgencyKind(models.TextChoices):
    SECRETARIAT = "sekretariat", _("Secretariat")
    BUREAU = "biro", _("Bureau")
    INSPECTORATE = "inspektorat", _("Inspectorate")
    BOARD = "badan", _("Board (badan)")
    SERVICE = "dinas", _("Service (dinas)")
    HOSPITAL = "rsud", _("Regional hospital (RSUD)")


class Agency(BaseModel):
    """A regional apparatus (OPD)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    serves_public = models.BooleanField(_("serves the public directly"), default=False)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]
        constraints = [models.CheckConstraint(name="agency_not_own_parent", condition=~Q(parent=F("id")))]

    def __str__(self) -> str:
        return self.name


class Unit(BaseModel):
    """An organizational unit inside an agency; units form a tree."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=48)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["agency__code", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_in_agency")]

    def __str__(self) -> str:
        return self.name


class PositionClass(models.TextChoices):
    """Position classes of UU 20/2023 (DOMAIN §1)."""

    JPT_UTAMA = "jpt_utama", _("JPT Utama")
    JPT_MADYA = "jpt_madya", _("JPT Madya")
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    AHLI_UTAMA = "ahli_utama", _("Functional – Ahli Utama")
    AHLI_MADYA = "ahli_madya", _("Functional – Ahli Madya")
    AHLI_MUDA = "ahli_muda", _("Functional – Ahli Muda")
    AHLI_PERTAMA = "ahli_pertama", _("Functional – Ahli Pertama")
    PENYELIA = "penyelia", _("Functional – Penyelia")
    MAHIR = "mahir", _("Functional – Mahir")
    TERAMPIL = "terampil", _("Functional – Terampil")
    PEMULA = "pemula", _("Functional – Pemula")
    PELAKSANA = "pelaksana", _("Pelaksana")


MANAGERIAL_CLASSES = frozenset(
    {
        PositionClass.JPT_UTAMA,
        PositionClass.JPT_MADYA,
        PositionClass.JPT_PRATAMA,
        PositionClass.ADMINISTRATOR,
        PositionClass.PENGAWAS,
    }
)


class EducationLevel(models.TextChoices):
    SD = "sd", _("Primary school (SD)")
    SMP = "smp", _("Junior high school (SMP)")
    SMA = "sma", _("Senior high school (SMA/SMK)")
    D1 = "d1", _("Diploma I")
    D2 = "d2", _("Diploma II")
    D3 = "d3", _("Diploma III")
    D4 = "d4", _("Diploma IV")
    S1 = "s1", _("Bachelor (S1)")
    S2 = "s2", _("Master (S2)")
    S3 = "s3", _("Doctorate (S3)")


EDUCATION_ORDER = {level.value: index for index, level in enumerate(EducationLevel)}


class EmploymentType(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class Rank(models.Model):
    """PNS rank (golongan/ruang, pangkat) or PPPK grade, in order (DOMAIN §1)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    title = models.CharField(_("title"), max_length=64, blank=True)
    employment_type = models.CharField(_("employment type"), max_length=8, choices=EmploymentType.choices)
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("rank")
        verbose_name_plural = _("ranks")
        ordering = ["employment_type", "order"]
        constraints = [
            models.UniqueConstraint(fields=["employment_type", "order"], name="rank_order_unique_per_type")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class Position(BaseModel):
    """A position (jabatan) with the headcount its workload analysis needs."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="positions"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="positions")
    code = models.CharField(_("code"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=200)
    position_class = models.CharField(
        _("position class"), max_length=16, choices=PositionClass.choices, db_index=True
    )
    min_rank = models.ForeignKey(
        Rank,
        verbose_name=_("lowest eligible rank"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    max_rank = models.ForeignKey(
        Rank,
        verbose_name=_("highest eligible rank"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    required_education_level = models.CharField(
        _("required education level"), max_length=4, choices=EducationLevel.choices, blank=True
    )
    required_education_fields = models.JSONField(
        _("required education fields"),
        default=list,
        blank=True,
        help_text=_("Any of these fields qualifies; empty means any field."),
    )
    headcount_needed = models.PositiveSmallIntegerField(
        _("headcount needed"), default=1, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["agency__code", "code"]
        indexes = [models.Index(fields=["agency", "position_class"])]

    def __str__(self) -> str:
        return self.title


class PublicService(BaseModel):
    """A public service a unit delivers, with its service standard (Permen PANRB 15/2014)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="services"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    code = models.CharField(_("code"), max_length=48, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Delivery components, published to citizens.
    requirements = models.TextField(_("requirements"), blank=True)
    procedure = models.TextField(_("system, mechanism and procedure"), blank=True)
    completion_days = models.PositiveSmallIntegerField(_("completion time (working days)"), default=1)
    fee = models.DecimalField(
        _("fee (Rp)"),
        max_digits=14,
        decimal_places=0,
        default=0,
        validators=[MinValueValidator(0)],
    )
    product = models.TextField(_("service product"), blank=True)
    complaint_handling = models.TextField(_("handling of complaints, suggestions and input"), blank=True)
    # Internal components.
    legal_basis = models.TextField(_("legal basis"), blank=True)
    facilities = models.TextField(_("facilities and infrastructure"), blank=True)
    staff_competence = models.TextField(_("staff competence"), blank=True)
    internal_supervision = models.TextField(_("internal supervision"), blank=True)
    staff_count = models.PositiveSmallIntegerField(_("number of staff"), default=0)
    service_guarantee = models.TextField(_("service guarantee"), blank=True)
    security_guarantee = models.TextField(_("security and safety guarantee"), blank=True)
    performance_evaluation = models.TextField(_("staff performance evaluation"), blank=True)
    yearly_users = models.PositiveIntegerField(_("users per year"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("public service")
        verbose_name_plural = _("public services")
        ordering = ["agency__code", "code"]
        constraints = [models.CheckConstraint(name="service_fee_not_negative", condition=Q(fee__gte=0))]

    def __str__(self) -> str:
        return self.name
