"""Class-default standards for many positions at once.

``services.position_standards_apply_class_defaults`` calls ``position_standard_set`` per
position (about five queries each): fine for one position, minutes of round trips for an
agency with thousands. This variant writes the same rows and the same
``position.standard_set`` events in a fixed number of statements, and only touches
positions without a standard (it never overwrites).
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from penata.core.events import events_record_many
from penata.organization.models import Position

from .dictionary import DICTIONARY
from .models import Competency, PositionStandard
from .services import CLASS_DEFAULT_LEVELS


@dataclass(frozen=True)
class ClassDefaultsResult:
    applied: int  # positions that got a standard
    kept: int  # positions that already had one and were left alone


def _insert_class_default_rows(position_ids: list[int], codes: list[str]) -> None:
    """One row per (position, dictionary competency) at the position class's default level,
    built by the database with INSERT ... SELECT.

    ``bulk_create`` prepares each of the ~9 × positions values in Python (4.5 s for 2,500
    positions on SQLite here, against 0.6 s in the database), and large multi-row VALUES
    spend as long in the driver's placeholder handling. Here only ids travel; the level
    comes from a CASE over the class. Same table and constraints: the database still
    refuses a duplicate or a bad level.
    """
    ops = connection.ops
    standard, position, competency = PositionStandard._meta, Position._meta, Competency._meta
    names = ("created_at", "updated_at", "position", "competency", "required_level", "is_core")
    columns = ", ".join(ops.quote_name(standard.get_field(name).column) for name in names)
    position_id = "p." + ops.quote_name(position.pk.column)
    competency_id = "c." + ops.quote_name(competency.pk.column)
    position_class = "p." + ops.quote_name(position.get_field("position_class").column)
    competency_code = "c." + ops.quote_name(competency.get_field("code").column)
    classes = list(CLASS_DEFAULT_LEVELS.items())
    level = f"CASE {position_class} {' '.join(['WHEN %s THEN %s'] * len(classes))} END"
    tables = f"{ops.quote_name(position.db_table)} p, {ops.quote_name(competency.db_table)} c"
    now = ops.adapt_datetimefield_value(timezone.now())
    head = [now, now, *(value for pair in classes for value in (str(pair[0]), pair[1])), True]
    codes_in = ", ".join(["%s"] * len(codes))
    # Stay under SQLite's 999 parameters per statement.
    per_statement = 900 - len(head) - len(codes)
    with connection.cursor() as cursor:
        for start in range(0, len(position_ids), per_statement):
            chunk = position_ids[start : start + per_statement]
            ids_in = ", ".join(["%s"] * len(chunk))
            # Only the models' own (quoted) table and column names are in the text; values are parameters.
            sql = (
                f"INSERT INTO {ops.quote_name(standard.db_table)} ({columns}) "  # noqa: S608
                f"SELECT %s, %s, {position_id}, {competency_id}, {level}, %s FROM {tables} "
                f"WHERE {position_id} IN ({ids_in}) AND {competency_code} IN ({codes_in})"
            )
            cursor.execute(sql, [*head, *chunk, *codes])


def positions_without_standard(positions: QuerySet[Position]) -> QuerySet[Position]:
    return positions.filter(~Exists(PositionStandard.objects.filter(position=OuterRef("pk"))))


@transaction.atomic
def position_standards_apply_class_defaults_bulk(
    *, positions: QuerySet[Position], actor=None
) -> ClassDefaultsResult:
    """Give every position of ``positions`` without a standard its class's default levels
    for the managerial and sociocultural competencies; one event per position.

    All or nothing: if another user sets a standard of one of these positions meanwhile,
    the unique constraint fails and nothing of this call is kept.
    """
    codes = [entry.code for entry in DICTIONARY]
    candidates = positions.order_by().values("pk")
    total = Position.objects.filter(pk__in=candidates).count()
    todo = list(
        positions_without_standard(Position.objects.filter(pk__in=candidates))
        .select_for_update()
        .order_by("pk")
        .only("pk", "position_class")
    )
    _insert_class_default_rows([position.pk for position in todo], codes)
    events_record_many(
        subjects=todo,
        action="position.standard_set",
        actor=actor,
        to_state=lambda position: dict.fromkeys(codes, CLASS_DEFAULT_LEVELS[position.position_class]),
    )
    return ClassDefaultsResult(applied=len(todo), kept=total - len(todo))
