"""Writes to the competency dictionary, position standards and assessments."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penata.core.errors import InvalidTransition
from penata.core.events import event_record, events_record_pairs
from penata.organization.models import Position, PositionClass
from penata.workforce.models import Employee

from .dictionary import DICTIONARY
from .models import Assessment, AssessmentMethod, Competency, CompetencyKind, PositionStandard

# Managerial level commonly applied per position class (DOMAIN §2). Not confirmed from the
# regulation's annex, so it only seeds standards, which stay editable per position.
CLASS_DEFAULT_LEVELS = {
    PositionClass.JPT_UTAMA: 5,
    PositionClass.JPT_MADYA: 5,
    PositionClass.JPT_PRATAMA: 4,
    PositionClass.ADMINISTRATOR: 3,
    PositionClass.PENGAWAS: 2,
    PositionClass.PELAKSANA: 1,
    PositionClass.AHLI_UTAMA: 4,
    PositionClass.AHLI_MADYA: 3,
    PositionClass.AHLI_MUDA: 2,
    PositionClass.AHLI_PERTAMA: 1,
    PositionClass.PENYELIA: 2,
    PositionClass.MAHIR: 1,
    PositionClass.TERAMPIL: 1,
    PositionClass.PEMULA: 1,
}


# Competency assessment of civil servants is recorded from the 2000s (PP 101/2000 on
# their education and training); an earlier date is a typing error.
EARLIEST_ASSESSMENT = date(2000, 1, 1)


def _levels_json(entry) -> list[dict]:
    return [{"level": lv.level, "title": lv.title, "indicators": list(lv.indicators)} for lv in entry.levels]


@transaction.atomic
def competency_dictionary_load() -> int:
    """Create or update M.01–M.08 and SK.01 from the regulation's dictionary. Idempotent."""
    for entry in DICTIONARY:
        Competency.objects.update_or_create(
            code=entry.code,
            defaults={
                "name": entry.name,
                "kind": entry.kind,
                "agency": None,
                "description": entry.description,
                "levels": _levels_json(entry),
            },
        )
    return len(DICTIONARY)


def _check_level(value, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError({field: _("A level is a whole number from 1 to 5.")})
    return value


@transaction.atomic
def position_standard_set(
    *, position: Position, requirements: dict[str, tuple[int, bool]], actor=None
) -> list[PositionStandard]:
    """Replace the position's standard: competency code → (required level, core factor)."""
    competencies = {c.code: c for c in Competency.objects.filter(code__in=requirements, is_active=True)}
    errors: dict[str, list[str]] = {}
    for code, (level, _is_core) in requirements.items():
        competency = competencies.get(code)
        if competency is None:
            errors.setdefault(code, []).append(_("Unknown competency."))
            continue
        if competency.kind == CompetencyKind.TECHNICAL and competency.agency_id != position.agency_id:
            errors.setdefault(code, []).append(_("A technical competency of another agency."))
        try:
            _check_level(level, code)
        except ValidationError as exc:
            errors.setdefault(code, []).extend(exc.message_dict[code])
    if errors:
        raise ValidationError(errors)
    existing = PositionStandard.objects.filter(position=position).select_related("competency")
    before = {s.competency.code: s.required_level for s in existing}
    secondary_before = sorted(s.competency.code for s in existing if not s.is_core)
    PositionStandard.objects.filter(position=position).delete()
    rows = PositionStandard.objects.bulk_create(
        [
            PositionStandard(
                position=position, competency=competencies[code], required_level=level, is_core=core
            )
            for code, (level, core) in sorted(requirements.items())
        ]
    )
    after = {code: level for code, (level, _core) in requirements.items()}
    secondary_after = sorted(code for code, (_level, core) in requirements.items() if not core)
    if before != after or secondary_before != secondary_after:
        # The states hold the levels; a change of core/secondary factors is told in the note.
        note = (
            "" if secondary_before == secondary_after else "secondary factors: " + ", ".join(secondary_after)
        )
        event_record(
            subject=position,
            action="position.standard_set",
            actor=actor,
            from_state=before,
            to_state=after,
            note=note,
        )
    return rows


def position_standards_apply_class_defaults(*, positions, actor=None, overwrite: bool = False) -> int:
    """Give positions the managerial and sociocultural levels their class commonly needs.

    Positions that already have a standard keep it unless ``overwrite``. Returns how many
    positions got a standard.
    """
    codes = [e.code for e in DICTIONARY]
    done = 0
    for position in positions:
        if not overwrite and PositionStandard.objects.filter(position=position).exists():
            continue
        level = CLASS_DEFAULT_LEVELS[position.position_class]
        requirements = dict.fromkeys(codes, (level, True))
        position_standard_set(position=position, requirements=requirements, actor=actor)
        done += 1
    return done


@dataclass(frozen=True)
class AssessmentInput:
    """One assessment to record (the import builds many; the form and the API one)."""

    employee: Employee
    competency: Competency
    level: int
    assessed_on: date
    method: str
    assessor_name: str = ""
    note: str = ""


ASSESSOR_NAME_MAX = Assessment._meta.get_field("assessor_name").max_length


def assessment_problems(item: AssessmentInput) -> dict[str, str]:
    """Field → message for everything wrong with ``item``; empty when it may be recorded.
    Reads no database: the import checks thousands of rows with it."""
    problems: dict[str, str] = {}
    level = item.level
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        problems["level"] = _("A level is a whole number from 1 to 5.")
    if item.assessed_on > timezone.localdate():
        problems["assessed_on"] = _("The assessment date is in the future.")
    elif item.assessed_on < EARLIEST_ASSESSMENT:
        problems["assessed_on"] = _("The assessment date is before 2000.")
    if (
        item.competency.kind == CompetencyKind.TECHNICAL
        and item.competency.agency_id != item.employee.agency_id
    ):
        problems["competency"] = _("A technical competency of another agency.")
    if item.method not in AssessmentMethod.values:
        problems["method"] = _("Unknown assessment method.")
    if len(item.assessor_name) > ASSESSOR_NAME_MAX:
        problems["assessor_name"] = _("At most %(count)d characters.") % {"count": ASSESSOR_NAME_MAX}
    return problems


def _assessed_state(item) -> dict:
    return {
        "competency": item.competency.code,
        "level": item.level,
        "method": item.method,
        "on": item.assessed_on.isoformat(),
    }


def _new_assessment(item: AssessmentInput, actor) -> Assessment:
    return Assessment(
        employee=item.employee,
        competency=item.competency,
        level=item.level,
        assessed_on=item.assessed_on,
        method=item.method,
        assessor=actor if actor is not None and actor.is_authenticated else None,
        assessor_name=item.assessor_name,
        note=item.note,
    )


@transaction.atomic
def assessment_record(
    *,
    employee: Employee,
    competency: Competency,
    level: int,
    assessed_on: date,
    method: str,
    actor=None,
    assessor_name: str = "",
    note: str = "",
) -> Assessment:
    item = AssessmentInput(employee, competency, level, assessed_on, method, assessor_name, note)
    if problems := assessment_problems(item):
        raise ValidationError(problems)
    assessment = _new_assessment(item, actor)
    assessment.full_clean()
    assessment.save()
    event_record(subject=employee, action="employee.assessed", actor=actor, to_state=_assessed_state(item))
    return assessment


@transaction.atomic
def assessments_record_many(*, items: list[AssessmentInput], actor=None) -> list[Assessment]:
    """Record many assessments at once (an assessment-centre file): the same checks and the
    same ``employee.assessed`` event per assessment as ``assessment_record``, written in a
    few INSERTs. Any problem refuses them all; the error names ``<index>.<field>``."""
    errors = {
        f"{index}.{field}": [message]
        for index, item in enumerate(items)
        for field, message in assessment_problems(item).items()
    }
    if errors:
        raise ValidationError(errors)
    created = Assessment.objects.bulk_create(
        [_new_assessment(item, actor) for item in items], batch_size=1000
    )
    events_record_pairs(
        pairs=[(item.employee, _assessed_state(item)) for item in items],
        action="employee.assessed",
        actor=actor,
    )
    return created


@transaction.atomic
def assessment_invalidate(*, assessment: Assessment, reason: str, actor=None) -> Assessment:
    """Mark an assessment entered in error as invalid. It stays in the history, shown as
    invalid, and the previous valid one of the competency counts again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the assessment is invalid.")})
    locked = Assessment.objects.select_for_update().select_related("competency").get(pk=assessment.pk)
    if not locked.is_valid:
        raise InvalidTransition(_("The assessment is already marked invalid."))
    locked.is_valid = False
    locked.save(update_fields=["is_valid", "updated_at"])
    event_record(
        subject=locked.employee,
        action="employee.assessment_invalidated",
        actor=actor,
        from_state={"assessment": locked.pk, "valid": True},
        to_state={"assessment": locked.pk, "valid": False, **_assessed_state(locked)},
        note=reason[:1000],
    )
    return locked


TECHNICAL_FIELDS = ("name", "description", "levels", "is_active")


def _check_levels_json(levels) -> None:
    """Technical levels: empty, or five entries {level 1–5, title, indicators}."""
    if not levels:
        return
    ok = (
        isinstance(levels, list)
        and [entry.get("level") if isinstance(entry, dict) else None for entry in levels] == [1, 2, 3, 4, 5]
        and all(isinstance(entry.get("title", ""), str) for entry in levels)
        and all(
            isinstance(entry.get("indicators", []), list)
            and all(isinstance(i, str) for i in entry.get("indicators", []))
            for entry in levels
        )
    )
    if not ok:
        raise ValidationError(
            {"levels": _("Give the five levels 1 to 5 in order, each with a title and a list of indicators.")}
        )


@transaction.atomic
def competency_technical_create(
    *, agency, code: str, name: str, description: str = "", levels=None, actor=None
) -> Competency:
    """A technical competency of the agency's field (Permen PANRB 38/2017)."""
    levels = levels or []
    _check_levels_json(levels)
    competency = Competency(
        code=code.strip().upper(),
        name=name.strip(),
        kind=CompetencyKind.TECHNICAL,
        agency=agency,
        description=description,
        levels=levels,
    )
    competency.full_clean()
    competency.save()
    event_record(
        subject=competency,
        action="competency.created",
        actor=actor,
        to_state={"code": competency.code, "name": competency.name, "agency": agency.code},
    )
    return competency


@transaction.atomic
def competency_technical_update(*, competency: Competency, actor=None, **changes) -> Competency:
    unknown = set(changes) - set(TECHNICAL_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if competency.kind != CompetencyKind.TECHNICAL:
        raise ValidationError(
            {"kind": _("Only technical competencies are edited here; the dictionary is fixed.")}
        )
    if "levels" in changes:
        _check_levels_json(changes["levels"])
    before = {name: getattr(competency, name) for name in changes}
    for name, value in changes.items():
        setattr(competency, name, value)
    competency.full_clean()
    competency.save()
    after = {name: getattr(competency, name) for name in changes}
    if before != after:
        event_record(
            subject=competency, action="competency.updated", actor=actor, from_state=before, to_state=after
        )
    return competency
