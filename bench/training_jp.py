"""The province JP compliance report on PostgreSQL: 50,000 employees, 500,000 ledger entries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/penata_bench_jp .venv/bin/python bench/training_jp.py
    .venv/bin/python bench/training_jp.py [--database-url URL] [--employees 50000]
        [--entries 500000] [--in-year 0.8] [--year 2026] [--repeat 7] [--no-load] [--explain]
        [--no-results]

Steps:
1. (unless ``--no-load``) drop and create the bench database (its name must contain
   ``bench``, its host be 127.0.0.1), ``migrate`` it, then write the data with COPY:
   42 agencies of very different sizes (a few large offices, many small ones), the
   employees (about 95% active, 3% on leave, 2% retired), 60 programs, 2,000 completed
   sessions, one completed enrolment per session entry, one verified external-training
   claim per external entry, and the ledger entries themselves: 80% from sessions, 20%
   external, ``--in-year`` of them in the measured year and the rest in the year before.
   How many entries each person has follows a skewed weight, so some reach the 20 JP
   target many times over and others have nothing. Then ``VACUUM ANALYZE``, as autovacuum
   would leave a running server.
2. time, in-process, after one warm-up call each: ``jp_compliance`` for every agency, the
   first page of those behind across the province, both together (the province report,
   target ≤ 500 ms), the same for the largest agency, the last page of those behind, the
   compliance page through Django's test client (province administrator, and one agency),
   and the Excel export of the whole province (once).
3. print a Markdown report and write it into ``bench/RESULTS.md`` between the
   ``training-jp`` markers. The database is kept, to look at plans (``--explain`` prints
   ``EXPLAIN (ANALYZE, BUFFERS)`` of the two report queries).
"""

import argparse
import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from foundation import results_write
from jpm_db import database_parts, log

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/penata_bench_jp"
TARGET_MS = 500
AGENCIES = 42
PROGRAMS = 60
SESSIONS = 2000
PAGE_SIZE = 25
SEED = 2026


def recreate_and_migrate(url: str) -> float:
    import psycopg
    from psycopg import sql

    connect, name = database_parts(url)
    with psycopg.connect(dbname="postgres", autocommit=True, **connect) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {**os.environ, "DATABASE_URL": url, "PENATA_ENV": "development", "DEBUG": "false"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("PENATA_ENV", "development")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- the data ------------------------------------------------------------------------------


def copy_rows(model, fields: list[str], rows) -> int:
    """COPY ``rows`` (tuples in the order of ``fields``) into ``model``'s table."""
    from django.db import connection

    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def ids_of(model, **filters) -> list[int]:
    return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


def load(*, employees: int, entries: int, in_year: float, year: int) -> dict:
    from django.db import connection, transaction

    from penata.organization.models import Agency, Rank
    from penata.training.models import (
        Enrolment,
        ExternalTraining,
        JpLedgerEntry,
        Program,
        TrainingForm,
        TrainingSession,
    )
    from penata.workforce.models import Employee

    rng = random.Random(SEED)
    now = datetime(year, 11, 1, tzinfo=UTC)
    stamps = (now, now)
    timings: dict[str, float] = {}

    def step(name: str, started: float) -> None:
        timings[name] = time.perf_counter() - started
        log(f"  {name}: {timings[name]:.1f} s")

    with transaction.atomic():
        started = time.perf_counter()
        kinds = ["dinas", "badan", "biro", "rsud", "inspektorat", "sekretariat"]
        copy_rows(
            Agency,
            ["code", "name", "kind", "serves_public", "created_at", "updated_at"],
            (
                (f"OPD{n:02d}", f"Perangkat Daerah {n:02d}", kinds[n % len(kinds)], n % 3 != 0, *stamps)
                for n in range(1, AGENCIES + 1)
            ),
        )
        agency_ids = ids_of(Agency)
        # A few large offices (education, health) and many small ones.
        agency_weights = list(accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(agency_ids))))
        rank_ids = ids_of(Rank)
        seen_nips: set[str] = set()

        def nip(birth: date, sex: str) -> str:
            appointed = birth.year + rng.randint(22, 32)
            for sequence in range(1, 1000):
                value = f"{birth:%Y%m%d}{appointed:04d}{rng.randint(1, 12):02d}{sex}{sequence:03d}"
                if value not in seen_nips:
                    seen_nips.add(value)
                    return value
            raise RuntimeError("no free NIP")

        def employee_rows():
            for n in range(employees):
                birth = date(1965, 1, 1) + timedelta(days=rng.randrange(35 * 365))
                sex = rng.choice("12")
                status = rng.choices(["active", "on_leave", "retired"], weights=[95, 3, 2])[0]
                yield (
                    nip(birth, sex),
                    "pns",
                    f"Pegawai {n:05d}",
                    "M" if sex == "1" else "F",
                    birth,
                    "Ternate",
                    rng.choice(rank_ids),
                    "s1",
                    "",
                    rng.choices(agency_ids, cum_weights=agency_weights)[0],
                    status,
                    "",
                    "",
                    "",
                    "",
                    *stamps,
                )

        copy_rows(
            Employee,
            [
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
                "status",
                "phone",
                "email",
                "home_regency",
                "interest_note",
                "created_at",
                "updated_at",
            ],
            employee_rows(),
        )
        employee_ids = ids_of(Employee)
        step("employees", started)

        started = time.perf_counter()
        forms = list(TrainingForm.values)
        program_jp = [1, 2, 2, 2, 3, 3, 4, 4, 6, 8]
        copy_rows(
            Program,
            [
                "code",
                "title",
                "form",
                "focus",
                "modality",
                "jp",
                "provider",
                "description",
                "prerequisites",
                "attendance_min_percent",
                "is_active",
                "created_at",
                "updated_at",
            ],
            (
                (
                    f"PRG-{n:03d}",
                    f"Program Pengembangan {n:03d}",
                    forms[n % len(forms)],
                    "digital_service",
                    "blended",
                    program_jp[n % len(program_jp)],
                    "BPSDM Provinsi Maluku Utara",
                    "",
                    "",
                    80,
                    True,
                    *stamps,
                )
                for n in range(PROGRAMS)
            ),
        )
        programs = list(Program.objects.order_by("pk").values_list("pk", "jp", "title", "form"))
        # Sessions: four in five in the measured year, the rest the year before.
        session_rows = []
        for n in range(SESSIONS):
            session_year = year if n < SESSIONS * 4 // 5 else year - 1
            start = date(session_year, 1, 6) + timedelta(days=rng.randrange(320))
            session_rows.append((n, session_year, start, programs[n % len(programs)]))
        copy_rows(
            TrainingSession,
            [
                "program",
                "code",
                "start_date",
                "end_date",
                "place",
                "capacity",
                "seats_taken",
                "organizer",
                "trainers",
                "status",
                "note",
                "created_at",
                "updated_at",
            ],
            (
                (program[0], f"SES-{n:05d}", start, start + timedelta(days=2), "Sofifi", 10000, 0,
                 agency_ids[n % len(agency_ids)], "", "completed", "", *stamps)
                for n, _y, start, program in session_rows
            ),
        )  # fmt: skip
        session_ids = ids_of(TrainingSession)
        sessions_by_year: dict[int, list] = {year: [], year - 1: []}
        for n, session_year, start, program in session_rows:
            sessions_by_year[session_year].append((session_ids[n], start + timedelta(days=2), program))
        step("programs and sessions", started)

        # Who gets the entries: a skewed weight per person (some train a lot, some never).
        weights = list(accumulate(rng.expovariate(1.0) ** 1.6 for _ in employee_ids))
        session_entries = entries * 4 // 5
        external_entries = entries - session_entries

        started = time.perf_counter()
        pairs: set[tuple[int, int]] = set()
        enrolments = []  # (employee, session, end, program)
        while len(enrolments) < session_entries:
            entry_year = year if rng.random() < in_year else year - 1
            employee = rng.choices(employee_ids, cum_weights=weights)[0]
            session, end, program = rng.choice(sessions_by_year[entry_year])
            if (session, employee) in pairs:
                continue
            pairs.add((session, employee))
            enrolments.append((employee, session, end, program))
        copy_rows(
            Enrolment,
            ["session", "employee", "status", "nominated", "motivation", "decision_note", "completed_at",
             "created_at", "updated_at"],
            ((session, employee, "completed", False, "", "", now, *stamps)
             for employee, session, _end, _program in enrolments),
        )  # fmt: skip
        enrolment_ids = ids_of(Enrolment)
        step("enrolments", started)

        started = time.perf_counter()
        externals = []  # (employee, start, end, jp)
        for _ in range(external_entries):
            entry_year = year if rng.random() < in_year else year - 1
            employee = rng.choices(employee_ids, cum_weights=weights)[0]
            end = date(entry_year, 1, 10) + timedelta(days=rng.randrange(300))
            externals.append((employee, end - timedelta(days=1), end, rng.choice([1, 2, 2, 3, 4, 8])))
        copy_rows(
            ExternalTraining,
            ["employee", "title", "provider", "form", "start_date", "end_date", "jp", "evidence",
             "evidence_name", "evidence_content_type", "evidence_size", "status", "decision_note",
             "decided_at", "created_at", "updated_at"],
            ((employee, "Webinar Nasional ASN", "Kementerian PANRB", "seminar", start, end, jp,
              f"training/evidence/{employee}/bench.pdf", "sertifikat.pdf", "application/pdf", 48_000,
              "verified", "", now, *stamps)
             for employee, start, end, jp in externals),
        )  # fmt: skip
        external_ids = ids_of(ExternalTraining)
        step("external training", started)

        started = time.perf_counter()

        def entry_rows():
            for enrolment_id, (employee, _session, end, program) in zip(
                enrolment_ids, enrolments, strict=True
            ):
                _pk, jp, title, form = program
                yield (employee, end.year, jp, "session", enrolment_id, None, title, form, end, *stamps)
            for claim_id, (employee, _start, end, jp) in zip(external_ids, externals, strict=True):
                title = "Webinar Nasional ASN"
                yield (employee, end.year, jp, "external", None, claim_id, title, "seminar", end, *stamps)

        copy_rows(
            JpLedgerEntry,
            ["employee", "year", "jp", "source", "enrolment", "external_training", "title", "form",
             "completed_on", "created_at", "updated_at"],
            entry_rows(),
        )  # fmt: skip
        step("ledger entries", started)

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    step("vacuum analyze", started)
    return timings


# --- the measurements ----------------------------------------------------------------------


def timed(call, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm-up: connection, compiled queries, caches
    walls, queries = [], 0
    for attempt in range(repeat):
        gc.collect()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            walls.append(time.perf_counter() - started)
        if attempt == 0:
            queries = len(captured)
    return {"walls": walls, "queries": queries}


def measure(year: int, repeat: int, explain: bool) -> tuple[list[dict], dict]:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from penata.accounts.models import Role, User
    from penata.organization.models import Agency
    from penata.training.selectors_ledger import jp_compliance
    from penata.training.views_ledger import compliance_workbook

    largest = Agency.objects.annotate(n=Count("employees")).order_by("-n").first()
    report = jp_compliance(year=year)
    facts = {
        "agencies": len(report.agencies),
        "counted": report.counted,
        "at_target": report.at_target,
        "share": report.share,
        "behind": report.behind_count,
        "largest": largest.code,
        "largest_staff": largest.n,
    }
    last_page = max(1, -(-report.behind_count // PAGE_SIZE))

    def province_compliance():
        return jp_compliance(year=year).agencies

    def province_first_page():
        return list(report.behind_paginator(PAGE_SIZE).get_page(1).object_list)

    def province_report():
        fresh = jp_compliance(year=year)
        return fresh.agencies, list(fresh.behind_paginator(PAGE_SIZE).get_page(1).object_list)

    def province_report_from_totals():
        # The worst case for a first page: fewer people without any JP than a page holds
        # (late in a good year), so the page is read from the year's totals.
        fresh = jp_compliance(year=year)
        fresh.behind._without_jp = 0
        return fresh.agencies, list(fresh.behind_paginator(PAGE_SIZE).get_page(1).object_list)

    def agency_report():
        fresh = jp_compliance(year=year, agency_ids=[largest.pk])
        return fresh.agencies, list(fresh.behind_paginator(PAGE_SIZE).get_page(1).object_list)

    def province_last_page():
        fresh = jp_compliance(year=year)
        return fresh.agencies, list(fresh.behind_paginator(PAGE_SIZE).get_page(last_page).object_list)

    def export():
        fresh = jp_compliance(year=year)
        return compliance_workbook(fresh, fresh.agencies)

    admin, _created = User.objects.get_or_create(
        username="bench_jp_admin",
        defaults={"full_name": "Bench", "role": Role.PROVINCE_ADMIN, "agency": largest},
    )
    client = Client()
    client.force_login(admin)

    def page(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        return get

    cases = [
        ("`jp_compliance` for every agency", province_compliance, repeat),
        (f"first page of those behind, province ({PAGE_SIZE} rows)", province_first_page, repeat),
        ("**province report** (both together)", province_report, repeat),
        ("province report, first page read from the year's totals (worst case)", province_report_from_totals,
         repeat),
        (f"agency report, largest agency {largest.code} ({largest.n:,} staff)", agency_report, repeat),
        (f"province report, last page of those behind (page {last_page:,})", province_last_page, repeat),
        ("page `/training/jp/compliance/` (province administrator)",
         page(f"/training/jp/compliance/?year={year}"), repeat),
        (f"page `/training/jp/compliance/?agency={largest.code}`",
         page(f"/training/jp/compliance/?year={year}&agency={largest.code}"), repeat),
        ("Excel export, province (every agency and everyone behind)", export, 1),
    ]  # fmt: skip
    rows = []
    for label, call, times in cases:
        log(f"{label} ...")
        row = {"label": label, **timed(call, times)}
        best, median = min(row["walls"]) * 1000, statistics.median(row["walls"]) * 1000
        log(f"  best {best:.0f} ms, median {median:.0f} ms")
        rows.append(row)

    if explain:
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            province_report()
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                log("--- " + query["sql"][:200])
                for (line,) in cursor.fetchall():
                    log(line)
    return rows, facts


# --- the report ----------------------------------------------------------------------------


def machine(url: str) -> str:
    import psycopg

    connect, name = database_parts(url)
    with psycopg.connect(dbname=name, **connect) as conn:
        server = conn.execute("SHOW server_version").fetchone()[0]
        settings = {key: conn.execute(f"SHOW {key}").fetchone()[0] for key in ("shared_buffers", "work_mem")}
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load1, _load5, _load15 = os.getloadavg()
    return (
        f"PostgreSQL {server} (shared_buffers {settings['shared_buffers']}, "
        f"work_mem {settings['work_mem']}); "
        f"{os.cpu_count()} cores, {memory:.1f} GiB, Python {platform.python_version()}, "
        f"load average {load1:.1f} at the start of the measurements"
    )


def counts(url: str, year: int) -> dict:
    import psycopg

    connect, name = database_parts(url)
    with psycopg.connect(dbname=name, **connect) as conn:
        one = lambda sql, *args: conn.execute(sql, args).fetchone()[0]  # noqa: E731
        return {
            "employees": one("SELECT count(*) FROM workforce_employee"),
            "active": one("SELECT count(*) FROM workforce_employee WHERE status = 'active'"),
            "entries": one("SELECT count(*) FROM training_jpledgerentry"),
            "in_year": one("SELECT count(*) FROM training_jpledgerentry WHERE year = %s", year),
            "enrolments": one("SELECT count(*) FROM training_enrolment"),
            "externals": one("SELECT count(*) FROM training_externaltraining"),
        }


def report(rows: list[dict], facts: dict, info: dict, year: int, timings: dict | None, setting: str) -> str:
    lines = [
        f"{info['employees']:,} employees ({info['active']:,} active) in {facts['agencies']} agencies; "
        f"{info['entries']:,} ledger entries ({info['in_year']:,} of them in {year}; "
        f"{info['enrolments']:,} from completed enrolments, {info['externals']:,} from verified external "
        f"training). {setting}; {time.strftime('%Y-%m-%d')}.",
        "",
        f"Result for {year}: {facts['at_target']:,} of {facts['counted']:,} active ASN at or above "
        f"the target ({facts['share']:.1f}%), {facts['behind']:,} behind.",
        "",
    ]
    if timings:
        total = sum(timings.values())
        parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
        lines += [f"Load with COPY: {total:.1f} s ({parts}).", ""]
    lines += [
        "| measurement | best | median | max | queries |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        walls = sorted(row["walls"])
        lines.append(
            f"| {row['label']} | {walls[0] * 1000:,.0f} ms | {statistics.median(walls) * 1000:,.0f} ms | "
            f"{walls[-1] * 1000:,.0f} ms | {row['queries']} |"
        )
    province = next(row for row in rows if row["label"].startswith("**province report**"))
    median = statistics.median(province["walls"]) * 1000
    verdict = "met" if median <= TARGET_MS else "**missed**"
    lines += ["", f"Target: the province report ≤ {TARGET_MS} ms — median {median:,.0f} ms, {verdict}."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    env_url = os.environ.get("DATABASE_URL", "")
    parser.add_argument("--database-url", default=env_url if "bench" in env_url else DEFAULT_URL)
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--entries", type=int, default=500_000)
    parser.add_argument(
        "--in-year", type=float, default=0.8, help="share of the entries in the measured year"
    )
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-load", action="store_true", help="measure the database as it is")
    parser.add_argument("--explain", action="store_true", help="print the plan of the list of those behind")
    parser.add_argument("--no-results", action="store_true", help="print only, leave RESULTS.md alone")
    args = parser.parse_args()

    database_parts(args.database_url)
    timings = None
    if not args.no_load:
        log(f"recreating and migrating {args.database_url} ...")
        migrate = recreate_and_migrate(args.database_url)
        log(f"  migrate: {migrate:.1f} s")
    django_setup(args.database_url)
    if not args.no_load:
        log(f"loading {args.employees:,} employees and {args.entries:,} ledger entries ...")
        timings = load(employees=args.employees, entries=args.entries, in_year=args.in_year, year=args.year)
    setting = machine(args.database_url)
    rows, facts = measure(args.year, args.repeat, args.explain)
    text = report(rows, facts, counts(args.database_url, args.year), args.year, timings, setting)
    print(text)
    if not args.no_results:
        results_write(
            f"`bench/training_jp.py` (see README).\n\n{text}\n",
            section="training-jp",
            title="JP compliance report at province scale",
        )


if __name__ == "__main__":
    main()
