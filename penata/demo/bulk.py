"""Inserting many rows fast (the benchmark province has ~400,000 of them).

``bulk_create`` spends most of its time building model instances, compiling SQL per
small batch and preparing every value through the query compiler. Here primary keys are
reserved first (from the sequence on PostgreSQL; above the table's highest id inside the
write transaction on SQLite), plain values (text, numbers, ids) pass through unchanged,
the others are prepared by their field, and rows go to the database with ``COPY`` on
PostgreSQL and ``executemany`` on SQLite. Other databases fall back to ``bulk_create``.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

BATCH_SIZE = 5000

_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def _reserve_ids(connection, model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the write transaction holds the database lock, so nobody else can take
        # these ids; AUTOINCREMENT tables also remember ids of deleted rows.
        cursor.execute(f"SELECT COALESCE(MAX({quote(column)}), 0) FROM {quote(table)}")  # noqa: S608
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table])
        highest = max(highest, cursor.fetchone()[0])
    return list(range(highest + 1, highest + 1 + count))


def _converter(field: models.Field, connection) -> Callable[[Any], Any] | None:
    """How a field's Python value becomes a database value; None: unchanged."""
    if field.is_relation or isinstance(field, _PLAIN):
        return None
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datefield_value
    return lambda value: field.get_db_prep_save(value, connection)


def _connection(model):
    connection = connections[router.db_for_write(model)]
    if connection.vendor in ("sqlite", "postgresql") and not connection.in_atomic_block:
        raise RuntimeError("Bulk inserts reserve ids and must run inside a transaction.")
    return connection


def _write(connection, model, fields: list[models.Field], rows: list[list[Any]]) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if connection.vendor == "postgresql" and hasattr(raw, "copy"):
            # psycopg 3: COPY streams the rows in one command, no per-row round trips.
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = "INSERT INTO {table} ({columns}) VALUES ({values})".format(  # noqa: S608
            table=table, columns=columns, values=", ".join(["%s"] * len(fields))
        )
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + BATCH_SIZE])


def _stamped(field: models.Field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def insert(objs: Sequence[models.Model]) -> None:
    """Insert unsaved instances of one model and set their primary keys."""
    if not objs:
        return
    model = type(objs[0])
    connection = _connection(model)
    if connection.vendor not in ("sqlite", "postgresql"):  # pragma: no cover
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        return
    fields = list(model._meta.concrete_fields)
    now = timezone.now()
    for obj, pk in zip(objs, _reserve_ids(connection, model, len(objs)), strict=True):
        obj.pk = pk
        for field in fields:
            if _stamped(field):
                setattr(obj, field.attname, now)
    prepare = []
    for field in fields:
        to_db = _converter(field, connection)
        if _stamped(field):
            # The same time for every row: prepare it once.
            value = now if to_db is None else to_db(now)
            to_db = lambda _value, value=value: value  # noqa: E731
        prepare.append((field.attname, to_db))
    rows = [
        [getattr(obj, name) if to_db is None else to_db(getattr(obj, name)) for name, to_db in prepare]
        for obj in objs
    ]
    _write(connection, model, fields, rows)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def insert_rows(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows given as ``{attname: value}``; omitted fields take their default.

    For append-only tables whose rows nobody needs as objects afterwards (history,
    ratings, audit events), this skips building a model instance per row.
    """
    if not rows:
        return
    connection = _connection(model)
    if connection.vendor not in ("sqlite", "postgresql"):  # pragma: no cover
        model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH_SIZE)
        return
    fields = list(model._meta.concrete_fields)
    ids = iter(_reserve_ids(connection, model, len(rows)))
    now = timezone.now()
    plan: list[tuple[str, Any, Callable | None, bool]] = []
    for field in fields:
        if field.primary_key:
            continue
        to_db = _converter(field, connection)
        if _stamped(field):
            plan.append((field.attname, now if to_db is None else to_db(now), None, True))
        else:
            plan.append((field.attname, field.get_default(), to_db, False))
    values = []
    for row in rows:
        out = [next(ids)]
        for name, default, to_db, constant in plan:
            value = default if constant else row.get(name, default)
            out.append(value if to_db is None else to_db(value))
        values.append(out)
    pk = model._meta.pk
    _write(connection, model, [pk] + [f for f in fields if not f.primary_key], values)
