"""Training needs: computed from competency gaps, or recorded for a whole unit.

- ``training_needs_compute`` turns every gap of the year into one need per employee and
  competency (source ``gap``), with its priority (``needs_priority``). It replaces the
  year's gap needs in one transaction and carries over a status somebody set by hand
  (planned, dismissed) for an (employee, competency) whose gap is still there.
- ``training_need_record`` records a need for a unit, with a reason and evidence: a head
  of unit's request, or a signal from citizens' complaints and survey answers sent by
  those apps. The same open ``signal_key`` updates one row instead of adding another.
- ``training_need_set_status`` moves a need through ``NEED_STATUS_TRANSITIONS``.
"""

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from penata.competency.counting import column, counting_cte, identifiers, table
from penata.competency.gaps import counted_staff
from penata.competency.models import Competency, PositionStandard
from penata.core.errors import ApplicationError, InvalidTransition
from penata.core.events import event_record
from penata.core.models import AuditEvent
from penata.organization.models import Agency, Unit
from penata.workforce.models import Employee

from ..models import JpLedgerEntry, NeedSource, NeedStatus, TrainingNeed
from ..needs_priority import PriorityWeights, jp_missing, need_priority

# Rows per read and per DELETE; 50,000 employees give a few hundred thousand needs at most.
BATCH_SIZE = 5000
# Statuses set by hand that a recompute keeps while the gap is still there. A need marked
# met whose gap is still there opens again: the gap says it is not met yet.
CARRIED_STATUSES = (NeedStatus.PLANNED, NeedStatus.DISMISSED)
# Needs that still ask for training.
ACTIVE_NEED_STATUSES = (NeedStatus.OPEN, NeedStatus.PLANNED)
RECORDED_SOURCES = (NeedSource.UNIT_REQUEST, NeedSource.COMPLAINTS, NeedSource.SURVEY)
SIGNAL_KEY_MAX = TrainingNeed._meta.get_field("signal_key").max_length

NEED_STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    NeedStatus.OPEN: frozenset({NeedStatus.PLANNED, NeedStatus.MET, NeedStatus.DISMISSED}),
    NeedStatus.PLANNED: frozenset({NeedStatus.OPEN, NeedStatus.MET, NeedStatus.DISMISSED}),
    NeedStatus.MET: frozenset({NeedStatus.OPEN}),
    NeedStatus.DISMISSED: frozenset({NeedStatus.OPEN}),
}


class NeedRefused(ApplicationError):
    code = "need_refused"
    default_message = _("The training need could not be recorded.")


def _refuse(field: str, message) -> NeedRefused:
    return NeedRefused(message, fields={field: [message]})


def current_year() -> int:
    return timezone.localdate().year


def priority_weights() -> PriorityWeights:
    return PriorityWeights(jp_target=settings.PENATA_JP_TARGET)


# --- computed needs ----------------------------------------------------------------------

_GAPS_SQL = """
        SELECT e.{e_id}, e.{e_agency}, p.{p_unit}, s.{s_competency}, s.{s_required}, s.{s_core},
               COALESCE(r.level, 0)
        FROM {employee} e
        JOIN staff ON staff.id = e.{e_id}
        JOIN {position} p ON p.{p_id} = e.{e_position}
        JOIN {standard} s ON s.{s_position} = p.{p_id}
        LEFT JOIN ranked r
            ON r.employee_id = e.{e_id} AND r.competency_id = s.{s_competency} AND r.position_in_history = 1
        WHERE COALESCE(r.level, 0) < s.{s_required}
    """

# What a recompute compares and writes, besides the key (employee, competency) and status.
_COMPUTED = ("agency", "unit", "current_level", "required_level", "gap", "is_core", "jp_missing", "priority")


def _gap_rows(staff) -> Iterator[tuple[int, int, int, int, int, bool, int]]:
    """(employee, agency, unit, competency, required, core factor, level) of every
    competency of the held position's standard on which the level that counts (the
    competency app's rule, ``counting.counting_cte``) is below the required level: one
    statement, whatever the number of staff."""
    if (built := counting_cte(staff)) is None:
        return
    cte, params = built
    names = {
        **identifiers(),
        "e_agency": column(Employee, "agency"),
        "s_core": column(PositionStandard, "is_core"),
    }
    sql = cte + _GAPS_SQL.format(**names)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(BATCH_SIZE):
            yield from rows


def _jp_so_far(*, year: int, agency: Agency | None) -> dict[int, Decimal]:
    """employee id → JP credited for the year, in one aggregate query over the ledger."""
    entries = JpLedgerEntry.objects.filter(year=year)
    if agency is not None:
        entries = entries.filter(employee__agency=agency)
    totals = entries.order_by().values("employee_id").annotate(total=Sum("jp"))
    return dict(totals.values_list("employee_id", "total"))


def _field(name: str):
    return TrainingNeed._meta.get_field(name)


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _copy_line(row: tuple, end: str) -> str:
    """One row of (employee, competency, status, *_COMPUTED) in COPY's text format."""
    employee, competency, status, agency, unit, current, required, gap, core, missing, priority = row
    unit = "\\N" if unit is None else unit
    core = "t" if core else "f"
    return (
        f"{employee}\t{competency}\t{status}\t{agency}\t{unit}\t"
        f"{current}\t{required}\t{gap}\t{core}\t{missing}\t{priority}{end}"
    )


def _needs_insert(rows: list[tuple], *, year: int) -> None:
    """Insert new gap needs: (employee, competency, status, *_COMPUTED) tuples. COPY on
    PostgreSQL, ``executemany`` elsewhere: building a model instance per row and preparing
    every field through the ORM cost more than the database's work for 170,000 needs."""
    if not rows:
        return
    # In the order of the (year, employee, competency) indexes, so that PostgreSQL fills their
    # pages one after another instead of jumping about: the province's 169,000 rows went
    # from 7 s to 4 s of COPY, and the foreign-key checks at commit read in order too.
    rows.sort(key=lambda row: (row[0], row[1]))
    now = timezone.now()
    names = ["employee", "competency", "status", *_COMPUTED]
    fields = [_field(name) for name in names]
    extra = {"source": NeedSource.GAP, "year": year, "reason": "", "signal_key": "", "evidence": "{}"}
    columns = [
        *(f.column for f in fields),
        *(_field(name).column for name in extra),
        _field("created_at").column,
        _field("updated_at").column,
    ]
    quote = connection.ops.quote_name
    target = f"{table(TrainingNeed)} ({', '.join(quote(c) for c in columns)})"
    tail = (*extra.values(), now, now)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if connection.vendor == "postgresql" and hasattr(raw, "copy"):
            # COPY's text format written here: psycopg's per-value adaptation (``write_row``)
            # took 2.6 s of Python for the province. Every value is a number, a boolean, a
            # timestamp or one of the fixed strings above: none holds a tab, newline or backslash.
            end = "\t" + "\t".join(_copy_text(value) for value in tail) + "\n"
            with raw.copy(f"COPY {target} FROM STDIN") as copy:
                for start in range(0, len(rows), BATCH_SIZE):
                    copy.write("".join(_copy_line(row, end) for row in rows[start : start + BATCH_SIZE]))
            return
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {target} VALUES ({placeholders})"  # noqa: S608 - quoted identifiers only
        prepared = [(*row, *tail) for row in rows]
        for start in range(0, len(prepared), BATCH_SIZE):
            cursor.executemany(sql, prepared[start : start + BATCH_SIZE])


def _needs_update(rows: list[tuple]) -> None:
    """Rewrite changed gap needs in place: (pk, status, *_COMPUTED) tuples, a thousand per
    ``UPDATE … FROM (VALUES …)`` (PostgreSQL, SQLite 3.33+), so a need keeps its id and a
    row whose keys did not move costs no foreign-key check."""
    if not rows:
        return
    names = ["status", *_COMPUTED]
    quote = connection.ops.quote_name
    columns = ["id", *(_field(name).column for name in names)]
    assignments = ", ".join(
        "{column} = CAST(v.{column} AS {type})".format(
            column=quote(_field(name).column), type=_field(name).cast_db_type(connection)
        )
        for name in names
    )
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(chunk))
            sql = (
                f"WITH v ({', '.join(quote(c) for c in columns)}) AS (VALUES {values}) "  # noqa: S608
                f"UPDATE {table(TrainingNeed)} SET {assignments}, {quote('updated_at')} = %s "
                f"FROM v WHERE {table(TrainingNeed)}.{quote('id')} = v.{quote('id')}"
            )
            params = [value for row in chunk for value in row]
            cursor.execute(sql, [*params, now])


def _stored(needs) -> dict[tuple[int, int], tuple[int, str, tuple]]:
    """(employee, competency) → (id, status, the ``_COMPUTED`` values) of stored needs,
    read with a plain cursor: the ORM's per-row conversion would cost seconds here."""
    names = ("pk", "employee_id", "competency_id", "status", *(_field(name).attname for name in _COMPUTED))
    sql, params = needs.order_by().values_list(*names).query.sql_with_params()
    jp_at, core_at = _COMPUTED.index("jp_missing"), _COMPUTED.index("is_core")
    out = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(BATCH_SIZE):
            for pk, employee_id, competency_id, status, *values in rows:
                if not isinstance(values[jp_at], Decimal):
                    # SQLite hands back a float (or an int): compare as the decimal it stands for.
                    values[jp_at] = Decimal(str(values[jp_at]))
                values[core_at] = bool(values[core_at])
                out[(employee_id, competency_id)] = (pk, status, tuple(values))
    return out


@transaction.atomic
def training_needs_compute(*, year: int, agency: Agency | None = None, actor=None) -> int:
    """Make the year's gap needs (of ``agency``'s staff, or of the province) exactly one
    need per employee and competency below standard; return how many there are.

    Counted: staff still on the payroll (active or on leave, as the gap maps count them)
    who hold a position with a standard. Needs recorded for units are left alone.

    The result is that of deleting the year's gap needs and writing them again, but only
    what changed is written: a need whose gap is still there keeps its row (its id, and a
    status set by hand: planned or dismissed; a need marked met opens again), a changed
    level, JP or priority is updated in place, a closed gap's need is deleted. Nightly
    runs then write a few rows instead of the province's 170,000 (whose index and
    foreign-key upkeep alone takes PostgreSQL longer than the computation; bench/).
    """
    target = settings.PENATA_JP_TARGET
    weights = priority_weights()
    needs = TrainingNeed.objects.filter(year=year, source=NeedSource.GAP)
    staff = counted_staff(Employee.objects.filter(position__isnull=False))
    if agency is not None:
        # The agency's needs, and those its staff still have under a former agency.
        needs = needs.filter(Q(agency=agency) | Q(employee__agency=agency))
        staff = staff.filter(agency=agency)
    existing = _stored(needs)
    jp = _jp_so_far(year=year, agency=agency)

    inserts, updates = [], []
    opened, carried = NeedStatus.OPEN.value, {str(status) for status in CARRIED_STATUSES}
    missing_of: dict[int, Decimal] = {}
    priorities: dict[tuple[int, bool, Decimal], int] = {}
    total = 0
    for employee_id, agency_id, unit_id, competency_id, required, core, level in _gap_rows(staff):
        total += 1
        missing = missing_of.get(employee_id)
        if missing is None:
            missing = missing_of[employee_id] = jp_missing(jp_so_far=jp.get(employee_id, 0), target=target)
        gap, core = required - level, bool(core)
        priority = priorities.get((gap, core, missing))
        if priority is None:
            priority = priorities[(gap, core, missing)] = need_priority(
                gap=gap, is_core=core, jp_missing=missing, weights=weights
            )
        values = (agency_id, unit_id, level, required, gap, core, missing, priority)
        old = existing.pop((employee_id, competency_id), None)
        if old is None:
            inserts.append((employee_id, competency_id, opened, *values))
            continue
        pk, status, old_values = old
        new_status = status if status in carried else opened
        if new_status != status or old_values != values:
            updates.append((pk, new_status, *values))
    deleted = [pk for pk, _status, _values in existing.values()]
    for start in range(0, len(deleted), BATCH_SIZE):
        TrainingNeed.objects.filter(pk__in=deleted[start : start + BATCH_SIZE]).delete()
    _needs_update(updates)
    _needs_insert(inserts, year=year)

    AuditEvent.objects.create(
        subject_type=TrainingNeed._meta.label_lower,
        subject_id=f"{year}:{agency.code}" if agency is not None else str(year),
        action="training_need.computed",
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        to_state={
            "year": year,
            "agency": agency.code if agency is not None else None,
            "needs": total,
            "created": len(inserts),
            "updated": len(updates),
            "deleted": len(deleted),
        },
    )
    return total


# --- recorded needs ----------------------------------------------------------------------


def _clean_record(*, agency, unit, competency, source, reason, evidence, signal_key) -> tuple[str, dict, str]:
    if source not in RECORDED_SOURCES:
        if source == NeedSource.GAP:
            raise _refuse("source", _("Gap needs are computed from the competency data, not recorded."))
        raise _refuse("source", _("Unknown source of a training need."))
    if not isinstance(agency, Agency) or agency.pk is None:
        raise _refuse("agency", _("Choose the agency the need belongs to."))
    if unit is not None and (not isinstance(unit, Unit) or unit.agency_id != agency.pk):
        raise _refuse("unit", _("The unit does not belong to this agency."))
    if competency is not None and (not isinstance(competency, Competency) or not competency.is_active):
        raise _refuse("competency", _("Choose an active competency."))
    reason = (reason or "").strip()
    if not reason:
        raise _refuse("reason", _("Give the reason for the need."))
    if evidence is None:
        evidence = {}
    if not isinstance(evidence, dict):
        raise _refuse("evidence", _("Evidence is a set of named values (a JSON object)."))
    signal_key = (signal_key or "").strip()
    if len(signal_key) > SIGNAL_KEY_MAX:
        raise _refuse(
            "signal_key",
            _("The signal key is longer than %(max)d characters.") % {"max": SIGNAL_KEY_MAX},
        )
    return reason, evidence, signal_key


def _state(need: TrainingNeed) -> dict:
    return {
        "source": need.source,
        "status": need.status,
        "agency": need.agency_id,
        "unit": need.unit_id,
        "competency": need.competency_id,
        "year": need.year,
        "signal_key": need.signal_key,
    }


def _merge(*, need: TrainingNeed, reason: str, evidence: dict, actor) -> TrainingNeed:
    before = {"reason": need.reason, "evidence": need.evidence}
    need.reason = reason
    need.evidence = {**need.evidence, **evidence}
    need.save(update_fields=["reason", "evidence", "updated_at"])
    event_record(
        subject=need,
        action="training_need.signal_updated",
        actor=actor,
        from_state=before,
        to_state={"reason": need.reason, "evidence": need.evidence},
    )
    return need


@transaction.atomic
def training_need_record(
    *,
    agency: Agency,
    unit: Unit | None = None,
    competency: Competency | None = None,
    source: str,
    reason: str,
    evidence: dict | None = None,
    signal_key: str = "",
    actor=None,
    year: int | None = None,
) -> TrainingNeed:
    """Record a training need for a unit (or a whole agency), with its reason and evidence.

    Other apps send citizens' feedback here (``source`` complaints or survey) with a
    ``signal_key`` naming the signal (e.g. ``"survey:DK-SIPB:2026-Q1:U5"``): while a need
    with that key is open or planned, recording it again updates that need (reason
    replaced, evidence merged key by key, newer values win) instead of adding one.
    Raises ``NeedRefused`` naming the field; nothing is written then.
    """
    reason, evidence, signal_key = _clean_record(
        agency=agency,
        unit=unit,
        competency=competency,
        source=source,
        reason=reason,
        evidence=evidence,
        signal_key=signal_key,
    )
    if signal_key:
        existing = (
            TrainingNeed.objects.select_for_update()
            .filter(signal_key=signal_key, status__in=ACTIVE_NEED_STATUSES)
            .first()
        )
        if existing is not None:
            if existing.agency_id != agency.pk:
                raise _refuse("signal_key", _("This signal is already recorded for another agency."))
            return _merge(need=existing, reason=reason, evidence=evidence, actor=actor)
    need = TrainingNeed(
        source=source,
        agency=agency,
        unit=unit,
        competency=competency,
        year=year or current_year(),
        reason=reason,
        evidence=evidence,
        signal_key=signal_key,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    try:
        # Two senders of one new signal at once: the partial unique index lets one insert
        # win; the other then merges into it.
        with transaction.atomic():
            need.save()
    except IntegrityError:
        if not signal_key:
            raise
        existing = (
            TrainingNeed.objects.select_for_update()
            .filter(signal_key=signal_key, status__in=ACTIVE_NEED_STATUSES)
            .get()
        )
        if existing.agency_id != agency.pk:
            raise _refuse("signal_key", _("This signal is already recorded for another agency.")) from None
        return _merge(need=existing, reason=reason, evidence=evidence, actor=actor)
    event_record(subject=need, action="training_need.recorded", actor=actor, to_state=_state(need))
    return need


@transaction.atomic
def training_need_set_status(*, need: TrainingNeed, status: str, actor=None, note: str = "") -> TrainingNeed:
    """Mark a need planned, met or dismissed, or open it again (``NEED_STATUS_TRANSITIONS``)."""
    need = TrainingNeed.objects.select_for_update().get(pk=need.pk)
    allowed = NEED_STATUS_TRANSITIONS.get(need.status, frozenset())
    if status not in allowed:
        raise InvalidTransition(
            _("A need that is %(current)s cannot be marked %(status)s.")
            % {
                "current": NeedStatus(need.status).label,
                "status": NeedStatus(status).label if status in NeedStatus.values else status,
            },
            fields={"status": [_("Not allowed from the current status.")]},
        )
    if (
        status in ACTIVE_NEED_STATUSES
        and need.signal_key
        and TrainingNeed.objects.filter(signal_key=need.signal_key, status__in=ACTIVE_NEED_STATUSES)
        .exclude(pk=need.pk)
        .exists()
    ):
        raise InvalidTransition(
            _("A newer need from the same signal is open; update that one instead."),
            fields={"status": [_("Not allowed while a newer need from the same signal is open.")]},
        )
    before = need.status
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    event_record(
        subject=need,
        action="training_need.status_changed",
        actor=actor,
        from_state=before,
        to_state=status,
        note=(note or "").strip(),
    )
    return need
