"""Shared by the routing tests: three categories with their agencies, training reports
from the demo generator (a few per category, so a model trains in well under a second),
and a media directory of the test's own."""

import pytest
from django.utils import timezone

from penata.complaints.models import (
    ComplaintCategory,
    ComplaintStatus,
    TrainingReport,
    TrainingSource,
)
from penata.complaints.routing.training_data import training_reports
from penata.complaints.services import routing
from penata.organization.tests.factories import AgencyFactory

from .factories import ComplaintCategoryFactory, ComplaintFactory

# Category code → (name, default agency code), as in data/complaint_categories.csv.
CATEGORIES = {
    "JALAN": ("Jalan dan jembatan", "PUPR"),
    "ADMINDUK": ("Administrasi kependudukan", "DISDUKCAPIL"),
    "KESEHATAN": ("Layanan kesehatan", "DINKES"),
}
PER_CATEGORY = 12
SEED = 7


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_model_cache():
    # Test databases reuse ids; the process-wide cache must not outlive a test.
    routing._loaded.clear()
    yield
    routing._loaded.clear()


@pytest.fixture
def routing_categories(db) -> dict[str, ComplaintCategory]:
    return {
        code: ComplaintCategoryFactory(code=code, name=name, default_agency=AgencyFactory(code=agency))
        for code, (name, agency) in CATEGORIES.items()
    }


def demo_rows(per_category: int = PER_CATEGORY, seed: int = SEED, codes=tuple(CATEGORIES)) -> list[tuple]:
    """(description, category, agency) of the demo generator, for the given categories only."""
    rows = training_reports(per_category, seed)
    return [row for row in rows if row[1] in codes]


def add_training_reports(categories: dict, rows: list[tuple], source=TrainingSource.DEMO) -> list:
    agencies = {c.default_agency.code: c.default_agency for c in categories.values()}
    return TrainingReport.objects.bulk_create(
        [
            TrainingReport(
                description=text, category=categories[code], agency=agencies.get(agency), source=source
            )
            for text, code, agency in rows
        ]
    )


def add_dispatched(category, agency, description: str, status=ComplaintStatus.DISPATCHED):
    answered = {"answer": "Sudah ditindaklanjuti.", "answered_at": timezone.now()}
    return ComplaintFactory(
        category=category,
        agency=agency,
        status=status,
        description=description,
        **(answered if status == ComplaintStatus.ANSWERED else {}),
    )


@pytest.fixture
def trained(media, routing_categories):
    """A ready model trained on the three categories' demo reports."""
    add_training_reports(routing_categories, demo_rows())
    return routing.routing_model_train()
