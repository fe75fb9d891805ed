"""The level that counts, in SQL: one window over the assessments of a set of staff.

The latest valid assessment of each (employee, competency) that is not a
self-assessment counts (ties on the date: the last recorded). Gap maps, JPM against the
held position and the talent grid all read it this way, so the province is one
statement on SQLite (3.35+, for ``NOT MATERIALIZED``) and PostgreSQL, never a query per employee.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

from penata.organization.models import Position
from penata.workforce.models import Employee

from .models import Assessment, AssessmentMethod, PositionStandard


def column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# ``staff`` holds the employee ids; ``ranked`` every counting assessment of theirs with its
# place in the history (1 = the one that counts).
_CTE = """
    WITH staff (id) AS NOT MATERIALIZED ({staff}),
    ranked AS (
        SELECT a.{a_employee} AS employee_id, a.{a_competency} AS competency_id, a.{a_level} AS level,
               ROW_NUMBER() OVER (
                   PARTITION BY a.{a_employee}, a.{a_competency}
                   ORDER BY a.{a_date} DESC, a.{a_id} DESC
               ) AS position_in_history
        FROM {assessment} a
        WHERE a.{a_valid} = %s AND a.{a_method} <> %s AND a.{a_employee} IN (SELECT id FROM staff)
    )
"""


def identifiers() -> dict[str, str]:
    """Quoted table and column names for the statements built on ``counting_cte``."""
    return {
        "assessment": table(Assessment),
        "a_employee": column(Assessment, "employee"),
        "a_competency": column(Assessment, "competency"),
        "a_level": column(Assessment, "level"),
        "a_date": column(Assessment, "assessed_on"),
        "a_id": column(Assessment, "id"),
        "a_valid": column(Assessment, "is_valid"),
        "a_method": column(Assessment, "method"),
        "employee": table(Employee),
        "e_id": column(Employee, "id"),
        "e_position": column(Employee, "position"),
        "position": table(Position),
        "p_id": column(Position, "id"),
        "p_unit": column(Position, "unit"),
        "p_agency": column(Position, "agency"),
        "standard": table(PositionStandard),
        "s_position": column(PositionStandard, "position"),
        "s_competency": column(PositionStandard, "competency"),
        "s_required": column(PositionStandard, "required_level"),
    }


def counting_cte(staff: QuerySet) -> tuple[str, list] | None:
    """``WITH staff, ranked`` for the employees of ``staff`` (a queryset), with its params;
    None when ``staff`` can match nothing (an empty id list), so there is nothing to read.

    Only the staff subquery's SQL and the models' quoted identifiers are formatted in;
    every value is a parameter.
    """
    try:
        staff_sql, staff_params = staff.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None
    sql = _CTE.format(staff=staff_sql, **identifiers())
    return sql, [*staff_params, True, AssessmentMethod.SELF.value]


def counting_levels(*, staff: QuerySet) -> list[tuple[int, int, int]]:
    """(employee id, competency id, level) of every level that counts for ``staff``."""
    if (built := counting_cte(staff)) is None:
        return []
    cte, params = built
    sql = cte + "SELECT employee_id, competency_id, level FROM ranked WHERE position_in_history = 1"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def held_position_match(*, staff: QuerySet) -> list[tuple[int, int, int]]:
    """(employee id, Σ min(level, required), Σ required) against the held position's
    standard, for the staff whose position has one: the JPM's numerator and denominator
    summed in the database."""
    if (built := counting_cte(staff)) is None:
        return []
    cte, params = built
    sql = cte + (
        """
        SELECT e.{e_id},
               SUM(CASE WHEN COALESCE(r.level, 0) < s.{s_required} THEN COALESCE(r.level, 0)
                        ELSE s.{s_required} END),
               SUM(s.{s_required})
        FROM {employee} e
        JOIN staff ON staff.id = e.{e_id}
        JOIN {standard} s ON s.{s_position} = e.{e_position}
        LEFT JOIN ranked r
            ON r.employee_id = e.{e_id} AND r.competency_id = s.{s_competency} AND r.position_in_history = 1
        GROUP BY e.{e_id}
        """.format(**identifiers())  # noqa: S608 - quoted identifiers only
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
