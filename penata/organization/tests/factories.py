import factory
from factory.django import DjangoModelFactory

from penata.organization.models import Agency, AgencyKind, Position, PositionClass, PublicService, Rank, Unit


def rank(code: str) -> Rank:
    return Rank.objects.get(code=code)


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"AG{n:03d}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = AgencyKind.SERVICE
    serves_public = True


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Bidang Uji {n}")


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    unit = factory.SubFactory(UnitFactory)
    agency = factory.SelfAttribute("unit.agency")
    code = factory.Sequence(lambda n: f"POS-{n:05d}")
    title = factory.Sequence(lambda n: f"Analis Uji {n}")
    position_class = PositionClass.PELAKSANA
    min_rank = factory.LazyFunction(lambda: rank("II/a"))
    max_rank = factory.LazyFunction(lambda: rank("III/d"))
    required_education_level = "sma"
    headcount_needed = 2


class PublicServiceFactory(DjangoModelFactory):
    class Meta:
        model = PublicService

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"SVC-{n:03d}")
    name = factory.Sequence(lambda n: f"Layanan Uji {n}")
    completion_days = 3
    fee = 0
