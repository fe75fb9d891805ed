import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from penata.complaints.models import Complaint, ComplaintCategory, ComplaintKind, ComplaintStatus, Privacy
from penata.complaints.tracking import tracking_code_generate


class ComplaintCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ComplaintCategory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"CAT{n:03d}")
    name = factory.Sequence(lambda n: f"Kategori Uji {n}")
    is_active = True


class ComplaintFactory(DjangoModelFactory):
    """A bare report row (no event, no deadline); use ``complaint_submit`` to test the workflow."""

    class Meta:
        model = Complaint

    tracking_code = factory.LazyFunction(tracking_code_generate)
    kind = ComplaintKind.COMPLAINT
    category = factory.SubFactory(ComplaintCategoryFactory)
    description = factory.Faker("paragraph", locale="id_ID")
    privacy = Privacy.PUBLIC
    reporter_name = factory.Faker("name", locale="id_ID")
    reporter_email = factory.Sequence(lambda n: f"pelapor{n}@example.test")
    status = ComplaintStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)
