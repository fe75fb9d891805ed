"""Time the Excel import and export on generated data, in a throwaway test database.

    PENATA_ENV=test .venv/bin/python bench/import_excel.py [--employees 10000] [--export 50000]
    DATABASE_URL=postgres://... PENATA_ENV=test .venv/bin/python bench/import_excel.py

Steps: create N employees from one file, import the same file again (nothing changes),
change every employee's phone (N updates through ``employee_update``), move and promote
a tenth of them, then export a larger set.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("PENATA_ENV", "test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from penata.workforce.imports.columns import EMPLOYEE_COLUMNS  # noqa: E402

HEADER = [c.name for c in EMPLOYEE_COLUMNS]
POSITIONS = 1000


def nips(count: int):
    """Distinct valid PNS numbers with their birth date and sex."""
    produced = 0
    for day in range(10_000):
        birth = date(1965 + day % 30, 1 + (day // 30) % 12, 1 + (day // 360) % 28)
        for sequence in range(1, 200):
            if produced == count:
                return
            sex = "M" if sequence % 2 else "F"
            nip = f"{birth:%Y%m%d}{birth.year + 25:04d}03{'1' if sex == 'M' else '2'}{sequence:03d}"
            produced += 1
            yield nip, birth, sex


def workbook(rows) -> io.BytesIO:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Employees")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def employee_rows(count: int, *, phone: str = "0811", moved: int = 0, offset: int = 0):
    for index, (nip, birth, sex) in enumerate(nips(count + offset)):
        if index < offset:
            continue
        number = index - offset
        position = (index % POSITIONS) + 1
        start = date(2020, 1, 6)
        rank = "III/a"
        if number < moved:
            position = (position % POSITIONS) + 1
            start = date(2025, 1, 6)
            rank = "III/b"
        yield [
            nip, "pns", f"Pegawai {index}", sex, birth, "Ternate", rank, "s1", "Administrasi Publik", "BENCH",
            f"BENCH-{position:05d}", start, "active", phone, f"p{index}@example.test", "Kota Ternate",
        ]  # fmt: skip


def timed(label: str, function):
    # CPU time of this process next to the wall time: on a busy machine the wall time
    # includes waiting for a core (for SQLite all the work is in this process).
    begin, cpu = time.perf_counter(), time.process_time()
    result = function()
    wall, used = time.perf_counter() - begin, time.process_time() - cpu
    print(f"{label:<52} {wall:7.2f} s wall {used:7.2f} s cpu  {result}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--export", type=int, default=50_000)
    args = parser.parse_args()

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # A file, as in use, not the in-memory database tests get.
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(path)
    old = setup_databases(verbosity=0, interactive=False)
    try:
        run(args)
    finally:
        teardown_databases(old, verbosity=0)


def run(args) -> None:
    from penata.organization.models import Agency, Position, Rank, Unit
    from penata.workforce.exporting import export_write
    from penata.workforce.imports import employees_import
    from penata.workforce.models import Employee, PositionHistory

    print(f"database: {connection.vendor}")
    agency = Agency.objects.create(code="BENCH", name="Dinas Uji", kind="dinas")
    unit = Unit.objects.create(agency=agency, code="U", name="Unit")
    low, high = Rank.objects.get(code="II/a"), Rank.objects.get(code="IV/e")
    Position.objects.bulk_create(
        Position(
            agency=agency,
            unit=unit,
            code=f"BENCH-{n:05d}",
            title=f"Jabatan {n}",
            position_class="pelaksana",
            min_rank=low,
            max_rank=high,
            headcount_needed=60,
        )
        for n in range(1, POSITIONS + 1)
    )
    count = args.employees

    def summary(result):
        return (
            f"created={result.created} updated={result.updated} unchanged={result.unchanged} "
            f"errors={len(result.errors)}"
        )

    source = timed(f"build a {count}-row workbook", lambda: workbook(employee_rows(count)))
    data = source.getvalue()
    timed(f"import {count} new employees", lambda: summary(employees_import(source=io.BytesIO(data))))
    timed(f"import the same {count} rows again", lambda: summary(employees_import(source=io.BytesIO(data))))
    changed = workbook(employee_rows(count, phone="0822")).getvalue()
    timed(
        f"import {count} phone changes (employee_update)",
        lambda: summary(employees_import(source=io.BytesIO(changed))),
    )
    moved = workbook(employee_rows(count, phone="0822", moved=count // 10)).getvalue()
    timed(
        f"import {count // 10} transfers + promotions",
        lambda: summary(employees_import(source=io.BytesIO(moved))),
    )
    print(f"employees={Employee.objects.count()} history={PositionHistory.objects.count()}")

    extra = max(0, args.export - count)
    if extra:
        more = workbook(employee_rows(extra, offset=count)).getvalue()
        timed(
            f"import {extra} more new employees", lambda: summary(employees_import(source=io.BytesIO(more)))
        )
    out = Path(tempfile.mkdtemp()) / "export.xlsx"
    timed(
        f"export {Employee.objects.count()} employees", lambda: export_write(kind="employees", out=str(out))
    )
    print(f"export size: {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
