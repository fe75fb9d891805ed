"""Writes to employees, their position history, interests and ratings.

Every position change writes an append-only ``PositionHistory`` row and an audit event
in the same transaction.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from penata.core.errors import ApplicationError
from penata.core.events import event_record
from penata.organization.models import EmploymentType, Position, Rank

from .models import (
    Employee,
    EmployeeStatus,
    PerformanceRating,
    PlacementInterest,
    PositionChangeKind,
    PositionHistory,
)
from .nip import NipError, normalize_nip, parse_nip

NIP_MESSAGES = {
    "format": gettext_lazy("A NIP has exactly 18 digits."),
    "birth_date": gettext_lazy("Digits 1–8 of the NIP are not a valid birth date."),
    "appointment": gettext_lazy(
        "Digits 9–14 of the NIP are not a valid appointment month (not before age 18, not in the future)."
    ),
    "sex": gettext_lazy("Digit 15 of the NIP must be 1 (male) or 2 (female)."),
    "sequence": gettext_lazy("Digits 16–18 of the NIP (sequence) cannot be 000."),
}

EMPLOYEE_FIELDS = (
    "nip",
    "employment_type",
    "full_name",
    "sex",
    "birth_date",
    "birth_place",
    "rank",
    "education_level",
    "education_field",
    "agency",
    "position",
    "position_start_date",
    "status",
    "phone",
    "email",
    "home_regency",
    "interest_note",
)


def employee_identity_errors(
    *, nip: str, employment_type: str, birth_date: date | None, sex: str, today: date | None = None
) -> dict[str, str]:
    """Field errors for an identity number that disagrees with the person (DOMAIN §1)."""
    errors: dict[str, str] = {}
    nip = normalize_nip(nip)
    if employment_type == EmploymentType.PNS:
        try:
            parts = parse_nip(nip, today=today or timezone.localdate())
        except NipError as exc:
            return {"nip": str(NIP_MESSAGES[exc.code])}
        if birth_date and parts.birth_date != birth_date:
            errors["birth_date"] = _("The birth date does not match the NIP (%(nip_date)s).") % {
                "nip_date": parts.birth_date.strftime("%d-%m-%Y")
            }
        if sex and parts.sex != sex:
            errors["sex"] = _("The sex does not match digit 15 of the NIP.")
    elif employment_type == EmploymentType.PPPK:
        # The PPPK number is 18 digits and, like the NIP, opens with the birth date.
        if len(nip) != 18 or not nip.isdigit():
            return {"nip": _("A PPPK number has exactly 18 digits.")}
        if birth_date and nip[:8] != birth_date.strftime("%Y%m%d"):
            errors["birth_date"] = _("The birth date does not match the first 8 digits of the PPPK number.")
    return errors


def employee_validate(employee: Employee) -> None:
    errors: dict[str, Any] = {}
    try:
        employee.full_clean(validate_unique=True)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if "nip" not in errors:
        for field, message in employee_identity_errors(
            nip=employee.nip,
            employment_type=employee.employment_type,
            birth_date=employee.birth_date,
            sex=employee.sex,
        ).items():
            errors.setdefault(field, []).append(message)
    if (
        employee.rank_id
        and employee.employment_type
        and "rank" not in errors
        and employee.rank.employment_type != employee.employment_type
    ):
        errors.setdefault("rank", []).append(_("A PNS has a golongan/ruang rank and a PPPK a PPPK grade."))
    if employee.position_id and employee.position.agency_id != employee.agency_id:
        errors.setdefault("position", []).append(_("The position belongs to another agency."))
    if employee.birth_date and employee.birth_date > timezone.localdate():
        errors.setdefault("birth_date", []).append(_("The birth date is in the future."))
    if errors:
        raise ValidationError(errors)


def employee_snapshot(employee: Employee) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in EMPLOYEE_FIELDS:
        value = getattr(employee, f"{name}_id" if name in {"rank", "agency", "position"} else name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def _history_row(
    *, employee: Employee, kind: str, start_date: date, reference: str, actor
) -> PositionHistory:
    return PositionHistory.objects.create(
        employee=employee,
        kind=kind,
        position=employee.position,
        agency=employee.agency,
        rank=employee.rank,
        start_date=start_date,
        reference=reference,
        actor=actor if actor is not None and actor.is_authenticated else None,
    )


@transaction.atomic
def employee_create(*, actor=None, **data) -> Employee:
    unknown = set(data) - set(EMPLOYEE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown employee fields: {sorted(unknown)}")
    data["nip"] = normalize_nip(data.get("nip", ""))
    position: Position | None = data.get("position")
    if position is not None and "agency" not in data:
        data["agency"] = position.agency
    if position is not None and not data.get("position_start_date"):
        data["position_start_date"] = timezone.localdate()
    employee = Employee(**data)
    employee_validate(employee)
    employee.save()
    if employee.position_id:
        _history_row(
            employee=employee,
            kind=PositionChangeKind.APPOINTMENT,
            start_date=employee.position_start_date,
            reference="",
            actor=actor,
        )
    event_record(
        subject=employee, action="employee.created", actor=actor, to_state=employee_snapshot(employee)
    )
    return employee


# Fields an ordinary update may change; position and rank changes have their own services
# so that each writes its history row.
UPDATABLE_FIELDS = frozenset(EMPLOYEE_FIELDS) - {"position", "position_start_date", "nip", "agency", "rank"}


@transaction.atomic
def employee_update(*, employee: Employee, actor=None, **data) -> Employee:
    not_here = set(data) - UPDATABLE_FIELDS
    if not_here:
        raise TypeError(f"Use the transfer/promotion services for: {sorted(not_here)}")
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    before = employee_snapshot(employee)
    for name, value in data.items():
        setattr(employee, name, value)
    employee_validate(employee)
    after = employee_snapshot(employee)
    if after != before:
        employee.save()
        changed = {k for k in after if after[k] != before[k]}
        event_record(
            subject=employee,
            action="employee.updated",
            actor=actor,
            from_state={k: before[k] for k in sorted(changed)},
            to_state={k: after[k] for k in sorted(changed)},
        )
    return employee


class PositionFull(ApplicationError):
    code = "position_full"
    default_message = gettext_lazy("The position has no free seat.")


@transaction.atomic
def employee_transfer(
    *,
    employee: Employee,
    position: Position | None,
    start_date: date,
    actor=None,
    kind: str = PositionChangeKind.TRANSFER,
    reference: str = "",
    allow_over_headcount: bool = False,
) -> Employee:
    """Move an employee to another position (or release them from one)."""
    from penata.organization.selectors import position_list_with_vacancies

    employee = Employee.objects.select_for_update(of=("self",)).select_related("position").get(pk=employee.pk)
    if position is not None and position.pk == employee.position_id:
        raise ApplicationError(
            _("The employee already holds this position."),
            fields={"position": [_("The employee already holds this position.")]},
        )
    if employee.status == EmployeeStatus.RETIRED:
        raise ApplicationError(_("A retired employee cannot be moved."), code="employee_retired")
    if employee.position_start_date and start_date < employee.position_start_date:
        raise ValidationError(
            {"start_date": _("The start date is before the start of the current position.")}
        )
    if position is not None and not allow_over_headcount:
        # Lock the position row so two transfers cannot both take its last seat.
        Position.objects.select_for_update().filter(pk=position.pk).first()
        if position_list_with_vacancies().get(pk=position.pk).vacancies <= 0:
            raise PositionFull(fields={"position": [PositionFull.default_message]})
    before = employee_snapshot(employee)
    employee.position = position
    employee.position_start_date = start_date if position is not None else None
    if position is not None:
        employee.agency_id = position.agency_id
    employee_validate(employee)
    employee.save()
    _history_row(employee=employee, kind=kind, start_date=start_date, reference=reference, actor=actor)
    event_record(
        subject=employee,
        action=f"employee.{kind}",
        actor=actor,
        from_state={"position": before["position"], "agency": before["agency"]},
        to_state={"position": employee.position_id, "agency": employee.agency_id},
        note=reference,
    )
    return employee


@transaction.atomic
def employee_promote(
    *,
    employee: Employee,
    rank: Rank,
    start_date: date,
    position: Position | None = None,
    actor=None,
    reference: str = "",
) -> Employee:
    """Raise an employee's rank (and optionally move them to a higher position)."""
    employee = Employee.objects.select_for_update(of=("self",)).select_related("rank").get(pk=employee.pk)
    if rank.employment_type != employee.employment_type:
        raise ValidationError({"rank": _("A PNS has a golongan/ruang rank and a PPPK a PPPK grade.")})
    if rank.order <= employee.rank.order:
        raise ValidationError({"rank": _("A promotion must raise the rank.")})
    before_rank = employee.rank_id
    employee.rank = rank
    employee.save(update_fields=["rank", "updated_at"])
    if position is not None and position.pk != employee.position_id:
        return employee_transfer(
            employee=employee,
            position=position,
            start_date=start_date,
            actor=actor,
            kind=PositionChangeKind.PROMOTION,
            reference=reference,
        )
    _history_row(
        employee=employee,
        kind=PositionChangeKind.PROMOTION,
        start_date=start_date,
        reference=reference,
        actor=actor,
    )
    event_record(
        subject=employee,
        action="employee.promotion",
        actor=actor,
        from_state={"rank": before_rank},
        to_state={"rank": rank.pk},
        note=reference,
    )
    return employee


MAX_INTERESTS = 5


@transaction.atomic
def employee_interests_set(
    *, employee: Employee, interests: list[dict[str, Any]], note: str | None = None, actor=None
) -> list[PlacementInterest]:
    """Replace the employee's ranked interests; order in the list is the preference."""
    if len(interests) > MAX_INTERESTS:
        raise ValidationError(
            {"interests": _("At most %(count)s interests can be stated.") % {"count": MAX_INTERESTS}}
        )
    rows: list[PlacementInterest] = []
    errors: dict[str, list[str]] = {}
    for index, item in enumerate(interests, start=1):
        row = PlacementInterest(
            employee=employee,
            preference=index,
            position_class=item.get("position_class") or "",
            field=(item.get("field") or "").strip(),
            agency=item.get("agency"),
        )
        try:
            row.full_clean(exclude=["employee"], validate_constraints=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(f"interests[{index}].{field}", []).extend(messages)
        if not (row.position_class or row.field or row.agency_id):
            errors.setdefault(f"interests[{index}]", []).append(
                _("Choose a position class, a field or an agency.")
            )
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    before = list(employee.interests.values("preference", "position_class", "field", "agency_id"))
    employee.interests.all().delete()
    PlacementInterest.objects.bulk_create(rows)
    if note is not None and note != employee.interest_note:
        employee.interest_note = note
        employee.save(update_fields=["interest_note", "updated_at"])
    event_record(
        subject=employee,
        action="employee.interests_set",
        actor=actor,
        from_state=before,
        to_state=[
            {
                "preference": r.preference,
                "position_class": r.position_class,
                "field": r.field,
                "agency_id": r.agency_id,
            }
            for r in rows
        ],
    )
    return rows


@transaction.atomic
def performance_rating_set(*, employee: Employee, year: int, rating: str, actor=None) -> PerformanceRating:
    existing = PerformanceRating.objects.select_for_update().filter(employee=employee, year=year).first()
    before = existing.rating if existing else None
    row = existing or PerformanceRating(employee=employee, year=year)
    row.rating = rating
    row.full_clean()
    row.save()
    if before != rating:
        event_record(
            subject=employee,
            action="employee.rating_set",
            actor=actor,
            from_state={"year": year, "rating": before},
            to_state={"year": year, "rating": rating},
        )
    return row
