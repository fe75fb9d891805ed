from datetime import date

import factory
from factory.django import DjangoModelFactory

from penata.organization.tests.factories import AgencyFactory, rank
from penata.workforce.models import Employee, PerformanceRating


def make_nip(birth: date, appointed: tuple[int, int], sex: str, sequence: int) -> str:
    return f"{birth:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}{'1' if sex == 'M' else '2'}{sequence:03d}"


class EmployeeFactory(DjangoModelFactory):
    """A PNS with a NIP consistent with birth date and sex."""

    class Meta:
        model = Employee

    employment_type = "pns"
    full_name = factory.Faker("name", locale="id_ID")
    sex = factory.Iterator(["M", "F"])
    birth_date = factory.Sequence(lambda n: date(1970 + n % 25, 1 + n % 12, 1 + n % 28))
    nip = factory.LazyAttributeSequence(
        lambda o, n: make_nip(o.birth_date, (o.birth_date.year + 24, 3), o.sex, 1 + n % 999)
    )
    rank = factory.LazyFunction(lambda: rank("III/a"))
    education_level = "s1"
    education_field = "Administrasi Publik"
    agency = factory.LazyAttribute(lambda o: o.position.agency if o.position else AgencyFactory())
    position = None
    position_start_date = factory.LazyAttribute(lambda o: date(2022, 1, 3) if o.position else None)
    status = "active"


class PerformanceRatingFactory(DjangoModelFactory):
    class Meta:
        model = PerformanceRating

    employee = factory.SubFactory(EmployeeFactory)
    year = 2025
    rating = "meets"
