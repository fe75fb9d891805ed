"""Writes to agencies, units, positions and public services."""

import csv
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from penata.core.events import event_record

from .models import EDUCATION_ORDER, Agency, AgencyKind, Position, PublicService, Rank, Unit

AGENCIES_CSV = Path(__file__).resolve().parent / "data" / "agencies.csv"

# Agencies whose front desks serve citizens directly (public services, complaints, IKM).
PUBLIC_FACING_KINDS = {AgencyKind.SERVICE, AgencyKind.HOSPITAL}


@transaction.atomic
def agencies_load(*, path: Path = AGENCIES_CSV) -> int:
    """Create or update agencies from a CSV of code,name,kind,parent_code. Idempotent."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kinds = set(AgencyKind.values)
    for number, row in enumerate(rows, start=2):
        if row["kind"] not in kinds:
            raise ValidationError(
                {
                    "kind": _("Row %(row)s: unknown agency kind “%(kind)s”.")
                    % {"row": number, "kind": row["kind"]}
                }
            )
    by_code: dict[str, Agency] = {}
    for row in rows:
        agency, _created = Agency.objects.update_or_create(
            code=row["code"].strip(),
            defaults={
                "name": row["name"].strip(),
                "kind": row["kind"],
                "serves_public": row["kind"] in PUBLIC_FACING_KINDS,
            },
        )
        by_code[agency.code] = agency
    for row in rows:
        parent_code = (row.get("parent_code") or "").strip()
        agency = by_code[row["code"].strip()]
        parent = by_code.get(parent_code) or (
            Agency.objects.filter(code=parent_code).first() if parent_code else None
        )
        if parent_code and parent is None:
            raise ValidationError(
                {"parent_code": _("Unknown parent agency “%(code)s”.") % {"code": parent_code}}
            )
        if agency.parent_id != (parent.pk if parent else None):
            agency.parent = parent
            agency.save(update_fields=["parent", "updated_at"])
    return len(rows)


def unit_validate(*, agency: Agency, parent: Unit | None) -> None:
    if parent is not None and parent.agency_id != agency.pk:
        raise ValidationError({"parent": _("The parent unit belongs to another agency.")})


@transaction.atomic
def unit_create(*, agency: Agency, code: str, name: str, parent: Unit | None = None, actor=None) -> Unit:
    unit_validate(agency=agency, parent=parent)
    unit = Unit(agency=agency, code=code, name=name, parent=parent)
    unit.full_clean()
    unit.save()
    event_record(subject=unit, action="unit.created", actor=actor, to_state={"code": code, "name": name})
    return unit


def position_validate(
    *, unit: Unit, min_rank: Rank | None, max_rank: Rank | None, required_education_level: str
) -> None:
    errors: dict[str, str] = {}
    if min_rank and max_rank:
        if min_rank.employment_type != max_rank.employment_type:
            errors["max_rank"] = _("The lowest and highest rank must be of the same kind (PNS or PPPK).")
        elif min_rank.order > max_rank.order:
            errors["max_rank"] = _("The highest eligible rank is below the lowest eligible rank.")
    if required_education_level and required_education_level not in EDUCATION_ORDER:
        errors["required_education_level"] = _("Unknown education level.")
    if errors:
        raise ValidationError(errors)


POSITION_FIELDS = (
    "code",
    "title",
    "position_class",
    "unit",
    "min_rank",
    "max_rank",
    "required_education_level",
    "required_education_fields",
    "headcount_needed",
)


def position_snapshot(position: Position) -> dict[str, Any]:
    return {
        "code": position.code,
        "title": position.title,
        "position_class": position.position_class,
        "unit": position.unit_id,
        "min_rank": position.min_rank_id,
        "max_rank": position.max_rank_id,
        "required_education_level": position.required_education_level,
        "required_education_fields": list(position.required_education_fields or []),
        "headcount_needed": position.headcount_needed,
    }


@transaction.atomic
def position_create(*, actor=None, **data) -> Position:
    unknown = set(data) - set(POSITION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown position fields: {sorted(unknown)}")
    unit: Unit = data["unit"]
    position_validate(
        unit=unit,
        min_rank=data.get("min_rank"),
        max_rank=data.get("max_rank"),
        required_education_level=data.get("required_education_level", ""),
    )
    position = Position(agency_id=unit.agency_id, **data)
    position.required_education_fields = [
        f.strip() for f in position.required_education_fields or [] if f.strip()
    ]
    position.full_clean()
    position.save()
    event_record(
        subject=position, action="position.created", actor=actor, to_state=position_snapshot(position)
    )
    return position


@transaction.atomic
def position_update(*, position: Position, actor=None, **data) -> Position:
    unknown = set(data) - set(POSITION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown position fields: {sorted(unknown)}")
    before = position_snapshot(position)
    for name, value in data.items():
        setattr(position, name, value)
    if "unit" in data and position.unit.agency_id != position.agency_id:
        # A position keeps its agency; moving it between agencies is a reorganization
        # that would silently move its holders, so it is refused.
        raise ValidationError({"unit": _("A position cannot move to a unit of another agency.")})
    position_validate(
        unit=position.unit,
        min_rank=position.min_rank,
        max_rank=position.max_rank,
        required_education_level=position.required_education_level,
    )
    position.required_education_fields = [
        f.strip() for f in position.required_education_fields or [] if f.strip()
    ]
    position.full_clean()
    position.save()
    after = position_snapshot(position)
    if after != before:
        event_record(
            subject=position, action="position.updated", actor=actor, from_state=before, to_state=after
        )
    return position


SERVICE_FIELDS = tuple(
    f.name
    for f in PublicService._meta.get_fields()
    if getattr(f, "concrete", False) and f.name not in {"id", "created_at", "updated_at", "agency"}
)


@transaction.atomic
def public_service_create(*, agency: Agency, actor=None, **data) -> PublicService:
    unit = data.get("unit")
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationError({"unit": _("The unit belongs to another agency.")})
    service = PublicService(agency=agency, **data)
    service.full_clean()
    service.save()
    event_record(
        subject=service, action="public_service.created", actor=actor, to_state={"code": service.code}
    )
    return service


@transaction.atomic
def public_service_update(*, service: PublicService, actor=None, **data) -> PublicService:
    unit = data.get("unit")
    if unit is not None and unit.agency_id != service.agency_id:
        raise ValidationError({"unit": _("The unit belongs to another agency.")})
    changed = {k: str(v) for k, v in data.items() if getattr(service, k) != v}
    for name, value in data.items():
        setattr(service, name, value)
    service.full_clean()
    service.save()
    if changed:
        event_record(subject=service, action="public_service.updated", actor=actor, to_state=changed)
    return service
