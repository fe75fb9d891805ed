from datetime import datetime

import pytest
from django.utils import translation

from penata.accounts.models import Role
from penata.complaints.services import common, complaint_submit
from penata.core.workdays import WIT

from .factories import ComplaintCategoryFactory


class Clock:
    """The services' clock, set by the test (``common.now`` is the one place they read time)."""

    def __init__(self, monkeypatch):
        self.current = datetime(2026, 3, 6, 10, 0, tzinfo=WIT)
        monkeypatch.setattr(common, "now", lambda: self.current)

    def set(self, *args) -> datetime:
        self.current = datetime(*args, tzinfo=WIT)
        return self.current


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in their English source text.
    with translation.override("en"):
        yield


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def category(db):
    return ComplaintCategoryFactory(code="JALAN", name="Jalan dan jembatan")


@pytest.fixture
def verifier(make_user, agency_a):
    return make_user(Role.COMPLAINT_VERIFIER, agency_a, username="verifier")


@pytest.fixture
def officer_a(make_user, agency_a):
    return make_user(Role.COMPLAINT_OFFICER, agency_a, username="officer_a")


@pytest.fixture
def officer_b(make_user, agency_b):
    return make_user(Role.COMPLAINT_OFFICER, agency_b, username="officer_b")


@pytest.fixture
def submit(category):
    def make(**overrides):
        values = {
            "kind": "complaint",
            "category": category,
            "description": "Jalan di Sofifi berlubang besar.",
            "privacy": "public",
            "reporter_name": "Siti Rahma",
            "reporter_email": "siti@example.test",
        }
        values.update(overrides)
        return complaint_submit(**values)

    return make
