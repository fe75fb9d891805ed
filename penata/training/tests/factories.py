from datetime import date, time, timedelta
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from penata.competency.tests.factories import competency
from penata.organization.tests.factories import AgencyFactory
from penata.training.models import (
    Enrolment,
    EnrolmentStatus,
    ExternalTraining,
    ExternalTrainingStatus,
    Focus,
    JpLedgerEntry,
    LedgerSource,
    Modality,
    Program,
    ProgramCompetency,
    SessionDay,
    SessionStatus,
    TrainingForm,
    TrainingSession,
)
from penata.workforce.tests.factories import EmployeeFactory


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"PRG-{n:03d}")
    title = factory.Sequence(lambda n: f"Pelatihan Pelayanan Publik {n}")
    form = TrainingForm.WORKSHOP
    focus = Focus.DIGITAL_SERVICE
    modality = Modality.IN_PERSON
    jp = 24
    provider = "BPSDM Provinsi Maluku Utara"
    attendance_min_percent = 80


class ProgramCompetencyFactory(DjangoModelFactory):
    class Meta:
        model = ProgramCompetency

    program = factory.SubFactory(ProgramFactory)
    competency = factory.LazyFunction(lambda: competency("M.01"))
    target_level = 3


class TrainingSessionFactory(DjangoModelFactory):
    """A three-day session in Sofifi, open for enrolment, with its days scheduled."""

    class Meta:
        model = TrainingSession
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    code = factory.Sequence(lambda n: f"SES-{n:04d}")
    start_date = date(2026, 3, 2)
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=2))
    place = "Sofifi"
    capacity = 20
    organizer = factory.SubFactory(AgencyFactory)
    trainers = "Dr. Rahma Sangadji\nIr. Yusuf Abdullah"
    status = SessionStatus.OPEN

    @factory.post_generation
    def schedule(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        day = obj.start_date
        while day <= obj.end_date:
            SessionDay.objects.get_or_create(
                session=obj, date=day, defaults={"starts_at": time(8, 0), "ends_at": time(16, 0)}
            )
            day += timedelta(days=1)


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    session = factory.SubFactory(TrainingSessionFactory)
    employee = factory.SubFactory(EmployeeFactory)
    status = EnrolmentStatus.PENDING_APPROVAL


# --- ledger ------------------------------------------------------------------------------


def _minimal_pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


class ExternalTrainingFactory(DjangoModelFactory):
    """A claim awaiting verification, with a small PDF as evidence."""

    class Meta:
        model = ExternalTraining

    employee = factory.SubFactory(EmployeeFactory)
    title = factory.Sequence(lambda n: f"Webinar Transformasi Digital {n}")
    provider = "Kementerian PANRB"
    form = TrainingForm.SEMINAR
    start_date = date(2026, 2, 10)
    end_date = date(2026, 2, 11)
    jp = Decimal("8.0")
    evidence = factory.django.FileField(filename="sertifikat.pdf", data=_minimal_pdf())
    evidence_name = "sertifikat.pdf"
    evidence_content_type = "application/pdf"
    evidence_size = factory.LazyFunction(lambda: len(_minimal_pdf()))
    status = ExternalTrainingStatus.SUBMITTED


class JpLedgerEntryFactory(DjangoModelFactory):
    """An entry from a completed session (its enrolment made along)."""

    class Meta:
        model = JpLedgerEntry

    employee = factory.SubFactory(EmployeeFactory)
    enrolment = factory.SubFactory(
        EnrolmentFactory, employee=factory.SelfAttribute("..employee"), status=EnrolmentStatus.COMPLETED
    )
    year = factory.LazyAttribute(lambda o: o.completed_on.year)
    jp = Decimal("8.0")
    source = LedgerSource.SESSION
    title = factory.LazyAttribute(
        lambda o: o.enrolment.session.program.title if o.enrolment else o.external_training.title
    )
    form = TrainingForm.WORKSHOP
    completed_on = date(2026, 3, 4)
