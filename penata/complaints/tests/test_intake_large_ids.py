"""Ids of four digits and more reach the browser as plain digits.

The Indonesian locale groups thousands with a dot (``USE_THOUSAND_SEPARATOR``): an id
rendered as a number would become "1.234" and no longer name its row when posted back.
"""

import re

import pytest
from django.urls import reverse

from penata.organization.tests.factories import PublicServiceFactory

from .factories import ComplaintCategoryFactory

pytestmark = pytest.mark.django_db


def test_category_and_service_ids_over_a_thousand_are_posted_back_whole(client):
    category = ComplaintCategoryFactory(pk=12345, code="JALAN", name="Jalan dan jembatan")
    service = PublicServiceFactory(pk=23456, name="Perbaikan jalan provinsi")

    page = client.get(reverse("complaints:new")).content.decode()
    assert re.findall(r'<option value="([^"]*)"[^>]*>Jalan dan jembatan<', page) == ["12345"]

    services = client.get(reverse("complaints:new_services"), {"service_q": "Perbaikan"}).content.decode()
    assert re.findall(r'data-service-id="([^"]*)"', services) == ["23456"]

    response = client.post(
        reverse("complaints:new"),
        {
            "kind": "complaint",
            "category": "12345",
            "public_service": str(service.pk),
            "description": "Jalan berlubang besar di depan pasar Sofifi, membahayakan pengendara.",
            "privacy": "public",
            "reporter_name": "Siti Rahma",
            "reporter_phone": "0812 3456 7890",
        },
    )
    assert response.status_code == 302
    assert category.complaints.get().public_service_id == 23456
