from datetime import date

import factory
from factory.django import DjangoModelFactory

from penata.competency.models import Assessment, AssessmentMethod, Competency, CompetencyKind
from penata.workforce.tests.factories import EmployeeFactory


def competency(code: str) -> Competency:
    return Competency.objects.get(code=code)


class TechnicalCompetencyFactory(DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T.TST.{n:02d}")
    name = factory.Sequence(lambda n: f"Kompetensi teknis {n}")
    kind = CompetencyKind.TECHNICAL
    agency = factory.SubFactory("penata.organization.tests.factories.AgencyFactory")


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    employee = factory.SubFactory(EmployeeFactory)
    competency = factory.LazyFunction(lambda: competency("M.01"))
    level = 3
    assessed_on = date(2025, 6, 1)
    method = AssessmentMethod.ASSESSMENT_CENTRE
