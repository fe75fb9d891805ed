"""Bulk job–person match and talent grid against the database: the province-sized demo
(50,000 employees, ~20,000 positions, ~400,000 assessments) on PostgreSQL.

    .venv/bin/python bench/jpm_db.py [--load] [--employees 50000] [--repeat 3]
        [--database-url postgres://postgres@127.0.0.1:5432/penata_bench_jpm] [--no-results]

With ``--load`` the database is dropped and recreated, migrated, loaded with
``manage.py load_demo --employees N`` (timed) and ``VACUUM ANALYZE``d; without it, the
database must already hold the demo province. Each measurement then runs in a fresh
child process (so its peak RSS is its own): ``repeat`` timed calls (wall and CPU time),
the SQL queries of the first call, the peak RSS, and one more call under ``tracemalloc``
for the peak of Python (and numpy) allocations. Results are printed as a Markdown table
and written into ``bench/RESULTS.md`` between the ``jpm-db`` markers.

Measured: ``levels_that_count`` and ``standards_of`` alone (the two reads every bulk
call makes), ``jpm_table`` for all active employees × 5,000 positions and × every
position, ``own_position_jpm`` and ``talent_grid`` for the province, and ``talent_grid``
for one small agency (Disdukcapil) and the largest (Dikbud).
"""

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/penata_bench_jpm"
MARK_START, MARK_END = "<!-- jpm-db:start -->", "<!-- jpm-db:end -->"
YEAR = 2025
POSITIONS_SUBSET = 5000
CHILD_TIMEOUT = 1800

CASES = (
    ("levels", "`levels_that_count` (all active employees)"),
    ("standards", "`standards_of` (all positions)"),
    ("jpm_5000", "`jpm_table` (active × 5,000 positions)"),
    ("jpm_all", "`jpm_table` (active × all positions)"),
    ("own", "`own_position_jpm` (province)"),
    ("grid", "`talent_grid` (province)"),
    ("grid_dukcapil", "`talent_grid` (Disdukcapil)"),
    ("grid_dikbud", "`talent_grid` (Dikbud, the largest agency)"),
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_parts(url: str) -> tuple[dict, str]:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"} or parts.hostname not in {"127.0.0.1", "localhost"}:
        sys.exit("--database-url must be a postgres:// URL on 127.0.0.1")
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]*bench[a-z0-9_]*", name):
        sys.exit("the database name must contain 'bench' (--load drops and recreates it)")
    connect = {"host": parts.hostname, "port": parts.port or 5432, "user": parts.username or "postgres"}
    if parts.password:
        connect["password"] = parts.password
    return connect, name


def load(url: str, employees: int) -> dict:
    import psycopg
    from psycopg import sql

    connect, name = database_parts(url)
    with psycopg.connect(dbname="postgres", autocommit=True, **connect) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {**os.environ, "DATABASE_URL": url, "PENATA_ENV": "development", "DEBUG": "false"}
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    log(f"loading {employees:,} employees ...")
    started = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [python, "manage.py", "load_demo", "--employees", str(employees)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - started
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    started = time.perf_counter()
    with psycopg.connect(dbname=name, autocommit=True, **connect) as conn:
        conn.execute("VACUUM ANALYZE")
    return {"load_wall": wall, "load_cpu": cpu, "vacuum": time.perf_counter() - started}


# --- the child: one measurement -----------------------------------------------------------


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("PENATA_ENV", "development")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _case(name: str):
    """The call to measure and a description of its input and result."""
    from penata.competency import selectors
    from penata.organization.models import Position
    from penata.workforce.models import Employee

    active = Employee.objects.filter(status="active")
    positions = Position.objects.all()
    if name == "levels":
        return lambda: selectors.levels_that_count(employee_ids=active), lambda r: f"{len(r):,} employees"
    if name == "standards":
        return lambda: selectors.standards_of(position_ids=positions), lambda r: f"{len(r):,} positions"
    if name in ("jpm_5000", "jpm_all"):
        if name == "jpm_5000":
            last = positions.order_by("pk").values_list("pk", flat=True)[POSITIONS_SUBSET - 1]
            positions = positions.filter(pk__lte=last)

        def describe(table) -> str:
            rows, columns = table.scores.shape
            return f"{rows:,} × {columns:,} × {len(table.codes)} ({table.scores.nbytes / 2**20:,.0f} MiB)"

        return lambda: selectors.jpm_table(employees=active, positions=positions), describe
    if name == "own":
        return (
            lambda: selectors.own_position_jpm(employees=active),
            lambda r: f"{sum(v is not None for v in r.values()):,} of {len(r):,} with a JPM",
        )
    if name.startswith("grid"):
        agency = {"grid_dukcapil": "DISDUKCAPIL", "grid_dikbud": "DIKBUD"}.get(name)
        scope = active.filter(agency__code=agency) if agency else active
        return (
            lambda: selectors.talent_grid(employees=scope, year=YEAR),
            lambda g: f"{len(g.placements):,} placed, {len(g.unrated):,} unrated",
        )
    raise SystemExit(f"unknown case {name}")


def child(url: str, name: str, repeat: int) -> None:
    import gc
    import tracemalloc

    _setup(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call, describe = _case(name)
    connection.ensure_connection()
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    walls, cpus, queries, detail = [], [], 0, ""
    for attempt in range(repeat):
        gc.collect()
        with CaptureQueriesContext(connection) as captured:
            started, cpu = time.perf_counter(), time.process_time()
            result = call()
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        if attempt == 0:
            queries, detail = len(captured), describe(result)
        del result
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gc.collect()
    tracemalloc.start()
    call()
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "name": name,
                "walls": walls,
                "cpus": cpus,
                "queries": queries,
                "detail": detail,
                "base_rss_kib": base_rss,
                "peak_rss_kib": peak_rss,
                "traced_peak_bytes": traced_peak,
            }
        )
    )


# --- the parent ------------------------------------------------------------------------------


def facts(url: str) -> dict:
    import psycopg

    connect, name = database_parts(url)
    with psycopg.connect(dbname=name, **connect) as conn:
        count = lambda table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731, S608
        return {
            "employees": count("workforce_employee"),
            "active": conn.execute(
                "SELECT count(*) FROM workforce_employee WHERE status = 'active'"
            ).fetchone()[0],
            "positions": count("organization_position"),
            "standards": count("competency_positionstandard"),
            "assessments": count("competency_assessment"),
            "server": conn.execute("SHOW server_version").fetchone()[0],
        }


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import numpy

    load1, _load5, _load15 = os.getloadavg()
    return (
        f"{os.cpu_count()} cores, {memory:.1f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, numpy {numpy.__version__}, "
        f"load average {load1:.1f} at the start"
    )


def report(rows: list[dict], info: dict, loaded: dict | None) -> str:
    lines = [
        f"PostgreSQL {info['server']}, {info['active']:,} active of {info['employees']:,} employees, "
        f"{info['positions']:,} positions, {info['standards']:,} standard rows, "
        f"{info['assessments']:,} assessments. {machine()}; {time.strftime('%Y-%m-%d')}.",
        "",
    ]
    if loaded:
        lines += [
            f"`load_demo --employees {info['employees']}`: {loaded['load_wall']:.1f} s wall "
            f"({loaded['load_cpu']:.1f} s CPU in the loader), "
            f"then `VACUUM ANALYZE` {loaded['vacuum']:.1f} s.",
            "",
        ]
    lines += [
        "| call | best | median | CPU (median) | queries | peak RSS (Δ over Django) "
        "| tracemalloc peak | result |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        walls, cpus = sorted(row["walls"]), sorted(row["cpus"])
        delta = (row["peak_rss_kib"] - row["base_rss_kib"]) / 1024
        lines.append(
            f"| {row['label']} | {walls[0]:.2f} s | {walls[len(walls) // 2]:.2f} s | "
            f"{cpus[len(cpus) // 2]:.2f} s | {row['queries']} | "
            f"{row['peak_rss_kib'] / 1024:,.0f} MiB (+{delta:,.0f}) | "
            f"{row['traced_peak_bytes'] / 2**20:,.0f} MiB | {row['detail']} |"
        )
    return "\n".join(lines)


def results_write(text: str) -> None:
    section = (
        f"{MARK_START}\n## Job–person match and talent grid on the database\n\n"
        f"`bench/jpm_db.py` (see README).\n\n{text}\n{MARK_END}"
    )
    current = RESULTS_FILE.read_text(encoding="utf-8") if RESULTS_FILE.exists() else ""
    if MARK_START in current and MARK_END in current:
        before, rest = current.split(MARK_START, 1)
        _old, after = rest.split(MARK_END, 1)
        current = before + section + after
    else:
        current = current.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS_FILE.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--load", action="store_true", help="drop, recreate and load the database first")
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", choices=[c for c, _l in CASES], help="run only these cases")
    parser.add_argument("--no-results", action="store_true", help="print only, leave RESULTS.md alone")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.database_url, args.child, args.repeat)
        return
    database_parts(args.database_url)
    loaded = load(args.database_url, args.employees) if args.load else None
    info = facts(args.database_url)
    rows = []
    for name, label in CASES:
        if args.only and name not in args.only:
            continue
        log(f"{name} ...")
        done = subprocess.run(
            [sys.executable, __file__, "--child", name, "--repeat", str(args.repeat),
             "--database-url", args.database_url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
        )  # fmt: skip
        if done.returncode != 0:
            log(done.stderr)
            sys.exit(f"{name} failed")
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["label"] = label
        rows.append(row)
        log(f"  {min(row['walls']):.2f} s, {row['peak_rss_kib'] / 1024:,.0f} MiB, {row['detail']}")
    text = report(rows, info, loaded)
    print(text)
    if not args.no_results:
        results_write(text)


if __name__ == "__main__":
    main()
