"""Loading the complaint categories."""

import csv
import logging
from pathlib import Path

from django.db import transaction

from penata.organization.models import Agency

from ..models import (
    ComplaintCategory,
)
from .common import CATEGORIES_CSV

logger = logging.getLogger(__name__)


# --- categories -------------------------------------------------------------------------


@transaction.atomic
def complaint_categories_load(*, path: Path = CATEGORIES_CSV) -> int:
    """Create or update categories from a CSV of code,name,default_agency,description. Idempotent."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    agencies = dict(Agency.objects.values_list("code", "pk"))
    for row in rows:
        code = row["code"].strip()
        agency_code = (row.get("default_agency") or "").strip()
        agency_id = agencies.get(agency_code)
        if agency_code and agency_id is None:
            logger.warning("Complaint category %s: unknown agency %s; left without one.", code, agency_code)
        ComplaintCategory.objects.update_or_create(
            code=code,
            defaults={
                "name": row["name"].strip(),
                "description": (row.get("description") or "").strip(),
                "default_agency_id": agency_id,
            },
        )
    return len(rows)
